"""Score a batch of answer sheets and answer files into a portfolio: `assess batch`.

The parts, each in its module: `inputs` finds the files, `pool` runs `score_file` over them in
supervised worker processes, `portfolio` writes the results. Here: what one file comes to
(`score_file`, run in a worker), and `run_batch`, which ties the parts together, flags duplicate
submissions and keeps the summary. Every file named or found is either scored or refused, by name,
with why; no file stops the batch.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from assess.batch.duplicates import Duplicates
from assess.batch.inputs import Input, Inputs, begins_as_json, starts_as_json
from assess.batch.naming import report_stem, sent_as
from assess.batch.pool import Failed, WorkerPool, signal_name
from assess.batch.releases import carries, newest, older_release, older_sheet
from assess.content.outputs import LinkRefused
from assess.excel.file_names import names_format
from assess.excel.guard import REASONS as GUARD_REASONS
from assess.model import Questionnaire, localize
from assess.problems import Msg, Problem, msg, os_reason
from assess.text.clean import FILE_MAX
from assess.text.glossary import term
from assess.text.messages import say

Timings = tuple[float, float, float, float]


@dataclass(slots=True)
class FileResult:
    """What one file came to. Plain data, sent from a worker to the parent."""

    index: int
    status: str
    """ok (scored, no problem worse than a notice), problems (scored with errors or warnings),
    refused (not scored)."""
    company: str = ""
    reason: Msg | str = ""
    """Why a refused file was refused (one line)."""
    code: str = ""
    """The refusal's kind: the guard's reason (dtd, macros, corrupt, ...), or unreadable,
    not_answer_sheet, format, wrong_questionnaire, too_large, gap_report, not_answer_file,
    not_filled_in, plant_incomplete, crashed, timeout, out_of_memory, internal_error."""
    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)
    figures: dict[str, Any] | None = None
    report: str = ""
    timings: Timings = (0.0, 0.0, 0.0, 0.0)
    """Seconds spent in the guard, reading, scoring and writing the report."""
    cpu: float = 0.0
    """CPU seconds its worker spent on it."""
    newer: str = ""
    """A later bundled release its answers carry into (`id@version`), when there is one: scored under
    its own release all the same, and told so."""
    plant: int = 1
    """Which plant of its file it is: 1, or n for the sheets "Company (n)"/"Answers (n)"."""
    company_sheet: str = ""
    """The name of the sheet its company's name was read from ("" for an answer file)."""
    answers_digest: str = ""
    """The digest of its answers with its company (`duplicates.answers_key`), when it was read."""
    content_digest: str = ""
    """The digest of its answers alone, which a copy of another firm's sheet shares."""
    answered: int = 0
    """How many answers it gave."""
    noted: int = 0
    """How many of them carry a note or evidence."""
    release: str = ""
    """The questionnaire it was scored under (`id@version`), when it was scored."""
    plants: list[FileResult] = field(default_factory=list)
    """The file's further plants (2, 3, ...), each its own firm with its own row: on the first only."""

    def counts(self) -> tuple[int, int, int]:
        e = sum(1 for p in self.problems if p.severity == "error")
        w = sum(1 for p in self.problems if p.severity == "warning")
        return e, w, len(self.problems) - e - w


def refused(index: int, code: str, problems: list[Problem], sha256: str = "",
            timings: Timings = (0.0, 0.0, 0.0, 0.0), reason: Msg | str | None = None) -> FileResult:
    """A refusal with every problem found; its reason is `reason`, else the first problem's message
    (a reader lists the most telling first)."""
    return FileResult(index, "refused", reason=problems[0].message if reason is None else reason, code=code,
                      sha256=sha256, problems=list(problems), timings=timings)


