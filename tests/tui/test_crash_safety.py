"""Crash safety: SIGKILL the app at random moments while it answers, at least 50 times; the
answer file must always load and hold every answer but at most the one in flight."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assess.content.answer_file import load_answers

from .crash_driver import step

DRIVER = Path(__file__).with_name("crash_driver.py")
KILLS = 50


def expected_after(last: int) -> dict[str, object]:
    """What steps 0..last leave in the answer file (the latest value of each question)."""
    state: dict[str, object] = {}
    for i in range(last + 1):
        qid, value = step(i)
        state[qid] = value
    return state


def read_lines(proc: subprocess.Popen, until: float) -> list[str]:
    lines = []
    fd = proc.stdout.fileno()
    buf = getattr(proc, "partial_line", b"")  # a line cut between two reads is finished by the next
    while time.monotonic() < until:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            buf += chunk
            *done, buf = buf.split(b"\n")
            lines += [d.decode() for d in done]
    proc.partial_line = buf
    return lines


@pytest.mark.slow
def test_sigkill_never_loses_more_than_the_answer_in_flight(tmp_path):
    rng = random.Random(20260301)
    path = tmp_path / "answers.json"
    acked = -1
    kills = 0
    seen_in_flight = 0
    while kills < KILLS:
        start = acked + 1
        proc = subprocess.Popen([sys.executable, str(DRIVER), str(path), str(tmp_path), str(start)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            # wait for READY, then let it answer for a random while and kill it
            lines = []
            deadline = time.monotonic() + 60
            while not any(x == "READY" for x in lines) and time.monotonic() < deadline:
                lines += read_lines(proc, time.monotonic() + 0.05)
            assert "READY" in lines, "the driver did not start"
            if kills % 5 == 4:  # one kill in five comes right after start-up
                lines += read_lines(proc, time.monotonic() + rng.uniform(0.0, 0.05))
            else:  # the others once it has answered (however slow the machine), after a random while
                while not any(x.startswith("ACK ") for x in lines) and time.monotonic() < deadline:
                    lines += read_lines(proc, time.monotonic() + 0.05)
                assert any(x.startswith("ACK ") for x in lines), "the driver answered nothing in 60 s"
                lines += read_lines(proc, time.monotonic() + rng.uniform(0.0, 0.6))
        finally:
            proc.send_signal(signal.SIGKILL)
            rest, _ = proc.communicate()
        lines += rest.decode().splitlines()
        acks = [int(x.split()[1]) for x in lines if x.startswith("ACK ")]
        sends = [int(x.split()[1]) for x in lines if x.startswith("SEND ")]
        kills += 1
        saved = load_answers(path)  # must always load
        got = {qid: a.value for qid, a in saved.answers.items()}
        last_ack = acks[-1] if acks else acked
        options = [expected_after(last_ack)]
        if sends and sends[-1] > last_ack:  # one step was in flight when the kill came
            options.append(expected_after(sends[-1]))
        assert got in options, (kills, last_ack, sends[-1:], got)
        if len(options) == 2 and got == options[1] and options[0] != options[1]:
            seen_in_flight += 1
        acked = max(last_ack, sends[-1] if got == options[-1] and len(options) == 2 else last_ack)
    assert acked >= KILLS * 4 // 5, "the driver answered too little to test anything"
