"""Run generated inputs through `assess` and collect what went wrong.

The commands run in-process (`assess.cli.main`) inside a worker process, so that a memory limit can
be set (POSIX `resource.setrlimit`) and an input that hangs or eats memory costs only the worker,
which is replaced. Per run it records the exit code, stderr, time and peak memory; a run fails when
it exits other than 0, 1 or 2, writes a traceback, takes longer than `seconds`, or grows the
worker's resident memory by more than `memory_mb`. `batch` runs as its own process on a folder of
inputs and must name every file in its portfolio.

    python -m tests.fuzz.harness worker JOBS.json      # what the parent starts; one JSON line per run
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fuzz.generate import SAMPLE, Case  # noqa: E402


@dataclass
class Run:
    """One command on one input, and what came of it."""

    case: Case
    command: str
    argv: list[str]
    rc: int | None = None
    seconds: float = 0.0
    grew_mb: float = 0.0
    error: str = ""
    """The traceback or the start of stderr, when there is something to show."""
    problem: str = ""
    """Empty when the run was fine; else crash, traceback, exit N, slow, memory, hang."""
    where: str = ""
    """For a crash: the exception and the innermost frame in assess, which groups failures."""


@dataclass
class Limits:
    seconds: float = 10.0
    """Longest time one command may take on one input."""
    memory_mb: int = 400
    """Most the worker's resident memory may grow in one command."""
    hang: float = 60.0
    """After this long without an answer the worker is stopped and the run counted as a hang."""


@dataclass
class Outcome:
    runs: list[Run] = field(default_factory=list)
    batch: list[str] = field(default_factory=list)
    """What was wrong with the batch run (empty when fine)."""

    @property
    def failed(self) -> list[Run]:
        return [r for r in self.runs if r.problem]


# ---------------------------------------------------------------------------------------------
# Which commands each kind of input goes through

def commands(case: Case, path: Path, out: Path, fixtures: dict[str, Path]) -> list[tuple[str, list[str]]]:
    """(name, argv) of every run on one input; argv[0] `app` is a step of the terminal app's (see `_app`)."""
    q = ["-q", str(case.questionnaire)] if case.questionnaire else []
    p = str(path)
    if case.kind == "answers":
        lang = ["--lang", "en"] if case.name[-1] in "13579" else []
        runs = [("score", ["score", p, *q, *lang]),
                ("score --json", ["score", p, "--json", *q]),
                ("report", ["report", p, *q, *lang, "-o", str(out / "report.xlsx")]),
                ("app open", ["app", "open", p, *q])]
        if not case.questionnaire:  # pinned to a bundled release: it may be carried forward
            runs += [("migrate", ["migrate", p, "-o", str(out / "carried.json"), "--force"]),
                     ("app upgrade", ["app", "upgrade", p])]
        return runs
    if case.kind == "questionnaire":
        return [("validate", ["validate", p]),
                ("score -q", ["score", str(fixtures["answers"]), "-q", p]),
                ("report -q", ["report", str(fixtures["answers"]), "-q", p, "-o", str(out / "report.xlsx")]),
                ("import -q", ["import", str(fixtures["sheet"]), "-q", p, "-o", str(out / "a.json"), "--force"])]
    if case.kind == "report":
        return [("verify", ["verify", p, *q]), ("score", ["score", p, *q])]
    return [("import", ["import", p, *q, "-o", str(out / "answers.json"), "--force"]),
            ("score", ["score", p, *q]),
            ("score (its pin)", ["score", p]),  # the questionnaire its Meta sheet names
            ("report", ["report", p, *q, "--lang", "en", "-o", str(out / "report.xlsx")]),
            ("app import", ["app", "import", p, *q])]


def fixtures(workdir: Path) -> dict[str, Path]:
    """A valid answer file and answer sheet for the sample, to go with hostile questionnaires."""
    from assess.content.answer_file import answers_json
    from tests.data.make_filled import random_answers, write_filled
    from tests.fuzz.generate import questionnaire

    q, h = questionnaire(SAMPLE)
    answers = workdir / "valid-answers.json"
    answers.write_text(answers_json(random_answers(q, h, 1)), encoding="utf-8")
    sheet = write_filled(q, h, workdir / "valid-sheet", 1, seed=2)[0]
    return {"answers": answers, "sheet": sheet}


# ---------------------------------------------------------------------------------------------
# The worker: every command in-process, one JSON line per run