@dataclass(slots=True)
class Job:
    """What every worker needs, fixed before the workers start (sent to each, pickled)."""

    questionnaire: Questionnaire
    sha256: str
    targets: dict[str, float]
    locale: str
    reports_dir: Path | None
    report_writer: Callable[..., Any] | None = None
    """`write_report(path, questionnaire, hash, answers, *, locale, targets, input_sha256, problems,
    rejected)`."""
    work: Callable[[int, Input, Job], FileResult] | None = None
    """What a worker does with one file (default `score_file`); a test hands in one that fails."""
    newer: str = ""
    """The newest bundled release answers to `questionnaire` carry into (`id@version`), or ""."""
    evidence_root: Path | None = None
    """`--evidence DIR`: each firm's evidence files are in DIR/<its file's name without extension>/."""
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
        pillars[p.id] = {"score": p.score, "evidenced": p.evidenced, "audited": p.audited, "level": p.level,
                         "applicable": p.applicable, "gap": p.gap, "target": p.target}
        if p.applicable and p.gap > 0:
            for qid in p.questions:
                r = a.questions[qid]
                if not r.scored or r.compliance or r.status in ("na", "hidden"):
                    continue  # a gate apart from capability is listed among the gates, not the gaps
                gain = p.weight * r.weight * (5.0 - (r.score or 0.0))
                if gain > 0:
                    gaps.append((-gain, qid))
    gaps.sort()
    o = a.overall
    return {
        "completion": o.completion,
        "responded": o.responded,
        "applicable": o.applicable_questions,
        "overall": o.score,
        "overall_evidenced": o.evidenced,
        "overall_audited": o.audited,
        "level": o.level,
        "level_name": (localize(names[o.level], locale) if o.level < len(names) else "")
        + (" · " + term("compliance_first", locale) if o.compliance_first else ""),
        "pillars": pillars,
        "gates_failed": [g.question for g in a.gates_failed],
        "compliance_first": o.compliance_first,
        "top_gaps": [qid for _, qid in gaps[:3]],
    }


# --------------------------------------------------------------------------- one file, in a worker


Plants = list[tuple[int, Any, list[Problem], dict[str, str], Problem | None, str]]
"""What a file holds, plant by plant: (plant number, answers, problems, answers rejected, why the plant
is not read when one of its sheets is missing, its Company sheet's name: "" in an answer file)."""


def score_file(index: int, item: Input, job: Job) -> FileResult:
    """Guard, read, check and score one file; never raises for a bad file. A workbook holding more
    than one plant comes back as its first plant's result, carrying the others (`plants`)."""
    label = item.display
    t0 = time.perf_counter()
    if item.refusal is not None:  # not an answer file, or a member the zip guard refused: named, never read
        code, why, fix = item.refusal
        return refused(index, code, [Problem(why, item.member, label, "error", fix)])
    # an answer file by its name, or, by a name that gives no format, by how it begins
    name = item.member or item.path.name
    sheet = Path(name).suffix.lower() != ".json" and (names_format(name) or not _begins_as_json(item))
    got = _read_sheet(index, item, job, t0) if sheet else _read_answer_file(index, item, job)
    if isinstance(got, FileResult):
        if job.reports_dir is not None and sheet and got.code in CLIENT_REFUSALS:  # told what to send instead
            # a part of the file's zip (xl/workbook.xml) tells the plant nothing: the slip names the file alone
            said = [replace(p, where=p.where if "!" in p.where else "",
                            fix=msg(SLIP_FIXES[got.code]) if got.code in SLIP_FIXES else p.fix) for p in got.problems]
            got.problems.extend(_refusal_slip(job, item, "", said, unread=True))
        return got
    data, plants, t1, (q, h) = got
    newer = job.newer if q is job.questionnaire else newest(q)
    digest = hashlib.sha256(data).hexdigest()
    pillar_questions = (job.pillar_questions if q is job.questionnaire
                        else frozenset(x.id for p in q.pillars for x in p.questions))
    read = (t1 - t0, time.perf_counter() - t1)
    results = []
    for n, answers, problems, rejected, incomplete, company_sheet in plants:
        if incomplete is not None:  # a plant one of whose two sheets is missing: a row of its own, refused
            r = refused(index, "plant_incomplete", [incomplete], digest)
            if job.reports_dir is not None:  # with the slip that says which sheet to add
                r.problems.extend(_refusal_slip(job, item.for_plant(n), "", [incomplete]))
        else:
            r = _score_plant(index, item.for_plant(n), job, (q, h), answers, problems, rejected, label=label,
                             sha256=digest, sheet=sheet, pillar_questions=pillar_questions, newer=newer)
        r.plant, r.sha256, r.company_sheet = n, digest, company_sheet
        if not results:  # the guard and the reader ran once, for the whole file
            r.timings = (*read, *r.timings[2:])
        results.append(r)
    results[0].plants = results[1:]
    return results[0]


