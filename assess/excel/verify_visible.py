"""`assess verify`, part two: does a reader of the report SEE the figures its cells hold?

Comparing cell values (`assess.excel.verify`) is not enough: a number format such as `"3.17"` or
`0"."17` prints another figure than the one stored, and a hidden row, column or sheet, a font the
colour of its background, a row squeezed to nothing or a font of 1 pt hides what is there. So, for
every cell the layout (`assess.excel.report_layout`) writes with something in it, this reads the XML
the guard has already inflated (styles, workbook, each sheet) and checks that:

- its number format is the one the report uses for it (`report_render.STYLES`; `@` also for text),
  or General, which shows what the cell holds, however an office suite spells it (LibreOffice
  writes `General` as a custom format, Chinese Excel and WPS `G/通用格式`);
- its row and column are not hidden, nor much lower or narrower than the report made them, and its
  sheet is visible; it is not covered by a merged range made after the report was written;
- its font is not tiny and not (nearly) the colour of its fill, and a conditional format on it does
  not do either, nor change its number format; zero values are shown (`showZeros`).

What is drawn over the sheets is checked in `assess.excel.verify_drawings`. Each finding is a
problem naming sheet and cell (a hidden row or column is named once, at its first cell). The guard
refuses any DTD before this runs, and the XML is parsed with defusedxml anyway; what a sheet can
make this do is bounded (`MAX_AREAS`, `MAX_COLUMNS`).
"""

from __future__ import annotations

import colorsys
import math
import re
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from typing import Any

from assess.excel.a1 import a1, col_index, col_letter
from assess.excel.report_layout import Cell, Sheet, cell_name
from assess.problems import Problem, msg

BUILTIN_FORMATS = {0: "general", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 49: "@"}
"""Excel's built-in number formats that a report's format may be saved as; any other built-in id
(dates, times, fractions, accounting) prints something else than the figure."""
TEXT_FORMATS = frozenset({"@"})
MIN_FONT_PT = 6.0
"""Smallest font size read as legible (the report uses 9 pt and more in cells)."""
MIN_CONTRAST = 1.5
"""Lowest contrast ratio (WCAG: 1 for equal colours, 21 for black on white) between a text and its
background that still reads: the report's palest, grey on light grey, is 3.6."""
MIN_SHARE = 0.5
"""A row or column made less than half the height or width the report gave it hides part of it
(LibreOffice and Excel round sizes by a few per cent on saving)."""
DEFAULT_WIDTH = 8.43
MAX_AREAS = 500
"""Merged ranges, conditional formats and drawings looked at on one sheet (a report has a dozen):
beyond, the sheet is named once instead of checking each against every cell."""
MAX_COLUMNS = 16384
WHITE = "FFFFFF"
BLACK = "000000"

# Excel's legacy palette (indexes 8-63; 0-7 repeat 8-15; 64 and 65 are the window's text and background)
_PALETTE = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 "
    "808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF 800080 800000 "
    "008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 3366FF 33CCCC 99CC00 FFCC00 FF9900 "
    "FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333"
).split()
INDEXED = _PALETTE[:8] + _PALETTE + [BLACK, WHITE]
THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
               "hlink", "folHlink")
"""Theme colour indexes as cells use them (light and dark swapped against the theme part's order)."""
OFFICE_THEME = {"lt1": WHITE, "dk1": BLACK, "lt2": "EEECE1", "dk2": "1F497D", "accent1": "4F81BD",
                "accent2": "C0504D", "accent3": "9BBB59", "accent4": "8064A2", "accent5": "4BACC6",
                "accent6": "F79646", "hlink": "0000FF", "folHlink": "800080"}
"""The default theme, for a workbook saved without a theme part (LibreOffice writes none)."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _parse(xml: bytes) -> Any:
    from defusedxml.ElementTree import parse

    return parse(BytesIO(xml)).getroot()


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _int(value: str | None) -> int:
    """A whole number written in an attribute or element; 0 for none, a bad or an endless one."""
    x = _float(value)
    return int(x) if x is not None and math.isfinite(x) and abs(x) < 1e12 else 0


def _children(element: Any, name: str) -> list[Any]:
    return [c for c in element if _local(c.tag) == name]


def _child(element: Any, name: str) -> Any:
    return next((c for c in element if _local(c.tag) == name), None)


# --------------------------------------------------------------------------- colours


def _tinted(rgb: str, tint: float) -> str:
    """A colour lightened (tint > 0) or darkened (tint < 0) as Excel does, in HLS."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    return "".join(f"{round(x * 255):02X}" for x in colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s))


