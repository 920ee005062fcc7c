"""An answer sheet's cells, from a workbook the guard has passed: each sheet's rows as
python-calamine gives them, the cells holding formulas, and the size checks that come first.

python-calamine reads every sheet (`to_python(skip_empty_area=False)`), but it loads a sheet and its
shared strings whole and gives only formulas' cached results. So, before it loads anything, the
sizes are checked on the XML the guard already inflated (`GuardResult.parts`): a sheet of more than
`MAX_SHEET_BYTES`, a shared-strings part of more than `MAX_SHARED_BYTES`, or a used range of more
than `MAX_RANGE_CELLS` is refused (a sheet holding only A1 and XFD1048576 is a few bytes of XML and
512 GB to calamine). And the formulas are found in the same XML: a formula where a value belongs is
a problem to name at its cell, not a result to trust. The guard has refused any DTD, so a plain
search of that XML is safe.

An .xls (or a WPS .et saved as one), an .ods or an .xlsb has no such XML: there the guard vets the
container (OLE2 bounds; the zip checks and every member inflated under caps; an .ods's repeated rows
and cells counted against `MAX_RANGE_CELLS`, as calamine expands them all on opening) and
python-calamine parses the cells, so the used range is checked on the size calamine reports before it
hands the rows over, and formulas cannot be told from values: calamine gives their cached results, which are what
the client saw in the cell.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from io import BytesIO
from typing import Any
from xml.parsers.expat import ExpatError

from python_calamine import CalamineError, CalamineWorkbook

from assess.excel.a1 import col_index
from assess.excel.guard_ods import MAX_RANGE_CELLS, Expanded, OdsCells, Span  # the one limit, shared with the guard
from assess.excel.guard_zip import xml_fault
from assess.problems import Msg, msg
from assess.text.format import printable

MAX_SHEET_BYTES = 8 * 1024 * 1024
"""Largest sheet XML read (a 150-question sheet is about 50 KB): python-calamine costs some 30 bytes of
memory per byte of XML."""
MAX_SHARED_BYTES = 16 * 1024 * 1024
"""Largest shared-strings part (python-calamine loads it whole when it opens the workbook)."""

Rows = list[list[Any]]


class TooLarge(Exception):
    """A sheet whose used range reaches (`top`, `width`): far more than an answer sheet holds."""

    def __init__(self, sheet: str, top: int, width: int) -> None:
        self.sheet, self.top, self.width = sheet, top, width
        super().__init__(sheet)


def is_xlsx(data: bytes, inflated: dict[str, bytes] | None = None) -> bool:
    """Whether a workbook the guard has passed is an .xlsx (not an .xls, .ods or .xlsb)."""
    if not data.startswith(b"PK"):
        return False
    if inflated and any(n.lower() == "xl/workbook.xml" for n in inflated):
        return True
    try:
        return any(n.lower() == "xl/workbook.xml" for n in zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


class Damaged(CalamineError):
    """A workbook that python-calamine might read otherwise than it was checked (a sheet's part not
    found, a name or an id given twice): refused as unreadable, as damaged XML is. `detail` says
    what is wrong in the user's language."""

    def __init__(self, detail: Msg) -> None:
        self.detail = detail
        super().__init__(str(detail))


def _shown(text: str) -> str:
    """A name or id from the file, as a message quotes it: control characters escaped, at most 80."""
    return printable(text[:80])


READ_ERRORS = (CalamineError, KeyError, OSError, ValueError, EOFError)
"""What reading a workbook the guard has passed may raise: damaged XML or a damaged zip."""


def read_error(e: BaseException) -> Msg | str:
    """What went wrong reading a workbook, for the "cannot be read" message: in the user's language
    where the words are ours (`Damaged`), else as the reader said it."""
    return e.detail if isinstance(e, Damaged) else f"{type(e).__name__}: {e}"


def _attributes(attrib: dict[str, str], part: str) -> dict[str, str]:
    """An element's attributes without a namespace, and its relationship id (`r:id`) as "}id". An
    attribute given both with a prefix and without, or two ids, are refused (`Damaged`)."""
    plain = {k: v for k, v in attrib.items() if not k.startswith("{")}
    spaced = [k.rpartition("}")[2] for k in attrib if k.startswith("{")]
    if spaced.count("id") > 1 or any(local in plain for local in spaced):
        raise Damaged(msg("sheet.damaged.attribute_twice", part=part))
    ids = [v for k, v in attrib.items() if k.startswith("{") and k.endswith("}id")]
    return {**plain, "}id": ids[0]} if ids else plain


