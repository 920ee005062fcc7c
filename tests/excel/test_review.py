"""The auditor's review loop on files: a review workbook written from answers or a gap report, filled
in as a reviewer does (openpyxl), read back into audited answers that report and verify, and every
kind of bad review file refused, named by its cell."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from assess.answers import Answer
from assess.cli import main
from assess.content.answer_file import load_answers, save_answers
from assess.content.yaml_file import ContentError
from assess.excel.review_reader import read_review
from assess.excel.review_sheet import HEADER_ROW
from assess.scoring import score
from tests.conftest import SAMPLE

Q = ["-q", str(SAMPLE)]
FIRST = HEADER_ROW + 2
"""1-based row of the first question (openpyxl counts from 1)."""


@pytest.fixture
def source(tmp_path, sample_answers):
    path = tmp_path / "firm.json"
    save_answers(path, sample_answers)
    return path


def make_review(tmp_path, source, *extra) -> object:
    out = tmp_path / "review.xlsx"
    assert main(["review", str(source), "-o", str(out), *Q, *extra]) == 0
    return out


def rows(path) -> dict[str, int]:
    ws = load_workbook(path).worksheets[0]
    return {ws.cell(r, 1).value: r for r in range(FIRST, ws.max_row + 1) if ws.cell(r, 1).value}


def fill(path, out, decisions: dict[str, tuple], reviewer="王审计", date="2026-12-05", edit=None):
    """Fill the review as a reviewer does: name and date on top, a decision (and a corrected answer and
    a comment) on the rows decided; `edit` changes the workbook further."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws["B3"], ws["B4"] = reviewer, date
    at = {ws.cell(r, 1).value: r for r in range(FIRST, ws.max_row + 1)}
    for qid, (decision, *more) in decisions.items():
        ws.cell(at[qid], 9).value = decision
        if more and more[0] is not None:
            ws.cell(at[qid], 10).value = more[0]
        if len(more) > 1:
            ws.cell(at[qid], 11).value = more[1]
    if edit:
        edit(ws, at)
    wb.save(out)
    return out


def refused(path, **kw) -> dict[str, str]:
    with pytest.raises(ContentError) as e:
        read_review(path, questionnaire=str(SAMPLE), **kw)
    return {p.where: p.code for p in e.value.problems if p.severity == "error"}


def test_the_workbook_lists_each_answered_scored_question_with_what_is_claimed(tmp_path, source):
    review = make_review(tmp_path, source, "--lang", "en")
    ws = load_workbook(review).worksheets[0]
    ids = list(rows(review))
    assert ids == ["C01", "C02", "G01", "G03"]  # answered and scored: not the profile, N/A or don't know
    c01 = rows(review)["C01"]
    assert ws.cell(c01, 4).value.startswith("3 – ") and ws.cell(c01, 7).value == "CP-2026.pdf"
    assert ws.cell(HEADER_ROW + 1, 9).value == "Decision"
    assert ws.protection.sheet and not ws.cell(c01, 9).protection.locked and ws.cell(c01, 4).protection.locked


def test_round_trip_report_review_apply_report_verify(tmp_path, source, sample, capsys):
    q, _ = sample
    report = tmp_path / "gap.xlsx"
    assert main(["report", str(source), "-o", str(report), *Q]) == 0
    review = make_review(tmp_path, report)
    filled = fill(review, tmp_path / "filled.xlsx", {
        "C01": ("驳回", None, "现场未见容量计划"), "C02": ("审核通过", "60%"), "G01": ("insufficient",)})
    audited = tmp_path / "audited.json"
    capsys.readouterr()
    assert main(["review", "--apply", str(filled), "--answers", str(report), "-o", str(audited), *Q]) == 0
    assert "3 项审核结论（1 项审核通过、1 项证据不足、1 项驳回）" in capsys.readouterr().out
    answers = load_answers(audited)
    c01, c02 = answers.answers["C01"].review, answers.answers["C02"].review
    assert (c01.decision, c01.by, c01.comment, c01.date) == ("rejected", "王审计", "现场未见容量计划", "2026-12-05")
    assert (c02.decision, c02.value) == ("accepted", 60)
    assert answers.answers["G01"].review.decision == "insufficient" and answers.answers["G03"].review is None
    assert [h.question for h in answers.history[-3:]] == ["C01.review", "C02.review", "G01.review"]
    a = score(q, answers)
    assert a.questions["C02"].audited == pytest.approx(3.0)  # 60% at the verified discount
    assert a.questions["C01"].audited == 0.0 and a.overall.audited is not None

    again = tmp_path / "audited-report.xlsx"
    assert main(["report", str(audited), "-o", str(again), *Q]) == 0
    doc = json.loads(again.with_suffix(".json").read_text("utf-8"))
    assert doc["overall"]["audited"] == a.overall.audited
    wb = load_workbook(again)
    assert "审核记录" in wb.sheetnames
    assert main(["verify", str(again), *Q]) == 0


