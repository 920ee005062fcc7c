"""The app shows times in the machine's local time: fix the zone, so that screens and snapshots
read the same on every machine."""

from __future__ import annotations

import time

import pytest


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch):
    if not hasattr(time, "tzset"):  # Windows: the zone cannot be changed in-process
        yield
        return
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()