class Package:
    """The zip inside a workbook the guard has passed: which part holds which sheet, and how big.

    `inflated` are the parts the guard has already inflated and checked; any other part is read from
    the zip, which is opened only then. For a workbook of another kind (`xlsx` false) it holds no
    parts: sizes are 0 and there is no XML."""

    def __init__(self, data: bytes, inflated: dict[str, bytes] | None = None) -> None:
        self.data = data
        self.inflated = inflated or {}
        self._archive: zipfile.ZipFile | None = None
        self._names = {n.lower(): n for n in self.inflated}
        self._all: dict[str, str] | None = None
        self.parts: dict[str, str] = {}
        """Sheet name -> zip member."""
        self.shared = 0
        """Size of the shared-strings part."""
        self._percent: frozenset[bytes] | None = None
        self._struck: frozenset[bytes] | None = None
        self._styles_xml: str | None = None
        self.xlsx = is_xlsx(data, self.inflated)
        if not self.xlsx:
            return
        # Read as XML (the guard has refused any DTD): quotes, comments and character references are
        # what python-calamine makes of them, and whatever calamine might read otherwise (a name, an
        # id or a target given twice) is refused rather than guessed at.
        targets: dict[str, str] = {}
        for attrs in self._elements("xl/_rels/workbook.xml.rels", "Relationship"):
            if "Id" in attrs and "Target" in attrs:
                if attrs["Id"] in targets:
                    raise Damaged(msg("sheet.damaged.id_twice", part="xl/_rels/workbook.xml.rels",
                                      id=_shown(attrs["Id"])))
                targets[attrs["Id"]] = attrs["Target"]
        for attrs in self._elements("xl/workbook.xml", "sheet"):
            name, member = attrs.get("name", ""), self._member(targets.get(attrs.get("}id", ""), ""))
            if name in self.parts:
                raise Damaged(msg("sheet.damaged.name_twice", name=_shown(name)))
            if name and member is not None:
                self.parts[name] = member
        # calamine opens the shared strings at their usual place, whatever the relationships say
        shared = [t for t in targets.values() if t.lower().endswith("sharedstrings.xml")]
        for target in ("/xl/sharedStrings.xml", *shared):
            member = self._member(target)
            self.shared = max(self.shared, self.file_size(member) if member else 0)

    @property
    def archive(self) -> zipfile.ZipFile:
        if self._archive is None:
            self._archive = zipfile.ZipFile(BytesIO(self.data))
        return self._archive

    def _elements(self, part: str, name: str) -> list[dict[str, str]]:
        """The attributes of every element `name` (in any namespace) of an XML part, in the order
        written (`_attributes`)."""
        from xml.etree.ElementTree import ParseError, fromstring  # the guard has refused any DTD: no entity

        member = self._resolve(part)
        if not member:
            return []
        try:
            root = fromstring(self.read(member))
        except ParseError as e:
            raise Damaged(xml_fault(part, e)) from None
        return [_attributes(element.attrib, part) for element in root.iter()
                if isinstance(element.tag, str) and element.tag.rpartition("}")[2] == name]

    def _resolve(self, lowered: str) -> str | None:
        member = self._names.get(lowered)
        if member is None:
            if self._all is None:
                self._all = {n.lower(): n for n in self.archive.namelist()}
            member = self._all.get(lowered)
        return member

    def _member(self, target: str) -> str | None:
        if not target:
            return None
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        return self._resolve(part.lower())

    def file_size(self, member: str) -> int:
        got = self.inflated.get(member)
        return len(got) if got is not None else self.archive.getinfo(member).file_size

    def read(self, member: str) -> bytes:
        got = self.inflated.get(member)
        return got if got is not None else self.archive.read(member)

    def size(self, sheet: str) -> int:
        member = self.parts.get(sheet)
        return self.file_size(member) if member else 0

    def xml(self, sheet: str) -> bytes:
        member = self.parts.get(sheet)
        return self.read(member) if member else b""

    def cells(self, sheet: str) -> bytes:
        """The part of a sheet's XML that holds its cells (`<sheetData>`): the range, formula and
        format scans read only this, not the validations and conditional formats after it (the
        template's input messages are as large as the cells themselves). It runs from the first
        mention of sheetData to the last, so that no prefix, spacing or look-alike in a comment can
        leave a cell out; the whole XML when there is none."""
        xml = self.xml(sheet)
        start, end = xml.find(b"sheetData"), xml.rfind(b"sheetData")
        return xml if start < 0 else xml[start:end] if end > start else xml[start:]

    def percent_styles(self) -> frozenset[bytes]:
        """The style indexes (`s="…"` of a cell) whose number format shows a percentage: built-in
        9 and 10 (0% and 0.00%) or a custom format with a % outside quotes. python-calamine gives
        only a cell's value, and Excel stores a typed 62% as 0.62 in such a cell."""
        if self._percent is None:
            self._percent = percent_styles(self._styles())
        return self._percent

    def struck_styles(self) -> frozenset[bytes]:
        """The style indexes whose font is struck through (Ctrl+5): a client's way of crossing an
        answer out, which python-calamine does not show."""
        if self._struck is None:
            self._struck = struck_styles(self._styles())
        return self._struck

    def _styles(self) -> str:
        """The styles part as text, read once for both the percent and the struck-through styles."""
        if self._styles_xml is None:
            member = self._resolve("xl/styles.xml")
            self._styles_xml = self.read(member).decode("utf-8", "replace") if member else ""
        return self._styles_xml

    def links(self, sheet: str, height: int, width: int) -> dict[tuple[int, int], str]:
        """The cells (row, col), 1-based, of `sheet` within `height` rows and `width` columns that
        link to a document or page, with where (`sheet_links`). The sheet's relationships are read
        only when its XML holds a link after its cells; a relationships part that cannot be read
        gives none, and the cells keep the text they show."""
        from assess.excel.sheet_links import hyperlinks

        member = self.parts.get(sheet)
        xml = self.xml(sheet)
        tail = xml[max(xml.rfind(b"sheetData"), 0):]
        if member is None or b"hyperlink" not in tail:
            return {}
        targets = {a["Id"]: a["Target"] for a in self._sheet_rels(member)
                   if a.get("TargetMode") == "External" and "Id" in a and "Target" in a}
        return hyperlinks(tail, targets, height, width, up_one=self._by_libreoffice()) if targets else {}

    def comments(self, sheet: str) -> dict[tuple[int, int], str]:
        """The cells (row, col), 1-based, of `sheet` that carry a comment (批注), with its text
        (`sheet_notes`); none when its comments part cannot be read (the cells are read all the same)."""
        from xml.etree.ElementTree import ParseError, fromstring

        from assess.excel.sheet_notes import comment_texts, threaded_texts

        member = self.parts.get(sheet)
        if member is None or b"legacyDrawing" not in self.xml(sheet):  # where a sheet with comments points
            return {}
        folder = member.rpartition("/")[0]
        roots: dict[str, list[Any]] = {"/comments": [], "/threadedComment": []}
        for rel in self._sheet_rels(member):
            kind = next((k for k in roots if rel.get("Type", "").endswith(k)), None)
            if kind is None or not rel.get("Target"):
                continue
            target = rel["Target"]  # from the package's root, or from the sheet's folder
            path = target if target.startswith("/") else posixpath.normpath(f"{folder}/{target}")
            part = self._resolve(path.lstrip("/").lower())
            if not part or self.file_size(part) > MAX_SHEET_BYTES:  # a real one is a few KB
                continue
            try:
                roots[kind].append(fromstring(self.read(part)))
            except ParseError:
                continue
        threaded = {cell: text for root in roots["/threadedComment"] for cell, text in threaded_texts(root).items()}
        return {cell: text for root in roots["/comments"] for cell, text in comment_texts(root, threaded).items()}

    def _sheet_rels(self, member: str) -> list[dict[str, str]]:
        """The relationships of a sheet's part; none when they cannot be read."""
        folder, _, file = member.rpartition("/")
        try:
            return self._elements(f"{folder}/_rels/{file}.rels".lower(), "Relationship")
        except Damaged:
            return []

    def _by_libreoffice(self) -> bool:
        """Whether LibreOffice saved the workbook last (its docProps/app.xml names it)."""
        member = self._resolve("docprops/app.xml")
        return bool(member) and b"LibreOffice" in self.read(member)[:4096]


