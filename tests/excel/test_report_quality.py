"""A firm's own report carries what reading its answer sheet found: answers not used show as
invalid with what was typed, never as unanswered; a data-quality sheet lists every problem; a
return slip beside the report lists what to correct in the client's language; verify still passes."""

from __future__ import annotations

import json
from pathlib import Path

from python_calamine import CalamineWorkbook

from assess.excel.report_layout import prepare
from assess.excel.report_render import slip_path, write_files
from assess.excel.sheet_reader import read_answer_sheet
from assess.excel.verify import verify_report
from assess.output.schema import AssessmentOut
from assess.text.report_labels import sheet_name
from tests.conftest import SAMPLE
from tests.excel import test_sheet_reader as reader_tests
from tests.excel.test_sheet_reader import make, put

full_answers = reader_tests.full_answers  # the fixture: a sheet filled as a client fills it


def refused_sheet(tmp_path: Path, sample, answers) -> tuple[Path, dict[str, str]]:
    """A sheet with two answers a reader cannot use, typed as clients type them."""
    refs = {}

    def edit(wb):
        ws = wb["Answers"]
        refs["C01"] = put(ws, "C01", "E", "7 — 超级级")
        refs["C04"] = put(ws, "C04", "E", "很多")

    return make(tmp_path, sample, answers, edit), refs


def report_of(tmp_path, sample, answers, locale="zh"):
    path, refs = refused_sheet(tmp_path, sample, answers)
    rejected: dict[str, str] = {}
    q, h, read, problems = read_answer_sheet(path, str(SAMPLE), rejected)
    report = prepare(q, h, read, locale=locale, problems=problems, rejected=rejected,
                     generated_at="2026-03-01T08:00:00Z")
    return report, refs, rejected


def cells(path: Path, sheet: str) -> list[str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [str(v) for row in rows for v in row if v not in ("", None)]


def test_refused_answers_show_as_invalid_with_what_was_typed(tmp_path, sample, full_answers):
    report, refs, rejected = report_of(tmp_path, sample, full_answers)
    assert rejected == {"C01": "7 — 超级级", "C04": "很多"}
    files = write_files(tmp_path / "r.xlsx", report)
    answers = cells(files.xlsx, sheet_name("answers", "zh"))
    assert "答案无效：7 — 超级级" in answers and "答案无效：很多" in answers
    quality = cells(files.xlsx, sheet_name("quality", "zh"))
    for qid, ref in refs.items():  # each problem with its cell, what was typed and a fix
        assert f"Answers!{ref}" in quality
        assert rejected[qid] in quality
    assert "如何改正" in quality
    summary = " ".join(cells(files.xlsx, sheet_name("summary", "zh")))
    assert "2 个已填答案无法采用" in summary
    assert verify_report(files.xlsx, str(SAMPLE)).ok


def test_twin_says_invalid_and_lists_the_problems(tmp_path, sample, full_answers):
    report, _, rejected = report_of(tmp_path, sample, full_answers)
    files = write_files(tmp_path / "r.xlsx", report)
    doc = json.loads(files.json.read_text("utf-8"))
    AssessmentOut.model_validate(doc)
    status = {x["id"]: x["status"] for x in doc["questions"]}
    assert status["C01"] == status["C04"] == "invalid"
    assert doc["quality"]["not_used"] == 2 and doc["quality"]["rejected"] == rejected
    csv = files.csv.read_text("utf-8-sig")
    assert ",unanswered," not in "".join(line for line in csv.splitlines() if ",C01," in line or ",C04," in line)


def test_return_slip_lists_what_to_correct_in_chinese(tmp_path, sample, full_answers):
    report, refs, _ = report_of(tmp_path, sample, full_answers)
    files = write_files(tmp_path / "r.xlsx", report)
    assert files.slip == slip_path(files.xlsx, "zh") and files.slip.name == "r-退回修改单.txt"
    raw = files.slip.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Notepad and WPS read it as UTF-8
    text = raw.decode("utf-8-sig")
    assert "答卷退回修改单" in text and "所填内容：很多" in text and "如何改正：" in text
    for ref in refs.values():
        assert f"Answers!{ref}" in text
    assert "What was typed" not in text


def test_an_english_report_speaks_english_and_its_slip_the_language_the_sheet_was_filled_in(
        tmp_path, sample, full_answers):
    report, _, _ = report_of(tmp_path, sample, full_answers, locale="en")
    files = write_files(tmp_path / "r.xlsx", report)
    assert "invalid: 很多" in cells(files.xlsx, "Answers")
    assert files.slip.name == "r-退回修改单.txt"  # a Chinese sheet: its slip goes back in Chinese
    assert "所填内容：很多" in files.slip.read_text("utf-8-sig")


def test_a_clean_sheet_has_no_slip(tmp_path, sample, full_answers):
    path = make(tmp_path, sample, full_answers)
    rejected: dict[str, str] = {}
    q, h, read, problems = read_answer_sheet(path, str(SAMPLE), rejected)
    report = prepare(q, h, read, problems=[p for p in problems if p.severity == "notice"], rejected=rejected)
    files = write_files(tmp_path / "r.xlsx", report)
    assert files.slip is None and not rejected


def test_a_slip_shows_a_cell_of_several_lines_on_one_line_and_names_a_sheet_without_a_company(
        tmp_path, sample, full_answers):
    """What was typed over several lines reads as the client wrote it, not as "\\x0a"; a sheet whose
    company name was left blank is named by its file."""

    def edit(wb):
        ws = wb["Answers"]
        put(ws, "C04", "E", "很多\n大概一百台")
        put(wb["Company"], "company.name", "C", None)

    path = make(tmp_path, sample, full_answers, edit)
    rejected: dict[str, str] = {}
    q, h, read, problems = read_answer_sheet(path, str(SAMPLE), rejected)
    report = prepare(q, h, read, locale="zh", problems=problems, rejected=rejected)
    text = write_files(tmp_path / "湛江工厂.xlsx", report).slip.read_text("utf-8-sig")
    assert "所填内容：很多 / 大概一百台" in text and "\\x0a" not in text
    assert text.startswith("答卷退回修改单：湛江工厂")


def test_the_one_page_summary_says_how_many_answers_were_not_used(tmp_path, sample, full_answers):
    """A manager who reads only the summary page learns that answers typed were not used, and how
    they count: the sample's policy leaves an unanswered question out of its pillar, not at 0."""
    report, _, _ = report_of(tmp_path, sample, full_answers)
    page = write_files(tmp_path / "r.xlsx", report).summary.read_text("utf-8")
    assert "2 个已填答案无法采用，计分题按未作答不计入所在支柱" in page and "计 0 分" not in page


def test_the_first_page_line_on_answers_not_used_wraps_beside_the_chart_not_under_it(tmp_path, sample, full_answers):
    """Printed, the line ran on under the radar chart and was cut at 见工作表“数据质: it wraps within
    the columns left of the chart, in a row as tall as it needs."""
    from openpyxl import load_workbook

    report, _, _ = report_of(tmp_path, sample, full_answers)
    ws = load_workbook(write_files(tmp_path / "r.xlsx", report).xlsx).worksheets[0]
    (cell,) = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "个已填答案无法采用" in c.value]
    assert cell.alignment.wrap_text and cell.value.endswith("“数据质量”")
    (merged,) = [m for m in ws.merged_cells.ranges if cell.coordinate in m]
    assert merged.max_col == 7 and merged.min_row == merged.max_row  # up to the pillar table's last column
    assert ws.row_dimensions[cell.row].height and ws.row_dimensions[cell.row].height > 15  # two lines
