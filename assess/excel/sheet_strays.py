"""Rows of an answer sheet the reader cannot place under a question as they stand: a row without an
id, one whose id no question has (a row added for a remark among them), and a second row for one id.
Each is named; which of them costs an answer, and so is an error, is told apart here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assess.excel import sheet_format as T
from assess.excel.sheet_values import cell_text
from assess.problems import msg

if TYPE_CHECKING:
    from assess.excel.a1 import Cell
    from assess.excel.sheet_rows import Given, RowReader


def without_id(reader: RowReader, at: Cell, row: list[Any], inputs: tuple[int | None, ...],
               others: Sequence[Any] = ()) -> None:
    """Name a row without an id that holds something: an answer, an error (which question it
    answers cannot be told); only a note, evidence or other text (`others`: a row inserted for an
    explanation), a warning quoting it, since no answer is lost."""
    status, value, note, evidence, state = (cell_text(row[c]) if c is not None else "" for c in inputs)
    if status or value or state:
        reader.add(msg("sheet.row_without_id"), at, fix=msg("sheet.row_without_id.fix"))
    else:
        reader.private.add(str(at))  # it quotes a note: a redacted report leaves it out, as it does the note
        reader.add(msg("sheet.note_without_id", text=_quoted(note, evidence, *map(cell_text, others))), at,
                   "warning", fix=msg("sheet.note_without_id.fix"))


def above_header(reader: RowReader, sheet: str, rows: Sequence[Sequence[Any]], head: int, c_id: int) -> None:
    """Name the rows above a sheet's header row that hold text: not read, and quoted, as a note is (a
    redacted report leaves it out). A title typed over the sheet is a notice; a row of ours moved up
    there (by a sort, say), a warning that asks for it back."""
    above = [r for r in range(head) if any(cell_text(v) for v in rows[r])]
    if not above:
        return
    where = f"{sheet}!{above[0] + 1}:{above[-1] + 1}"
    reader.private.add(where)
    ours = any(c_id < len(rows[r]) and cell_text(rows[r][c_id]) in reader.row_ids for r in above)
    fix = msg("sheet.above_header.fix_row" if ours else "sheet.above_header.fix")
    said = _quoted(*(cell_text(v) for r in above for v in rows[r]))
    reader.add(msg("sheet.above_header", sheet=sheet, row=head + 1, text=said), where, "warning" if ours else "notice",
               fix=fix)


def unknown_row(reader: RowReader, rid: str, at: Cell, values: list[Any], others: list[Any]) -> None:
    """Name a row whose id no question has: an error when it holds an answer (which question it
    answers cannot be told); a row added for a remark (补充说明 in its id cell, the text beside it,
    `others` the question's and added columns), with no answer, status or evidence state, a warning
    quoting it, since no answer is lost."""
    status, value, note, evidence, state = (cell_text(v) for v in values)
    if status or value or state:
        reader.add(msg("sheet.unknown_id", id=rid, questionnaire=reader.q.ref), at, fix=msg("sheet.unknown_id.fix"))
        return
    said = [note, evidence, *map(cell_text, others)]
    if any(said):
        reader.remarks.add(rid)
        reader.private.add(str(at))  # a remark is a note: a redacted report leaves it out
        reader.add(msg("sheet.remark_row", id=rid, text=_quoted(*said)), at, "warning",
                   fix=msg("sheet.note_without_id.fix"))
    else:
        reader.add(msg("sheet.unknown_id", id=rid, questionnaire=reader.q.ref), at, "warning",
                   fix=msg("sheet.unknown_id.fix"))


def field_remark(reader: RowReader, rid: str, at: Cell, text: str) -> None:
    """Name what a client wrote over the how-to-answer text beside a company's field (原名：…): a field
    has no note to keep it in, so it is quoted as not read."""
    reader.private.add(str(at))  # beside a name or a contact: a redacted report leaves it out
    reader.add(msg("sheet.field_remark", field=T.row_name(rid), column=msg("sheet.column.guide"), text=_quoted(text)),
               at, "warning", fix=msg("sheet.field_remark.fix"))


def duplicate_row(reader: RowReader, rid: str, given: Given, cell: Cell) -> None:
    """Name a second row for one id: a warning when it says what the first does (the first stands),
    else an error, and neither is used (which of the two was meant cannot be told)."""
    first = reader.seen[rid]
    qid, sep, opt = rid.partition(T.SUB)
    if rid in T.COMPANY_FIELDS:
        same = cell_text(given.value) == reader.company.get(rid, "")
    elif sep:
        same = cell_text(given.value) == cell_text(reader.subs.get(qid, {}).get(opt, ("",))[0])
    else:
        before = reader.main.get(qid)
        same = given.texts() == (before.texts() if before is not None else ("",) * 5)
    if same:
        reader.add(msg("sheet.duplicate_same", id=rid, first=first.row, second=cell.row), cell, "warning",
                   fix=msg("sheet.duplicate_same.fix"))
    else:
        reader.add(msg("sheet.duplicate_differs", id=rid, first=first.row, second=cell.row), cell,
                   fix=msg("sheet.duplicate_differs.fix"))
        reader.conflicted.add(qid)


def _quoted(*texts: str) -> str:
    """Cells' text quoted in a message: those not blank, on one line, cut at 60 characters."""
    said = " / ".join(line for text in texts for line in text.split("\n") if line)
    return said if len(said) <= 60 else said[:59] + "…"