@cache
def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two RRGGBB colours."""

    def luminance(rgb: str) -> float:
        def channel(x: int) -> float:
            c = x / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, bl = (channel(int(rgb[i:i + 2], 16)) for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(slots=True)
class Styles:
    """What the workbook's styles part says about each cell style (`s` index into cellXfs)."""

    formats: dict[int, str] = field(default_factory=dict)
    xfs: list[tuple[int, int, int]] = field(default_factory=list)
    """(numFmtId, fontId, fillId) of each cell style."""
    fonts: list[tuple[float | None, str | None]] = field(default_factory=list)
    """(size in points, RRGGBB colour) of each font."""
    fills: list[str | None] = field(default_factory=list)
    """Background colour of each fill (None: no fill, the window's white)."""
    dxfs: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)
    """(number format, font colour, fill colour) of each conditional format's look."""
    readable: bool = True
    """False when the styles part is missing or damaged: then no cell's look can be checked."""

    def format_code(self, fmt_id: int) -> str:
        if fmt_id in self.formats:
            return self.formats[fmt_id]
        return BUILTIN_FORMATS.get(fmt_id, f"[built-in format {fmt_id}]")

    def look(self, s: int) -> tuple[str, float | None, str, str]:
        """(number format, font size, font colour, background colour) of cell style `s`."""
        fmt_id, font_id, fill_id = self.xfs[s] if 0 <= s < len(self.xfs) else (0, 0, 0)
        size, color = self.fonts[font_id] if 0 <= font_id < len(self.fonts) else (None, None)
        fill = self.fills[fill_id] if 0 <= fill_id < len(self.fills) else None
        return self.format_code(fmt_id), size, color or BLACK, fill or WHITE


def read_styles(styles_xml: bytes, theme_xml: bytes) -> Styles:
    theme = dict(OFFICE_THEME)
    try:
        scheme = next((e for e in _parse(theme_xml).iter() if _local(e.tag) == "clrScheme"), None)
    except Exception:  # no theme part (LibreOffice writes none), or a damaged one: the default theme
        scheme = None
    if scheme is not None:
        for entry in scheme:
            got = next((c.get("val") if _local(c.tag) == "srgbClr" else c.get("lastClr") for c in entry), None)
            if got and re.fullmatch(r"[0-9A-Fa-f]{6}", got):
                theme[_local(entry.tag)] = got.upper()
    root = _parse(styles_xml)
    out = Styles()
    palette = list(INDEXED)
    colors = _child(root, "colors")
    indexed = _child(colors, "indexedColors") if colors is not None else None
    for i, c in enumerate(_children(indexed, "rgbColor") if indexed is not None else ()):
        rgb = (c.get("rgb") or "")[-6:]
        if i < len(palette) and re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
            palette[i] = rgb.upper()

    def color(element: Any) -> str | None:
        if element is None or _true(element.get("auto")):
            return None
        rgb = element.get("rgb")
        if rgb and re.fullmatch(r"[0-9A-Fa-f]{6,8}", rgb):
            base = rgb[-6:].upper()
        elif element.get("theme") is not None:
            n = _int(element.get("theme"))
            base = theme.get(THEME_ORDER[n]) if 0 <= n < len(THEME_ORDER) else None
        elif element.get("indexed") is not None:
            n = _int(element.get("indexed"))
            base = palette[n] if 0 <= n < len(palette) else None
        else:
            return None
        tint = _float(element.get("tint")) or 0.0
        return _tinted(base, tint) if base and tint else base

    def fill_color(fill: Any, dxf: bool = False) -> str | None:
        pattern = _child(fill, "patternFill") if fill is not None else None
        if pattern is None:
            return None
        kind = pattern.get("patternType")
        if kind == "none" or (kind is None and not dxf):
            return None
        fg, bg = color(_child(pattern, "fgColor")), color(_child(pattern, "bgColor"))
        return (bg or fg) if dxf else (fg or bg)  # a conditional format's solid fill is its bgColor

    def font(element: Any) -> tuple[float | None, str | None]:
        if element is None:
            return None, None
        sz = _child(element, "sz")
        return (_float(sz.get("val")) if sz is not None else None), color(_child(element, "color"))

    for part in root:
        name = _local(part.tag)
        if name == "numFmts":
            for f in _children(part, "numFmt"):
                fid = _float(f.get("numFmtId"))
                if fid is not None:
                    out.formats[int(fid)] = f.get("formatCode") or ""
        elif name == "fonts":
            out.fonts = [font(f) for f in _children(part, "font")]
        elif name == "fills":
            out.fills = [fill_color(f) for f in _children(part, "fill")]
        elif name == "cellXfs":
            out.xfs = [(_int(x.get("numFmtId")), _int(x.get("fontId")),
                        _int(x.get("fillId"))) for x in _children(part, "xf")]
        elif name == "dxfs":
            for d in _children(part, "dxf"):
                nf = _child(d, "numFmt")
                out.dxfs.append((nf.get("formatCode") if nf is not None else None,
                                 font(_child(d, "font"))[1], fill_color(_child(d, "fill"), dxf=True)))
    return out


