"""xlsxwriter, tuned for the workbooks `assess` writes: faster, and every string kept as plain text.

`workbook_class()` is the `Workbook` to make them with:
- its worksheets (`fast_sheet_class()`) write the cell grid (`<sheetData>`) in one tight loop
  instead of several method calls and regex checks per cell;
- its shared-strings part is written in one tight loop too;
- and, process-wide, xlsxwriter's zip archives are deflated with zlib-ng at level 1 instead of the
  standard zlib at level 6 (`use_fast_deflate()`).

The first two also close a hole. Stock xlsxwriter takes any string that starts with `<r>` and ends
with `</r>` for a rich string it built itself, and writes it into the XML unescaped. Such a string in
an `assess` workbook can only be a user's note or company name: unescaped, it makes the workbook
unreadable or, crafted, changes what other cells show. These workbooks hold no rich strings (their
worksheets refuse `write_rich_string`), so every string is written as the plain text it is.

All of it reaches into xlsxwriter below its public interface, so each part checks the shape it
expects and steps aside when it differs: a changed xlsxwriter still writes correct workbooks, only
slower and without the fix above (`tests/excel/test_xlsx_speed.py` fails then, to say so). The tests
write the same workbooks with and without the tuning and compare the XML byte for byte.
"""

from __future__ import annotations

import re
import struct
import zipfile
from functools import lru_cache
from typing import Any

_NEEDS_ESCAPES = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
"""What xlsxwriter's `_escape_control_characters` rewrites; a string without it passes unchanged."""


