"""The Excel answer sheet: its format, shared by its writer (`assess.excel.sheet_writer`) and its reader.

A consultant sends the sheet to a plant, the plant fills it in Excel, WPS or LibreOffice and sends
it back; `assess.excel.sheet_reader` reads it. Both sides share the constants of this module (sheet
names, column keys, the drop-down items, fingerprints), and nothing else: the reader
never imports openpyxl, which is loaded only inside `build_workbook`.

The format (`assess-answer-sheet/1`):
- **Instructions**: how to fill the sheet.
- **Company**: `id | item | value | guide`; the company and respondent fields (`company.name`, ...)
  then the profile questions. A multi-select question has one sub-row per option, id `Q:option`.
- **Answers**: `id | pillar | question | status | value | note | evidence | evidence state |
  guide`, one row per question, multi-select options as sub-rows `Q:option`.
- **Card sheets**, one per repeatable group (named after the group, e.g. 典型场景): row 1 says what
  one card is; row 2 holds the column ids (`key`, question ids, `Q:option` for a multi-select
  option, `evidence`, `evidence_state`); row 3 the headings (the item key's prompt, then each
  question's); from row 4, one card per row, `max_cards` rows with drop-downs and ranges.
- **Lists** (hidden): every drop-down's items as a cell range with a defined name. Excel silently
  drops an inline list over 255 characters, and a comma in a label would split an item.
- **Meta** (hidden): questionnaire id, version, hash and locale, then one fingerprint per row of
  the question (or option) text as written, so an edited wording is noticed, then one row
  `card_sheet | group id | sheet name` per card sheet.

Drop-down items are labels in the sheet's language (是, 不适用, 中型企业（…）), a level with its number
(`3 — 集成级`); the reader reads a label in either language, a bare code, and the `code — label` items
earlier sheets offered (keeping what stands before ` — `). Questions are matched by id, never by
text. Question text is locked, answer cells are not; protection and freeze panes are a convenience
only (LibreOffice drops structure locks and panes on re-save), the reader checks content.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from assess import __version__
from assess.answers import AnswerSet, Card
from assess.excel.a1 import sheet_title
from assess.memo import per_object
from assess.model import (
    CardGroup,
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    Pillar,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
    localize,
)

SHEET_FORMAT = "assess-answer-sheet/1"
"""Format id written to Meta!B1; the reader refuses a sheet of another format."""

INSTRUCTIONS, COMPANY, ANSWERS, LISTS, META = "Instructions", "Company", "Answers", "Lists", "Meta"
SHEETS = (INSTRUCTIONS, COMPANY, ANSWERS, LISTS, META)

SEP = " — "
"""Between an item's code and its label: `3 — 集成级`."""

SUB = ":"
"""Between a multi-select question's id and an option id: `G03:encrypt`."""

ANSWER_COLUMNS = ("id", "pillar", "question", "status", "value", "note", "evidence", "evidence_state", "guide")

COMPANY_FIELDS = ("company.name", "company.sector", "company.region", "company.contact",
                  "respondent.name", "respondent.role")

STATUS_CODES = ("answered", "na", "dont_know")
EVIDENCE_CODES = ("declared", "documented", "verified")
YES, NO = "yes", "no"

META_KEYS = ("format", "questionnaire_id", "questionnaire_version", "questionnaire_sha256", "locale",
             "generated_at", "generator")
GENERATOR = f"assess {__version__}"
"""The Meta sheet's `generator`: which version of this tool wrote a template (its how-to-answer texts
are this version's own only when it is this one)."""
FINGERPRINTS = "fingerprints"
"""Meta rows keyed `fingerprints` hold `id=fingerprint` pairs joined by `;`, as many rows as needed
(a cell holds at most 32,767 characters). Compact on purpose: the reader parses every cell of Meta."""
FINGERPRINTS_PER_CELL = 1000
CARD_SHEET = "card_sheet"
"""Meta rows keyed `card_sheet` name the sheet of a card group: `card_sheet | group id | sheet name`."""

CARD_KEY, CARD_EVIDENCE, CARD_STATE = "key", "evidence", "evidence_state"
"""Ids of a card sheet's own columns (the others are question ids, or `Q:option`)."""
CARD_ID_ROW, CARD_HEADER_ROW, CARD_FIRST_ROW = 2, 3, 4
"""1-based rows of a card sheet: the column ids, the headings, the first card."""
CARD_EVIDENCE_CODES = ("declared", "documented")
"""What a respondent may say of a card's evidence: only a reviewer marks it verified."""
RESERVED_SHEETS = frozenset(n.casefold() for n in (*SHEETS, "History"))
"""Names a card sheet cannot take: the answer sheet's own, and one Excel keeps for itself."""

# --------------------------------------------------------------------------- words

