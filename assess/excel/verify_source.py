"""`assess verify REPORT --source FILE`: was the report made from this answer file or answer sheet?

The report embeds the answers it was scored from (`assess.excel.report_data`) and the SHA-256 of the
file they were read from. The source, read again the way `assess report` reads it (the command
line's `load_answers_and_questionnaire`), must hold exactly the embedded answers: both are compared
in canonical form (`assess.canonical`), after the same redaction when the report is redacted, and
every difference is named (question, field, the report's value and the file's). What the reader
did not use, and what was typed for it, must match as well. Whether the file is byte for byte the
one recorded is said beside: a file saved again holds the same answers under another SHA-256, and
a SHA-256 copied into forged data proves nothing when the answers differ.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from assess.answers import AnswerSet, company_key
from assess.canonical import canonical_bytes
from assess.excel import report_data
from assess.excel.sheet_format import card_answer_of
from assess.model import QuestionBase, Questionnaire
from assess.problems import Msg, Problem, msg
from assess.rules import question_index
from assess.text.format import value_text, yes_no
from assess.text.glossary import term

MAX_LISTED = 200
"""Differences listed before the rest are only counted."""
OTHER_COMPANY_LISTED = 10
"""Differences listed from a source file of another company."""
ANSWER_FIELDS = ("value", "status", "evidence_state", "evidence", "note", "by", "at")
"""The fields of an answer named in words; any other is named by its key."""

_ABSENT = object()


@dataclass(slots=True)
class SourceCheck:
    problems: list[Problem] = field(default_factory=list)
    """Each difference between the embedded answers and the source's."""
    notes: list[Msg] = field(default_factory=list)
    """Whether the file is the very one recorded (by its SHA-256)."""
    same: Msg | None = None
    """What to say when the answers are the same."""


def compare_source(embedded: report_data.Embedded, answers: AnswerSet, rejected: dict[str, str], sha256: str,
                   label: str, cells: Mapping[str, object] | None = None,
                   q: Questionnaire | None = None, locale: str = "") -> SourceCheck:
    """Compare a report's embedded data with the answers read again from its source file `label`
    (`rejected`: what the reader did not use, `sha256`: of the file's bytes; `cells`: of a sheet, the
    cell each question's answer was read from, where a difference is named). With the questionnaire
    `q` and a `locale`, an answer's value is shown as its reader knows it (是, an option's label, a
    level with its descriptor), not as it is stored."""
    out = SourceCheck()
    recorded = embedded.meta.input_sha256
    if not recorded:
        out.notes.append(msg("report.source_sha_none"))
    elif recorded == sha256:
        out.notes.append(msg("report.source_sha_same"))
    else:
        out.notes.append(msg("report.source_sha_other", actual=sha256[:16], recorded=str(recorded)[:16]))
    if embedded.meta.redact:  # the report keeps what redaction keeps: so is the source compared
        answers = report_data.redact_answers(answers, report_data.named_as_made(embedded.meta))
    if report_data.made_before(embedded.meta, report_data.CARDS_LISTED_SINCE):  # it listed no card answers
        rejected = {k: v for k, v in rejected.items() if card_answer_of(str(k)) is None}
    ours = {"answers": embedded.answers.model_dump(mode="json", by_alias=True),
            "rejected": dict(embedded.quality.get("rejected", {}))}
    theirs = {"answers": answers.model_dump(mode="json", by_alias=True),
              "rejected": {str(k): str(v) for k, v in sorted(rejected.items())}}
    if canonical_bytes(ours) == canonical_bytes(theirs):
        out.same = msg("report.source_same", source=label, n=len(answers.answers),
                       redacted=msg("report.source_redacted") if embedded.meta.redact else "")
        return out
    other_company = company_key(embedded.answers.company.name) != company_key(answers.company.name)
    if other_company:  # said first: the rest follows
        out.problems.append(Problem(msg("report.source_other_company", source=answers.company.name or "—",
                                        report=embedded.answers.company.name or "—"), "company.name", label,
                                    fix=msg("report.source.fix")))
    questions = question_index(q) if q is not None else {}
    for path, in_report, in_file in differences(ours, theirs):
        if other_company and path[1:] == ("company", "name"):
            continue  # said above
        where, what = _named(path)
        # of an answer: which field differs ("" for the whole answer, present on one side only)
        part = (path[3] if len(path) > 3 else "") if len(path) > 2 and path[:2] == ("answers", "answers") else None
        question = questions.get(str(path[2])) if part in ("", "value") else None
        # on a sheet: the cell to open (the note's for a note, the option rows' for a multiple choice),
        # the question in the words
        cell = ((cells.get(f"{where} {part or 'value'}") if part is not None else None) or cells.get(where)) \
            if cells else None
        if cell is not None:
            where, what = str(cell), msg("report.source_at", question=where, what=what)
        shown = _show(in_report, question, locale, part), _show(in_file, question, locale, part)
        if shown[0] == shown[1]:  # worded alike (1.23457e+06 twice, a trailing space): as stored, then
            shown = _show(in_report), _show(in_file)
        out.problems.append(Problem(msg("report.source_differs", what=what, embedded=shown[0], source=shown[1]),
                                    where, label, fix=msg("report.source.fix")))
    # another company's file differs nearly everywhere: a few differences show it, the rest are counted
    listed = 1 + OTHER_COMPANY_LISTED if other_company else MAX_LISTED
    if len(out.problems) > listed:
        rest = len(out.problems) - listed
        out.problems = out.problems[:listed] + [Problem(msg("report.source_more", count=rest), file=label,
                                                        fix=msg("report.source.fix"))]
    return out


