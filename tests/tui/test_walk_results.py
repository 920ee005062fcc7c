"""The results screen at 80×24 in Chinese: its paragraphs are broken as the questions are (no line
ends after "按 0" with the sentence's rest pushed down, none starts with "、")."""

from __future__ import annotations

from textual.widgets import Static

from assess.tui.screens.results import ResultsScreen

from .helpers import async_test, at_question, release_app, settle
from .test_typography import NO_START


def rows_of(screen, wid: str) -> list[str]:
    rows = screen._compositor.render_strips()
    area = screen.query_one(f"#{wid}", Static).content_region.intersection(screen.region)
    return [rows[y].crop(area.x, area.right).text.rstrip() for y in range(area.y, area.bottom)]


@async_test
async def test_the_overall_paragraph_fills_its_lines_and_no_line_starts_with_a_comma(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await at_question(pilot, "C20")
        await pilot.press("n")  # a gate failed: the compliance-first line shows too
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        rows = rows_of(app.screen, "overall")
        width = app.screen.query_one("#overall", Static).content_region.width
        pending = next(i for i, row in enumerate(rows) if "道题目" in row)
        assert len(rows[pending]) * 2 > width - 8, rows  # not cut after "按 0"
        assert not [row for row in rows if row[:1] in NO_START], rows
