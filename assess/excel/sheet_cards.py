"""The card sheets of a filled answer sheet, read into `AnswerSet.cards`.

Each repeatable group has its own sheet (`sheet_format.CardSheet`): found by the name the Meta
sheet records, else by its name in either language, else by its id row (a renamed sheet). Its
columns are matched by the ids of row 2, never by their headings. Each row is one card: its cells
are converted as question rows are (`sheet_values`: a percent-formatted cell as the per cent it
shows, level words and names, yes/no words, a status word such as 不适用 as that status) and judged
by `rules`. A cell that cannot be used is named with its card and left out, never
guessed; a row without a key, a key used twice and cards beyond `max_cards` are named too. Blank
rows are skipped without a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assess.answers import Answer, AnswerSet, Card, Value
from assess.excel import sheet_format as T
from assess.excel.a1 import Cell, col_letter
from assess.excel.sheet_cells import SHARED_FORMULA, Rows, Span
from assess.excel.sheet_links import linked
from assess.excel.sheet_values import (
    EVIDENCE_STATES,
    EVIDENCE_WORDS,
    cell_fault,
    cell_text,
    evidence_fault,
    evidence_list,
    fix_for,
    lookup,
    norm,
    parse_value,
    reading_names,
    simplified,
    status_word,
    yes_no,
)
from assess.model import (
    CardGroup,
    EvidenceState,
    MultiSelectQuestion,
    Pillar,
    QuestionBase,
    Questionnaire,
    TextQuestion,
    localize,
)
from assess.problems import Msg, Problem, Severity, msg
from assess.rules import check_answer, check_value, group_applies, question_index
from assess.text.clean import Kind

ID_ROWS_SEARCHED = 6
"""The id row is looked for among a card sheet's first rows (row 2 in the template)."""
MAX_KEYS_LISTED = 10
"""Keys named in one problem about cards beyond `max_cards`."""

Load = Callable[[str], Rows]


@dataclass(slots=True)
class Column:
    """A card sheet's column, as its id row names it (0-based index)."""

    index: int
    question: QuestionBase | None = None
    option: str | None = None


TOTAL_WORDS = frozenset({"合计", "总计", "小计", "汇总", "共计", "合 计", "总 计", "total", "totals", "subtotal",
                         "sum", "grand total"})
"""What the key cell of a row says when it sums the cards above it (normalised)."""
NO_CARD = frozenset({"无", "暂无", "没有", "无此项", "暂缺", "n/a", "none", "nil", "null"})
"""What a plant writes as a card's name when it has none to give (normalised); a dash or slash alone too."""
_TOTAL = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(TOTAL_WORDS, key=len, reverse=True))
                    + r")\s*[:：]?\s*(?:\d+\s*(?:个|项|张|条|家)?)?")
"""A total's key: the word, then at most a colon and a count (共计3个, 合计：5)."""
_EXAMPLE = re.compile(r"(?:例如|比如|举例|e\.g\.|for example)")
"""How a card's name begins when it is the instructions' example copied into a row (例如“冲压件外观缺陷视觉
检测”), not one of the plant's own; a name such as 示例线改造 or Example Corp line is a card."""


def find_card_sheets(q: Questionnaire, names: list[str], pinned: dict[str, str], locale: str, load: Load,
                     skip: set[str]) -> dict[str, tuple[str, Rows]]:
    """Group id -> (sheet name, rows) of each card sheet found: by the name Meta records (`pinned`),
    by its name in `locale` or any other, else by its id row. Sheets in `skip` (the other sheets of
    the answer sheet, those too large) are never taken for a card sheet."""
    found: dict[str, tuple[str, Rows]] = {}
    used = set(skip)
    lowered = {n.strip().casefold(): n for n in names}
    expected = {loc: T.card_sheet_names(q, loc) for loc in dict.fromkeys([locale, *q.locales])}
    groups = [g for _, g in q.card_groups()]
    for group in groups:
        wanted = [pinned.get(group.id, ""), *(by_loc[group.id] for by_loc in expected.values())]
        for name in wanted:
            name = name if name in names else lowered.get(name.strip().casefold(), "")
            if name and name not in used:
                found[group.id] = (name, load(name))
                used.add(name)
                break
    for group in groups:
        if group.id in found:
            continue
        for name in names:
            if name in used:
                continue
            rows = load(name)
            if _id_row(rows, group) is not None:
                found[group.id] = (name, rows)
                used.add(name)
                break
    return found


