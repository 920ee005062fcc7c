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


@pytest.fixture(autouse=True, scope="session")
def quick_idle_waits():
    """Textual's test pilot waits for the app to go idle after every key press and pause, in steps of
    20 ms (`textual._wait`): most of a journey's time was spent asleep in those steps. Steps of 5 ms
    judge idleness the same way (under 5% of a step on the CPU); `settle` still waits for every
    worker and message, so a test sees the same settled app sooner."""
    from textual import _wait

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_wait, "SLEEP_GRANULARITY", 1 / 200)
        mp.setattr(_wait, "SLEEP_IDLE", 1 / 200 / 20)
        yield
