"""The gap report's card sheets: one per repeatable group, listing each card's key and answers, and,
for each programme that judges the group's cards, which criteria each card meets.

Laid out as plain cells like the other sheets (`assess.excel.report_layout`), so that `assess
verify` rebuilds and compares them the same way. The judgement is `assess.plan.card_results`; nothing
here decides whether a card meets a criterion.
"""

from __future__ import annotations

from assess.answers import Answer, Card
from assess.excel.a1 import sheet_title
from assess.excel.report_layout import CellValue, Report, Sheet, clip, show_value, yes_no
from assess.excel.sheet_format import card_answer_key, card_evidence
from assess.model import CardGroup, Criterion, MultiSelectQuestion, QuestionBase, localize
from assess.plan import CardResult, cards_meeting
from assess.rules import check_answer, group_applies, holds
from assess.text.report_labels import SHEETS, t

KEY_WIDTH, ANSWER_WIDTH, EVIDENCE_WIDTH = 22.0, 16.0, 30.0
MET, UNMET = "✓", "✗"


def card_sheet_names(report: Report) -> dict[str, str]:
    """Group id -> its sheet's name in the report: the group's name, unlike the report's own sheets."""
    taken = {name.casefold() for pair in SHEETS.values() for name in pair} | {"history"}
    return {g.id: sheet_title(localize(g.name, report.locale), taken, g.id)
            for _, g in report.questionnaire.card_groups()}


def card_sheets(report: Report) -> list[Sheet]:
    """A sheet per card group that the profile asks for or that holds cards, in questionnaire order."""
    q, answers = report.questionnaire, report.embedded.answers
    names = card_sheet_names(report)
    out = []
    for pillar, group in q.card_groups():
        cards = answers.cards.get(group.id, [])
        asked = group_applies(q, pillar, group, answers)
        if not cards and not asked:
            continue
        sheet = Sheet("cards", names[group.id], locale=report.locale)
        _card_sheet(report, sheet, group, cards, asked)
        sheet.finish()
        out.append(sheet)
    return out


def _card_sheet(r: Report, s: Sheet, group: CardGroup, cards: list[Card], asked: bool) -> None:
    loc = r.locale
    redact = r.meta.redact
    questions = group.questions
    key_title = localize(group.key, loc)
    titles = [key_title, *(localize(question.prompt, loc) for question in questions),
              t("col.evidence_state", loc), t("col.evidence", loc) + (t("removed", loc) if redact else "")]
    not_used = r.embedded.quality.get("rejected", {})
    s.table_header = 0
    for col, title in enumerate(titles):
        s.put(0, col, title, "th")
        s.widths[col] = KEY_WIDTH if col == 0 else EVIDENCE_WIDTH if col == len(titles) - 1 else ANSWER_WIDTH
    row = 0
    for card in cards:
        row += 1
        refs, state = card_evidence(card)
        s.put(row, 0, card.key, "wrap")
        for col, question in enumerate(questions, start=1):
            typed = not_used.get(card_answer_key(group.id, question.id, card.key))
            text, style = _answer_cell(question, card.answers.get(question.id), loc, typed)
            s.put(row, col, text, style)
        s.put(row, len(questions) + 1, t(f"state.{state.value}", loc) if state is not None else "", "wrap")
        s.put(row, len(questions) + 2, "" if redact else clip("; ".join(refs), loc), "wrap")
    s.marks["data_rows"] = (1, row)
    last = len(titles) - 1
    if not cards:
        row += 1
        s.put(row, 0, t("cards.none", loc), "muted")
    if not asked:
        row += 1
        s.put(row, 0, t("cards.not_asked", loc), "bad", span=last)
    for prog in r.questionnaire.programmes:
        if prog.cards is None or prog.cards.group != group.id:
            continue
        row = _programme(r, s, row + 2, prog.id, group, r.cards.get(prog.id, []))
    s.last_col = max(s.last_col, last)


def _answer_cell(question: QuestionBase, answer: Answer | None, loc: str, typed: str | None = None
                 ) -> tuple[CellValue, str]:
    """A card's answer as the report shows it: the value, or what became of it; one typed and not
    used (`typed`), as invalid with what was typed, never as blank."""
    if answer is None:
        return (t("invalid_typed", loc, typed=typed), "bad") if typed is not None else ("", "wrap")
    if check_answer(question, answer) is not None:
        return t("status.invalid", loc), "bad"
    if answer.status != "answered":
        return t(f"status.{answer.status}", loc), "muted_wrap"
    return show_value(question, answer.value, loc), "wrap"


def _programme(r: Report, s: Sheet, row: int, programme: str, group: CardGroup, results: list[CardResult]) -> int:
    """One programme's judgement of the group's cards, from `row`; returns the last row used."""
    loc = r.locale
    prog = next(p for p in r.questionnaire.programmes if p.id == programme)
    rule = prog.cards
    assert rule is not None
    s.put(row, 0, t("cards.rule", loc, programme=localize(prog.name, loc), n=rule.at_least), "heading",
          span=max(len(rule.criteria) + 1, 3))
    row += 1
    s.put(row, 0, localize(group.key, loc), "th")
    for col, c in enumerate(rule.criteria, start=1):
        s.put(row, col, localize(c.reason, loc), "th")
    s.put(row, len(rule.criteria) + 1, t("col.all_met", loc), "th")
    asked = {question.id: question for question in group.questions}
    cards = r.embedded.answers.cards.get(group.id, [])  # results are in the cards' order
    for card, result in zip(cards, results):
        row += 1
        s.put(row, 0, result.key, "wrap")
        for col, (criterion, c) in enumerate(zip(rule.criteria, result.criteria, strict=True), start=1):
            question = asked.get(c.subject or "")
            answer = card.answers.get(question.id) if question is not None else None
            s.put(row, col, _criterion_text(criterion, question, answer, c.met, loc), "good" if c.met else "bad")
        s.put(row, len(result.criteria) + 1, yes_no(result.met, loc), "good" if result.met else "bad_line")
    # the count under "all met", so that verify names it by that column and this row's label
    row += 1
    met = cards_meeting(results)
    ok = met >= rule.at_least
    n = len(rule.criteria)
    s.put(row, 0, t("cards.meeting", loc), "label")
    s.put(row, 1, t("cards.needed", loc, n=rule.at_least, verdict=t("cards.met" if ok else "cards.unmet", loc)),
          "good" if ok else "bad_line", span=n if n > 1 else 0)
    s.put(row, n + 1, met, "good_int" if ok else "bad_int")
    return row


def _criterion_text(criterion: Criterion, question: QuestionBase | None, answer: Answer | None, met: bool,
                    loc: str) -> str:
    """✓ or ✗, then the card's answer the criterion read; and, when a valid answer that meets the
    test does not count, that it lacks evidence (the one reason `card_results` leaves it out)."""
    mark = MET if met else UNMET
    if question is None or answer is None or answer.status != "answered" or check_answer(question, answer):
        return f"{mark} —"
    shown = show_value(question, answer.value, loc)
    if isinstance(question, MultiSelectQuestion) and not answer.value:
        shown = "—"
    text = f"{mark} {shown}"
    if not met and holds(criterion, question, answer.value):  # type: ignore[arg-type]
        text += t("cards.needs_evidence", loc)
    return text