_LOCAL_GENERAL = re.compile(r"G/[^\W\d_]+", re.I)
"""General as Chinese Excel and WPS save it ("G/通用格式"), and other languages' versions alike."""


def same_format(shown: str, expected: str, text: bool) -> bool:
    """Whether number format `shown` is the report's `expected` one, as office suites spell it, or
    General, which shows whatever the cell holds (an editor may reset a cell's format to it)."""
    got = shown.strip()
    if got.lower() == "general" or _LOCAL_GENERAL.fullmatch(got):
        return True
    return got == expected or (text and got in TEXT_FORMATS)


# --------------------------------------------------------------------------- one sheet's XML


@dataclass(slots=True)
class SheetXml:
    styles: dict[tuple[int, int], int] = field(default_factory=dict)
    """Cell style index of each cell, by 0-based row and column."""
    rows: dict[int, tuple[bool, float | None]] = field(default_factory=dict)
    """(hidden, height in points or None) of each row written."""
    cols: list[tuple[int, int, bool, float | None]] = field(default_factory=list)
    """(first, last, hidden, width) of each column range, 0-based."""
    default_width: float = DEFAULT_WIDTH
    default_height: float | None = None
    rows_hidden_by_default: bool = False
    zeros_hidden: bool = False
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    conditional: list[tuple[str, list[int], bool]] = field(default_factory=list)
    """(ranges, dxf ids, whether a data bar or icon set shows instead of the value) of each
    conditional format."""

    _table: list[tuple[bool, float]] | None = None

    def col(self, c: int) -> tuple[bool, float]:
        """(hidden, width) of column `c` (0-based)."""
        if self._table is None:  # built once; the first range naming a column wins, each column set once
            table = [(False, self.default_width)] * MAX_COLUMNS
            after = list(range(MAX_COLUMNS + 1))  # the first column not yet set from each one on

            def free(x: int) -> int:
                while after[x] != x:
                    after[x] = after[after[x]]
                    x = after[x]
                return x

            for first, last, hidden, width in self.cols:
                x = free(min(max(first, 0), MAX_COLUMNS))
                while x <= min(last, MAX_COLUMNS - 1):
                    table[x] = (hidden, self.default_width if width is None else width)
                    after[x] = x + 1
                    x = free(x + 1)
            self._table = table
        return self._table[c] if 0 <= c < MAX_COLUMNS else (False, self.default_width)


_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


def _ref(text: str) -> tuple[int, int] | None:
    m = _REF.fullmatch(text.strip().upper())
    return (int(m.group(2)) - 1, col_index(m.group(1))) if m else None


def _area(text: str) -> tuple[int, int, int, int] | None:
    first, _, last = text.partition(":")
    a, b = _ref(first), _ref(last or first)
    return (a[0], a[1], b[0], b[1]) if a and b else None


