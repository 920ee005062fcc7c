"""The rows of an answer sheet's Company and Answers sheets, read into answers: each row matched by
its id, its cells converted (`sheet_values`) and each answer judged by `rules.check_answer`. Every
cell that cannot be used becomes a `Problem` placed at its cell (`Answers!E12`) with how to fix it,
and the answers that can be used are kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assess.answers import Answer, Value
from assess.excel import sheet_format as T
from assess.excel.a1 import Cell, col_index, col_letter
from assess.excel.sheet_cells import Rows
from assess.excel.sheet_faults import formula_inputs, refuse_unclean
from assess.excel.sheet_links import linked
from assess.excel.sheet_multi import option_of, options_range, read_multi
from assess.excel.sheet_notes import joined_note, keep_comments, keep_extras, note_notices
from assess.excel.sheet_strays import duplicate_row, field_remark, unknown_row, without_id
from assess.excel.sheet_values import (
    EVIDENCE_STATES,
    EVIDENCE_WORDS,
    STATUS_WORDS,
    cell_fault,
    cell_text,
    evidence_fault,
    evidence_list,
    fix_for,
    half_fault,
    lookup,
    norm,
    option_ids,
    parse_value,
    reading_names,
    status_word,
)
from assess.memo import per_object
from assess.model import (
    EvidenceState,
    MultiSelectQuestion,
    QuestionBase,
    Questionnaire,
    TextQuestion,
)
from assess.problems import Msg, Problem, Severity, msg
from assess.rules import check_answer, question_index

COMPANY_FIELDS = frozenset(T.COMPANY_FIELDS)
PRIVATE_FIELDS = frozenset(("company.contact", "respondent.name"))
"""Company rows naming people, which a redacted report leaves out."""

HEADER_KEYS: dict[str, str] = {}
"""A header cell's text, normalised, in either language -> the column's key."""
for _key in ("id", "pillar", "question", "item", "status", "value", "note", "evidence", "evidence_state", "guide"):
    for _text in (_key, T.WORDS[f"col.{_key}"]["zh"], T.WORDS[f"col.{_key}"]["en"]):
        HEADER_KEYS[norm(_text)] = "question" if _key == "item" else _key
HEADER_KEYS[norm("evidence state")] = "evidence_state"
for _key, _texts in T.EARLIER_HEADINGS.items():  # sheets sent out by earlier versions
    for _text in _texts:
        HEADER_KEYS[norm(_text)] = _key.removeprefix("col.")


def header_map(row: list[Any]) -> dict[str, int]:
    """Column key -> 0-based index, from a header row in any language; a heading with a remark in
    brackets after it (答案（请选择）) is its column's all the same."""
    got: dict[str, int] = {}
    texts = [norm(v) if isinstance(v, str) else "" for v in row]
    for strip in (False, True):  # a heading as written first: 答案 wins over a column added as 答案（上年）
        for i, text in enumerate(texts):
            if strip and not text.endswith((")", "]", "】")):
                continue
            name = HEADER_KEYS.get(_HEADING_REMARK.sub("", text) if strip else text) if text else None
            if name and name not in got:
                got[name] = i
    return got


_HEADING_REMARK = re.compile(r"\s*[(\[【][^()\[\]【】]*[)\]】]$")
"""A remark in brackets after a heading (NFKC has made （） plain)."""
HEADER_ROWS = 5
"""How far down a sheet its header row is looked for: a title or two typed above it (企业名称 —— 自评表)
moves it down, and the rows above it are named, not read."""


def header_row(rows: Rows) -> int:
    """The 0-based row holding a Company or Answers sheet's headings: of its first `HEADER_ROWS`, the
    first that names the id and answer columns, else the first that names the most columns (a title
    names none; a heading reworded leaves the rest)."""
    counts = []
    for r in range(min(HEADER_ROWS, len(rows))):
        found = header_map(rows[r])
        if "id" in found and "value" in found:
            return r
        counts.append(len(found))
    return counts.index(max(counts)) if counts else 0


@dataclass(slots=True)
class Given:
    """What one question's row holds, as typed."""

    status: Any
    value: Any
    note: Any
    evidence: Any
    state: Any
    sheet: str
    row: int
    percent: bool = False
    """The value cell has a percent number format."""

    def texts(self) -> tuple[str, str, str, str, str]:
        return (cell_text(self.status), cell_text(self.value), cell_text(self.note), cell_text(self.evidence),
                cell_text(self.state))