def _score_plant(index: int, item: Input, job: Job, content: tuple[Questionnaire, str], answers: Any,
                 problems: list[Problem], rejected: dict[str, str], *, label: str, sha256: str, sheet: bool,
                 pillar_questions: frozenset[str], newer: str) -> FileResult:
    """Score one plant of a file read, and write its report; `item` is the plant's (its row's) input.
    Its problems keep naming the file, which is what the client opens; their cells name its sheets."""
    from assess.batch.duplicates import answers_key
    from assess.scoring import score

    q, h = content
    t2 = time.perf_counter()
    if not any(qid in answers.answers for qid in pillar_questions):
        # sent back blank, or with nothing usable: scored, it would sit at 0.00 in the benchmark
        out = not_filled_in(index, label, answers, problems, sheet, rejected)
        if job.reports_dir is not None and sheet:  # what to correct goes back to the client all the same
            failed = _refusal_slip(job, item, answers.company.name, [*out.problems, *_slip_warnings(out, problems)],
                                   client_locale(q, answers, job.locale))
            out.problems.extend(failed)
        return out
    a = score(q, answers, job.targets or None)
    figures = figures_of(a, q, job.locale)
    t3 = time.perf_counter()
    report = ""
    if job.reports_dir is not None and job.report_writer is not None:
        out = job.reports_dir / f"{report_stem(item.report_stem, answers.company.name)}.xlsx"
        try:
            job.report_writer(out, q, h, answers, locale=job.locale, targets=job.targets or None,
                              input_sha256=sha256, problems=list(problems) if sheet else None,
                              rejected=rejected, source=sent_as(item, client_locale(q, answers, job.locale)),
                              **_evidence(job, item))
            report = str(out)
        except OSError as e:  # the reports folder cannot be written: a full disk, a report open in Excel
            problems.append(_not_written(e, label, out.parent))
        except (Exception, SystemExit) as e:  # the report is extra: keep the score, name the failure
            problems.append(Problem(msg("batch.report_failed", error=f"{type(e).__name__}: {e}"), "", label,
                                    "error", fix=msg("batch.bug.fix")))
    t4 = time.perf_counter()
    if newer:  # scored under the release it was made for; a notice says a later one takes it
        problems.append(Problem(msg("batch.newer_release", made=q.ref, newer=newer), "questionnaire", label,
                                "notice", fix=msg("batch.newer_release.fix", file=label)))
    worst = "ok" if all(p.severity == "notice" for p in problems) else "problems"
    digest, content = answers_key(answers)
    return FileResult(index, worst, company=answers.company.name, problems=problems, figures=figures,
                      report=report, timings=(0.0, 0.0, t3 - t2, t4 - t3), newer=newer,
                      answers_digest=digest, content_digest=content, answered=len(answers.answers),
                      noted=sum(1 for a in answers.answers.values() if a.note or a.evidence), release=q.ref)


