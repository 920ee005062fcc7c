"""Answers the sample questionnaire by key presses in the real app (headless), forever, printing
`SEND i` before and `ACK i` after each step; the crash-safety test SIGKILLs it at random moments.

    python tests/tui/crash_driver.py ANSWERS.json DATA_DIR START

Step i is `steps(i)`: a question and the keys that answer it, and the value they give, the same
in the test, so that it can tell what the answer file must hold after `ACK i`.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# (question, value from the step number n)
PLAN = [
    ("P-SIZE", lambda n: ["small", "large"][n % 2]),
    ("C01", lambda n: n % 6),
    ("C02", lambda n: (n * 7) % 101),
    ("C03", lambda n: n % 2 == 0),
    ("C05", lambda n: (n * 13) % 101),
    ("G01", lambda n: n % 3 != 0),
    ("G02", lambda n: ["none", "policy", "certified"][n % 3]),
    ("C04", lambda n: n * 11),
]


def step(i: int) -> tuple[str, object]:
    qid, value = PLAN[i % len(PLAN)]
    return qid, value(i)


def keys_for(qid: str, value: object) -> list[str]:
    if isinstance(value, bool):
        return ["y" if value else "n"]
    if qid == "P-SIZE":
        return [str(["small", "large"].index(value) + 1)]
    if qid == "G02":
        return [str(["none", "policy", "certified"].index(value) + 1)]
    if qid == "C01":
        return [str(value)]
    return ["ctrl+u", *str(value), "enter"]


async def main(path: Path, data_dir: Path, start: int) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "tui"))
    from helpers import sample_app, settle

    app = sample_app(data_dir, path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        if not hasattr(app.screen, "qid"):  # a new assessment starts on the company screen
            await pilot.press("escape")
            await settle(pilot)
        screen = app.screen
        print("READY", flush=True)
        i = start
        while True:
            qid, value = step(i)
            if screen.qid != qid:
                screen.show_question(qid)
                await pilot.pause()
            print(f"SEND {i}", flush=True)
            await pilot.press(*keys_for(qid, value))
            print(f"ACK {i}", flush=True)
            i += 1


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])))