def read_sheet(xml: bytes) -> SheetXml:
    out = SheetXml()
    root = _parse(xml)
    for part in root:
        name = _local(part.tag)
        if name == "sheetViews":
            out.zeros_hidden = any(v.get("showZeros") is not None and not _true(v.get("showZeros"))
                                   for v in _children(part, "sheetView"))
        elif name == "sheetFormatPr":
            width = _float(part.get("defaultColWidth"))
            base = _float(part.get("baseColWidth"))
            out.default_width = width if width is not None else base + 0.71 if base is not None else DEFAULT_WIDTH
            if _true(part.get("customHeight")):
                out.default_height = _float(part.get("defaultRowHeight"))
            out.rows_hidden_by_default = _true(part.get("zeroHeight"))
        elif name == "cols":
            for c in _children(part, "col"):
                first, last = _float(c.get("min")), _float(c.get("max"))
                if first is not None and last is not None:
                    out.cols.append((int(first) - 1, int(last) - 1, _true(c.get("hidden")), _float(c.get("width"))))
        elif name == "sheetData":
            _read_rows(part, out)
        elif name == "mergeCells":
            out.merges = [a for m in _children(part, "mergeCell") if (a := _area(m.get("ref") or ""))]
        elif name == "conditionalFormatting":
            rules = _children(part, "cfRule")
            ids = [_int(r.get("dxfId")) for r in rules if r.get("dxfId") is not None]
            bare = any(_local(x.tag) in ("dataBar", "iconSet") and x.get("showValue") is not None
                       and not _true(x.get("showValue")) for r in rules for x in r)
            out.conditional.append((part.get("sqref") or "", ids, bare))
    return out


def _read_rows(data: Any, out: SheetXml) -> None:
    row = -1
    for r in _children(data, "row"):
        n = _float(r.get("r"))
        row = int(n) - 1 if n is not None else row + 1
        height = _float(r.get("ht"))
        hidden = _true(r.get("hidden")) or (out.rows_hidden_by_default and height is None)
        out.rows[row] = (hidden, height if height is not None else out.default_height)
        col = -1
        for c in _children(r, "c"):
            at = _ref(c.get("r") or "")
            col = at[1] if at else col + 1
            out.styles[(row, col)] = _int(c.get("s"))


# --------------------------------------------------------------------------- the checks


@dataclass(slots=True)
class Looks:
    """The workbook-wide parts read once: styles and which sheets are hidden."""

    styles: Styles
    states: dict[str, str]
    label: str
    package: Any = None
    """The workbook's parts (`assess.excel.sheet_cells.Package`), for the sheets' drawings."""
    checked: set[str] = field(default_factory=set)
    """The report's sheets looked at so far (`check_sheet`)."""


def read_looks(package: Any, label: str) -> Looks:
    """Styles, theme and sheet states of a workbook the guard has passed
    (`package`: an `assess.excel.sheet_cells.Package`)."""
    import html

    rels = package.read(_member(package, "xl/_rels/workbook.xml.rels") or "") if package.xlsx else b""
    targets: dict[str, str] = {}
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1).decode("utf-8", "replace")))
        kind = attrs.get("Type", "").rpartition("/")[2]
        if kind in ("styles", "theme") and "Target" in attrs:
            target = attrs["Target"]
            targets[kind] = target.lstrip("/") if target.startswith("/") else "xl/" + target

    def part(kind: str) -> bytes:
        from assess.excel.sheet_cells import MAX_SHEET_BYTES

        member = _member(package, targets.get(kind, ""))
        if member and package.file_size(member) > MAX_SHEET_BYTES:  # a report's are some 20 KB
            raise ValueError(member)
        return package.read(member) if member else b""

    try:
        styles = read_styles(part("styles"), part("theme"))
    except Exception:  # damaged, or no styles part at all: said once a sheet, not for every cell
        styles = Styles(readable=False)
    states = {}
    book = package.read(_member(package, "xl/workbook.xml") or "") if package.xlsx else b""
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)>", book):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1).decode("utf-8", "replace")))
        states[html.unescape(attrs.get("name", ""))] = attrs.get("state", "visible")
    return Looks(styles, states, label, package)


def _member(package: Any, path: str) -> str | None:
    """The zip member at `path`, named as the zip names it (case aside)."""
    if not path:
        return None
    wanted = path.lower()
    for name in package.inflated:
        if name.lower() == wanted:
            return name
    return next((n for n in package.archive.namelist() if n.lower() == wanted), None)


