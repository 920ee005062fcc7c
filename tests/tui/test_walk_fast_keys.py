"""Keys typed fast in an answer field are saved as typed: a plant manager who cleared a refused number
with Ctrl+U and typed 12, Enter at speed moved on with nothing saved (Textual ran the field's Ctrl+U
after the digits that followed it). Each test sends its keys as one burst, as a terminal does, then
reads the answer file itself."""

from __future__ import annotations

import json

import pytest
from textual import events

from .helpers import async_test, at_question, new_assessment, release_app, settle


def saved(data_dir, qid: str):
    files = list(data_dir.glob("*.json"))
    if not files:
        return None
    answer = json.loads(files[0].read_text(encoding="utf-8"))["answers"].get(qid)
    return answer and answer.get("value")


async def burst(pilot, *keys: str) -> None:
    """The keys arrive together, before the app has handled the first."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)


async def refused_then(pilot, tmp_path, *keys: str):
    screen = await at_question(pilot, "A01")
    await pilot.press(*"１２００００００", "enter")  # full-width digits, over the maximum: refused
    await settle(pilot)
    assert screen.qid == "A01" and saved(tmp_path, "A01") is None
    await burst(pilot, *keys)
    return screen


@pytest.mark.parametrize("leave", ["enter", "right", "pagedown"])
@async_test
async def test_a_number_cleared_and_retyped_fast_is_saved_when_moving_on(tmp_path, leave):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await refused_then(pilot, tmp_path, "ctrl+u", "1", "2", leave)
        assert screen.qid != "A01"
        assert saved(tmp_path, "A01") == 12


@async_test
async def test_keys_typed_after_enter_answer_the_next_question_not_the_last(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await refused_then(pilot, tmp_path, "ctrl+u", "1", "2", "enter", "3")
        after = screen.qid
        assert after != "A01"
        assert saved(tmp_path, "A01") == 12  # not 123
        assert saved(tmp_path, after) == 3  # the next question is a maturity level: 3 chose level 3


@async_test
async def test_a_name_cleared_and_retyped_fast_in_a_dialog_is_the_name_used(tmp_path):
    from .helpers import sample_app
    from .test_start import saved as saved_file

    saved_file(tmp_path, "a.json", "华东精密机械")
    app = sample_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await burst(pilot, "ctrl+u", "j", "s", "enter")
        assert sorted(p.name for p in tmp_path.glob("*.json")) == ["js.json"]


@async_test
async def test_a_company_name_cleared_and_retyped_fast_is_saved(tmp_path):
    from assess.tui.screens.company import CompanyScreen

    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompanyScreen)
        app.screen.query_one("#company-name").focus()
        await settle(pilot)
        await burst(pilot, *"old", "ctrl+u", *"ACME", "tab", *"x")
        await pilot.press("escape")
        await settle(pilot)
        assert (app.store.answers.company.name, app.store.answers.company.sector) == ("ACME", "x")
