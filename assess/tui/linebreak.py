"""Line breaking for Chinese and mixed text (kinsoku): where a line of question or help text may end.

Textual breaks lines at spaces and folds a longer run anywhere, so a Chinese sentence (one long run)
could start a line with "，" or "）", end one with "（", and split "2027年", "〔2011〕30号" or "300"
in two. Here a line breaks between characters of Chinese text or at spaces, never before closing
punctuation, never after opening punctuation and never inside a number, a date, a document number
or a Latin word. `Prose` is the Textual visual that shows text broken this way at whatever width
the widget has; `break_lines` is the rule itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

CLOSING = set("，。、；：！？）」』》〉】〕］｝〗〙〛’”…%‰℃,.;:!?)]}>·・々〻ー〜～")
"""Never at the start of a line (they close or follow what comes before)."""
OPENING = set("（「『《〈【〔［｛〖〘〚‘“([{<￥¥$#")
"""Never at the end of a line (they open or lead what comes after)."""

UNIT = re.compile(
    r"〔\d{4}〕\d+号"                              # a document number: 〔2011〕300号
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"         # a date: 2027年, 2026年3月1日
    r"|\d{1,2}月(?:\d{1,2}日)?"
    r"|[0-9A-Za-z\u00C0-\u024F]+(?:[.,:/\-–_'’+&·][0-9A-Za-z\u00C0-\u024F]+)*"  # words, 1,000, 45.5, ISO/IEC
    r"|—+|…+|\s+"                                   # dashes and ellipses stay whole; spaces
    r"|.",
    re.S,
)


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_space) of the pieces no line break may enter."""
    out: list[tuple[int, int, bool]] = []
    glue_next = False
    for m in UNIT.finditer(text):
        start, end = m.span()
        piece = m.group()
        space = piece.isspace()
        if space:
            out.append((start, end, True))
            glue_next = False
            continue
        if out and not out[-1][2] and (glue_next or piece[0] in CLOSING):
            out[-1] = (out[-1][0], end, False)
        else:
            out.append((start, end, False))
        glue_next = piece[-1] in OPENING
    return out


def _fold(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """A piece wider than a whole line, cut by cells (the only case a piece is cut)."""
    out: list[tuple[int, int]] = []
    line_start, used = start, 0
    for i in range(start, end):
        w = cell_len(text[i])
        if used + w > width and i > line_start:
            out.append((line_start, i))
            line_start, used = i, 0
        used += w
    out.append((line_start, end))
    return out


@lru_cache(maxsize=4096)
def break_lines(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """(start, end) of each line of one paragraph (no newlines) at `width` cells. Spaces where a
    line breaks are dropped; the paragraph's own leading spaces (an indent) are kept."""
    width = max(width, 2)
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0
    pending = 0  # cells of the spaces between the line so far and the next piece
    for start, end, space in _segments(text):
        w = cell_len(text[start:end])
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
            *full, (line_start, line_end) = _fold(text, start, end, width)
            lines += full
            used = cell_len(text[line_start:line_end])
        else:
            line_start, line_end, used = start, end, w
    if line_start is not None:
        lines.append((line_start, line_end))
    return tuple(lines) or ((0, 0),)


def broken(content: Content, width: int) -> Content:
    """`content` with a newline wherever `break_lines` ends a line (styles kept)."""
    out: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        out += [line[s:e] for s, e in break_lines(line.plain, width)]
    return Content("\n").join(out)


class Prose(Visual):
    """Text shown broken by the rules above at the width it is given: give it to `Static.update`
    (or as an option's prompt) instead of the text itself. Textual's own wrapping then finds every
    line already fitting and leaves it as it is."""

    def __init__(self, text: Content | str | object) -> None:
        if isinstance(text, Content):
            self.content = text
        elif isinstance(text, str):
            self.content = Content(text)
        else:  # a rich Text
            self.content = Content.from_rich_text(text)  # type: ignore[arg-type]
        self._cache: tuple[int, Content] | None = None

    @property
    def plain(self) -> str:
        return self.content.plain

    def __str__(self) -> str:  # as Content's: the text itself
        return self.content.plain

    def at(self, width: int) -> Content:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, broken(self.content, width))
        return self._cache[1]

    @staticmethod
    def _pad(rules: RulesMap) -> int:
        return int(rules.get("line_pad", 0) or 0) * 2

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.at(width - self._pad(options.rules)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.at(width - self._pad(rules)).get_height(rules, width)
