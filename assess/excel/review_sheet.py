"""The review workbook (`assess review`): an auditor's decision on each answer, offline, in Excel,
WPS or LibreOffice.

One sheet lists every applicable, answered, scored question, then each card's answered, scored
fields (a row per card field, named `QID[card key]`), with what is claimed (the answer as
shown to people, the claimed score, the evidence state, references and note) and three cells for
the reviewer: the decision (a drop-down of the glossary's words), a corrected answer and a comment;
the reviewer's name and the review date sit on top. A hidden sheet carries the reviewed answers
themselves, in the embedded-data format of the gap report (`assess.excel.report_data`: canonical
JSON with its digest), so that the filled workbook is read back against exactly what was reviewed
(`assess.excel.review_reader`) and says which assessment it belongs to (the answers' digest, shown
on the sheet too).

`review_layout` is the one description of the sheet: the writer here puts it into a workbook with
xlsxwriter, and the reader compares the filled workbook with it, cell by cell. The claimed cells
are locked (the sheet is protected without a password, so any editor can lift it); the reviewer's
cells are not.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from assess.answers import AnswerSet
from assess.excel import report_data
from assess.excel.report_layout import _state_text, clip
from assess.model import QuestionBase, Questionnaire, localize
from assess.scoring import question_score, score
from assess.text.format import value_text
from assess.text.review_labels import DECISIONS, sheet_name, t

REVIEWER_ROW, DATE_ROW, DIGEST_ROW, INTRO_ROW, HEADER_ROW = 2, 3, 4, 5, 7
"""0-based rows of the reviewer's name, the review date, the answers' digest, the instructions and
the table's column titles; the questions follow the titles."""
VALUE_COL = 1
"""Column of the values beside the labels on top (B)."""

COLUMNS = (("col.id", 12), ("col.pillar", 14), ("col.question", 40), ("col.claimed", 30), ("col.score", 9),
           ("col.evidence_state", 12), ("col.evidence", 24), ("col.note", 24), ("col.decision", 14),
           ("col.value", 22), ("col.comment", 36))
CLAIMED = range(0, 8)
"""Columns that show what is reviewed (locked; an edit refuses the workbook)."""
DECISION_COL, ADJUSTED_COL, COMMENT_COL = 8, 9, 10


@dataclass(slots=True)
class ReviewRow:
    qid: str
    cells: tuple[Any, ...]
    """The claimed cells, columns A-H, as written; A names the row (`rid`)."""
    question: QuestionBase | None = None
    card: tuple[str, str] | None = None
    """(group id, card key) of a card's field; None for a pillar question."""

    @property
    def rid(self) -> str:
        """What the reviewer sees in column A: the question id, with a card's key after it."""
        return self.cells[0]


@dataclass(slots=True)
class ReviewLayout:
    locale: str
    company: str
    title: str
    ref: str
    digest: str
    """Digest of the canonical answers under review."""
    headings: tuple[str, ...]
    rows: list[ReviewRow] = field(default_factory=list)


def review_layout(q: Questionnaire, embedded: report_data.Embedded) -> ReviewLayout:
    """What the review sheet shows for these embedded answers: a row per applicable pillar question
    that is answered with a valid value and carries a score (counted, or a gate kept apart), then a
    row per field of each card of an asked group answered with a valid value that scores."""
    loc = embedded.meta.locale
    answers = embedded.answers
    a = score(q, answers)
    out = ReviewLayout(loc, answers.company.name, localize(q.title, loc), q.ref, embedded.answers_digest,
                       tuple(t(key, loc) for key, _ in COLUMNS))
    by_pillar = {p.id: localize(p.name, loc) for p in q.pillars}
    for pillar, question in q.all_questions():
        res = a.questions.get(question.id)
        if pillar is None or res is None or res.status != "answered" or res.score is None:
            continue
        given = answers.answers[question.id]
        out.rows.append(ReviewRow(question.id, (
            question.id, by_pillar[pillar.id], localize(question.prompt, loc),
            clip(value_text(question, given.value, loc), loc), res.score, _state_text(given, res, loc),
            clip("; ".join(given.evidence), loc), clip(given.note, loc)), question))
    out.rows.extend(_card_rows(q, answers, by_pillar, loc))
    return out


def _card_rows(q: Questionnaire, answers: AnswerSet, by_pillar: dict[str, str], loc: str) -> list[ReviewRow]:
    """A row per scoring field of each card (they enter no pillar score, but an auditor checks each
    scenario, agent or dataset as claimed), in the order the groups and cards were entered."""
    from assess.rules import check_value, group_applies, question_index

    by_id = question_index(q)
    out = []
    for pillar, group in q.card_groups():
        if not group_applies(q, pillar, group, answers, by_id):
            continue
        where = f"{by_pillar[pillar.id]} · {localize(group.name, loc)}"
        for card in answers.cards.get(group.id, []):
            for question in group.questions:
                given = card.answers.get(question.id)
                if given is None or given.status != "answered" or given.value is None \
                        or check_value(question, given.value) is not None:
                    continue
                points = question_score(question, given.value)
                if points is None:
                    continue
                out.append(ReviewRow(question.id, (
                    f"{question.id}[{card.key}]", where, localize(question.prompt, loc),
                    clip(value_text(question, given.value, loc), loc), points, _state_text(given, None, loc),
                    clip("; ".join(given.evidence), loc), clip(given.note, loc)), question, (group.id, card.key)))
    return out


