"""The app's exports go to reports/ beside the saved answer files, not to the folder the app was started
from (on Windows often C:\\Windows\\System32), and the notice names the whole folder."""

from __future__ import annotations

from .helpers import async_test, at_question, release_app, settle


@async_test
async def test_an_export_lands_beside_the_answer_files_and_the_notice_says_where(tmp_path, monkeypatch):
    started_in, data = tmp_path / "System32", tmp_path / "data"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    app = release_app(data)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await at_question(pilot, "A02")
        await pilot.press("2", "x")
        await settle(pilot)
        await pilot.press("2", "enter")  # the JSON: quick to write
        await settle(pilot)
        written = list((data / "reports").glob("*-assessment.json"))
        assert len(written) == 1
        assert not (started_in / "reports").exists()
        messages = [str(n.message) for n in app._notifications]
        assert any(written[0].name in m and str(data / "reports") in m for m in messages), messages