def _plain_t(text: str) -> str:
    """A `<t>` element for `text`, as stock xlsxwriter writes a string that is not rich: control
    characters as `_xHHHH_`, `&<>` escaped, leading or trailing white space kept."""
    if _NEEDS_ESCAPES.search(text):
        from xlsxwriter.xmlwriter import XMLwriter

        text = XMLwriter._escape_control_characters(text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[:1].isspace() or text[-1:].isspace():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def _plain_si(text: str) -> str:
    """One `<si>` element for `text`, as stock xlsxwriter writes a string that is not rich."""
    return f"<si>{_plain_t(text)}</si>"


@lru_cache(maxsize=1)
def workbook_class() -> type:
    """`xlsxwriter.Workbook`, tuned (see the module's docstring); the stock class, or a subclass with
    only some of the tuning, when the installed xlsxwriter is not the shape this was written for."""
    from xlsxwriter import Workbook

    use_fast_deflate()
    sheet = fast_sheet_class()
    packager = _plain_packager_class()
    if sheet is None and packager is None:
        return Workbook

    class TunedWorkbook(Workbook):  # type: ignore[misc, valid-type]
        def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> Any:
            return super().add_worksheet(name, worksheet_class=worksheet_class or sheet)

        if packager is not None:
            def _get_packager(self) -> Any:
                return packager()

    return TunedWorkbook


def _plain_packager_class() -> type | None:
    """A `Packager` whose shared-strings part is written in one step, every string as text."""
    try:
        from xlsxwriter.packager import Packager
        from xlsxwriter.sharedstrings import SharedStrings
        from xlsxwriter.workbook import Workbook
    except ImportError:  # pragma: no cover - xlsxwriter is a dependency
        return None
    if not (hasattr(Workbook, "_get_packager") and hasattr(Packager, "_write_shared_strings_file")
            and hasattr(Packager, "_filename") and hasattr(SharedStrings, "_write_sst_strings")):
        return None

    class PlainSharedStrings(SharedStrings):  # type: ignore[misc, valid-type]
        def _write_sst_strings(self) -> None:
            self.fh.write("".join(map(_plain_si, self.string_table.string_array)))

    class PlainPackager(Packager):  # type: ignore[misc, valid-type]
        def _write_shared_strings_file(self) -> None:
            table = self.workbook.str_table
            if not table.count:
                return
            sst = PlainSharedStrings()
            sst.string_table = table
            sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
            sst._assemble_xml_file()

    return PlainPackager


ZIP_LEVEL = 1
"""Deflate level for the workbook's parts. xlsxwriter leaves the standard zlib at its default (6). For a
report on the bundled questionnaire, zlib-ng at level 1 deflates the parts in 0.55 ms where the
standard zlib at level 1 takes 1.5 ms, for a file of 75 KB instead of 62 KB (54 KB at level 6)."""


def use_fast_deflate() -> None:
    """Make xlsxwriter write its workbooks' zip archives with `Archive` (zlib-ng at `ZIP_LEVEL`), for
    the rest of the process. It builds its archive with the `ZipFile` name its workbook module imported,
    so that name is pointed at `open_archive`. Should a later xlsxwriter build its archive some other way,
    it keeps its own and nothing else changes."""
    import xlsxwriter.workbook as wb_module

    if getattr(wb_module, "ZipFile", None) is not zipfile.ZipFile:
        return  # already done, or not the shape this expects
    wb_module.ZipFile = open_archive


def open_archive(file: Any, mode: str = "r", compression: int = 0, allowZip64: bool = True) -> Any:
    """What xlsxwriter gets for `ZipFile(...)`: an `Archive` for a new workbook written to a path or to a
    stream that tells its position, without zip64 (xlsxwriter's default); the standard `ZipFile` for
    anything else (`Workbook.use_zip64()`, a pipe)."""
    if mode == "w" and not allowZip64:
        if not hasattr(file, "write"):
            return Archive(file, compression)
        try:
            start = file.tell()
        except (AttributeError, OSError, ValueError):
            pass
        else:
            return Archive(file, compression, start)
    return zipfile.ZipFile(file, mode, compression=compression, allowZip64=allowZip64)


class Archive:
    """The part of `zipfile.ZipFile` that xlsxwriter writes a workbook with, deflating with zlib-ng.

    The standard `ZipFile` deflates with the standard zlib, and its Python layers (a writer object,
    locks, a seek back per part) cost more than the deflating itself for a report's small parts. This
    writes the same archive: for each part its local header and deflated bytes, then the central
    directory and its end record, with the entries, names, times, attributes and offsets (from the
    stream's start, as `ZipFile` counts them) that `ZipFile` gives them. An archive that would need
    zip64 (a part, or the whole, past 2 GiB; 65,535 parts) is refused with `zipfile.LargeZipFile`, as
    `ZipFile` without `allowZip64` refuses it; no workbook of `assess` comes near."""

    _LOCAL = struct.Struct("<4s5H3L2H")
    _CENTRAL = struct.Struct("<4s6H3L5H2L")
    _END = struct.Struct("<4s4H2LH")

    def __init__(self, file: Any, compression: int = 8, start: int = 0) -> None:
        """`file`: a path (opened here, closed by `close`) or a stream positioned at `start`."""
        self.compression = compression
        self._own = not hasattr(file, "write")
        self._fh = open(file, "wb") if self._own else file  # noqa: SIM115 - closed by close()
        self._at = start
        self._directory: list[bytes] = []

    def write(self, filename: str, arcname: str | None = None) -> None:
        """A part from a file: its name, time and permissions as `ZipFile.write` records them."""
        info = zipfile.ZipInfo.from_file(filename, arcname)
        info.compress_type = self.compression
        with open(filename, "rb") as fh:
            self._add(info, iter(lambda: fh.read(1 << 20), b""))

    def writestr(self, info: Any, data: bytes | str) -> None:
        """A part from memory; `info` is the `ZipInfo` xlsxwriter made for it."""
        self._add(info, [data.encode("utf-8") if isinstance(data, str) else data])

    def _add(self, info: Any, chunks: Any) -> None:
        """One part: deflated in memory (a part's deflated bytes are a fraction of it), then written
        with its local header, which needs their size and checksum first."""
        from zlib_ng import zlib_ng

        deflate = info.compress_type == zipfile.ZIP_DEFLATED
        packer = zlib_ng.compressobj(ZIP_LEVEL, zlib_ng.DEFLATED, -15) if deflate else None
        body: list[bytes] = []
        crc = size = 0
        for chunk in chunks:
            crc = zlib_ng.crc32(chunk, crc)
            size += len(chunk)
            body.append(packer.compress(chunk) if packer is not None else chunk)
        if packer is not None:
            body.append(packer.flush())
        stored = sum(map(len, body))
        name = info.filename.encode("utf-8")
        flags = 0 if name.isascii() else 0x800
        if max(size, stored, self._at) > zipfile.ZIP64_LIMIT or len(self._directory) >= zipfile.ZIP_FILECOUNT_LIMIT:
            raise zipfile.LargeZipFile("the workbook would need zip64")
        y, mo, d, h, mi, sec = info.date_time
        time, date = (h << 11) | (mi << 5) | (sec // 2), ((y - 1980) << 9) | (mo << 5) | d
        method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
        head = self._LOCAL.pack(b"PK\x03\x04", 20, flags, method, time, date, crc, stored, size, len(name), 0)
        mode = info.external_attr or 0o600 << 16  # ZipFile's default: rw-------
        self._directory.append(self._CENTRAL.pack(
            b"PK\x01\x02", info.create_version | info.create_system << 8, 20, flags, method, time, date, crc,
            stored, size, len(name), 0, 0, 0, 0, mode, self._at) + name)
        self._fh.write(head + name)
        self._fh.writelines(body)
        self._at += len(head) + len(name) + stored

    def close(self) -> None:
        """The central directory and its end record; a file opened here is closed, even on error."""
        try:
            directory = b"".join(self._directory)
            if self._at + len(directory) > zipfile.ZIP64_LIMIT:
                raise zipfile.LargeZipFile("the workbook would need zip64")
            count = len(self._directory)
            self._fh.write(directory + self._END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory),
                                                      self._at, 0))
            self._fh.flush()
        finally:
            if self._own:
                self._fh.close()


