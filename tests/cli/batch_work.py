"""Work functions that fail on purpose, for the batch's tests.

They live in an importable module, not in a test file, because the batch's workers are spawned:
a worker finds the function it is handed by its module and name."""

from __future__ import annotations

import os
import time


def faulty_score(index, item, job):
    """Score the file, but hang, exit or abort on a file whose name says so, and run out of memory
    on one named "greedy"."""
    from assess.batch.worker import score_file

    name = item.path.name
    if "hang" in name:
        time.sleep(3600)
    if "crash" in name:
        os._exit(70)
    if "abort" in name:
        os.abort()
    if "greedy" in name:
        hoard = bytearray(4 << 30)  # 4 GiB, far above the test's --memory
        hoard[-1] = 1
    return score_file(index, item, job)


def slow_square(x: int) -> int:
    if x == 3:
        time.sleep(60)
    if x == 5:
        os._exit(1)
    if x == 7:
        raise ValueError("bad input")
    return x * x


def crash_on_six(x: int) -> int:
    if x == 6:
        os._exit(3)
    return x + 100


def never_starts() -> None:
    """A worker set-up that kills its worker before it takes any work."""
    os._exit(1)


def report_fails_on_bad(path, *args, **kwargs):
    """The gap report writer, but failing for a firm whose report is named "bad-..." (a full disk),
    and raising SystemExit for one named "quits-..." (a library that calls sys.exit)."""
    import sys

    from assess.excel.report_render import write_report

    file_part = path.stem.rpartition(" ")[2]  # a report is named "<company> <file>"
    if file_part.startswith("bad"):
        raise OSError(28, "No space left on device")
    if file_part.startswith("quits"):
        sys.exit(3)
    return write_report(path, *args, **kwargs)


def odd_results(index, item, job):
    """Score the file, but come back with a result no row can be made of for a file named "odd-...",
    and raise SystemExit for one named "exits-..."."""
    import sys

    from assess.batch.worker import score_file

    if item.path.name.startswith("exits"):
        sys.exit(4)
    r = score_file(index, item, job)
    if item.path.name.startswith("odd"):
        r.status = "half-done"
    return r


def slow_score(index, item, job):
    """Score the file after a pause, so that a test can stop the batch half way."""
    from assess.batch.worker import score_file

    time.sleep(0.15)
    return score_file(index, item, job)
