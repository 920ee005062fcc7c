"""A window made larger or smaller while a question is shown: every choice is still shown whole,
as it would be had the question been opened at that size (no stale scrollbar hiding the last one)."""

from __future__ import annotations

from assess.tui.widgets.choice_list import ChoiceList

from .helpers import async_test, at_question, release_app, settle
from .test_typography import texts_on_screen


def shown_choices(screen) -> str:
    return "".join(line.strip() for line in texts_on_screen(screen)["choices"])


@async_test
async def test_every_choice_is_shown_after_the_window_grows_or_shrinks(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_question(pilot, "PR-ROLES")  # five long choices: wrapped at 80 columns, not at 120
        choices = screen.query_one("#choices", ChoiceList)
        labels = choices.labels
        for size in ((120, 40), (80, 24), (160, 50)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            shown = shown_choices(screen)
            missing = [label for label in labels if label.replace(" ", "") not in shown.replace(" ", "")]
            assert not missing, (size, missing)
            assert not choices.show_vertical_scrollbar, size
