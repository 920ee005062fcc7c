"""The Excel answer sheet: its format, and the openpyxl writer of blank or pre-filled sheets.

A consultant sends the sheet to a plant, the plant fills it in Excel, WPS or LibreOffice and sends
it back; `assess.io.sheet_reader` reads it. Both sides share the constants of this module (sheet
names, column keys, the `code — label` convention, fingerprints), and nothing else: the reader
never imports openpyxl, which is loaded only inside `build_workbook`.

The format (`assess-answer-sheet/1`):
- **Instructions**: how to fill the sheet.
- **Company**: `id | item | value | guide`; the company and respondent fields (`company.name`, ...)
  then the profile questions. A multi-select question has one sub-row per option, id `Q:option`.
- **Answers**: `id | pillar | question | status | value | note | evidence | evidence state |
  guide`, one row per question, multi-select options as sub-rows `Q:option`.
- **Lists** (hidden): every drop-down's items as a cell range with a defined name. Excel silently
  drops an inline list over 255 characters, and a comma in a label would split an item.
- **Meta** (hidden): questionnaire id, version, hash and locale, then one fingerprint per row of
  the question (or option) text as written, so an edited wording is noticed.

Every drop-down item starts with a stable code (`3 — 集成级`, `yes — 是`, `na — 不适用`); the reader
keeps what stands before ` — `, so labels may change between languages and versions. Questions
are matched by id, never by text. Question text is locked, answer cells are not; protection and
freeze panes are a convenience only (LibreOffice drops structure locks and panes on re-save), the
reader checks content.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assess import __version__
from assess.answers import Answer, AnswerSet
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    Pillar,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
    localize,
)
from assess.vocabulary import mapping

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl import Workbook

SHEET_FORMAT = "assess-answer-sheet/1"
"""Format id written to Meta!B1; the reader refuses a sheet of another format."""

INSTRUCTIONS, COMPANY, ANSWERS, LISTS, META = "Instructions", "Company", "Answers", "Lists", "Meta"
SHEETS = (INSTRUCTIONS, COMPANY, ANSWERS, LISTS, META)

SEP = " — "
"""Between an item's code and its label: `3 — 集成级`."""

SUB = ":"
"""Between a multi-select question's id and an option id: `G03:encrypt`."""

ANSWER_COLUMNS = ("id", "pillar", "question", "status", "value", "note", "evidence", "evidence_state", "guide")
COMPANY_COLUMNS = ("id", "question", "value", "guide")

COMPANY_FIELDS = ("company.name", "company.sector", "company.region", "company.contact",
                  "respondent.name", "respondent.role")

STATUS_CODES = ("answered", "na", "dont_know")
EVIDENCE_CODES = ("declared", "documented", "verified")
YES, NO = "yes", "no"

META_KEYS = ("format", "questionnaire_id", "questionnaire_version", "questionnaire_sha256", "locale",
             "generated_at", "generator")
FINGERPRINTS = "fingerprints"
"""Meta rows keyed `fingerprints` hold `id=fingerprint` pairs joined by `;`, as many rows as needed
(a cell holds at most 32,767 characters). Compact on purpose: the reader parses every cell of Meta."""
FINGERPRINTS_PER_CELL = 1000

# --------------------------------------------------------------------------- words

