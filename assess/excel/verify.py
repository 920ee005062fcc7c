"""`assess verify`: is a gap report internally consistent, and does it match its questionnaire?

1. The workbook guard looks at the file before any reader does (`assess.excel.guard`).
2. The hidden embedded-data sheet is read back and its digest checked (`assess.excel.report_data`).
3. The questionnaire release it names is found by id, version and content hash: bundled, or the
   one given with --questionnaire; if it cannot be found, the result says which one is needed.
4. The embedded answers are re-scored and the report's sheets laid out again
   (`assess.excel.report_layout`, the code that wrote them), and every cell of the visible sheets is
   compared with what the workbook holds: each difference is a problem naming sheet and cell.
5. What a reader sees of those cells is checked too (`assess.excel.verify_visible`): number formats,
   hidden rows, columns and sheets, text the colour of its background.

By itself it proves consistency, not authorship; a signed report names its signer, and --trust proves
who issued it (`assess.excel.report_sign`): see the Methodology sheet of any report.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.excel.a1 import a1, col_index, col_letter
from assess.excel.report_layout import cell_name, chart_ranges
from assess.problems import Msg, Problem, msg
from assess.text.messages import say

if TYPE_CHECKING:  # pragma: no cover
    from assess.content.keys import PublicKey

MAX_LISTED = 200
"""Mismatches listed before the rest are only counted (an edited row shifts many cells)."""


@dataclass(slots=True)
class VerifyResult:
    path: str
    problems: list[Problem] = field(default_factory=list)
    """Everything wrong: a refusal, damaged embedded data, a missing questionnaire, mismatches."""
    notes: list[Msg] = field(default_factory=list)
    """Facts worth knowing that do not fail the check."""
    needed: str | None = None
    """The questionnaire release (`id@version`, hash) the report needs, when it could not be found."""
    checked_cells: int = 0
    summary: dict[str, Any] = field(default_factory=dict)
    """What the report is about, once its data has been read (company, questionnaire, score)."""
    evidence: dict[str, Any] = field(default_factory=dict)
    """The evidence files the embedded data lists (`assess.content.evidence`), once it has been read."""
    embedded: Any = None
    """The embedded data (`report_data.Embedded`) once read: what `--source` is compared with."""

    @property
    def ok(self) -> bool:
        return not self.problems


def _same(shown: Any, expected: Any) -> bool:
    if expected is None or expected == "":
        return shown is None or shown == ""
    if isinstance(expected, bool) or isinstance(shown, bool):
        return shown is expected
    if isinstance(expected, int | float):
        return isinstance(shown, int | float) and math.isclose(shown, expected, rel_tol=1e-9, abs_tol=1e-9)
    return isinstance(shown, str) and shown == expected


def _show(v: Any) -> Msg | str:
    if v is None or v == "":
        return msg("report.empty_cell")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    text = repr(v)
    return text if len(text) <= 80 else text[:77] + "…'"


def data_sheet(names: list[str]) -> str | None:
    """The embedded-data sheet among a workbook's sheet names, if any: what marks a gap report."""
    from assess.text.report_labels import SHEETS

    return next((n for n in names if n in SHEETS["data"]), None)