def _id_row(rows: Rows, group: CardGroup) -> int | None:
    """The 0-based row holding a card sheet's column ids: `key`, then ids of `group`'s questions."""
    ids = {question.id for question in group.questions}
    for r, row in enumerate(rows[:ID_ROWS_SEARCHED]):
        texts = [_id(v) for v in row]
        if T.CARD_KEY in texts and any(t.partition(T.SUB)[0] in ids for t in texts):
            return r
    return None


def _id(v: object) -> str:
    text = cell_text(v)
    return text if text.isascii() else unicodedata.normalize("NFKC", text).strip()


class CardReader:
    """Reads the card sheets of one answer sheet: collects cards and problems."""

    def __init__(self, q: Questionnaire, label: str, locale: str,
                 formulas: Callable[[str], dict[tuple[int, int], str]],
                 percents: Callable[[str], set[tuple[int, int]]] | None = None,
                 merged: Callable[[str], list[Span]] | None = None, company: str = T.COMPANY,
                 links: Callable[[str, Rows], dict[tuple[int, int], str]] | None = None,
                 hidden: Callable[[str], set[int]] | None = None):
        self.q = q
        self.hidden = hidden
        """A sheet's hidden rows, 1-based."""
        self.links = links
        """A sheet's cells (row, col), 1-based, that link to a document or page, with where (`sheet_links`)."""
        self.company = company
        """The plant's Company sheet, as named (`Company (2)` for a second plant)."""
        self.merged = merged
        """A sheet's merged ranges."""
        self.label = label
        self.locale = locale
        """The answer sheet's language: the one its headings and names are in."""
        self.rejected: dict[str, str | dict[str, str]] = {}
        """`card_answer_key` -> what was typed, for each card answer that could not be used (a multiple
        choice's: option id -> its cell's text)."""
        self.formulas = formulas
        self.percents = percents
        """A sheet's cells (row, col), 1-based, with a percent number format."""
        self.names = reading_names(q)
        self.problems: list[Problem] = []
        self.private_cols: dict[str, set[int]] = {}
        """Sheet -> its 1-based evidence column."""

    def add(self, message: Msg, where: Cell | str, severity: Severity = "error", fix: Msg | None = None) -> None:
        self.problems.append(Problem(message, str(where), self.label, severity, fix))

    def read_all(self, sheets: dict[str, tuple[str, Rows]], answers: AnswerSet, pinned: dict[str, str]
                 ) -> dict[str, list[Card]]:
        """Every group's cards (groups without any left out), and a word on each group the profile
        asks for but without cards, and on each not asked but given cards."""
        out: dict[str, list[Card]] = {}
        names = T.card_sheet_names(self.q, self.locale)
        by_id = question_index(self.q)
        for pillar, group in self.q.card_groups():
            name = names[group.id]
            got = sheets.get(group.id)
            cards: list[Card] = []
            if got is not None:
                if got[0] != pinned.get(group.id, name):
                    self.add(msg("sheet.renamed", sheet=pinned.get(group.id, name), name=got[0]), f"{got[0]}!A1",
                             "warning", msg("sheet.renamed.fix", sheet=pinned.get(group.id, name)))
                name = got[0]
                cards = self.read(group, name, got[1])
            if cards:
                out[group.id] = cards
            self._asked(pillar, group, name, cards, got is not None, answers, by_id)
        return out

    def _asked(self, pillar: Pillar, group: CardGroup, name: str, cards: list[Card], has_sheet: bool,
               answers: AnswerSet, by_id: dict[str, QuestionBase]) -> None:
        asked = group_applies(self.q, pillar, group, answers, by_id)
        told = any(p.where.startswith(f"{name}!") and p.severity != "notice" for p in self.problems)
        if asked and not cards and not told:  # rows there, each named as not read: not "none entered"
            fix = msg("sheet.cards_none.fix" if has_sheet else "sheet.cards_sheet_missing.fix", sheet=name)
            self.add(msg("sheet.cards_none", sheet=name), name, "notice", fix)
        elif not asked and cards:
            self.add(msg("sheet.cards_not_asked", sheet=name, count=len(cards)), name, "notice",
                     msg("sheet.cards_not_asked.fix", sheet=self.company))

    # ---- one sheet

    def _merged_rows(self, name: str, rows: Rows, first: int, cells: set[int], evidence: int | None) -> set[int]:
        """The 0-based rows, from `first`, under a cell merged over several card rows that hold anything
        in an input column: its content sits in the first of them only, so none of those cards is read,
        and each range is named. A merge over the evidence column alone is a warning: the evidence counts
        for the first card only, and the cards are read."""
        out: set[int] = set()
        for (r1, c1), (r2, c2) in self.merged(name) if self.merged is not None else []:
            r1 = max(r1, first)
            if r2 <= r1 or not any(c1 <= c <= c2 for c in cells):
                continue
            if not any(cell_text(rows[r][c]) for r in range(r1, r2 + 1) for c in cells if c < len(rows[r])):
                continue  # merged over empty rows below the cards: nothing is lost
            where = f"{name}!{col_letter(c1)}{r1 + 1}:{col_letter(c2)}{r2 + 1}"
            if evidence is not None and c1 == c2 == evidence:
                self.add(msg("sheet.card_merged_evidence", count=r2 - r1 + 1), where, "warning",
                         fix=msg("sheet.merged.fix"))
                continue
            self.add(msg("sheet.card_merged", count=r2 - r1 + 1), where, fix=msg("sheet.merged.fix"))
            out.update(range(r1, r2 + 1))
        return out

    def read(self, group: CardGroup, name: str, rows: Rows) -> list[Card]:
        """The cards on one group's sheet."""
        head = _id_row(rows, group)
        if head is None:
            self.add(msg("sheet.card_no_ids", sheet=name), f"{name}!A{T.CARD_ID_ROW}", fix=msg("sheet.card_column.fix"))
            return []
        key_col, columns, evidence_col, state_col = self._columns(group, name, rows[head], head)
        if evidence_col is not None:  # what a redacted report leaves out (`RowReader.private_cols`)
            self.private_cols[name] = {evidence_col + 1}
        formulas = self.formulas(name)
        percents = self.percents(name) if self.percents is not None else set()
        links = self.links(name, rows) if self.links is not None and evidence_col is not None else {}
        key_prompt = localize(group.key, self.locale)
        cards: list[Card] = []
        seen: dict[str, int] = {}
        beyond: list[tuple[int, str]] = []
        cells = [key_col, *(c.index for c in columns), evidence_col, state_col]
        merged = self._merged_rows(name, rows, head + 2, {c for c in cells if c is not None}, evidence_col)
        headings = {norm(localize(group.key, loc)) for loc in self.q.locales}
        hidden = self.hidden(name) if self.hidden is not None else set()
        held = [key_col, *(c.index for c in columns)]  # what a row not read is listed with: never its evidence

        def heading(r: int) -> bool:
            return key_col < len(rows[r]) and norm(cell_text(rows[r][key_col])) in headings

        # the headings follow the ids, however the client reworded them, unless a sort has moved them down
        moved = next((r for r in range(head + 2, len(rows)) if heading(r)), None)
        for r in range(head + 1 if moved is not None else head + 2, len(rows)):
            if r in merged or (r == head + 1 and heading(r)):  # the headings where the template puts them
                continue
            if r == moved or (moved is not None and heading(r)):  # each card is read by its own row all the same
                self.add(msg("sheet.card_headings_moved", sheet=name, row=r + 1, expected=head + 2),
                         f"{name}!A{r + 1}", "notice", fix=msg("sheet.card_headings_moved.fix"))
                continue
            if r + 1 in hidden and any(cell_text(v) for v in rows[r]):  # a draft put away, or a card? Not guessed
                self.add(msg("sheet.card_hidden", row=r + 1, text=cell_text(rows[r][key_col]) if key_col < len(rows[r])
                             else ""), f"{name}!A{r + 1}", "warning", fix=msg("sheet.card_hidden.fix"))
                self._not_read(group, name, r, rows[r], held)
                continue
            values = self._inputs(name, rows[r], r, cells, formulas)
            if links and evidence_col is not None and (link := links.get((r + 1, evidence_col + 1))) is not None:
                values[-2] = linked(values[-2], link)  # the document a name shown links to: one more reference
            if not any(cell_text(v) for v in values):
                continue
            key_cell = Cell(name, r + 1, key_col + 1)
            if not self._clean(name, r, cells, values):
                self._not_read(group, name, r, rows[r], held)
                continue
            key = cell_text(values[0])
            if not key:
                self.add(msg("sheet.card_no_key", prompt=key_prompt), key_cell, fix=msg("sheet.card_no_key.fix",
                                                                                  prompt=key_prompt))
                self._not_read(group, name, r, rows[r], held)
                continue
            plain = norm(simplified(key))  # 共計, 暫無, 舉例 typed in Traditional characters too
            if _TOTAL.fullmatch(plain):  # a row summing the cards above it (共计 3 个): not one more card
                self.add(msg("sheet.card_total", text=key), key_cell, "warning", fix=msg("sheet.card_total.fix"))
                continue
            if _EXAMPLE.match(plain):  # the instructions' example, copied: no card of the plant's
                self.add(msg("sheet.card_example", text=key), key_cell, "warning", fix=msg("sheet.card_example.fix"))
                continue
            if plain.rstrip("。.") in NO_CARD or not any(ch.isalnum() for ch in key):  # 无, /: it has none
                self.add(msg("sheet.card_none", text=key), key_cell, "warning", fix=msg("sheet.card_none.fix"))
                continue
            if not any(cell_text(v) for v in values[1:]):  # 一、苏州工厂: a heading, or a card not filled in
                self.add(msg("sheet.card_name_only", text=key), key_cell, "warning",
                         fix=msg("sheet.card_name_only.fix", prompt=key_prompt))
                continue
            if norm(key) in seen:
                self.add(msg("sheet.card_key_twice", text=key, first=seen[norm(key)]), key_cell,
                         fix=msg("sheet.card_key_twice.fix", prompt=key_prompt))
                self._not_read(group, name, r, rows[r], held)
                continue
            seen[norm(key)] = r + 1
            if len(cards) >= group.max_cards:
                beyond.append((r + 1, key))
                self._not_read(group, name, r, rows[r], held)
                continue
            given = list(zip(columns, values[1:-2], strict=True))
            cards.append(self._card(group, name, r, key, key_cell, given, values[-2], values[-1], state_col,
                                    percents))
        if beyond:
            first, last = beyond[0][0], beyond[-1][0]
            where = f"{name}!A{first}" if first == last else f"{name}!A{first}:A{last}"
            keys = [k for _, k in beyond[:MAX_KEYS_LISTED]] + (["…"] if len(beyond) > MAX_KEYS_LISTED else [])
            self.add(msg("sheet.card_too_many", sheet=name, max=group.max_cards, count=len(beyond), keys=keys), where,
                     fix=msg("sheet.card_too_many.fix", max=group.max_cards))
        return cards

    def _columns(self, group: CardGroup, name: str, ids: list[Any], head: int
                 ) -> tuple[int, list[Column], int | None, int | None]:
        """(key column, answer columns, evidence column, evidence state column) from the id row."""
        asked = {question.id: question for question in group.questions}
        key_col = evidence_col = state_col = None
        columns: list[Column] = []
        unknown: list[tuple[int, str]] = []
        taken: set[str] = set()
        for i, v in enumerate(ids):
            text = _id(v)
            if not text or text in taken:
                continue
            taken.add(text)
            qid, sep, opt = text.partition(T.SUB)
            question = asked.get(qid)
            if text == T.CARD_KEY:
                key_col = i
            elif text == T.CARD_EVIDENCE:
                evidence_col = i
            elif text == T.CARD_STATE:
                state_col = i
            elif question is not None and not sep and not isinstance(question, MultiSelectQuestion):
                columns.append(Column(i, question))
            elif isinstance(question, MultiSelectQuestion) and any(o.id == opt for o in question.options):
                columns.append(Column(i, question, opt))
            else:
                unknown.append((i, text))
        assert key_col is not None  # _id_row found it
        missing = [question.id for question in group.questions if question.id not in {
            c.question.id for c in columns if c.question is not None}]
        if missing:
            self.add(msg("sheet.card_columns_missing", sheet=name, ids=missing), f"{name}!{head + 1}:{head + 1}",
                     "warning", msg("sheet.card_column.fix"))
        for i, text in unknown:  # with every question's column there, one the client added (序号): harmless
            self.add(msg("sheet.card_unknown_column", id=text, sheet=name), Cell(name, head + 1, i + 1),
                     "warning" if missing else "notice",
                     msg("sheet.card_column.fix" if missing else "sheet.card_added_column.fix"))
        return key_col, columns, evidence_col, state_col

    def _inputs(self, name: str, row: list[Any], r: int, cols: list[int | None],
                formulas: dict[tuple[int, int], str]) -> list[Any]:
        """The cells of a row at `cols` ("" where there is no such column or cell). A formula is
        named and read as empty."""
        out = []
        for c in cols:
            v = row[c] if c is not None and c < len(row) else ""
            text = formulas.get((r + 1, c + 1)) if formulas and c is not None else None
            if text is not None:
                shown = text if text == SHARED_FORMULA else "=" + text
                self.add(msg("sheet.formula", formula=shown), Cell(name, r + 1, c + 1), fix=msg("sheet.formula.fix"))
                v = ""
            out.append(v)
        return out

    def _clean(self, name: str, r: int, cols: list[int | None], values: list[Any]) -> bool:
        """Name each cell of a card's row whose text is refused (`sheet_values.cell_fault`) and read it
        as empty; False when the key itself is refused (the row is then left out)."""
        last = len(cols) - 1
        for i, c in enumerate(cols):
            kind: Kind = "field" if i in (0, last) else "evidence" if i == last - 1 else "text"
            fault = cell_fault(values[i], kind) if c is not None else None
            if fault is not None and c is not None:
                self.add(fault[0], Cell(name, r + 1, c + 1), fix=fault[1])
                if i == 0:
                    return False
                values[i] = ""
        return True

    def _card(self, group: CardGroup, name: str, r: int, key: str, key_cell: Cell, given: list[tuple[Column, Any]],
              evidence_raw: Any, state_raw: Any, state_col: int | None, percents: set[tuple[int, int]]) -> Card:
        """One card from its row's cells; the cells that cannot be used are named and left out."""
        state = self._state(key, cell_text(state_raw), Cell(name, r + 1, (state_col or 0) + 1))
        evidence = evidence_list(evidence_raw)
        fault = evidence_fault(evidence)
        if fault is not None:
            self.add(fault[0], key_cell, fix=fault[1])
            evidence = []
        values: dict[str, Value] = {}
        statuses: dict[str, str] = {}
        """A status word typed for an answer (不适用, 不知道): recorded as that status, as on Answers."""
        options: dict[str, tuple[list[str], Cell]] = {}
        ticked: dict[str, dict[str, str]] = {}
        """A multiple choice's option cells as typed (option id -> text), for one not used."""
        refused: set[str] = set()
        for column, raw in given:
            question = column.question
            assert question is not None
            text = cell_text(raw)
            if not text:
                continue
            cell = Cell(name, r + 1, column.index + 1)
            if column.option is not None:
                ticked.setdefault(question.id, {})[column.option] = text
                yes, why = yes_no(raw)
                if why is not None:
                    self._refuse(group, key, question, why, cell, ticked[question.id])
                    refused.add(question.id)
                    continue
                chosen, _ = options.setdefault(question.id, ([], cell))
                if yes:
                    chosen.append(column.option)
                continue
            value, why, warn = parse_value(question, raw, percent=(r + 1, column.index + 1) in percents,
                                           names=self.names)
            word = status_word(text) if why is not None or isinstance(question, TextQuestion) else None
            bad = check_answer(question, Answer(status=word)) if word is not None else None
            if word is not None and bad is None:
                statuses[question.id] = word
                self.add(msg("sheet.card_status_word", card=key, question=question.id, text=text,
                             status=msg(f"sheet.status.{word}")), cell, "notice", msg("sheet.card_status_word.fix"))
                continue
            if bad is not None and not isinstance(question, TextQuestion):
                why = bad  # a status this question does not take (不适用 where it must be answered)
            if why is None:
                why = check_value(question, value)
            if why is not None:
                self._refuse(group, key, question, why, cell, text)
                continue
            if warn is not None:
                self.add(msg("sheet.card_value_warning", card=key, question=question.id, why=warn), cell, "warning",
                         fix_for(question))
            values[question.id] = value
        by_id = {question.id: question for question in group.questions}
        for qid, (chosen, cell) in options.items():
            if qid in refused:
                continue
            question = by_id[qid]
            chosen = [o.id for o in question.options if o.id in chosen]  # type: ignore[attr-defined]
            why = check_value(question, chosen)
            if why is not None:
                self._refuse(group, key, question, why, cell, ticked[qid])
                continue
            values[qid] = chosen
        answers = {qid: Answer(value=values[qid], evidence=evidence, evidence_state=state) if qid in values
                   else Answer(status=statuses[qid], evidence=evidence, evidence_state=state)
                   for qid in by_id if qid in values or qid in statuses}
        if not answers and (evidence or state != EvidenceState.declared):
            self.add(msg("sheet.card_evidence_alone", card=key), key_cell, "warning",
                     msg("sheet.card_evidence_alone.fix"))
        return Card(key=key, answers=answers)

    def _not_read(self, group: CardGroup, name: str, r: int, row: list[Any], cols: list[int]) -> None:
        """A row holding a card's answers that is not read (hidden, nameless, named twice, one too many):
        its answers are not used, so the report lists it among them, by its row, with its name and
        answers (`cols`; never its evidence or a column the client added, which redaction keeps out)."""
        self.rejected[T.card_answer_key(group.id, "", f"{name}!A{r + 1}")] = " / ".join(
            text for c in cols if c < len(row) and (text := cell_text(row[c])))

    def _refuse(self, group: CardGroup, key: str, question: QuestionBase, why: Msg, cell: Cell,
                typed: str | dict[str, str]) -> None:
        """Name a card's answer that cannot be used; the report shows it as invalid, with what was typed
        (a multiple choice's: each option cell's text, by option)."""
        self.add(msg("sheet.card_value_refused", card=key, question=question.id, why=why), cell,
                 fix=fix_for(question, why))
        self.rejected[T.card_answer_key(group.id, question.id, key)] = typed

    def _state(self, key: str, text: str, cell: Cell) -> EvidenceState:
        """A card's evidence state: declared unless the cell says documented (or verified, where the
        policy lets a respondent say so)."""
        if not text:
            return EvidenceState.declared
        code = lookup(text, EVIDENCE_WORDS)
        if code is None:
            self.add(msg("sheet.card_bad_state", card=key, text=text), cell, "warning", msg("sheet.card_bad_state.fix"))
            return EvidenceState.declared
        state = EVIDENCE_STATES[code]
        if state == EvidenceState.verified and not self.q.scoring.respondent_verifies:
            self.add(msg("sheet.card_verified", card=key), cell, "warning", msg("sheet.card_bad_state.fix"))
            return EvidenceState.documented
        return state


__all__ = ["CardReader", "find_card_sheets"]
