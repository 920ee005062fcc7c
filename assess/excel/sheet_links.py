"""Where a cell's hyperlink leads, which python-calamine does not give: it reads the text shown.

A client names a document in an evidence cell ("质检报告") and links the file or web page to it with
Ctrl+K; the link is the reference an auditor follows, so an evidence cell's link is read as one more
reference (`linked`). Only an .xlsx keeps its links where they can be read here: a sheet's
`<hyperlinks>` after its cells, each naming an external target in the sheet's relationships. A link
to a place inside a workbook (`location`) leads to no document and is left as the text shown.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from assess.excel.a1 import col_index
from assess.text.parse import split_references

MAX_LINKED_CELLS = 10_000
"""Cells one sheet's links are walked for: a link over a whole column, or one range listed a million
times in a crafted file, goes no further."""

_HYPERLINK = re.compile(rb"<(?:[\w.-]+:)?hyperlink\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""([\w.-]+:)?([\w.-]+)\s*=\s*(["'])(.*?)\3""", re.S)
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
"""A web or mail link (two letters at least: `D:` is a drive)."""


def target_text(target: str, up_one: bool = False) -> str:
    """A link's target as a reference: a path relative to the workbook's folder with its %-escapes
    decoded (`证据/质检%20报告.pdf` is `证据/质检 报告.pdf`); a web link as written. `up_one`: the
    workbook was saved by LibreOffice, which writes a relative path from the workbook file itself
    (`../证据/…`), one level below its folder."""
    if _SCHEME.match(target):
        return target
    text = unquote(target)
    return text[3:] if up_one and text.startswith("../") else text


def hyperlinks(xml: bytes, targets: dict[str, str], height: int, width: int,
               up_one: bool = False) -> dict[tuple[int, int], str]:
    """The cells (row, col), 1-based, within `height` rows and `width` columns, that a sheet's XML
    links to an external target (`targets`: relationship id -> target), with the target read as a
    reference (`target_text`)."""
    found: dict[tuple[int, int], str] = {}
    budget = MAX_LINKED_CELLS  # cells walked, not cells found: a crafted list repeats one range
    for m in _HYPERLINK.finditer(xml):
        attrs = {(b":" if prefix else b"") + name: value for prefix, name, _, value in _ATTRIBUTE.findall(m.group(1))}
        ref = _REF.match(html.unescape(attrs.get(b"ref", b"").decode("utf-8", "replace")).strip())
        target = targets.get(html.unescape(attrs.get(b":id", b"").decode("utf-8", "replace")))
        if ref is None or not target or b"location" in attrs or target.startswith("#"):
            continue
        text = target_text(target, up_one)
        first = (int(ref.group(2)), col_index(ref.group(1).upper()) + 1)
        last = (int(ref.group(4)), col_index(ref.group(3).upper()) + 1) if ref.group(3) else first
        budget -= 1  # each link costs, even one whose cells are all outside the sheet
        for row in range(min(first[0], last[0]), min(max(first[0], last[0]), height) + 1):
            for col in range(min(first[1], last[1]), min(max(first[1], last[1]), width) + 1):
                budget -= 1
                if budget < 0:
                    return found
                found.setdefault((row, col), text)
        if budget < 0:
            return found
    return found


def linked(value: object, target: str) -> object:
    """An evidence cell's value with its link's target as one more line; the target alone when the
    text shown is its file's name (质检报告.pdf linking 证据/质检报告.pdf), which would be a second
    reference to look for and not find; the value as it is when one of its references is the target
    (a web address typed, which Excel links by itself)."""
    text = value.strip() if isinstance(value, str) else "" if value is None else str(value).strip()
    if {target, unquote(target)} & set(split_references(text)):
        return value
    if not text or text == target.replace("\\", "/").rpartition("/")[2]:
        return target
    return f"{text}\n{target}"