WORDS: dict[str, dict[str, str]] = {
    # column headings (the reader recognises a column by any of its headings, in any language)
    "col.id": {"zh": "编号", "en": "ID"},
    "col.pillar": {"zh": "领域", "en": "Pillar"},
    "col.question": {"zh": "问题", "en": "Question"},
    "col.item": {"zh": "项目", "en": "Item"},
    "col.status": {"zh": "状态", "en": "Status"},
    "col.value": {"zh": "答案", "en": "Answer"},
    "col.note": {"zh": "备注", "en": "Note"},
    "col.evidence": {"zh": "证据（文件名、链接或编号，每行一项）",
                     "en": "Evidence (file, link or record; one per line)"},
    "col.evidence_state": {"zh": "证据状态", "en": "Evidence state"},
    "col.guide": {"zh": "填写说明", "en": "How to answer"},
    # statuses, evidence states, yes/no
    "status.answered": mapping("status.answered"),
    "status.na": mapping("status.na"),
    "status.dont_know": mapping("status.dont_know"),
    "evidence.declared": mapping("evidence.declared"),
    "evidence.documented": mapping("evidence.documented"),
    "evidence.verified": mapping("evidence.verified"),
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    # company fields
    "company.name": {"zh": "企业名称", "en": "Company name"},
    "company.sector": {"zh": "所属行业", "en": "Sector"},
    "company.region": {"zh": "所在省份/地区", "en": "Province or region"},
    "company.contact": {"zh": "联系人或邮箱", "en": "Contact person or e-mail"},
    "respondent.name": {"zh": "填写人", "en": "Respondent"},
    "respondent.role": {"zh": "填写人职务", "en": "Respondent's role"},
    "profile": {"zh": "企业画像（决定哪些问题适用）", "en": "Profile (decides which questions apply)"},
    # guides
    "guide.maturity": {"zh": "从下拉列表选择 0–5 级", "en": "choose a level 0–5 from the list"},
    "guide.yes_no": {"zh": "选择 yes（是）或 no（否）", "en": "choose yes or no"},
    "guide.percentage": {"zh": "填写 0–100 的数字（百分比，不带 %）", "en": "a number 0–100 (per cent, without %)"},
    "guide.number": {"zh": "填写数字", "en": "a number"},
    "guide.single": {"zh": "从下拉列表选择一项", "en": "choose one item from the list"},
    "guide.multi": {"zh": "在下方每个选项行选择 yes（可多选）", "en": "choose yes on each option row below"},
    "guide.option": {"zh": "选中填 yes", "en": "yes if it applies"},
    "guide.text": {"zh": "自由填写", "en": "free text"},
    "guide.text_max": {"zh": "最多 {n} 字", "en": "at most {n} characters"},
    "guide.range": {"zh": "范围 {lo} – {hi}", "en": "from {lo} to {hi}"},
    "guide.min": {"zh": "不小于 {lo}", "en": "at least {lo}"},
    "guide.max": {"zh": "不大于 {hi}", "en": "at most {hi}"},
    "guide.unit": {"zh": "单位：{u}", "en": "unit: {u}"},
    "guide.na": {"zh": "可选“不适用”", "en": "N/A allowed"},
    "guide.gate": {"zh": "必备项（法规或安全要求）", "en": "must-have (law or safety)"},
    "guide.company": {"zh": "自由填写", "en": "free text"},
    # validation messages
    "err.title": {"zh": "输入无效", "en": "Invalid entry"},
    "err.list": {"zh": "请从下拉列表中选择。", "en": "Please choose from the drop-down list."},
    "err.percentage": {"zh": "请填写 0 到 100 之间的数字。", "en": "Please enter a number from 0 to 100."},
    "err.number": {"zh": "请填写允许范围内的数字：{r}", "en": "Please enter a number {r}."},
    "err.text": {"zh": "文字过长：最多 {n} 字。", "en": "Too long: at most {n} characters."},
    "prompt.status": {"zh": "留空即视为“已回答”。", "en": "Leave blank to mean 'answered'."},
    # instructions
    "title": {"zh": "答卷", "en": "Answer sheet"},
}

INSTRUCTION_LINES: dict[str, list[str]] = {
    "zh": [
        "填写步骤",
        "1. 在“Company”表填写企业信息和企业画像问题；画像决定哪些问题适用。",
        "2. 在“Answers”表逐题作答：黄色单元格可填写，其余单元格已锁定。",
        "3. “状态”留空即视为已回答；无法回答时选“不清楚”；仅在允许时可选“不适用”。",
        "4. “答案”请从下拉列表选择；百分比填 0–100 的数字；多选题在每个选项行选择 yes。",
        "5. 可在“备注”“证据”中说明依据；“证据状态”默认为“自述”。",
        "6. 请勿修改编号列和问题文字，请勿插入、删除或复制行，请勿重命名工作表，请勿输入公式。",
        "7. 保存为 .xlsx 格式后交回（Excel、WPS、LibreOffice 均可）。",
        "",
        "本表按编号读取答案；修改问题文字、删除行或改错版本都会在导入时被逐条指出。",
    ],
    "en": [
        "How to fill in this sheet",
        "1. On 'Company', give the company's details and answer the profile questions: they decide "
        "which questions apply.",
        "2. On 'Answers', answer each question: yellow cells are for you, the others are locked.",
        "3. A blank status means 'answered'; choose 'don't know' when you cannot answer, and 'not "
        "applicable' only where it is offered.",
        "4. Choose answers from the drop-down lists; percentages are numbers from 0 to 100; on a "
        "multi-select question choose yes on each option row that applies.",
        "5. Notes and evidence say what backs an answer; the evidence state is 'stated only' unless "
        "you choose otherwise.",
        "6. Do not change the ID column or the question text, do not insert, delete or copy rows, do "
        "not rename sheets, and do not type formulas.",
        "7. Save as .xlsx and send it back (Excel, WPS and LibreOffice all work).",
        "",
        "Answers are read by ID; edited questions, deleted rows or a wrong version are each reported "
        "when the sheet is read.",
    ],
}


