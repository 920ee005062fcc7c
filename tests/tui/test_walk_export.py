"""The export dialog marks the kind chosen ● and the others ○, so it reads without colour (a
monochrome terminal, a colour-blind reader): before, every kind showed ●."""

from __future__ import annotations

from assess.tui.screens.export_dialog import ExportDialog

from .helpers import async_test, new_assessment, release_app, settle


def kind_rows(screen) -> list[str]:
    rows = screen._compositor.render_strips()
    area = screen.query_one("#export-kind").content_region
    return [rows[y].crop(area.x, area.right).text.strip() for y in range(area.y, area.bottom)]


@async_test
async def test_only_the_kind_chosen_is_marked(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        marks = [row[1:2] for row in kind_rows(app.screen) if row]
        assert marks == ["●", "○", "○"], kind_rows(app.screen)
        await pilot.press("2")
        await settle(pilot)
        marks = [row[1:2] for row in kind_rows(app.screen) if row]
        assert marks == ["○", "●", "○"], kind_rows(app.screen)
