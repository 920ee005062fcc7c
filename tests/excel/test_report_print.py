"""The gap report as management reads it on paper: page 1 of the Summary holds the result, the pillar
chart and the actions to take first at a readable size, rows are tall enough for their text, every
roadmap line says what to do, citations read as titles, figures keep to their cells, and the date is
the local time of the machine that made the report."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from assess.answers import Answer, AnswerSet
from assess.content.bundled import ref_of, resolve
from assess.excel.report_layout import layout, prepare, report_time
from assess.excel.report_render import (
    CJK_LINE_PT,
    STYLES,
    display_width,
    row_heights,
    summary_scale,
    text_lines,
    write_files,
)
from assess.excel.verify import verify_report
from assess.text.report_labels import sheet_name, t
from tests.conftest import SAMPLE
from tests.data.make_filled import random_answers

AT = "2026-03-01T08:00:00Z"


@pytest.fixture(scope="module")
def bundled():
    return resolve("ai-manufacturing-2027@1.1.0")


def sheet(report, key):
    return next(s for s in layout(report) if s.key == key)


@pytest.mark.parametrize("locale", ["zh", "en"])
@pytest.mark.parametrize("seed", [7, 11, 23])
def test_page_one_holds_the_essentials_at_a_readable_size(bundled, locale, seed):
    q, h = bundled
    report = prepare(q, h, random_answers(q, h, seed, blank=0.1), locale=locale, generated_at=AT)
    s = sheet(report, "summary")
    scale = summary_scale(s, row_heights(s))
    assert scale >= 90  # 10 pt text prints at 9 pt or more
    first_page = [c for c in s.cells if c.row < s.marks["page_break"]]
    shown = {c.value for c in first_page}
    assert report.doc["overall"]["score"] in shown and t("summary.first", locale) in shown
    assert s.marks["radar_at"][0] < s.marks["page_break"]  # the pillar chart is on page 1 too
    actions = [c for c in first_page if c.span == 16 and c.style == "wrap"]
    assert len(actions) == 3 and all(a.value for a in actions)
    assert report.doc["roadmap"][0]["question"] in next(c.value for c in first_page if c.row == actions[0].row
                                                        and c.col == 0)
    gates = t("summary.gates_open", locale)
    assert all(c.row >= s.marks["page_break"] for c in s.cells if c.value == gates)  # the rest follows


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_the_workbook_prints_page_one_at_that_scale_then_breaks(tmp_path, sample, sample_answers, locale):
    q, h = sample
    report = prepare(q, h, sample_answers, locale=locale, generated_at=AT)
    files = write_files(tmp_path / "r.xlsx", report, twins=False)
    ws = openpyxl.load_workbook(files.xlsx)[sheet_name("summary", locale)]
    s = sheet(report, "summary")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert (ws.page_setup.scale or 100) == summary_scale(s, row_heights(s)) >= 90
    assert [b.id for b in ws.row_breaks.brk] == [s.marks["page_break"]]
    assert ws.print_area  # everything, on as many pages as it takes after page 1


def test_blank_deciding_profile_answers_are_the_first_actions(bundled):
    q, h = bundled
    answers = random_answers(q, h, 7, blank=0.1)
    given = {k: v for k, v in answers.answers.items() if k not in ("PR-AGENTS", "PR-MARKETS")}
    report = prepare(q, h, answers.model_copy(update={"answers": given}), locale="en", generated_at=AT)
    s = sheet(report, "summary")
    rows = sorted({c.row for c in s.cells if c.row < s.marks["page_break"] and c.span == 16 and c.style == "wrap"})
    where = [next(c.value for c in s.cells if c.row == r and c.col == 0) for r in rows]
    texts = [next(c.value for c in s.cells if c.row == r and c.col == 1) for r in rows]
    # the one more questions wait on first: until answered, they count as applying and score 0
    assert where[:2] == ["Profile · PR-MARKETS", "Profile · PR-AGENTS"]
    assert texts[0].startswith("First answer profile question PR-MARKETS") and "13 question(s)" in texts[0]
    assert report.doc["roadmap"][0]["question"] in where[2]


@pytest.mark.parametrize("name", [str(SAMPLE), "ai-manufacturing-2027@1.0.0", "ai-manufacturing-2027@1.1.0"])
@pytest.mark.parametrize("locale", ["zh", "en"])
def test_every_roadmap_line_says_what_to_do(name, locale):
    q, h = resolve(name)
    blank = AnswerSet(questionnaire=ref_of(q, h))  # everything open: every gate fails, every step is listed
    report = prepare(q, h, blank, locale=locale, generated_at=AT)
    s = sheet(report, "roadmap")
    step_col = next(c.col for c in s.cells if c.row == 0 and c.value == t("col.step", locale))
    first, last = s.marks["data_rows"]
    assert last > first
    actions = {c.row: c.value for c in s.cells if c.col == step_col and first <= c.row <= last}
    assert len(actions) == last - first + 1 and all(actions.values())
    phases = {c.row: c.value for c in s.cells if c.col == 1 and first <= c.row <= last}
    assert any(p == t("phase.now", locale) for p in phases.values())  # the lines that were empty before


def test_a_question_without_a_next_step_gets_one(sample):
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), answers={"G01": Answer(value=False)})
    report = prepare(q, h, answers, locale="zh", generated_at=AT)
    line = next(x for x in report.doc["roadmap"] if x["question"] == "G01")
    assert line["text"] == "是否完成等级保护定级备案？"  # the questionnaire has nothing more to say
    s = sheet(report, "roadmap")
    row = next(c.row for c in s.cells if c.value == "G01")
    action = next(c.value for c in s.cells if c.row == row and c.col == 10)
    assert action == "落实题目所述要求，使答案达到“是”，并留存证明文件"


@pytest.mark.parametrize(("locale", "titles"), [
    ("zh", {"网络安全法", "数据安全法", "GB/T 22239-2019", "个人信息保护法"}),
    ("en", {"Cybersecurity Law", "Data Security Law", "GB/T 22239-2019", "Personal Information Protection Law"}),
])
def test_citations_read_as_short_titles(bundled, locale, titles):
    q, h = bundled
    report = prepare(q, h, AnswerSet(questionnaire=ref_of(q, h)), locale=locale, generated_at=AT)
    s = sheet(report, "roadmap")
    col = next(c.col for c in s.cells if c.row == 0 and c.value == t("col.citations", locale))
    shown = [str(c.value) for c in s.cells if c.col == col and c.row > 0]
    found = {part for v in shown for part in v.replace("；", "; ").split("; ")}
    assert titles <= found
    assert not any("#" in v or "mlps-gbt" in v or v.startswith("csl") for v in shown)  # no ids left


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_rows_are_tall_enough_for_long_cjk_text(sample, sample_answers, locale):
    q, h = sample
    long = "为每个人工智能系统可写的参数列出清单，逐项设定上下限和变化速率限制并写进PLC或DCS的限幅逻辑。" * 4
    given = dict(sample_answers.answers)
    given["G05"] = Answer(value=long)
    report = prepare(q, h, sample_answers.model_copy(update={"answers": given}), locale=locale, generated_at=AT)
    s = sheet(report, "answers")
    cell = next(c for c in s.cells if c.value == long)
    width = s.widths[cell.col]
    # a 10 pt CJK glyph is 13.3 px wide; a column w wide is w * 7 + 5 px: no more than that fits a line
    lines = text_lines(long, width)
    wide = (display_width(long) - len(long))
    assert lines >= wide * 13.3 / (width * 7 + 5)
    assert row_heights(s)[cell.row] >= lines * CJK_LINE_PT
    assert text_lines("中" * 20, 20) == 2 and text_lines("word " * 8, 20) == 2


def test_a_list_of_question_ids_is_kept_whole_as_libreoffice_keeps_it():
    """LibreOffice breaks no line inside C01、C02、…: such a list starts a line of its own, so a problem
    naming fifteen questions takes four lines where breaking anywhere would fit three (seen printed)."""
    ids = "、".join(["M03", "M05", "M21", "M15", "M17", "D02", "D05", "D06", "A02", "G03", "G07", "G08", "G13",
                    "O17", "O14"])
    said = f"15 道题目的证据状态为“有文件”，但证据栏没有写明文件，按“自述”计：{ids}"
    assert text_lines(said, 50.7) == 4
    assert text_lines("1 道适用的题目未作答（会降低完成度）：D10", 50.7) == 1


def test_figures_leave_room_before_the_next_cell():
    """A right-aligned figure ends in a blank, so '2.53' and '100%' never print as '2.53100%'."""
    for name, style in STYLES.items():
        fmt = style.get("num_format")
        if fmt and style.get("align") != "left":
            assert fmt.endswith("_)"), name


def test_the_date_is_local_time_and_verifies_anywhere(tmp_path, sample, sample_answers):
    q, h = sample
    report = prepare(q, h, sample_answers, locale="zh", generated_at="2026-03-01T20:30:00Z", utc_offset=480)
    assert report_time(report) == "2026-03-02 04:30 (UTC+8)"
    s = sheet(report, "summary")
    assert any(c.value == "2026-03-02 04:30 (UTC+8)" for c in s.cells)
    assert t("summary.date", "zh") == "报告时间"
    files = write_files(tmp_path / "r.xlsx", report, twins=False)
    assert verify_report(files.xlsx, str(SAMPLE)).ok  # the offset travels with the report


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or pdftotext is not installed")
@pytest.mark.parametrize("locale", ["zh", "en"])
def test_printed_page_one_is_the_result_and_the_first_actions(tmp_path, bundled, locale):
    q, h = bundled
    report = prepare(q, h, random_answers(q, h, 11, blank=0.1), locale=locale, generated_at=AT)
    files = write_files(tmp_path / "r.xlsx", report, twins=False)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(files.xlsx)], capture_output=True, timeout=180, check=True)

    def page(n: int) -> str:
        return subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(tmp_path / "r.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout

    first, d = page(1), report.doc
    assert f"{d['overall']['score']:.2f}" in first and t("summary.first", locale) in first
    assert d["roadmap"][0]["question"] in first  # the first action
    gates = t("summary.gates_open", locale).split("（")[0].split(" (")[0]  # "Gates failed or unconfirmed"
    assert gates not in first and gates in page(2)  # they follow on the next page


def test_an_option_to_choose_reads_as_an_action(sample):
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), answers={"G02": Answer(value="none")})
    report = prepare(q, h, answers, locale="en", generated_at=AT)
    line = next(x for x in report.doc["roadmap"] if x["question"] == "G02")
    s = sheet(report, "roadmap")
    row = next(c.row for c in s.cells if c.value == "G02" and c.col == 3)
    action = next(c.value for c in s.cells if c.row == row and c.col == 10)
    assert line["text"] in action and action.startswith("Put in place what the question describes")


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_page_one_prints_no_text_below_9_pt_and_long_pillar_names_in_lines(bundled, locale):
    """Every style on page 1 at the page's print scale is 9 pt or more; a long English pillar name
    (the overseas pillar's is 69 characters) comes in short lines to the table and the radar, which
    drew it on one line, shrank itself and, in LibreOffice, its labels to 6 pt."""
    from assess.excel.report_render import BASE
    from assess.excel.report_summary import CHART_NAME_WIDTH

    q, h = bundled
    report = prepare(q, h, random_answers(q, h, 7, blank=0.0), locale=locale, generated_at=AT)
    s = sheet(report, "summary")
    scale = summary_scale(s, row_heights(s))
    first_page = [c for c in s.cells if c.row < s.marks["page_break"]]
    sizes = {STYLES[c.style].get("font_size", BASE["font_size"]) for c in first_page if c.value not in (None, "")}
    assert min(sizes) * scale / 100 >= 9
    first, last = s.marks["pillar_rows"]
    names = [c.value for c in s.cells if c.col == 0 and first <= c.row <= last]
    assert len(names) == len(q.pillars)
    assert all(len(line) <= CHART_NAME_WIDTH for n in names for line in n.split("\n"))
    if locale == "en":
        assert any("\n" in n for n in names)  # the overseas pillar's name
        assert max(row_heights(s).get(r, 0) for r in range(first, last + 1)) > CJK_LINE_PT  # its row is taller