def word(key: str, locale: str) -> str:
    return localize(WORDS[key], locale)


def item(code: str, label: str) -> str:
    """A drop-down item: the stable code, then the label (`3 — 集成级`)."""
    label = " ".join(label.split())
    return f"{code}{SEP}{label}" if label and label != code else code


def fingerprint(text: str) -> str:
    """16 hex digits identifying a question's wording, blind to width, case and spacing."""
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


_FORMULA_START = re.compile(r"^[=+\-@\t\r]")


# --------------------------------------------------------------------------- layout


@dataclass(slots=True)
class Row:
    """One row of the Company or Answers sheet as the template lays it out."""

    id: str
    text: str
    """The question or option text (or the company field's label)."""
    question: QuestionBase | None = None
    option: str | None = None
    """Option id of a multi-select sub-row."""
    pillar: Pillar | None = None
    list_name: str | None = None
    """Defined name of the value drop-down, if any."""
    guide: str = ""


@dataclass(slots=True)
class Layout:
    """Where everything goes: the rows of both sheets and the drop-down lists."""

    company: list[Row] = field(default_factory=list)
    answers: list[Row] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    """Defined name -> items, in Lists sheet column order."""


def _fmt(x: float) -> str:
    return f"{x:g}"


def _guide(question: QuestionBase, locale: str) -> str:
    kind = question.type  # type: ignore[attr-defined]
    parts = [word(f"guide.{kind}", locale)]
    if isinstance(question, NumberQuestion):
        if question.min is not None and question.max is not None:
            parts.append(word("guide.range", locale).format(lo=_fmt(question.min), hi=_fmt(question.max)))
        elif question.min is not None:
            parts.append(word("guide.min", locale).format(lo=_fmt(question.min)))
        elif question.max is not None:
            parts.append(word("guide.max", locale).format(hi=_fmt(question.max)))
        if question.unit:
            parts.append(word("guide.unit", locale).format(u=localize(question.unit, locale)))
    if isinstance(question, TextQuestion) and question.max_length:
        parts.append(word("guide.text_max", locale).format(n=question.max_length))
    if question.allow_na and question.gate is None:
        parts.append(word("guide.na", locale))
    if question.gate is not None:
        parts.append(word("guide.gate", locale))
    return "; ".join(parts) if locale != "zh" else "；".join(parts)


def value_items(question: QuestionBase, locale: str, level_names: list[str] | None = None) -> list[str] | None:
    """The drop-down items of a question's value cell, or None when it takes a typed value.

    A maturity question offers the scale's level names (`3 — 集成级`), shared by every maturity
    question; its own level descriptors go into the cell's comment (`level_guide`), so the shared
    strings every reader parses stay small."""
    if isinstance(question, MaturityQuestion):
        names = level_names or []
        return [item(str(i), names[i] if i < len(names) else "") for i in range(len(question.levels))]
    if isinstance(question, YesNoQuestion):
        return yes_no_items(locale)
    if isinstance(question, SingleSelectQuestion):
        return [item(o.id, localize(o.label, locale)) for o in question.options]
    return None


def level_guide(question: MaturityQuestion, locale: str) -> str:
    """The levels of a maturity question, one per line, for the value cell's comment."""
    return "\n".join(f"{i} — {' '.join(localize(lev.descriptor, locale).split())}"
                     for i, lev in enumerate(question.levels))


def yes_no_items(locale: str) -> list[str]:
    return [item(YES, word("yes", locale)), item(NO, word("no", locale))]


def status_items(locale: str, allow_na: bool) -> list[str]:
    codes = STATUS_CODES if allow_na else ("answered", "dont_know")
    return [item(c, word(f"status.{c}", locale)) for c in codes]


def evidence_items(locale: str) -> list[str]:
    return [item(c, word(f"evidence.{c}", locale)) for c in EVIDENCE_CODES]