def check_sheet(looks: Looks, sheet: Sheet) -> list[Problem]:
    """Every way a content cell of `sheet` (a layout sheet) is not shown as the report wrote it."""
    from assess.excel.report_render import STYLES, row_heights
    from assess.excel.sheet_cells import MAX_SHEET_BYTES

    out: list[Problem] = []
    looks.checked.add(sheet.name)
    state = looks.states.get(sheet.name, "visible")
    if state.lower() in ("hidden", "veryhidden"):
        out.append(_problem(sheet, "A1", msg("report.sheet_hidden", sheet=sheet.name), looks))
    package = looks.package
    if package is None or not package.xlsx or not 0 < package.size(sheet.name) <= MAX_SHEET_BYTES:
        return out  # a sheet larger than any report's is refused by the value check, before it is loaded
    try:
        got = read_sheet(package.xml(sheet.name))
    except Exception:  # damaged XML is named by the value check (python-calamine reads the same part)
        return out
    if not looks.styles.readable:
        out.append(_problem(sheet, "A1", msg("report.styles_unreadable"), looks))
        return out
    content = [c for c in sheet.cells if c.value not in ("", None)]
    heights = row_heights(sheet)
    hidden_rows: dict[int, list[Cell]] = {}
    hidden_cols: dict[int, list[Cell]] = {}
    zeros: list[Cell] = []
    merged = {(c.row, c.col, c.row, c.span) for c in sheet.cells if c.span}
    extra = [m for m in got.merges if m not in merged]
    areas = len(extra) + sum(len(sqref.split()) for sqref, _, _ in got.conditional)
    if areas > MAX_AREAS:
        out.append(_problem(sheet, "A1", msg("report.too_many_areas", n=areas), looks))
        extra, got.conditional = [], []
    covered = {(c.row, c.col): m for m in extra for c in content
               if m[0] <= c.row <= m[2] and m[1] <= c.col <= m[3] and (c.row, c.col) != (m[0], m[1])}
    styles = looks.styles
    for c in content:
        where = a1(c.row, c.col)
        style = STYLES.get(c.style, {})
        fmt, size, ink, paper = styles.look(got.styles.get((c.row, c.col), 0))
        expected = style.get("num_format", "General")
        if not same_format(fmt, expected, isinstance(c.value, str)):
            out.append(_problem(sheet, where, msg("report.number_format", what=_what(sheet, c), shown=fmt,
                                                  expected=expected), looks))
        if size is not None and size < MIN_FONT_PT:
            out.append(_problem(sheet, where, msg("report.font_tiny", what=_what(sheet, c), size=size), looks))
        if contrast(ink, paper) < MIN_CONTRAST:
            out.append(_problem(sheet, where, msg("report.font_unseen", what=_what(sheet, c), ink=f"#{ink}",
                                                  paper=f"#{paper}"), looks))
        if c.span and style.get("text_wrap") and (c.row, c.col, c.row, c.span) not in got.merges:
            # its merge undone, a wrapped text folds into its first column: the row shows a part of it
            out.append(_problem(sheet, where, msg("report.unmerged", what=_what(sheet, c),
                                                  area=f"{a1(c.row, c.col)}:{a1(c.row, c.span)}"), looks))
        if (c.row, c.col) in covered:
            r0, c0, r1, c1 = covered[(c.row, c.col)]
            out.append(_problem(sheet, where, msg("report.merged_over", what=_what(sheet, c),
                                                  area=f"{a1(r0, c0)}:{a1(r1, c1)}"), looks))
        hidden, height = got.rows.get(c.row, (False, None))
        need = heights.get(c.row) or 1.25 * max(size or 10.0, 1.0)
        if hidden or (height is not None and height < MIN_SHARE * need):
            hidden_rows.setdefault(c.row, []).append(c)
        cols = range(c.col, (c.span or c.col) + 1)
        shown = [got.col(x) for x in cols]
        width = sum(w for h, w in shown if not h)
        if all(h for h, _ in shown) or width < MIN_SHARE * sum(sheet.widths.get(x, DEFAULT_WIDTH) for x in cols):
            hidden_cols.setdefault(c.col, []).append(c)
        if got.zeros_hidden and isinstance(c.value, int | float) and c.value == 0:
            zeros.append(c)
    for row, cells in sorted(hidden_rows.items()):
        hidden, height = got.rows.get(row, (False, None))
        reason = msg("report.row_hidden", row=row + 1) if hidden else msg(
            "report.row_low", row=row + 1, height=round(height or 0, 1),
            expected=round(heights.get(row) or 12.75, 1))
        out.append(_problem(sheet, a1(row, cells[0].col), msg("report.cells_unseen", why=reason, n=len(cells),
                                                              first=_shown(cells[0].value)), looks))
    for col, cells in sorted(hidden_cols.items()):
        hidden, width = got.col(col)
        reason = msg("report.col_hidden", column=col_letter(col)) if hidden else msg(
            "report.col_narrow", column=col_letter(col), width=round(width, 1),
            expected=round(sheet.widths.get(col, DEFAULT_WIDTH), 1))
        out.append(_problem(sheet, a1(cells[0].row, col), msg("report.cells_unseen", why=reason, n=len(cells),
                                                              first=_shown(cells[0].value)), looks))
    if zeros:
        out.append(_problem(sheet, a1(zeros[0].row, zeros[0].col), msg("report.zeros_hidden", n=len(zeros)), looks))
    out.extend(_conditional(looks, sheet, got, content))
    if looks.package is not None:
        from assess.excel.verify_drawings import check_chart_formats, check_drawings

        out.extend(check_drawings(looks, sheet, got, content))
        if "charts" in sheet.marks:
            out.extend(check_chart_formats(looks, sheet))
    return out