from assess.text.format import number  # noqa: E402
from assess.text.sheet_labels import EARLIER_HEADINGS, INSTRUCTION_LINES, WORDS  # noqa: E402, F401 - the format's words


def word(key: str, locale: str) -> str:
    return localize(WORDS[key], locale)


def row_name(rid: str) -> dict[str, str] | str:
    """A row's id as a plant reads it in a message: a company's field by its words (企业名称, not
    company.name), a question by its id."""
    return WORDS[rid] if rid in COMPANY_FIELDS else rid


def item(code: str, label: str) -> str:
    """A drop-down item as a plant reads it: the label alone, in the sheet's language (是, 不适用,
    中型企业（…）); a level keeps its number before its name (`3 — 集成级`), the number being what
    the scale counts. The reader knows each label (they differ within a question: `assess
    validate`), and reads the `code — label` items of earlier sheets as well."""
    label = " ".join(label.split())
    if code.isdigit():
        return f"{code}{SEP}{label}" if label else code
    return label or code


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
class CardColumn:
    """One column of a card sheet."""

    id: str
    """`key`, a question id, `Q:option`, `evidence` or `evidence_state` (row 2)."""
    header: str
    """The heading (row 3)."""
    question: QuestionBase | None = None
    option: str | None = None
    """Option id of a multi-select question's column."""
    list_name: str | None = None
    guide: str = ""
    """How to fill the column: Excel shows it when a cell is selected."""


@dataclass(slots=True)
class CardSheet:
    """The sheet of one card group."""

    group: CardGroup
    pillar: Pillar
    name: str
    instruction: str
    """Row 1: what one card is, and the rules of the table."""
    columns: list[CardColumn] = field(default_factory=list)

    @property
    def last_row(self) -> int:
        """The last row (1-based) with drop-downs: `max_cards` rows from the first card's."""
        return CARD_FIRST_ROW + self.group.max_cards - 1


@dataclass(slots=True)
class Layout:
    """Where everything goes: the rows of both sheets, the card sheets and the drop-down lists."""

    company: list[Row] = field(default_factory=list)
    answers: list[Row] = field(default_factory=list)
    cards: list[CardSheet] = field(default_factory=list)
    """Every card group's sheet, in questionnaire order (the writer leaves out those not asked)."""
    lists: dict[str, list[str]] = field(default_factory=dict)
    """Defined name -> items, in Lists sheet column order."""


def _fmt(x: float) -> str:
    return number(x)


def range_text(question: NumberQuestion, locale: str) -> str:
    """The values a number question accepts, in words ("范围 0 – 100"), or "" when it has no bounds."""
    lo, hi = question.min, question.max
    if lo is not None and hi is not None:
        return word("guide.range", locale).format(lo=_fmt(lo), hi=_fmt(hi))
    if lo is not None:
        return word("guide.min", locale).format(lo=_fmt(lo))
    if hi is not None:
        return word("guide.max", locale).format(hi=_fmt(hi))
    return ""


def _guide(question: QuestionBase, locale: str) -> str:
    kind = question.type  # type: ignore[attr-defined]
    parts = [word(f"guide.{kind}", locale)]
    if isinstance(question, NumberQuestion):
        bounds = range_text(question, locale)
        if bounds:
            parts.append(bounds)
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
    question; its own level descriptors go into the cell's input message (`level_prompt`), so the
    shared strings every reader parses stay small."""
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


PROMPT_LIMIT = 255
"""Excel refuses a data validation's input message longer than this."""


def level_prompt(question: MaturityQuestion, locale: str, limit: int = PROMPT_LIMIT) -> str:
    """The levels of a maturity question in at most `limit` characters, one per line: every level
    keeps its start, the longest are cut (with …) to the same length."""
    texts = [" ".join(localize(lev.descriptor, locale).split()) for lev in question.levels]
    heads = [f"{i} " for i in range(len(texts))]
    room = limit - sum(map(len, heads)) - (len(texts) - 1)

    def fit(cap: int) -> list[str]:
        return [t if len(t) <= cap else t[:max(cap - 1, 0)] + "…" for t in texts]

    cap = max(map(len, texts), default=0)
    while cap > 1 and sum(map(len, fit(cap))) > room:
        cap -= 1
    return "\n".join(h + t for h, t in zip(heads, fit(cap), strict=True))[:limit]


def yes_no_items(locale: str) -> list[str]:
    return [item(YES, word("yes", locale)), item(NO, word("no", locale))]


def status_items(locale: str, allow_na: bool) -> list[str]:
    codes = STATUS_CODES if allow_na else ("answered", "dont_know")
    return [item(c, word(f"status.{c}", locale)) for c in codes]