def layout(q: Questionnaire, locale: str) -> Layout:
    """The rows of the Company and Answers sheets and the drop-down lists, in order."""
    out = Layout()
    names: dict[tuple[str, ...], str] = {}

    def list_for(items: list[str], hint: str) -> str:
        key = tuple(items)
        if key not in names:
            name = f"L_{hint}" if hint else f"L_{len(names) + 1}"
            name = re.sub(r"[^A-Za-z0-9_]", "_", name)
            while name in out.lists:
                name += "_"
            names[key] = name
            out.lists[name] = items
        return names[key]

    list_for(status_items(locale, True), "status_na")
    list_for(status_items(locale, False), "status")
    list_for(evidence_items(locale), "evidence")
    list_for(yes_no_items(locale), "yes_no")

    level_names = [localize(n, locale) for n in q.scoring.levels.names]

    def rows_of(question: QuestionBase, pillar: Pillar | None) -> Iterator[Row]:
        items = value_items(question, locale, level_names)
        hint = "yes_no" if isinstance(question, YesNoQuestion) else "level" if isinstance(
            question, MaturityQuestion) else question.id
        name = list_for(items, hint) if items else None
        yield Row(question.id, localize(question.prompt, locale), question, None, pillar, name,
                  _guide(question, locale))
        if isinstance(question, MultiSelectQuestion):
            for o in question.options:
                yield Row(f"{question.id}{SUB}{o.id}", localize(o.label, locale), question, o.id, pillar,
                          names[tuple(yes_no_items(locale))], word("guide.option", locale))

    for key in COMPANY_FIELDS:
        out.company.append(Row(key, word(key, locale), guide=word("guide.company", locale)))
    for question in q.profile:
        out.company.extend(rows_of(question, None))
    for pillar in q.pillars:
        for question in pillar.questions:
            out.answers.extend(rows_of(question, pillar))
    return out


# --------------------------------------------------------------------------- pre-filled values


def value_cell(question: QuestionBase, value: object, locale: str, level_names: list[str] | None = None) -> object:
    """What the value cell shows for an answered value (a drop-down item, a number or text)."""
    if value is None:
        return None
    if isinstance(question, MaturityQuestion) and isinstance(value, int):
        items = value_items(question, locale, level_names) or []
        return items[value] if 0 <= value < len(items) else value
    if isinstance(question, YesNoQuestion) and isinstance(value, bool):
        return yes_no_items(locale)[0 if value else 1]
    if isinstance(question, SingleSelectQuestion):
        for o in question.options:
            if o.id == value:
                return item(o.id, localize(o.label, locale))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return value


def company_value(answers: AnswerSet, key: str) -> str:
    part, _, name = key.partition(".")
    return getattr(getattr(answers, part), name, "") or ""


# --------------------------------------------------------------------------- writer


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

    def validate_typed(ws, question: QuestionBase, ref: str) -> None:
        dv = None
        if isinstance(question, PercentageQuestion):
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                                error=word("err.percentage", locale))
        elif isinstance(question, NumberQuestion) and (question.min is not None or question.max is not None):
            lo, hi = question.min, question.max
            if lo is not None and hi is not None:
                dv = DataValidation(type="decimal", operator="between", formula1=_fmt(lo), formula2=_fmt(hi))
                rng = word("guide.range", locale).format(lo=_fmt(lo), hi=_fmt(hi))
            elif lo is not None:
                dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=_fmt(lo))
                rng = word("guide.min", locale).format(lo=_fmt(lo))
            else:
                dv = DataValidation(type="decimal", operator="lessThanOrEqual", formula1=_fmt(hi))
                rng = word("guide.max", locale).format(hi=_fmt(hi))
            dv.error = word("err.number", locale).format(r=rng)
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

    # ---- Meta (hidden)
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    values = (SHEET_FORMAT, q.id, q.version, sha256, locale, now, f"assess {__version__}")
    for i, (key, value) in enumerate(zip(META_KEYS, values), start=1):
        put(ws_meta, i, 1, key)
        put(ws_meta, i, 2, value)
    pairs = [f"{rid}={fp}" for rid, _, _, fp in meta_rows]
    row_no = len(META_KEYS) + 1
    for start in range(0, len(pairs), FINGERPRINTS_PER_CELL):
        put(ws_meta, row_no, 1, FINGERPRINTS)
        put(ws_meta, row_no, 2, ";".join(pairs[start:start + FINGERPRINTS_PER_CELL]))
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
    for letter, width in {"A": 20, "B": 50, "C": 40, "D": 40}.items():
        ws_company.column_dimensions[letter].width = width
    for ws in (ws_info, ws_company, ws_answers):
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws_answers.print_title_rows = "1:1"
    for ws in (ws_company, ws_answers):
        ws.freeze_panes = "B2" if ws is ws_company else "D2"
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
    from assess.io.answerfile import write_atomic

    path = Path(path)
    data = template_bytes(q, sha256, locale, answers, level_notes=level_notes)
    write_atomic(path, data, mode=0o600 if answers is not None else 0o644)
    return path
