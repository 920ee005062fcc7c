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


PERCENT_CELLS = 10_000
"""Most percentage cells noted a sheet: an answer sheet has a few dozen answer cells; a crafted file
could repeat one a million times."""

Span = tuple[tuple[int, int], tuple[int, int]]
"""A merged range, 0-based: ((first row, first column), (last row, last column)), as python-calamine
gives an .xlsx's."""


class Expanded(Exception):
    """A sheet whose content reaches row `rows` and column `columns`: more than MAX_RANGE_CELLS."""

    def __init__(self, sheet: str, rows: int, columns: int) -> None:
        super().__init__(sheet)
        self.sheet, self.rows, self.columns = sheet, rows, columns


def _local(name: str) -> str:
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
    """A table being read: how far its content reaches, and where its open row is."""

    __slots__ = ("name", "next_row", "height", "width", "repeats", "col", "row_width")

    def __init__(self, name: str) -> None:
        self.name = name
        self.next_row = 0  # rows passed, repeats counted
        self.height = self.width = 0  # the last row and column holding content
        self.repeats = 1  # the open row's
        self.col = 0  # columns passed in the open row
        self.row_width = 0  # the open row's last column holding content


_OTHER, _CELL, _ROW, _TABLE = range(4)
_KINDS = {"table-cell": _CELL, "covered-table-cell": _CELL, "table-row": _ROW, "table": _TABLE}
_KNOWN = 256
"""Tag names remembered per file (a file has a few dozen; a crafted one could have millions)."""


class OdsCells:
    """Fed content.xml chunk by chunk; raises `Expanded` as soon as a sheet's used range passes
    `limit`, and `expat.ExpatError` for XML no reader should be trusted with.

    The handlers run for every element (millions in a crafted file), so they are kept lean: tag
    names are looked up once, and the open cell is three plain fields."""

    __slots__ = ("limit", "merged", "percent", "_parser", "_tables", "_table", "_kinds", "_cell_at", "_cell_end",
                 "_held")

    def __init__(self, limit: int = MAX_RANGE_CELLS, merged: bool = False) -> None:
        self.limit = limit
        self.merged: dict[str, list[Span]] | None = {} if merged else None
        """With `merged`: each sheet's merged cells (python-calamine gives none for an .ods)."""
        self.percent: dict[str, set[tuple[int, int]]] = {}
        """With `merged`: each sheet's cells (row, column), 1-based, holding a percentage (a typed 62%,
        stored as 0.62), up to PERCENT_CELLS of them: python-calamine gives only the value."""
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.EntityDeclHandler = self._entity  # the DTD scan runs first; this is a second lock
        self._parser = parser
        self._tables: list[_Table] = []  # the open ones: a table can nest in a cell
        self._table: _Table | None = None  # the innermost open one
        self._kinds: dict[str, int] = {}
        self._cell_at = -1  # the open cell's first column - 1 (-1: no cell open)
        self._cell_end = 0  # the column after its repeats
        self._held = False  # whether it holds content

    def feed(self, chunk: bytes) -> None:
        self._parser.Parse(chunk, False)

    def close(self) -> None:
        self._parser.Parse(b"", True)

    def _entity(self, *_: object) -> None:
        raise expat.ExpatError("entity declaration")

    def _kind(self, tag: str) -> int:
        kind = self._kinds.get(tag)
        if kind is None:
            # by local name, whatever the prefix: a file binding the table namespace to another
            # prefix is counted too (over-counting a stranger's element costs nothing; missing one could)
            kind = _KINDS.get(_local(tag), _OTHER)
            if len(self._kinds) < _KNOWN:
                self._kinds[tag] = kind
        return kind

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        kind = self._kind(tag)
        table = self._table
        if table is None:
            if kind == _TABLE:
                self._open(_name(attributes))
            return
        if self._cell_at >= 0:
            self._held = True  # a paragraph, a comment, a table: the cell holds something
        if kind == _CELL:
            repeats = _repeats(attributes, "number-columns-repeated") if attributes else 1
            self._cell_at, self._cell_end = table.col, table.col + repeats
            self._held = bool(attributes) and any(_local(key) == "value-type" for key in attributes)
            if self.merged is not None and attributes and self._table is self._tables[0]:
                rows, cols = _repeats(attributes, "number-rows-spanned"), _repeats(attributes, "number-columns-spanned")
                if rows > 1 or cols > 1:
                    self.merged.setdefault(table.name, []).append(
                        ((table.next_row, table.col), (table.next_row + rows - 1, table.col + cols - 1)))
                if any(_local(k) == "value-type" and v == "percentage" for k, v in attributes.items()):
                    self._percent(table, repeats)
            table.col += repeats
        elif kind == _ROW:
            table.repeats = _repeats(attributes, "number-rows-repeated") if attributes else 1
            table.col = table.row_width = 0
        elif kind == _TABLE:  # in a cell: the cell holds it, and it is counted as a sheet of its own
            if self._cell_at >= 0 and self._cell_end > table.row_width:
                table.row_width = self._cell_end
            self._open(self._tables[0].name)  # shown as the sheet it is in

    def _end(self, tag: str) -> None:
        table = self._table
        if table is None:
            return
        kind = self._kind(tag)
        if kind == _CELL:
            if self._held and self._cell_end > table.row_width:
                table.row_width = self._cell_end
            self._cell_at, self._held = -1, False
        elif kind == _ROW:
            table.next_row += table.repeats
            if table.row_width:
                table.height, table.width = table.next_row, max(table.width, table.row_width)
                if table.height * table.width > self.limit:
                    raise Expanded(table.name, table.height, table.width)
            table.repeats, table.col, table.row_width = 1, 0, 0
        elif kind == _TABLE:
            self._tables.pop()
            self._table = self._tables[-1] if self._tables else None
            self._cell_at, self._held = -1, False

    def _percent(self, table: _Table, repeats: int) -> None:
        cells = self.percent.setdefault(table.name, set())
        for r in range(table.next_row + 1, table.next_row + table.repeats + 1):
            for c in range(table.col + 1, table.col + repeats + 1):
                if len(cells) >= PERCENT_CELLS:
                    return
                cells.add((r, c))

    def _open(self, name: str) -> None:
        self._table = _Table(name)
        self._tables.append(self._table)
        self._cell_at, self._held = -1, False


def _name(attributes: dict[str, str]) -> str:
    return next((value for key, value in attributes.items() if _local(key) == "name"), "")
