"""The gap report's Review record sheet: every reviewer's decision, with the answer as claimed, the
corrected answer, the audited score, the reviewer, the dates and the comment. Shown once any answer
carries a review (`assess review --apply`); laid out as plain cells like every sheet
(`assess.excel.report_layout`), so that `assess verify` rebuilds it from the embedded answers."""

from __future__ import annotations

from assess.excel.report_layout import Report, Sheet, clip, show_value, shown_time
from assess.model import localize
from assess.text.report_labels import sheet_name, t

REVIEW_COLUMNS = (("col.id", 10), ("col.question", 36), ("col.answer", 24), ("col.decision", 11),
                  ("col.corrected", 20), ("col.audited", 8), ("col.reviewer", 12), ("col.review_date", 11),
                  ("col.recorded_at", 22), ("col.comment", 40))
HEADER_ROW = 3
REDACTED = {6, 9}
"""Columns a redacted report empties (people's names and their words)."""


def review_sheets(report: Report) -> list[Sheet]:
    """The Review record sheet when any answer is reviewed (else none): questions first, then card
    fields, each named as the review workbook names it (`QID[card]`)."""
    answers = report.embedded.answers
    reviewed = [(question.id, question, a) for _, question in report.questionnaire.all_questions()
                if (a := answers.answers.get(question.id)) is not None and a.review is not None]
    for _, group in report.questionnaire.card_groups():
        for card in answers.cards.get(group.id, []):
            reviewed += [(f"{question.id}[{card.key}]", question, a) for question in group.questions
                         if (a := card.answers.get(question.id)) is not None and a.review is not None]
    if not reviewed:
        return []
    s = Sheet("review", sheet_name("review", report.locale), locale=report.locale)
    _review(report, s, reviewed)
    s.finish()
    return [s]


def _review(r: Report, s: Sheet, reviewed: list) -> None:
    loc, results = r.locale, r.assessment.questions
    redact = r.meta.redact
    decided = [a.review.decision for _, _, a in reviewed]
    s.label(0, 0, "review.title", "title")
    s.put(1, 0, t("review.tally", loc, n=len(decided), accepted=decided.count("accepted"),
                  insufficient=decided.count("insufficient"), rejected=decided.count("rejected")), "muted",
          span=len(REVIEW_COLUMNS) - 1)
    s.table_header = HEADER_ROW
    for col, (key, width) in enumerate(REVIEW_COLUMNS):
        s.put(HEADER_ROW, col, t(key, loc) + (t("removed", loc) if redact and col in REDACTED else ""), "th")
        s.widths[col] = width
    row = HEADER_ROW
    for rid, question, given in reviewed:
        row += 1
        review = given.review
        res = results.get(rid)  # a card's field has no result: it enters no pillar score
        claimed = show_value(question, given.value, loc) if given.status == "answered" else t(
            f"status.{given.status}", loc)
        cells = (
            (rid, "text"), (localize(question.prompt, loc), "wrap"), (claimed, "wrap"),
            (t(f"decision.{review.decision}", loc), "bad" if review.decision == "rejected" else "text"),
            (show_value(question, review.value, loc), "wrap"),
            (res.audited if res is not None else None, "score"),
            (review.by, "text"), (review.date, "text"),
            (shown_time(r, review.at), "text"),
            (clip(review.comment, loc), "wrap"),
        )
        for col, (value, style) in enumerate(cells):
            s.put(row, col, value, style)
    s.marks["data_rows"] = (HEADER_ROW + 1, row)
    s.marks["label_col"] = 0  # a row is named by its question id