def test_a_review_is_refused_for_other_answers(tmp_path, source, sample_answers):
    review = fill(make_review(tmp_path, source), tmp_path / "filled.xlsx", {"C01": ("审核通过",)})
    other = sample_answers.model_copy(deep=True)
    other.answers["C02"] = Answer(value=41)
    path = tmp_path / "other.json"
    save_answers(path, other)
    from assess.content.answer_file import load_answers as load

    assert refused(review, source=(str(path), load(path))) == {"审核表!B5": "review.other_assessment"}


def test_an_edited_claimed_value_is_named_by_its_cell(tmp_path, source):
    def edit(ws, at):
        ws.cell(at["C01"], 4).value = "5 – 混合调度"

    review = fill(make_review(tmp_path, source), tmp_path / "f.xlsx", {"C01": ("审核通过",)}, edit=edit)
    assert refused(review) == {f"审核表!D{rows(review)['C01']}": "review.claimed_edited"}


def test_an_unknown_decision_is_named_by_its_cell(tmp_path, source):
    review = fill(make_review(tmp_path, source), tmp_path / "f.xlsx", {"C01": ("maybe",), "C02": ("审核通过",)})
    assert refused(review) == {f"审核表!I{rows(review)['C01']}": "review.unknown_decision"}


def test_a_formula_is_named_by_its_cell(tmp_path, source):
    def edit(ws, at):
        ws.cell(at["C02"], 9).value = '=IF(1,"审核通过","驳回")'

    review = fill(make_review(tmp_path, source), tmp_path / "f.xlsx", {"C01": ("审核通过",)}, edit=edit)
    assert refused(review) == {f"审核表!I{rows(review)['C02']}": "review.formula"}


def test_an_extra_row_is_named_by_its_cell(tmp_path, source):
    def edit(ws, at):
        last = max(at.values()) + 1
        ws.cell(last, 1).value, ws.cell(last, 9).value = "C05", "审核通过"
        ws.cell(last + 1, 11).value = "补充说明"

    review = fill(make_review(tmp_path, source), tmp_path / "f.xlsx", {"C01": ("审核通过",)}, edit=edit)
    last = max(rows(review).values())
    assert refused(review) == {f"审核表!A{last}": "review.unknown_row", f"审核表!A{last + 1}": "review.extra_row"}


def test_a_corrected_answer_needs_accepted_and_a_valid_value(tmp_path, source):
    review = fill(make_review(tmp_path, source), tmp_path / "f.xlsx", {
        "C01": ("驳回", "2"), "C02": ("审核通过", "一百二十")})
    at = rows(review)
    assert refused(review) == {f"审核表!J{at['C01']}": "review.value_not_accepted",
                               f"审核表!J{at['C02']}": "review.bad_value"}


def test_decisions_without_the_reviewers_name_or_with_a_bad_date_are_refused(tmp_path, source):
    review = fill(make_review(tmp_path, source), tmp_path / "f.xlsx", {"C01": ("审核通过",)}, reviewer=None,
                  date="下周")
    assert refused(review) == {"审核表!B3": "review.no_reviewer", "审核表!B4": "review.bad_date"}


def test_an_answer_sheet_or_report_is_not_taken_for_a_review(tmp_path, source):
    report = tmp_path / "gap.xlsx"
    assert main(["report", str(source), "-o", str(report), *Q]) == 0
    assert set(refused(report).values()) == {"review.not_review"}


def test_a_comment_over_several_lines_is_kept_and_one_an_answer_file_would_refuse_is_named(tmp_path, source):
    review = fill(make_review(tmp_path, source), tmp_path / "f.xlsx", {
        "C01": ("驳回", None, "现场未见容量计划\n仅有口头说明"), "C02": ("审核通过", None, "gdp.\u202etxt.exe")})
    where = f"审核表!K{rows(review)['C02']}"
    assert list(refused(review)) == [where] and refused(review)[where].startswith("clean.")
    review = fill(make_review(tmp_path, source), tmp_path / "g.xlsx", {
        "C01": ("驳回", None, "现场未见容量计划\n仅有口头说明")})
    audited = tmp_path / "audited.json"
    assert main(["review", "--apply", str(review), "-o", str(audited), *Q]) == 0
    assert load_answers(audited).answers["C01"].review.comment == "现场未见容量计划\n仅有口头说明"
