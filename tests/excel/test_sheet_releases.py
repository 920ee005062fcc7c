"""A column of answers pasted from a sheet of another release of the questionnaire, whose rows run in
another order: the answers whose rows moved are not used, and the paste is named with the release it
came from. Answers typed with the level names an earlier template gave are read."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from assess.content.bundled import resolve
from assess.excel.sheet_format import ANSWERS
from assess.excel.sheet_reader import expected_rows, read_answer_sheet
from assess.excel.sheet_values import parse_value, reading_names
from assess.excel.sheet_writer import write_template
from assess.text.messages import say
from tests.data.make_filled import random_answers

OLD, NEW = "ai-manufacturing-2027@1.0.0", "ai-manufacturing-2027@1.1.0"


@pytest.mark.parametrize("title", [False, True])
def test_a_column_pasted_from_an_earlier_release_is_named_and_no_answer_whose_row_moved_is_used(tmp_path, title):
    """With a title typed above the headings too (every row one further down), the paste was missed and
    answers from other questions' rows were scored."""
    old_q, old_h = resolve(OLD)
    new_q, new_h = resolve(NEW)
    old = load_workbook(write_template(tmp_path / "old.xlsx", old_q, old_h, "zh",
                                       random_answers(old_q, old_h, seed=5, blank=0)))[ANSWERS]
    path = write_template(tmp_path / "new.xlsx", new_q, new_h, "zh", random_answers(new_q, new_h, seed=6, blank=0))
    wb = load_workbook(path)
    ws = wb[ANSWERS]
    for r in range(2, ws.max_row + 1):  # the status and answer columns, copied over whole
        for c in (4, 5):
            ws.cell(r, c).value = old.cell(r, c).value
    company = wb["Company"]  # and a profile answer of its own that fails, read before the Answers sheet
    size = next(r for r in range(1, company.max_row + 1) if company.cell(r, 1).value == "PR-SIZE")
    company.cell(size, 3).value = "大型 - 明年"
    if title:
        ws.insert_rows(1)
        ws["A1"] = "2025年度自评"
    wb.save(path)

    _, _, got, problems = read_answer_sheet(path, NEW)
    (pasted,) = [p for p in problems if p.code == "sheet.pasted_release"]
    assert pasted.severity == "error" and "1.0.0" in pasted.message.arg("release")
    old_at = {row: rid for rid, (sheet, row, *_) in expected_rows(old_q, "zh").items() if sheet == ANSWERS}
    new_rows = {rid: row for rid, (sheet, row, *_) in expected_rows(new_q, "zh").items() if sheet == ANSWERS}
    moved = {rid.partition(":")[0] for rid, row in new_rows.items() if old_at.get(row) != rid}
    kept = {rid for rid, row in new_rows.items() if ":" not in rid and old_at.get(row) == rid}
    assert moved and kept
    assert not moved & set(got.answers)  # none taken from another question's row
    assert kept & set(got.answers)  # a row the same in both releases keeps its answer
    said = {p.message.arg("question") for p in problems if p.code == "sheet.value_refused"}
    assert not said & moved  # one problem for the paste, not one per row it moved


def test_a_few_bad_values_are_no_pasted_column(tmp_path):
    new_q, new_h = resolve(NEW)
    path = write_template(tmp_path / "new.xlsx", new_q, new_h, "zh", random_answers(new_q, new_h, seed=6, blank=0))
    wb = load_workbook(path)
    ws = wb[ANSWERS]
    levels = [x.id for _, x in new_q.all_questions() if x.type == "maturity"][:3]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value in levels:
            ws.cell(r, 4).value, ws.cell(r, 5).value = None, "看情况"
    wb.save(path)
    _, _, _, problems = read_answer_sheet(path, NEW)
    assert "sheet.pasted_release" not in {p.code for p in problems}
    assert len([p for p in problems if p.code == "sheet.value_refused"]) == 3


