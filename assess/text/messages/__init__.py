"""The message catalogue: every problem, fix and notice a user reads, in Chinese and English.

Checks anywhere in the product describe what they found with a `Msg` (`assess.problems`): a key
and the values to fill in. The key's first part names the catalogue module that holds its words
(`sheet.formula` lives in `assess.text.messages.sheet`), which is loaded the first time one of
its messages is shown. Each module defines `MESSAGES = table({...})`: (zh, en) pairs whose
`{name}` fields are filled from the message's values (a questionnaire text, {zh: ..., en: ...}, in the
message's language) and whose `«term»`s come from the glossary.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from typing import Any

from assess.answers import Shown
from assess.model import MaturityQuestion, localize
from assess.problems import Msg, Problem
from assess.text.format import join, level, number, value_text, yes_no
from assess.text.glossary import pick, term

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}


@cache
def _catalogue(area: str) -> Mapping[str, tuple[str, str]]:
    return importlib.import_module(f"{__name__}.{area}").MESSAGES


def entry(key: str) -> tuple[str, str]:
    """The (zh, en) text of a message key; an unknown key is a bug, so it raises KeyError."""
    area = key.partition(".")[0]
    try:
        return _catalogue(area)[key]
    except ModuleNotFoundError:
        raise KeyError(key) from None


def say(m: Msg | str | None, locale: str) -> str:
    """A message in `locale` (zh, else English), its values filled in, each in the same language."""
    if m is None:
        return ""
    if isinstance(m, str):
        return m
    text = pick(entry(m.key), locale)
    if not m.args:
        return text
    return text.format(**{k: _arg(v, locale) for k, v in m.args})


def _arg(v: Any, locale: str) -> str:
    if isinstance(v, Msg):
        return say(v, locale)
    if isinstance(v, Shown):  # a level by its number: its descriptor is a paragraph, too long inside a line
        if isinstance(v.question, MaturityQuestion) and isinstance(v.value, int) and not isinstance(v.value, bool):
            return level(v.value, locale)
        return value_text(v.question, v.value, locale)
    if isinstance(v, bool):
        return yes_no(v, locale)
    if isinstance(v, int | float):
        return number(v)
    if isinstance(v, list | tuple | set | frozenset):
        return join((_arg(x, locale) for x in v), locale)
    if isinstance(v, dict):  # a text of the questionnaire ({zh: ..., en: ...}): in the same language
        return localize(v, locale)
    return str(v)


def problem_text(p: Problem, locale: str, *, file: bool = True) -> str:
    """One problem on one line: place, message, and how to fix it."""
    colon = "：" if locale == "zh" else ": "
    place = ": ".join(x for x in ((p.file if file else ""), p.where) if x)
    text = say(p.message, locale)
    if place:
        text = f"{place}{colon}{text}"
    if p.fix:
        text += f" → {say(p.fix, locale)}"  # an arrow, not brackets: messages have brackets of their own
    if p.severity != "error":
        text = f"{term('severity.' + p.severity, locale)}{colon}{text}"
    return text


def problem_fields(p: Problem, locale: str) -> dict[str, str]:
    """A problem as data for JSON, CSV and workbook rows: its kind, severity, place and words."""
    return {"code": p.code, "severity": p.severity, "file": p.file, "where": p.where,
            "message": say(p.message, locale), "fix": say(p.fix, locale)}


def by_severity(problems: list[Problem]) -> list[Problem]:
    """Errors first, then warnings, then notices; otherwise as found."""
    return sorted(problems, key=lambda p: SEVERITY_ORDER.get(p.severity, 3))
