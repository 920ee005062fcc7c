"""The guard's look inside an .ods's content.xml: how many cells its sheets expand to.

OpenDocument compresses runs of equal rows and cells: `table:number-rows-repeated="1000000"` on a
row holding "x" is a few bytes of XML, and python-calamine, which parses every sheet when it opens
the workbook, expands it into a million rows (20 kB of .ods cost it 500 MB). So the guard, which
inflates content.xml anyway, follows the rows and cells as they stream by and refuses the file once a
sheet's used range (the last row and column holding content, repeats counted) exceeds the range an
.xlsx sheet may have (`MAX_RANGE_CELLS`). Empty repeats only move the position: LibreOffice writes
the empty rest of every sheet as one row repeated a million times, which no reader expands.

expat, not a byte search: the counts depend on attributes, which a comment, CDATA or an odd quote
could hide from a search. content.xml is inflated under the zip caps and scanned for DTDs first
(`guard_zip._XmlScan`); an answer sheet's is about 80 kB and costs expat about a millisecond.
"""

from __future__ import annotations

from xml.parsers import expat

MAX_RANGE_CELLS = 1_000_000
"""Largest used range (rows x columns) of any sheet read: python-calamine allocates the whole range.
An answer sheet's range is about 2,000 cells."""


class Expanded(Exception):
    """A sheet whose content reaches row `rows` and column `columns`: more than MAX_RANGE_CELLS."""

    def __init__(self, sheet: str, rows: int, columns: int) -> None:
        super().__init__(sheet)
        self.sheet, self.rows, self.columns = sheet, rows, columns


def _local(name: str) -> str:
    # by local name, whatever the prefix: a file binding the table namespace to another prefix is
    # counted too (over-counting a stranger's element costs nothing; missing one could)
    return name.rpartition(":")[2]


def _repeats(attributes: dict[str, str], wanted: str) -> int:
    for key, value in attributes.items():
        if _local(key) == wanted:
            try:
                return max(1, int(value))  # int() takes more spellings than readers do: it counts more
            except ValueError:
                return 1
    return 1


class _Table:
    """A table being read: where its open row and cell are, and how far its content reaches."""

    __slots__ = ("name", "next_row", "height", "width", "repeats", "col", "row_width", "cell")

    def __init__(self, name: str) -> None:
        self.name = name
        self.next_row = 0  # rows passed, repeats counted
        self.height = self.width = 0  # the last row and column holding content
        self.repeats = 1  # the open row's
        self.col = 0  # columns passed in the open row
        self.row_width = 0  # the open row's last column holding content
        self.cell: list[int] | None = None  # the open cell: [first column - 1, repeats, holds content]


class OdsCells:
    """Fed content.xml chunk by chunk; raises `Expanded` as soon as a sheet's used range passes
    `limit`, and `expat.ExpatError` for XML no reader should be trusted with."""

    __slots__ = ("limit", "_parser", "_tables")

    def __init__(self, limit: int = MAX_RANGE_CELLS) -> None:
        self.limit = limit
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.EntityDeclHandler = self._entity  # the DTD scan runs first; this is a second lock
        self._parser = parser
        self._tables: list[_Table] = []  # the open ones: a table can nest in a cell

    def feed(self, chunk: bytes) -> None:
        self._parser.Parse(chunk, False)

    def close(self) -> None:
        self._parser.Parse(b"", True)

    def _entity(self, *_: object) -> None:
        raise expat.ExpatError("entity declaration")

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        if not self._tables:
            if _local(tag) == "table":
                self._tables.append(_Table(_name(attributes)))
            return
        table = self._tables[-1]
        local = _local(tag)
        if table.cell is not None:
            table.cell[2] = 1  # a paragraph, a comment, a table: the cell holds something
        if local == "table-cell" or local == "covered-table-cell":
            repeats = _repeats(attributes, "number-columns-repeated")
            held = any(_local(key) == "value-type" for key in attributes)
            table.cell = [table.col, repeats, int(held)]
            table.col += repeats
        elif local == "table-row":
            table.repeats = _repeats(attributes, "number-rows-repeated")
            table.col = table.row_width = 0
        elif local == "table":
            self._tables.append(_Table(self._tables[0].name))  # shown as the sheet it is in

    def _end(self, tag: str) -> None:
        if not self._tables:
            return
        table = self._tables[-1]
        local = _local(tag)
        if local == "table-cell" or local == "covered-table-cell":
            cell = table.cell
            if cell is not None and cell[2]:
                table.row_width = max(table.row_width, cell[0] + cell[1])
            table.cell = None
        elif local == "table-row":
            table.next_row += table.repeats
            if table.row_width:
                table.height, table.width = table.next_row, max(table.width, table.row_width)
                if table.height * table.width > self.limit:
                    raise Expanded(table.name, table.height, table.width)
            table.repeats, table.col, table.row_width = 1, 0, 0
        elif local == "table":
            self._tables.pop()


def _name(attributes: dict[str, str]) -> str:
    return next((value for key, value in attributes.items() if _local(key) == "name"), "")