def test_a_level_typed_as_the_earlier_template_named_it_is_read():
    new_q, _ = resolve(NEW)
    question = next(x for _, x in new_q.all_questions() if x.type == "maturity")
    names = reading_names(new_q)
    assert parse_value(question, "3 — 集成级", names=names)[:2] == (3, None)  # 1.0.0's name of level 3
    assert parse_value(question, "3 — L3 推广", names=names)[:2] == (3, None)
    assert parse_value(question, "3 — 优化级", names=names)[1].key == "sheet.contradicts"  # 1.0.0's level 4


def test_options_typed_as_a_list_keep_labels_that_hold_a_separator_whole(tmp_path):
    """排产、物流与供应链 and 经营管理（财务、人力、安全环保） are one option each, typed in a list or alone."""
    new_q, new_h = resolve(NEW)
    m01 = next(x for _, x in new_q.all_questions() if x.id == "M01")
    ids = {o.label["zh"]: o.id for o in m01.options}
    path = write_template(tmp_path / "new.xlsx", new_q, new_h, "zh", random_answers(new_q, new_h, seed=6, blank=0))
    wb = load_workbook(path)
    ws = wb[ANSWERS]
    for r in range(2, ws.max_row + 1):
        rid = ws.cell(r, 1).value or ""
        if rid == "M01":
            ws.cell(r, 4).value = None
            ws.cell(r, 5).value = "研发设计、排产、物流与供应链、经营管理（财务、人力、安全环保）"
        elif rid.startswith("M01:"):
            ws.cell(r, 5).value = None
    wb.save(path)
    _, _, got, problems = read_answer_sheet(path, NEW)
    assert sorted(got.answers["M01"].value) == sorted(
        [ids["研发设计"], ids["排产、物流与供应链"], ids["经营管理（财务、人力、安全环保）"]])
    assert not [p for p in problems if "M01" in str(p.message.args) and p.severity != "notice"]


def test_no_on_every_option_none_of_the_above_included_is_refused(tmp_path):
    """否 on every row of C06, 以上都没有用过 too: neither something nor nothing applies."""
    new_q, new_h = resolve(NEW)
    c06 = next(x for _, x in new_q.all_questions() if x.id == "C06")
    none = next(o for o in c06.options if o.exclusive)
    path = write_template(tmp_path / "new.xlsx", new_q, new_h, "zh", random_answers(new_q, new_h, seed=6, blank=0))
    wb = load_workbook(path)
    ws = wb[ANSWERS]
    rows = []
    for r in range(2, ws.max_row + 1):
        rid = ws.cell(r, 1).value or ""
        if rid == "C06":
            ws.cell(r, 4).value = ws.cell(r, 5).value = None
        elif rid.startswith("C06:"):
            ws.cell(r, 5).value = "否"
            rows.append(r)
    wb.save(path)
    _, _, got, problems = read_answer_sheet(path, NEW)
    assert "C06" not in got.answers
    (said,) = [p for p in problems if p.code == "sheet.multi_all_no"]
    assert said.where == f"Answers!E{rows[0]}:E{rows[-1]}"
    assert f"连“{none.label['zh']}”也是“否”" in say(said.message, "zh") and none.label["en"] in say(said.fix, "en")


def test_one_no_among_blank_option_rows_is_not_called_no_on_every_row(tmp_path):
    new_q, new_h = resolve(NEW)
    path = write_template(tmp_path / "new.xlsx", new_q, new_h, "zh", random_answers(new_q, new_h, seed=6, blank=0))
    wb = load_workbook(path)
    ws = wb[ANSWERS]
    first = True
    for r in range(2, ws.max_row + 1):
        rid = ws.cell(r, 1).value or ""
        if rid == "C06":
            ws.cell(r, 4).value = ws.cell(r, 5).value = None
        elif rid.startswith("C06:"):
            ws.cell(r, 5).value = "否" if first else None
            first = False
    wb.save(path)
    _, _, _, problems = read_answer_sheet(path, NEW)
    assert "sheet.multi_all_no" not in {p.code for p in problems}
