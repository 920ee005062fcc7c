"""Keys where the focus is: in a number or percentage field, Enter and → answer and move on, and
the footer offers only keys that work while typing; the language key loses nothing."""

from __future__ import annotations

from assess.content.answer_file import load_answers
from assess.tui.widgets.answer_control import NumberField
from assess.tui.widgets.keybar import KeyBar

from .helpers import async_test, sample_app, settle


async def to_percentage(pilot):
    """A new assessment, at C02 (a percentage) with its field focused."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("escape", "1", "]", "3", "right")
    await settle(pilot)
    screen = pilot.app.screen
    assert screen.qid == "C02"
    assert isinstance(screen.focused, NumberField)
    return screen


def footer(screen) -> str:
    return str(screen.query_one("#keys", KeyBar).render())


@async_test
async def test_right_and_enter_answer_a_number_and_move_on_left_goes_back(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_percentage(pilot)
        await pilot.press(*"40", "left")  # inside the text ← moves the cursor, nothing else
        await settle(pilot)
        assert screen.qid == "C02" and screen.focused.cursor_position == 1
        await pilot.press("end", "right")
        await settle(pilot)
        assert app.store.answer("C02").value == 40
        assert screen.qid == "C03"
        await pilot.press("pagedown")
        await settle(pilot)
        assert screen.qid == "C04" and isinstance(screen.focused, NumberField)
        await pilot.press("left")  # an empty field: ← at its start goes back
        await settle(pilot)
        assert screen.qid == "C03"
        await pilot.press("right", *"16", "enter")
        await settle(pilot)
        assert load_answers(app.store.path).answers["C04"].value == 16
        assert screen.qid == "C05"


@async_test
async def test_a_refused_number_keeps_the_question_and_the_focus(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await to_percentage(pilot)
        await pilot.press(*"140", "enter")
        await settle(pilot)
        assert screen.qid == "C02" and isinstance(screen.focused, NumberField)
        assert app.store.answer("C02") is None
        await pilot.press("right")
        await settle(pilot)
        assert screen.qid == "C02"


@async_test
async def test_the_footer_offers_only_keys_that_work_in_a_field(tmp_path):
    app = sample_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_percentage(pilot)
        typing = footer(screen)
        assert "下一题" in typing  # →/PgDn
        for letter_key in ("不适用", "不清楚", "撤销", "结果", "中/EN", "首个未答"):
            assert letter_key not in typing, letter_key
        await pilot.press("escape")  # off the field: the letters work, and are offered again
        await settle(pilot)
        assert "不适用" in footer(screen) and "中/EN" in footer(screen)
        await pilot.press("d")
        await settle(pilot)
        assert app.store.answer("C02").status == "dont_know"


@async_test
async def test_switching_language_twice_keeps_answers_place_and_focus(tmp_path):
    app = sample_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_percentage(pilot)
        await pilot.press(*"25", "tab")  # leaving the field answers
        await settle(pilot)
        focused = screen.focused
        assert not isinstance(focused, NumberField)
        await pilot.press("l")
        await settle(pilot)
        assert app.lang == "en" and screen.focused is focused
        await pilot.press("l")  # the key still works: the focus did not land in a field that types it
        await settle(pilot)
        assert app.lang == "zh" and screen.qid == "C02"
        assert load_answers(app.store.path).answers["C02"].value == 25
