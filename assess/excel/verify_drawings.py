"""`assess verify`: what is drawn over a report's sheets (`assess.excel.verify_visible` checks the cells).

The report draws only its charts, beside the figures (Summary). A chart moved over a figure hides
it; any other shape or picture is not the report's (a white box over a score, a pasted "approved"
stamp) and is named wherever it lies. A drawing's anchor is read as the cells it covers: two cells,
or one cell or a position plus a size, walked over the sheet's column widths and row heights.
"""

from __future__ import annotations

import math
import re
from typing import Any

from assess.excel.a1 import a1
from assess.excel.report_layout import Cell, Sheet
from assess.excel.sheet_cells import MAX_SHEET_BYTES
from assess.excel.verify_visible import (
    MAX_AREAS,
    Looks,
    SheetXml,
    _child,
    _int,
    _local,
    _member,
    _parse,
    _problem,
    _what,
)
from assess.problems import Problem, msg

EMU_PER_PT = 12700
EMU_PER_PX = 9525
_ANCHORS = ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")
_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def check_drawings(looks: Looks, sheet: Sheet, got: SheetXml, content: list[Cell]) -> list[Problem]:
    """Every content cell of `sheet` a chart lies over, and every shape or picture on it."""
    import posixpath

    package = looks.package
    member = package.parts.get(sheet.name)
    if not member:
        return []
    folder, name = posixpath.split(member)
    rels = _member(package, posixpath.join(folder, "_rels", name + ".rels"))
    out: list[Problem] = []
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", package.read(rels) if rels else b""):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1).decode("utf-8", "replace")))
        if not attrs.get("Type", "").endswith("/drawing") or "Target" in attrs and "://" in attrs["Target"]:
            continue
        target = attrs.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        drawing = _member(package, path)
        if drawing and package.file_size(drawing) > MAX_SHEET_BYTES:  # far more than two charts: not parsed
            out.append(_problem(sheet, "A1", msg("report.drawing_extra", area=drawing), looks))
            continue
        try:
            root = _parse(package.read(drawing)) if drawing else None
        except Exception:  # a drawing that cannot be read is drawn by no office suite either
            continue
        anchors = [a for a in (root if root is not None else ()) if _local(a.tag) in _ANCHORS]
        if len(anchors) > MAX_AREAS:
            out.append(_problem(sheet, "A1", msg("report.drawing_extra", area=f"{len(anchors)} ×"), looks))
            continue
        for anchor in anchors:
            area = _anchor_area(anchor, got, sheet)
            if area is None:
                continue
            thing = next((c for c in anchor if _local(c.tag) in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic",
                                                                 "contentPart")), None)
            chart = thing is not None and _local(thing.tag) == "graphicFrame" and any(
                _local(e.tag) == "graphicData" and e.get("uri") == _CHART for e in thing.iter())
            r0, c0, r1, c1 = area
            span = f"{a1(r0, c0)}:{a1(r1, c1)}"
            if not chart:
                out.append(_problem(sheet, a1(r0, c0), msg("report.drawing_extra", area=span), looks))
                continue
            for c in content:
                if r0 <= c.row <= r1 and c0 <= c.col <= c1:
                    out.append(_problem(sheet, a1(c.row, c.col), msg(
                        "report.drawing_over", what=_what(sheet, c), area=span), looks))
    return out


def _anchor_area(anchor: Any, got: SheetXml, sheet: Sheet) -> tuple[int, int, int, int] | None:
    """The cells a drawing's anchor covers (first row, first column, last row, last column)."""

    def point(element: Any) -> tuple[int, int, int, int] | None:
        """(row, column, row offset, column offset) of an xdr:from or xdr:to."""
        if element is None:
            return None
        got_ = {_local(c.tag): _int(c.text) for c in element}
        return got_.get("row", 0), got_.get("col", 0), got_.get("rowOff", 0), got_.get("colOff", 0)

    kind = _local(anchor.tag)
    start = point(_child(anchor, "from"))
    if kind == "twoCellAnchor":
        end = point(_child(anchor, "to"))
        if start is None or end is None:
            return None
        return start[0], start[1], end[0], end[1]
    ext = _child(anchor, "ext")
    if ext is None:
        return None
    if kind == "absoluteAnchor":
        pos = _child(anchor, "pos")
        x, y = (_int(pos.get(k)) for k in ("x", "y")) if pos is not None else (0, 0)
        row, row_emu = _walk(y, lambda r: _row_emu(got, r))
        col, col_emu = _walk(x, lambda c: _col_emu(got, c))
        start = (row, col, row_emu, col_emu)
    if start is None:
        return None
    cx, cy = (_int(ext.get(k)) for k in ("cx", "cy"))
    last_row, _ = _walk(start[2] + cy, lambda r: _row_emu(got, r), start[0])
    last_col, _ = _walk(start[3] + cx, lambda c: _col_emu(got, c), start[1])
    return start[0], start[1], last_row, last_col


def _walk(emu: int, size: Any, first: int = 0) -> tuple[int, int]:
    """The row or column `emu` EMU past the start of `first`, and the offset into it."""
    at = first
    while at < 20000:
        step = size(at)
        if emu < step:
            break
        emu -= step
        at += 1
    return at, emu


def _row_emu(got: SheetXml, row: int) -> int:
    hidden, height = got.rows.get(row, (False, None))
    height = height if height is not None else got.default_height or 15.0
    return 0 if hidden or not math.isfinite(height) else int(min(max(height, 0.0), 1e4) * EMU_PER_PT)


def _col_emu(got: SheetXml, col: int) -> int:
    hidden, width = got.col(col)
    return 0 if hidden or not math.isfinite(width) else int((min(max(width, 0.0), 1e4) * 7 + 5) * EMU_PER_PX)


_CHART_PART = re.compile(r"xl/charts/chart[0-9]+\.xml", re.I)
_CHART_FORMAT = re.compile(rb"<(?:\w+:)?numFmt\b[^>]*?formatCode=\"([^\"]*)\"|<(?:\w+:)?formatCode>([^<]*)<")


def check_chart_formats(looks: Looks, sheet: Sheet) -> list[Problem]:
    """The number formats a chart shows its figures with (data labels, axes, its copy of the figures)
    must be ones the report uses: `"3.17"` as a data label's format prints 3.17 on every bar."""
    import html

    from assess.excel.report_render import STYLES
    from assess.excel.verify_visible import same_format

    allowed = {"General", *(s["num_format"] for s in STYLES.values() if "num_format" in s)}
    out = []
    for member, xml in sorted(looks.package.inflated.items()):
        if not _CHART_PART.fullmatch(member):
            continue
        for m in _CHART_FORMAT.finditer(xml):
            code = html.unescape((m.group(1) or m.group(2) or b"").decode("utf-8", "replace"))
            if not any(same_format(code, ok, False) for ok in allowed):
                out.append(Problem(msg("report.chart_format", shown=code), f"{sheet.name} (chart)", looks.label,
                                   fix=msg("report.shown.fix")))
    return out

