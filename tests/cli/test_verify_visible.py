"""`assess verify` checks what a reader SEES: a report whose cells keep their values but whose number
format prints another figure, or whose rows, columns, sheets or text are hidden, fails, naming the
sheet and cell. Each tampering is done on the workbook's XML, as a forger with a zip tool would."""

from __future__ import annotations

import html
import re
import shutil
import zipfile

import pytest

from assess.excel.verify import verify_report
from assess.text.messages import problem_text
from tests.cli.test_verify import made, run_verify, where  # noqa: F401 (the fixture `fresh` uses)
from tests.conftest import SAMPLE


@pytest.fixture
def fresh(made):  # noqa: F811
    """A fresh English report of the sample answers with a failed must-have, and its Report."""
    return made


def sheet_part(path, sheet: str) -> str:
    """The zip member holding the sheet named `sheet`."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{re.escape(html.escape(sheet))}"[^>]*? r:id="(rId\d+)"', book).group(1)
    return "xl/" + re.search(rf'Id="{rid}" [^>]*Target="([^"]+)"', rels).group(1).removeprefix("/xl/")


def rezip(path, edits: dict, out):
    """A copy of the workbook with each named part changed by its function (text in, text out)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in edits:
                changed = edits[info.filename](data.decode("utf-8")).encode("utf-8")
                assert changed != data, info.filename
                data = changed
            dst.writestr(info, data)
    return out


def restyled(path, sheet: str, cell: str, out, *, num_format: str | None = None, font: str | None = None):
    """A copy of the workbook in which `cell` gets a style of its own: its own style with another
    number format and/or another font (`<font>` XML), the value untouched."""
    part = sheet_part(path, sheet)
    with zipfile.ZipFile(path) as z:
        s = int(re.search(rf'<c r="{cell}" s="(\d+)"', z.read(part).decode()).group(1))
    new_s: list[int] = []

    def styles(xml: str) -> str:
        xfs = re.search(r"<cellXfs count=\"(\d+)\">(.*?)</cellXfs>", xml, re.S)
        items = re.findall(r"<xf [^>]*?/>|<xf [^>]*?[^/]>.*?</xf>", xml[xfs.start(2):xfs.end(2)], re.S)
        xf = items[s]
        if num_format is not None:
            code = html.escape(num_format, quote=True)
            xml = re.sub(r"<numFmts count=\"(\d+)\">", r'<numFmts count="\1"><numFmt numFmtId="200" formatCode="'
                         + code.replace("\\", "\\\\") + '"/>', xml, count=1)
            xf = re.sub(r'numFmtId="\d+"', 'numFmtId="200"', xf)
        if font is not None:
            fonts = re.search(r"<fonts count=\"(\d+)\">", xml)
            n = int(fonts.group(1))
            xml = xml.replace("</fonts>", font + "</fonts>", 1).replace(fonts.group(0), f'<fonts count="{n + 1}">')
            xf = re.sub(r'fontId="\d+"', f'fontId="{n}"', xf)
        new_s.append(len(items))
        xml = xml.replace("</cellXfs>", xf + "</cellXfs>", 1)
        return re.sub(r"<cellXfs count=\"\d+\">", f'<cellXfs count="{len(items) + 1}">', xml, count=1)

    with zipfile.ZipFile(path) as z:
        new_styles = styles(z.read("xl/styles.xml").decode())

    def sheet_xml(xml: str) -> str:
        return xml.replace(f'<c r="{cell}" s="{s}"', f'<c r="{cell}" s="{new_s[0]}"', 1)

    return rezip(path, {"xl/styles.xml": lambda _: new_styles, part: sheet_xml}, out)


def failed(capsys, path, *expected: str) -> str:
    code, text = run_verify(capsys, path)
    assert code == 1, text
    for x in expected:
        assert x in text, text
    assert "Traceback" not in text
    return text


OVERALL = ("summary", "Overall claimed score (0–5)")


def test_a_report_verifies_untouched_and_rezipped(fresh, capsys, tmp_path):
    path, _ = fresh
    same = rezip(path, {}, tmp_path / "rezipped.xlsx")
    code, text = run_verify(capsys, same)
    assert code == 0, text


@pytest.mark.parametrize("num_format", ['"3.17"', '0"."17', '[>0]"3.17"', ";;;", r"\3\.\1\7", "0.0", "yyyy-mm-dd",
                                        "[White]0.00"])
