"""Clients' habits after a real office suite has re-saved the sheet: LibreOffice writes its own
styles (the percent format among them) and numbers. Needs `soffice` (Debian: libreoffice-calc)."""

from __future__ import annotations

import shutil

import pytest

from assess.excel.sheet_format import ANSWERS
from tests.data.make_filled import resave
from tests.excel import test_sheet_reader as base
from tests.excel.test_sheet_reader import make, put, read

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

full_answers = base.full_answers


def test_habits_survive_a_libreoffice_resave(tmp_path, sample, full_answers):
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        ref = put(ws, "C02", "E", 0.62)
        ws[ref].number_format = "0%"
        put(ws, "C01", "E", "三级")
        put(ws, "C03", "D", None)
        put(ws, "C03", "E", "√")
        ws["J1"] = "客户说明"
        put(ws, "C04", "J", "含备用卡")
        ws[put(ws, "C05", "G", "质检报告")].hyperlink = "证据/质检 报告.pdf"  # LibreOffice: ../证据/质检%20报告.pdf
        ws[put(ws, "C04", "G", "网盘")].hyperlink = "https://pan.example.cn/s/a%20b"
        from openpyxl.comments import Comment
        from openpyxl.styles import Font

        ws[put(ws, "G01", "E", "是")].font = Font(strike=True)  # LibreOffice writes its own fonts
        rows["C01"] = base.row_of(ws, "C01")
        ws[f"E{rows['C01']}"].comment = Comment("只有一条产线", "张工")  # LibreOffice writes its own comments part
        rows["G02"] = base.row_of(ws, "G02")
        ws.row_dimensions[rows["G02"]].hidden = True  # LibreOffice writes hidden="true", and "false" on every other row
        ws.row_dimensions.group(base.row_of(ws, "C02"), base.row_of(ws, "C03"), hidden=True)  # folded: not said

    (path,) = resave([make(tmp_path, sample, full_answers, edit)], tmp_path / "lo")
    _, _, got, problems = read(path)
    assert got.answers["C02"].value == 62
    assert got.answers["C01"].value == 3 and got.answers["C03"].value is True
    assert got.answers["C04"].note.endswith("客户说明: 含备用卡")
    assert "sheet.extra_column" in [p.code for p in problems]
    assert got.answers["C05"].evidence == ["质检报告", "证据/质检 报告.pdf"]
    assert got.answers["C04"].evidence == ["网盘", "https://pan.example.cn/s/a%20b"]
    assert got.answers["C01"].note.endswith(f"批注 E{rows['C01']}: 只有一条产线")
    assert "G01" not in got.answers and "sheet.struck" in [p.code for p in problems]
    (hidden,) = [p for p in problems if p.code == "sheet.rows_hidden"]  # the template's filter buttons hide nothing
    assert hidden.where == f"{ANSWERS}!E{rows['G02']}" and "G02" in got.answers


def test_a_percentage_saved_as_ods_is_read_as_per_cent_and_a_percent_on_a_number_is_questioned(
        tmp_path, sample, full_answers):
    """An .ods stores a typed 62% as a percentage cell holding 0.62: read as 62, as in an .xlsx; 55%
    on a question asking for a plain number is refused, not taken as 0.55."""
    import subprocess

    def edit(wb):
        ws = wb[ANSWERS]
        ws[put(ws, "C02", "E", 0.62)].number_format = "0%"
        ws[put(ws, "C05", "E", 0.55)].number_format = "0%"

    made = make(tmp_path, sample, full_answers, edit)
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "ods", "--outdir", str(tmp_path / "lo"), str(made)],
                   check=True, capture_output=True, timeout=300)
    _, _, got, problems = read(tmp_path / "lo" / made.with_suffix(".ods").name)
    assert got.answers["C02"].value == 62
    assert "C05" not in got.answers and "sheet.percent_on_number" in [p.message.arg("why").key for p in problems
                                                                       if p.code == "sheet.value_refused"]


def test_a_title_row_and_a_reworded_heading_survive_a_libreoffice_resave(tmp_path, sample, full_answers):
    """A title merged over a row inserted above the headings, and 答案 reworded 答案（请选择）, as
    LibreOffice writes them back: the headings are found, every answer reads as before."""
    def edit(wb):
        ws = wb[ANSWERS]
        width = ws.max_column
        next(c for c in ws[1] if c.value == "答案").value = "答案（请选择）"
        ws.insert_rows(1)
        ws["A1"] = "宁波模具 自评表"
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)

    _, _, plain, _ = read(make(tmp_path, sample, full_answers))
    (path,) = resave([make(tmp_path, sample, full_answers, edit, name="titled.xlsx")], tmp_path / "lo")
    _, _, got, problems = read(path)
    assert got.answers == plain.answers
    assert [p.where for p in problems if p.code == "sheet.above_header"] == [f"{ANSWERS}!1:1"]
    assert not [p for p in problems if p.severity == "error"]
