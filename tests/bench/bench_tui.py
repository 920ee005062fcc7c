"""The app's two timing goals, measured as a user meets them (run by hand):

    python tests/bench/bench_tui.py [--assess CMD] [--runs 7] [--presses 40] [--questionnaire PATH]

1. First frame of the Start screen, whole process: from spawning `assess tui` in an 80x24
   pseudo-terminal until the screen's menu is on the terminal (goal <= 0.35 s, not acceptable
   above 0.6 s). Measured with an empty data folder and with 300 saved assessments (read lazily).
2. Answering: a digit key sent to the running app until the terminal shows the new answer -
   key read, answer saved atomically to the answer file, re-scored, redrawn (goal <= 30 ms).
   Also the in-process part alone (action -> saved -> re-scored -> widgets updated).

`--assess` is the command to run, e.g. the `assess` script of a venv with the built wheel
installed (default: this Python with `-m assess`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import re
import select
import shlex
import signal
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07")


class Term:
    """A program in a pseudo-terminal of a fixed size, read as plain text."""

    def __init__(self, argv: list[str], cols: int = 80, rows: int = 24, env: dict[str, str] | None = None):
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child
            import fcntl
            import termios

            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.environ.update(env or {})
            os.environ["TERM"] = "xterm-256color"
            os.execvp(argv[0], argv)
        self.pid, self.fd = pid, fd
        self.raw = b""

    def read_until(self, marker: bytes, timeout: float = 10.0, since: int = 0) -> float:
        """Seconds from now until `marker` shows in the output after offset `since` (plain text)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.fd], [], [], 0.002)
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    break
                self.raw += chunk
                if marker in ANSI.sub(b"", self.raw[since:]):
                    return time.perf_counter() - start
        raise TimeoutError(f"{marker!r} did not appear; screen text: {ANSI.sub(b'', self.raw)[-400:]!r}")

    def read_burst(self, quiet: float = 0.15, timeout: float = 5.0) -> float:
        """Seconds from now until the last byte of the output that follows, once the program has
        been quiet for `quiet` seconds (the redraw is then complete)."""
        start = time.perf_counter()
        last = None
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.fd], [], [], 0.002)
            now = time.perf_counter()
            if ready:
                self.raw += os.read(self.fd, 1 << 16)
                last = now
            elif last is not None and now - last > quiet:
                return last - start
        raise TimeoutError("no output after the key")

    def send(self, data: bytes) -> int:
        mark = len(self.raw)
        os.write(self.fd, data)
        return mark

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


def make_saved(folder: Path, n: int, questionnaire: str | None) -> Path | None:
    """`n` saved assessments in `folder`; returns the path of the first (on a maturity question)."""
    from assess.answers import Answer, AnswerSet
    from assess.content.answer_file import save_answers
    from assess.content.bundled import ref_of, resolve
    from assess.model import MaturityQuestion

    q, h = resolve(questionnaire)
    first_maturity = next(x for p in q.pillars for x in p.questions if isinstance(x, MaturityQuestion))
    first = None
    for i in range(n):
        a = AnswerSet(questionnaire=ref_of(q, h))
        a.company.name = f"Bench company {i:03d}"
        for p in q.profile[:2]:
            a.answers[p.id] = Answer(status="dont_know")
        a.session.question = first_maturity.id
        a.session.locale = "en"
        path = folder / f"bench-{i:03d}.json"
        save_answers(path, a)
        first = first or path
    return first


def first_frame(cmd: list[str], runs: int, questionnaire: str | None, saved: int) -> list[float]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        make_saved(Path(tmp), saved, questionnaire) if saved else None
        extra = ["--questionnaire", questionnaire] if questionnaire else []
        for _ in range(runs):
            term = Term([*cmd, "tui", "--lang", "en", "--data-dir", tmp, *extra])
            try:
                term.read_until(b"New assessment")
                out.append(time.perf_counter() - term.t0)
            finally:
                term.close()
    return out


def answer_latency(cmd: list[str], presses: int, questionnaire: str | None) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = make_saved(Path(tmp), 1, questionnaire)
        extra = ["--questionnaire", questionnaire] if questionnaire else []
        term = Term([*cmd, "tui", str(path), "--lang", "en", "--data-dir", tmp, *extra], cols=120, rows=40)
        times = []
        try:
            term.read_until(b"( ) 5", timeout=20)
            term.read_burst(quiet=0.5)  # let the side panel's sources finish loading
            for i in range(presses + 3):
                level = 1 + i % 5
                term.send(str(level).encode())
                dt = term.read_burst()  # from the key to the last byte of the redraw
                if i >= 3:  # warm-up
                    times.append(dt)
        finally:
            term.close()
        from assess.content.answer_file import load_answers

        saved = load_answers(path)
        assert saved.answers[saved.session.question].value == 1 + (presses + 2) % 5, "the last answer was not saved"
        return times


def in_process(presses: int, questionnaire: str | None) -> list[float]:
    """Action -> saved -> re-scored -> widgets updated, without the terminal round trip."""
    from assess.tui.app import make_app

    async def run() -> list[float]:
        with tempfile.TemporaryDirectory() as tmp:
            path = make_saved(Path(tmp), 1, questionnaire)
            app = make_app(path, questionnaire=questionnaire, lang="en", data_dir=tmp)
            times = []
            async with app.run_test(size=(80, 24)) as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                screen = app.screen
                for i in range(presses + 3):
                    t = time.perf_counter()
                    screen.action_digit(1 + i % 5)
                    await pilot.pause(0)  # process the Answered message
                    if i >= 3:
                        times.append(time.perf_counter() - t)
            return times

    return asyncio.run(run())


def report(name: str, xs: list[float], goal: float) -> None:
    scale = 1000
    xs_sorted = sorted(xs)
    p95 = xs_sorted[min(len(xs) - 1, int(0.95 * len(xs)))]
    print(f"{name}: median {statistics.median(xs) * scale:.1f} ms, p95 {p95 * scale:.1f} ms, "
          f"min {min(xs) * scale:.1f} ms (n={len(xs)}; goal <= {goal * scale:g} ms)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assess", default=f"{shlex.quote(sys.executable)} -m assess", help="command that runs assess")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--presses", type=int, default=40)
    ap.add_argument("--questionnaire", default=None, help="default: the newest bundled")
    args = ap.parse_args()
    cmd = shlex.split(args.assess)
    report("first frame, empty data folder", first_frame(cmd, args.runs, args.questionnaire, 0), 0.35)
    report("first frame, 300 saved assessments", first_frame(cmd, args.runs, args.questionnaire, 300), 0.35)
    report("answer key -> saved, re-scored, on screen", answer_latency(cmd, args.presses, args.questionnaire),
           0.030)
    report("answer in process (no terminal)", in_process(args.presses, args.questionnaire), 0.030)
    return 0


if __name__ == "__main__":
    sys.exit(main())