class Book:
    """A workbook the guard has passed, read by python-calamine, a sheet at a time and only after
    its size is checked. Raises CalamineError (damaged XML) and `TooLarge`. Check the package's
    `shared` size first: opening the workbook loads the shared strings."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self._calamine = CalamineWorkbook.from_filelike(BytesIO(package.data))
        self.names: list[str] = list(self._calamine.sheet_names)
        self._ods: OdsCells | None = None
        self._ods_read = False
        self.merged: dict[str, list[Span]] = {}
        self._out_of_view: dict[str, dict[int, bool]] = {}
        """Sheet -> its merged ranges, once loaded."""
        self.merges_unknown = False
        """Whether a sheet was loaded whose merged ranges cannot be had (python-calamine gives none
        for an .xlsb)."""
        if len(set(self.names)) < len(self.names):  # which of the two calamine loads is not ours to guess
            twice = next(n for n in self.names if self.names.count(n) > 1)
            raise Damaged(msg("sheet.damaged.name_twice", name=_shown(twice)))

    def too_big(self) -> set[str]:
        """Sheets whose XML is larger than `MAX_SHEET_BYTES`: never loaded."""
        return {n for n in self.package.parts if self.package.size(n) > MAX_SHEET_BYTES}

    def rows(self, sheet: str) -> Rows:
        """The sheet's rows, every one as wide as the used range (empty cells are "")."""
        self._check_range(sheet)
        found = self._calamine.get_sheet_by_name(sheet)
        rows = found.to_python(skip_empty_area=False)
        merged = getattr(found, "merged_cell_ranges", None)
        if merged is None:
            ods = self._ods_cells()
            self.merges_unknown |= ods is None
            merged = (ods.merged or {}).get(sheet, []) if ods is not None else []
        self.merged[sheet] = _within(sheet, merged, len(rows), len(rows[0]) if rows else 0)
        return rows

    def _ods_cells(self) -> OdsCells | None:
        """An .ods's merged and percentage cells, which python-calamine does not give: its content.xml
        walked once more (the guard has inflated it under caps and counted its cells); None for a
        workbook whose cells are not to be had so (another kind, or a content.xml that cannot be walked)."""
        if self._ods_read:
            return self._ods
        self._ods_read = True
        data = self.package.data
        if data.startswith(b"PK") and not self.package.xlsx:
            try:
                archive = zipfile.ZipFile(BytesIO(data))
                if "content.xml" in archive.namelist():
                    cells = OdsCells(limit=MAX_RANGE_CELLS, merged=True)
                    cells.feed(archive.read("content.xml"))
                    cells.close()
                    self._ods = cells
            except (zipfile.BadZipFile, ExpatError, Expanded, OSError, ValueError):
                pass  # calamine has read the cells; their merges are not to be had
        return self._ods

    def _check_range(self, sheet: str) -> None:
        """Refuse, before python-calamine allocates it, a used range of more than MAX_RANGE_CELLS."""
        if not self.package.xlsx:  # no XML to measure: the range calamine reports, before the rows
            found = self._calamine.get_sheet_by_name(sheet)
            if found.total_height * found.total_width > MAX_RANGE_CELLS:
                raise TooLarge(sheet, found.total_height, found.total_width)
            return
        if sheet not in self.package.parts:  # the range of a sheet whose XML was not found cannot be checked
            raise Damaged(msg("sheet.damaged.no_part", sheet=_shown(sheet)))
        if self.package.size(sheet) > MAX_SHEET_BYTES:
            raise TooLarge(sheet, 0, 0)
        xml = self.package.cells(sheet)
        refs = _REFERENCE.findall(xml)  # rows' own references (digits alone) among them
        top = max(map(int, {row for _, row in refs}), default=0)  # a sheet has far fewer rows and columns than cells
        width = max((col_index(letters.decode().upper()) + 1 for letters in {letters for letters, _ in refs}
                     if letters), default=0)
        if top * width > MAX_RANGE_CELLS:
            raise TooLarge(sheet, top, width)
        # A cell without its reference is placed one past the one before it, in its row, which is one
        # past the row before when it lacks a reference too: each can reach one further (Excel and
        # LibreOffice always write references; a crafted file need not). They are counted as every cell
        # tag less those that open with their reference: a look-alike anywhere (a comment, text, an
        # attribute's value) adds to both counts alike. Where every cell has its reference, rows place
        # nothing; otherwise every mention of a row counts, since python-calamine moves on a row at
        # any `</row>`, even one that closes another element.
        refless = _tags(xml, b"c") - _opening(xml, b"c")
        if refless > 0:
            top += xml.count(b"row") + 1
            width += refless
            if top * width > MAX_RANGE_CELLS:
                raise TooLarge(sheet, top, width)

    def percent_cells(self, sheet: str) -> set[tuple[int, int]]:
        """The cells (row, col), 1-based, of `sheet` with a percent number format, or holding a
        percentage in an .ods (none known for an .xls or .xlsb, whose formats python-calamine does not
        give: a bare fraction there is questioned)."""
        if not self.package.xlsx:
            ods = self._ods_cells()
            return ods.percent.get(sheet, set()) if ods is not None else set()
        styles = self.package.percent_styles()
        return percent_cells(self.package.cells(sheet), styles) if styles else set()

    def struck_cells(self, sheet: str) -> set[tuple[int, int]]:
        """The cells (row, col), 1-based, of `sheet` whose font is struck through (none known for an
        .xls, .xlsb or .ods)."""
        if not self.package.xlsx:
            return set()
        styles = self.package.struck_styles()
        return percent_cells(self.package.cells(sheet), styles) if styles else set()

    def rows_out_of_view(self, sheet: str) -> dict[int, bool]:
        """The rows, 1-based, of `sheet` out of view, each with whether it was hidden by hand (False:
        folded into a collapsed group, or hidden by a filter that is on); none known for an .xls,
        .xlsb or .ods."""
        if sheet not in self._out_of_view:
            xml = self.package.cells(sheet) if self.package.xlsx else b""
            rows: dict[int, bool] = {}
            if _HIDES.search(xml):
                filtered = _FILTER.search(self.package.xml(sheet)) is not None
                rows = {int(m.group(2)): not filtered and not m.group(1) for m in _HIDDEN_ROW.finditer(xml)}
            self._out_of_view[sheet] = rows
        return self._out_of_view[sheet]

    def hidden_rows(self, sheet: str) -> set[int]:
        """The rows, 1-based, of `sheet` hidden by hand: a filter's rows and a folded group's are still
        the sheet's as it stands (`rows_out_of_view`)."""
        return {row for row, by_hand in self.rows_out_of_view(sheet).items() if by_hand}

    def links(self, sheet: str, rows: Rows) -> dict[tuple[int, int], str]:
        """The cells (row, col), 1-based, among `rows` of `sheet` that link to a document or page, with
        where (`Package.links`); none for an .xls, .xlsb or .ods, whose links python-calamine does not give."""
        return self.package.links(sheet, len(rows), len(rows[0]) if rows else 0) if self.package.xlsx else {}

    def comments(self, sheet: str) -> dict[tuple[int, int], str]:
        """The cells (row, col), 1-based, of `sheet` with a comment, and its text (`Package.comments`);
        none for an .xls, .xlsb or .ods, whose comments python-calamine does not give."""
        return self.package.comments(sheet) if self.package.xlsx else {}

    def formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        """The cells (row, col), 1-based, of `sheet` that hold a formula, with its text."""
        return formula_cells(self.package.cells(sheet))


