"""Citations as a reader of a report knows them: by a short title (数据安全法, GB/T 22239-2019,
EU AI Act), not by the ids questions cite them with (`dsl#art-21`, `mlps-gbt-22239`).

Titles come from the bundled sources (seeds/*.yaml), read once a process; an id they do not know
is shown as it is. The JSON and CSV twins keep the ids, which name the exact fact cited.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assess.model import localize
from assess.sources import Source

MAX_TITLE = {"zh": 30, "en": 80}
"""Characters of a short title; a longer one is cut (at a word in English) with an ellipsis."""

_EN_PRC = re.compile(r"\s+of the People's Republic of China\b")
_CODE = re.compile(r"^(?:GB(?:/T)?|ISO(?:/IEC)?|IEC|IATF) ?[0-9][0-9:.\-]*")


@lru_cache(maxsize=1)
def bundled_sources() -> dict[str, Source]:
    """The bundled sources by id ({} if they cannot be read: the ids are shown instead)."""
    from assess.content.bundled import load_sources

    try:
        return load_sources()[0]
    except OSError:
        return {}


def _cut(text: str, locale: str) -> str:
    limit = MAX_TITLE[locale]
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if locale != "zh" and " " in cut:
        cut = cut.rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def short_title(source: Source, locale: str) -> str:
    """A source's title as it is usually called: the name in 《》 without 中华人民共和国 (with the
    code of a standard instead of its name); in English the title without "of the People's
    Republic of China" and parentheses, or a regulation's common name."""
    title = localize(source.title, locale).strip()
    code = _CODE.match(title)
    if code:
        return code.group(0)  # a standard: its code is what people cite
    number = (source.document_number or "").split(";")[0].strip()
    if locale == "zh":
        m = re.search(r"《([^》]+)》", title)
        if m and "：" not in title[: m.start()]:
            name = m.group(1).removeprefix("中华人民共和国")
            before = title[: m.start()]
            return _cut(before + name if 0 < len(before) <= 2 else name, locale)  # 欧盟《人工智能法》
        return _cut(re.split(r"[（(：:]", title)[0], locale)
    common = re.search(r"\(([^()]*(?:Act|Regulation|GDPR)[^()]*)\)\s*$", title)
    if title.startswith("Regulation (EU)") and common:
        return _cut(f"EU {common.group(1).split(',')[-1].strip()}", locale)  # "EU Artificial Intelligence Act"
    if title.startswith("Regulation (EU)") and number:
        return _cut(number, locale)
    title = _EN_PRC.sub("", title)
    return _cut(re.split(r"\s+\(|,\s", title)[0], locale)


def citation_titles(cites: list[str], locale: str) -> str:
    """`source#fact` ids as their sources' short titles, each once, in order."""
    sources = bundled_sources()
    seen: list[str] = []
    for cite in cites:
        sid = cite.split("#", 1)[0]
        src = sources.get(sid)
        title = short_title(src, locale) if src is not None else cite
        if title not in seen:
            seen.append(title)
    return ("；" if locale == "zh" else "; ").join(seen)
