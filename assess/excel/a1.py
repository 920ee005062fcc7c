"""Cell references in A1 notation, 0-based, as the report writer, the sheet reader and verify use them;
and sheet names Excel accepts."""

from __future__ import annotations

from dataclasses import dataclass


def col_letter(col: int) -> str:
    """Excel's letters for a 0-based column: 0 -> A, 26 -> AA."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_index(letters: str) -> int:
    """The 0-based column of Excel's letters: A -> 0, AA -> 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass(slots=True)
class Cell:
    """A cell of a named sheet, 1-based, shown as its reference (Answers!E12)."""

    sheet: str
    row: int
    col: int

    def __str__(self) -> str:
        return f"{self.sheet}!{col_letter(self.col - 1)}{self.row}"


def a1(row: int, col: int) -> str:
    """A 0-based cell in A1 notation: (0, 0) -> A1."""
    return f"{col_letter(col)}{row + 1}"


SHEET_NAME_LIMIT = 31
_NOT_IN_SHEET_NAMES = str.maketrans({ch: " " for ch in "[]:*?/\\"})


def sheet_title(text: str, taken: set[str], fallback: str = "Sheet") -> str:
    """A sheet name for `text` that Excel accepts: none of []:*?/\\, no apostrophe at either end, at
    most 31 characters, and not one of `taken` (compared as Excel does, case-blind; a numbered
    suffix tells two apart). The name is added to `taken`."""
    base = " ".join(text.translate(_NOT_IN_SHEET_NAMES).split()).strip("'").strip()[:SHEET_NAME_LIMIT].strip()
    base = base or fallback
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[:SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(name.casefold())
    return name