def _spans(table: dict[int, dict[int, Any]], rows: list[int]) -> dict[int, str]:
    """The `spans` of each block of 16 rows: its first and last used column, 1-based, as stock
    xlsxwriter's `_calculate_spans` finds them for a sheet without comments."""
    spans: dict[int, list[int]] = {}
    for row in rows:
        cells = table.get(row)
        if cells:
            block = spans.get(row // 16)
            lo, hi = min(cells), max(cells)
            if block is None:
                spans[row // 16] = [lo, hi]
            else:
                block[0] = min(block[0], lo)
                block[1] = max(block[1], hi)
    return {index: f"{lo + 1}:{hi + 1}" for index, (lo, hi) in spans.items()}


@lru_cache(maxsize=1)
def fast_sheet_class() -> type | None:
    """A `Worksheet` subclass for `Workbook.add_worksheet(worksheet_class=...)`, or None when the
    installed xlsxwriter is not the shape it was written against (then use the stock class).

    Per cell, stock xlsxwriter builds an attribute list, runs an escaping regex over each attribute
    (a cell reference or a style number, which never need escaping), and dispatches on the cell
    type's name. Strings, numbers and blanks, the only kinds `assess` writes, take the short path
    here, in both modes, and come out exactly as stock writes them, except that a string shaped like
    a rich string is written as the plain text it is; any other kind, and a worksheet with comments,
    go to the stock code."""
    try:
        from xlsxwriter import worksheet as ws_module
    except ImportError:  # pragma: no cover - xlsxwriter is a dependency
        return None
    base = ws_module.Worksheet
    needed = ("_write_rows", "_write_row", "_write_empty_row", "_write_cell", "_write_single_row", "_escape_data",
              "_escape_control_characters", "table", "row_info", "col_info", "previous_row",
              "row_spans", "comments", "constant_memory", "dim_rowmin", "dim_rowmax", "fh")
    probe = base()
    if not all(hasattr(probe, name) for name in needed):
        return None
    string_cell = getattr(ws_module, "CellStringTuple", None)
    kinds = {string_cell: "s", getattr(ws_module, "CellNumberTuple", None): "n",
             getattr(ws_module, "CellBlankTuple", None): "b"}
    if None in kinds or len(kinds) != 3:
        return None
    from xlsxwriter.utility import xl_col_to_name

    class Letters(dict[int, str]):
        """Column letters by 0-based column, worked out the first time each is asked for (all
        16,384 up front would cost every process some 15 ms for the dozen a workbook uses)."""

        def __missing__(self, col: int) -> str:
            name = self[col] = xl_col_to_name(col)
            return name

    letters = Letters()

    class FastSheet(base):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            self.styles_of_formats: dict[Any, str] = {}
            """A cell's own format -> its ` s="..."` attribute."""

        def _style(self, row: int, col: int, fmt: Any) -> str:
            """The cell's ` s="..."` attribute: its own format, else its row's, else its column's."""
            if fmt:
                return f' s="{fmt._get_xf_index()}"'
            info = self.row_info.get(row)
            if info is not None and info.row_format:
                return f' s="{info.row_format._get_xf_index()}"'
            column = self.col_info.get(col)
            if column is not None and column.column_format is not None:
                return f' s="{column.column_format._get_xf_index()}"'
            return ""

        def _write_rows(self) -> None:
            if self.comments or self.constant_memory:
                super()._write_rows()
                return
            table, row_info = self.table, self.row_info
            low, high = self.dim_rowmin, self.dim_rowmax
            rows = sorted(r for r in {r for r in table if table[r]}.union(row_info) if low <= r <= high)
            self.row_spans = spans = _spans(table, rows)
            for row in rows:
                cells = table.get(row)
                span = spans.get(row // 16)
                if not cells:
                    self._write_empty_row(row, span, row_info.get(row))
                    continue
                self._write_row(row, span, row_info.get(row))
                self._write_cells(row, cells, inline=False)

        def _write_single_row(self, current_row_num: int = 0) -> None:
            # Constant-memory mode: the previous row is written, then forgotten. Strings go inline,
            # every one as the plain text it is.
            if self.comments:
                super()._write_single_row(current_row_num)
                return
            row = self.previous_row
            self.previous_row = current_row_num
            cells = self.table.get(row)
            info = self.row_info.get(row)
            if cells:
                self._write_row(row, None, info)
                self._write_cells(row, cells, inline=True)
            elif info is not None:
                self._write_empty_row(row, None, info)
            self.table.clear()

        def _write_cells(self, row: int, cells: dict[int, Any], inline: bool) -> None:
            """A row's cells and its end tag: strings (shared, or `inline`), numbers and blanks in one
            write, any other kind by the stock code."""
            styles = self.styles_of_formats
            write = self.fh.write
            number = str(row + 1)
            out = []
            for col in sorted(cells):
                cell = cells[col]
                kind = kinds.get(type(cell))
                if kind is None:
                    write("".join(out))
                    out = []
                    self._write_cell(row, col, cell)
                    continue
                fmt = cell.format
                if fmt:
                    s = styles.get(fmt)
                    if s is None:
                        s = styles[fmt] = self._style(row, col, fmt)
                else:
                    s = self._style(row, col, fmt)
                if kind == "s":
                    if inline:
                        text = _plain_t(cell.string)
                        out.append(f'<c r="{letters[col]}{number}"{s} t="inlineStr"><is>{text}</is></c>')
                    else:
                        out.append(f'<c r="{letters[col]}{number}"{s} t="s"><v>{cell.string}</v></c>')
                elif kind == "n":
                    out.append(f'<c r="{letters[col]}{number}"{s}><v>{cell.number:.16G}</v></c>')
                else:
                    out.append(f'<c r="{letters[col]}{number}"{s}/>')
            write("".join(out) + "</row>")

        def write_rich_string(self, *args: Any, **kwargs: Any) -> Any:
            raise NotImplementedError("assess workbooks hold no rich strings: every string is written "
                                      "as plain text (see assess.excel.xlsx_speed)")

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            # (Reached in constant-memory mode only for a row with comments.) Stock would write a
            # string shaped like a rich string into the XML as it is.
            if (self.constant_memory and type(cell) is string_cell
                    and cell.string.startswith("<r>") and cell.string.endswith("</r>")):
                self.fh.write(f'<c r="{letters[col]}{row + 1}"{self._style(row, col, cell.format)} t="inlineStr">'
                              f"<is><t>{self._escape_data(self._escape_control_characters(cell.string))}</t></is></c>")
                return
            super()._write_cell(row, col, cell)

    return FastSheet
