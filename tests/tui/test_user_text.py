"""Text a user typed (company names, file names, paths) shows as typed: Textual reads a plain
string as markup, where "[2026]" would vanish and "[/]" would stop the screen from drawing."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from assess.answers import Answer, AnswerSet, Company
from assess.io.answerfile import save_answers
from assess.io.content import load_questionnaire, ref_of
from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.path_dialog import PathDialog
from assess.tui.screens.start import StartScreen

from .helpers import SAMPLE, async_test, sample_app, settle

NAME = "ACME [/] [red]Works[/red] [2026]"


def saved(folder, name: str = NAME, file: str = "acme [q1].json"):
    q, h = load_questionnaire(SAMPLE)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file
    save_answers(path, AnswerSet(questionnaire=ref_of(q, h), company=Company(name=name),
                                 answers={"C01": Answer(value=2)}))
    return path


def plain(widget) -> str:
    return str(widget.render())


@async_test
async def test_a_company_and_file_name_with_brackets_are_listed_and_opened_as_typed(tmp_path):
    data = tmp_path / "data"
    saved(data)
    app = sample_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        table = app.screen.query_one("#saved", DataTable)
        row = table.get_row_at(0)
        assert str(row[0]) == NAME and str(row[3]) == "acme [q1].json"
        await pilot.pause()  # the row is drawn without an error
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert NAME in plain(app.screen.query_one("#topbar", Static))


@async_test
async def test_notices_and_dialog_errors_quote_paths_as_typed(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    app = sample_app(data)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.notify(f"wrote {tmp_path}/reports [/]/r [2026].xlsx")
        await pilot.pause()
        assert app._notifications and "reports [/]/r [2026].xlsx" in list(app._notifications)[-1].message
        await pilot.press("i")  # import a sheet: the file must exist
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        typed = str(tmp_path / "missing [/] [b]x.xlsx")
        app.screen.query_one("#path").value = typed
        await pilot.press("enter")
        await settle(pilot)
        error = plain(app.screen.query_one("#path-error", Static))
        assert "missing [/] [b]x.xlsx" in error
