"""Words a user walk found odd: an undo named a question code, the cards screen said twice that cards
are not scored, and renaming in the saved list changed a file name the list does not show."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from assess.tui.screens.cards import CardsScreen
from assess.tui.widgets.keybar import KeyBar

from .helpers import async_test, at_question, release_app, sample_app, settle
from .test_start import notices, saved


@async_test
async def test_an_undo_names_the_question_by_its_words_not_its_code(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await at_question(pilot, "A02")
        await pilot.press("2", "z")
        await settle(pilot)
        undone = [m for m in notices(app) if m.startswith("已撤销")]
        assert undone == ["已撤销：“每个智能体的决策边界（哪些操…”"], undone
        assert "A02" not in undone[0]


@async_test
async def test_the_cards_screen_says_once_that_cards_are_not_scored(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_question(pilot, "cards:scenarios")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardsScreen)
        heading = str(app.screen.query_one("#cards-heading", Static).render())
        assert heading.count("不计入") == 1, heading


@async_test
async def test_renaming_from_the_saved_list_says_it_renames_the_file_not_the_company(tmp_path):
    saved(tmp_path, "a.json", "华东精密机械")
    app = sample_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert "r 改文件名" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("r")
        await settle(pilot)
        app.screen.query_one(Input).value = "江苏工厂"
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#saved", DataTable)
        assert str(table.get_cell_at((0, 0))) == "华东精密机械"  # the list still shows the company
        assert any("江苏工厂.json" in m and "企业名称" in m for m in notices(app)), notices(app)
