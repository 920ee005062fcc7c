"""Card sheets through a real office suite: a card sheet filled by hand, re-saved by LibreOffice
headless (as a client's office suite does), reads back to the same cards; and a gap report with
card sheets still verifies after a re-save. Needs `soffice` (Debian: libreoffice-calc); run with
`pytest -m slow`."""

from __future__ import annotations

import shutil

import pytest

from assess.excel.report_render import write_report
from assess.excel.sheet_reader import read_answer_sheet
from assess.text.messages import problem_text
from tests.data.make_filled import resave
from tests.excel.test_cards import Q, make, profile, report_answers, typed

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def test_a_filled_card_sheet_resaved_by_libreoffice_reads_back_the_same(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        rows = [
            ["视觉质检", "4 — 优化级", "yes — 是", 35.5, "quality — 质量检测", "yes — 是", "no — 否", None, 120,
             "首条产线", "验收报告.pdf\n现场照片", "documented — 有文件"],
            ["排产", "１", True, "40%", "planning", None, None, "是", "1,000", None, None, None],
            ["００３", None, False, None, None, None, None, None, None, "=1+1", None, None],
        ]
        for r, values in enumerate(rows, start=4):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    typed(ws, f"{'ABCDEFGHIJKL'[c - 1]}{r}", value)
        ws["J6"].data_type = "s"  # typed as text, as Excel keeps "=1+1" in a text cell

    made = make(tmp_path, cq, profile(cq), fill, name="cards.xlsx")
    _, _, before, problems = read_answer_sheet(made, Q)
    assert [c.key for c in before.cards["scenarios"]] == ["视觉质检", "排产", "００３"]
    (path,) = resave([made], tmp_path / "lo")
    _, _, after, after_problems = read_answer_sheet(path, Q)
    assert after.model_dump(mode="json")["cards"] == before.model_dump(mode="json")["cards"]
    card_problems = [problem_text(p, "en") for p in after_problems if "典型场景" in p.where]
    assert card_problems == [problem_text(p, "en") for p in problems if "典型场景" in p.where]


def test_a_report_with_card_sheets_verifies_after_a_libreoffice_resave(tmp_path, cq):
    from assess.excel.verify import verify_report

    q, h = cq
    report = write_report(tmp_path / "report.xlsx", q, h, report_answers(cq), locale="zh")
    (resaved,) = resave([report], tmp_path / "lo")
    result = verify_report(resaved, Q)
    assert result.ok, [problem_text(p, "en") for p in result.problems]


def test_card_cells_typed_as_a_client_types_them_read_the_same_after_a_resave(tmp_path, cq):
    """A per cent typed into a cell LibreOffice keeps formatted as per cent, a level name, a tick:
    read as the Answers sheet reads them, before and after the office suite saves the file."""
    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, "A4", "视觉质检")
        typed(ws, "B4", "集成级")
        ws["D4"] = 0.62
        ws["D4"].number_format = "0%"
        typed(ws, "C4", "✓")
        typed(ws, "A5", "排产")
        typed(ws, "B5", "L2")
        ws["D5"] = 0.35
        ws["D5"].number_format = "0.0%"

    made = make(tmp_path, cq, profile(cq), fill, name="typed.xlsx")
    (path,) = resave([made], tmp_path / "lo")
    for sheet in (made, path):
        _, _, got, problems = read_answer_sheet(sheet, Q)
        cards = {c.key: {k: a.value for k, a in c.answers.items()} for c in got.cards["scenarios"]}
        assert cards == {"视觉质检": {"S-STAGE": 3, "S-LIVE": True, "S-SHARE": 62},
                         "排产": {"S-STAGE": 2, "S-SHARE": 35}}, sheet
        assert not [p for p in problems if "典型场景" in p.where and p.severity != "notice"], sheet


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_merged_cells_are_named_in_an_ods_and_an_xls_too(tmp_path, cq, kind):
    """python-calamine gives an .xls's merged cells but not an .ods's: the .ods's are read from its
    content.xml. Either way the cards under a merge are named and left out."""
    import subprocess

    def fill(wb):
        ws = wb["典型场景"]
        for row, key in ((4, "视觉质检"), (5, "排产"), (6, "能耗")):
            typed(ws, f"A{row}", key)
        typed(ws, "C4", "是")
        ws.merge_cells("C4:C5")
        typed(ws, "C6", "否")
        answers = wb["Answers"]  # and one answer merged over two questions' rows
        ids = [r for r in range(2, answers.max_row + 1) if answers.cell(r, 1).value]
        top = next(r for r in ids if r + 1 in ids)
        answers.cell(top, 5).value = "3"
        answers.merge_cells(f"E{top}:E{top + 1}")
        rows["answers"] = f"Answers!E{top}:E{top + 1}"

    rows: dict[str, str] = {}
    made = make(tmp_path, cq, profile(cq), fill, name="merged.xlsx")
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", kind, "--outdir", str(tmp_path / "lo"), str(made)],
                   check=True, capture_output=True, timeout=300)
    _, _, got, problems = read_answer_sheet(tmp_path / "lo" / f"merged.{kind}", Q)
    assert [c.key for c in got.cards["scenarios"]] == ["能耗"]
    assert [p.where for p in problems if p.code == "sheet.card_merged"] == ["典型场景!C4:C5"]
    assert [p.where for p in problems if p.code == "sheet.merged"] == [rows["answers"]]