def test_a_number_format_printing_another_figure_is_caught(fresh, capsys, tmp_path, num_format):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)
    shown = report.doc["overall"]["score"]
    assert round(shown, 2) != 3.17
    out = restyled(path, sheet, cell, tmp_path / "format.xlsx", num_format=num_format)
    text = failed(capsys, out, f"{sheet}!{cell}", "Overall claimed score", "number format", num_format, "0.00")
    assert "match" not in text.splitlines()[-1]  # the summary line says FAILED
    # only the restyled cell: its value and every other cell are as written
    result = verify_report(out, str(SAMPLE))  # a date format also makes readers take the figure for a date
    assert {p.where for p in result.problems} == {f"{sheet}!{cell}"}


def test_the_number_format_finding_reads_in_chinese(fresh, tmp_path):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)
    out = restyled(path, sheet, cell, tmp_path / "format.xlsx", num_format='"3.17"')
    (problem,) = verify_report(out, str(SAMPLE)).problems
    assert "数字格式为 \"3.17\"" in problem_text(problem, "zh") and "0.00" in problem_text(problem, "zh")


def test_a_hidden_failed_gate_row_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, "summary", "Pillar · G01")  # the failed must-have's row
    row = int(re.sub(r"[A-Z]", "", cell))
    out = rezip(path, {sheet_part(path, sheet): lambda x: x.replace(f'<row r="{row}" ', f'<row r="{row}" hidden="1" ',
                                                                    1)},
                tmp_path / "hidden-row.xlsx")
    failed(capsys, out, f"{sheet}!A{row}", f"row {row} is hidden", "'G01'")


def test_a_row_squeezed_to_nothing_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)
    row = int(re.sub(r"[A-Z]", "", cell))
    out = rezip(path, {sheet_part(path, sheet): lambda x: x.replace(f'<row r="{row}" ',
                                                                    f'<row r="{row}" ht="0.75" customHeight="1" ', 1)},
                tmp_path / "low-row.xlsx")
    failed(capsys, out, f"{sheet}!A{row}", f"row {row} is 0.8 pt high")


def column_e(xml: str, attrs: str) -> str:
    """Sheet XML whose column E has `attrs` instead of its own (its <col> range split around it)."""

    def split(m: re.Match) -> str:
        first, last, rest = int(m.group(1)), int(m.group(2)), m.group(3)
        if not first <= 5 <= last:
            return m.group(0)
        out = f'<col min="{first}" max="4" {rest}/>' if first < 5 else ""
        out += f'<col min="5" max="5" {attrs}/>'
        return out + (f'<col min="6" max="{last}" {rest}/>' if last > 5 else "")

    return re.sub(r'<col min="(\d+)" max="(\d+)" ([^>]*?)/>', split, xml)


def test_a_hidden_column_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, "pillars", "Claimed · C")  # column E: the claimed scores

    out = rezip(path, {sheet_part(path, sheet): lambda x: column_e(x, 'hidden="1"')}, tmp_path / "hidden-column.xlsx")
    text = failed(capsys, out, f"{sheet}!E1", "column E is hidden")
    assert "Claimed" in text


def test_a_column_made_too_narrow_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, _ = where(report, "pillars", "Claimed · C")
    out = rezip(path, {sheet_part(path, sheet): lambda x: column_e(x, 'width="0.5" customWidth="1"')},
                tmp_path / "narrow.xlsx")
    failed(capsys, out, f"{sheet}!E1", "column E is 0.5 wide")


def test_white_text_on_white_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)
    white = '<font><b/><sz val="14"/><color rgb="FFFFFFFF"/><name val="Calibri"/></font>'
    out = restyled(path, sheet, cell, tmp_path / "white.xlsx", font=white)
    failed(capsys, out, f"{sheet}!{cell}", "text in #FFFFFF on #FFFFFF")


def test_a_tiny_font_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)
    tiny = '<font><sz val="1"/><color theme="1"/><name val="Calibri"/></font>'
    out = restyled(path, sheet, cell, tmp_path / "tiny.xlsx", font=tiny)
    failed(capsys, out, f"{sheet}!{cell}", "a font of 1 pt")


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_caught(fresh, capsys, tmp_path, state):
    path, _ = fresh
    out = rezip(path, {"xl/workbook.xml": lambda x: x.replace('<sheet name="Pillars" sheetId="2"',
                                                              f'<sheet name="Pillars" sheetId="2" state="{state}"')},
                tmp_path / "hidden-sheet.xlsx")
    failed(capsys, out, "Pillars!A1", "sheet 'Pillars' is hidden")