def in_columns(where: str, columns: dict[str, set[int]]) -> bool:
    """Whether cell `where` (`Sheet!A1`) is in one of its sheet's `columns` (1-based)."""
    sheet, _, ref = where.rpartition("!")
    cols = columns.get(sheet)
    letters = ref.rstrip("0123456789")
    return bool(cols) and letters.isalpha() and letters.isupper() and col_index(letters) + 1 in cols


@per_object(8)
def row_ids(q: Questionnaire) -> frozenset[str]:
    """Every row id a sheet of `q` holds as the template writes it: the company's fields, each question,
    each option of a multiple choice (`C01:edge`)."""
    ids = {*COMPANY_FIELDS}
    for _, question in q.all_questions():
        ids.add(question.id)
        if isinstance(question, MultiSelectQuestion):
            ids.update(f"{question.id}{T.SUB}{o.id}" for o in question.options)
    return frozenset(ids)


_STAMP = re.compile(r"[(（\[【]?\s*(?:盖章|公章|签章|签字盖章|盖公章)\s*[)）\]】]?")
"""A line a printed form leaves for the company's seal: no part of its name."""


def _joined(lines: list[str]) -> str:
    """Lines of one name, joined as written: a space between Latin words, none inside Chinese
    (西北重 / 工有限公司 is 西北重工有限公司); a line left for the seal (（盖章）) is dropped."""
    lines = [line for line in lines if not _STAMP.fullmatch(line)] or lines
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += line if not out[-1].isascii() and not line[0].isascii() else " " + line
    return out