def _status_kib(field_name: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Linux resets the peak resident size on request; elsewhere the peak only grows."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _peak_kib() -> int:
    peak = _status_kib("VmHWM")
    if peak is not None:
        return peak
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux; Windows has no resource
    except ImportError:
        return 0


def _limit_memory(mb: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the growth check still applies
        return
    size = (_status_kib("VmSize") or 0) * 1024
    limit = size + 4 * mb * 1024 * 1024  # virtual size runs well ahead of resident size
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _app(argv: list[str], scratch: Path) -> int:
    """A step of the terminal app's on an input, as the app calls it: 0 when it went through, 1 when
    it raised what the app catches and shows (any other exception is a crash)."""
    from assess.content.bundled import resolve
    from assess.content.yaml_file import ContentError
    from assess.migrate import MigrationError
    from assess.session import opening
    from assess.session.lock import LockedError

    step, path, q = argv[1], Path(argv[2]), (argv[4] if len(argv) > 4 else None)
    try:
        if step == "open":  # on a copy: the app locks and saves the file it opens
            copy = scratch / ("opened" + path.suffix)
            shutil.copyfile(path, copy)
            opening.open_answer_file(copy, resolve(q)).close()
        elif step == "import":
            opening.import_sheet(path, scratch, q)
        elif step == "upgrade":
            offer = opening.upgrade_for(path)
            if offer is not None:
                copy = scratch / path.name
                shutil.copyfile(path, copy)
                opening.carry_forward_file(copy)
    except (ContentError, MigrationError, LockedError, OSError):
        return 1
    return 0


def _where(exc: BaseException) -> str:
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if "/assess/" in f.filename.replace("\\", "/")] or frames
    last = mine[-1] if mine else None
    at = f" at {Path(last.filename).name}:{last.lineno} {last.name}" if last else ""
    return f"{type(exc).__name__}{at}"


def worker(jobs_file: str) -> int:
    import contextlib
    import io
    import traceback

    spec = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    _limit_memory(spec["memory_mb"])
    from assess.cli.main import main  # imported before the first measure: its size is not an input's

    main(["list"])  # warm up what every command loads
    out = sys.stdout
    for job in spec["jobs"]:
        scratch = Path(job["scratch"])
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        print(json.dumps({"start": job["id"]}), file=out, flush=True)
        reset = _reset_peak()
        before = (_status_kib("VmRSS") if reset else _peak_kib()) or 0
        stdout, stderr = io.StringIO(), io.StringIO()
        error = where = ""
        started = time.perf_counter()
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                rc = _app(job["argv"], scratch) if job["argv"][0] == "app" else main(job["argv"])
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 1
        except BaseException as e:  # noqa: B036 - MemoryError and RecursionError are what we look for
            rc, error, where = None, traceback.format_exc(), _where(e)
        seconds = time.perf_counter() - started
        grew = max(0, _peak_kib() - before) / 1024
        err = stderr.getvalue()
        if "Traceback" in err and not error:
            error = err[err.index("Traceback"):]
        print(json.dumps({"id": job["id"], "rc": rc, "seconds": seconds, "grew_mb": grew, "error": error[-3000:],
                          "where": where, "stderr": err[:600]}, ensure_ascii=True), file=out, flush=True)
    return 0


# ---------------------------------------------------------------------------------------------
# The parent: feeds the worker, replaces it when it hangs or dies

def _env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["XDG_CACHE_HOME"] = str(workdir / "cache")  # questionnaire cache entries stay in the work folder
    env.pop("ASSESS_LANG", None)
    env["COLUMNS"] = "160"
    return env


def run_cases(cases: list[Case], workdir: Path, limits: Limits | None = None,
              progress=None) -> Outcome:
    """Write the cases into `workdir` and run every command on each; the worker is replaced as needed."""
    limits = limits or Limits()
    workdir.mkdir(parents=True, exist_ok=True)
    inputs = workdir / "inputs"
    inputs.mkdir(exist_ok=True)
    fx = fixtures(workdir)
    runs: list[Run] = []
    for c in cases:
        path = inputs / c.filename
        path.write_bytes(c.data)
        for name, argv in commands(c, path, workdir / "scratch", fx):
            runs.append(Run(c, name, argv))
    todo = 0
    while todo < len(runs):
        todo = _work(runs, todo, workdir, limits, progress)
    return Outcome(runs)


def _work(runs: list[Run], start: int, workdir: Path, limits: Limits, progress) -> int:
    """Run from `start` in one worker; returns where the next worker must start."""
    jobs_file = workdir / "jobs.json"
    jobs = [{"id": i, "argv": r.argv, "scratch": str(workdir / "scratch")} for i, r in enumerate(runs)][start:]
    jobs_file.write_text(json.dumps({"memory_mb": limits.memory_mb, "jobs": jobs}), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "tests.fuzz.harness", "worker", str(jobs_file)], cwd=workdir,
                            env=_env(workdir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace")
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout] + [lines.put(None)], daemon=True).start()
    err_tail: list[str] = []
    threading.Thread(target=lambda: [err_tail.append(x) for x in proc.stderr], daemon=True).start()
    current = None
    try:
        while True:
            try:
                line = lines.get(timeout=limits.hang)
            except queue.Empty:
                if current is None:
                    raise RuntimeError("the fuzz worker did not start: " + "".join(err_tail)[-2000:]) from None
                r = runs[current]
                r.problem, r.seconds, r.error = "hang", limits.hang, f"no answer after {limits.hang:.0f} s"
                return current + 1
            if line is None:  # the worker died (killed by the memory limit, or a crash in C)
                if current is None:
                    raise RuntimeError("the fuzz worker failed: " + "".join(err_tail)[-2000:])
                r = runs[current]
                proc.wait()
                r.rc, r.problem = proc.returncode, "died"
                r.error = f"the process ended with {proc.returncode}\n" + _last_words("".join(err_tail))
                r.where = re.sub(r"\d+", "N", r.error.splitlines()[1] if "\n" in r.error else "")[:120]
                return current + 1
            try:
                msg = json.loads(line)
            except ValueError:  # something in assess wrote to the real stdout
                continue
            if "start" in msg:
                current = msg["start"]
                continue
            r = runs[msg["id"]]
            r.rc, r.seconds, r.grew_mb, r.where = msg["rc"], msg["seconds"], msg["grew_mb"], msg["where"]
            r.error = msg["error"] or msg["stderr"]
            _judge(r, limits, bool(msg["error"]))
            current = None
            if progress:
                progress(msg["id"] + 1, len(runs))
            if msg["id"] == len(runs) - 1:
                return len(runs)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def _last_words(stderr: str) -> str:
    """What a process that died in C or Rust said last: from the line before its backtrace."""
    for marker in ("stack backtrace:", "Fatal Python error", "Current thread"):
        i = stderr.rfind(marker)
        if i > 0:
            return stderr[stderr.rfind("\n", 0, i - 1) + 1:][:1500]
    return stderr[-1500:]


