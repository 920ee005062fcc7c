"""What one file of a batch comes to, in a worker process: guarded, read, checked, scored and, with
reports asked for, written up with its return slip (`score_file`). A file is never the end of the
batch: whatever it holds or lacks, it comes back as a `FileResult`, scored or refused by name, with why.
"""

from __future__ import annotations

import errno
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assess.batch.inputs import Input, begins_as_json, starts_as_json
from assess.batch.naming import report_stem, sent_as
from assess.batch.releases import carries, newest, older_release, older_sheet
from assess.excel.file_names import names_format
from assess.excel.guard import REASONS as GUARD_REASONS
from assess.model import Questionnaire, localize
from assess.problems import Msg, Problem, msg, os_reason
from assess.text.clean import FILE_MAX
from assess.text.glossary import term

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
    saved: str = ""
    """When its workbook says it was last saved (ISO 8601, UTC), or "": which of two copies of one
    company's sheet is the later."""
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
            got.problems.extend(_refusal_slip(job, item, "", said, intro="slip.intro_refused"))
        return got
    data, plants, t1, (q, h), saved = got
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
                r.problems.extend(_refusal_slip(job, item.for_plant(n), "", [incomplete], intro="slip.intro_plant"))
        else:
            r = _score_plant(index, item.for_plant(n), job, (q, h), answers, problems, rejected, label=label,
                             sha256=digest, sheet=sheet, pillar_questions=pillar_questions, newer=newer)
        r.plant, r.sha256, r.company_sheet, r.saved = n, digest, company_sheet, saved
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
                  intro: str = "slip.intro_not_scored") -> list[Problem]:
    """Beside the reports, the return slip of a sheet not scored (`report_quality.refusal_slip`, whose
    `intro` says why), in `locale` (the sheet's; the batch's when not known); a failure to write it, as
    a problem to add to the file's."""
    from assess.excel.report_quality import refusal_slip
    from assess.excel.report_render import replace_file, slip_path

    assert job.reports_dir is not None
    locale = locale or job.locale
    stem = report_stem(item.report_stem, company)
    slip = refusal_slip(problems, company, locale, stem, sent_as(item, locale), intro)
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


Read = tuple[bytes, Plants, float, tuple[Questionnaire, str], str]
"""A file read: its bytes, its plants, when reading began, the questionnaire it is scored under, and
when a workbook says it was last saved (ISO 8601, UTC; "" when it does not)."""


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
        checked = [p.at(label) for p in check_answers(older[0], answers)]
        return data, [(1, answers, checked, {}, None, "")], t1, older, ""
    if (ref.id, ref.version) != (q.id, q.version) or (ref.sha256 and ref.sha256 != h):
        made: Msg | str = f"{ref.id}@{ref.version}" if (ref.id, ref.version) != (q.id, q.version) else \
            msg("batch.other_text", ref=q.ref, hash=ref.sha256[:12])
        fix = msg("batch.wrong_questionnaire.migrate_fix", ref=q.ref, file=label) if carries(q, ref.id, ref.version) \
            else msg("batch.wrong_questionnaire.fix", ref=f"{ref.id}@{ref.version}")
        why = Problem(msg("batch.wrong_questionnaire", made=made, expected=q.ref), "questionnaire", label, fix=fix)
        return refused(index, "wrong_questionnaire", [why], hashlib.sha256(data).hexdigest())
    return data, [(1, answers, [p.at(label) for p in check_answers(q, answers)], {}, None, "")], t1, (q, h), ""


def _read_sheet(index: int, item: Input, job: Job, t0: float) -> FileResult | Read:
    """An answer sheet's bytes and plants (and when reading began), or its refusal: the guard vets
    the file before the reader sees it. Each complete pair of sheets is a plant (`read_plants`)."""
    from assess.excel.core_props import saved_at
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
    saved = saved_at(verdict.parts)
    return data, [(p.number, p.read[2], p.read[3], p.rejected, p.incomplete, p.company_sheet) for p in plants], t1, \
        content, saved.isoformat() if saved is not None else ""


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
    given, only the profile, only notes, or answers given but none usable (`rejected`: what was typed for each;
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
    elif noted := [p for p in problems if p.code in _TEXT_NOT_KEPT]:  # notes or remarks, no answer
        why, fix = msg("batch.notes_only"), msg("batch.notes_only.fix")
        errors = noted  # named with the refusal: what was typed is not lost in silence
    else:  # blank: every gate undecided is only the blank itself again
        why = msg("batch.blank")
        fix = msg("batch.blank.fix_sheet" if sheet else "batch.blank.fix_file")
        errors = []
    out = refused(index, "not_filled_in", [Problem(why, "", label, fix=fix), *errors], reason=why)
    out.company = answers.company.name
    return out


_TEXT_NOT_KEPT = frozenset({"sheet.notes_without_answer", "sheet.notes_not_asked", "sheet.remark_row",
                            "sheet.note_without_id"})
"""What a reader says of text typed where no answer is: a sheet holding only that is not blank."""

_JOB: Job | None = None
"""The batch's job, in a worker process (set as the worker starts)."""


def set_job(job: Job) -> None:
    global _JOB
    _JOB = job


def score_in_worker(index: int, item: Input) -> FileResult:
    assert _JOB is not None, "a worker scores only after set_job"
    cpu = time.process_time()
    work = _JOB.work or score_file
    r = work(index, item, _JOB)
    r.cpu = time.process_time() - cpu
    return r
