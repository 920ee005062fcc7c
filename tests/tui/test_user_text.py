"""Text a user typed (company names, file names, paths) shows as typed: Textual reads a plain
string as markup, where "[2026]" would vanish and "[/]" would stop the screen from drawing."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from assess.answers import Answer, AnswerSet, Company
from assess.content.answer_file import save_answers
from assess.content.bundled import load_questionnaire, ref_of
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


@async_test
async def test_a_notice_from_a_screen_quotes_a_pillar_name_as_written(tmp_path):
    """Saving a target names the pillar in a notice; a questionnaire's name is text too."""
    from assess.tui.app import make_app
    from assess.tui.screens.results import ResultsScreen
    from assess.tui.screens.target_dialog import TargetDialog

    from .helpers import SAMPLE_SEEDS, fixed_clock

    text = SAMPLE.read_text(encoding="utf-8").replace("en: Compute}", 'en: "Compute [/] [2026]"}', 1)
    assert "Compute [/] [2026]" in text
    custom = tmp_path / "questionnaire.yaml"
    custom.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    app = make_app(None, questionnaire=str(custom), lang="en", data_dir=data, clock=fixed_clock,
                   sources_dir=SAMPLE_SEEDS)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")  # past the company screen
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("enter")  # the highlighted pillar: Compute
        await settle(pilot)
        assert isinstance(app.screen, TargetDialog)
        await pilot.press(*"4", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert any("Compute [/] [2026]" in n.message for n in app._notifications)
