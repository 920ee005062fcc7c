"""Round trip through a real office suite: fill a template, let LibreOffice headless re-save it (as a
client's office suite does), read it back exactly. Needs `soffice` (Debian: libreoffice-calc)."""

from __future__ import annotations

import json
import shutil

import pytest

from assess.excel.sheet_reader import read_answer_sheet
from assess.text.messages import problem_text
from tests.conftest import SAMPLE
from tests.data.make_filled import resave, with_formulas, write_filled

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


@pytest.mark.parametrize("lang,variant", [("zh", "plain"), ("en", "plain"), ("zh", "messy")])
def test_filled_and_resaved_by_libreoffice_reads_back_exactly(tmp_path, sample, lang, variant):
    q, h = sample
    made = write_filled(q, h, tmp_path, 6, seed=40, lang=lang, variant=variant)
    for path in resave(made, tmp_path / "lo"):
        expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
        _, _, got, problems = read_answer_sheet(path, str(SAMPLE))
        assert got.model_dump(mode="json") == expected, path.name
        assert [problem_text(p, "en") for p in problems if p.code != "sheet.unanswered"] == [], path.name


def test_formulas_typed_then_recalculated_by_libreoffice_are_caught(tmp_path, sample):
    q, h = sample
    made = write_filled(q, h, tmp_path, 1, seed=70, lang="zh")
    typed = with_formulas(made[0])
    (path,) = resave(made, tmp_path / "lo")
    _, _, got, problems = read_answer_sheet(path, str(SAMPLE))
    # in an answer's cell the formula refuses the answer; in a note's (column F) it leaves the note out
    assert {p.where for p in problems if p.code == "sheet.formula"} == {c for c in typed if "!F" not in c}
    assert {p.where for p in problems if p.code == "sheet.cell_left_out"} == {c for c in typed if "!F" in c}
    assert "C04" not in got.answers


def test_the_template_itself_survives_a_resave(tmp_path, sample):
    """Validation lists, hidden sheets and defined names are still there after LibreOffice saves it."""
    import zipfile

    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    from assess.excel.sheet_writer import write_template

    q, h = sample
    src = write_template(tmp_path / "blank.xlsx", q, h, "zh")
    (path,) = resave([src], tmp_path / "lo")
    wb = CalamineWorkbook.from_path(path)
    visible = {m.name: m.visible for m in wb.sheets_metadata}
    assert visible["Lists"] == visible["Meta"] == SheetVisibleEnum.Hidden
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        answers = z.read("xl/worksheets/sheet3.xml").decode()
    assert 'name="L_status"' in book and 'name="L_level"' in book
    assert "<formula1>L_status</formula1>" in answers and 'showErrorMessage="true"' in answers
    _, _, got, problems = read_answer_sheet(path, str(SAMPLE))
    assert got.answers == {}
    assert all(p.severity == "warning" for p in problems)
