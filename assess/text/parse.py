"""Numbers as people type them, read the same way by the answer sheet, the app, the command line
and the target dialog: full-width digits from a Chinese input method (４０), thousands separators
(1,000), spaces, and a trailing per cent sign (40 %). Anything else is not a number: the caller
names the field and says what to type, it never guesses. Evidence references as people list them,
read alike by the answer sheet and the app (`split_references`).
"""

from __future__ import annotations

import math
import re
import unicodedata

_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_number(text: str | float | int | None, *, percent_sign: bool = True) -> float | None:
    """The number `text` stands for, or None. A number passes through (not a bool); text is
    normalised (NFKC, spaces dropped), `1,000` loses its separators, and with `percent_sign` a
    trailing `%` is dropped (the value stays in per cent: "40%" is 40). NaN and infinities are
    not numbers."""
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int | float):
        x = float(text)
        return x if math.isfinite(x) else None
    if not isinstance(text, str):  # a date or a time a spreadsheet cell held: not a number typed
        return None
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if percent_sign and s.endswith("%"):
        s = s[:-1]
    if _GROUPED.fullmatch(s):
        s = s.replace(",", "")
    if not s or len(s) > 64 or not any(ch.isdigit() for ch in s):
        return None  # long digit runs and words such as "nan" or "infinity" are not typed numbers
    try:
        x = float(s)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def tidy_number(x: float) -> int | float:
    """A whole float as an int (40.0 -> 40), so that answers keep the type a person typed."""
    return int(x) if x.is_integer() and abs(x) < 1e15 else x


_REFERENCES = re.compile(r"[\n;；]+")
_LISTED = re.compile(r"\s*[、，,]\s*")
_COMMAS = frozenset("、，,")
_FILE_NAME = re.compile(r"\.(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,8}$")
"""A file's extension: letters, digits too (.mp4), never digits alone (条款5.1 is no file)."""


def split_references(text: str) -> list[str]:
    """Evidence references from one text: one a line, or separated by semicolons; and file names
    listed with 、 or a comma (定级清单.xlsx、备案回执.jpg), when every part is one. Any other text
    with a comma stays whole: 见附件1、2, a web address, 质检、能耗报告 name one thing each."""
    out: list[str] = []
    for part in _REFERENCES.split(text) if text else ():
        part = part.strip()
        if not part:
            continue
        if not _COMMAS.isdisjoint(part):  # a list, or one name holding a comma
            pieces = [p for p in _LISTED.split(part) if p]
            if all(_FILE_NAME.search(p) for p in pieces):
                out.extend(pieces)
                continue
        out.append(part)
    return out
