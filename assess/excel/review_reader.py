"""Reading a filled review workbook back (`assess review --apply`), and finding the answers to review.

The guard looks at the file first; python-calamine reads its cells. The hidden data sheet gives
the reviewed answers (digest checked, `assess.excel.report_data.parse`), and the review sheet is
compared with what was written (`assess.excel.review_sheet.review_layout`): a formula anywhere, an
edited claimed cell or heading, a deleted, repeated or extra row, a decision that is not one of
the drop-down's words (in either language), a corrected answer the question does not accept or
given without "accepted", a decision without the reviewer's name, a date that is not one: each is
a problem naming its cell and the fix, and any error refuses the workbook. Nothing is used on a
guess. What comes out is the answer set with a `Review` on every answer decided.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assess.answers import AnswerSet, Change, Review, Value, utc_now
from assess.content.yaml_file import ContentError
from assess.excel import report_data
from assess.excel.a1 import a1
from assess.excel.review_sheet import (
    ADJUSTED_COL,
    CLAIMED,
    COLUMNS,
    COMMENT_COL,
    DATE_ROW,
    DECISION_COL,
    DIGEST_ROW,
    HEADER_ROW,
    REVIEWER_ROW,
    VALUE_COL,
    ReviewLayout,
    decision_words,
    review_layout,
)
from assess.model import MultiSelectQuestion, QuestionBase, Questionnaire
from assess.problems import Msg, Problem, Severity, errors, msg
from assess.rules import check_value, question_index
from assess.text.review_labels import DECISIONS, LABELS, SHEETS
from assess.text.review_labels import sheet_name as review_sheet_name


@dataclass(slots=True)
class Applied:
    """A review read back: the questionnaire, the answers with their reviews, what was noticed."""

    questionnaire: Questionnaire
    qhash: str
    answers: AnswerSet
    decisions: dict[str, Review] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """Warnings and notices (errors refuse the workbook: `read_review` raises them)."""


# --------------------------------------------------------------------------- the answers under review


def report_answers(path: Path, questionnaire: str | None = None) -> tuple[Questionnaire, str, AnswerSet] | None:
    """A gap report's embedded answers (its digest checked) with the questionnaire it was scored with,
    or None when the workbook is no gap report. Raises ContentError for a damaged report."""
    embedded = _report_embedded(path)
    if embedded is None:
        return None
    q, h = _questionnaire_of(embedded, questionnaire, str(path))
    return q, h, embedded.answers


def _report_embedded(path: Path) -> report_data.Embedded | None:
    """A gap report's embedded data, or None when the workbook is no gap report."""
    from assess.excel.guard import check_workbook
    from assess.excel.sheet_cells import READ_ERRORS, Book, Package, read_error
    from assess.excel.verify import data_sheet

    verdict = check_workbook(path, keep_parts=True)
    if not verdict.ok or verdict.data is None:
        return None  # the answer-sheet reader names why, with the kinds it takes
    try:
        book = Book(Package(verdict.data, verdict.parts))
        name = data_sheet(book.names)
        if name is None:
            return None
        return report_data.parse(book.rows(name), name)
    except report_data.EmbeddedError as e:
        raise ContentError([e.problem.at(str(path))]) from None
    except READ_ERRORS as e:
        raise ContentError([Problem(msg("report.unreadable", error=read_error(e)), file=str(path),
                                    fix=msg("report.unreadable.fix"))]) from None


def _questionnaire_of(embedded: report_data.Embedded, name: str | None, label: str) -> tuple[Questionnaire, str]:
    """The questionnaire release embedded data was scored with (exactly: id, version and hash)."""
    from assess.answers import QuestionnaireRef
    from assess.content.bundled import resolve

    ref = embedded.questionnaire
    q, h = resolve(name, None if name else QuestionnaireRef(**ref))
    if (q.id, q.version, h) != (ref["id"], ref["version"], ref["sha256"]):
        wanted = f"{ref['id']}@{ref['version']}"
        raise ContentError([Problem(msg("report.questionnaire_other",
                                        needed=msg("report.release", release=wanted, sha256=ref["sha256"]),
                                        given=msg("report.release", release=q.ref, sha256=h)), file=label,
                                    fix=msg("report.questionnaire_exact.fix", wanted=wanted))])
    return q, h


