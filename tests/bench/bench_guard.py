"""Time and peak memory of the workbook guard on every file of the hostile corpus. Run by hand:

    python -m tests.bench.bench_guard [--runs N] [--dir DIR] [--only STEM ...]

Each file is checked in a fresh process, so its peak memory is its own: the process's VmHWM
(peak resident set, as /usr/bin/time reports it) after importing the guard and after the checks.
Times are the first call and the median (min–max) of N calls, in process. Then the guard's cost on
valid workbooks over many calls, and its import time. Exits 1 if a verdict differs from the corpus's
expectation or a file takes over 1 s or 200 MB (issue 7's budget for hostile files).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script, not with -m
    sys.path.insert(0, str(ROOT))

from tests.excel.hostile import CASES, build_corpus  # noqa: E402

CHILD = """
import json, resource, sys, time

def peak_kib():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except OSError:  # no /proc: ru_maxrss, which may include the parent's peak
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

path, runs = sys.argv[1], int(sys.argv[2])
from assess.excel.guard import check_workbook
before = peak_kib()
times = []
for _ in range(runs):
    started = time.perf_counter()
    result = check_workbook(path)
    times.append(time.perf_counter() - started)
peak = peak_kib()  # before the verdict's words are rendered: the catalogue is not the guard's cost
print(json.dumps({"reason": result.reason, "message": result.text("en"), "times": times,
                  "before_kib": before, "peak_kib": peak}))
"""


def measure(path: Path, runs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(runs)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout
    return json.loads(out)


def spread(values: list[float]) -> str:
    """Median (min–max) in ms."""
    ms = [v * 1000 for v in values]
    return f"{statistics.median(ms):.2f} ({min(ms):.2f}–{max(ms):.2f})"


def bench_corpus(directory: Path, runs: int, only: list[str]) -> bool:
    paths = build_corpus(directory, only or None)
    print(f"Hostile corpus: {len(paths)} files in {directory}; {runs} calls each, one process per file.\n")
    print("| file | size | expected | verdict | first call ms | median ms (min–max) | peak MiB | Δ MiB |")
    print("|---|---:|---|---|---:|---:|---:|---:|")
    sound = True
    for case in CASES:
        if case.name not in paths:
            continue
        path = paths[case.name]
        report = measure(path, runs)
        got = report["reason"] or "passes"
        expected = case.expect or "passes"
        peak = report["peak_kib"] / 1024
        grew = (report["peak_kib"] - report["before_kib"]) / 1024
        slow = max(report["times"]) > 1.0
        flag = "" if got == expected and not slow and peak < 200 else " **✗**"
        sound = sound and not flag
        print(f"| {case.filename} | {path.stat().st_size:,} | {expected} | {got}{flag} | "
              f"{report['times'][0] * 1000:.2f} | {spread(report['times'])} | {peak:.1f} | {grew:.1f} |")
    return sound


def bench_valid(directory: Path, calls: int) -> None:
    from assess.excel.guard import check_workbook

    print(f"\nIn process, {calls} calls each (after 20 warm-up calls):\n")
    print("| file | ms per call, median (min–max) |")
    print("|---|---:|")
    paths = build_corpus(directory, ["valid_minimal", "valid_openpyxl", "valid_xlsxwriter"])
    for name, path in paths.items():
        for _ in range(20):
            check_workbook(path)
        times = []
        for _ in range(calls):
            started = time.perf_counter()
            check_workbook(path)
            times.append(time.perf_counter() - started)
        print(f"| {name}.xlsx | {spread(times)} |")


def bench_import(repeats: int = 15) -> None:
    def whole_process(code: str) -> list[float]:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
            times.append(time.perf_counter() - started)
        return times

    bare = whole_process("pass")
    guarded = whole_process("import assess.excel.guard")
    print(f"\nWhole process, n={repeats}: `python -c pass` {spread(bare)} ms; "
          f"`python -c 'import assess.excel.guard'` {spread(guarded)} ms.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="calls per hostile file (default 10)")
    parser.add_argument("--calls", type=int, default=2000, help="calls per valid file (default 2000)")
    parser.add_argument("--dir", type=Path, help="where to write the corpus (default: a temporary folder)")
    parser.add_argument("--only", nargs="*", default=[], help="file stems to measure")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.dir or Path(scratch)
        sound = bench_corpus(directory, args.runs, args.only)
        if not args.only:
            bench_valid(directory, args.calls)
            bench_import()
    return 0 if sound else 1


if __name__ == "__main__":
    raise SystemExit(main())
