"""Input cells of an answer sheet's row read as empty for what they hold: a formula, whose cached
result may be stale or absent, or text no screen or workbook can take (`sheet_values.cell_fault`).
In the answer's cells the answer is refused; in the note or evidence only that cell is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assess.excel import sheet_format as T
from assess.excel.a1 import Cell
from assess.excel.sheet_cells import SHARED_FORMULA
from assess.excel.sheet_values import cell_fault
from assess.problems import msg
from assess.text.clean import FIELD_MAX, Kind

if TYPE_CHECKING:
    from assess.excel.sheet_rows import RowReader


def formula_inputs(reader: RowReader, sheet: str, r: int, columns: tuple[int | None, ...], values: list[Any],
                   formulas: dict[tuple[int, int], str], rid: str) -> None:
    """Read a row's input cells that hold a formula as empty (r and the columns 0-based; None: no
    such column): a formula's cached result may be stale or absent. In the answer's cells it
    refuses the answer, which shows the formula as typed; in the note or evidence it is left
    out, as refused text is (`refuse_unclean`)."""
    for i, c in enumerate(columns):
        text = formulas.get((r + 1, c + 1)) if c is not None else None
        if text is None:
            continue
        shown = text if text == SHARED_FORMULA else "=" + text
        values[i] = ""
        cell = Cell(sheet, r + 1, c + 1)
        if i in (2, 3):  # the note, the evidence
            reader.left_out((msg("sheet.formula_text", formula=shown), msg("sheet.formula.fix_text")), cell)
            continue
        if rid in T.COMPANY_FIELDS:  # a name, a contact (a mailto link): text, read as blank, told
            reader.add(msg("sheet.field_formula", formula=shown), cell, "warning",
                   fix=msg("sheet.formula.fix_text"))
            continue
        reader.add(msg("sheet.formula", formula=shown), cell, fix=msg("sheet.formula.fix"))
        qid = rid.partition(T.SUB)[0]
        reader.unclean.add(qid)
        reader.formula_typed.setdefault(qid, shown)

def refuse_unclean(reader: RowReader, sheet: str, r: int, columns: tuple[int | None, ...], values: list[Any],
                   company: bool) -> bool:
    """Name each input cell of a row whose text is refused (`sheet_values.cell_fault`) and read
    it as empty; whether the answer itself is refused with it. `columns`: status, value, note,
    evidence, evidence state. A note or evidence refused is only left out: the answer stands,
    as it would with that cell blank."""
    for v in values:  # `cell_fault`'s own first test, which nearly every row passes
        if v and isinstance(v, str) and not (len(v) <= FIELD_MAX and v.isprintable()):
            break
    else:
        return False
    kinds: tuple[Kind, ...] = ("field", "field" if company else "text", "note", "evidence", "field")
    answer_refused = False
    for i, (c, kind) in enumerate(zip(columns, kinds, strict=True)):
        fault = cell_fault(values[i], kind) if c is not None else None
        if fault is None:
            continue
        values[i] = ""
        if kind in ("note", "evidence"):
            reader.left_out(fault, Cell(sheet, r + 1, c + 1))
        else:
            reader.add(fault[0], Cell(sheet, r + 1, c + 1), fix=fault[1])
            answer_refused = True
    return answer_refused
