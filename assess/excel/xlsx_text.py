"""Writing user text with xlsxwriter so that it stays the text it is.

xlsxwriter (checked on 3.3.1) takes any string that starts with `<r>` and ends with `</r>` for a
rich string it built itself and writes it into the sheet's XML unescaped. Such a string in an
`assess` workbook can only be a company name, a note or an evidence reference typed by a user:
unescaped, it makes the workbook unreadable or, crafted, changes what other cells show. Written
as a rich string of two runs instead, it goes through xlsxwriter's own escaping, and every reader
shows the same characters. Every other string is written with `write_string`, as stock.

The workbooks are also created with `WORKBOOK_OPTIONS`, so that no string becomes a formula, a
link or a number (shared/reference/excel-baseline.md, section 5c).
"""

from __future__ import annotations

from typing import Any

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def looks_rich(text: str) -> bool:
    """Whether xlsxwriter would write `text` unescaped, as a rich string of its own."""
    return text.startswith("<r>") and text.endswith("</r>")


def write_text(ws: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
    """Write `text` as text in every case (see the module's docstring)."""
    if looks_rich(text):
        run = fmt if fmt is not None else _plain(ws)
        args = (text[:1], run, text[1:]) + ((fmt,) if fmt is not None else ())
        ws.write_rich_string(row, col, *args)
    else:
        ws.write_string(row, col, text, fmt)


def _plain(ws: Any) -> Any:
    """A format with no properties, for the second run of a rich string written without one."""
    from xlsxwriter.format import Format

    return Format()
