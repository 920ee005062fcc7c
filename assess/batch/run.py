"""Score a batch of answer sheets and answer files into a portfolio: `assess batch`.

The parts, each in its module: `inputs` finds the files, `pool` runs `worker.score_file` over them
in supervised worker processes, `portfolio` writes the results. Here: `run_batch`, which ties the
parts together, flags duplicate submissions and keeps the summary. Every file named or found is
either scored or refused, by name, with why; no file stops the batch.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assess.batch.duplicates import Duplicates
from assess.batch.inputs import Input, Inputs
from assess.batch.pool import Failed, WorkerPool, signal_name
from assess.batch.releases import newest
from assess.batch.worker import FileResult, Job, refused, score_in_worker, set_job
from assess.content.outputs import LinkRefused
from assess.model import Questionnaire
from assess.problems import Problem, msg
from assess.text.messages import say


@dataclass(slots=True)
class Summary:
    """The batch in numbers. Files: `files` = `taken` + `refused`. Firms (one per plant scored; a
    workbook may hold several plants): `firms` = `ok` + `problems`. `plants_refused`: the plants of
    read files not scored besides one per refused file (a blank "Answers (2)" in a file taken)."""

    files: int = 0
    in_archives: tuple[int, int] = (0, 0)
    """(files, archives): how many of `files` came out of how many .zip files."""
    taken: int = 0
    firms: int = 0
    ok: int = 0
    problems: int = 0
    refused: int = 0
    plants_refused: int = 0
    duplicates: int = 0
    restarts: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    """Refusal kinds (FileResult.code) and how many refused files each."""
    benchmark: dict[str, Any] = field(default_factory=dict)
    bench_left_out: int = 0
    """Scored firms the benchmark leaves out (duplicates, errors, ...; none with --include-all)."""
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    """The files left out, as shown (beside `skipped`, which says why)."""
    skipped: list[str] = field(default_factory=list)
    """Files left out, with why, in the batch's language."""

    def exit_code(self) -> int:
        return 0 if self.problems == 0 and self.refused == 0 and self.plants_refused == 0 else 1


def default_outdir(base: Path | None = None) -> Path:
    """`reports/batch-<local time>/` (under `base` when given): the time on the consultant's clock."""
    return (base if base is not None else Path("reports")) / f"batch-{datetime.now().strftime('%Y%m%d-%H%M%S')}"


def failure_result(index: int, item: Input, failed: Failed, timeout: float) -> FileResult:
    """The refusal of a file whose worker did not come back with a result."""
    fix = msg("batch.failed.fix")
    if failed.kind == "timeout":
        why = msg("batch.timeout", seconds=timeout)
    elif failed.kind == "out_of_memory":
        why = msg("batch.out_of_memory")
    elif failed.kind == "internal_error":
        why, fix = msg("batch.internal_error", error=failed.error), msg("batch.bug.fix")
    elif failed.exitcode is None:
        why = msg("batch.crashed.unknown")
    elif failed.exitcode < 0:
        why = msg("batch.crashed.signal", signal=signal_name(-failed.exitcode))
    else:
        why = msg("batch.crashed", code=str(failed.exitcode))
    return refused(index, failed.kind, [Problem(why, "", item.display, "error", fix)])


