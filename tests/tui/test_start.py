"""The Start screen as a returning user meets it: the saved list has the focus and Enter resumes;
a new assessment writes nothing until it is answered; saved ones are renamed and deleted (to a
trash folder) from the list."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from assess.content.answer_file import load_answers
from assess.session import opening
from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.card_dialogs import CardKeyDialog, ConfirmDialog
from assess.tui.screens.company import CompanyScreen
from assess.tui.screens.start import StartScreen
from assess.tui.widgets.keybar import KeyBar

from .helpers import async_test, fixed_clock, sample_app, settle


def saved(folder, name, company, answer=3):
    """An answer file saved by an earlier session."""
    from assess.content.bundled import load_questionnaire

    from .helpers import SAMPLE

    store = opening.new_assessment(load_questionnaire(SAMPLE), folder, folder / name, clock=fixed_clock)
    store.set_field("company.name", company)
    store.set_value("C01", answer)
    store.close()
    return folder / name


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


@async_test
async def test_with_saved_assessments_enter_resumes_the_highlighted_one(tmp_path):
    saved(tmp_path, "older.json", "Older Ltd", answer=1)
    saved(tmp_path, "newer.json", "Newer Ltd", answer=4)
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#saved", DataTable)
        assert app.screen.focused is table
        footer = str(app.screen.query_one(KeyBar).render())
        assert "resume" in footer and "rename" in footer and "delete" in footer
        second = table.coordinate_to_cell_key((1, 0)).row_key.value
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert str(app.store.path) == second
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["newer.json", "older.json"]  # nothing new written


@async_test
async def test_a_browser_tab_out_of_focus_while_the_list_loads_still_resumes_on_enter(tmp_path):
    """A browser page reloaded: the app starts without the page's focus, which comes back after the
    saved list is read. Enter then resumes, as the list says, and never starts a blank assessment."""
    saved(tmp_path, "plant.json", "Plant Ltd")
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.app_focus = False
        await settle(pilot)
        app.app_focus = True
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#saved", DataTable)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen) and app.store.path.name == "plant.json"


@async_test
async def test_a_new_assessment_left_unanswered_leaves_no_file(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#menu")  # nothing saved: the menu has the focus
        await pilot.press("enter")  # 新建评估 / New assessment
        await settle(pilot)
        assert isinstance(app.screen, CompanyScreen)
        await pilot.press("escape", "right", "right")
        await settle(pilot)
        assert list(tmp_path.iterdir()) == []
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert list(tmp_path.iterdir()) == []

    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#company-name", Input).value = "ACME"
        await pilot.press("enter")
        await settle(pilot)
        path = app.store.path
        assert load_answers(path).company.name == "ACME"  # the first field written makes the file


@async_test
async def test_a_saved_assessment_is_renamed_from_the_list(tmp_path):
    saved(tmp_path, "a.json", "Older Ltd")
    saved(tmp_path, "taken.json", "Other Ltd")
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#saved", DataTable)
        row = next(i for i in range(table.row_count)
                   if table.coordinate_to_cell_key((i, 0)).row_key.value.endswith("a.json"))
        table.move_cursor(row=row)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CardKeyDialog)
        dialog.query_one(Input).value = "taken"
        await pilot.press("enter")
        await settle(pilot)
        assert "exists already" in str(dialog.query_one("#card-key-error").render())
        dialog.query_one(Input).value = "江苏 工厂"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert (tmp_path / "江苏-工厂.json").exists() and not (tmp_path / "a.json").exists()
        assert any("江苏-工厂.json" in m for m in notices(app))
        assert table.row_count == 2


@async_test
async def test_deleting_asks_first_and_moves_the_file_to_the_trash_folder(tmp_path):
    path = saved(tmp_path, "a.json", "ACME")
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on Cancel: Enter alone removes nothing
        await settle(pilot)
        assert path.exists()
        await pilot.press("delete", "y")
        await settle(pilot)
        assert not path.exists()
        trashed = tmp_path / "trash" / "a.json"
        assert load_answers(trashed).company.name == "ACME"
        assert any("trash/a.json" in m and "move it back" in m for m in notices(app)), notices(app)
        assert app.screen.query_one("#saved", DataTable).row_count == 0
        assert app.screen.focused is app.screen.query_one("#menu")  # nothing left to resume: Enter starts anew


@async_test
async def test_an_assessment_open_in_another_window_is_neither_renamed_nor_deleted(tmp_path):
    from assess.content.bundled import load_questionnaire

    from .helpers import SAMPLE

    path = saved(tmp_path, "a.json", "ACME")
    held = opening.open_answer_file(path, load_questionnaire(SAMPLE))
    try:
        app = sample_app(tmp_path)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("d", "y")
            await settle(pilot)
            assert path.exists()
            assert any("another window" in m for m in notices(app)), notices(app)
    finally:
        held.close()