# --------------------------------------------------------------------------- the filled review


def read_review(path: str | Path, source: tuple[str, AnswerSet] | None = None,
                questionnaire: str | None = None) -> Applied:
    """Read a filled review workbook; with `source` (its name and its answers), check that it reviews
    those answers. Raises ContentError with every error found (nothing is applied then)."""
    from assess.canonical import digest
    from assess.excel.guard import check_workbook
    from assess.excel.sheet_cells import READ_ERRORS, Book, Package, TooLarge, read_error

    label = str(path)
    verdict = check_workbook(path, keep_parts=True)
    refusal = verdict.as_problem()
    if refusal is not None or verdict.data is None:
        raise ContentError([refusal] if refusal else [])
    try:
        book = Book(Package(verdict.data, verdict.parts))
        names = book.names
        sheet = next((n for n in names if n in SHEETS["review"]), None)
        data_name = next((n for n in names if n in SHEETS["data"]), None)
        if sheet is None or data_name is None:
            missing = review_sheet_name("review" if sheet is None else "data", "zh")
            raise ContentError([Problem(msg("review.not_review", sheet=missing), file=label,
                                        fix=msg("review.not_review.fix"))])
        embedded = report_data.parse(book.rows(data_name), data_name)
        grid = book.rows(sheet)
        formulas = book.formulas(sheet)
    except report_data.EmbeddedError as e:
        raise ContentError([Problem(e.problem.message, e.problem.where, label, fix=msg("review.remake.fix"))]) from None
    except TooLarge as e:
        raise ContentError([Problem(msg("report.range_too_large", sheet=e.sheet, row=f"{e.top:,}", column=e.width),
                                    f"{e.sheet}!A1", label, fix=msg("review.remake.fix"))]) from None
    except READ_ERRORS as e:
        raise ContentError([Problem(msg("report.unreadable", error=read_error(e)), file=label,
                                    fix=msg("report.unreadable.fix"))]) from None
    q, qhash = _questionnaire_of(embedded, questionnaire, label)
    if source is not None:
        given = digest(source[1])
        if given != embedded.answers_digest:
            raise ContentError([Problem(msg("review.other_assessment", review=embedded.answers_digest[:12],
                                            source=source[0], given=given[:12]),
                                        f"{sheet}!{a1(DIGEST_ROW, VALUE_COL)}", label,
                                        fix=msg("review.other_assessment.fix"))])
    lay = review_layout(q, embedded)
    reading = _Reading(q, lay, grid, formulas, sheet, label)
    decisions = reading.run()
    if errors(reading.problems):
        raise ContentError(reading.problems)
    cards = {r.rid: (*r.card, r.qid) for r in lay.rows if r.card is not None}
    return Applied(q, qhash, apply_reviews(embedded.answers, decisions, cards), decisions, reading.problems)


def apply_reviews(answers: AnswerSet, decisions: dict[str, Review],
                  cards: dict[str, tuple[str, str, str]] | None = None) -> AnswerSet:
    """The answers with each decision recorded on its answer, and in the change history. `decisions`
    are by row (`ReviewRow.rid`): a question id, or a card field's row named in `cards` with its
    (group id, card key, question id)."""
    out = answers.model_copy(deep=True)
    for rid, review in decisions.items():
        where = (cards or {}).get(rid)
        if where is None:
            qid, held, name = rid, out.answers, rid
        else:
            group, key, qid = where
            card = next(c for c in out.cards[group] if c.key == key)
            held, name = card.answers, f"cards.{group}[{key}].{qid}"
        old = held[qid].review
        held[qid] = held[qid].model_copy(update={"review": review})
        out.history.append(Change(at=review.at or utc_now(), by=review.by, question=f"{name}.review",
                                  old=old.decision if old is not None else None, new=review.decision))
    return out