def test_zero_values_shown_blank_are_caught(fresh, capsys, tmp_path):
    from assess.excel.a1 import a1

    path, report = fresh
    (roadmap,) = report_sheets(report, "roadmap")
    zeros = [c for c in roadmap.cells if isinstance(c.value, int | float) and c.value == 0]  # current scores of 0
    assert zeros
    out = rezip(path, {sheet_part(path, roadmap.name): lambda x: x.replace("<sheetView ", '<sheetView showZeros="0" ',
                                                                           1)},
                tmp_path / "zeros.xlsx")
    failed(capsys, out, f"{roadmap.name}!{a1(zeros[0].row, zeros[0].col)}", "not to show zero values",
           f"{len(zeros)} cell(s) holding 0")


def report_sheets(report, key):
    from assess.excel.report_layout import layout

    return [s for s in layout(report) if s.key == key]


def test_a_merge_covering_a_figure_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)
    row = int(re.sub(r"[A-Z]", "", cell))

    def merge(xml: str) -> str:
        if "<mergeCells" in xml:
            return re.sub(r'<mergeCells count="(\d+)">', f'<mergeCells count="99"><mergeCell ref="A{row}:B{row}"/>',
                          xml, count=1)
        return xml.replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="A{row}:B{row}"/>'
                           "</mergeCells>", 1)

    out = rezip(path, {sheet_part(path, sheet): merge}, tmp_path / "merged.xlsx")
    failed(capsys, out, f"{sheet}!{cell}", f"merged into A{row}:B{row}")


def test_a_conditional_format_hiding_a_figure_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)

    def styles(xml: str) -> str:
        look = '<dxf><font><color rgb="FFFFFFFF"/></font></dxf>'
        if "<dxfs" in xml:
            n = len(re.findall(r"<dxf>", xml))
            return re.sub(r'<dxfs count="\d+">', f'<dxfs count="{n + 1}">', xml).replace("</dxfs>", look + "</dxfs>"), n
        return xml.replace("</cellStyles>", f'</cellStyles><dxfs count="1">{look}</dxfs>'), 0

    with zipfile.ZipFile(path) as z:
        new_styles, dxf = styles(z.read("xl/styles.xml").decode())
    rule = (f'<conditionalFormatting sqref="{cell}"><cfRule type="cellIs" dxfId="{dxf}" priority="99" '
            'operator="greaterThan"><formula>0</formula></cfRule></conditionalFormatting>')

    def sheet_xml(xml: str) -> str:
        at = xml.find("<conditionalFormatting")
        at = at if at >= 0 else xml.find("<pageMargins")
        return xml[:at] + rule + xml[at:]

    out = rezip(path, {"xl/styles.xml": lambda _: new_styles, sheet_part(path, sheet): sheet_xml},
                tmp_path / "conditional.xlsx")
    failed(capsys, out, f"{sheet}!{cell}", f"a conditional format on {cell}")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_libreoffice_resave_passes_and_is_still_checked(fresh, capsys, tmp_path):
    """LibreOffice rewrites every style (General becomes a custom format, flags become "true" and
    "false"): its re-save passes, and a row hidden or a format changed in it afterwards is caught."""
    from tests.data.make_filled import resave

    path, report = fresh
    (resaved,) = resave([path], tmp_path / "lo")
    code, text = run_verify(capsys, resaved)
    assert code == 0, text
    sheet, cell = where(report, "summary", "Pillar · G01")
    row = int(re.sub(r"[A-Z]", "", cell))
    hidden = rezip(resaved, {sheet_part(resaved, sheet): lambda x: re.sub(
        rf'(<row r="{row}"[^>]*?hidden=")false"', r'\g<1>true"', x, count=1)}, tmp_path / "lo-hidden.xlsx")
    failed(capsys, hidden, f"{sheet}!A{row}", f"row {row} is hidden")
    sheet, cell = where(report, *OVERALL)
    failed(capsys, restyled(resaved, sheet, cell, tmp_path / "lo-format.xlsx", num_format='0"."17'),
           f"{sheet}!{cell}", "number format")