def evidence_items(locale: str, codes: tuple[str, ...] = EVIDENCE_CODES) -> list[str]:
    """The evidence states offered in a drop-down."""
    return [item(c, word(f"evidence.{c}", locale)) for c in codes]


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
    # only a reviewer verifies where the policy says so: the respondent's list then stops at documented
    respondent_codes = EVIDENCE_CODES if q.scoring.respondent_verifies else CARD_EVIDENCE_CODES
    list_for(evidence_items(locale, respondent_codes), "evidence")
    list_for(yes_no_items(locale), "yes_no")
    # the same items as the respondent's list when the policy lets no respondent verify: then one list,
    # and its name is the one the card sheets must give
    card_evidence = list_for(evidence_items(locale, CARD_EVIDENCE_CODES), "card_evidence")

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

    sheet_names = card_sheet_names(q, locale)
    for pillar, group in q.card_groups():
        sheet = CardSheet(group, pillar, sheet_names[group.id], card_instruction(group, locale))
        sheet.columns.append(CardColumn(CARD_KEY, localize(group.key, locale), guide=word("guide.text", locale)))
        for question in group.questions:
            for row in rows_of(question, pillar):
                header = localize(question.prompt, locale)
                if row.option is not None:
                    header = word("card.option", locale).format(prompt=header, option=row.text)
                elif isinstance(question, NumberQuestion) and question.unit:
                    header = word("card.unit", locale).format(prompt=header, unit=localize(question.unit, locale))
                elif isinstance(question, MultiSelectQuestion):
                    continue  # answered on its options' columns
                sheet.columns.append(CardColumn(row.id, header, question, row.option, row.list_name, row.guide))
        sheet.columns.append(CardColumn(CARD_EVIDENCE, word("col.evidence", locale)))
        sheet.columns.append(CardColumn(CARD_STATE, word("col.evidence_state", locale), list_name=card_evidence))
        out.cards.append(sheet)
    return out


def card_sheet_names(q: Questionnaire, locale: str) -> dict[str, str]:
    """Group id -> the name of its sheet: the group's name in `locale`, made a valid sheet name
    unlike any other of the workbook."""
    taken = set(RESERVED_SHEETS)
    return {group.id: sheet_title(localize(group.name, locale), taken, group.id) for _, group in q.card_groups()}


def card_instruction(group: CardGroup, locale: str) -> str:
    """Row 1 of a card sheet: what one card is and the rules of the table, in one line."""
    first = word("card.one", locale).format(item=localize(group.item, locale))
    about = localize(group.description, locale).strip().rstrip("。.")
    if about:
        first += f"（{about}）" if locale == "zh" else f" ({about})"
    parts = [first, word("card.key", locale).format(key=localize(group.key, locale)),
             word("card.max", locale).format(n=group.max_cards), word("card.blank", locale),
             word("card.state", locale)]
    return "；".join(parts) + "。" if locale == "zh" else "; ".join(parts) + "."


def card_answer_key(group: str, question: str, card: str) -> str:
    """How a card's answer not used is listed beside the questions' ("rejected": what was typed, by
    this key): `group:question:card`. Ids hold no colon, so the card's name may hold anything. A whole
    card row not read has no question, and its cell for a name: `group::典型场景!A5`."""
    return f"{group}{SUB}{question}{SUB}{card}"


def card_answer_of(key: str) -> tuple[str, str, str] | None:
    """(group, question, card) of a `card_answer_key`, or None for a question's own answer."""
    parts = key.split(SUB, 2)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def card_evidence(card: Card) -> tuple[list[str], EvidenceState | None]:
    """The evidence of a card, one cell for all its answers: every reference given, and the weakest
    state among its answers (None without answers), so that a card never reads better backed than
    its least backed answer."""
    refs: dict[str, None] = {}
    order = list(EvidenceState)
    state = None
    for answer in card.answers.values():
        refs.update(dict.fromkeys(answer.evidence))
        if state is None or order.index(answer.evidence_state) < order.index(state):
            state = answer.evidence_state
    return list(refs), state


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


@per_object(8)  # laying the template out costs as much as reading a sheet's answers
def expected_rows(q: Questionnaire, locale: str) -> dict[str, tuple[str, int, str, str, str]]:
    """Row id -> (sheet, row, fingerprint, text, how to answer) as the template lays them out for `locale`."""
    lay = layout(q, locale)
    rows: dict[str, tuple[str, int, str, str, str]] = {}
    r = 2
    for row in lay.company:
        if row.question is not None and r == 2 + len(COMPANY_FIELDS):
            r += 1  # the profile heading
        rows[row.id] = (COMPANY, r, fingerprint(row.text), row.text.strip(), row.guide.strip())
        r += 1
    for i, row in enumerate(lay.answers, start=2):
        rows[row.id] = (ANSWERS, i, fingerprint(row.text), row.text.strip(), row.guide.strip())
    return rows