def extra_sheets(looks: Looks, data_sheet: str) -> list[Problem]:
    """Visible sheets that are not the report's (after every report sheet went through `check_sheet`):
    a reader takes what they show for the report's, and nothing of it is checked."""
    return [Problem(msg("report.sheet_extra", sheet=name), f"{name}!A1", looks.label, fix=msg("report.shown.fix"))
            for name, state in looks.states.items()
            if name not in looks.checked and name != data_sheet and state.lower() not in ("hidden", "veryhidden")]


def _conditional(looks: Looks, sheet: Sheet, got: SheetXml, content: list[Cell]) -> list[Problem]:
    """A conditional format whose look, when it applies, hides a content cell or changes its figure."""
    from assess.excel.report_render import STYLES

    out = []
    for sqref, ids, bare in got.conditional:
        areas = [a for part in sqref.split() if (a := _area(part))]
        inside = [c for c in content if any(r0 <= c.row <= r1 and c0 <= c.col <= c1 for r0, c0, r1, c1 in areas)]
        if bare and inside:  # a bar or an icon drawn instead of the figure
            out.append(_problem(sheet, a1(inside[0].row, inside[0].col), msg(
                "report.conditional_hides", area=sqref, what=_what(sheet, inside[0])), looks))
            continue
        for dxf in ids:
            if not inside or not 0 <= dxf < len(looks.styles.dxfs):
                continue
            fmt, ink, paper = looks.styles.dxfs[dxf]
            for c in inside:
                _, _, base_ink, base_paper = looks.styles.look(got.styles.get((c.row, c.col), 0))
                expected = STYLES.get(c.style, {}).get("num_format", "General")
                changed = fmt is not None and not same_format(fmt, expected, isinstance(c.value, str))
                if changed or contrast(ink or base_ink, paper or base_paper) < MIN_CONTRAST:
                    out.append(_problem(sheet, a1(c.row, c.col), msg(
                        "report.conditional_hides", area=sqref, what=_what(sheet, c)),
                        looks))
                    break
    return out


def _what(sheet: Sheet, c: Cell) -> Any:
    """A cell named as verify names it (column title · row label), asked only for a finding: naming
    looks at the whole sheet."""
    return cell_name(sheet, c) or msg("report.label")


def _shown(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    text = repr(v)
    return text if len(text) <= 40 else text[:37] + "…'"


def _problem(sheet: Sheet, where: str, message: Any, looks: Looks) -> Problem:
    return Problem(message, f"{sheet.name}!{where}", looks.label, fix=msg("report.shown.fix"))
