"""Answers that sit beside another question's row.

Pasted one row off: a value that cannot be its own question's answer but fits the question one row
up (or down), on two or more rows in a row, is a block pasted one row off: none of the block is
used, since some of its values may fit their own question by chance. A value that fits both equally
(a level on two maturity questions) cannot tell, so it neither makes nor breaks a block on its own.
Run only when two or more values failed: a sheet read cleanly costs nothing here.

Sorted apart from their ids: a row whose question text is another question's (the client sorted
every column but the ids) holds that question's answer under this one's id: it is not used. Looked
for only on rows whose text is not their own.

Pasted from another release's sheet: a column of answers copied from a sheet of another release of
the questionnaire, whose rows run in another order, holds on many rows the answer to the question
that release has there. When the other release's order fits the values far better than the sheet's
own, no answer on a row whose question differs between the two is used. Looked for only when three
or more values failed.

Typed beside the answer cell: an answer typed over the question text or the how-to-answer text, with
the answer cell left blank, is named with the cell to move it to; it is not used from there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from assess.answers import Answer
from assess.excel import sheet_format as T
from assess.excel.a1 import col_letter
from assess.excel.sheet_pin import meta_fingerprints
from assess.excel.sheet_values import cell_text, code_part, norm, option_codes, parse_value
from assess.memo import per_object
from assess.model import MaturityQuestion, MultiSelectQuestion, QuestionBase, Questionnaire, SingleSelectQuestion
from assess.problems import msg
from assess.rules import check_answer, question_index

if TYPE_CHECKING:
    from assess.excel.sheet_rows import RowReader

Row = tuple[str, int, str]
"""(sheet, 1-based row, row id)."""


def fit(question: QuestionBase | None, raw: Any, percent: bool, names: dict[str, int]) -> int:
    """How well a cell fits a question: 0 not at all, 1 as a value of its kind, 2 by one of the
    question's own codes or labels (an option id, a level's descriptor)."""
    if question is None or isinstance(question, MultiSelectQuestion):
        return 0
    value, why, _ = parse_value(question, raw, percent=percent, names=names)
    if why is not None or value is None:
        return 0
    try:
        if check_answer(question, Answer(value=value)) is not None:
            return 0
    except ValueError:
        return 0
    if isinstance(question, MaturityQuestion | SingleSelectQuestion) and isinstance(raw, str):
        n = norm(raw)
        codes = option_codes(question)
        label = n.partition(T.SEP.strip())[2].strip()
        if n in codes or (label and label in codes) or (not label and code_part(n) in codes):
            return 2
    return 1


def shifted_blocks(reader: RowReader) -> list[tuple[list[Row], str]]:
    """The blocks of rows pasted one row off, each with where their values belong ("up", "down")."""
    order: dict[str, list[Row]] = {}
    for row in reader.order:
        order.setdefault(row[0], []).append(row)
    at = {(sheet, row[1]): i for sheet, rows in order.items() for i, row in enumerate(rows)}
    scores: dict[tuple[str, int, str], tuple[int, int]] = {}

    def score(rows: list[Row], i: int, d: str) -> tuple[int, int]:
        """(fit to its own question, fit to the neighbour's in direction `d`) of row i's value."""
        j = i - 1 if d == "up" else i + 1
        own = question(rows[i])
        if not 0 <= j < len(rows) or own is None:
            return (0, 0)
        given = reader.main[own.id]
        if not cell_text(given.value):
            return (0, 0)
        key = (rows[i][0], i, d)
        if key not in scores:
            names = reader.names
            scores[key] = (fit(own, given.value, given.percent, names),
                           fit(question(rows[j]), given.value, given.percent, names))
        return scores[key]

    def shifted(rows: list[Row], i: int, d: str) -> bool:
        own, other = score(rows, i, d)
        return other > own

    def tied(rows: list[Row], i: int, d: str) -> bool:
        own, other = score(rows, i, d)
        return other >= own and other > 0

    def question(row: Row) -> QuestionBase | None:
        given = reader.main.get(row[2])
        return reader.by_id.get(row[2]) if given is not None and given.row == row[1] else None

    blocks: list[tuple[list[Row], str]] = []
    taken: set[tuple[str, int]] = set()
    for qid in reader.value_failed:
        given = reader.main.get(qid)
        if given is None or (given.sheet, given.row) in taken:
            continue
        rows = order[given.sheet]
        i = at[given.sheet, given.row]
        for d in ("up", "down"):
            if not shifted(rows, i, d):
                continue
            lo = hi = i
            while lo > 0 and shifted(rows, lo - 1, d):
                lo -= 1
            while hi + 1 < len(rows) and shifted(rows, hi + 1, d):
                hi += 1
            if hi > lo:
                # the paste goes on where a value fits its neighbour as well as its own question
                while lo > 0 and tied(rows, lo - 1, d):
                    lo -= 1
                while hi + 1 < len(rows) and tied(rows, hi + 1, d):
                    hi += 1
                block = rows[lo:hi + 1]
                taken.update((sheet, r) for sheet, r, _ in block)
                blocks.append((block, d))
                break
    return blocks


def refuse_block(reader: RowReader, block: list[Row], direction: str, out: dict[str, Answer]) -> None:
    """A block of rows pasted one row off: none of its answers is used, one problem names it."""
    qids = {rid for _, _, rid in block}
    sheet, first, _ = block[0]
    last = block[-1][1]
    value_col = reader.columns_of[sheet][0]
    letter = col_letter(value_col - 1)
    # the row the paste left blank, beside the block's edge: its answer is in the block (D05's, one
    # row down, in E78)
    up = direction == "up"
    edge = block[0] if up else block[-1]
    rows = [row for row in reader.order if row[0] == sheet]
    at = rows.index(edge) + (-1 if up else 1)
    top, bottom = first, last
    if 0 <= at < len(rows) and (given := reader.main.get(rows[at][2])) is not None and \
            given.row == rows[at][1] and not cell_text(given.value):
        qids.add(rows[at][2])
        reader.shifted_typed[rows[at][2]] = (cell_text(reader.main[edge[2]].value), edge[1])
        top, bottom = (rows[at][1], last) if up else (first, rows[at][1])
    # what was said of a block's answer cells, the block explains (a multiple choice's own row holding
    # its neighbour's answer included); what was said of other cells, an option row's, stands
    cells = {f"{sheet}!{letter}{row}" for row in range(top, bottom + 1)}
    _set_aside(reader, qids, cells.__contains__, out)
    reader.add(msg("sheet.shifted", first=first, last=last, direction=msg(f"sheet.shifted.{direction}")),
             f"{sheet}!{letter}{top}:{letter}{bottom}", fix=msg(f"sheet.shifted.fix_{direction}"))


def _set_aside(reader: RowReader, qids: set[str], covered: Callable[[str], bool], out: dict[str, Answer]) -> None:
    """Use none of `qids`' answers, and drop what was said of them at the cells one problem now explains."""
    reader.problems = [p for p in reader.problems if not (covered(p.where) and set(reader.questions_of(p)) & qids)]
    for qid in qids:
        out.pop(qid, None)
        reader.rejected.add(qid)


Expected = dict[str, tuple[str, int, str, str, str]]
"""The template's rows (`sheet_reader.expected_rows`)."""


def misplaced_rows(reader: RowReader, expected: Expected, meta: Any) -> None:
    """Name each row whose question text is another row's and not its own (`expected`: the template's
    rows; `meta`: the Meta sheet's rows, with the sheet's own fingerprints) as an error, and use
    none of its answer; three or more rows one under the other are named as one block. A text that
    several rows share (an option named 其他 in two questions) tells nothing and is passed over."""
    by_text: dict[str, str | None] | None = None
    fingerprints: dict[str, str] | None = None
    found: list[tuple[str, str, Any]] = []  # (row id, the id whose text it shows, the text's cell)
    for rid, (text, cell) in reader.texts.items():
        known = expected.get(rid)
        if not text or (known is not None and known[3] == text):
            continue  # as the template writes it: nearly every row
        if fingerprints is None:  # the Meta sheet's, read once and only when a text is not the template's
            fingerprints = meta_fingerprints(meta)
        fingerprint = T.fingerprint(text)
        own = fingerprints.get(rid) or (known[2] if known is not None else None)
        if fingerprint == own:
            continue
        if by_text is None:
            by_text = {}
            for other, (_, _, fp, wording, _) in expected.items():
                for key in {wording, fingerprints.get(other) or fp}:
                    by_text[key] = other if by_text.get(key, other) == other else None
        other = by_text.get(text) or by_text.get(fingerprint)
        if other is not None and other != rid:
            found.append((rid, other, cell))
    for block in _runs(found):
        qids = tuple(dict.fromkeys(rid.partition(T.SUB)[0] for rid, _, _ in block))
        rid, other, cell = block[0]
        if len(block) < 3:
            for rid, other, cell in block:
                question = rid.partition(T.SUB)[0]
                reader.add(msg("sheet.row_misplaced", id=rid, other=other, question=question), cell,
                           fix=msg("sheet.row_misplaced.fix"))
                reader.about(reader.problems[-1], (question,))
        else:
            last = block[-1][2]
            reader.add(msg("sheet.rows_misplaced", count=len(block), id=rid, other=other, questions=list(qids)),
                       f"{cell}:{col_letter(last.col - 1)}{last.row}", fix=msg("sheet.row_misplaced.fix"))
            reader.about(reader.problems[-1], qids)
        for rid, _, _ in block:
            reader.text_told.add(rid)
            if rid in T.COMPANY_FIELDS:
                reader.company.pop(rid, None)
            else:
                reader.unclean.add(rid.partition(T.SUB)[0])


def _runs(found: list[tuple[str, str, Any]]) -> list[list[tuple[str, str, Any]]]:
    """The rows found, in runs of rows one under the other on one sheet."""
    runs: list[list[tuple[str, str, Any]]] = []
    for item in found:
        cell = item[2]
        if runs and runs[-1][-1][2].sheet == cell.sheet and runs[-1][-1][2].row + 1 == cell.row:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def typed_beside(reader: RowReader, expected: Expected) -> None:
    """Name each answer typed over its row's question text or how-to-answer text while its answer
    cell is blank (`企业名称：宁波模具` in the item column, 是 over the question): a warning at the
    answer cell, saying what to move there. It is not used: the cell it is in is not an answer's."""
    for rid, (guide, guide_cell) in reader.guides.items():
        known = expected.get(rid)
        if known is None or isinstance(reader.by_id.get(rid), MultiSelectQuestion):
            continue  # a multiple choice is answered on its option rows
        text, text_cell = reader.texts.get(rid, ("", None))
        text_column = "item" if known[0] == T.COMPANY else "question"  # as each sheet heads it
        for typed, cell, wording, column in ((text, text_cell, known[3], text_column),
                                             (guide, guide_cell, known[4], "guide")):
            if not typed or typed == wording or cell is None:
                continue
            answer = _answer_part(typed, wording)
            if answer and _is_answer(reader, rid, answer):
                value_cell = f"{cell.sheet}!{col_letter(reader.columns_of[cell.sheet][0] - 1)}{cell.row}"
                reader.add(msg("sheet.typed_beside", id=T.row_name(rid), text=answer,
                               column=msg(f"sheet.column.{column}"), cell=str(cell), value_cell=value_cell),
                           value_cell, "warning",
                           fix=msg("sheet.typed_beside.fix", text=answer, value_cell=value_cell, cell=str(cell)))
                reader.typed_beside.add(rid)
                if column != "guide":
                    reader.text_told.add(rid)
                break


def _answer_part(typed: str, wording: str) -> str:
    """What a client typed into a label cell beyond its label: 宁波模具 of `企业名称：宁波模具`; the
    whole text when the label is gone."""
    if wording and typed.startswith(wording):
        return typed[len(wording):].strip(" \t:：-—–")
    return typed.strip()


def _is_answer(reader: RowReader, rid: str, text: str) -> bool:
    if rid in T.COMPANY_FIELDS:
        return True
    question = reader.by_id.get(rid)
    return question is not None and not isinstance(question, MultiSelectQuestion) and \
        fit(question, text, False, reader.names) > 0


Layout = tuple[str, dict[int, str], dict[str, QuestionBase]]
"""Another release of the questionnaire: its version, the row id on each row of its Answers sheet, its
questions by id (`other_layouts`)."""


def refuse_pasted(reader: RowReader, sheet: str, layouts: list[Layout], out: dict[str, Answer]) -> bool:
    """Whether `sheet`'s answer column was pasted from another release's sheet (`pasted_from`): if so,
    none of the answers on rows whose question differs is used, and one problem says so, in place of
    what was said of each value."""
    pasted = pasted_from(reader, sheet, layouts)
    if pasted is None:
        return False
    version, qids = pasted
    moved = set(qids)
    letter = col_letter(reader.columns_of[sheet][0] - 1)
    rows = [row for name, row, rid in reader.order if name == sheet and rid.partition(T.SUB)[0] in moved]
    _set_aside(reader, moved, lambda where: where.startswith(f"{sheet}!{letter}"), out)
    reader.add(msg("sheet.pasted_release", release=version, count=len(moved), column=letter),
               f"{sheet}!{letter}{min(rows)}:{letter}{max(rows)}", fix=msg("sheet.pasted_release.fix", release=version))
    return True


def pasted_from(reader: RowReader, sheet: str, layouts: list[Layout]) -> tuple[str, list[str]] | None:
    """(the other release's version, the questions whose rows differ from it) when the values of `sheet` fit
    that release's rows far better than their own: three or more fit the other's question better,
    at least twice as many as fit their own better. None when no release explains them."""
    head = reader.heads.get(sheet, 0)  # rows are the template's, moved down by a title typed above the headings
    rows = [(row - head, rid) for name, row, rid in reader.order if name == sheet]
    names = reader.names
    for ref, at_row, questions in layouts:
        better = worse = 0
        moved: dict[str, None] = {}
        for row, rid in rows:
            qid = rid.partition(T.SUB)[0]
            if at_row.get(row) == rid or not _has_value(reader, rid, row + head):
                continue  # the same question in either release, or nothing typed
            moved[qid] = None
            given = reader.main.get(rid)
            if given is None or given.row != row + head:
                continue  # an option row: it moves with its question, but is not judged alone
            own = fit(reader.by_id.get(rid), given.value, given.percent, names)
            other = fit(questions.get(at_row.get(row, "")), given.value, given.percent, names)
            better += other > own
            worse += own > other
        if better >= 3 and better >= 2 * worse:
            return ref, list(moved)
    return None


def _has_value(reader: RowReader, rid: str, row: int) -> bool:
    qid, sep, option = rid.partition(T.SUB)
    if not sep:
        given = reader.main.get(rid)
        return given is not None and given.row == row and bool(cell_text(given.value) or cell_text(given.status))
    for value, cell in reader.subs.get(qid, {}).values():
        if cell.row == row and cell_text(value):
            return True
    return False


@per_object(8)
def other_layouts(q: Questionnaire, locale: str) -> list[Layout]:
    """The Answers-sheet rows of the questionnaire's other bundled releases in `locale`, newest first:
    what a column pasted from another release's sheet is told by. Asked only when values failed."""
    from assess.content.bundled import other_releases

    out: list[Layout] = []
    for other in other_releases(q):
        if locale not in other.locales:
            continue
        rows = T.expected_rows(other, locale)
        out.append((other.version, {row: rid for rid, (sheet, row, *_) in rows.items() if sheet == T.ANSWERS},
                    question_index(other)))
    return out
