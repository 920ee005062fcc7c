"""The long fuzz run: many generated hostile inputs through every command, and batches of them.
Run by hand:

    python -m tests.bench.fuzz --count 5000 --seed 1 [--limit-mb 2] [--out DIR] [--batch 500]
    python -m tests.bench.fuzz --replay DIR          # the inputs a run saved, through their commands again

Prints progress, then what failed grouped by where (an input, its mutation, the error's first lines).
Every failing input is saved to DIR (default reports/fuzz-seed-<S>/) with commands.txt (the assess
command that failed on it), summary.txt and cases.json, from which --replay rebuilds the run.
Exits 1 when anything failed. See tests/fuzz/generate.py for what the inputs are.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script, not with -m
    sys.path.insert(0, str(ROOT))

from tests.fuzz.generate import MIX, Case, MiB, generate  # noqa: E402
from tests.fuzz.harness import Limits, Outcome, run_batch, run_cases, save_failures, summary  # noqa: E402


def save_manifest(outcome: Outcome, folder: Path) -> None:
    cases = {r.case.name: r.case for r in outcome.failed}
    listing = [{"name": c.name, "kind": c.kind, "mutation": c.mutation, "file": c.filename,
                "questionnaire": str(c.questionnaire) if c.questionnaire else None} for c in cases.values()]
    (folder / "cases.json").write_text(json.dumps(listing, ensure_ascii=False, indent=1), encoding="utf-8")


def load_manifest(folder: Path) -> list[Case]:
    listing = json.loads((folder / "cases.json").read_text(encoding="utf-8"))
    return [Case(c["name"], c["kind"], (folder / c["file"]).read_bytes(), c["mutation"],
                 Path(c["questionnaire"]) if c["questionnaire"] else None) for c in listing]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=3000, help="inputs to generate (default 3000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit-mb", type=float, default=2.0, help="longest odd string or huge file (default 2 MB)")
    ap.add_argument("--kinds", default=",".join(MIX), help=f"kinds of input, comma-separated (default {','.join(MIX)})")
    ap.add_argument("--batch", type=int, default=500, help="inputs also run as one batch (0: none; default 500)")
    ap.add_argument("--seconds", type=float, default=10.0, help="longest a command may take on one input")
    ap.add_argument("--memory-mb", type=int, default=400, help="most a command may grow memory by")
    ap.add_argument("--out", help="folder for the failing inputs (default reports/fuzz-seed-<S>)")
    ap.add_argument("--replay", metavar="DIR", help="run the inputs a run saved in DIR again")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (every input and output)")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    if args.replay:
        cases = load_manifest(Path(args.replay))
        print(f"replaying {len(cases)} inputs from {args.replay}", flush=True)
    else:
        kinds = [k for k in args.kinds.split(",") if k]
        mix = {k: MIX[k] for k in kinds}
        cases = list(generate(args.count, args.seed, mix=mix, limit=int(args.limit_mb * MiB)))
        size = sum(len(c.data) for c in cases)
        print(f"generated {len(cases)} inputs ({size / MiB:.0f} MB) from seed {args.seed} "
              f"in {time.perf_counter() - started:.0f} s", flush=True)
    work = Path(tempfile.mkdtemp(prefix="assess-fuzz-"))
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 10 or done == total:
            last[0] = time.perf_counter()
            print(f"  {done}/{total} runs, {last[0] - started:.0f} s", flush=True)

    limits = Limits(seconds=args.seconds, memory_mb=args.memory_mb, hang=max(60.0, 6 * args.seconds))
    outcome = run_cases(cases, work, limits, progress)
    if args.batch and not args.replay:
        t = time.perf_counter()
        outcome.batch = run_batch(cases[:args.batch], work, jobs=2, timeout=args.seconds)
        print(f"batch of the first {args.batch} inputs: {time.perf_counter() - t:.0f} s", flush=True)
    slowest = sorted(outcome.runs, key=lambda r: -r.seconds)[:5]
    print("slowest: " + ", ".join(f"{r.case.filename} [{r.command}] {r.seconds:.2f} s" for r in slowest))
    print(f"whole run: {time.perf_counter() - started:.0f} s, {len(outcome.runs)} runs")
    if not outcome.failed and not outcome.batch:
        print("nothing failed")
        code = 0
    else:
        print(summary(outcome))
        folder = Path(args.out or (Path(args.replay) / "replay" if args.replay else
                                   ROOT / "reports" / f"fuzz-seed-{args.seed}"))
        save_failures(outcome, folder)
        save_manifest(outcome, folder)
        print(f"\nthe failing inputs, commands.txt and summary.txt: {folder}")
        code = 1
    if args.keep:
        print(f"work folder kept: {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
