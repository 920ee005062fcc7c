"""Line breaking for Chinese and mixed text (kinsoku): where a line may end.

A Chinese sentence has no spaces, so a wrapper that breaks at spaces folds it anywhere: a line
could start with "，" or "）", end with "（", and split "2027年", "〔2011〕30号" or "300" in two.
Here a line breaks between characters of Chinese text or at spaces, never before closing
punctuation, never after opening punctuation and never inside a number, a date, a document number
or a Latin word. The app (`assess.tui.linebreak`) and `assess --help` break lines with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

Cells = Callable[[str], int]


def cell_width(text: str) -> int:
    """Terminal cells of `text`: wide and full-width characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def wrap(text: str, width: int, cells: Cells = cell_width) -> list[str]:
    """`text` (one paragraph) as lines of at most `width` cells."""
    return [text[s:e] for s, e in break_lines(text, width, cells)]


CLOSING = set("，。、；：！？）」』》〉】〕］｝〗〙〛’”…%‰℃,.;:!?)]}>·・々〻ー〜～")
"""Never at the start of a line (they close or follow what comes before)."""
OPENING = set("（「『《〈【〔［｛〖〘〚‘“([{<￥¥$#")
"""Never at the end of a line (they open or lead what comes after)."""

UNIT = re.compile(
    r"〔\d{4}〕\d+号"                              # a document number: 〔2011〕300号
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"         # a date: 2027年, 2026年3月1日
    r"|\d{1,2}月(?:\d{1,2}日)?"
    r"|--?[A-Za-z][0-9A-Za-z]*(?:-[0-9A-Za-z]+)*"  # a command's option: --evidence, -o
    r"|[0-9A-Za-z\u00C0-\u024F]+(?:[.,:/\-–_'’+&·][0-9A-Za-z\u00C0-\u024F]+)*"  # words, 1,000, 45.5, ISO/IEC
    r"|—+|…+|\s+"                                   # dashes and ellipses stay whole; spaces
    r"|.",
    re.S,
)


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_space) of the pieces no line break may enter. A backquote opening a command
    (`assess report`) stays with its first word and the one closing it with its last."""
    out: list[tuple[int, int, bool]] = []
    glue_next = False
    in_code = False
    for m in UNIT.finditer(text):
        start, end = m.span()
        piece = m.group()
        space = piece.isspace()
        if space:
            out.append((start, end, True))
            glue_next = False
            continue
        tick = piece == "`"
        if out and not out[-1][2] and (glue_next or piece[0] in CLOSING or (tick and in_code)):
            out[-1] = (out[-1][0], end, False)
        else:
            out.append((start, end, False))
        glue_next = piece[-1] in OPENING or (tick and not in_code)
        in_code = in_code != tick
    return out


def _fold(text: str, start: int, end: int, width: int, cells: Cells) -> list[tuple[int, int]]:
    """A piece wider than a whole line, cut by cells (the only case a piece is cut)."""
    out: list[tuple[int, int]] = []
    line_start, used = start, 0
    for i in range(start, end):
        w = cells(text[i])
        if used + w > width and i > line_start:
            out.append((line_start, i))
            line_start, used = i, 0
        used += w
    out.append((line_start, end))
    return out


@lru_cache(maxsize=4096)
def break_lines(text: str, width: int, cells: Cells = cell_width) -> tuple[tuple[int, int], ...]:
    """(start, end) of each line of one paragraph (no newlines) at `width` cells. Spaces where a
    line breaks are dropped; the paragraph's own leading spaces (an indent) are kept. `cells` measures
    text in terminal cells (the app passes its renderer's own measure)."""
    width = max(width, 2)
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0
    pending = 0  # cells of the spaces between the line so far and the next piece
    for start, end, space in _segments(text):
        w = cells(text[start:end])
        if space:
            if line_start is None and start == 0:
                line_start, line_end, used = start, end, w  # an indent
            elif line_start is not None:
                pending += w
            continue
        if line_start is not None and used + pending + w <= width:
            line_end, used, pending = end, used + pending + w, 0
            continue
        if line_start is not None:
            lines.append((line_start, line_end))
        pending = 0
        if w > width:
            *full, (line_start, line_end) = _fold(text, start, end, width, cells)
            lines += full
            used = cells(text[line_start:line_end])
        else:
            line_start, line_end, used = start, end, w
    if line_start is not None:
        lines.append((line_start, line_end))
    return tuple(lines) or ((0, 0),)
