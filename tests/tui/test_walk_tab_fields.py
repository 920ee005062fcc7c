"""Tab from the references field stays among the text fields: it went on to the question pane, where
letters are commands, and typing on ("d") marked a chosen answer "don't know"."""

from __future__ import annotations

import json

from textual.widgets import Input

from assess.tui.widgets.keybar import KeyBar

from .helpers import async_test, at_question, release_app, settle


@async_test
async def test_typing_on_after_tab_from_the_references_never_changes_the_answer(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_question(pilot, "A02")  # a maturity question
        await pilot.press("2")
        await settle(pilot)
        screen.query_one("#evidence", Input).focus()
        await settle(pilot)
        await pilot.press(*"ISO", "tab", *"and more", "tab", "tab", "d", "a")
        await settle(pilot)
        assert isinstance(app.focused, Input)  # still typing, in a text field
        assert "tab 下一栏" in str(screen.query_one(KeyBar).render())  # the footer says where Tab goes
        saved = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))["answers"]["A02"]
        assert (saved["status"], saved["value"]) == ("answered", 2)
        await pilot.press("escape", "d")  # leaving the field first: now d is the command
        await settle(pilot)
        saved = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))["answers"]["A02"]
        assert saved["status"] == "dont_know"


@async_test
async def test_words_typed_fast_after_tab_land_in_the_next_field(tmp_path):
    from textual import events


    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_question(pilot, "A02")
        await pilot.press("2")
        await settle(pilot)
        screen.query_one("#note", Input).focus()
        await settle(pilot)
        for key in ("o", "k", "tab", "I", "S", "O", "tab", "d"):  # one burst, as a fast typist's
            app.post_message(events.Key(key, None if key == "tab" else key))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        saved = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))["answers"]["A02"]
        assert (saved["status"], saved["value"], saved["note"], saved["evidence"]) == ("answered", 2, "okd", ["ISO"])