class RowReader:
    """The rows of one answer sheet: collects answers and problems."""

    def __init__(self, q: Questionnaire, label: str, formulas: dict[str, dict[tuple[int, int], str]],
                 percents: dict[str, set[tuple[int, int]]] | None = None,
                 links: dict[str, dict[tuple[int, int], str]] | None = None,
                 comments: dict[str, dict[tuple[int, int], str]] | None = None,
                 struck: dict[str, set[tuple[int, int]]] | None = None):
        self.q = q
        self.percents = percents or {}
        """Sheet -> its cells (row, col), 1-based, with a percent number format."""
        self.links = links or {}
        """Sheet -> its cells (row, col), 1-based, that link to a document or page, with where (`sheet_links`)."""
        self.comments = comments or {}
        """Sheet -> its cells (row, col), 1-based, with a comment (批注), and its text (`sheet_notes`)."""
        self.struck = struck or {}
        """Sheet -> its cells (row, col), 1-based, whose font is struck through."""
        self.commented: dict[str, list[tuple[str, int, int, str]]] = {}
        """Question id -> the comments on its rows (sheet, row, col, text), for its note."""
        self.comment_label = "批注"
        """How a comment is introduced in a note: in the sheet's language."""
        self.names = reading_names(q)
        self.label = label
        self.formulas = formulas
        self.problems: list[Problem] = []
        self.by_id = question_index(q)
        self.row_ids = row_ids(q)
        self.seen: dict[str, Cell] = {}
        """Row id -> its id cell."""
        self.texts: dict[str, tuple[str, Cell]] = {}
        """Row id -> its question text and where it is."""
        self.own_guides = False
        """Whether this version of the tool wrote the template: only then is a how-to-answer text unlike
        its own the client's typing, not an earlier version's wording."""
        self.guide_words: dict[str, str] = {}
        """Row id -> the how-to-answer text our template writes (when this version wrote it): other text
        there is the client's note (`guide_cols`)."""
        self.guide_cols: set[tuple[str, int]] = set()
        """(sheet, 1-based column) of the how-to-answer column where a client's text joined a note."""
        self.guides: dict[str, tuple[str, Cell]] = {}
        """Row id -> its how-to-answer text and where it is, for question rows whose answer and status are blank."""
        self.answers_sheet = ""
        """The Answers sheet's name as found (a plant's copy: Answers (2))."""
        self.heads: dict[str, int] = {}
        """Sheet -> its header row, 0-based: 0 as the template writes it, further down when a title was
        inserted above (the template's row n is then row n + head)."""
        self.layouts: Callable[[], list[Any]] | None = None
        """The Answers-sheet layouts of the questionnaire's other releases (`sheet_reader.other_layouts`)."""
        self.typed_beside: set[str] = set()
        """Rows whose answer was typed beside its cell (`sheet_shift.typed_beside`): told there, not again
        as unanswered."""
        self.text_told: set[str] = set()
        """Rows whose question text is told as something else already (`sheet_shift`): not as edited."""
        self.main: dict[str, Given] = {}
        self.subs: dict[str, dict[str, tuple[Any, Cell]]] = {}
        """Multi-select question -> option -> (value, its cell)."""
        self.conflicted: set[str] = set()
        """Questions whose answer cannot be told: two rows that differ, a cell merged over several rows."""
        self.question_of: dict[int, tuple[Problem, tuple[str, ...]]] = {}
        """id() of each problem about the answers of certain questions -> (the problem, those questions).
        The problem is held here, so its id() is never reused for another while this lives."""
        self.merged_over: dict[str, tuple[str, str]] = {}
        """Question -> (the content, the range) of a cell merged over its row and others."""
        self.in_note: set[str] = set()
        """Questions whose answer seems typed in the note column (not used)."""
        self.note_only: dict[str, Cell] = {}
        """Questions with a note or evidence but no answer -> the cell it was typed in: not recorded."""
        self.remarks: set[str] = set()
        """Ids of rows added for a remark (补充说明), quoted as not read: not told again as text lost."""
        self.unclean: set[str] = set()
        """Questions with a cell refused for its text (`assess.text.clean`) or holding a formula."""
        self.shifted_typed: dict[str, tuple[str, int]] = {}
        """Question -> (its answer, the row it was pasted into), for a row a paste one row off left blank."""
        self.formula_typed: dict[str, str] = {}
        """Question -> the first formula in its answer's cells, shown as typed."""
        self.rejected: set[str] = set()
        self.company: dict[str, str] = {}
        self.where_of: dict[str, Cell] = {}
        """Question id -> its answer cell."""
        self.columns_of: dict[str, tuple[int, int | None, int | None]] = {}
        """Sheet -> 1-based columns of the value, status and evidence state."""
        self.evidence_cols: dict[str, int | None] = {}
        """Sheet -> 1-based column of the evidence."""
        self.note_cols: dict[str, int | None] = {}
        """Sheet -> 1-based column of the note."""
        self.extras: dict[str, list[tuple[str, int, int, str]]] = {}
        """Question id -> text of the columns the client added: (sheet, 1-based row, 1-based column, text)."""
        self.headings: dict[tuple[str, int], str] = {}
        """(sheet, 1-based column) -> heading of a column the client added."""
        self.value_failed: dict[str, Any] = {}
        """Question id -> what its value cell held, when that could not be used as its answer."""
        self.order: list[tuple[str, int, str]] = []
        """(sheet, row, id) of every row read, in order."""
        self.private: set[str] = set()
        """Cells (`Sheet!A1`) holding what a redacted report leaves out: notes, evidence, people's names."""
        self.private_cols: dict[str, set[int]] = {}
        """Sheet -> its 1-based columns holding notes and evidence (the client's added columns join the note)."""

    def add(self, message: Msg, cell: Cell | str | None = None, severity: Severity = "error",
            fix: Msg | None = None) -> None:
        self.problems.append(Problem(message, str(cell) if cell is not None else "", self.label, severity, fix))

    def about(self, problem: Problem, qids: tuple[str, ...]) -> None:
        """Note that `problem` is about the answers of `qids` (see `questions_of`)."""
        self.question_of[id(problem)] = (problem, qids)

    def questions_of(self, problem: Problem) -> tuple[str, ...]:
        """The questions whose answers a problem is about, if it was raised judging them."""
        got = self.question_of.get(id(problem))
        return got[1] if got is not None and got[0] is problem else ()

    def left_out(self, fault: tuple[Msg, Msg], cell: Cell) -> None:
        """Name a note or evidence cell whose text is refused: it is left out, its answer stands."""
        self.add(msg("sheet.cell_left_out", why=fault[0]), cell, "warning", fix=fault[1])

    def is_private(self, where: str) -> bool:
        """Whether a problem's cell holds a note, evidence or a person's name (see `private`)."""
        return where in self.private or in_columns(where, self.private_cols)

    # ---- rows

    def read_rows(self, name: str, rows: Rows, columns: dict[str, int], extra: bool = False, head: int = 0) -> None:
        """Read a sheet's rows below its header row `head` (`columns`: that row's header map; every row
        is as wide as the first). With `extra`, the text of columns the client added joins the answer's note."""
        width = len(rows[0]) if rows else 0
        self.heads[name] = head
        if extra:
            self.answers_sheet = name
        known = set(columns.values())
        added = [c for c in range(width) if c not in known] if extra else []
        for c in added:
            self.headings[name, c + 1] = cell_text(rows[head][c])

        def col(key: str) -> int | None:
            c = columns.get(key)
            return c if c is not None and c < width else None

        c_id, c_text, c_guide = columns["id"], col("question"), col("guide")
        inputs = tuple(col(k) for k in ("status", "value", "note", "evidence", "evidence_state"))
        c_status, c_value, _, _, c_state = inputs
        filled = [c for c in inputs if c is not None]
        value_col = c_value + 1 if c_value is not None else 0
        self.columns_of[name] = (value_col,
                                 c_status + 1 if c_status is not None else None,
                                 c_state + 1 if c_state is not None else None)
        c_evidence = inputs[3]
        self.evidence_cols[name] = c_evidence + 1 if c_evidence is not None else None
        self.note_cols[name] = inputs[2] + 1 if inputs[2] is not None else None
        self.private_cols[name] = {c + 1 for c in (inputs[2], c_evidence, *added) if c is not None}
        formulas = self.formulas.get(name) or {}
        formula_rows = {row_at for row_at, _ in formulas}  # looked up only on the rows that have one
        percents = self.percents.get(name)
        links = self.links.get(name)
        struck = self.struck.get(name)
        noted: dict[int, list[tuple[int, str]]] = {}  # row -> its comments (col, text)
        for (row_at, col_at), text in self.comments.get(name, {}).items() if extra else ():
            noted.setdefault(row_at, []).append((col_at, text))
        for r in range(head + 1, len(rows)):
            row = rows[r]
            rid = cell_text(row[c_id])
            if not rid.isascii():  # full width, or a zero-width space pasted from a chat: not part of an id
                rid = "".join(ch for ch in unicodedata.normalize("NFKC", rid) if ch.isprintable()).strip()
            if rid and rid not in self.row_ids:
                rid = self._known_case(rid)
            if not rid:
                # every row of our Answers sheet has its id: text in any other column of one is the client's
                if row.count("") + row.count(None) == width:  # an empty row of the used range: most of them
                    continue
                others = [row[c] for c in range(width) if c != c_id and c not in filled] if extra else []
                if any(cell_text(row[c]) for c in filled) or any(cell_text(v) for v in others):
                    without_id(self, Cell(name, r + 1, c_id + 1), row, inputs, others)
                continue
            id_cell = Cell(name, r + 1, c_id + 1)
            known = rid in self.row_ids  # as the template writes it (`_known_case` has set its case)
            fault = None if known else cell_fault(rid, "field")
            if fault is not None:
                self.add(fault[0], id_cell, fix=msg("sheet.restore_id"))
                continue
            values = [row[c] if c is not None else "" for c in inputs]
            if r + 1 in formula_rows:
                formula_inputs(self, name, r, inputs, values, formulas, rid)
            if links and c_evidence is not None and (link := links.get((r + 1, c_evidence + 1))) is not None:
                values[3] = linked(values[3], link)  # the document a name shown links to: one more reference
            if struck and c_value is not None and (r + 1, c_value + 1) in struck and cell_text(values[1]) \
                    and rid not in COMPANY_FIELDS:  # crossed out: withdrawn, or meaning no? Not guessed
                self.add(msg("sheet.struck", question=rid, text=cell_text(values[1])), Cell(name, r + 1, c_value + 1),
                         fix=msg("sheet.struck.fix"))
                self.unclean.add(rid.partition(T.SUB)[0])
            if rid in COMPANY_FIELDS and isinstance(values[1], str) and not values[1].isprintable():
                # a name wrapped with Alt+Enter (华北重工有限公司 / 第二分厂) is one name: its lines joined
                values[1] = _joined([line.strip() for line in values[1].splitlines() if line.strip()])
            if refuse_unclean(self, name, r, inputs, values, rid in COMPANY_FIELDS):
                self.unclean.add(rid.partition(T.SUB)[0])
            given = Given(*values, sheet=name, row=r + 1,
                          percent=bool(percents) and c_value is not None and (r + 1, c_value + 1) in percents)
            self.order.append((name, r + 1, rid))
            if added:
                keep_extras(self, name, row, r, rid, added)
            if r + 1 in noted and rid not in COMPANY_FIELDS:
                keep_comments(self, name, r, rid, noted[r + 1])
            if c_guide is not None and self.guide_words and (typed := cell_text(row[c_guide])) \
                    and typed != self.guide_words.get(rid, typed):
                # the client's words over our how-to-answer text: kept with its note (beside a blank answer,
                # told as a note not kept, or as an answer typed beside its cell: `sheet_shift.typed_beside`)
                if rid not in COMPANY_FIELDS:
                    keep_extras(self, name, row, r, rid, [c_guide])
                    self.guide_cols.add((name, c_guide + 1))
                    self.headings[name, c_guide + 1] = cell_text(rows[head][c_guide])  # 填写说明: … in the note
                elif cell_text(values[1]):  # a company's field has no note: said, as not read
                    field_remark(self, rid, Cell(name, r + 1, c_guide + 1), typed)
            if c_text is not None and rid not in self.texts:
                self.texts[rid] = (cell_text(row[c_text]), Cell(name, r + 1, c_text + 1))
            if c_guide is not None and not values[1] and not values[0] and self.own_guides and T.SUB not in rid \
                    and rid not in self.guides:
                self.guides[rid] = (cell_text(row[c_guide]), Cell(name, r + 1, c_guide + 1))
            if rid in self.seen:
                duplicate_row(self, rid, given, id_cell)
                continue
            self.seen[rid] = id_cell
            if rid in COMPANY_FIELDS:
                self.company[rid] = cell_text(given.value)
                if rid in PRIVATE_FIELDS and c_value is not None:
                    self.private.add(str(Cell(name, r + 1, c_value + 1)))
                continue
            qid, sep, opt = rid.partition(T.SUB)
            question = self.by_id.get(qid)
            if question is None:
                unknown_row(self, rid, id_cell, values, [row[c] for c in (c_text, *added) if c is not None])
            elif not sep:
                self.main[qid] = given
            elif not isinstance(question, MultiSelectQuestion):
                self.add(msg("sheet.not_multi", question=qid, id=rid), id_cell, fix=msg("sheet.restore_id"))
            else:
                if not known:  # no option of it, however written: `_known_case` would have found it
                    self.add(msg("sheet.unknown_option", option=opt, question=qid), id_cell,
                             fix=msg("sheet.unknown_option.fix", options=option_ids(question)))
                    continue
                self.subs.setdefault(qid, {})[opt] = (given.value, Cell(name, r + 1, value_col))

    def _known_case(self, rid: str) -> str:
        """An id typed in the other case (c10, M01:None, Company.Name) as the template writes it, when
        that is one; else as typed."""
        qid, sep, option = rid.partition(T.SUB)
        question = self.by_id.get(qid) or self.by_id.get(qid.upper())
        if question is not None:
            if sep and isinstance(question, MultiSelectQuestion):
                option = option_of(question, option) or option
            return question.id + sep + option
        return rid.lower() if rid.lower() in COMPANY_FIELDS else rid

    # ---- answers

    def build_answers(self) -> dict[str, Answer]:
        out: dict[str, Answer] = {}
        for qid in dict.fromkeys([*self.main, *self.subs]):
            if qid in self.conflicted or qid in self.unclean:
                self.rejected.add(qid)
                continue
            start = len(self.problems)
            answer = self._answer(self.by_id[qid], self.main.get(qid), self.subs.get(qid, {}))
            for p in self.problems[start:]:
                self.about(p, (qid,))
            if answer is None:
                continue
            out[qid] = answer
        pasted = False
        if len(self.value_failed) >= 3 and self.layouts is not None and self.answers_sheet:
            from assess.excel.sheet_shift import refuse_pasted  # only when values failed: rare

            pasted = refuse_pasted(self, self.answers_sheet, self.layouts(), out)
        if len(self.value_failed) >= 2 and not pasted:
            from assess.excel.sheet_shift import refuse_block, shifted_blocks  # only when values failed: rare

            for block, direction in shifted_blocks(self):
                refuse_block(self, block, direction, out)
        note_notices(self, out)
        return out

    def _answer(self, question: QuestionBase, given: Given | None,
                subs: dict[str, tuple[Any, Cell]]) -> Answer | None:
        qid = question.id
        status_cell = state_cell = value_cell = None
        if given is not None:
            value_col, status_col, state_col = self.columns_of[given.sheet]
            status_cell = Cell(given.sheet, given.row, status_col) if status_col else None
            state_cell = Cell(given.sheet, given.row, state_col) if state_col else None
            value_cell = Cell(given.sheet, given.row, value_col)
        elif subs:
            value_cell = next(iter(subs.values()))[1]
        on_rows = isinstance(question, MultiSelectQuestion) and bool(subs) and not (given and cell_text(given.value))
        if on_rows:  # chosen on its option rows: the question's own row is locked in the template
            value_cell = next(iter(subs.values()))[1]  # the first: they are read in row order

        def answer_at() -> Cell | str | None:
            """Where the answer is typed, for a problem with it (worked out only then)."""
            return options_range(subs) if on_rows else value_cell

        self.where_of[qid] = value_cell or self.seen[qid]
        status_raw, raw, note, evidence, state_raw = given.texts() if given else ("",) * 5
        note = joined_note(self, qid, note)

        status: str | None = None
        if status_raw:
            status = lookup(status_raw, STATUS_WORDS)
            if status is None:
                why = half_fault(status_raw, STATUS_WORDS)  # 不适用：部分产线适用
                if why is None and not raw and value_cell is not None and not on_rows \
                        and not isinstance(question, TextQuestion) and self._would_answer(question, status_raw):
                    # 是 typed one column to the left (any text would answer a text question: not told so)
                    at = f"{col_letter(value_cell.col - 1)}{value_cell.row}"
                    self.add(msg("sheet.answer_in_status", question=qid, text=status_raw), status_cell,
                             fix=msg("sheet.answer_in_status.fix", text=status_raw, cell=at))
                else:
                    self.add(msg("sheet.bad_status", question=qid, text=status_raw) if why is None
                             else msg("sheet.status_refused", question=qid, why=why), status_cell,
                             fix=msg("sheet.bad_status.fix_na" if question.allow_na else "sheet.bad_status.fix"))
                self.rejected.add(qid)
                return None
        state = EvidenceState.declared
        if state_raw:
            code = lookup(state_raw, EVIDENCE_WORDS)
            if code is None:
                self.add(msg("sheet.bad_evidence_state", question=qid, text=state_raw), state_cell, "warning",
                         fix=msg("sheet.bad_evidence_state.fix"))
            else:
                state = EVIDENCE_STATES[code]

        value: Value = None
        if isinstance(question, MultiSelectQuestion):
            value, ok = read_multi(self, question, given, subs, value_cell)
            if not ok:
                self.rejected.add(qid)
                return None
        elif raw:
            value, why, warn = parse_value(question, given.value if given is not None else raw,
                                           percent=given is not None and given.percent, names=self.names)
            word = status_word(raw) if why is not None or isinstance(question, TextQuestion) else None
            if word is not None and status in (None, word):  # the status typed here, or said twice
                refused = check_answer(question, Answer(status=word)) if status is None else None
                if refused is not None:  # one error, not a notice that it was taken and an error that it was not
                    has_status = given is not None and self.columns_of[given.sheet][1] is not None
                    fix = "sheet.status_typed_refused.fix" if has_status else "sheet.status_typed_refused.fix_plain"
                    self.add(msg("sheet.value_refused", question=qid, why=refused), value_cell, fix=msg(fix))
                    self.rejected.add(qid)
                    return None
                if status is None:
                    self.add(msg("sheet.status_in_answer", question=qid, text=given.texts()[1] if given else "",
                                 status=msg(f"sheet.status.{word}")), value_cell, "notice",
                             fix=msg("sheet.status_in_answer.fix", status=msg(f"sheet.status.{word}")))
                    status_cell = value_cell
                status, value, why, raw = word, None, None, ""
            if why is not None and status in (None, "answered"):
                self.add(msg("sheet.value_refused", question=qid, why=why), value_cell, fix=fix_for(question, why))
                self.rejected.add(qid)
                self.value_failed[qid] = given.value if given is not None else raw
                return None
            if warn is not None:
                self.add(msg("sheet.value_warning", question=qid, why=warn), value_cell, "warning",
                         fix=fix_for(question))
        has_value = value is not None

        if status is None:
            if not has_value:
                if note or evidence:
                    # a note that would be a valid answer was likely typed one column off: said, never moved
                    looks = bool(note) and not isinstance(question, MultiSelectQuestion | TextQuestion) and \
                        self._would_answer(question, note)
                    if looks:  # an answer given and not used, named at the note's cell (a redacted report
                        # leaves that out with its text); the firm is not benchmarked on it as unanswered
                        at = self._cell_of(given, self.note_cols) or answer_at()
                        self.add(msg("sheet.answer_in_note", question=qid), at, fix=msg("sheet.answer_in_note.fix"))
                        self.rejected.add(qid)
                        self.in_note.add(qid)
                    else:  # told once for them all, as the profile puts the question or not (`sheet_checks`)
                        self.note_only[qid] = self._noted_at(qid, given) or value_cell or self.seen[qid]
                return None
            status = "answered"
        elif status == "answered" and not has_value:
            self.add(msg("sheet.answered_without_value", question=qid), answer_at(), "warning",
                     fix=msg("sheet.give_answer.fix"))
            self.rejected.add(qid)
            return None
        elif status != "answered" and (has_value or raw):  # which of the two was meant cannot be told
            # (every option of a multiple choice marked 否 says nothing against 不清楚 or 不适用)
            said = bool(value) or bool(raw) if isinstance(question, MultiSelectQuestion) else True
            if said and check_answer(question, Answer(status=status)) is None:  # else the status is refused below
                self.add(msg("sheet.status_contradicts", question=qid, status=msg(f"sheet.status.{status}")),
                         answer_at(), fix=msg("sheet.status_contradicts.fix"))
                self.rejected.add(qid)
                return None
            value = None
        refs = evidence_list(evidence)
        fault = evidence_fault(refs) if refs else None
        if fault is not None:  # the evidence is left out, as on a card; the answer stands without it
            self.left_out(fault, self._cell_of(given, self.evidence_cols) or answer_at())
            refs = []
        answer = Answer(status=status, value=value, note=note, evidence=refs, evidence_state=state)
        if status != "answered" and status_cell is not None:  # a status alone: where the client chose it
            self.where_of[qid] = status_cell
        why = check_answer(question, answer)
        if why is not None:
            answered = status == "answered"
            if answered and given is not None:
                self.value_failed[qid] = given.value
            self.add(msg("sheet.value_refused", question=qid, why=why), answer_at() if answered else status_cell,
                     fix=fix_for(question, why) if answered else msg("sheet.status_na.fix"))
            self.rejected.add(qid)
            return None
        return answer

    def field_cells(self) -> dict[str, str]:
        """Where each field of each answer was read: `"C01 note"` -> `Answers!F2`, for the status, note,
        evidence and evidence state of a question's row, and for a multiple choice's value the range of
        its option rows (`"G03 value"` -> `Answers!E10:E13`). The answer cell itself is `where_of`."""
        out: dict[str, str] = {}
        for qid, given in self.main.items():
            _, status_col, state_col = self.columns_of[given.sheet]
            for field, col in (("status", status_col), ("note", self.note_cols.get(given.sheet)),
                               ("evidence", self.evidence_cols.get(given.sheet)), ("evidence_state", state_col)):
                if col:
                    out[f"{qid} {field}"] = str(Cell(given.sheet, given.row, col))
        for qid, options in self.subs.items():
            if options:
                out[f"{qid} value"] = options_range(options)
        return out

    def _would_answer(self, question: QuestionBase, text: str) -> bool:
        """Whether `text` would be a valid answer to `question`: read, and within its range."""
        value, why, _ = parse_value(question, text, names=self.names)
        return why is None and value is not None and check_answer(question, Answer(value=value)) is None

    def _noted_at(self, qid: str, given: Given | None) -> Cell | None:
        """The cell a question's note was typed in: its note or evidence cell, else a column the client
        added, else a comment's cell."""
        typed_in = self.note_cols if given is not None and cell_text(given.note) else \
            self.evidence_cols if given is not None and cell_text(given.evidence) else {}
        at = self._cell_of(given, typed_in)
        beside = self.extras.get(qid) or self.commented.get(qid)
        return at if at is not None or not beside else Cell(*beside[0][:3])

    @staticmethod
    def _cell_of(given: Given | None, cols: dict[str, int | None]) -> Cell | None:
        """The cell of a question's row in one of its sheet's columns (`note_cols`, `evidence_cols`)."""
        col = cols.get(given.sheet) if given is not None else None
        return Cell(given.sheet, given.row, col) if given is not None and col else None