def _within(sheet: str, ranges: list[Span], height: int, width: int) -> list[Span]:
    """The merged ranges of a sheet cut to its used range, in order, each once: one running to the
    sheet's last row covers nothing past the cells it holds, and one beyond them covers no content.
    Merges do not overlap, so together they cover no more cells than the range has: ranges that do
    are damaged, refused before anything walks them (the walk then costs at most a step a cell)."""
    out: dict[Span, None] = {}
    covered = 0
    for (a, b), (c, d) in ranges:
        (r1, r2), (c1, c2) = sorted((a, c)), sorted((b, d))  # written corner to corner either way (A9:I1)
        if r1 < height and c1 < width:
            span = (r1, c1), (min(r2, height - 1), min(c2, width - 1))
            if span not in out:
                out[span] = None
                covered += (span[1][0] - r1 + 1) * (span[1][1] - c1 + 1)
                if covered > height * width:
                    raise Damaged(msg("sheet.damaged.merges", sheet=_shown(sheet), count=f"{len(ranges):,}"))
    return list(out)


# Any run of letters and digits: python-calamine reads r="ZZZZZE5" or r="E99999999" as it stands,
# far beyond Excel's XFD1048576, and lower case as upper.
_REFERENCE = re.compile(rb"""r\s*=\s*["']([A-Za-z]*)([0-9]+)""")
"""A cell's reference, or a row's (its number alone), in any quotes and spacing XML allows
(python-calamine honours them all). Without a word boundary, so that the search runs nearly at the
speed of a literal one: an attribute of another name ending in r, or text that looks like one
anywhere, can only make the range look larger."""
_FORMULA = re.compile(
    rb"""<(?:\w+:)?c\b[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)""",
    re.S)