def test_a_chart_moved_over_the_figures_is_caught(fresh, capsys, tmp_path):
    path, report = fresh
    sheet, cell = where(report, *OVERALL)

    def over(xml: str) -> str:  # the radar's top-left corner moved from column I to column B
        return xml.replace("<xdr:from><xdr:col>8</xdr:col>", "<xdr:from><xdr:col>1</xdr:col>", 1)

    out = rezip(path, {"xl/drawings/drawing1.xml": over}, tmp_path / "chart-over.xlsx")
    failed(capsys, out, f"{sheet}!{cell}", "Overall claimed score", "a chart lies over it (B1:")


def test_a_box_drawn_over_a_figure_is_caught(fresh, capsys, tmp_path):
    """A white rectangle anchored at one cell, as an office suite draws it, over the overall score."""
    path, report = fresh
    sheet, cell = where(report, *OVERALL)
    col, row = "ABCDEFGHIJ".index(cell[0]), int(cell[1:]) - 1
    box = (f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>"
           '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="1200000" cy="190500"/><xdr:sp macro="" textlink="">'
           '<xdr:nvSpPr><xdr:cNvPr id="9" name="Box"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect">'
           '<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></xdr:spPr></xdr:sp>'
           "<xdr:clientData/></xdr:oneCellAnchor>")
    out = rezip(path, {"xl/drawings/drawing1.xml": lambda x: x.replace("</xdr:wsDr>", box + "</xdr:wsDr>")},
                tmp_path / "box.xlsx")
    failed(capsys, out, f"{sheet}!{cell}", f"a shape or picture the report does not have ({cell}:")



def test_a_sheet_added_to_the_report_is_named(fresh, capsys, tmp_path):
    """A visible sheet the report does not have is taken for the report's: named. A hidden one is not seen."""
    import openpyxl

    path, _ = fresh
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Summary (approved)", 0)["B7"] = 4.2
    wb.create_sheet("Scratch").sheet_state = "hidden"
    wb.save(tmp_path / "added.xlsx")
    text = failed(capsys, tmp_path / "added.xlsx", "Summary (approved)!A1", "sheet 'Summary (approved)' is not part "
                  "of the report")
    assert "Scratch" not in text


def test_a_chart_label_format_printing_other_figures_is_caught(fresh, capsys, tmp_path):
    path, _ = fresh
    labels = '"&quot;3.17&quot;"'  # the bar chart's data labels
    out = rezip(path, {"xl/charts/chart2.xml": lambda x: x.replace('formatCode="0.00"', f"formatCode={labels}")},
                tmp_path / "labels.xlsx")
    failed(capsys, out, "Summary (chart)", 'a chart shows its figures with number format "3.17"')


def test_a_data_bar_drawn_instead_of_the_figures_is_caught(fresh, capsys, tmp_path):
    """The Pillars sheet's completion column has a data bar; set to show the bar alone, it hides the figures."""
    path, report = fresh
    sheet, cell = where(report, "pillars", "Completion · C")

    def bar_only(xml: str) -> str:
        return re.sub(r"<dataBar(?![^>]*showValue)", '<dataBar showValue="0"', xml, count=1)

    out = rezip(path, {sheet_part(path, sheet): bar_only}, tmp_path / "bar-only.xlsx")
    failed(capsys, out, f"{sheet}!{cell}", "Completion · C: a conditional format on")


def test_general_as_chinese_excel_and_wps_spell_it_passes(fresh, capsys, tmp_path):
    """Chinese Excel and WPS save the General format as "G/通用格式": the same format, not a finding."""
    path, report = fresh
    sheet, cell = where(report, "summary", "Maturity level")  # a whole number shown with General
    out = restyled(path, sheet, cell, tmp_path / "wps.xlsx", num_format="G/通用格式")
    code, text = run_verify(capsys, out)
    assert code == 0, text


def test_a_wrapped_text_whose_merge_was_undone_is_caught(fresh, capsys, tmp_path):
    """The first page's title spans its columns to wrap there: with the merge undone it folds into its
    first column, and the row shows a part of it."""
    path, report = fresh
    part = sheet_part(path, report_sheets(report, "summary")[0].name)
    with zipfile.ZipFile(path) as z:
        refs = re.findall(r'<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"/>', z.read(part).decode())
    first, last = next((a, b) for a, b in refs if re.sub(r"\d", "", a) != re.sub(r"\d", "", b))

    def unmerge(xml: str) -> str:
        return xml.replace(f'<mergeCell ref="{first}:{last}"/>', "", 1)

    out = rezip(path, {part: unmerge}, tmp_path / "unmerged.xlsx")
    failed(capsys, out, f"!{first}", f"merged {first}:{last} to wrap it there; the merge was undone")
