"""The batch portfolio on paper: every sheet prints one A4 landscape page across with its titles atop
each page, and the Portfolio sheet's text stays readable when fitted (about 8 pt or more, in Chinese
and in English with the bundled questionnaire's long pillar names), its titles wrapped rather than
widening columns, long company names wrapped in rows tall enough for them, and the pillar titles in
words only (the ids are for the CSV and the JSON)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from assess.batch.portfolio_layout import printed_pt
from assess.cli import main
from assess.content.bundled import resolve
from assess.excel.sheet_writer import build_workbook
from assess.model import localize
from tests.data.make_filled import random_answers

LONG_NAME = "西安高新技术产业开发区智能装备制造有限责任公司 第二分厂"


@pytest.fixture(scope="module")
def bundled():
    return resolve("ai-manufacturing-2027@1.1.0")


def _batch(tmp_path, bundled, locale, refused=False):
    q, h = bundled
    tmp_path.mkdir(exist_ok=True)
    sheets = []
    for seed in (3, 5):
        answers = random_answers(q, h, seed, blank=0.0)
        if seed == 3:
            answers.company.name = LONG_NAME
        path = tmp_path / f"firm-{seed}.xlsx"
        build_workbook(q, h, locale, answers).save(path)
        sheets.append(path)
    if refused:
        (tmp_path / "notes.xlsx").write_bytes(b"not a workbook")
        sheets.append(tmp_path / "notes.xlsx")
    out = tmp_path / "out"
    assert main(["batch", "--jobs", "1", *map(str, sheets), "--lang", locale, "-o", str(out), "--no-reports"]) in (0, 1)
    return load_workbook(out / "portfolio.xlsx")


def _printed_widths(ws):
    """Widths of the columns that print: inside the print area, not hidden."""
    last = column_index_from_string(ws.print_area.split(":")[-1].split("$")[1]) if ws.print_area else ws.max_column
    widths = {}
    for dim in ws.column_dimensions.values():
        for c in range(dim.min, dim.max + 1):
            widths[c] = None if dim.hidden else dim.width - 0.7109375  # openpyxl reports Excel's padded width
    return [w for c in range(1, last + 1) if (w := widths.get(c, 8.43)) is not None]


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_every_sheet_prints_one_a4_landscape_page_across_with_its_titles(tmp_path, bundled, locale):
    wb = _batch(tmp_path, bundled, locale)
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and ps.paperSize == 9, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (None, 1) and ps.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1", ws.title
    portfolio = wb.worksheets[0]
    size = printed_pt(_printed_widths(portfolio))
    assert size >= 7.9, f"the portfolio prints at {size:.1f} pt"  # it printed at 6.5 pt fitted to one page
    assert printed_pt(_printed_widths(wb.worksheets[2])) >= 9


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_the_portfolio_wraps_titles_and_long_company_names(tmp_path, bundled, locale):
    q, _ = bundled
    ws = _batch(tmp_path, bundled, locale).worksheets[0]
    titles = [c.value for c in ws[1]]
    pillars = [localize(p.name, locale) for p in q.pillars]
    assert all(name in titles for name in pillars)  # the names alone: no "(compute)"
    assert not any(f"（{p.id}）" in t or f"({p.id})" in t for p in q.pillars for t in titles)
    assert ws.row_dimensions[1].height > 30 and ws.cell(1, titles.index(pillars[-1]) + 1).alignment.wrap_text
    company = titles.index("企业" if locale == "zh" else "Company") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, company).value == LONG_NAME)
    assert ws.cell(row, company).alignment.wrap_text and ws.row_dimensions[row].height > 15
    # the ids of the top gaps two to a line, so that no line breaks inside an id in a narrow column
    gaps = ws.cell(row, titles.index("主要差距" if locale == "zh" else "Top gaps") + 1).value
    assert gaps.count("\n") == 1 and all(len(line.replace(",", "、").split("、")) <= 3 for line in gaps.split("\n"))
    # a figure's column is narrow: the titles wrap (or run upwards) instead of widening it
    score = titles.index(pillars[0]) + 1
    assert ws.column_dimensions[ws.cell(1, score).column_letter].width < 9


def test_columns_no_row_fills_do_not_print_and_a_refusal_s_reason_does(tmp_path, bundled):
    ws = _batch(tmp_path, bundled, "en").worksheets[0]
    titles = [c.value for c in ws[1]]

    def hidden(title):
        return bool(ws.column_dimensions[ws.cell(1, titles.index(title) + 1).column_letter].hidden)

    assert hidden("Duplicate of") and hidden("Refused because")
    ws = _batch(tmp_path / "again", bundled, "en", refused=True).worksheets[0]
    assert not hidden("Refused because") and hidden("Duplicate of")
    last = ws.print_area.split(":")[-1].split("$")[1]
    # on paper up to whether the benchmark counts each firm, which names any duplicate; paths and hashes stay off
    assert column_index_from_string(last) == titles.index("In benchmark") + 1 == titles.index("Refused because") + 2
    assert titles.index("Duplicate of") > titles.index("In benchmark")
    assert printed_pt(_printed_widths(ws)) >= 7.3  # two more columns: a little smaller (7.4 pt), still legible