_BOOL_FORMULA = re.compile(r"^\s*(TRUE|FALSE)\s*(\(\s*\))?\s*$", re.I)
SHARED_FORMULA = "(shared formula)"
"""The text given for a cell that uses a formula written once for a range."""


_XFS = re.compile(r"<(?:\w+:)?cellXfs\b[^>]*>")
_XF = re.compile(r"<(?:\w+:)?xf\b([^>]*)>")
_NUM_FMT = re.compile(r"<(?:\w+:)?numFmt\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_FMT_ID = re.compile(r'\bnumFmtId="(\d+)"')
_STYLED = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bs="(\d+)"[^>]*)')
_CELL_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]+)(\d+)["']""")


def percent_styles(styles_xml: str) -> frozenset[bytes]:
    """The cellXfs indexes of a styles part whose number format is a percentage."""
    percent_fmts = {"9", "10"}
    if "%" in styles_xml or "&#" in styles_xml:  # a custom format may show one (its % escaped, even)
        for m in _NUM_FMT.finditer(styles_xml):
            attrs = dict(_ATTR.findall(m.group(1)))
            code = re.sub(r'"[^"]*"|\\.', "", html.unescape(attrs.get("formatCode", "")))
            if "%" in code and "numFmtId" in attrs:
                percent_fmts.add(attrs["numFmtId"])
    body = _cell_xfs(styles_xml)
    if not any(f'numFmtId="{f}"' in body for f in percent_fmts):
        return frozenset()  # the usual case: no cell style uses a percent format
    found = set()
    for i, m in enumerate(_XF.finditer(body)):
        fmt = _FMT_ID.search(m.group(1))
        if fmt is not None and fmt.group(1) in percent_fmts:
            found.add(str(i).encode())
    return frozenset(found)


