"""Batch scoring of a folder of answer sheets and answer files, by supervised worker processes.

Three parts, each usable alone:

- `collect_inputs`: the files to score, from files and folders (skipping the batch's own output);
- `Supervisor`: runs a function over tasks in forked worker processes it owns. The parent keeps the
  deadline of every task; a worker that dies (a reader crash, an abort under the memory limit) or
  overruns is killed and replaced, its task is recorded as failed, and the other tasks go on. It
  does not use `multiprocessing.Pool` (which hangs forever when a worker is killed) nor
  `ProcessPoolExecutor` (which fails every pending task), and it does not rely on a timer inside
  the worker (which cannot interrupt python-calamine mid-parse);
- `Portfolio`: streams results, in input order, to portfolio.xlsx (xlsxwriter, constant memory),
  portfolio.csv and portfolio.json, and keeps only the numbers the Benchmark sheet needs.

`run_batch` ties them together for `assess batch`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import struct
import sys
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assess.model import Questionnaire, localize
from assess.problems import Msg, Problem

SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xls", ".ods", ".json")
"""Files a folder contributes. Other files (notes, PDFs) are left alone; .xls and .ods are taken so
that they are refused with a reason rather than skipped in silence."""

FAULT_ENV = "ASSESS_BATCH_FAULT"
"""Test hook: `hang=NAME,crash=NAME,abort=NAME` makes a worker hang, exit or abort on a file whose
name contains NAME, so tests can show that one bad file does not stall the batch."""

MiB = 1024 * 1024


# --------------------------------------------------------------------------- inputs


@dataclass(slots=True)
class Input:
    path: Path
    display: str
    """The path as the user named it (relative to the current folder when inside it)."""
    report_stem: str = ""
    """Unique stem of its per-firm report."""


@dataclass(slots=True)
class Inputs:
    files: list[Input] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Files left out, with why (lock files of office suites, earlier batch outputs)."""
    missing: list[str] = field(default_factory=list)
    """Paths given that do not exist."""


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def collect_inputs(paths: Sequence[str | Path], outdir: Path | None = None) -> Inputs:
    """Every file to score, in the order given (folders walked in sorted order), each once.

    A folder contributes its answer sheets and answer files (see SUFFIXES), not its hidden files,
    office lock files (`~$x.xlsx`), the batch's own `outdir`, nor earlier batch outputs (a folder
    holding a portfolio.json). A file named directly is always taken.
    """
    out = Inputs()
    seen: set[str] = set()
    out_resolved = outdir.resolve() if outdir is not None else None

    def take(p: Path, real: str | None = None, display: str | None = None) -> None:
        r = real if real is not None else str(p.resolve())
        if r in seen:
            return
        seen.add(r)
        out.files.append(Input(p, display if display is not None else _display(p)))

    for raw in paths:
        p = Path(raw)
        if p.is_file():
            take(p)
        elif p.is_dir():
            for folder, dirs, files in os.walk(p):
                here = Path(folder)
                # resolved once per folder: a file that is not a link resolves to it plus its name
                here_real = str(here.resolve())
                here_display = _display(here)
                keep = []
                for d in sorted(dirs):
                    sub = (here / d).resolve()
                    if d.startswith("."):
                        continue
                    if out_resolved is not None and sub == out_resolved:
                        out.skipped.append(f"{_display(here / d)}/ (this batch's output)")
                        continue
                    if (here / d / "portfolio.json").is_file():
                        out.skipped.append(f"{_display(here / d)}/ (an earlier batch's output)")
                        continue
                    keep.append(d)
                dirs[:] = keep
                for name in sorted(files):
                    f = here / name
                    if name.startswith((".", "~$")):
                        if name.startswith("~$") or name.startswith(".~lock"):
                            out.skipped.append(f"{_display(f)} (an office suite's lock file)")
                        continue
                    if f.suffix.lower() in SUFFIXES:
                        real = str(f.resolve()) if os.path.islink(f) else os.path.join(here_real, name)
                        shown = str(f) if here_display.startswith("..") or os.path.isabs(here_display) else \
                            name if here_display == "." else os.path.join(here_display, name)
                        take(f, real, shown)
        else:
            out.missing.append(str(raw))
    taken: set[str] = set()
    for item in out.files:
        stem = re.sub(r"[^\w.\-]+", "_", item.path.stem).strip("._") or "file"
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        item.report_stem = name
    return out


# --------------------------------------------------------------------------- one file