def _judge(r: Run, limits: Limits, traceback: bool) -> None:
    if r.rc is None:
        r.problem = "crash"
    elif traceback:
        r.problem = "traceback"
    elif r.rc not in (0, 1, 2):
        r.problem = f"exit {r.rc}"
    elif r.seconds > limits.seconds:
        r.problem = f"slow ({r.seconds:.1f} s)"
    elif r.grew_mb > limits.memory_mb:
        r.problem = f"memory (+{r.grew_mb:.0f} MB)"
    if r.problem and not r.where:
        m = re.findall(r"File \"([^\"]+)\", line (\d+), in (\S+)", r.error)
        mine = [f for f in m if "/assess/" in f[0].replace("\\", "/")] or m
        last_line = r.error.strip().splitlines()[-1] if r.error.strip() else ""
        kind = last_line.split(":")[0] if traceback else r.problem.split(" (")[0]
        r.where = kind + (f" at {Path(mine[-1][0]).name}:{mine[-1][1]} {mine[-1][2]}" if mine else "")


# ---------------------------------------------------------------------------------------------
# Batch: a folder of inputs, one process

BATCH_FAILURES = ("internal_error", "crashed", "timeout", "out_of_memory")
"""Refusals that mean the batch's reader failed on a file, not that the file is bad."""
ODD_NAMES = ["答卷 {}", "{} (copy)", "ＦＵＬＬ {}", "{}-😀", "{} ", "-{}", "{}.backup"]