def _cell_xfs(styles_xml: str) -> str:
    """What a styles part's cellXfs (the cells' styles, `s="…"` indexing them) holds."""
    xfs = _XFS.search(styles_xml)
    if xfs is None or xfs.group().endswith("/>"):
        return ""
    end = styles_xml.find("cellXfs>", xfs.end())  # its closing tag, prefixed or not
    return styles_xml[xfs.end():end if end >= 0 else len(styles_xml)]


_FILTER = re.compile(rb"<(?:\w+:)?filterColumn\b")
"""A filter that hides rows: its criteria on a column. The filter buttons alone (an autoFilter
without any, as the template puts on the Answers sheet) hide none."""
_HIDES = re.compile(rb"""hidden\s*=\s*["'](?:1|true)["']""")
"""Something hidden, as a first look: LibreOffice writes hidden="false" on every row."""
_HIDDEN_ROW = re.compile(rb"""<(?:\w+:)?row\b(?=[^<>]*\bhidden\s*=\s*["'](?:1|true)["'])"""
                         rb"""(?=(?:[^<>]*\boutlineLevel\s*=\s*["']0*([1-9]))?)[^<>]*?\br\s*=\s*["'](\d{1,7})["']""")
"""A hidden row: its outline level when it has one (a row of a collapsed group, folded away from view,
not hidden by hand), and its number; hidden= may come before r= or after it. A tag's attributes stop
at the next <, so that a tag left open (in a comment, say) costs a scan to there, not to the end."""
_FONTS = re.compile(r"<(?:\w+:)?fonts\b[^>]*>(.*?)</(?:\w+:)?fonts>", re.S)
_FONT = re.compile(r"<(?:\w+:)?font\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?font>)", re.S)
_STRIKE = re.compile(r"""<(?:\w+:)?strike\b(?![^>]*\bval\s*=\s*["'](?:0|false)["'])""")
_FONT_ID = re.compile(r'\bfontId="(\d+)"')


