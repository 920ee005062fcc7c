"""An .ods whose content.xml repeats rows or cells that hold content (a few bytes of XML that readers
expand into millions of cells) is refused by the guard, naming the sheet, before python-calamine
opens it; LibreOffice's own repeated empty tail still reads."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from assess.cli import main
from assess.excel.guard import SHEET_KINDS, check_workbook
from assess.excel.guard_ods import MAX_RANGE_CELLS
from tests.conftest import DATA, SAMPLE

LO_ODS = DATA / "sheets" / "plain-zh-0001.lo.ods"
EMPTY_TAIL = '<table:table-row table:style-name="ro1" table:number-rows-repeated="1048568">'
"""Where the Lists sheet's content ends and LibreOffice's empty rest of the sheet begins."""
TEXT = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'


def _ods(rows: str, at: str = EMPTY_TAIL) -> bytes:
    """The LibreOffice-saved answer sheet with `rows` of XML inserted into its content.xml at `at`."""
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(LO_ODS) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "content.xml":
                text = data.decode("utf-8")
                assert text.count(at) == 1
                data = text.replace(at, rows + at).encode("utf-8")
            dst.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


WIDE_TEXT = TEXT.replace("<table:table-cell ", '<table:table-cell table:number-columns-repeated="16384" ')
ROWS_BOMB = f'<table:table-row table:number-rows-repeated="1000000">{TEXT}</table:table-row>'


@pytest.mark.parametrize(("rows", "reach"), [
    (ROWS_BOMB, "1,000,007"),  # one row of text, a million times
    (f"<table:table-row>{WIDE_TEXT}</table:table-row>" * 70, "16,384"),  # 70 rows of text in every column
    # empty runs between rows of text: refused at the first row of text past the limit
    ('<table:table-row table:number-rows-repeated="300000"><table:table-cell/></table:table-row>'
     f"<table:table-row>{TEXT}</table:table-row>" * 4, "300,008"),
    (f'<table:table-row><table:table-cell table:number-columns-repeated="200000"/>{TEXT}</table:table-row>' * 6,
     "200,001"),  # empty cells pushing text far right
])
def test_repeated_content_is_refused_naming_the_sheet(rows, reach):
    result = check_workbook(_ods(rows), kinds=SHEET_KINDS)
    assert result.reason == "ods_repeats" and result.part == "content.xml"
    zh, en = result.text("zh"), result.text("en")
    assert "工作表“Lists”" in zh and "另存为" in zh and "(.xlsx)" in zh and reach in zh
    assert "sheet 'Lists'" in en and "Save As" in en and "(.xlsx)" in en and reach in en


def test_the_limit_is_the_one_xlsx_sheets_get():
    from assess.excel import sheet_cells

    assert sheet_cells.MAX_RANGE_CELLS is MAX_RANGE_CELLS
    # the Lists sheet has 7 rows, 7 columns wide: 142,857 rows of it are 999,999 cells, one row more is over
    just = f'<table:table-row table:number-rows-repeated="{142_857 - 7}">{TEXT}</table:table-row>'
    assert check_workbook(_ods(just), kinds=SHEET_KINDS).ok
    over = just.replace(f'"{142_857 - 7}"', f'"{142_858 - 7}"')
    assert check_workbook(_ods(over), kinds=SHEET_KINDS).reason == "ods_repeats"


@pytest.mark.parametrize("disguise", [
    lambda rows: rows.replace("table:", "t:").replace("<table-row", "<t:table-row"),  # another prefix
    lambda rows: "<!-- <table:table-cell a=\" -->" + rows,  # a comment that would fool a byte search
    lambda rows: rows.replace('"1000000"', "'+1000000'"),  # other quotes, a sign readers accept
    # after a table nested in a cell, the sheet's own rows are still counted
    lambda rows: (f"<table:table-row><table:table-cell><table:table><table:table-row>{TEXT}</table:table-row>"
                  "</table:table></table:table-cell></table:table-row>" + rows),
])
def test_disguised_repeats_are_still_counted(disguise):
    rows = disguise(ROWS_BOMB)
    if "t:table-row" in rows:  # the prefix must be bound for the XML to be well-formed to a reader
        rows = rows.replace("<t:table-row ", '<t:table-row xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ',
                            1)
    assert check_workbook(_ods(rows), kinds=SHEET_KINDS).reason == "ods_repeats"


def test_content_xml_that_is_not_xml_is_refused_by_name():
    result = check_workbook(_ods("<table:table-row><table:table-cell></table:table-row>"), kinds=SHEET_KINDS)
    assert result.reason == "corrupt" and result.part == "content.xml"
    assert "content.xml" in result.text("en") and "content.xml" in result.text("zh")


def test_libreoffices_empty_tail_reads():
    content = zipfile.ZipFile(LO_ODS).read("content.xml").decode("utf-8")
    tails = [int(n) for n in re.findall(r'number-rows-repeated="(\d+)"', content)]
    assert max(tails) > 1_000_000  # each sheet's empty rest, one row repeated a million times
    assert check_workbook(LO_ODS, kinds=SHEET_KINDS).kind == "ods"
    # rows of text followed by thousands of empty repeated cells, as a sheet with wide formatting has
    wide = (f'<table:table-row table:number-rows-repeated="100">{TEXT}'
            '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>')
    assert check_workbook(_ods(wide), kinds=SHEET_KINDS).kind == "ods"


def test_assess_import_refuses_the_bomb_and_reads_the_real_file(tmp_path, capsys):
    bomb = tmp_path / "plant.ods"
    bomb.write_bytes(_ods(ROWS_BOMB))
    out = tmp_path / "answers.json"
    assert main(["import", str(bomb), "-q", str(SAMPLE), "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "sheet 'Lists'" in err and "Save As" in err and not out.exists()
    assert main(["import", str(LO_ODS), "-q", str(SAMPLE), "-o", str(out), "--lang", "en"]) == 0
    assert json.loads(out.read_text("utf-8"))["answers"]


def test_a_batch_names_the_bomb_and_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bomb.ods").write_bytes(_ods(ROWS_BOMB))
    shutil.copy(LO_ODS, src / "plant.ods")
    out = tmp_path / "out"
    main(["batch", str(src), "-q", str(SAMPLE), "-o", str(out), "--no-reports", "--jobs", "1", "--lang", "en"])
    files = {Path(f["file"]).name: f for f in json.loads((out / "portfolio.json").read_text("utf-8"))["files"]}
    assert files["bomb.ods"]["status"] == "refused" and files["bomb.ods"]["code"] == "ods_repeats"
    assert "Lists" in files["bomb.ods"]["problems"][0]["message"] and files["bomb.ods"]["problems"][0]["fix"]
    assert files["plant.ods"]["status"] != "refused" and files["plant.ods"]["figures"]["overall"] is not None


def test_percentage_cells_are_placed_with_their_repeats_and_capped():
    from assess.excel.guard_ods import PERCENT_CELLS, OdsCells

    pct = '<table:table-cell office:value-type="percentage" office:value="0.62"><text:p>62%</text:p></table:table-cell>'
    pair = pct.replace("<table:table-cell ", '<table:table-cell table:number-columns-repeated="2" ')
    xml = ('<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body>'
           '<table:table table:name="Answers">'
           f'<table:table-row>{TEXT}</table:table-row>'
           f'<table:table-row><table:table-cell table:number-columns-repeated="4"/>{pct}</table:table-row>'
           f'<table:table-row table:number-rows-repeated="2">{TEXT}{pair}</table:table-row>'
           f'<table:table-row table:number-rows-repeated="20000">{pct}</table:table-row>'
           '</table:table></office:body></office:document-content>')
    cells = OdsCells(merged=True)
    cells.feed(xml.encode())
    cells.close()
    got = cells.percent["Answers"]
    assert {(2, 5), (3, 2), (3, 3), (4, 2), (4, 3), (5, 1)} <= got  # (row, column), 1-based
    assert (1, 1) not in got and len(got) == PERCENT_CELLS  # a repeat of a million is not a million cells
