"""Results at 80x24 as a plant manager reads them: the page scrolls with ↓ and PgDn from the start,
pillar names are whole where there is room, and programme criteria read as sentences."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll

from assess.tui.screens.results import ResultsScreen

from .helpers import async_test, sample_app, settle

BUNDLED = Path(__file__).resolve().parents[2] / "questionnaires" / "ai-manufacturing-2027" / "1.1.0.yaml"


async def to_results(pilot) -> ResultsScreen:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("escape", "r")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ResultsScreen)
    return pilot.app.screen


@async_test
async def test_results_scroll_with_the_arrow_and_page_keys_alone(tmp_path):
    app = sample_app(tmp_path, lang="zh", questionnaire=BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await to_results(pilot)
        page = results.query_one("#results", VerticalScroll)
        targets = results.query_one("#targets")
        assert results.focused is targets and page.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert page.scroll_y > 0
        await pilot.press("pageup")
        await settle(pilot)
        assert page.scroll_y == 0
        pillars = targets.option_count
        await pilot.press(*["down"] * (pillars - 1))  # through the pillars: each can have its target changed
        await settle(pilot)
        assert targets.highlighted == pillars - 1
        before = page.scroll_y
        await pilot.press("down", "down")  # past the last one, the page reads on
        await settle(pilot)
        assert page.scroll_y > before and targets.highlighted == pillars - 1
        assert "往下看" in str(results.query_one("#keys").render())


@async_test
async def test_pillar_names_use_the_room_they_have(tmp_path):
    app = sample_app(tmp_path, lang="zh", questionnaire=BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await to_results(pilot)
        targets = results.query_one("#targets")
        shown = [str(targets.get_option_at_index(i).prompt) for i in range(targets.option_count)]
        assert any("出海与技术验证、合规认证" in line for line in shown), shown
        assert not any("…" in line.split("░")[0] for line in shown), shown


@async_test
async def test_programme_criteria_read_as_sentences(tmp_path):
    app = sample_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        results = await to_results(pilot)
        text = str(results.query_one("#programmes").render())
        assert "The answer to C01 is at least level 3 (not answered yet)\n    Needs planned compute" in text
        assert "The Security governance score is at least 3.00 (now 0.00)" in text
        assert "at_least" not in text and "≥" not in text
        await pilot.press("l")
        await settle(pilot)
        text = str(results.query_one("#programmes").render())
        assert "C01 的答案不低于 3 级（尚未回答）\n    需要成体系的算力规划" in text
