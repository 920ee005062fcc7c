"""A number question says only the bounds it has: "范围 …–…" told a plant manager nothing (a
scenario card's baseline has no bounds; its months in production have only a lower one)."""

from __future__ import annotations

from textual.widgets import Label

from assess.tui.screens.card import CardScreen
from assess.tui.screens.cards import CardsScreen

from .helpers import async_test, at_question, release_app, settle
from .test_cards import add_card


def hint(screen) -> str:
    return str(screen.query_one("#control-slot").query(Label).last().render())


@async_test
async def test_a_number_hint_names_only_the_bounds_it_has(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await at_question(pilot, "A01")  # both bounds
        assert hint(screen) == "个 范围 0–100000"
        screen.show_question("cards:scenarios")
        await settle(pilot)
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardsScreen)
        await add_card(pilot, "冲压件外观缺陷视觉检测")
        card = app.screen
        assert isinstance(card, CardScreen)
        shown = {}
        for qid in ("SC-BEFORE", "SC-MONTHS"):
            card.show_question(qid)
            await settle(pilot)
            shown[qid] = hint(card)
        assert shown == {"SC-BEFORE": "", "SC-MONTHS": "个月 不小于 0"}