def run_batch(cases: list[Case], workdir: Path, jobs: int = 2, timeout: float = 10.0,
              budget: float = 600.0) -> list[str]:
    """`assess batch` on a folder of the cases (some with odd names); what was wrong, if anything."""
    folder = workdir / "batch-in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    names = []
    # mostly inputs for the batch's questionnaire, so that they are read deeper than their pin
    chosen = [c for i, c in enumerate(cases) if c.kind != "questionnaire" and (c.questionnaire == SAMPLE or i % 4 == 0)]
    for i, c in enumerate(chosen):
        stem = ODD_NAMES[i % len(ODD_NAMES)].format(c.name) if i % 3 == 0 else c.name
        (folder / (stem + c.suffix)).write_bytes(c.data)
        names.append(stem + c.suffix)
    out = workdir / "batch-out"
    shutil.rmtree(out, ignore_errors=True)
    argv = [sys.executable, "-m", "assess", "batch", "batch-in", "-o", "batch-out", "--quiet", "-q", str(SAMPLE),
            "--jobs", str(jobs), "--timeout", str(timeout), "--memory", "512"]
    started = time.perf_counter()
    try:
        done = subprocess.run(argv, cwd=workdir, env=_env(workdir), capture_output=True, timeout=budget)
    except subprocess.TimeoutExpired:
        return [f"batch of {len(names)} files did not finish in {budget:.0f} s"]
    seconds = time.perf_counter() - started
    stderr = done.stderr.decode("utf-8", "replace")
    wrong = []
    if done.returncode not in (0, 1, 2):
        wrong.append(f"batch exited {done.returncode}")
    if "Traceback" in stderr:
        wrong.append("batch wrote a traceback:\n" + stderr[stderr.index("Traceback"):][-2000:])
    files: list[dict] = []
    try:
        files = json.loads((out / "portfolio.json").read_bytes())["files"]
        named = {Path(f["file"]).name for f in files}
    except (OSError, ValueError, KeyError, TypeError) as e:
        wrong.append(f"portfolio.json unreadable ({type(e).__name__}: {e})"[:500])
        named = set()
    for f in files:
        if f.get("code") in BATCH_FAILURES:  # the batch kept going, but its reader crashed, hung or grew
            wrong.append(f"{f.get('file')}: {f.get('code')}: {str(f.get('reason'))[:300]}")
    missing = [n for n in names if n not in named]
    if missing and named:
        wrong.append(f"portfolio.json names {len(names) - len(missing)} of {len(names)} files; missing: "
                     + ", ".join(missing[:10]))
    try:
        csv = (out / "portfolio.csv").read_text(encoding="utf-8-sig")
        missing_csv = [n for n in names if n not in csv]
        if missing_csv:
            wrong.append(f"portfolio.csv misses {len(missing_csv)} files: " + ", ".join(missing_csv[:10]))
    except (OSError, UnicodeDecodeError) as e:
        wrong.append(f"portfolio.csv unreadable ({type(e).__name__})")
    if wrong:
        wrong.append(f"(batch: {len(names)} files, exit {done.returncode}, {seconds:.1f} s; stderr starts: "
                     + stderr[:300].strip() + ")")
    return wrong


# ---------------------------------------------------------------------------------------------
# Reporting

def summary(outcome: Outcome, examples: int = 3) -> str:
    """What failed, grouped by problem and place, with an example input and the error's first lines."""
    groups: dict[str, list[Run]] = defaultdict(list)
    for r in outcome.failed:
        groups[f"{r.problem.split(' (')[0]}: {r.where}"].append(r)
    lines = [f"{len(outcome.failed)} of {len(outcome.runs)} runs failed "
             f"({len({r.case.name for r in outcome.failed})} inputs); {len(groups)} kinds"]
    for key, runs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        kinds = sorted({f"{r.case.kind}/{r.command}" for r in runs})
        lines.append(f"\n== {key}  ({len(runs)} runs; {', '.join(kinds)})")
        for r in runs[:examples]:
            lines.append(f"  {r.case.filename} [{r.command}] {r.problem}: {r.case.mutation[:160]}")
        lines.extend("    | " + x for x in _first_lines(runs[0].error))
    if outcome.batch:
        lines.append("\n== batch")
        lines.extend("  " + x for x in outcome.batch)
    return "\n".join(lines)


def _first_lines(error: str, n: int = 6) -> list[str]:
    """The traceback's last frames and the exception, or the start of stderr."""
    lines = [x for x in error.strip().splitlines() if x.strip()]
    if any(x.startswith("  File \"") for x in lines):  # a traceback, perhaps cut at its start
        return [x[:200] for x in lines[-n:]]
    return [x[:200] for x in lines[:n]]


def save_failures(outcome: Outcome, folder: Path) -> Path:
    """Every failing input, with the commands that failed on it, for replay."""
    folder.mkdir(parents=True, exist_ok=True)
    seen = set()
    with open(folder / "commands.txt", "a", encoding="utf-8") as cmds:
        for r in outcome.failed:
            if r.case.name not in seen:
                (folder / r.case.filename).write_bytes(r.case.data)
                seen.add(r.case.name)
            argv = [r.case.filename if a.endswith(r.case.filename) else a for a in r.argv]
            cmds.write(f"# {r.problem}: {r.where} | {r.case.mutation[:200]}\nassess {' '.join(argv)}\n")
    (folder / "summary.txt").write_text(summary(outcome), encoding="utf-8")
    return folder


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        raise SystemExit(worker(sys.argv[2]))
    raise SystemExit(__doc__)
