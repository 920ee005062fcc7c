"""The app as a browser session runs it (`assess serve`): the saved list keeps to the Open dialog's
rule (nothing from outside the data folder, a link there included), and the session's exports go
when it ends."""

from __future__ import annotations

import os

import pytest
from textual.widgets import DataTable

from assess.session.saved import EXPORTS_ENV
from assess.tui.app import AssessApp
from assess.tui.screens.export_dialog import ExportDialog
from assess.tui.screens.path_dialog import PathDialog
from assess.tui.screens.start import StartScreen

from .helpers import async_test, sample_app, settle
from .test_journey import start_new


@pytest.fixture
def in_a_browser(monkeypatch):
    monkeypatch.setattr(AssessApp, "is_web", property(lambda self: True))


async def saved_elsewhere(folder) -> os.PathLike:
    """An assessment of 'Secret Co' saved in another folder than the browser's."""
    app = sample_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_new(pilot, **{"company-name": "Secret Co"})
        path = app.store.path
        await pilot.press("ctrl+q")
    return path


def link(target, at) -> None:
    try:
        os.symlink(target, at)
    except (OSError, NotImplementedError):
        pytest.skip("this system does not let the tests make symbolic links")


@async_test
async def test_a_link_out_of_the_data_folder_is_neither_listed_nor_opened(tmp_path, in_a_browser):
    secret = await saved_elsewhere(tmp_path / "elsewhere")
    data = tmp_path / "data"
    data.mkdir()
    link(secret, data / "shortcut.json")
    # the Open dialog refuses it...
    dialog = PathDialog("path.open_title", "en", suffixes=(".json",), suffix_error="path.need_json",
                        root=data)
    assert dialog.validated(str(data / "shortcut.json"))[0] is None
    # ...and so do the saved list and opening it any other way
    app = sample_app(data)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#saved", DataTable)
        assert table.row_count == 0
        app.open_answer_file(data / "shortcut.json")
        await settle(pilot)
        assert app.store is None and isinstance(app.screen, StartScreen)
        assert any("data folder" in n.message for n in app._notifications)


@async_test
async def test_in_a_terminal_the_saved_list_still_follows_links(tmp_path):
    secret = await saved_elsewhere(tmp_path / "elsewhere")
    data = tmp_path / "data"
    data.mkdir()
    link(secret, data / "shortcut.json")
    app = sample_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#saved", DataTable).row_count == 1


@async_test
async def test_a_browser_sessions_exports_are_removed_when_it_ends(tmp_path, in_a_browser, monkeypatch):
    server_folder = tmp_path / "server-exports"
    server_folder.mkdir()
    monkeypatch.setenv(EXPORTS_ENV, str(server_folder))
    app = sample_app(tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await start_new(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        exports = app._web_exports
        assert exports is not None and exports.parent == server_folder
        (exports / "acme-report.xlsx").write_bytes(b"PK")  # as a delivered export would be left
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not exports.exists()
    assert list(server_folder.iterdir()) == []
