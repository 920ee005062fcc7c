"""A gap report can be redone by hand: the Answers sheet shows each select question's option points
and how its score comes, and the Methodology sheet recomputes one pillar of the report itself with
its real numbers. `assess verify` checks the new cells like every other."""

from __future__ import annotations

import math

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from assess.answers import Answer
from assess.cli import main
from assess.excel.report_derive import how_scored
from assess.excel.report_layout import prepare
from assess.excel.report_render import write_files
from assess.excel.verify import verify_report
from assess.scoring import QuestionResult, question_score
from tests.conftest import SAMPLE

AT = "2026-03-01T08:00:00Z"


def grid(path, sheet):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


@pytest.fixture
def made(tmp_path, sample, sample_answers):
    """An English report where pillar G has a single choice (2 points), a multiple choice (2 + 2 of 5
    points) and a failed gate that caps it."""
    q, h = sample
    answers = sample_answers.model_copy(update={"answers": {
        **sample_answers.answers, "G01": Answer(value=False),
        "G02": Answer(value="policy", evidence_state="documented"),
        "G03": Answer(value=["encrypt", "access"], evidence_state="verified")}})
    report = prepare(q, h, answers, locale="en", generated_at=AT)
    return write_files(tmp_path / "r.xlsx", report, twins=False).xlsx, report


def columns(rows):
    return {title: i for i, title in enumerate(rows[0])}


def test_answers_sheet_shows_option_points_and_how_each_score_comes(made):
    path, _ = made
    rows = grid(path, "Answers")
    col = columns(rows)
    by_id = {r[1]: r for r in rows[1:]}
    g02, g03 = by_id["G02"], by_id["G03"]
    assert g02[col["Option points"]] == 2 and g02[col["Score"]] == 2
    assert g02[col["How the score comes"]] == "chosen “A policy” = 2"
    assert g03[col["Option points"]] == 4 and g03[col["Score"]] == 4
    assert g03[col["How the score comes"]] == \
        "chosen Encryption 2 + Access control 2 = 4 of all 5 points: 5 × 4 ÷ 5 = 4"
    assert by_id["C02"][col["How the score comes"]] == "40% ÷ 20 = 2"
    assert by_id["C01"][col["How the score comes"]] == "level 3 chosen = 3"
    assert by_id["G01"][col["How the score comes"]] == "no = 0"
    # no points where no option is scored, no sum where nothing is answered
    assert by_id["C01"][col["Option points"]] == "" and by_id["C03"][col["How the score comes"]] == ""


def test_the_answers_sheet_alone_recomputes_the_pillar_score(made):
    """Weighted mean of the Answers sheet's scores, capped by the failed gate: the Pillars sheet's figure."""
    path, report = made
    rows = grid(path, "Answers")
    col = columns(rows)
    mine = [r for r in rows[1:] if r[0] == "Security governance" and r[col["Score"]] != ""]
    weights = sum(r[col["Weight"]] for r in mine)
    mean = sum(r[col["Weight"]] * r[col["Score"]] for r in mine) / weights
    pillars = {r[0]: r for r in grid(path, "Pillars")[1:]}
    pcol = columns(grid(path, "Pillars"))
    assert math.isclose(mean, pillars["G"][pcol["Before cap"]])
    assert mean > 1 and pillars["G"][pcol["Claimed"]] == 1  # the gate cap of this questionnaire


def test_methodology_works_one_pillar_through_with_this_reports_numbers(made):
    path, report = made
    rows = grid(path, "Methodology")
    top = next(i for i, r in enumerate(rows) if str(r[0]).startswith("Worked example"))
    assert rows[top][0] == "Worked example: recompute pillar G Security governance with a calculator"
    header = top + 2
    assert rows[header][:6] == ["Question", "Weight", "Score", "Weight × score", "Factor", "Weight × score × factor"]
    body = []
    for r in rows[header + 1:]:
        if r[0] == "Sum":
            break
        body.append(r)
    assert [r[0].split()[0] for r in body] == ["G01", "G02", "G03"]
    assert [r[2] for r in body] == [0, 2, 4]
    assert [r[4] for r in body] == [0.5, 0.8, 1.0]  # declared, documented, verified
    total, mean, final = rows[header + 1 + len(body): header + 4 + len(body)]
    assert total[1] == sum(r[1] for r in body) and math.isclose(total[3], sum(r[1] * r[2] for r in body))
    assert math.isclose(total[5], sum(r[1] * r[2] * r[4] for r in body))
    assert math.isclose(mean[3], total[3] / total[1]) and math.isclose(mean[5], total[5] / total[1])
    assert final[0].startswith("G01 failed: the pillar scores at most 1")
    g = report.assessment.pillar("G")
    assert (final[3], final[5]) == (g.score, g.evidenced) == (1, 1)


def test_an_edited_point_cell_fails_verify(made, capsys):
    path, _ = made
    assert verify_report(path, str(SAMPLE)).ok
    wb = openpyxl.load_workbook(path)
    ws = wb["Answers"]
    heads = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "G03")
    row[heads.index("Option points")].value = 5
    edited = path.with_name("edited.xlsx")
    wb.save(edited)
    code = main(["verify", str(edited), "--questionnaire", str(SAMPLE), "--lang", "en"])
    out = capsys.readouterr()
    assert code == 1
    assert "Answers!F12: Option points · G03: the report shows 5, recomputed 4" in out.out + out.err


def test_best_of_the_chosen_options_and_chinese_words(sample):
    q, h = sample
    g03 = next(question for _, question in q.all_questions() if question.id == "G03")
    best = g03.model_copy(update={"score_by": "best"})

    def judged(question, value):
        s = question_score(question, value)
        return QuestionResult("G03", "G", "multi", "answered", value, True, s, 1.0, True, None, 1.0, s, False)

    assert question_score(best, ["watermark", "access"]) == 2
    assert how_scored(best, judged(best, ["watermark", "access"]), "en") == \
        "the best of the 2 chosen counts: “Access control” = 2"
    assert how_scored(best, judged(best, ["watermark", "access"]), "zh") == "取所选 2 项中的最高分值：“访问控制”= 2 分"
    assert how_scored(g03, judged(g03, ["watermark"]), "zh") == "所选 水印 1 = 1 分，全部选项共 5 分：5 × 1 ÷ 5 = 1"
    assert how_scored(g03, judged(g03, []), "en") == "nothing chosen = 0"