@dataclass(slots=True)
class FileResult:
    """What one file came to. Plain data, sent from a worker to the parent."""

    index: int
    status: str
    """ok (scored, no problem worse than a notice), problems (scored with errors or warnings),
    refused (not scored)."""
    company: str = ""
    reason: str = ""
    """Why a refused file was refused (one line)."""
    code: str = ""
    """The refusal's kind: the guard's reason (dtd, macros, corrupt, ...), or unreadable,
    not_answer_sheet, format, wrong_questionnaire, too_large, gap_report, not_answer_file,
    not_filled_in, crashed, timeout, internal_error."""
    sha256: str = ""
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(severity, where, message, fix) of every problem."""
    figures: dict[str, Any] | None = None
    report: str = ""
    timings: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """Seconds spent in the guard, reading, scoring and writing the report."""

    def counts(self) -> tuple[int, int, int]:
        e = sum(1 for p in self.problems if p[0] == "error")
        w = sum(1 for p in self.problems if p[0] == "warning")
        return e, w, len(self.problems) - e - w


def _problem_tuple(p: Problem) -> tuple[str, str, str, str]:
    from assess.text.messages import say

    return (p.severity, p.where, say(p.message, "en"), say(p.fix, "en"))


def refused(index: int, code: str, reason: Msg | str, problems: Iterable[Problem] = (), sha256: str = "",
            timings: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)) -> FileResult:
    from assess.text.messages import say

    return FileResult(index, "refused", reason=say(reason, "en"), code=code, sha256=sha256,
                      problems=[_problem_tuple(p) for p in problems], timings=timings)


@dataclass(slots=True)
class Job:
    """What every worker needs, fixed before the workers start."""

    questionnaire: Questionnaire
    sha256: str
    targets: dict[str, float]
    locale: str
    reports_dir: Path | None
    report_writer: Callable[..., Any] | None = None
    """`write_report(path, questionnaire, hash, answers, *, locale, targets, input_sha256)`."""
    pillar_questions: frozenset[str] = field(init=False)
    """Ids of the questions of every pillar (not the profile): a file answering none is not scored."""

    def __post_init__(self) -> None:
        self.pillar_questions = frozenset(qu.id for p in self.questionnaire.pillars for qu in p.questions)


def figures_of(a: Any, q: Questionnaire, locale: str) -> dict[str, Any]:
    """The portfolio row's numbers from an Assessment."""
    names = q.scoring.levels.names
    pillars = {}
    gaps = []
    for p in a.pillars:
        pillars[p.id] = {"score": p.score, "evidenced": p.evidenced, "level": p.level,
                         "applicable": p.applicable, "gap": p.gap, "target": p.target}
        if p.applicable and p.gap > 0:
            for qid in p.questions:
                r = a.questions[qid]
                if not r.scored or r.status in ("na", "hidden"):
                    continue
                gain = p.weight * r.weight * (5.0 - (r.score or 0.0))
                if gain > 0:
                    gaps.append((-gain, qid))
    gaps.sort()
    o = a.overall
    return {
        "completion": o.completion,
        "overall": o.score,
        "overall_evidenced": o.evidenced,
        "level": o.level,
        "level_name": localize(names[o.level], locale) if o.level < len(names) else "",
        "pillars": pillars,
        "gates_failed": [g.question for g in a.gates_failed],
        "top_gaps": [qid for _, qid in gaps[:3]],
    }


def _fault(name: str) -> None:
    """The test hook (see FAULT_ENV)."""
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return
    for part in spec.split(","):
        kind, _, needle = part.partition("=")
        if needle and needle in name:
            if kind == "hang":
                while True:
                    time.sleep(3600)
            if kind == "crash":
                os._exit(70)
            if kind == "abort":
                os.abort()


def score_file(index: int, item: Input, job: Job) -> FileResult:
    """Guard, read, check and score one file; never raises for a bad file."""
    from assess.content.yaml_file import ContentError
    from assess.excel.sheet_reader import SheetError, read_checked
    from assess.rules import check_answers
    from assess.scoring import score

    _fault(item.path.name)
    label = item.display
    q, h = job.questionnaire, job.sha256
    t0 = time.perf_counter()
    if item.path.suffix.lower() == ".json":
        from assess.content.answer_file import NotAnswersError, parse_answers

        try:
            data = item.path.read_bytes()
        except OSError as e:
            return refused(index, "unreadable", f"cannot read the file ({e.strerror or e})")
        if len(data) > 20 * MiB:
            return refused(index, "too_large", "an answer file of more than 20 MB")
        t1 = time.perf_counter()
        try:
            answers = parse_answers(data, label)
        except ContentError as e:
            code = "not_answer_file" if isinstance(e, NotAnswersError) else "unreadable"
            return refused(index, code, e.problems[0].message, e.problems, hashlib.sha256(data).hexdigest())
        ref = answers.questionnaire
        if (ref.id, ref.version) != (q.id, q.version) or (ref.sha256 and ref.sha256 != h):
            made = f"{ref.id}@{ref.version}" if (ref.id, ref.version) != (q.id, q.version) else \
                f"a different text of {q.ref} (hash {ref.sha256[:12]}…)"
            msg = f"made for {made}, not {q.ref}"
            fix = f"score it with --questionnaire {ref.id}@{ref.version} in a separate batch"
            return refused(index, "wrong_questionnaire", msg, [Problem(msg, "questionnaire", label, fix=fix)],
                           hashlib.sha256(data).hexdigest())
        problems = [p.at(label) for p in check_answers(q, answers)]
        timings_read = time.perf_counter() - t1
        guard_time = t1 - t0
    else:
        from assess.excel.guard import check_workbook

        verdict = check_workbook(item.path, name=label, keep_parts=True)
        t1 = time.perf_counter()
        if not verdict.ok or verdict.data is None:
            why = verdict.as_problem()
            return refused(index, verdict.reason or "unreadable", verdict.message or "", [why] if why else [],
                           timings=(t1 - t0, 0.0, 0.0, 0.0))
        data = verdict.data
        try:
            _, _, answers, problems = read_checked(data, q, h, label, parts=verdict.parts)
        except SheetError as e:
            from assess.excel.verify import gap_report_problem, is_gap_report

            failed = SheetError([gap_report_problem(label)], "gap_report") if is_gap_report(data) else e
            return refused(index, failed.code, failed.problems[0].message, failed.problems,
                           hashlib.sha256(data).hexdigest(), (t1 - t0, time.perf_counter() - t1, 0.0, 0.0))
        if any(p.severity == "error" for p in problems):
            # read as a sheet with a problem on every row: say what it is instead (asked of failed reads
            # only, so a good sheet costs nothing more, nor loads the report's modules)
            from assess.excel.verify import gap_report_problem, is_gap_report

            if is_gap_report(data):
                said = gap_report_problem(label)
                return refused(index, "gap_report", said.message, [said], hashlib.sha256(data).hexdigest(),
                               (t1 - t0, time.perf_counter() - t1, 0.0, 0.0))
        guard_time = t1 - t0
        timings_read = time.perf_counter() - t1
    if not any(qid in answers.answers for qid in job.pillar_questions):
        # sent back blank, or with nothing usable: scored, it would sit at 0.00 in the benchmark
        blank = not_filled_in(index, label, answers, problems, item.path.suffix.lower() != ".json")
        blank.sha256, blank.timings = hashlib.sha256(data).hexdigest(), (guard_time, timings_read, 0.0, 0.0)
        return blank
    t2 = time.perf_counter()
    a = score(q, answers, job.targets or None)
    figures = figures_of(a, q, job.locale)
    t3 = time.perf_counter()
    report = ""
    if job.reports_dir is not None and job.report_writer is not None:
        out = job.reports_dir / f"{item.report_stem}.xlsx"
        try:
            job.report_writer(out, q, h, answers, locale=job.locale, targets=job.targets or None,
                              input_sha256=hashlib.sha256(data).hexdigest())
            report = str(out)
        except Exception as e:  # the report is extra: keep the score, name the failure
            problems.append(Problem(f"the gap report could not be written ({type(e).__name__}: {e})", "", label,
                                    "error", fix="report this as a bug in assess"))
    t4 = time.perf_counter()
    worst = "ok" if all(p.severity == "notice" for p in problems) else "problems"
    return FileResult(index, worst, company=answers.company.name, sha256=hashlib.sha256(data).hexdigest(),
                      problems=[_problem_tuple(p) for p in problems], figures=figures, report=report,
                      timings=(guard_time, timings_read, t3 - t2, t4 - t3))