def is_gap_report(data: bytes) -> bool:
    """Whether a workbook's bytes, passed by the guard, are a gap report (they hold its embedded
    data sheet). Only the workbook's sheet list is read."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        names = CalamineWorkbook.from_filelike(BytesIO(data)).sheet_names
    except CalamineError:
        return False
    return data_sheet(list(names)) is not None


def gap_report_problem(label: str) -> Problem:
    """What to say of a gap report given where an answer sheet was expected."""
    return Problem(msg("report.is_gap_report"), file=label, fix=msg("report.is_gap_report.fix"))


def verify_report(path: str | Path, questionnaire: str | None = None,
                  trust: list[PublicKey] | None = None, evidence: str | Path | None = None) -> VerifyResult:
    """Check a report; never raises for a bad file (every finding is a problem in the result).
    `trust`: keys one of which must have signed it (`assess.excel.report_sign.check`). `evidence`:
    the folder of evidence files: each file the report lists must be there, unchanged."""
    from assess.excel.guard import check_workbook
    from assess.excel.sheet_cells import READ_ERRORS, Book, Package, TooLarge, read_error

    label = str(path)
    result = VerifyResult(label)
    guard = check_workbook(path, keep_parts=True)
    if not guard.ok:
        result.problems.append(guard.as_problem())  # type: ignore[arg-type]
        return result
    try:
        book = Book(Package(guard.data or b"", guard.parts))
        names = book.names
    except READ_ERRORS as e:
        result.problems.append(Problem(msg("report.unreadable", error=read_error(e)), file=label,
                                       fix=msg("report.unreadable.fix")))
        return result
    try:
        return _evidence(_verify_sheets(book, names, label, questionnaire, result, trust), evidence)
    except TooLarge as e:  # a sheet whose cells reach far beyond any report's: refused before it is loaded
        result.problems.append(Problem(msg("report.range_too_large", sheet=e.sheet, row=f"{e.top:,}",
                                           column=col_letter(e.width - 1)), f"{e.sheet}!A1", label,
                                       fix=msg("report.remake.fix")))
        return result


def _verify_sheets(book: Any, names: list[str], label: str, questionnaire: str | None,
                   result: VerifyResult, trust: list[PublicKey] | None = None) -> VerifyResult:
    """Steps 2-4 on a workbook the guard has passed (`book`: an `assess.excel.sheet_cells.Book`)."""
    from python_calamine import CalamineError

    from assess.excel import report_data
    from assess.excel.sheet_cells import read_error

    grid = book.rows

    data_name = data_sheet(names)
    if data_name is None:
        from assess.text.review_labels import SHEETS as REVIEW_SHEETS

        if any(n in REVIEW_SHEETS["data"] for n in names):  # an auditor's other workbook, given by mistake
            result.problems.append(Problem(msg("report.is_review"), file=label, fix=msg("report.is_review.fix")))
        else:
            result.problems.append(Problem(msg("report.no_data_sheet"), file=label,
                                           fix=msg("report.no_data_sheet.fix")))
        return result
    try:
        embedded = report_data.parse(grid(data_name), data_name)
    except report_data.EmbeddedError as e:
        result.problems.append(e.problem.at(label))
        return result
    except CalamineError as e:
        result.problems.append(Problem(msg("report.data_unreadable", error=read_error(e)), file=label,
                                       fix=msg("report.unreadable.fix")))
        return result

    result.evidence = embedded.evidence
    result.embedded = embedded
    ref = embedded.questionnaire
    result.summary = {"company": embedded.answers.company.name, "questionnaire": f"{ref['id']}@{ref['version']}",
                      "locale": embedded.meta.locale, "redacted": embedded.meta.redact,
                      "generated_at": embedded.meta.generated_at}
    found = _questionnaire(ref, questionnaire, result)
    if found is None:
        return result
    q, qhash = found

    from assess import __version__
    from assess.excel.report_layout import from_embedded, layout

    if embedded.meta.tool_version != __version__:
        result.notes.append(msg("report.other_version", made=embedded.meta.tool_version, checked=__version__))
    try:
        report = from_embedded(q, qhash, embedded)
    except ValueError as e:  # targets outside the questionnaire's pillars or range
        result.problems.append(Problem(msg("report.bad_targets", questionnaire=q.ref, error=str(e)), file=label,
                                       fix=msg("report.remake.fix")))
        return result
    result.summary["overall"] = report.doc["overall"]["score"]
    mismatches: list[Problem] = []
    from assess.excel.verify_visible import check_sheet, extra_sheets, read_looks

    looks = read_looks(book.package, label)  # what a reader sees: formats, hidden rows, columns, sheets
    for sheet in layout(report):
        if sheet.name not in names:
            mismatches.append(Problem(msg("report.sheet_missing", sheet=sheet.name), sheet.name, label,
                                      fix=msg("report.remake.fix")))
            continue
        if "charts" in sheet.marks:
            mismatches.extend(_check_charts(book.package.inflated, sheet, result))
        mismatches.extend(check_sheet(looks, sheet))
        try:
            cells = grid(sheet.name)
        except CalamineError as e:  # damaged XML in a sheet past the embedded data: named, the others checked
            mismatches.append(Problem(msg("report.unreadable", error=read_error(e)), f"{sheet.name}!A1", label,
                                      fix=msg("report.unreadable.fix")))
            continue
        expected: dict[tuple[int, int], Any] = {(c.row, c.col): c for c in sheet.cells}
        for c in sheet.cells:
            shown = cells[c.row][c.col] if c.row < len(cells) and c.col < len(cells[c.row]) else ""
            result.checked_cells += 1
            if not _same(shown, c.value):
                mismatches.append(Problem(msg("report.mismatch", what=cell_name(sheet, c) or msg("report.label"),
                                              shown=_show(shown), expected=_show(c.value)),
                                          f"{sheet.name}!{a1(c.row, c.col)}", label, fix=msg("report.remake.fix")))
        for r, row in enumerate(cells):
            for col, v in enumerate(row):
                if v not in ("", None) and (r, col) not in expected:
                    mismatches.append(Problem(msg("report.unexpected", shown=_show(v)),
                                              f"{sheet.name}!{a1(r, col)}", label, fix=msg("report.remake.fix")))
    mismatches.extend(extra_sheets(looks, data_name))
    # A signature covers the sheets as laid out again, so it can hold while the cells differ: the
    # signature line must then not read as an all-clear (`report_sign.status`).
    result.summary["shown_differs"] = bool(mismatches)
    if len(mismatches) > MAX_LISTED:
        rest = len(mismatches) - MAX_LISTED
        mismatches = mismatches[:MAX_LISTED] + [Problem(msg("report.more_mismatches", count=rest), file=label,
                                                        fix=msg("report.remake.fix"))]
    result.problems.extend(mismatches)
    from assess.excel.report_sign import check as check_signature

    check_signature(book, names, report, result, trust)
    return result


def _evidence(result: VerifyResult, folder: str | Path | None) -> VerifyResult:
    """Step 5, with an evidence folder: each file the report lists as found is there, with the same
    size and SHA-256; each that is not is a problem naming its question, file and SHA-256 cell."""
    from assess.content.evidence import recheck, why_refused
    from assess.excel.report_evidence import HEADER_ROW, SHA_COL
    from assess.text.report_labels import sheet_name

    listed = result.evidence
    found = sum(1 for f in listed.get("files", []) if f["status"] == "found")
    if folder is None:
        if found:
            result.notes.append(msg("evidence.unchecked", n=found))
        return result
    if not listed:
        result.problems.append(Problem(msg("evidence.none_listed"), file=result.path,
                                       fix=msg("evidence.none_listed.fix")))
        return result
    sheet = sheet_name("evidence", result.summary.get("locale", "zh"))
    changes = recheck(Path(folder), listed)
    for i, change, now in changes:
        f = listed["files"][i]
        where, file = f["where"], f["file"]
        if change == "missing":
            message = msg("evidence.missing", where=where, file=file, folder=str(folder))
        elif change == "refused":
            message = msg("evidence.now_refused", where=where, file=file, why=why_refused(now.why))
        else:
            message = msg("evidence.changed", where=where, file=file, listed=f["sha256"][:16], size=f["size"],
                          now=(now.sha256 or "")[:16], now_size=now.size)
        result.problems.append(Problem(message, f"{sheet}!{a1(HEADER_ROW + 1 + i, SHA_COL)}", result.path,
                                       fix=msg("evidence.check.fix")))
    if found and not changes:
        result.notes.append(msg("evidence.checked", n=found))
    return result


_CHART_PART = re.compile(r"xl/charts/chart[0-9]+\.xml", re.I)
_SERIES = re.compile(rb"<c:ser>(.*?)</c:ser>", re.S)
_BLOCK = {kind: re.compile(rb"<c:" + kind + rb">(.*?)</c:" + kind + rb">", re.S) for kind in (b"cat", b"val")}
_FORMULA = re.compile(rb"<c:f>([^<]*)</c:f>")
_POINT = re.compile(rb'<c:pt idx="([0-9]+)"><c:v>([^<]*)</c:v></c:pt>')
_RANGE = re.compile(r"([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)")


def _plain_range(text: str) -> str:
    """A range as written in a chart, compared without quotes and dollar signs: LibreOffice and
    Excel quote sheet names and anchor references as they like."""
    sheet, _, cells = html.unescape(text).rpartition("!")
    if len(sheet) > 1 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return f"{sheet}!{cells.replace('$', '')}"


def _check_charts(parts: dict[str, bytes], sheet: Any, result: VerifyResult) -> list[Problem]:
    """The report's charts must plot its own figures: every series of every chart in the workbook
    must take its categories and values from the ranges the report writes them to (a chart pointed
    at other cells shows other numbers than the table beside it), and every such range must still
    be plotted. Charts that are gone altogether (some editors drop them on saving) are noted, not
    failed: the figures they showed are checked in the cells."""
    wanted = {pair for series in chart_ranges(sheet).values() for pair in series}
    found: list[tuple[str, str]] = []
    shown: list[Problem] = []
    values = {(c.row, c.col): c.value for c in sheet.cells}
    for member, xml in sorted(parts.items()):
        if not _CHART_PART.fullmatch(member):
            continue
        for series in _SERIES.findall(xml):
            refs = []
            for kind in (b"cat", b"val"):  # a literal instead of a range reads as no range
                block = _BLOCK[kind].search(series)
                ref = _FORMULA.search(block.group(1)) if block else None
                refs.append(_plain_range(ref.group(1).decode("utf-8", "replace")) if ref else "(none)")
                if block and ref:
                    shown.extend(_check_cached(block.group(1), refs[-1], sheet.name, values, result))
            found.append((refs[0], refs[1]))
    if not found:
        result.notes.append(msg("report.charts_gone", sheet=sheet.name))
        return []
    problems = [Problem(msg("report.chart_elsewhere", values=values, categories=cats), f"{sheet.name} (chart)",
                        result.path, fix=msg("report.remake.fix"))
                for cats, values in found if (cats, values) not in wanted]
    for _, values in sorted(wanted - set(found)):
        problems.append(Problem(msg("report.chart_gone", values=values), f"{sheet.name} (chart)", result.path,
                                fix=msg("report.remake.fix")))
    return problems + shown


def _check_cached(block: bytes, plotted: str, sheet: str, values: dict[tuple[int, int], Any],
                  result: VerifyResult) -> list[Problem]:
    """A chart also carries a copy of the figures it plots, which some viewers draw without reading
    the cells: each copied point must be what the report writes (`values`, by 0-based row and column)
    in the cell it stands for. (A chart without its copy is drawn from the cells, which are checked.)"""
    name, _, cells = plotted.rpartition("!")
    bounds = _RANGE.fullmatch(cells)
    if name != sheet or bounds is None:
        return []  # plotting other cells: reported above
    col = col_index(bounds.group(1))
    first = int(bounds.group(2)) - 1
    problems = []
    for idx, raw in _POINT.findall(block):
        row = first + int(idx)
        text = html.unescape(raw.decode("utf-8", "replace"))
        expected = values.get((row, col), "")
        if isinstance(expected, int | float) and not isinstance(expected, bool):
            try:
                same = math.isclose(float(text), expected, rel_tol=1e-6, abs_tol=1e-6)
            except ValueError:
                same = False
        else:
            same = text == str(expected)
        if not same:
            problems.append(Problem(msg("report.chart_copy", shown=repr(text), cell=f"{sheet}!{a1(row, col)}",
                                        expected=_show(expected)), f"{sheet} (chart)", result.path,
                                    fix=msg("report.remake.fix")))
    return problems


def _questionnaire(ref: dict[str, str], name: str | None, result: VerifyResult) -> tuple[Any, str] | None:
    """The questionnaire release the report names, or None with a problem saying which is needed."""
    from assess.answers import QuestionnaireRef
    from assess.content.bundled import resolve
    from assess.content.yaml_file import ContentError

    wanted = f"{ref['id']}@{ref['version']}"
    needed = msg("report.release", release=wanted, sha256=ref["sha256"])
    try:
        q, h = resolve(name, None if name else QuestionnaireRef(**ref))
    except ContentError as e:
        result.needed = say(needed, "en")
        result.problems.append(Problem(msg("report.questionnaire_missing", needed=needed,
                                           why=[p.message for p in e.problems]),
                                       file=result.path, fix=msg("report.questionnaire.fix", wanted=wanted)))
        return None
    if (q.id, q.version, h) != (ref["id"], ref["version"], ref["sha256"]):
        result.needed = say(needed, "en")
        given = msg("report.release", release=q.ref, sha256=h)
        result.problems.append(Problem(msg("report.questionnaire_other", needed=needed, given=given),
                                       file=result.path, fix=msg("report.questionnaire_exact.fix", wanted=wanted)))
        return None
    return q, h
