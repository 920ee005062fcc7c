"""Card answers (scenarios, agents, datasets) are reviewed like pillar answers: the review workbook has
a row per card field that scores, named by question and card, and `review --apply` records each
decision on that card's answer, checks a corrected value against the card's question, and keeps the
history, and the gap report's Review record sheet lists them; decisions on cards alone give no
audited figure (cards enter no pillar score)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Card, Company
from assess.cli import main
from assess.content.answer_file import load_answers, save_answers
from assess.content.bundled import load_questionnaire, ref_of
from assess.content.yaml_file import ContentError
from assess.excel.review_reader import read_review
from assess.excel.review_sheet import HEADER_ROW
from tests.conftest import DATA

CARDS = DATA / "sample" / "cards.yaml"
Q = ["-q", str(CARDS)]
FIRST = HEADER_ROW + 2


def answers(export: bool) -> AnswerSet:
    q, h = load_questionnaire(CARDS)
    return AnswerSet(
        questionnaire=ref_of(q, h), company=Company(name="苏州精工"),
        answers={"P-SIZE": Answer(value="large"), "P-EXPORT": Answer(value=export), "P-ROLES": Answer(value=["user"]),
                 "C01": Answer(value=3, evidence=["CP.pdf"], evidence_state="documented")},
        cards={"scenarios": [Card(key="视觉质检", answers={
                   "S-STAGE": Answer(value=3, evidence=["验收报告.pdf"], evidence_state="documented"),
                   "S-LIVE": Answer(value=True), "S-NOTE": Answer(value="两条产线")}),
                   Card(key="Line 2", answers={"S-KIND": Answer(value="planning"),
                                               "S-SHARE": Answer(status="dont_know")})],
               "agents": [Card(key="客服", answers={"A-AUTO": Answer(value=True)})]})


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "firm.json"
    save_answers(path, answers(export=True))
    return path


def review_rows(path) -> dict[str, list]:
    ws = load_workbook(path).worksheets[0]
    return {ws.cell(r, 1).value: [c.value for c in ws[r]] for r in range(FIRST, ws.max_row + 1) if ws.cell(r, 1).value}


def fill(path, out, decisions):
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws["B3"], ws["B4"] = "王审计", "2026-12-05"
    at = {ws.cell(r, 1).value: r for r in range(FIRST, ws.max_row + 1)}
    for rid, (decision, value, comment) in decisions.items():
        ws.cell(at[rid], 9).value, ws.cell(at[rid], 10).value, ws.cell(at[rid], 11).value = decision, value, comment
    wb.save(out)
    return out, at


def test_the_review_workbook_has_a_row_per_scoring_card_field(tmp_path, source, capsys):
    out = tmp_path / "review.xlsx"
    assert main(["review", str(source), *Q, "--lang", "zh", "-o", str(out)]) == 0
    assert "5 道待审核的题目" in capsys.readouterr().out
    rows = review_rows(out)
    # pillar questions first, then each card's answered fields that score (no text, no "don't know")
    assert list(rows) == ["C01", "S-STAGE[视觉质检]", "S-LIVE[视觉质检]", "S-KIND[Line 2]", "A-AUTO[客服]"]
    stage = rows["S-STAGE[视觉质检]"]
    assert stage[1] == "算力 · 典型场景" and stage[2] == "场景成熟度" and stage[3].startswith("3 – ")
    assert stage[4] == 3 and stage[5] == "有文件" and stage[6] == "验收报告.pdf"
    # a group the profile does not ask is not reviewed
    save_answers(source, answers(export=False))
    assert main(["review", str(source), *Q, "--lang", "zh", "-o", str(tmp_path / "no-export.xlsx")]) == 0
    assert "A-AUTO[客服]" not in review_rows(tmp_path / "no-export.xlsx")


def test_apply_records_each_card_decision_on_its_card_answer(tmp_path, source, capsys):
    blank = tmp_path / "review.xlsx"
    assert main(["review", str(source), *Q, "--lang", "zh", "-o", str(blank)]) == 0
    filled, _ = fill(blank, tmp_path / "filled.xlsx", {
        "S-STAGE[视觉质检]": ("审核通过", 2, "只在一条线上运行"), "A-AUTO[客服]": ("驳回", None, "未见运行记录")})
    audited = tmp_path / "audited.json"
    capsys.readouterr()
    argv = ["review", "--apply", str(filled), "--answers", str(source), *Q, "--lang", "zh", "-o", str(audited)]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "已记录 2 项审核结论（1 项审核通过、0 项证据不足、1 项驳回）" in said
    assert said.rstrip().endswith("审定 —")  # decisions on cards only: no audited figure, not a zero
    got = load_answers(audited)
    stage = got.cards["scenarios"][0].answers["S-STAGE"].review
    assert (stage.decision, stage.value, stage.by, stage.comment) == ("accepted", 2, "王审计", "只在一条线上运行")
    assert got.cards["agents"][0].answers["A-AUTO"].review.decision == "rejected"
    assert got.cards["scenarios"][0].answers["S-LIVE"].review is None and got.answers["C01"].review is None
    assert [h.question for h in got.history[-2:]] == ["cards.scenarios[视觉质检].S-STAGE.review",
                                                      "cards.agents[客服].A-AUTO.review"]
    # the gap report of the audited file lists the card decisions, and verifies
    report = tmp_path / "r" / "audited.xlsx"
    assert main(["report", str(audited), *Q, "--lang", "zh", "-o", str(report)]) == 0
    record = {r[0]: r for r in CalamineWorkbook.from_path(str(report)).get_sheet_by_name("审核记录").to_python()}
    assert record["S-STAGE[视觉质检]"][3:5] == ["审核通过", "2 – 单线投用"]
    assert record["A-AUTO[客服]"][3] == "驳回" and record["A-AUTO[客服]"][9] == "未见运行记录"
    assert main(["verify", str(report), *Q]) == 0


def test_a_corrected_card_value_is_checked_against_the_cards_question(tmp_path, source):
    blank = tmp_path / "review.xlsx"
    assert main(["review", str(source), *Q, "--lang", "zh", "-o", str(blank)]) == 0
    filled, at = fill(blank, tmp_path / "filled.xlsx", {"S-STAGE[视觉质检]": ("审核通过", 9, None)})
    with pytest.raises(ContentError) as e:
        read_review(filled, questionnaire=str(CARDS))
    assert {p.where: p.code for p in e.value.problems if p.severity == "error"} == {
        f"审核表!J{at['S-STAGE[视觉质检]']}": "review.bad_value"}