def _decision_table() -> dict[str, str]:
    """Every word a decision cell may hold, normalised: the drop-down's words in both languages,
    and the codes themselves."""
    from assess.excel.sheet_values import norm

    out = {norm(d): d for d in DECISIONS}
    for d in DECISIONS:
        for word in LABELS[f"decision.{d}"]:
            out[norm(word)] = d
    return out


def _same(shown: Any, expected: Any) -> bool:
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        return isinstance(shown, int | float) and not isinstance(shown, bool) and math.isclose(
            shown, expected, rel_tol=1e-9, abs_tol=1e-9)
    return _text(shown) == _text(expected)


def _text(v: Any) -> str:
    """A cell's text as compared: line ends and trailing spaces as editors save them do not count."""
    from assess.excel.sheet_values import cell_text

    return "\n".join(line.rstrip() for line in cell_text(v).replace("\r\n", "\n").split("\n")).strip()


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


class _Reading:
    """One pass over the review sheet's cells, collecting decisions and problems."""

    def __init__(self, q: Questionnaire, lay: ReviewLayout, grid: list[list[Any]], formulas: dict[tuple[int, int], str],
                 sheet: str, label: str) -> None:
        self.q, self.lay, self.grid, self.formulas = q, lay, grid, formulas
        self.sheet, self.label = sheet, label
        self.problems: list[Problem] = []
        self.by_id = question_index(q)

    def cell(self, row: int, col: int) -> Any:
        g = self.grid
        return g[row][col] if row < len(g) and col < len(g[row]) else ""

    def add(self, message: Msg, row: int, col: int, fix: Msg | None = None, severity: Severity = "error") -> None:
        self.problems.append(Problem(message, f"{self.sheet}!{a1(row, col)}", self.label, severity, fix,
                                     typed=_text(self.cell(row, col))[:200]))

    def run(self) -> dict[str, Review]:
        for (row, col), formula in sorted(self.formulas.items()):  # 1-based in the XML
            self.add(msg("review.formula", formula=formula), row - 1, col - 1, msg("review.formula.fix"))
        self._top()
        self._headings()
        found = self._rows()
        if not found and not errors(self.problems):
            self.problems.append(Problem(msg("review.no_decisions"), f"{self.sheet}!{a1(HEADER_ROW, DECISION_COL)}",
                                         self.label, "error", msg("review.no_decisions.fix")))
        if found and not self.reviewer:
            self.add(msg("review.no_reviewer", n=len(found)), REVIEWER_ROW, VALUE_COL, msg("review.no_reviewer.fix"))
        return found

    def _clean(self, row: int, col: int, kind: str) -> str:
        """A typed text as an answer file takes it; a text it would refuse is a problem at its cell."""
        from assess.excel.sheet_values import cell_fault

        text = _text(self.cell(row, col))
        fault = cell_fault(text, kind)  # type: ignore[arg-type]
        if fault is not None:
            self.add(fault[0], row, col, fault[1])
            return ""
        return text

    def _top(self) -> None:
        self.reviewer = self._clean(REVIEWER_ROW, VALUE_COL, "field")
        self.date = ""
        raw = self.cell(DATE_ROW, VALUE_COL)
        if isinstance(raw, datetime | date):
            self.date = (raw.date() if isinstance(raw, datetime) else raw).isoformat()
        elif _text(raw):
            m = _DATE.match(_text(raw))
            try:
                self.date = date(*map(int, m.groups())).isoformat() if m else ""
            except ValueError:
                pass
            if not self.date:
                self.add(msg("review.bad_date", text=_text(raw)), DATE_ROW, VALUE_COL, msg("review.bad_date.fix"))
        shown = self.cell(DIGEST_ROW, VALUE_COL)
        if _text(shown) != self.lay.digest:
            self.add(msg("review.digest_edited", expected=self.lay.digest), DIGEST_ROW, VALUE_COL,
                     msg("review.remake.fix"))

    def _headings(self) -> None:
        for col, expected in enumerate(self.lay.headings):
            shown = self.cell(HEADER_ROW, col)
            if _text(shown) != expected:
                self.add(msg("review.heading_edited", expected=expected, shown=_text(shown)), HEADER_ROW, col,
                         msg("review.claimed_edited.fix"))

    def _rows(self) -> dict[str, Review]:
        expected = {r.rid: r for r in self.lay.rows}
        seen: dict[str, int] = {}
        table = _decision_table()
        found: dict[str, Review] = {}
        now = utc_now()
        for row in range(HEADER_ROW + 1, len(self.grid)):
            values = self.grid[row]
            for col in range(len(COLUMNS), len(values)):
                if _text(values[col]):
                    self.add(msg("review.extra_cell", shown=_text(values[col])[:40]), row, col,
                             msg("review.extra_cell.fix"), "warning")
            if not any(_text(v) for v in values[:len(COLUMNS)]):
                continue
            qid = _text(self.cell(row, 0))
            if qid in seen:
                self.add(msg("review.row_twice", id=qid, first=seen[qid] + 1), row, 0, msg("review.extra_row.fix"))
                continue
            if qid not in expected:
                self.add(msg("review.unknown_row", id=qid) if qid else msg("review.extra_row"), row, 0,
                         msg("review.extra_row.fix"))
                continue
            seen[qid] = row
            claimed = expected[qid]
            for col in CLAIMED:
                shown, want = self.cell(row, col), claimed.cells[col]
                if not _same(shown, want):
                    self.add(msg("review.claimed_edited", column=self.lay.headings[col], expected=_text(want),
                                 shown=_text(shown)), row, col, msg("review.claimed_edited.fix"))
            review = self._decision(row, claimed.question or self.by_id[claimed.qid], table, now)
            if review is not None:
                found[qid] = review
        for qid in expected:
            if qid not in seen:
                self.problems.append(Problem(msg("review.row_missing", id=qid), f"{self.sheet}", self.label, "error",
                                             msg("review.row_missing.fix")))
        return found

    def _decision(self, row: int, question: QuestionBase, table: dict[str, str], now: datetime) -> Review | None:
        from assess.excel.sheet_values import cell_fault, norm

        text = _text(self.cell(row, DECISION_COL))
        adjusted = self.cell(row, ADJUSTED_COL)
        comment = self._clean(row, COMMENT_COL, "note")
        if not text:
            if _text(adjusted) or comment:
                self.add(msg("review.no_decision"), row, DECISION_COL, msg("review.no_decision.fix"))
            return None
        decision = table.get(norm(text))
        if decision is None:
            self.add(msg("review.unknown_decision", text=text), row, DECISION_COL,
                     msg("review.unknown_decision.fix", choices=decision_words(self.lay.locale)))
            return None
        value: Value = None
        if _text(adjusted):
            if decision != "accepted":
                self.add(msg("review.value_not_accepted", decision=text), row, ADJUSTED_COL,
                         msg("review.value_not_accepted.fix"))
                return None
            value, why = _value(question, adjusted)
            fault = cell_fault(value, "text") if isinstance(value, str) else None
            if fault is not None:
                self.add(fault[0], row, ADJUSTED_COL, fault[1])
                return None
            if why is not None:
                from assess.excel.sheet_values import fix_for

                self.add(msg("review.bad_value", why=why), row, ADJUSTED_COL, fix_for(question, why))
                return None
        return Review(decision=decision, by=self.reviewer, at=now, date=self.date, comment=comment,  # type: ignore[arg-type]
                      value=value)


_SPLIT = re.compile(r"[,，;；、\n]+")


def _value(question: QuestionBase, raw: Any) -> tuple[Value, Msg | None]:
    """A corrected answer typed as an answer sheet takes it (`assess.excel.sheet_values.parse_value`;
    a multiple choice as its options separated by commas), and whether the question accepts it."""
    from assess.excel.sheet_values import lookup, option_codes, parse_value

    if isinstance(question, MultiSelectQuestion):
        parts = [p.strip() for p in _SPLIT.split(_text(raw)) if p.strip()]
        codes = option_codes(question)
        value: Value = [lookup(p, codes) or p for p in parts]
    else:
        value, why, _ = parse_value(question, raw)
        if why is not None:
            return None, why
    why = check_value(question, value)
    return (None, why) if why is not None else (value, None)
