"""Shared by the TUI tests and the snapshot apps: fixed clock, sample questionnaire, app factory."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assess.tui.app import AssessApp, make_app

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "sample" / "questionnaire.yaml"
SAMPLE_SEEDS = DATA / "sample" / "seeds"
CARDS = DATA / "sample" / "cards_app.yaml"
"""The sample with card groups (scenarios on C, markets on G for exporters) and "verified" left
to a reviewer."""
FIXED = datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED


def sample_app(data_dir: Path, path: Path | None = None, lang: str = "en", questionnaire: Path = SAMPLE,
               **kwargs) -> AssessApp:
    """The app on the sample questionnaire (or another), with a fixed clock and its own data folder."""
    return make_app(path, questionnaire=str(questionnaire), lang=lang, data_dir=data_dir, clock=fixed_clock,
                    sources_dir=SAMPLE_SEEDS, **kwargs)


RELEASE = "ai-manufacturing-2027@1.1.0"
"""The newest bundled release, as a plant manager runs it."""


def release_app(data_dir: Path, lang: str = "zh") -> AssessApp:
    """The app on the newest bundled release, with a fixed clock and its own data folder."""
    return make_app(questionnaire=RELEASE, lang=lang, data_dir=data_dir, clock=fixed_clock)


async def settle(pilot) -> None:
    """Wait for every worker and every pending message: never sleep. The Start screen's list
    and the content are read by workers that start after the first frame, so wait for them."""
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        # the pause ends with a refresh, whose callbacks post messages of their own (a focus given
        # back after the language changes, say): let them run too
        await pilot._wait_for_screen()
        listing = getattr(app.screen, "listed", 0)
        if app.content_ready.is_set() and not any(w.is_running for w in app.workers) and listing is not None:
            return
    raise AssertionError("the app never settled: a worker still runs or the saved list is not read")


def async_test(fn):
    """Run an async test with asyncio.run (the test extras have no async pytest plugin)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


async def new_assessment(pilot):
    """A new assessment in a settled app, at its question screen. The company form the app asks
    first is not what these tests are about (tests/tui/test_journey.py fills it): the new assessment
    is opened as the app opens it once the form is closed, without drawing the form."""
    from assess.session import opening
    from assess.tui.screens.assessment import AssessmentScreen

    await settle(pilot)
    app = pilot.app
    app.open_store(opening.new_assessment(app.content, app.data_dir, None, locale=app.lang, **app._store_kwargs()))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, AssessmentScreen)
    return screen


async def at_question(pilot, qid: str):
    """A new assessment's question screen showing `qid`, settled."""
    screen = await new_assessment(pilot)
    screen.show_question(qid)
    await settle(pilot)
    return screen