CLIENT_REFUSALS = frozenset(GUARD_REASONS) - {"unreadable"}
"""Refusals of a workbook that the plant that sent it puts right (a password, a damaged or empty file, a
CSV renamed .xlsx): its return slip says how. Not a file this machine could not read (a path, a
permission), nor a sheet of another release or format version (which release to score is the
consultant's choice), nor a workbook that is no answer sheet (an equipment list sent as evidence, this
tool's own portfolio: the consultant looks first)."""
SLIP_FIXES = {"empty": "guard.slip.empty", **{code: "guard.slip.damaged" for code in (
    "corrupt", "ole2_bounds", "size_mismatch", "dtd", "compression_ratio", "uncompressed_too_large")}}
"""The fixes the guard words for the consultant ("ask for it again"), as the plant's slip says them."""


def _slip_warnings(out: FileResult, problems: list[Problem]) -> list[Problem]:
    """The warnings a refused sheet's return slip adds to its refusal and errors (what else is left
    to answer, among them): none for a sheet sent back blank, whose every warning says so again."""
    if out.problems[0].code == "batch.blank":
        return []
    return [p for p in problems if p.severity == "warning"]


def client_locale(q: Questionnaire, answers: Any, locale: str) -> str:
    """The language a sheet was filled in, which its return slip speaks; else the batch's."""
    return answers.session.locale if answers.session.locale in q.locales else locale


def _refusal_slip(job: Job, item: Input, company: str, problems: list[Problem], locale: str = "",
                  unread: bool = False) -> list[Problem]:
    """Beside the reports, the return slip of a sheet refused as not filled in, or (`unread`) of a file
    not read at all, in `locale` (the sheet's; the batch's when not known); a failure to write it, as a
    problem to add to the file's."""
    from assess.excel.report_quality import refusal_slip
    from assess.excel.report_render import replace_file, slip_path

    assert job.reports_dir is not None
    locale = locale or job.locale
    stem = report_stem(item.report_stem, company)
    slip = refusal_slip(problems, company, locale, stem, sent_as(item, locale), unread)
    try:
        if slip:
            replace_file(slip_path(job.reports_dir / f"{stem}.xlsx", locale), slip)
    except OSError as e:
        return [_not_written(e, item.display, job.reports_dir)]
    return []


def _not_written(e: OSError, label: str, folder: Path) -> Problem:
    """A file the batch could not write beside the reports: why, in words, and what to check."""
    too_long = e.errno == errno.ENAMETOOLONG or getattr(e, "winerror", None) == 206  # Windows: the path
    fix = "batch.report_failed.fix_long" if too_long else "batch.report_failed.fix"
    return Problem(msg("batch.report_failed", error=os_reason(e)), "", label, "error", fix=msg(fix, folder=str(folder)))


def _evidence(job: Job, item: Input) -> dict[str, Path]:
    """The report writer's evidence folder for a file's firm, when the batch was given one: the
    folder named as the file (or .zip member) without its extension, so a client's sheet and its
    documents travel together; all plants of one workbook share it."""
    if job.evidence_root is None:
        return {}
    from assess.excel.file_names import name_stem  # 答卷2025.11.30's folder keeps its .30, as its report does

    return {"evidence_dir": job.evidence_root / name_stem((item.member or item.path.name).replace("\\", "/"))}


Read = tuple[bytes, Plants, float, tuple[Questionnaire, str]]
"""A file read: its bytes, its plants, when reading began, and the questionnaire it is scored under."""


