"""Times in the app are the reader's local time, whatever an answer file recorded (UTC, with or
without its zone written): one formatter, and the zone named only in a browser session."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import pytest
from textual.widgets import DataTable

from assess.text.format import when

from .helpers import async_test, sample_app, settle

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="the zone cannot be changed in-process")


@pytest.fixture
def shanghai(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_when_shows_local_time_and_names_the_zone_only_when_asked(shanghai):
    at = datetime(2026, 3, 1, 9, 0, 13, tzinfo=UTC)
    assert when(at) == "2026-03-01 17:00"
    assert when(at.replace(tzinfo=None), with_date=False) == "17:00:13"  # a file's time without its zone is UTC
    assert when(at, with_date=False, zone=True) == "17:00:13 UTC+08:00"


@async_test
async def test_saved_list_and_autosave_line_are_in_local_time(tmp_path, shanghai):
    from .test_start import saved

    path = saved(tmp_path, "zoned.json", "Zoned Ltd")  # history at 09:00 UTC, written "…Z"
    bare = json.loads(path.read_text(encoding="utf-8"))
    for change in bare["history"]:
        change["at"] = change["at"].replace("Z", "").replace("+00:00", "")
    (tmp_path / "bare.json").write_text(json.dumps(bare), encoding="utf-8")
    app = sample_app(tmp_path)
    async with app.run_test(size=(140, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#saved", DataTable)
        shown = {str(table.get_row_at(i)[3]): table.get_row_at(i)[1] for i in range(table.row_count)}
        assert shown == {"zoned.json": "2026-03-01 17:00", "bare.json": "2026-03-01 17:00"}
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)
        line = str(app.screen.query_one("#saved-line").render())
        assert "17:00:00" in line and "UTC" not in line, line


def test_a_new_assessment_is_named_after_its_local_start(tmp_path, shanghai):
    from assess.session.opening import new_file_name

    assert new_file_name(tmp_path, datetime(2026, 3, 1, 20, 30, tzinfo=UTC)).name == "assessment-20260302-043000.json"