def run_batch(inputs: Inputs, outdir: Path, q: Questionnaire, sha256: str, *, jobs: int = 2, locale: str = "zh",
              targets: dict[str, float] | None = None, reports: bool = False,
              report_writer: Callable[..., Any] | None = None, timeout: float = 20.0, memory_mb: int = 1024,
              on_file: Callable[[Input, FileResult, str], None] | None = None,
              tick: Callable[[], None] | None = None,
              work: Callable[[int, Input, Job], FileResult] | None = None,
              on_notice: Callable[[str], None] | None = None, include_all: bool = False,
              evidence: Path | None = None) -> Summary:
    """Score every input, stream the portfolio into `outdir`, and return the summary.

    `on_file(input, result, duplicate_of)` is called for every file in input order; `work` replaces
    `score_file` in the workers (it must be importable by name: the workers are spawned);
    `on_notice(text)` hears of a lock taken over from a batch that died; `include_all` counts
    duplicates and files read with errors in the benchmark too; `evidence` holds a folder of evidence
    files per firm (`Job.evidence_root`).

    The folder is locked for the batch (`FolderLocked` when another batch holds it). An exception
    (Ctrl-C included) leaves the outputs named partial: it carries them as `partial`
    (`Stopped`), for the caller to name.
    """
    from assess.batch.lock import FolderLock
    from assess.batch.portfolio import Portfolio

    t_start = time.perf_counter()
    cpu_start = time.process_time()
    outdir.mkdir(parents=True, exist_ok=True)
    lock = FolderLock(outdir)
    stale = lock.acquire()
    try:
        if stale is not None and on_notice is not None:
            on_notice(say(msg("batch.lock.stale", lock=str(lock.path), holder=holder_text(stale, locale)), locale))
        reports_dir = None
        if reports and report_writer is not None:
            reports_dir = outdir / "reports"
            if reports_dir.is_symlink():  # a link would send every report into its target
                raise LinkRefused(reports_dir)
            reports_dir.mkdir(exist_ok=True)
        job = Job(q, sha256, dict(targets or {}), locale, reports_dir, report_writer, work, newest(q), evidence)
        files = inputs.files
        members = [item.path for item in files if item.member]
        summary = Summary(files=len(files), in_archives=(len(members), len(set(members))),
                          skipped=[say(m, locale) for m in inputs.skipped],
                          skipped_files=[str(m.arg("path", "")) for m in inputs.skipped])
        duplicates = Duplicates(q.ref)
        totals = [0.0] * 5
        t_first = 0.0
        portfolio = Portfolio(outdir, q, sha256, locale, include_all)
        try:
            # no more workers than files: each costs a process start (about 0.15 s of CPU)
            workers = max(1, min(jobs, len(files)))
            with WorkerPool(workers, timeout, memory_mb=memory_mb, setup=set_job, setup_args=(job,)) as pool:
                for index, got in pool.run(score_in_worker, [(i, item) for i, item in enumerate(files)], tick=tick):
                    t_first = t_first or time.perf_counter()
                    rows = _rows(files[index], got)
                    settled = [_settle(index, it, r, timeout, duplicates, portfolio) for it, r in rows]
                    for (it, _), (r, dup, row) in zip(rows, settled):
                        with contextlib.suppress(TypeError, ValueError, IndexError):  # diagnostics only
                            for i, t in enumerate((*r.timings, r.cpu)):
                                totals[i] += float(t)
                        portfolio.emit(row)
                        if on_file is not None:
                            on_file(it, r, dup)
                    unscored = sum(r.status == "refused" for r, _, _ in settled)
                    if unscored == len(settled):  # no plant of it scored: the file is refused, for its first reason
                        summary.refused += 1
                        code = settled[0][0].code
                        summary.reasons[code] = summary.reasons.get(code, 0) + 1
                        unscored -= 1
                    else:
                        summary.taken += 1
                    summary.plants_refused += unscored
            t_done = time.perf_counter()
            summary.ok, summary.problems = portfolio.counts["ok"], portfolio.counts["problems"]
            summary.firms = summary.ok + summary.problems
            summary.duplicates = portfolio.duplicates
            summary.restarts = pool.restarts
            summary.timings = {"guard": totals[0], "read": totals[1], "score": totals[2], "report": totals[3],
                               "worker_cpu": totals[4], "until_first_result": (t_first or t_done) - t_start,
                               "until_last_result": t_done - t_start, "parent_cpu": time.process_time(),
                               "parent_cpu_batch": time.process_time() - cpu_start}
            summary.bench_left_out = len(portfolio.left_out)
            summary.benchmark = portfolio.close(_summary_dict(summary))
            summary.timings["write_close"] = time.perf_counter() - t_done
        except BaseException as e:
            stopped = Stopped(portfolio.row - 1, len(files), portfolio.abort(len(files)))
            with contextlib.suppress(AttributeError):
                e.partial = stopped  # type: ignore[attr-defined]
            raise
    finally:
        lock.release()
    summary.outputs = [str(portfolio.xlsx_path), str(portfolio.csv_path), str(portfolio.json_path)]
    if reports_dir is not None:
        summary.outputs.append(str(reports_dir) + os.sep)
    return summary


@dataclass(frozen=True, slots=True)
class Stopped:
    """How far a batch that was stopped got: `done` of `total` files, written to `files` (named
    partial)."""

    done: int
    total: int
    files: list[Path]


def holder_text(h: Any, locale: str) -> str:
    """Who holds (or held) an output folder's lock, in words."""
    if h is None or not h.pid:
        return say(msg("batch.lock.holder_unknown"), locale)
    return say(msg("batch.lock.holder", pid=h.pid, host=h.host, started=h.started or "?"), locale)


def _rows(item: Input, r: Any) -> list[tuple[Input, Any]]:
    """The rows one file comes to: one per plant (`FileResult.plants`), each with its own input."""
    if not isinstance(r, FileResult) or not isinstance(r.plants, list):
        return [(item, r)]
    extra = [(item.for_plant(x.plant if isinstance(x, FileResult) else i + 2), x) for i, x in enumerate(r.plants)]
    r.plants = []
    return [(item, r), *extra]


def _settle(index: int, item: Input, r: Any, timeout: float, duplicates: Duplicates,
            portfolio: Any) -> tuple[FileResult, str, Any]:
    """What came back from the pool for one file, as its result, the file it duplicates and its row
    ready to write. Whatever came back (a failure, a result the row cannot be made of), the file is
    named in the portfolio with why: one file's result never stops the batch."""
    if isinstance(r, Failed):
        r = failure_result(index, item, r, timeout)
    elif not isinstance(r, FileResult):
        r = _row_failed(index, item, None, f"{type(r).__name__} instead of a result")
    try:
        if item.locked_by and item.plant == 1:  # the file may be open: what was read is what was last saved
            r.problems.append(Problem(msg("batch.open_elsewhere", lock=item.locked_by), "", item.display, "warning",
                                      msg("batch.open_elsewhere.fix")))
            r.status = "problems" if r.status == "ok" else r.status
        dup = duplicates.check(item, r)
        return r, dup, portfolio.prepare(item, r, dup)
    except Exception as e:  # a bug in putting this result into words: this file is refused, by name
        r = _row_failed(index, item, r, f"{type(e).__name__}: {e}")
        return r, "", portfolio.prepare(item, r, "")


def _row_failed(index: int, item: Input, r: Any, error: str) -> FileResult:
    out = refused(index, "internal_error", [Problem(msg("batch.row_failed", error=error), "", item.display,
                                                    "error", msg("batch.bug.fix"))])
    if isinstance(r, FileResult):
        out.sha256 = r.sha256 if isinstance(r.sha256, str) else ""
        out.company = r.company if isinstance(r.company, str) else ""
        out.report = r.report if isinstance(r.report, str) else ""
    return out


def _summary_dict(s: Summary) -> dict[str, Any]:
    d = asdict(s)
    d.pop("benchmark", None)
    d.pop("outputs", None)
    return d