def _read_answer_file(index: int, item: Input, job: Job) -> FileResult | Read:
    """An answer file's bytes and its one plant (and when reading began), or its refusal."""
    from assess.content.answer_file import NotAnswersError, parse_answers
    from assess.content.yaml_file import ContentError
    from assess.rules import check_answers

    label, q, h = item.display, job.questionnaire, job.sha256
    try:
        data = _member(item) if item.member else item.path.read_bytes()
        if isinstance(data, FileResult):
            data.index = index
            return data
    except OSError as e:
        return refused(index, "unreadable", [Problem(msg("batch.unreadable", error=os_reason(e)), "",
                                                     label, fix=msg("batch.unreadable.fix"))])
    if len(data) > FILE_MAX:
        return refused(index, "too_large", [Problem(msg("batch.too_large"), "", label,
                                                    fix=msg("batch.too_large.fix"))])
    t1 = time.perf_counter()
    try:
        answers = parse_answers(data, label)
    except ContentError as e:
        code = "not_answer_file" if isinstance(e, NotAnswersError) else "unreadable"
        return refused(index, code, e.problems, hashlib.sha256(data).hexdigest())
    ref = answers.questionnaire
    older = older_release(q, ref.id, ref.version, ref.sha256)
    if older is not None:  # made for an earlier release this one carries forward: scored under its own
        return data, [(1, answers, [p.at(label) for p in check_answers(older[0], answers)], {}, None, "")], t1, older
    if (ref.id, ref.version) != (q.id, q.version) or (ref.sha256 and ref.sha256 != h):
        made: Msg | str = f"{ref.id}@{ref.version}" if (ref.id, ref.version) != (q.id, q.version) else \
            msg("batch.other_text", ref=q.ref, hash=ref.sha256[:12])
        fix = msg("batch.wrong_questionnaire.migrate_fix", ref=q.ref, file=label) if carries(q, ref.id, ref.version) \
            else msg("batch.wrong_questionnaire.fix", ref=f"{ref.id}@{ref.version}")
        why = Problem(msg("batch.wrong_questionnaire", made=made, expected=q.ref), "questionnaire", label, fix=fix)
        return refused(index, "wrong_questionnaire", [why], hashlib.sha256(data).hexdigest())
    return data, [(1, answers, [p.at(label) for p in check_answers(q, answers)], {}, None, "")], t1, (q, h)


def _read_sheet(index: int, item: Input, job: Job, t0: float) -> FileResult | Read:
    """An answer sheet's bytes and plants (and when reading began), or its refusal: the guard vets
    the file before the reader sees it. Each complete pair of sheets is a plant (`read_plants`)."""
    from assess.excel.guard import SHEET_KINDS, check_workbook
    from assess.excel.sheet_reader import SheetError, read_plants

    label = item.display
    source = _member(item) if item.member else item.path
    if isinstance(source, FileResult):
        source.index = index
        return source
    verdict = check_workbook(source, name=label, keep_parts=True, kinds=SHEET_KINDS)
    t1 = time.perf_counter()
    if not verdict.ok or verdict.data is None:
        why = verdict.as_problem()
        if why is None:  # passed without its bytes: cannot happen with keep_parts, said all the same
            why = Problem(msg("batch.unreadable", error=verdict.path), "", label, fix=msg("batch.unreadable.fix"))
        return refused(index, verdict.reason or "unreadable", [why], timings=(t1 - t0, 0.0, 0.0, 0.0))
    data = verdict.data
    content = (job.questionnaire, job.sha256)
    try:
        plants = read_plants(data, *content, label, parts=verdict.parts, text_locale=job.locale)
    except SheetError as e:
        if _is_gap_report(data):
            return _gap_report(index, label, data, t0, t1)
        older = older_sheet(job.questionnaire, data, verdict.parts) if e.code == "wrong_questionnaire" else None
        if older is None:
            return refused(index, e.code, e.problems, hashlib.sha256(data).hexdigest(),
                           (t1 - t0, time.perf_counter() - t1, 0.0, 0.0))
        content = older  # made for an earlier release this one carries forward: read under its own
        try:
            plants = read_plants(data, *content, label, parts=verdict.parts, text_locale=job.locale)
        except SheetError as again:
            return refused(index, again.code, again.problems, hashlib.sha256(data).hexdigest(),
                           (t1 - t0, time.perf_counter() - t1, 0.0, 0.0))
    if any(p.severity == "error" for p in plants[0].read[3]) and _is_gap_report(data):
        # read as a sheet with a problem on every row: say what it is instead (asked of failed reads
        # only, so a good sheet costs nothing more)
        return _gap_report(index, label, data, t0, t1)
    return data, [(p.number, p.read[2], p.read[3], p.rejected, p.incomplete, p.company_sheet) for p in plants], t1, \
        content


