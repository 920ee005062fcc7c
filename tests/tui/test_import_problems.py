"""Importing a sheet in the app: every problem the plant has to act on is listed, each with its cell and
fix, over the answers it opened; not one notice showing the first of them."""

from __future__ import annotations

from openpyxl import load_workbook

from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.imported_dialog import ImportedDialog

from .helpers import SAMPLE, async_test, sample_app, settle


def _sheet(tmp_path, sample_answers, edit=None):
    from assess.content.bundled import load_questionnaire
    from assess.excel.sheet_writer import write_template

    q, h = load_questionnaire(SAMPLE)
    path = write_template(tmp_path / "苏州工厂.xlsx", q, h, "zh", sample_answers)
    if edit is not None:
        wb = load_workbook(path)
        edit(wb["Answers"])
        wb.save(path)
    return path


def _type(ws, qid: str, value: str) -> str:
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == qid)
    ws.cell(row, 5).value = value
    return f"Answers!E{row}"


@async_test
async def test_every_problem_of_an_imported_sheet_is_listed_with_its_cell_and_fix(tmp_path, sample_answers):
    cells = {}

    def edit(ws):
        cells["C01"] = _type(ws, "C01", "很好")
        cells["C04"] = _type(ws, "C04", "很多")

    sheet = _sheet(tmp_path, sample_answers, edit)
    app = sample_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.import_sheet(sheet)
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ImportedDialog)
        listed = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        for qid, cell in cells.items():
            assert cell in listed and qid in listed
        assert "'很多' is not a number" in listed and "→ type a number" in listed  # what was wrong, and the fix
        assert "found while importing" in listed and "unanswered (lowers" not in listed  # the app shows those
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert app.store.answer("C01") is None  # not used: unanswered here, to answer
