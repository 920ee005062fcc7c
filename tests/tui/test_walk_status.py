"""The two-line status under a question ("已作答：…  证据状态：…") at 80×24 in Chinese: broken as
the question is, never inside a number nor before a comma."""

from __future__ import annotations

from .helpers import async_test, at_question, new_assessment, release_app, settle
from .test_typography import NO_START


def status_rows(screen) -> list[str]:
    rows = screen._compositor.render_strips()
    widget = screen.query_one("#q-status")
    area = widget.content_region
    return [rows[y].crop(area.x, area.right).text.rstrip() for y in range(area.y, area.bottom)]


@async_test
async def test_the_answer_status_keeps_numbers_whole_and_no_line_starts_with_a_comma(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_assessment(pilot)
        for qid, keys in (("PR-SIZE", "3"), ("C01", "34")):
            screen.show_question(qid)
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            first, second = status_rows(screen)
            assert first.startswith("已作答："), (qid, first)
            assert "证据状态：自述" in second, (qid, second)
            assert not first[-1:].isdigit() or not second[:1].isdigit(), (qid, first, second)
            assert second[:1] not in NO_START, (qid, first, second)


@async_test
async def test_the_evidence_state_stays_on_one_line_in_english(tmp_path):
    app = release_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await at_question(pilot, "A08")
        await pilot.press("1")
        await settle(pilot)
        assert status_rows(screen) == ["Answered: Used inside your own company", "Evidence state: declared"]