def _begins_as_json(item: Input) -> bool:
    """Whether a file, or a .zip's member, begins as an answer file does: asked only of a name that
    gives no format (答卷2025.12.01), so a member so named is inflated twice, which is rare."""
    if not item.member:
        return begins_as_json(item.path)
    data = _member(item)
    return not isinstance(data, FileResult) and starts_as_json(data[:64])


def _member(item: Input) -> bytes | FileResult:
    """The bytes of a .zip's member, inflated under the zip guard, or its refusal (index to be set)."""
    from assess.batch.archive import read_member
    from assess.excel.guard import ADVICE, DEFAULT_LIMITS
    from assess.excel.guard_zip import Refused

    try:
        return read_member(item.path, item.member, DEFAULT_LIMITS)
    except Refused as r:
        fix = ADVICE.get(r.reason) or msg("batch.archive.fix")
        return refused(0, r.reason, [Problem(r.message, item.member, item.display, "error", fix)])


def _is_gap_report(data: bytes) -> bool:
    from assess.excel.verify import is_gap_report

    return is_gap_report(data)


def _gap_report(index: int, label: str, data: bytes, t0: float, t1: float) -> FileResult:
    from assess.excel.verify import gap_report_problem

    return refused(index, "gap_report", [gap_report_problem(label)], hashlib.sha256(data).hexdigest(),
                   (t1 - t0, time.perf_counter() - t1, 0.0, 0.0))


def not_filled_in(index: int, label: str, answers: Any, problems: list[Problem], sheet: bool,
                  rejected: dict[str, str] | None = None) -> FileResult:
    """The refusal of a file that answers no question of any pillar, saying which case it is: nothing
    given, only the profile, or answers given but none usable (`rejected`: what was typed for each;
    the problems are kept, so the sender sees which cells to correct). It names the firm when the
    file does."""
    errors = [p for p in problems if p.severity == "error"]
    # something typed and not used (an answer refused, a formula, a row without its id), as against
    # only blanks, which a blank profile answer deciding a gate is
    if rejected or any(p.code != "sheet.gate_profile_blank" for p in errors):
        why, fix = msg("batch.no_usable_answer"), msg("batch.no_usable_answer.fix")
    elif answers.answers:  # which blank profile answers decide a gate is still worth saying
        why = msg("batch.profile_only")
        fix = msg("batch.profile_only.fix_sheet" if sheet else "batch.profile_only.fix_file")
    else:  # blank: every gate undecided is only the blank itself again
        why = msg("batch.blank")
        fix = msg("batch.blank.fix_sheet" if sheet else "batch.blank.fix_file")
        errors = []
    out = refused(index, "not_filled_in", [Problem(why, "", label, fix=fix), *errors], reason=why)
    out.company = answers.company.name
    return out


_JOB: Job | None = None
"""The batch's job, in a worker process (set as the worker starts)."""


def _set_job(job: Job) -> None:
    global _JOB
    _JOB = job


def _score_in_worker(index: int, item: Input) -> FileResult:
    assert _JOB is not None, "a worker scores only after _set_job"
    cpu = time.process_time()
    work = _JOB.work or score_file
    r = work(index, item, _JOB)
    r.cpu = time.process_time() - cpu
    return r


# --------------------------------------------------------------------------- the batch


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
            with WorkerPool(workers, timeout, memory_mb=memory_mb, setup=_set_job, setup_args=(job,)) as pool:
                for index, got in pool.run(_score_in_worker, [(i, item) for i, item in enumerate(files)], tick=tick):
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