def not_filled_in(index: int, label: str, answers: Any, problems: list[Problem], sheet: bool) -> FileResult:
    """The refusal of a file that answers no question of any pillar, saying which case it is: nothing
    given, only the profile, or answers given but none usable (their problems are kept, so the sender
    sees which cells to correct). It names the firm when the file does."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        msg = "no usable answer to any pillar question: every one given has a problem (listed)"
        fix = "correct the answers named in the problems and resend the file"
    elif answers.answers:
        msg = "only the profile is answered: no question of any pillar has an answer"
        fix = "ask the firm to fill in the Answers sheet and resend it" if sheet else \
            "ask the firm to answer the questions of the pillars and resend the file"
    else:
        msg = "nothing is answered: the file was sent back blank"
        fix = "ask the firm to fill in the sheet and resend it" if sheet else \
            "ask the firm to answer the questions and resend the file"
    out = refused(index, "not_filled_in", msg, [*errors, Problem(msg, "", label, fix=fix)])
    out.company = answers.company.name
    return out


# --------------------------------------------------------------------------- supervision


def _vm_size() -> int:
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _describe_exit(status: int | None) -> str:
    if status is None:
        return "reader crashed"
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if -code in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV) else ""
        return f"reader crashed: killed by {name}{hint}"
    return f"reader crashed: its process exited with code {code}"


_SLOT = struct.Struct("@qqd")
"""A worker's entry on the board: a sequence number, the task it is running (-1: none) and when it
started it. The worker makes the sequence odd before it writes the entry and even after (a sequence
lock): the parent takes an entry only when it reads the same even sequence before and after, so it never
takes half of a write (a worker can be preempted between the stores of one entry). Native format, so
each field is one aligned 8-byte store."""
_SEQUENCE = struct.Struct("@q")


class _Worker:
    __slots__ = ("pid", "conn", "tasks", "slot", "born")

    def __init__(self, pid: int, conn: Any, slot: int, born: float) -> None:
        self.pid = pid
        self.conn = conn
        self.slot = slot
        """Its entry on the board."""
        self.born = born
        """When it was forked: no task of its started earlier."""
        self.tasks: deque[int] = deque()
        """Tasks sent and not yet answered, in the order it works on them."""


class Supervisor:
    """Runs `work(task) -> result` in `jobs` forked worker processes.

    `on_result(index, result)` is called in the parent for every task. A task whose worker dies or
    overruns `timeout` seconds gets `on_failure(index, why)`'s result instead; its worker is killed
    and replaced and the other tasks go on. Workers run with an address-space limit `memory_mb`
    above their size at start, so a reader that runs away aborts its own process, not the batch.
    `tick()` is called at least every `tick_every` seconds.

    Tasks go to a worker in chunks of up to `depth`, two chunks ahead, and results come back in
    batches (at the end of a chunk, and at least every `flush_every` seconds), so the parent is woken
    a few times per chunk rather than once per task. Which task a worker is running, and since when,
    it writes on a board of shared memory before it starts it: the parent owns every deadline from
    that board, and when a worker dies or overruns, exactly the task on its board entry is failed;
    the others it held (answered in a batch it never sent, or not started) are run again elsewhere.
    It does not use `multiprocessing.Pool` (which hangs forever when a worker is killed) nor
    `ProcessPoolExecutor` (which fails every pending task), and it does not rely on a timer inside
    the worker (which cannot interrupt python-calamine mid-parse).
    """

    def __init__(self, work: Callable[[Any], Any], jobs: int, timeout: float, *, memory_mb: int = 1024,
                 tick: Callable[[], None] | None = None, tick_every: float = 0.1, depth: int = 16,
                 flush_every: float = 0.05) -> None:
        self.work = work
        self.depth = max(1, depth)
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.tick = tick
        self.tick_every = tick_every
        self.flush_every = flush_every
        self.workers: list[_Worker] = []
        self.restarts = 0
        self._board: Any = None

    # ---- processes

    def _spawn(self, slot: int) -> _Worker:
        from multiprocessing import Pipe

        _SLOT.pack_into(self._board, slot * _SLOT.size, 0, -1, 0.0)
        born = time.monotonic()
        parent_end, child_end = Pipe(duplex=True)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            code = 0
            try:
                parent_end.close()
                for w in self.workers:
                    try:
                        w.conn.close()
                    except OSError:
                        pass
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                import faulthandler

                faulthandler.disable()  # the parent reports a crash; no traceback dump on the terminal
                self._limit_memory()
                self._serve(child_end, slot * _SLOT.size)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        child_end.close()
        return _Worker(pid, parent_end, slot, born)

    def _limit_memory(self) -> None:
        if self.memory_mb <= 0:
            return
        try:
            import resource

            size = _vm_size()
            if size:
                limit = size + self.memory_mb * MiB
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass

    def _serve(self, conn: Any, at: int) -> None:
        work, board, clock, every = self.work, self._board, time.monotonic, self.flush_every
        sequence, entry = _SEQUENCE.pack_into, struct.Struct("@qd").pack_into
        seq = 0

        def mark(index: int) -> None:
            nonlocal seq
            sequence(board, at, seq + 1)  # odd: being written
            entry(board, at + 8, index, clock())
            seq += 2
            sequence(board, at, seq)

        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                return
            if msg is None:
                return
            done = []
            flushed = clock()
            for index, task in msg:
                mark(index)
                try:
                    result = (index, True, work(task))
                except MemoryError:
                    result = (index, False, "reader ran out of memory")
                except Exception as e:  # a bug: the task fails, the worker lives on
                    import traceback

                    tb = traceback.format_exception_only(type(e), e)[-1].strip()
                    result = (index, False, f"internal error: {tb}")
                done.append(result)
                if clock() - flushed >= every:
                    mark(-1)  # sending is not the task's time
                    conn.send(done)
                    done = []
                    flushed = clock()
            mark(-1)
            if done:
                conn.send(done)

    def _running(self, w: _Worker) -> tuple[int, float] | None:
        """(task, start) on the worker's board entry (task -1: none); None while it is being written, or
        if it says the task started before the worker did (which no deadline may be counted from)."""
        at = w.slot * _SLOT.size
        for _ in range(16):
            seq, index, start = _SLOT.unpack_from(self._board, at)
            if not seq & 1 and _SEQUENCE.unpack_from(self._board, at)[0] == seq:
                return (index, start) if index < 0 or start >= w.born else None
        return None

    def _reap(self, w: _Worker, kill: bool) -> int | None:
        if kill:
            try:
                os.kill(w.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            w.conn.close()
        except OSError:
            pass
        try:
            _, status = os.waitpid(w.pid, 0)
            return status
        except ChildProcessError:
            return None

    def _replace(self, w: _Worker) -> _Worker:
        self.restarts += 1
        new = self._spawn(w.slot)
        self.workers[self.workers.index(w)] = new
        return new

    def _chunk(self, left: int) -> int:
        """Tasks per message: `depth`, fewer near the end so that the workers finish together."""
        return max(1, min(self.depth, left // (2 * self.jobs)))

    # ---- the loop

    def run(self, tasks: Sequence[Any], on_result: Callable[[int, Any], None],
            on_failure: Callable[[int, str], Any]) -> None:
        import gc
        import mmap
        from multiprocessing.connection import wait

        queue = deque(range(len(tasks)))
        # What exists now is inherited by every worker: frozen, the collector of neither side walks it
        # again (in a worker that would copy every page it touches), as the gc docs advise before fork.
        gc.freeze()
        try:
            self._board = mmap.mmap(-1, _SLOT.size * self.jobs)  # shared with the forked workers
            self.workers = []
            for slot in range(min(self.jobs, max(1, len(tasks)))):
                self.workers.append(self._spawn(slot))
            idle_deaths = 0
            last_tick = time.monotonic()

            def lost(w: _Worker, overran: int | None = None) -> None:
                """A worker died (or overran with task `overran`): it is stopped first, so its board
                entry no longer moves; the task there is failed and the others it held requeued."""
                nonlocal idle_deaths
                status = self._reap(w, kill=True)
                entry = self._running(w)
                index = entry[0] if entry is not None else -1
                if overran is not None and (entry is None or index == overran):
                    index = overran  # (killed in the middle of writing its entry: the task read before)
                held = list(w.tasks)
                w.tasks.clear()
                if index in held and overran in (None, index):
                    held.remove(index)
                    queue.extendleft(reversed(held))
                    why = _describe_exit(status) if overran is None else \
                        f"took longer than {self.timeout:g} s; stopped"
                    on_result(index, on_failure(index, why))
                else:  # between tasks: nothing to blame
                    queue.extendleft(reversed(held))
                    idle_deaths += 1
                    if idle_deaths > 3 * self.jobs + 10:
                        raise RuntimeError("worker processes keep dying before taking work") from None
                self._replace(w)

            while queue or any(w.tasks for w in self.workers):
                for w in list(self.workers):
                    # keep two chunks ahead: the one it works on and the next
                    size = self._chunk(len(queue))
                    while queue and len(w.tasks) <= size:
                        batch = [queue.popleft() for _ in range(min(size, len(queue)))]
                        try:
                            w.conn.send([(index, tasks[index]) for index in batch])
                        except (BrokenPipeError, ConnectionResetError, OSError):
                            queue.extendleft(reversed(batch))  # it died: see below, on reading
                            break
                        w.tasks.extend(batch)
                busy = [w for w in self.workers if w.tasks]
                if not busy:
                    continue
                now = time.monotonic()
                wait_for = self.tick_every
                for w in busy:
                    entry = self._running(w)
                    if entry is not None and entry[0] >= 0:
                        wait_for = min(wait_for, entry[1] + self.timeout - now)
                ready = wait([w.conn for w in busy], timeout=max(0.0, wait_for))
                for conn in ready:
                    w = next(x for x in self.workers if x.conn is conn)
                    try:
                        results = w.conn.recv()
                    except (EOFError, OSError, ValueError, TypeError):
                        lost(w)
                        continue
                    for got_index, ok, payload in results:
                        if w.tasks and w.tasks[0] == got_index:
                            w.tasks.popleft()
                        else:
                            w.tasks.remove(got_index)
                        on_result(got_index, payload if ok else on_failure(got_index, payload))
                now = time.monotonic()
                for w in list(self.workers):
                    if w.tasks:
                        entry = self._running(w)
                        if entry is not None and entry[0] >= 0 and now - entry[1] >= self.timeout \
                                and entry[0] in w.tasks:
                            lost(w, entry[0])
                if self.tick is not None and now - last_tick >= self.tick_every:
                    last_tick = now
                    self.tick()
        finally:
            self.stop()
            gc.unfreeze()

    def stop(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 1.0
        for w in self.workers:
            pause = 0.0002  # they exit at once: poll briefly, then less often
            while time.monotonic() < deadline:
                try:
                    pid, _ = os.waitpid(w.pid, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid:
                    break
                time.sleep(pause)
                pause = min(pause * 2, 0.005)
            else:
                self._reap(w, kill=True)
                continue
            try:
                w.conn.close()
            except OSError:
                pass
        self.workers = []


# --------------------------------------------------------------------------- portfolio


def _company_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


_CSV_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _csv_text(s: str) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    return "'" + s if _CSV_FORMULA.match(s) else s


LABELS = {
    "file": {"zh": "文件", "en": "File"},
    "company": {"zh": "企业", "en": "Company"},
    "status": {"zh": "状态", "en": "Status"},
    "errors": {"zh": "错误", "en": "Errors"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    "completion": {"zh": "完成度", "en": "Completion"},
    "overall": {"zh": "总分（自评）", "en": "Overall (claimed)"},
    "overall_evidenced": {"zh": "总分（有证据）", "en": "Overall (evidenced)"},
    "level": {"zh": "等级", "en": "Level"},
    "level_name": {"zh": "等级名称", "en": "Level name"},
    "evidenced": {"zh": "有证据", "en": "evidenced"},
    "gates_failed": {"zh": "未通过的必备项", "en": "Gates failed"},
    "top_gaps": {"zh": "主要差距", "en": "Top gaps"},
    "duplicate_of": {"zh": "重复于", "en": "Duplicate of"},
    "code": {"zh": "拒收类别", "en": "Refusal kind"},
    "reason": {"zh": "拒收原因", "en": "Refused because"},
    "report": {"zh": "差距报告", "en": "Gap report"},
    "sha256": {"zh": "SHA-256", "en": "SHA-256"},
    "status.ok": {"zh": "已评分", "en": "scored"},
    "status.problems": {"zh": "已评分（有问题）", "en": "scored, with problems"},
    "status.refused": {"zh": "拒收", "en": "refused"},
    "sheet.portfolio": {"zh": "Portfolio", "en": "Portfolio"},
    "sheet.benchmark": {"zh": "Benchmark", "en": "Benchmark"},
    "sheet.problems": {"zh": "Problems", "en": "Problems"},
    "bench.subject": {"zh": "领域", "en": "Pillar"},
    "bench.n": {"zh": "企业数", "en": "Firms"},
    "bench.min": {"zh": "最小值", "en": "Min"},
    "bench.q1": {"zh": "下四分位", "en": "Q1"},
    "bench.median": {"zh": "中位数", "en": "Median"},
    "bench.q3": {"zh": "上四分位", "en": "Q3"},
    "bench.max": {"zh": "最大值", "en": "Max"},
    "bench.mean": {"zh": "平均值", "en": "Mean"},
    "bench.title": {"zh": "各领域得分分布（已评分企业）", "en": "Scores by pillar over the scored firms"},
    "prob.severity": {"zh": "级别", "en": "Severity"},
    "prob.where": {"zh": "位置", "en": "Where"},
    "prob.message": {"zh": "问题", "en": "Problem"},
    "prob.fix": {"zh": "如何修正", "en": "How to fix"},
    "overall_subject": {"zh": "总分", "en": "Overall"},
}


def label(key: str, locale: str) -> str:
    return localize(LABELS[key], locale)


def benchmark(values: list[float]) -> dict[str, float] | None:
    """n, min, quartiles (inclusive method, as Excel's QUARTILE.INC), median, max, mean."""
    import statistics

    if not values:
        return None
    if len(values) == 1:
        v = values[0]
        q1 = med = q3 = v
    else:
        q1, med, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"n": len(values), "min": min(values), "q1": q1, "median": med, "q3": q3, "max": max(values),
            "mean": statistics.fmean(values)}


