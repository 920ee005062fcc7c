"""Shared fixtures: the sample questionnaire and answer sets built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.answers import Answer, AnswerSet
from assess.content.bundled import load_questionnaire, ref_of

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample" / "questionnaire.yaml"


@pytest.fixture(scope="session")
def sample():
    """(questionnaire, hash) of the small sample questionnaire."""
    return load_questionnaire(SAMPLE)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case of `tests.excel.hostile.CASES`, written once to a temporary folder that holds
    nothing else: stem → path. Read it, never change it (copy a file to change it)."""
    from tests.excel.hostile import build_corpus

    return build_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def sample_answers(sample):
    """A plausible, partly answered answer set for the sample questionnaire."""
    q, h = sample
    return AnswerSet(
        questionnaire=ref_of(q, h),
        answers={
            "P-SIZE": Answer(value="large"),
            "P-EXPORT": Answer(value=True),
            "C01": Answer(value=3, note="capacity plan 2026", evidence=["CP-2026.pdf"], evidence_state="documented"),
            "C02": Answer(value=40),
            "C03": Answer(status="dont_know"),
            "G01": Answer(value=True, evidence_state="verified"),
            "G02": Answer(status="na"),
            "G03": Answer(value=["encrypt", "access"]),
        },
    )


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two test processes per core. An app test spends about half its time waiting for
    the app to go idle (Textual's pilot), and another process uses the core meanwhile."""
    import os

    return 2 * (os.cpu_count() or 1)


def pytest_configure(config: pytest.Config) -> None:
    """Collect cyclic garbage less often than Python's default (every 700 new objects). A test of the
    app builds and drops tens of thousands of Textual objects a screen, and at the default the
    collector takes a fifth of their time (a sixth of the suite's), rescanning objects that live on."""
    import gc

    gc.set_threshold(50_000, *gc.get_threshold()[1:])