def decision_words(locale: str) -> list[str]:
    """The drop-down's words, in the workbook's language."""
    return [t(f"decision.{d}", locale) for d in DECISIONS]


def render_review(q: Questionnaire, embedded: report_data.Embedded) -> bytes:
    """The review workbook's bytes."""
    from xlsxwriter import Workbook

    from assess.excel.xlsx_text import WORKBOOK_OPTIONS, write_text

    lay = review_layout(q, embedded)
    loc = lay.locale
    buffer = io.BytesIO()
    wb = Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    base = {"font_size": 10, "valign": "top", "text_wrap": True}
    f_text = wb.add_format(base)
    f_title = wb.add_format({**base, "bold": True, "font_size": 14, "text_wrap": False})
    f_label = wb.add_format({**base, "bold": True})
    f_th = wb.add_format({**base, "bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "border": 1})
    f_score = wb.add_format({**base, "num_format": "0.00"})
    f_mono = wb.add_format({**base, "font_name": "Consolas", "font_size": 9, "text_wrap": False})
    f_input = wb.add_format({**base, "locked": False, "bg_color": "#FFF7D6", "border": 1, "border_color": "#BFBFBF"})
    wb.set_properties({"title": t("title", loc, company=lay.company), "subject": lay.ref,
                       "comments": f"assess review; answers digest {lay.digest}"})

    ws = wb.add_worksheet(sheet_name("review", loc))
    for col, (_, width) in enumerate(COLUMNS):
        ws.set_column(col, col, width)
    write_text(ws, 0, 0, t("title", loc, company=lay.company or "—"), f_title)
    write_text(ws, 1, 0, t("questionnaire", loc, title=lay.title, ref=lay.ref), f_text)
    for row, key in ((REVIEWER_ROW, "reviewer"), (DATE_ROW, "date"), (DIGEST_ROW, "digest")):
        write_text(ws, row, 0, t(key, loc), f_label)
    ws.merge_range(REVIEWER_ROW, VALUE_COL, REVIEWER_ROW, VALUE_COL + 1, "", f_input)
    ws.merge_range(DATE_ROW, VALUE_COL, DATE_ROW, VALUE_COL + 1, "", f_input)
    ws.data_validation(DATE_ROW, VALUE_COL, DATE_ROW, VALUE_COL, {
        "validate": "any", "input_title": t("date", loc)[:32], "input_message": "2026-03-01"})
    write_text(ws, DIGEST_ROW, VALUE_COL, lay.digest, f_mono)
    ws.merge_range(INTRO_ROW, 0, INTRO_ROW, len(COLUMNS) - 1, "", f_text)
    write_text(ws, INTRO_ROW, 0, t("intro", loc), f_text)
    ws.set_row(INTRO_ROW, 40)
    for col, heading in enumerate(lay.headings):
        write_text(ws, HEADER_ROW, col, heading, f_th)
    row = HEADER_ROW
    for r in lay.rows:
        row += 1
        for col, value in enumerate(r.cells):
            if isinstance(value, str) and value:
                write_text(ws, row, col, value, f_text)
            elif isinstance(value, str):
                ws.write_blank(row, col, None, f_text)
            else:
                ws.write_number(row, col, value, f_score)
        for col in (DECISION_COL, ADJUSTED_COL, COMMENT_COL):
            ws.write_blank(row, col, None, f_input)
    last = row
    if last > HEADER_ROW:
        ws.data_validation(HEADER_ROW + 1, DECISION_COL, last, DECISION_COL, {
            "validate": "list", "source": decision_words(loc), "error_title": t("err.title", loc)[:32],
            "error_message": t("err.list", loc), "error_type": "stop"})
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(COLUMNS) - 1)
    # no password: any editor lifts it; it only keeps what is reviewed from an accidental edit
    ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": False,
                    "select_locked_cells": True, "select_unlocked_cells": True})
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.activate()

    data = wb.add_worksheet(sheet_name("data", loc))
    for r, values in enumerate(report_data.rows(embedded)):
        for col, v in enumerate(values):
            if isinstance(v, str):
                write_text(data, r, col, v)
            else:
                data.write_number(r, col, v)
    data.hide()
    data.protect("")
    wb.close()
    return buffer.getvalue()


def embed(q: Questionnaire, qhash: str, answers: AnswerSet, locale: str,
          input_sha256: str | None) -> report_data.Embedded:
    """The reviewed answers as the workbook carries them (no targets: a review does not touch them)."""
    from assess import __version__
    from assess.answers import utc_stamp

    meta = report_data.ReportMeta(locale, False, utc_stamp(), __version__,
                                  input_sha256)
    ref = {"id": q.id, "version": q.version, "sha256": qhash}
    return report_data.build(answers, {}, meta, ref)