class Portfolio:
    """portfolio.xlsx, .csv and .json, written as results arrive (in input order)."""

    def __init__(self, outdir: Path, q: Questionnaire, sha256: str, locale: str) -> None:
        from xlsxwriter import Workbook

        from assess.excel.xlsx_text import WORKBOOK_OPTIONS
        self.outdir = outdir
        self.q = q
        self.locale = locale
        self.pillars = [p.id for p in q.pillars]
        self.values: dict[str, list[float]] = {pid: [] for pid in [*self.pillars, "overall", "overall_evidenced"]}
        self.xlsx_path = outdir / "portfolio.xlsx"
        self.csv_path = outdir / "portfolio.csv"
        self.json_path = outdir / "portfolio.json"
        self.book = Workbook(str(self.xlsx_path), {"constant_memory": True, **WORKBOOK_OPTIONS})
        b = self.book
        self.f_head = b.add_format({"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "top"})
        self.f_num = b.add_format({"num_format": "0.00"})
        self.f_pct = b.add_format({"num_format": "0%"})
        self.f_refused = b.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.f_problems = b.add_format({"font_color": "#9C5700", "bg_color": "#FFEB9C"})
        self.f_ok = b.add_format({"font_color": "#006100", "bg_color": "#C6EFCE"})
        self.ws = b.add_worksheet(label("sheet.portfolio", locale))
        self.ws_bench = b.add_worksheet(label("sheet.benchmark", locale))
        self.ws_prob = b.add_worksheet(label("sheet.problems", locale))
        names = {p.id: localize(p.name, locale) for p in q.pillars}
        ev = label("evidenced", locale)
        self.columns = (["file", "company", "status", "errors", "warnings", "completion", "overall",
                         "overall_evidenced", "level", "level_name"]
                        + [x for pid in self.pillars for x in (pid, f"{pid}_evidenced")]
                        + ["gates_failed", "top_gaps", "duplicate_of", "code", "reason", "report", "sha256"])
        heads = []
        for c in self.columns:
            if c in names:
                heads.append(f"{names[c]} ({c})")
            elif c.endswith("_evidenced") and c[: -len("_evidenced")] in names:
                heads.append(f"{names[c[: -len('_evidenced')]]} ({ev})")
            else:
                heads.append(label(c, locale))
        self.ws.set_row(0, 58)  # four lines: long pillar names wrap in a column 11 wide
        for i, h in enumerate(heads):
            self.ws.write_string(0, i, h, self.f_head)
        widths = {"file": 32, "company": 28, "status": 16, "gates_failed": 20, "top_gaps": 20, "duplicate_of": 24,
                  "reason": 40, "report": 30, "sha256": 20, "level_name": 14}
        for i, c in enumerate(self.columns):
            self.ws.set_column(i, i, widths.get(c, 11))
        self.ws.freeze_panes(1, 2)
        for sheet in (self.ws, self.ws_bench, self.ws_prob):
            sheet.set_landscape()
            sheet.set_paper(9)  # A4
        self.ws_bench.fit_to_pages(1, 1)
        # printed: the titles on every page, two pages across (about 70%: one page across was too small
        # to read), and the paths and hashes at the end left in the sheet but off the paper
        self.ws.repeat_rows(0)
        self.ws.fit_to_pages(2, 0)
        self.print_cols = self.columns.index("report") - 1
        self.ws_prob.repeat_rows(0)
        self.row = 1
        for i, key in enumerate(("file", "prob.severity", "prob.where", "prob.message", "prob.fix")):
            self.ws_prob.write_string(0, i, label(key, locale), self.f_head)
        for i, w in enumerate((32, 10, 22, 70, 50)):
            self.ws_prob.set_column(i, i, w)
        self.ws_prob.freeze_panes(1, 1)
        self.prob_row = 1

        import csv

        self.csv_file = open(self.csv_path, "w", encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.csv_file)
        self.csv.writerow(self.columns)
        self.json_file = open(self.json_path, "w", encoding="utf-8")
        head = {"kind": "assess/portfolio", "format_version": 1,
                "questionnaire": {"id": q.id, "version": q.version, "sha256": sha256},
                "locale": locale,
                "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")}
        text = json.dumps(head, ensure_ascii=False)
        self.json_file.write(text[:-1] + ', "files": [\n')
        self.first_json = True
        self.counts = {"ok": 0, "problems": 0, "refused": 0}
        self.duplicates = 0

    def add(self, item: Input, r: FileResult, duplicate_of: str = "") -> None:
        """One file's row (results must come in input order)."""
        from assess.excel.xlsx_text import write_text

        self.counts[r.status] += 1
        if duplicate_of:
            self.duplicates += 1
        e, w, _ = r.counts()
        f = r.figures or {}
        row: dict[str, Any] = {
            "file": item.display, "company": r.company, "status": r.status, "errors": e, "warnings": w,
            "duplicate_of": duplicate_of, "code": r.code, "reason": r.reason, "report": r.report,
            "sha256": r.sha256,
        }
        if f:
            row.update(completion=f["completion"], overall=f["overall"], overall_evidenced=f["overall_evidenced"],
                       level=f["level"], level_name=f["level_name"],
                       gates_failed=", ".join(f["gates_failed"]), top_gaps=", ".join(f["top_gaps"]))
            self.values["overall"].append(f["overall"])
            self.values["overall_evidenced"].append(f["overall_evidenced"])
            for pid, p in f["pillars"].items():
                if p["applicable"]:
                    row[pid] = p["score"]
                    row[f"{pid}_evidenced"] = p["evidenced"]
                    self.values[pid].append(p["score"])
        # xlsx
        ws, y = self.ws, self.row
        for x, c in enumerate(self.columns):
            v = row.get(c)
            if v is None or v == "":
                continue
            if c == "status":
                fmt = {"ok": self.f_ok, "problems": self.f_problems, "refused": self.f_refused}[r.status]
                ws.write_string(y, x, label(f"status.{r.status}", self.locale), fmt)
            elif isinstance(v, str):
                write_text(ws, y, x, v)
            elif c == "completion":
                ws.write_number(y, x, v, self.f_pct)
            elif isinstance(v, float):
                ws.write_number(y, x, v, self.f_num)
            else:
                ws.write_number(y, x, v)
        self.row += 1
        for sev, where, msg, fix in r.problems:
            pw, py = self.ws_prob, self.prob_row
            write_text(pw, py, 0, item.display)
            pw.write_string(py, 1, sev)
            if where:
                write_text(pw, py, 2, where)
            write_text(pw, py, 3, msg)
            if fix:
                write_text(pw, py, 4, fix)
            self.prob_row += 1
        # csv
        out = []
        for c in self.columns:
            v = row.get(c)
            if v is None:
                out.append("")
            elif isinstance(v, str):
                out.append(_csv_text(v))
            elif isinstance(v, float):
                out.append(f"{v:.6g}" if c == "completion" else f"{v:.4f}".rstrip("0").rstrip("."))
            else:
                out.append(v)
        self.csv.writerow(out)
        # json
        doc = {"file": item.display, "company": r.company, "status": r.status, "code": r.code or None,
               "reason": r.reason or None,
               "sha256": r.sha256 or None, "duplicate_of": duplicate_of or None, "report": r.report or None,
               "figures": f or None,
               "problems": [{"severity": s, "where": wh, "message": m, "fix": fx} for s, wh, m, fx in r.problems]}
        self.json_file.write(("" if self.first_json else ",\n") + json.dumps(doc, ensure_ascii=False))
        self.first_json = False

    def close(self, summary: dict[str, Any]) -> dict[str, Any]:
        """Write the Benchmark sheet and the JSON tail; close every file. Returns the benchmark."""
        locale = self.locale
        subjects = [(pid, f"{localize(p.name, locale)} ({pid})") for pid, p in zip(self.pillars, self.q.pillars)]
        subjects += [("overall", label("overall_subject", locale)),
                     ("overall_evidenced", label("overall_evidenced", locale))]
        bench = {sid: benchmark(self.values[sid]) for sid, _ in subjects}
        ws = self.ws_bench
        keys = ("n", "min", "q1", "median", "q3", "max", "mean")
        ws.write_string(0, 0, label("bench.subject", locale), self.f_head)
        for i, k in enumerate(keys, start=1):
            ws.write_string(0, i, label(f"bench.{k}", locale), self.f_head)
        ws.set_column(0, 0, 30)
        ws.set_column(1, len(keys), 10)
        for y, (sid, name) in enumerate(subjects, start=1):
            ws.write_string(y, 0, name)
            b = bench[sid]
            if b is None:
                continue
            for x, k in enumerate(keys, start=1):
                if k == "n":
                    ws.write_number(y, x, b[k])
                else:
                    ws.write_number(y, x, b[k], self.f_num)
        last = len(self.pillars)  # chart the pillars and the overall score
        chart = self.book.add_chart({"type": "column"})
        sheet = label("sheet.benchmark", locale)
        colours = {"min": "#C9D3E0", "q1": "#93A9C9", "median": "#3A6EA5", "q3": "#93A9C9", "max": "#C9D3E0"}
        for k in ("min", "q1", "median", "q3", "max"):
            col = keys.index(k) + 1
            chart.add_series({
                "name": [sheet, 0, col],
                "categories": [sheet, 1, 0, last + 1, 0],
                "values": [sheet, 1, col, last + 1, col],
                "fill": {"color": colours[k]},
            })
        mean = self.book.add_chart({"type": "line"})
        col = keys.index("mean") + 1
        mean.add_series({"name": [sheet, 0, col], "categories": [sheet, 1, 0, last + 1, 0],
                         "values": [sheet, 1, col, last + 1, col],
                         "line": {"none": True},
                         "marker": {"type": "diamond", "size": 8, "fill": {"color": "#C0504D"}}})
        chart.combine(mean)
        chart.set_title({"name": label("bench.title", locale)})
        chart.set_y_axis({"min": 0, "max": 5, "major_unit": 1})
        chart.set_size({"width": 760, "height": 380})
        ws.insert_chart(len(subjects) + 3, 0, chart)
        if self.row > 1:
            self.ws.autofilter(0, 0, self.row - 1, len(self.columns) - 1)
            self.ws.print_area(0, 0, self.row - 1, self.print_cols)
        if self.prob_row > 1:
            self.ws_prob.autofilter(0, 0, self.prob_row - 1, 4)
        self.book.close()
        self.csv_file.close()
        tail = {"benchmark": bench, "summary": summary}
        self.json_file.write("\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
        self.json_file.close()
        return bench

    def abort(self) -> None:
        for fh in (self.csv_file, self.json_file):
            try:
                fh.close()
            except OSError:
                pass
        try:
            self.book.close()
        except Exception:
            pass


# --------------------------------------------------------------------------- the batch


@dataclass(slots=True)
class Summary:
    files: int = 0
    ok: int = 0
    problems: int = 0
    refused: int = 0
    duplicates: int = 0
    restarts: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    """Refusal kinds (FileResult.code) and how many files each."""
    benchmark: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def exit_code(self) -> int:
        return 0 if self.problems == 0 and self.refused == 0 else 1


def default_outdir(base: Path | None = None) -> Path:
    """`reports/batch-<UTC time>/` (under `base` when given)."""
    return (base if base is not None else Path("reports")) / f"batch-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}"


def run_batch(inputs: Inputs, outdir: Path, q: Questionnaire, sha256: str, *, jobs: int = 2, locale: str = "zh",
              targets: dict[str, float] | None = None, reports: bool = False,
              report_writer: Callable[..., Any] | None = None, timeout: float = 20.0, memory_mb: int = 1024,
              on_file: Callable[[Input, FileResult, str], None] | None = None,
              tick: Callable[[], None] | None = None) -> Summary:
    """Score every input, stream the portfolio into `outdir`, and return the summary.

    `on_file(input, result, duplicate_of)` is called for every file in input order.
    """
    t_start = time.perf_counter()
    cpu_start = time.process_time()
    outdir.mkdir(parents=True, exist_ok=True)
    reports_dir = None
    if reports and report_writer is not None:
        reports_dir = outdir / "reports"
        reports_dir.mkdir(exist_ok=True)
    job = Job(q, sha256, dict(targets or {}), locale, reports_dir, report_writer)
    files = inputs.files
    # the workers are forked with everything they need already imported
    import assess.excel.guard  # noqa: F401
    import assess.excel.sheet_reader  # noqa: F401
    import assess.scoring  # noqa: F401

    def work(index: int) -> FileResult:
        return score_file(index, files[index], job)

    def failure(index: int, why: str) -> FileResult:
        code = "timeout" if why.startswith("took longer") else "internal_error" if why.startswith("internal") \
            else "crashed"
        return refused(index, code, why, [Problem(why, "", files[index].display, "error",
                                            "open the file in Excel or LibreOffice, save it again as .xlsx, and "
                                            "resend it; if it still fails, report it")])

    summary = Summary(files=len(files), skipped=list(inputs.skipped))
    sup = Supervisor(work, jobs, timeout, memory_mb=memory_mb, tick=tick)
    portfolio: Portfolio | None = None
    buffer: dict[int, FileResult] = {}
    next_index = 0
    by_sha: dict[str, str] = {}
    by_company: dict[str, str] = {}
    totals = [0.0, 0.0, 0.0, 0.0]
    t_spawned = 0.0

    def emit(r: FileResult) -> None:
        item = files[r.index]
        dup = ""
        if r.status != "refused" or r.sha256:
            if r.sha256 and r.sha256 in by_sha:
                dup = by_sha[r.sha256]
                r.problems.append(("warning", "", f"the same file as {dup} (byte for byte)",
                                   "drop one of the two copies"))
            elif r.sha256:
                by_sha[r.sha256] = item.display
            key = _company_key(r.company) if r.status != "refused" else ""
            if key:
                if key in by_company and not dup:
                    dup = by_company[key]
                    r.problems.append(("warning", "Company!C2", f"the same company as {dup}",
                                       "keep the latest submission, or tell the plants apart by name"))
                else:
                    by_company.setdefault(key, item.display)
            if dup and r.status == "ok":
                r.status = "problems"
        if r.status == "refused":
            summary.reasons[r.code] = summary.reasons.get(r.code, 0) + 1
        for i, t in enumerate(r.timings):
            totals[i] += t
        assert portfolio is not None
        portfolio.add(item, r, dup)
        if on_file is not None:
            on_file(item, r, dup)

    def arrived(index: int, r: FileResult) -> None:
        nonlocal next_index
        buffer[index] = r
        while next_index in buffer:
            emit(buffer.pop(next_index))
            next_index += 1

    try:
        def on_result(index: int, r: FileResult) -> None:
            # the writer is loaded after the workers are forked, while they work
            nonlocal portfolio, t_spawned
            if portfolio is None:
                t_spawned = time.perf_counter()
                portfolio = Portfolio(outdir, q, sha256, locale)
            arrived(index, r)

        sup.run(list(range(len(files))), on_result, failure)
        if portfolio is None:  # no files at all
            portfolio = Portfolio(outdir, q, sha256, locale)
        t_done = time.perf_counter()
        summary.ok = portfolio.counts["ok"]
        summary.problems = portfolio.counts["problems"]
        summary.refused = portfolio.counts["refused"]
        summary.duplicates = portfolio.duplicates
        summary.restarts = sup.restarts
        summary.timings = {"guard": totals[0], "read": totals[1], "score": totals[2], "report": totals[3],
                           "before_batch": t_start - _process_start(),
                           "until_first_result": (t_spawned or t_done) - t_start,
                           "until_last_result": t_done - t_start, "parent_cpu": time.process_time(),
                           "parent_cpu_batch": time.process_time() - cpu_start}
        summary.benchmark = portfolio.close(_summary_dict(summary))
        summary.timings["write_close"] = time.perf_counter() - t_done
        summary.outputs = [str(portfolio.xlsx_path), str(portfolio.csv_path), str(portfolio.json_path)]
        if reports_dir is not None:
            summary.outputs.append(str(reports_dir) + os.sep)
    except BaseException:
        sup.stop()
        if portfolio is not None:
            portfolio.abort()
        raise
    return summary


def _process_start() -> float:
    """When this process started, on the perf_counter clock (Linux; else now)."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            ticks = int(fh.read().rsplit(b")", 1)[1].split()[19])
        with open("/proc/uptime", "rb") as fh:
            uptime = float(fh.read().split()[0])
        age = uptime - ticks / os.sysconf("SC_CLK_TCK")
        return time.perf_counter() - max(0.0, age)
    except (OSError, ValueError, IndexError):
        return time.perf_counter()


def _summary_dict(s: Summary) -> dict[str, Any]:
    d = asdict(s)
    d.pop("benchmark", None)
    d.pop("outputs", None)
    return d
