"""A command piped into a reader that stops early (`assess verify r.xlsx | head`) ends quietly: no
traceback on stderr, and the exit code a shell gives a writer whose pipe closed (141), so a script
tells it from a failed check (1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assess.cli import main
from assess.content.answer_file import save_answers
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]


def _into_closed_pipe(*argv: str) -> subprocess.CompletedProcess:
    """Run `python -m assess ARGV` with its output going to a pipe no one reads any more."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "ASSESS_LANG": "en"}
        return subprocess.run([sys.executable, "-m", "assess", *argv], stdout=write_end, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, cwd=ROOT, env=env, text=True, timeout=300)
    finally:
        os.close(write_end)


@pytest.fixture
def gap_report(tmp_path, sample_answers):
    answers = tmp_path / "acme.json"
    save_answers(answers, sample_answers)
    out = tmp_path / "reports" / "acme.xlsx"
    assert main(["report", str(answers), "-q", str(SAMPLE), "-o", str(out)]) == 0
    return out


def test_verify_into_a_closed_pipe_ends_without_a_traceback(gap_report):
    done = _into_closed_pipe("verify", str(gap_report), "-q", str(SAMPLE))
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr
    assert done.stderr == ""
    assert done.returncode == 141


def test_a_listing_into_a_closed_pipe_ends_without_a_traceback():
    done = _into_closed_pipe("list")
    assert done.stderr == "" and done.returncode == 141
