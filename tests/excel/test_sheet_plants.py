"""Two plants in one file: a client copies the Company and Answers sheets (Excel names the copies
"Company (2)" and "Answers (2)") and fills them for a second plant. Each complete pair is read as its
own firm; a lone copy is named; the single-plant reader never drops the second plant in silence."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from assess.answers import Answer, Company
from assess.excel.sheet_format import ANSWERS, COMPANY
from assess.excel.sheet_reader import plant_sheets, read_answer_sheet, read_answer_sheets
from assess.excel.sheet_writer import write_template
from assess.text.messages import problem_text, say
from tests.conftest import SAMPLE


def rows_by_id(ws):
    return {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value}


def two_plants(tmp_path, sample, sample_answers, *, sheets=(COMPANY, ANSWERS), name="plants.xlsx",
               copy="{} (2)"):
    q, h = sample
    answers = sample_answers.model_copy(deep=True)
    answers.company = Company(name="宁波一厂")
    answers.answers["C01"] = Answer(value=2)
    path = write_template(tmp_path / "one.xlsx", q, h, "zh", answers)
    wb = load_workbook(path)
    for title in sheets:
        wb.copy_worksheet(wb[title]).title = copy.format(title)
    if COMPANY in sheets:
        ws = wb[copy.format(COMPANY)]
        ws.cell(rows_by_id(ws)["company.name"], 3).value = "宁波二厂"
    if ANSWERS in sheets:
        ws = wb[copy.format(ANSWERS)]
        ws.cell(rows_by_id(ws)["C01"], 5).value = "4 — 优化级"
    out = tmp_path / name
    wb.save(out)
    return out


def test_copies_are_found_by_excel_naming():
    names = ["Instructions", "Company", "Answers", "Company (2)", "answers(2)", "Answers (3)", "Lists", "Meta"]
    assert plant_sheets(names) == {2: {COMPANY: "Company (2)", ANSWERS: "answers(2)"}, 3: {ANSWERS: "Answers (3)"}}
    assert plant_sheets(["Company", "Answers", "Company (1)", "Notes (2)"]) == {}


@pytest.mark.parametrize("copy", ["{}_2", "{}(2)", "{}（2）"], ids=["libreoffice", "no-space", "full-width"])
def test_copies_named_by_libreoffice_or_typed_otherwise_are_the_second_plant_without_a_rename_warning(
        tmp_path, sample, sample_answers, copy):
    path = two_plants(tmp_path, sample, sample_answers, copy=copy)
    plants = read_answer_sheets(path, str(SAMPLE))
    assert [a.company.name for _, _, a, _ in plants] == ["宁波一厂", "宁波二厂"]
    assert [a.answers["C01"].value for _, _, a, _ in plants] == [2, 4]
    excel = read_answer_sheets(two_plants(tmp_path / "excel", sample, sample_answers), str(SAMPLE))
    for (_, _, _, problems), (_, _, _, as_excel) in zip(plants, excel, strict=True):
        # no "renamed" warning asking for Excel's name: the same problems as Excel's copies have
        assert sorted(p.code for p in problems) == sorted(p.code for p in as_excel)


def test_each_complete_pair_is_read_as_its_own_plant(tmp_path, sample, sample_answers):
    path = two_plants(tmp_path, sample, sample_answers)
    plants = read_answer_sheets(path, str(SAMPLE))
    assert [a.company.name for _, _, a, _ in plants] == ["宁波一厂", "宁波二厂"]
    assert [a.answers["C01"].value for _, _, a, _ in plants] == [2, 4]
    assert plants[0][2].answers["P-SIZE"] == plants[1][2].answers["P-SIZE"]
    for _, _, _, problems in plants:
        assert [p for p in problems if p.severity == "error"] == []


def test_the_single_plant_reader_names_the_second_plant(tmp_path, sample, sample_answers):
    path = two_plants(tmp_path, sample, sample_answers)
    _, _, answers, problems = read_answer_sheet(path, str(SAMPLE))
    assert answers.company.name == "宁波一厂"
    (extra,) = [p for p in problems if p.code == "sheet.more_plants"]
    assert "Company (2)" in problem_text(extra, "en") and "Answers (2)" in problem_text(extra, "en")
    assert "assess batch" in problem_text(extra, "zh")
    # an error, so that the app says it too; worded for whoever reads it, a plant or a consultant
    assert extra.severity == "error" and "每家工厂请分别填写" in say(extra.fix, "zh")


@pytest.mark.parametrize("alone", [COMPANY, ANSWERS])
def test_a_lone_copy_is_named_and_not_scored(tmp_path, sample, sample_answers, alone):
    path = two_plants(tmp_path, sample, sample_answers, sheets=(alone,))
    plants = read_answer_sheets(path, str(SAMPLE))
    assert len(plants) == 2 and plants[0][2].company.name == "宁波一厂"
    assert not [p for p in plants[0][3] if p.severity == "error"]  # the first plant's answers stand
    assert not plants[1][2].answers  # the lone copy: no answers, and why
    (lone,) = [p for p in plants[1][3] if p.severity == "error"]
    other = ANSWERS if alone == COMPANY else COMPANY
    assert lone.where == f"{alone} (2)!A1"
    assert f"{other} (2)" in problem_text(lone, "en") and "第 2 家工厂" in problem_text(lone, "zh")


def test_a_file_with_one_plant_reads_as_before(tmp_path, sample, sample_answers):
    q, h = sample
    path = write_template(tmp_path / "one.xlsx", q, h, "zh", sample_answers)
    (plant,) = read_answer_sheets(path, str(SAMPLE))
    assert plant[2] == read_answer_sheet(path, str(SAMPLE))[2]


def test_a_second_plant_is_told_to_correct_its_own_company_sheet(tmp_path, sample, sample_answers):
    path = two_plants(tmp_path, sample, sample_answers)
    wb = load_workbook(path)
    ws = wb[f"{COMPANY} (2)"]
    ws.cell(rows_by_id(ws)["company.name"], 3).value = None
    wb.save(path)
    second = read_answer_sheets(path, str(SAMPLE))[1]
    (nameless,) = [p for p in second[3] if p.code == "sheet.no_company_name"]
    assert nameless.where.startswith("Company (2)!") and "Company (2) 工作表" in problem_text(nameless, "zh")


def test_importing_a_two_plant_workbook_in_the_app_says_the_second_was_not_read(tmp_path, sample, sample_answers):
    from assess.session.opening import import_sheet

    path = two_plants(tmp_path, sample, sample_answers)
    result = import_sheet(path, tmp_path / "data", str(SAMPLE))
    assert [p.code for p in result.errors] == ["sheet.more_plants"]  # the app tells the user its errors


def test_a_second_plant_s_answer_to_a_question_it_was_not_asked_points_at_its_own_company_sheet(
        tmp_path, sample, sample_answers):
    path = two_plants(tmp_path, sample, sample_answers)
    wb = load_workbook(path)
    ws = wb[f"{ANSWERS} (2)"]
    ws.cell(rows_by_id(ws)["G04"], 5).value = "是"  # G04 is for exporters; this plant does not export
    company = wb[f"{COMPANY} (2)"]
    company.cell(rows_by_id(company)["P-EXPORT"], 3).value = "否"
    wb.save(path)
    second = read_answer_sheets(path, str(SAMPLE))[1]
    (hidden,) = [p for p in second[3] if p.code == "sheet.hidden_answered"]
    assert "Company (2)" in problem_text(hidden, "en")


def test_two_copies_numbered_alike_are_named_and_neither_is_guessed(tmp_path, sample, sample_answers):
    """Company (2)/Answers (2) from Excel and Company_2/Answers_2 from LibreOffice both say plant 2:
    the first pair is read, the other named as not read, never dropped in silence."""
    path = two_plants(tmp_path, sample, sample_answers)
    wb = load_workbook(path)
    for title in (COMPANY, ANSWERS):
        wb.copy_worksheet(wb[title]).title = f"{title}_2"
    wb.save(path)
    plants = read_answer_sheets(path, str(SAMPLE))
    assert [a.company.name for _, _, a, _ in plants] == ["宁波一厂", "宁波二厂"]
    clashes = [p for p in plants[0][3] if p.code == "sheet.plant_clash"]
    assert [p.where for p in clashes] == ["Company_2!A1", "Answers_2!A1"]
    assert all(p.severity == "error" for p in clashes)
    assert "Company (3)" in say(clashes[0].fix, "en") and "都编为第 2 家工厂" in say(clashes[0].message, "zh")


def test_copies_left_without_their_originals_are_the_sheets_renamed(tmp_path, sample, sample_answers):
    """The client deleted Company and Answers and kept LibreOffice's copies: one plant, read from them."""
    path = two_plants(tmp_path, sample, sample_answers, copy="{}_2")
    wb = load_workbook(path)
    for title in (COMPANY, ANSWERS):
        del wb[title]
    wb.save(path)
    plants = read_answer_sheets(path, str(SAMPLE))
    assert [a.company.name for _, _, a, _ in plants] == ["宁波二厂"]
    assert plants[0][2].answers["C01"].value == 4