def struck_styles(styles_xml: str) -> frozenset[bytes]:
    """The cellXfs indexes of a styles part whose font is struck through. Only the cells' own fonts
    count: a conditional format's (`dxfs`) is the template's, not the client's."""
    fonts = _FONTS.search(styles_xml) if "strike" in styles_xml else None
    if fonts is None:
        return frozenset()
    struck = {str(i) for i, m in enumerate(_FONT.finditer(fonts.group(1))) if m.group(1) and _STRIKE.search(m.group(1))}
    if not struck:
        return frozenset()
    return frozenset(str(i).encode() for i, m in enumerate(_XF.finditer(_cell_xfs(styles_xml)))
                     if (f := _FONT_ID.search(m.group(1))) is not None and f.group(1) in struck)


def percent_cells(xml: bytes, styles: frozenset[bytes]) -> set[tuple[int, int]]:
    """The cells (row, col), 1-based, of a sheet's XML whose style is one of `styles` (a percent
    format's, a struck font's)."""
    found = set()
    for m in _STYLED.finditer(xml):  # r= may come before s= or after it (LibreOffice)
        if m.group(2) in styles and (ref := _CELL_REF.search(m.group(1))) is not None:
            found.add((int(ref.group(2)), col_index(ref.group(1).decode().upper()) + 1))
    return found


def _opening(xml: bytes, name: bytes) -> int:
    """How many times `<c r=` (for `name` c) is written in the XML: at least every element that opens
    with its reference, and no more than `_tags` counts of the same name."""
    found = xml.count(b"<" + name + b" r=")
    if b":" in xml and b":" + name + b" r=" in xml:  # a namespace prefix (`<x:c r=`)
        found += len(re.findall(rb"<[\w.-]+:" + name + rb" r=", xml))
    return found


def _tags(xml: bytes, name: bytes) -> int:
    """At least as many as the elements `name` of the XML, prefixed by a namespace or not: counting
    bytes is several times cheaper than a pattern, and a count too high (`<c` also starts `<col`)
    only makes a range look larger."""
    return xml.count(b"<" + name) + (xml.count(b":" + name) if b":" in xml else 0)


def formula_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """The cells (row, col), 1-based, of a sheet's XML that hold a formula, with its text.
    LibreOffice stores a typed TRUE or FALSE as the formula TRUE() or FALSE(): those are values,
    not formulas, and are left out."""
    found: dict[tuple[int, int], str] = {}
    if not _has_formula(xml):
        return found
    for f in _FORMULA.finditer(xml):
        text = html.unescape((f.group(4) or b"").decode("utf-8", "replace"))
        if _BOOL_FORMULA.match(text):
            continue
        if not text and b'"shared"' in f.group(3):
            text = SHARED_FORMULA
        found[int(f.group(2)), col_index(f.group(1).decode().upper()) + 1] = text
    return found


def _has_formula(xml: bytes) -> bool:
    """Whether a sheet's XML has an `<f>` element: a scan for `<f`, then a look at what follows
    (`<formula1>` of a data validation also starts so). A sheet written with a namespace prefix
    (`<x:worksheet>`) is searched with the full pattern."""
    at = xml.find(b"<f")
    while at >= 0:
        if xml[at + 2:at + 3] in (b">", b" ", b"/"):
            return True
        at = xml.find(b"<f", at + 2)
    return b":worksheet" in xml[:400] and _FORMULA.search(xml) is not None


__all__ = ["MAX_RANGE_CELLS", "MAX_SHARED_BYTES", "MAX_SHEET_BYTES", "Book", "CalamineError", "Damaged", "Package",
           "Rows", "Span", "TooLarge", "formula_cells"]
