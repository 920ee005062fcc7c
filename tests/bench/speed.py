"""A fixed pure-Python workload, timed, printed beside a benchmark's figures.

A shared or throttled machine can run the same code at very different speeds from one minute to the
next; this figure, taken at the start and at the end of a run, tells whether a difference between
two runs came from the code or from the machine (lower is faster)."""

from __future__ import annotations

import timeit


def reference_us() -> float:
    """Best of 5: microseconds to sum 1,000 doubled integers."""
    timer = timeit.Timer("sum(i * 2 for i in xs)", setup="xs = list(range(1000))")
    return min(timer.repeat(repeat=5, number=200)) / 200 * 1e6


def line(when: str) -> str:
    return f"machine speed reference ({when}): {reference_us():.1f} us per loop (lower is faster)"