def differences(a: Any, b: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any, Any]]:
    """Every place where JSON data `a` and `b` differ: (path of keys and indexes, a's value, b's).
    Lists of the same length are compared item by item; values in canonical form (1 is not 1.0)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=_order):
            yield from differences(a.get(key, _ABSENT), b.get(key, _ABSENT), (*path, key))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and all(isinstance(x, dict) for x in a + b):
        # cards item by item; a list of values (a multiple choice's options, evidence) is one difference
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from differences(x, y, (*path, i))
    elif a is _ABSENT or b is _ABSENT or canonical_bytes(a) != canonical_bytes(b):
        yield path, a, b


def _order(key: Any) -> tuple[int, str]:
    """An answer's fields in the order a reader weighs them (its value first); other keys by name."""
    return (ANSWER_FIELDS.index(key) if key in ANSWER_FIELDS else len(ANSWER_FIELDS), str(key))


def _field(name: Any) -> Msg | str:
    return msg(f"report.source_field.{name}") if name in ANSWER_FIELDS else str(name)


def _named(path: tuple[Any, ...]) -> tuple[str, Msg | str]:
    """Where a difference is (a question id, a card, a field of the answer file) and what it is."""
    top, rest = path[0], path[1:]
    if top == "rejected":
        return str(rest[0]) if rest else "", msg("report.source_field.rejected")
    kind, rest = (rest[0], rest[1:]) if rest else ("", ())
    if kind == "answers" and rest:
        return str(rest[0]), _field(rest[1]) if len(rest) > 1 else msg("report.source_field.answer")
    if kind == "cards" and len(rest) >= 2:
        card = f"{rest[0]}[{rest[1] + 1}]" if isinstance(rest[1], int) else str(rest[0])
        inner = rest[2:]
        if len(inner) >= 2 and inner[0] == "answers":
            return f"{card} {inner[1]}", _field(inner[2]) if len(inner) > 2 else msg("report.source_field.answer")
        return card, ".".join(map(str, inner)) or msg("report.source_field.card")
    return ".".join(map(str, (kind, *rest))), msg("report.source_field.other")


def _show(v: Any, question: QuestionBase | None = None, locale: str = "", part: Any = "") -> Msg | str:
    """A value as a reader knows it when `locale` is given (是, an option's label, a level with its
    descriptor, a status or evidence state in words), else as stored."""
    if v is _ABSENT or v is None or v == "" or v == []:
        return msg("report.empty_cell")
    if locale and part in ("status", "evidence_state") and isinstance(v, str):
        key = f"status.{v}" if part == "status" else f"evidence.{v}"
        with suppress(KeyError):
            return term(key, locale)
    if locale and question is not None:  # an answer's value, or a whole answer: as its reader knows it
        if isinstance(v, dict):
            status = v.get("status")
            if status in ("na", "dont_know"):
                return term(f"status.{status}", locale)
            v = v.get("value")
        return value_text(question, v, locale).rstrip("。")  # a level's descriptor ends a sentence; the line goes on
    if locale and isinstance(v, bool):
        return yes_no(v, locale)
    if locale and (isinstance(v, str) or (isinstance(v, list) and v and all(isinstance(x, str) for x in v))):
        quote, sep = ("“{}”", "、") if locale == "zh" else ("'{}'", ", ")  # a note, the evidence named
        text = sep.join(quote.format(x) for x in ([v] if isinstance(v, str) else v))
        return text if len(text) <= 80 else text[:77] + "…"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    text = canonical_bytes(v).decode("utf-8") if isinstance(v, dict | list) else repr(v)
    return text if len(text) <= 80 else text[:77] + "…"
