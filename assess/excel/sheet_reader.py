"""Reading filled answer sheets: guard first, then python-calamine, answers matched by id.

`read_answer_sheet(path, questionnaire)` is what `assess score/report/compare/import` call for an
.xlsx; `read_checked(data, q, h, label, parts=...)` is the part the batch workers run on bytes the
guard has already passed. The sheets are found by name, or by content when renamed
(`sheet_cells` gives their rows), the rows are read into answers (`sheet_rows`), and then the sheet
as a whole is checked: the questionnaire it was made for (its pin, `sheet_pin`), sheets the client
added; rows deleted, wording edited, answers the profile hides, required answers missing
(`sheet_checks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from assess.answers import AnswerSet, Card, Company, QuestionnaireRef, Respondent, Session
from assess.excel import sheet_format as T
from assess.excel.a1 import col_index, col_letter
from assess.excel.file_names import is_lock_file
from assess.excel.sheet_cards import CardReader, find_card_sheets
from assess.excel.sheet_cells import (
    MAX_SHARED_BYTES,
    READ_ERRORS,
    Book,
    Package,
    Rows,
    TooLarge,
    read_error,
)
from assess.excel.sheet_checks import hidden_answers, merged_over_rows, sheet_checks
from assess.excel.sheet_format import expected_rows
from assess.excel.sheet_pin import Pin, read_pin
from assess.excel.sheet_rows import COMPANY_FIELDS, Cell, RowReader, header_map, header_row, in_columns
from assess.excel.sheet_shift import misplaced_rows, other_layouts, typed_beside
from assess.excel.sheet_strays import above_header
from assess.excel.sheet_values import cell_text, norm
from assess.model import MultiSelectQuestion, Questionnaire, localize
from assess.problems import Msg, Problem, Severity, msg
from assess.text.format import printable
from assess.text.messages import say
from assess.text.sheet_labels import WORDS


class SheetError(Exception):
    """The file cannot be used at all; carries every problem found (`read_answer_sheet` raises them
    as a ContentError for the command line).

    `code` names why, for counting: unreadable, not_answer_sheet, format, wrong_questionnaire,
    too_large."""

    def __init__(self, problems: list[Problem], code: str = "unreadable"):
        self.problems = problems
        self.code = code
        super().__init__("\n".join(str(p) for p in problems))


def _guess_locale(rows: Rows, q: Questionnaire) -> str:
    """The language of a sheet without its Meta, from its header row."""
    head = norm(cell_text(rows[header_row(rows)][0])) if rows and rows[0] else ""
    for loc in q.locales:
        if head == norm(T.WORDS["col.id"].get(loc, "")):
            return loc
    return q.locales[0] if q.locales else "zh"


Found = tuple[str, Rows] | None


_COPY = re.compile(r"^(.*?\S)\s*(?:[(（]\s*(\d{1,3})\s*[)）]|_(\d{1,3}))$")
"""A sheet's copy as Excel and WPS name it, `Company (2)` or `Answers(3)`, as LibreOffice does,
`Company_2`, or as typed with full-width brackets, `Company（2）`."""


def copy_of(name: str) -> tuple[str, int] | None:
    """(the sheet copied, casefolded; the copy's number) of a sheet named as a copy, else None."""
    m = _COPY.match(name.strip())
    return (m.group(1).casefold(), int(m.group(2) or m.group(3))) if m else None


def plant_sheets(names: list[str]) -> dict[int, dict[str, str]]:
    """Plant number (2, 3, ...) -> {Company|Answers: sheet name} of the extra plants a workbook holds:
    each one's copies of the Company and Answers sheets, however the office suite named them."""
    return _plants(names)[0]


def _plants(names: list[str]) -> tuple[dict[int, dict[str, str]], list[tuple[str, str, int]]]:
    """`plant_sheets`, and the copies it leaves out as numbered like an earlier one (Company_2 beside
    Company (2)): (that copy, the earlier one, their number). Copies without their original (the
    client deleted Company and Answers) are no extra plants: they are found as the sheets, renamed."""
    wanted = {T.COMPANY.casefold(): T.COMPANY, T.ANSWERS.casefold(): T.ANSWERS}
    if not any(n.strip().casefold() in wanted for n in names):
        return {}, []
    plants: dict[int, dict[str, str]] = {}
    clashes: list[tuple[str, str, int]] = []
    for name in names:
        c = copy_of(name)
        if c is not None and c[0] in wanted and c[1] >= 2:
            sheets = plants.setdefault(c[1], {})
            if wanted[c[0]] in sheets:
                clashes.append((name, sheets[wanted[c[0]]], c[1]))
            else:
                sheets[wanted[c[0]]] = name
    return dict(sorted(plants.items())), clashes


def _copy_of(name: str, plant: int) -> str:
    """The name a plant's copy of sheet `name` has when nothing else is known: Excel's."""
    return name if plant == 1 else f"{name} ({plant})"


def _plant_name(names: list[str], name: str, plant: int) -> str:
    """What plant `plant`'s copy of sheet `name` is called in a workbook of sheets `names`."""
    if plant > 1:
        for n in names:
            if copy_of(n) == (name.casefold(), plant):
                return n
    return _copy_of(name, plant)


def _find_sheets(load: Callable[[str], Rows], names: list[str], too_big: set[str], plant: int = 1) -> dict[str, Found]:
    """The Answers, Company and Meta sheets by name, else by content (a renamed sheet). `load(name)`
    gives a sheet's rows; sheets in `too_big` are never loaded. For an extra plant (2, 3, ...), its
    own copies of Answers and Company and the shared Meta; never another plant's sheets."""
    found: dict[str, Found] = {}
    rows_of = cache(load)
    lowered = {n.strip().casefold(): n for n in names}
    for want in (T.ANSWERS, T.COMPANY, T.META):
        own = T.META if want == T.META else _copy_of(want, plant)
        name = plant_sheets(names).get(plant, {}).get(want) if plant > 1 and want != T.META else None
        name = name or (own if own in names else lowered.get(own.casefold()))
        found[want] = (name, rows_of(name)) if name is not None else None
    if plant > 1:
        return found
    others = {n for sheets in plant_sheets(names).values() for n in sheets.values()}
    used = {v[0] for v in found.values() if v} | others
    for want in (T.ANSWERS, T.COMPANY, T.META):
        if found[want] is not None:
            continue
        for n in names:
            if n in used or n in (T.INSTRUCTIONS, T.LISTS) or n in too_big:
                continue
            rows = rows_of(n)
            if not rows:
                continue
            if want == T.META:
                ok = bool(rows[0]) and cell_text(rows[0][0]) == "format"
            else:
                head = header_map(rows[header_row(rows)])
                ok = "id" in head and "value" in head and ("status" in head) == (want == T.ANSWERS)
            if ok:
                found[want] = (n, rows)
                used.add(n)
                break
    return found


def _refusal(code: str, message: Msg, where: str, label: str, fix: Msg) -> SheetError:
    return SheetError([Problem(message, where, label, "error", fix)], code)


Read = tuple[Questionnaire, str, AnswerSet, list[Problem]]


def read_checked(data: bytes, q: Questionnaire | None, sha256: str | None, label: str,
                 resolve_q: Callable[[Pin], tuple[Questionnaire, str]] | None = None,
                 parts: dict[str, bytes] | None = None, rejected: dict[str, str] | None = None,
                 text_locale: str | None = None) -> Read:
    """Read a workbook the guard has passed (`data`, and the parts it inflated, `parts`, if it kept
    them). Either `q` and `sha256` are the questionnaire to read against, or `resolve_q` picks one
    from the sheet's pin. Raises SheetError when the file cannot be used at all: unreadable, not an
    answer sheet, or made for another questionnaire. Only the first plant is read: the extra ones a
    workbook holds (`read_checked_plants`) are named as an error, never dropped in silence.

    Each problem placed on one cell carries what that cell holds (`Problem.typed`); `rejected`, when
    given, is filled with question id -> what was typed for each answer that could not be used, so
    that the firm's report shows it as invalid, never as unanswered (any words of ours in it, such as
    "merged cell", in `text_locale`, the report's language; else the sheet's)."""
    names: list[str] = []
    q, sha256, answers, problems = _read_plant(data, q, sha256, label, resolve_q, parts, names_out=names,
                                               rejected=rejected, text_locale=text_locale)
    extra = plant_sheets(names)
    if extra:
        # an error: a plant's answers are not read here (the app shows errors; a slip names it too)
        problems.append(Problem(msg("sheet.more_plants", sheets=[n for p in extra.values() for n in p.values()]),
                                "", label, "error", msg("sheet.more_plants.fix")))
    return q, sha256, answers, problems


def read_checked_plants(data: bytes, q: Questionnaire | None, sha256: str | None, label: str,
                        resolve_q: Callable[[Pin], tuple[Questionnaire, str]] | None = None,
                        parts: dict[str, bytes] | None = None) -> list[Read]:
    """Every plant of a workbook, each scored as its own firm: the first on Company/Answers, the
    others on their copies "Company (2)"/"Answers (2)", ... A plant with only one of the two sheets
    is not read: it comes as a plant of its own with no answers and the error that says so (its
    `Plant.incomplete`). Raises SheetError as `read_checked` does, for the first plant; a later plant
    that cannot be read is named on the first plant's problems."""
    return [p.read for p in read_plants(data, q, sha256, label, resolve_q, parts)]


@dataclass(slots=True)
class Plant:
    """One plant of a workbook as `read_plants` reads it."""

    number: int
    """1 for the Company/Answers sheets, n for their copies "Company (n)"/"Answers (n)"."""
    read: Read
    rejected: dict[str, str] = field(default_factory=dict)
    """As `read_checked` fills it, for this plant."""
    cells: dict[str, Cell | str] = field(default_factory=dict)
    """Question id -> the cell its answer was read from (`verify --source` names a difference by it)."""
    incomplete: Problem | None = None
    """Why this plant is not read: one of its two sheets is missing (then `read` holds no answers)."""
    company_sheet: str = T.COMPANY
    """Its Company sheet, as the workbook names it."""


def read_plants(data: bytes, q: Questionnaire | None, sha256: str | None, label: str,
                resolve_q: Callable[[Pin], tuple[Questionnaire, str]] | None = None,
                parts: dict[str, bytes] | None = None, text_locale: str | None = None,
                with_cells: bool = False) -> list[Plant]:
    """`read_checked_plants` with each plant's number and rejected answers (the batch scores and
    reports each plant as its own firm; `text_locale` as `read_checked` takes it); `with_cells`, where
    each answer was read (`Plant.cells`), which only `verify --source` asks for."""
    names: list[str] = []
    rejected: dict[str, str] = {}
    cells: dict[str, Cell | str] = {}
    company: list[str] = []
    first = _read_plant(data, q, sha256, label, resolve_q, parts, names_out=names, rejected=rejected,
                        cells=cells if with_cells else None, text_locale=text_locale, company_out=company)
    out = [Plant(1, first, rejected, cells, company_sheet=company[0] if company else T.COMPANY)]
    plants, clashes = _plants(names)
    for name, other, n in clashes:  # which of the two is the plant's cannot be told: neither is guessed
        first[3].append(Problem(msg("sheet.plant_clash", sheet=name, other=other, n=n), f"{name}!A1", label,
                                "error", msg("sheet.plant_clash.fix")))
    for n, sheets in plants.items():
        if len(sheets) < 2:  # a plant of its own, named as not read: the first plant's answers stand
            (found,) = sheets.values()
            copied = copy_of(found)  # named alike: Company_2 lacks Answers_2
            missing = (T.ANSWERS if T.COMPANY in sheets else T.COMPANY) + \
                (found.strip()[len(copied[0]):] if copied else f" ({n})")
            why = Problem(msg("sheet.plant_incomplete", n=n, found=found, missing=missing), f"{found}!A1", label,
                          "error", msg("sheet.plant_incomplete.fix"))
            out.append(Plant(n, (first[0], first[1], AnswerSet(questionnaire=first[2].questionnaire), [why]),
                             incomplete=why, company_sheet=sheets.get(T.COMPANY, "")))
            continue
        rejected, cells = {}, {}
        try:
            out.append(Plant(n, _read_plant(data, first[0], first[1], label, None, parts, plant=n, rejected=rejected,
                                            cells=cells if with_cells else None, text_locale=text_locale),
                             rejected, cells, company_sheet=sheets[T.COMPANY]))
        except SheetError as e:
            first[3].extend(e.problems)
    return out


def _read_plant(data: bytes, q: Questionnaire | None, sha256: str | None, label: str,
                resolve_q: Callable[[Pin], tuple[Questionnaire, str]] | None = None,
                parts: dict[str, bytes] | None = None, plant: int = 1, names_out: list[str] | None = None,
                rejected: dict[str, str] | None = None, cells: dict[str, Cell | str] | None = None,
                text_locale: str | None = None, company_out: list[str] | None = None) -> Read:
    """One plant of a workbook (see `read_checked`); the workbook's sheet names go to `names_out`, each
    answer's cell to `cells`, the name of the sheet its company was read from to `company_out`."""
    resave = msg("sheet.unreadable.fix")
    fresh = msg("sheet.too_large.fix")
    try:
        package = Package(data, parts)
        if package.shared > MAX_SHARED_BYTES:
            raise _refusal("too_large", msg("sheet.shared_too_large", size=f"{package.shared:,}"),
                           "xl/sharedStrings.xml", label, fresh)
        book = Book(package)
        too_big = book.too_big()
        for want in (T.ANSWERS, T.COMPANY, T.META):
            if want in too_big:
                raise _refusal("too_large", msg("sheet.sheet_too_large", sheet=want, size=f"{package.size(want):,}"),
                               f"{want}!A1", label, fresh)
        names = book.names
        if names_out is not None:
            names_out.extend(names)
        sheets = _find_sheets(book.rows, names, too_big, plant)
        if company_out is not None and (found := sheets[T.COMPANY]) is not None:
            company_out.append(found[0])
    except TooLarge as e:
        raise _refusal("too_large", msg("sheet.range_too_large", sheet=e.sheet, row=f"{e.top:,}",
                                        column=col_letter(e.width - 1)), f"{e.sheet}!A1", label, fresh) from None
    except READ_ERRORS as e:
        raise _refusal("unreadable", msg("sheet.unreadable", error=read_error(e)), "", label,
                       resave) from None
    problems: list[Problem] = []

    def add(message: Msg, where: str = "", severity: Severity = "error", fix: Msg | None = None) -> None:
        problems.append(Problem(message, where, label, severity, fix))

    not_ours = msg("sheet.not_ours.fix")
    answers_sheet = sheets[T.ANSWERS]
    if answers_sheet is None:
        raise _refusal("not_answer_sheet", msg("sheet.no_answers", sheets=names or "—"), "", label, not_ours)
    head = header_map(answers_sheet[1][header_row(answers_sheet[1])]) if answers_sheet[1] else {}

    # ---- the pin
    meta = sheets[T.META]
    meta_name = meta[0] if meta else T.META
    pin = read_pin(meta[1], fingerprints=False) if meta is not None else Pin()
    if pin.format and pin.format != T.SHEET_FORMAT:
        raise _refusal("format", msg("sheet.format", format=pin.format, supported=T.SHEET_FORMAT),
                       f"{meta_name}!B1", label, msg("sheet.format.fix"))
    pinned = pin.format == T.SHEET_FORMAT
    if not pinned:
        if "id" not in head or "value" not in head:
            raise _refusal("not_answer_sheet", msg("sheet.no_meta_no_columns"), f"{answers_sheet[0]}!1:1", label,
                           not_ours)
        add(msg("sheet.no_meta"), T.META, fix=msg("sheet.no_meta.fix"))  # the answers are there: not all again
    for want in (T.ANSWERS, T.COMPANY, T.META):
        got = sheets[want]
        if got is None or (want == T.META and not pinned):
            continue
        # an extra plant's sheet is its copy, however the office suite numbered it
        as_named = got[0] == want if want == T.META or plant == 1 else copy_of(got[0]) == (want.casefold(), plant)
        if not as_named:
            add(msg("sheet.renamed", sheet=want, name=got[0]), got[0], "warning",  # the sheet, not what A1 holds
                fix=msg("sheet.renamed.fix", sheet=want))
    if q is None or sha256 is None:
        assert resolve_q is not None
        q, sha256 = resolve_q(pin)
    if pinned:
        wrong = None
        if pin.id != q.id:
            wrong = msg("sheet.made_for.questionnaire", id=pin.id or "?")
        elif pin.version != q.version:
            wrong = msg("sheet.made_for.version", version=pin.version or "?")
        elif pin.sha256 and pin.sha256 != sha256:
            wrong = msg("sheet.made_for.text", questionnaire=q.ref, found=pin.sha256[:12], expected=sha256[:12])
        if wrong is not None:
            raise _refusal("wrong_questionnaire", msg("sheet.made_for", what=wrong, questionnaire=q.ref),
                           f"{meta_name}!B2:B4", label,
                           msg("sheet.made_for.fix", questionnaire=q.ref, pinned=f"{pin.id}@{pin.version}"))
    locale = pin.locale if pin.locale in q.locales else _guess_locale(answers_sheet[1], q)

    formulas = {got[0]: book.formulas(got[0]) for w in (T.ANSWERS, T.COMPANY) if (got := sheets[w]) is not None}
    percents = {got[0]: book.percent_cells(got[0]) for w in (T.ANSWERS, T.COMPANY) if (got := sheets[w]) is not None}
    reader = RowReader(q, label, formulas, percents, {answers_sheet[0]: book.links(*answers_sheet)},
                       {answers_sheet[0]: book.comments(answers_sheet[0])},
                       {answers_sheet[0]: book.struck_cells(answers_sheet[0])})
    reader.comment_label = localize(WORDS["comment"], locale)
    reader.layouts = lambda: other_layouts(q, locale)  # asked only when values failed
    reader.own_guides = pin.generator == T.GENERATOR
    expected = expected_rows(q, locale)
    if reader.own_guides:
        reader.guide_words = {rid: row[4] for rid, row in expected.items()}

    # ---- rows
    out_of_view: dict[str, set[int]] = {}  # Company, Answers -> rows out of view (hidden, folded, filtered)
    for want in (T.COMPANY, T.ANSWERS):
        got = sheets[want]
        if got is None:
            if want == T.COMPANY:
                add(msg("sheet.no_company"), T.COMPANY, fix=msg("sheet.fresh.fix"))
            continue
        name, rows = got
        if not rows:
            add(msg("sheet.empty", sheet=name), f"{name}!A1", fix=msg("sheet.fresh.fix"))
            continue
        head = header_row(rows)
        columns = header_map(rows[head])
        missing = [k for k in ("id", "value") if k not in columns]
        if missing:  # named by the headings the template gives them, in the message's language
            headings = [{loc: f"“{w}”" if loc == "zh" else f"'{w}'" for loc, w in T.WORDS[f"col.{k}"].items()}
                        for k in missing]
            add(msg("sheet.no_columns", sheet=name, columns=headings), f"{name}!{head + 1}:{head + 1}",
                fix=msg("sheet.header.fix"))
            continue
        if want == T.ANSWERS and "status" not in columns:
            add(msg("sheet.no_status_column", sheet=name), f"{name}!{head + 1}:{head + 1}", "warning",
                fix=msg("sheet.header.fix"))
        above_header(reader, name, rows, head, columns["id"])
        reader.read_rows(name, rows, columns, extra=want == T.ANSWERS, head=head)
        merged_over_rows(reader, name, rows, book.merged.get(name, []))
        hidden_answers(reader, name, rows, book.hidden_rows(name))
        out_of_view[want] = set(book.rows_out_of_view(name))
    if book.merges_unknown:  # a cell merged over several answers would go unseen: said, not guessed away
        add(msg("sheet.merges_unchecked"), "", "notice", fix=msg("sheet.merges_unchecked.fix"))

    if not pinned and not any(rid in reader.by_id or rid.partition(T.SUB)[0] in reader.by_id
                              or rid in COMPANY_FIELDS for rid in reader.seen):
        raise _refusal("not_answer_sheet", msg("sheet.no_known_ids", questionnaire=q.ref),
                       f"{answers_sheet[0]}!A2", label, not_ours)
    misplaced_rows(reader, expected, meta[1] if meta is not None else [])
    typed_beside(reader, expected)
    given = reader.build_answers()
    company = Company(**{k.partition(".")[2]: v for k, v in reader.company.items() if k.startswith("company.")})
    respondent = Respondent(**{k.partition(".")[2]: v for k, v in reader.company.items()
                               if k.startswith("respondent.")})
    answers = AnswerSet(
        questionnaire=QuestionnaireRef(id=q.id, version=q.version, sha256=sha256),
        company=company, respondent=respondent, answers=given, session=Session(locale=locale),
    )
    card_sheets: list[str] = []
    if q.card_groups():
        answers.cards = _read_cards(book, sheets, too_big, q, pin, locale, answers, label, problems, plant,
                                    card_sheets, rejected, text_locale if text_locale in q.locales else locale)
    if plant == 1:  # an extra plant's own sheets are copies, named as such
        known = {got[0] for got in sheets.values() if got is not None} | set(T.SHEETS) | set(card_sheets)
        _extra_sheets(book, known | too_big, add, shown_answers=answers_sheet[0])
    for name in [got[0] for got in (sheets[T.COMPANY],) if got is not None] + card_sheets:
        # only the Answers sheet's comments join notes: the others' are named, not lost in silence
        if commented := sorted(book.comments(name), key=lambda cell: (cell[1], cell[0])):
            add(msg("sheet.comments_not_read", count=len(commented), sheet=name),
                f"{name}!" + ",".join(f"{col_letter(c - 1)}{r}" for r, c in commented), "warning",
                fix=msg("sheet.comments_not_read.fix", sheet=answers_sheet[0]))
    shown = {want: got[0] for want in (T.COMPANY, T.ANSWERS) if (got := sheets[want]) is not None}
    sheet_checks(reader, q, pin, locale, answers, add, meta[1] if meta is not None else [], shown, out_of_view)
    problems.extend(reader.problems)
    grids: dict[str, Rows] = {got[0]: got[1] for got in sheets.values() if got is not None}

    def grid(name: str) -> Rows | None:
        """A sheet's rows; a card sheet's loaded again only when a problem names one of its cells."""
        if name not in grids and name in book.names and name not in too_big:
            try:
                grids[name] = book.rows(name)
            except (TooLarge, *READ_ERRORS):
                grids[name] = []
        return grids.get(name)

    problems = [_with_typed(replace(p, private=True) if p.where and reader.is_private(p.where) else p, grid)
                for p in problems]
    if rejected is not None:
        rejected.update(_rejected_texts(reader, text_locale if text_locale in q.locales else locale))
    if cells is not None:
        cells.update(reader.where_of)
        cells.update(reader.field_cells())
    return q, sha256, answers, problems


TYPED_LIMIT = 200
"""Characters of a cell's text carried with a problem: enough to recognise it, short enough for a report cell."""
_ONE_CELL = re.compile(r"^(.+)!([A-Z]{1,3})([0-9]{1,7})$")


def _typed(text: str) -> str:
    # on one line, its lines joined as a reader would say them; any control character shown escaped:
    # it is written into the report and the slip
    text = printable(" / ".join(line.strip() for line in text.splitlines() if line.strip()))
    return text if len(text) <= TYPED_LIMIT else text[:TYPED_LIMIT] + "…"


def _with_typed(p: Problem, grid: Callable[[str], Rows | None]) -> Problem:
    """`p` with the text of the one cell it names, when it names one on a sheet of the workbook (else
    as it is)."""
    m = _ONE_CELL.match(p.where) if p.where and not p.typed else None
    rows = grid(m[1]) if m is not None else None
    if m is None or rows is None:
        return p
    r, c = int(m[3]) - 1, col_index(m[2])
    text = cell_text(rows[r][c]) if r < len(rows) and c < len(rows[r]) else ""
    return replace(p, typed=_typed(text)) if text else p


def _rejected_texts(reader: RowReader, locale: str) -> dict[str, str]:
    """Question id -> what was typed for it, for each answer given but not used: the answer cell, or
    the status cell when the answer is blank, or the options' cells of a multi-select, each after its
    option's label in the sheet's language (本地机房：是；边缘：○)."""
    out: dict[str, str] = {}
    for qid in reader.rejected:
        given = reader.main.get(qid)
        status, value = (cell_text(given.status), cell_text(given.value)) if given is not None else ("", "")
        text = value or status
        question = reader.by_id.get(qid)
        if not value and qid in reader.formula_typed:  # the formula, not the status beside it
            text = reader.formula_typed[qid]
        if not value and qid in reader.shifted_typed:  # its answer, pasted one row off
            typed, row = reader.shifted_typed[qid]
            text = say(msg("sheet.shifted_typed", text=typed, row=row), locale)
        if qid in reader.in_note:  # said without the note's text, which a redacted report leaves out
            text = say(msg("sheet.in_note_typed"), locale)
        elif qid in reader.merged_over:  # the merge's content, on every row it spans, not the blank below it
            content, where = reader.merged_over[qid]
            text = say(msg("sheet.merged_typed", text=content, range=where), locale)
        elif not text and qid in reader.subs and isinstance(question, MultiSelectQuestion):
            text = _options_typed(question, {opt: cell_text(v) for opt, (v, _) in reader.subs[qid].items()}, locale)
        out[qid] = _typed(text)
    return dict(sorted(out.items()))


def _options_typed(question: MultiSelectQuestion, typed: dict[str, str], locale: str) -> str:
    """A multiple choice as typed on its option cells, each after its option's label in `locale`
    (本地机房：是；边缘：○); blank cells left out."""
    labels = {o.id: localize(o.label, locale) for o in question.options}
    return say(msg("sheet.options_typed.sep"), locale).join(
        say(msg("sheet.option_typed", option=labels.get(opt, opt), text=text), locale) for opt, text in typed.items()
        if text)


def _extra_sheets(book: Book, known: set[str], add: Callable[..., None], shown_answers: str) -> None:
    """Name each sheet the client added that holds something (a 补充说明 of explanations): it is not
    read, and the client should know. Copies numbered as another plant's are that plant's."""
    for name in book.names:
        if name in known or ((c := copy_of(name)) is not None and c[1] >= 2):
            continue
        try:
            rows = book.rows(name)
        except (TooLarge, *READ_ERRORS):
            rows = [["?"]]  # not readable: named all the same
        if any(cell_text(v) for row in rows for v in row):
            add(msg("sheet.extra_sheet", sheet=name), f"{name}!A1", "warning",
                fix=msg("sheet.extra_sheet.fix", sheet=shown_answers))


def _read_cards(book: Book, sheets: dict[str, Found], too_big: set[str], q: Questionnaire, pin: Pin, locale: str,
                answers: AnswerSet, label: str, problems: list[Problem], plant: int = 1,
                names_out: list[str] | None = None, rejected: dict[str, str] | None = None,
                text_locale: str = "") -> dict[str, list[Card]]:
    """The cards of every card sheet (`sheet_cards`), read once the profile is known: it says which
    groups are asked. A card sheet too large to read refuses the workbook, as the others do. An
    extra plant's card sheets are its copies (`典型场景 (2)`); no plant takes another's. `rejected`
    is filled as `read_checked` fills it, each card answer not used by its `card_answer_key`, our
    words in it in `text_locale`."""
    fresh = msg("sheet.too_large.fix")
    copies = {n for n in book.names if (c := copy_of(n)) and c[1] >= 2}
    others = copies if plant == 1 else {n for n in book.names if (c := copy_of(n)) is None or c[1] != plant}
    pinned = {g: _plant_name(book.names, n, plant) for g, n in pin.cards.items()}
    for name in pinned.values():
        if name in too_big:
            raise _refusal("too_large", msg("sheet.sheet_too_large", sheet=name, size=f"{book.package.size(name):,}"),
                           f"{name}!A1", label, fresh)
    skip = {got[0] for got in sheets.values() if got is not None} | {T.INSTRUCTIONS, T.LISTS} | too_big | others
    reader = CardReader(q, label, locale, book.formulas, book.percent_cells, lambda n: book.merged.get(n, []),
                        company=got[0] if (got := sheets[T.COMPANY]) is not None else _copy_of(T.COMPANY, plant),
                        links=book.links, hidden=book.hidden_rows)
    try:
        found = find_card_sheets(q, book.names, pinned, locale, book.rows, skip)
        if names_out is not None:
            names_out.extend(name for name, _ in found.values())
        cards = reader.read_all(found, answers, pinned)
    except TooLarge as e:
        raise _refusal("too_large", msg("sheet.range_too_large", sheet=e.sheet, row=f"{e.top:,}",
                                        column=col_letter(e.width - 1)), f"{e.sheet}!A1", label, fresh) from None
    except READ_ERRORS as e:
        raise _refusal("unreadable", msg("sheet.unreadable", error=read_error(e)), "", label,
                       msg("sheet.unreadable.fix")) from None
    problems.extend(replace(p, private=True) if p.where and in_columns(p.where, reader.private_cols) else p
                    for p in reader.problems)
    if rejected is not None:
        questions = {(g.id, x.id): x for _, g in q.card_groups() for x in g.questions}
        for key, typed in reader.rejected.items():
            group, qid, _ = T.card_answer_of(key) or ("", "", "")
            question = questions.get((group, qid))
            if isinstance(typed, dict):
                typed = _options_typed(question, typed, text_locale) if isinstance(question, MultiSelectQuestion) \
                    else "；".join(typed.values())
            rejected[key] = _typed(typed)
    return cards


def read_answer_sheet(path: str | Path, questionnaire: str | None = None, rejected: dict[str, str] | None = None,
                      text_locale: str | None = None) -> tuple[Questionnaire, str, AnswerSet, list[Problem]]:
    """A filled answer sheet with its questionnaire: (questionnaire, hash, answers, problems).

    The guard checks the file first. Without `questionnaire`, the one the sheet's Meta pins is used
    (it must be bundled, with the same hash); with it, a sheet made for another questionnaire or
    version is an error. Raises ContentError when the file cannot be used at all. `rejected` and
    `text_locale`: as `read_checked` takes them.
    """
    from assess.content.yaml_file import ContentError

    data, parts, q, h, by_pin = _vetted(path, questionnaire)
    try:
        return read_checked(data, q, h, str(path), by_pin, parts, rejected, text_locale)
    except SheetError as e:
        raise ContentError(e.problems) from None


def read_answer_sheets(path: str | Path, questionnaire: str | None = None) -> list[Read]:
    """Every plant of a filled answer sheet (see `read_checked_plants`), each as `read_answer_sheet`
    returns one: the first plant first."""
    return [p.read for p in read_sheet_plants(path, questionnaire)]


def read_sheet_plants(path: str | Path, questionnaire: str | None = None, text_locale: str | None = None
                      ) -> list[Plant]:
    """`read_answer_sheets` with each plant's number and what was typed for its answers not used."""
    from assess.content.yaml_file import ContentError

    data, parts, q, h, by_pin = _vetted(path, questionnaire)
    try:
        return read_plants(data, q, h, str(path), by_pin, parts, text_locale, with_cells=True)
    except SheetError as e:
        raise ContentError(e.problems) from None


def refuse_lock_file(path: str | Path) -> None:
    """Raise ContentError for an office suite's lock file (`~$…` from Excel and WPS, `.~lock…#` from
    LibreOffice), picked up by mistake for the answer sheet it stands for."""
    from assess.content.yaml_file import ContentError

    if is_lock_file(path):
        raise ContentError([Problem(msg("sheet.lock_file"), "", str(path), "error", msg("sheet.lock_file.fix"))])


def _vetted(path: str | Path, questionnaire: str | None) -> tuple[bytes, dict[str, bytes] | None, Questionnaire | None,
                                                               str | None, Callable[[Pin], tuple[Questionnaire, str]]]:
    """A sheet file the guard has passed (ContentError naming why not), the questionnaire asked for
    (or none: then the sheet's pin picks it), and how a pin is resolved."""
    from assess.content.bundled import resolve
    from assess.content.yaml_file import ContentError
    from assess.excel.guard import SHEET_KINDS, check_workbook

    refuse_lock_file(path)  # before the guard, which could only say it is no workbook
    verdict = check_workbook(path, keep_parts=True, kinds=SHEET_KINDS)
    refusal = verdict.as_problem()
    if refusal is not None or verdict.data is None:
        raise ContentError([refusal] if refusal else [])
    q = h = None
    if questionnaire:
        q, h = resolve(questionnaire)

    def by_pin(pin: Pin) -> tuple[Questionnaire, str]:
        return resolve(None) if not pin.id else resolve(None, pin.ref())

    return verdict.data, verdict.parts, q, h, by_pin


__all__ = ["Cell", "Plant", "SheetError", "expected_rows", "plant_sheets", "read_answer_sheet", "read_answer_sheets",
           "read_checked", "read_checked_plants", "read_plants", "read_sheet_plants"]
