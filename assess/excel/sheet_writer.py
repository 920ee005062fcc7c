"""The openpyxl writer of blank or pre-filled answer sheets, in the format of `assess.excel.sheet_format`.

openpyxl (not xlsxwriter) because the sheet needs data validations on cell ranges with defined
names, sheet protection with unlocked input cells, and comments; it is imported only when a sheet
is written, so the reader and every other command never pay for it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from assess.answers import Answer, AnswerSet, Card, utc_stamp
from assess.model import (
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    Questionnaire,
    TextQuestion,
    localize,
)
from assess.rules import group_applies, question_index

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl import Workbook

from assess.excel.sheet_conditions import add_conditional_formats, fit_rows
from assess.excel.sheet_format import (
    _FORMULA_START,
    ANSWERS,
    CARD_FIRST_ROW,
    CARD_HEADER_ROW,
    CARD_ID_ROW,
    CARD_SHEET,
    COMPANY,
    FINGERPRINTS,
    FINGERPRINTS_PER_CELL,
    GENERATOR,
    INSTRUCTION_LINES,
    INSTRUCTIONS,
    LISTS,
    META,
    META_KEYS,
    SHEET_FORMAT,
    CardColumn,
    CardSheet,
    Row,
    _fmt,
    card_evidence,
    company_value,
    fingerprint,
    item,
    layout,
    level_guide,
    level_prompt,
    range_text,
    value_cell,
    word,
    yes_no_items,
)


def build_workbook(q: Questionnaire, sha256: str, locale: str = "zh",
                   answers: AnswerSet | None = None, *, level_notes: bool = False) -> Workbook:
    """The answer-sheet workbook for `q` in `locale`, pre-filled from `answers` when given.

    With `level_notes`, each maturity question's value cell carries a comment listing its own level
    descriptors. Off by default: for a 100-question sheet they add some 200 KB of XML that the guard
    inflates on every read (about 0.5 ms a file, 40 % of the guard's time)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    lay = layout(q, locale)
    level_names = [localize(n, locale) for n in q.scoring.levels.names]
    wb = Workbook()
    ws_info = wb.active
    ws_info.title = INSTRUCTIONS
    ws_company = wb.create_sheet(COMPANY)
    ws_answers = wb.create_sheet(ANSWERS)
    card_sheets = _asked(q, lay.cards, answers)
    ws_cards = [wb.create_sheet(sheet.name) for sheet in card_sheets]
    ws_lists = wb.create_sheet(LISTS)
    ws_meta = wb.create_sheet(META)

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE4EE")
    input_fill = PatternFill("solid", fgColor="FFF7D6")
    section_fill = PatternFill("solid", fgColor="EEEEEE")
    muted = Font(color="666666")
    wrap = Alignment(wrap_text=True, vertical="top")
    sub_wrap = Alignment(wrap_text=True, vertical="top", indent=2)
    unlocked = Protection(locked=False)

    def put(ws, row: int, col: int, value: object, *, editable: bool = False, font=None, fill=None,
            align=wrap):
        """Write one cell; text is always stored as text, never as a formula."""
        cell = ws.cell(row=row, column=col)
        if value is not None and value != "":
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would turn "=..." into a live formula
                if _FORMULA_START.match(value):
                    cell.quotePrefix = True  # and Excel keeps it text if the cell is edited
        if editable:
            cell.protection = unlocked
            cell.fill = fill or input_fill
        elif fill is not None:
            cell.fill = fill
        if font is not None:
            cell.font = font
        cell.alignment = align
        return cell

    # ---- Lists (hidden): one column per list, a defined name for each
    for col, (name, items) in enumerate(lay.lists.items(), start=1):
        put(ws_lists, 1, col, name, font=bold)
        for r, text in enumerate(items, start=2):
            put(ws_lists, r, col, text)
        letter = ws_lists.cell(row=1, column=col).column_letter
        ref = f"{LISTS}!${letter}$2:${letter}${len(items) + 1}"
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    ws_lists.sheet_state = "hidden"
    ws_lists.protection.sheet = True

    validations: dict[tuple[str, str], DataValidation] = {}

    def validate_list(ws, name: str, ref: str) -> None:
        dv = validations.get((ws.title, name))
        if dv is None:
            dv = DataValidation(type="list", formula1=name, allow_blank=True, showErrorMessage=True,
                                errorStyle="stop", errorTitle=word("err.title", locale),
                                error=word("err.list", locale))
            validations[ws.title, name] = dv
            ws.add_data_validation(dv)
        dv.add(ref)

    def validate_typed(ws, question: QuestionBase, ref: str, prompt: str = "") -> None:
        dv = None
        if isinstance(question, PercentageQuestion):
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                                error=word("err.percentage", locale))
        elif isinstance(question, NumberQuestion) and (question.min is not None or question.max is not None):
            lo, hi = question.min, question.max
            if lo is not None and hi is not None:
                dv = DataValidation(type="decimal", operator="between", formula1=_fmt(lo), formula2=_fmt(hi))
            elif lo is not None:
                dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=_fmt(lo))
            else:
                dv = DataValidation(type="decimal", operator="lessThanOrEqual", formula1=_fmt(hi))
            dv.error = word("err.number", locale).format(r=range_text(question, locale))
        elif isinstance(question, NumberQuestion):
            dv = DataValidation(type="decimal", operator="between", formula1="-1E+300", formula2="1E+300",
                                error=word("err.number", locale).format(r=""))
        elif isinstance(question, TextQuestion) and question.max_length:
            dv = DataValidation(type="textLength", operator="lessThanOrEqual",
                                formula1=str(question.max_length),
                                error=word("err.text", locale).format(n=question.max_length))
        if dv is not None:
            dv.allow_blank = True
            dv.showErrorMessage = True
            dv.errorStyle = "stop"
            dv.errorTitle = word("err.title", locale)
            if prompt:
                dv.prompt, dv.showInputMessage = prompt[:250], True
            dv.add(ref)
            ws.add_data_validation(dv)

    given = answers.answers if answers is not None else {}
    meta_rows: list[tuple[str, str, int, str]] = []

    # ---- Company
    headers = [word("col.id", locale), word("col.item", locale), word("col.value", locale),
               word("col.guide", locale)]
    for c, text in enumerate(headers, start=1):
        put(ws_company, 1, c, text, font=bold, fill=head_fill)
    r = 2
    profile_started = False
    company_placed: list[tuple[Row, int]] = []
    for row in lay.company:
        if row.question is not None and not profile_started:
            put(ws_company, r, 2, word("profile", locale), font=bold, fill=section_fill)
            for c in (1, 3, 4):
                put(ws_company, r, c, None, fill=section_fill)
            r += 1
            profile_started = True
        put(ws_company, r, 1, row.id, font=muted)
        put(ws_company, r, 2, row.text, align=sub_wrap if row.option else wrap)
        put(ws_company, r, 4, row.guide, font=muted)
        value = None
        if row.question is None:
            if answers is not None:
                value = company_value(answers, row.id) or None
            put(ws_company, r, 3, value, editable=True)
        elif isinstance(row.question, MultiSelectQuestion) and row.option is None:
            put(ws_company, r, 3, None, fill=section_fill)
        else:
            value = _prefill(row, given.get(row.question.id), locale, level_names)
            put(ws_company, r, 3, value, editable=True)
            _validate_value(row, f"C{r}", ws_company, validate_list, validate_typed)
        meta_rows.append((row.id, COMPANY, r, fingerprint(row.text)))
        company_placed.append((row, r))
        r += 1

    # ---- Answers
    keys = ("col.id", "col.pillar", "col.question", "col.status", "col.value", "col.note", "col.evidence",
            "col.evidence_state", "col.guide")
    for c, key in enumerate(keys, start=1):
        put(ws_answers, 1, c, word(key, locale), font=bold, fill=head_fill)
    for r, row in enumerate(lay.answers, start=2):
        question = row.question
        assert question is not None and row.pillar is not None
        answer = given.get(question.id)
        is_main = row.option is None
        put(ws_answers, r, 1, row.id, font=muted)
        put(ws_answers, r, 2, localize(row.pillar.name, locale) if is_main else None, font=muted)
        put(ws_answers, r, 3, row.text, align=wrap if is_main else sub_wrap)
        put(ws_answers, r, 9, row.guide, font=muted)
        if is_main:
            status = None
            if answer is not None and answer.status != "answered":
                status = item(answer.status, word(f"status.{answer.status}", locale))
            put(ws_answers, r, 4, status, editable=True)
            validate_list(ws_answers, "L_status_na" if question.allow_na and question.gate is None else "L_status",
                          f"D{r}")
            if isinstance(question, MultiSelectQuestion):
                put(ws_answers, r, 5, None, fill=section_fill)
            else:
                cell = put(ws_answers, r, 5, _prefill(row, answer, locale, level_names), editable=True)
                if isinstance(question, MaturityQuestion):
                    # what each level means for this question, shown as the cell is selected: an input
                    # message, not cell text, costs the reader nothing (shared strings are parsed whole)
                    dv = DataValidation(type="list", formula1=row.list_name, allow_blank=True,
                                        showErrorMessage=True, errorStyle="stop", errorTitle=word("err.title", locale),
                                        error=word("err.list", locale), showInputMessage=True,
                                        promptTitle=word("guide.levels", locale)[:32],
                                        prompt=level_prompt(question, locale))
                    dv.add(f"E{r}")
                    ws_answers.add_data_validation(dv)
                else:
                    _validate_value(row, f"E{r}", ws_answers, validate_list, validate_typed)
                if level_notes and isinstance(question, MaturityQuestion):
                    guide = level_guide(question, locale)
                    cell.comment = Comment(guide, "assess", width=420, height=24 + 16 * guide.count("\n")
                                           + sum(len(line) // 30 for line in guide.splitlines()) * 16)
            note = answer.note if answer is not None else None
            evidence = "\n".join(answer.evidence) if answer is not None and answer.evidence else None
            state = None
            if answer is not None and (answer.evidence_state.value != "declared" or answer.evidence):
                code = answer.evidence_state.value
                state = item(code, word(f"evidence.{code}", locale))
            put(ws_answers, r, 6, note, editable=True)
            put(ws_answers, r, 7, evidence, editable=True)
            put(ws_answers, r, 8, state, editable=True)
            validate_list(ws_answers, "L_evidence", f"H{r}")
        else:
            for c in (4, 6, 7, 8):
                put(ws_answers, r, c, None)
            put(ws_answers, r, 5, _prefill(row, answer, locale, level_names), editable=True)
            validate_list(ws_answers, row.list_name or "L_yes_no", f"E{r}")
        meta_rows.append((row.id, ANSWERS, r, fingerprint(row.text)))

    # ---- Card sheets
    for ws, sheet in zip(ws_cards, card_sheets, strict=True):
        given_cards = answers.cards.get(sheet.group.id, []) if answers is not None else []
        _card_sheet(ws, sheet, given_cards, locale, level_names, put, validate_list, validate_typed,
                    fonts=(bold, muted), fills=(head_fill, input_fill))

    # ---- Meta (hidden)
    now = utc_stamp()
    values = (SHEET_FORMAT, q.id, q.version, sha256, locale, now, GENERATOR)
    for i, (key, value) in enumerate(zip(META_KEYS, values), start=1):
        put(ws_meta, i, 1, key)
        put(ws_meta, i, 2, value)
    pairs = [f"{rid}={fp}" for rid, _, _, fp in meta_rows]
    row_no = len(META_KEYS) + 1
    for start in range(0, len(pairs), FINGERPRINTS_PER_CELL):
        put(ws_meta, row_no, 1, FINGERPRINTS)
        put(ws_meta, row_no, 2, ";".join(pairs[start:start + FINGERPRINTS_PER_CELL]))
        row_no += 1
    for sheet in card_sheets:
        put(ws_meta, row_no, 1, CARD_SHEET)
        put(ws_meta, row_no, 2, sheet.group.id)
        put(ws_meta, row_no, 3, sheet.name)
        row_no += 1
    ws_meta.sheet_state = "hidden"
    ws_meta.protection.sheet = True

    # ---- Instructions
    ws_info.column_dimensions["A"].width = 110
    title = f"{localize(q.title, locale)} — {word('title', locale)}"
    put(ws_info, 1, 1, title, font=Font(bold=True, size=14))
    put(ws_info, 2, 1, f"{q.id} {q.version} · {sha256[:12]}", font=muted)
    for i, line in enumerate(INSTRUCTION_LINES.get(locale, INSTRUCTION_LINES["en"]), start=4):
        put(ws_info, i, 1, line, font=bold if i == 4 else None)
    ws_info.protection.sheet = True

    # ---- looks and protection
    widths = {"A": 14, "B": 14, "C": 60, "D": 20, "E": 40, "F": 30, "G": 28, "H": 24, "I": 34}
    for letter, width in widths.items():
        ws_answers.column_dimensions[letter].width = width
    company_widths = {"A": 30, "B": 50, "C": 40, "D": 40}
    for letter, width in company_widths.items():
        ws_company.column_dimensions[letter].width = width
    fit_rows(ws_answers, widths)
    fit_rows(ws_company, company_widths)
    fit_rows(ws_info, {"A": 110})
    add_conditional_formats(q, locale, ws_company, ws_answers, company_placed,
                            zip(lay.answers, range(2, len(lay.answers) + 2)))
    for ws in (ws_info, ws_company, ws_answers, *ws_cards):
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws_answers.print_title_rows = ws_company.print_title_rows = "1:1"
    for ws in (ws_company, ws_answers, *ws_cards):
        ws.freeze_panes = "B2" if ws is ws_company else "D2" if ws is ws_answers else f"B{CARD_FIRST_ROW}"
        prot = ws.protection
        prot.sheet = True
        prot.formatColumns = False  # allowed: widen columns
        prot.formatRows = False
        prot.autoFilter = False
        prot.sort = True
    ws_answers.auto_filter.ref = f"A1:I{len(lay.answers) + 1}"
    wb.active = 1 if answers is None else 2
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


def _asked(q: Questionnaire, sheets: list[CardSheet], answers: AnswerSet | None) -> list[CardSheet]:
    """The card sheets a template holds: every one on a blank template (nothing is known of the firm
    yet); from answers, those its profile asks and those that already hold cards."""
    if answers is None:
        return list(sheets)
    by_id = question_index(q)
    return [s for s in sheets
            if answers.cards.get(s.group.id) or group_applies(q, s.pillar, s.group, answers, by_id)]


CARD_WIDTH_MIN, CARD_KEY_WIDTH, CARD_WIDTH_MAX = 14.0, 22.0, 30.0
"""Widths of a card sheet's columns (Excel's unit: the width of '0'; a Chinese character takes two)."""


def _text_width(text: str) -> int:
    """Width of `text` in Excel's unit: two for a full-width character, one for the others."""
    return sum(2 if len(ch.encode("utf-8")) >= 3 else 1 for ch in text)


def _card_sheet(ws, sheet: CardSheet, cards: list[Card], locale: str, level_names: list[str], put,
                validate_list, validate_typed, *, fonts, fills) -> None:
    """One card sheet: the line on what a card is, the ids, the headings, and a row per card with
    drop-downs and ranges on `max_cards` rows (and on every card given, should there be more)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold, muted = fonts
    head_fill, input_fill = fills
    columns = sheet.columns
    last = get_column_letter(len(columns))
    wrap = Alignment(wrap_text=True, vertical="top")
    put(ws, 1, 1, sheet.instruction, font=bold)
    ws.merge_cells(f"A1:{last}1")
    rows = max(sheet.last_row, CARD_FIRST_ROW + len(cards) - 1)
    header_lines = 1
    for c, column in enumerate(columns, start=1):
        letter = get_column_letter(c)
        put(ws, CARD_ID_ROW, c, column.id, font=Font(color="666666", size=8))
        put(ws, CARD_HEADER_ROW, c, column.header, font=bold, fill=head_fill)
        width = min(CARD_WIDTH_MAX, max(CARD_KEY_WIDTH if c == 1 else CARD_WIDTH_MIN,
                                        _text_width(column.header) / 2 + 4))
        ws.column_dimensions[letter].width = width
        header_lines = max(header_lines, -(-_text_width(column.header) // int(width - 1)))
        ref = f"{letter}{CARD_FIRST_ROW}:{letter}{rows}"
        if column.list_name:
            validate_list(ws, column.list_name, ref)
        elif column.question is not None:
            validate_typed(ws, column.question, ref, column.guide)
        elif column.id == "key":
            # Excel and LibreOffice refuse a name typed twice; the reader checks it too
            dv = DataValidation(type="custom", formula1=f"COUNTIF(${letter}${CARD_FIRST_ROW}:${letter}${rows},"
                                f"{letter}{CARD_FIRST_ROW})<=1", allow_blank=True, showErrorMessage=True,
                                errorStyle="stop", errorTitle=word("err.title", locale),
                                error=word("err.unique", locale))
            dv.add(ref)
            ws.add_data_validation(dv)
    across = sum(ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(columns) + 1))
    ws.row_dimensions[1].height = 15 * (-(-_text_width(sheet.instruction) // int(across)) + 1)  # a line to spare
    ws.row_dimensions[CARD_HEADER_ROW].height = 15 * min(header_lines, 6) + 4
    for r in range(CARD_FIRST_ROW, rows + 1):
        card = cards[r - CARD_FIRST_ROW] if r - CARD_FIRST_ROW < len(cards) else None
        evidence, state = card_evidence(card) if card is not None else ([], None)
        for c, column in enumerate(columns, start=1):
            value = None
            if card is not None:
                value = _card_value(column, card, evidence, state, locale, level_names)
            put(ws, r, c, value, editable=True, align=wrap)
    ws.print_title_rows = f"{CARD_HEADER_ROW}:{CARD_HEADER_ROW}"


def _card_value(column: CardColumn, card: Card, evidence: list[str], state: EvidenceState | None, locale: str,
                level_names: list[str]) -> object:
    """What a card sheet's cell shows for a card of an answer file."""
    if column.id == "key":
        return card.key
    if column.id == "evidence":
        return "\n".join(evidence) or None
    if column.id == "evidence_state":
        if state is None or (state.value == "declared" and not evidence):
            return None
        return item(state.value, word(f"evidence.{state.value}", locale))
    assert column.question is not None
    answer = card.answers.get(column.question.id)
    if answer is None or answer.status != "answered" or answer.value is None:
        return None
    if column.option is not None:  # every option of an answered question: yes or no, so that none chosen reads back
        chosen = answer.value if isinstance(answer.value, list) else []
        return yes_no_items(locale)[0 if column.option in chosen else 1]
    return value_cell(column.question, answer.value, locale, level_names)


def _prefill(row: Row, answer: Answer | None, locale: str, level_names: list[str]) -> object:
    """The value cell of a row for an existing answer."""
    if answer is None or answer.status != "answered" or answer.value is None:
        return None
    question = row.question
    if row.option is not None:
        chosen = answer.value if isinstance(answer.value, list) else []
        return yes_no_items(locale)[0] if row.option in chosen else None
    return value_cell(question, answer.value, locale, level_names)


def _validate_value(row: Row, ref: str, ws, validate_list, validate_typed) -> None:
    if row.list_name:
        validate_list(ws, row.list_name, ref)
    elif row.question is not None:
        validate_typed(ws, row.question, ref)


def template_bytes(q: Questionnaire, sha256: str, locale: str = "zh", answers: AnswerSet | None = None, *,
                   level_notes: bool = False) -> bytes:
    """The .xlsx file as bytes."""
    buf = io.BytesIO()
    build_workbook(q, sha256, locale, answers, level_notes=level_notes).save(buf)
    return buf.getvalue()


def write_template(path: str | Path, q: Questionnaire, sha256: str, locale: str = "zh",
                   answers: AnswerSet | None = None, *, level_notes: bool = False) -> Path:
    """Write the answer sheet atomically; a pre-filled one is readable only by its owner."""
    from assess.content.answer_file import write_atomic

    path = Path(path)
    data = template_bytes(q, sha256, locale, answers, level_notes=level_notes)
    write_atomic(path, data, mode=0o600 if answers is not None else 0o644)
    return path
