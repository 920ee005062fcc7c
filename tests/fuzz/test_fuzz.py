"""Hostile inputs through score, report, import, verify, migrate, the app's open and import steps,
and batch: no traceback, exit 0, 1 or 2 only, bounded time and memory, and a portfolio that names
every file. About a minute on two cores; the longer run is `python -m tests.bench.fuzz`.

A failure prints what failed, grouped by where, with an input and the error's first lines; the
inputs and the commands that failed on them are left in the test's temporary folder for replay."""

from __future__ import annotations

import pytest

from tests.fuzz.generate import KiB, case, generate
from tests.fuzz.harness import Limits, Outcome, Run, _judge, run_batch, run_cases, save_failures, summary

SEED = 2027
COUNT = 600
"""Inputs in the slow run: about 2,500 runs of a command, ~40 s here."""
BATCH = 250
"""Of these, the answer files and workbooks among the first this many also go through one batch."""
LIMIT = 256 * KiB
"""The longest odd string, or the largest huge file, in the slow run."""


@pytest.fixture(scope="module")
def cases():
    return list(generate(COUNT, SEED, limit=LIMIT))


@pytest.mark.slow
def test_commands_survive_hostile_inputs(cases, tmp_path):
    outcome = run_cases(cases, tmp_path, Limits(seconds=10, memory_mb=400, hang=60))
    assert len(outcome.runs) > 3 * COUNT  # every input went through its commands
    if outcome.failed:
        folder = save_failures(outcome, tmp_path / "failed")
        pytest.fail(f"{summary(outcome)}\n\nthe inputs and the commands that failed: {folder}", pytrace=False)


@pytest.mark.slow
def test_batch_names_every_hostile_file(cases, tmp_path):
    wrong = run_batch(cases[:BATCH], tmp_path, jobs=2, timeout=10)
    if wrong:
        pytest.fail("\n".join(wrong) + f"\n\nthe inputs: {tmp_path / 'batch-in'}", pytrace=False)


def test_a_seed_gives_the_same_inputs():
    """So that a failure is replayed from its seed and number, on another day too."""
    import time

    from tests.fuzz.workbooks import base_report, base_sheet

    first = [case(i, 7, limit=8 * KiB) for i in range(12)]
    base_sheet.cache_clear()
    base_report.cache_clear()
    time.sleep(1)  # the writers record when they wrote
    again = [case(i, 7, limit=8 * KiB) for i in range(12)]
    assert [(c.name, c.data) for c in first] == [(c.name, c.data) for c in again]
    assert {c.kind for c in first} == {"answers", "questionnaire", "sheet", "report"}
    assert [c.data for c in first] != [c.data for c in (case(i, 8, limit=8 * KiB) for i in range(12))]


def test_the_judge_fails_what_a_user_would_see_as_a_crash():
    plain = case(0, 7, limit=8 * KiB)
    limits = Limits(seconds=1, memory_mb=10)

    def judged(rc, seconds=0.1, grew=0.0, error="", traceback=False) -> str:
        r = Run(plain, "score", ["score"], rc=rc, seconds=seconds, grew_mb=grew, error=error)
        _judge(r, limits, traceback)
        return r.problem

    assert [judged(0), judged(1), judged(2)] == ["", "", ""]
    assert judged(3) == "exit 3"
    assert judged(None) == "crash"
    assert judged(1, error="Traceback (most recent call last):\n  File \"x.py\", line 1, in f\nKeyError: 1",
                  traceback=True) == "traceback"
    assert judged(0, seconds=2).startswith("slow")
    assert judged(0, grew=50).startswith("memory")
    failed = Outcome([Run(plain, "score", ["score"], rc=3, problem="exit 3", where="exit 3")])
    assert "1 of 1 runs failed" in summary(failed) and plain.filename in summary(failed)
