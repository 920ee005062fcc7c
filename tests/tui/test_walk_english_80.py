"""English at 80×24: the labels get their room and the words fit (a user saw "Evidence / state" wrapped,
levels cut to "L0 Not s…" and the references placeholder cut)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Input, Label

from assess.text.app_labels import t
from assess.tui.widgets.pillar_list import PillarList

from .helpers import async_test, at_question, release_app, settle


@async_test
async def test_english_labels_levels_and_placeholders_fit_at_80_by_24(tmp_path):
    app = release_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_question(pilot, "A02")
        await pilot.press("2")
        await settle(pilot)
        pillars = str(screen.query_one(PillarList).render())
        assert "L0" in pillars and "L0 Not s" not in pillars, pillars  # a level whole, or its code alone
        label = screen.query_one("#ev-label", Label)
        assert label.size.height == 1 and cell_len(str(label.render())) <= label.size.width
        refs = screen.query_one("#evidence", Input)
        assert cell_len(t("field.evidence_placeholder", "en")) <= refs.content_region.width
