"""User text shaped like xlsxwriter's own rich strings is written as the text it is."""

from __future__ import annotations

import io
import zipfile

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from assess.excel.xlsx_text import WORKBOOK_OPTIONS, looks_rich, write_text

TEXTS = ["<r><t>evil</t></r>", "<r>&amp; & < > </r>", "<r></r>", "plain", "=HYPERLINK(\"http://x\")", "<r>中文</r>"]


@pytest.mark.parametrize("bold", [False, True])
def test_every_text_reads_back_as_written(bold):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, **WORKBOOK_OPTIONS})
    ws = wb.add_worksheet("S")
    fmt = wb.add_format({"bold": True}) if bold else None
    for row, text in enumerate(TEXTS):
        write_text(ws, row, 0, text, fmt)
    wb.close()
    data = buf.getvalue()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("S").to_python()
    assert [r[0] for r in rows] == TEXTS
    # the shared strings stay well-formed XML: no run a user typed survives as markup
    strings = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    assert "<t>evil</t>" not in strings


def test_stock_xlsxwriter_still_has_the_hole_this_guards():
    """If a later xlsxwriter escapes these strings itself, the guard can go (this fails then)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, **WORKBOOK_OPTIONS})
    wb.add_worksheet("S").write_string(0, 0, "<r><t>evil</t></r>")
    wb.close()
    strings = zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("xl/sharedStrings.xml").decode()
    assert "<si><r><t>evil</t></r></si>" in strings
    assert looks_rich("<r>x</r>") and not looks_rich("<r>x")
