"""How the Portfolio sheet is laid out for reading and printing: every cell at 10 pt, columns as
narrow as their content allows (a figure needs about 6 characters), titles wrapped over up to four
lines rather than widening their columns, long texts (company names, paths, gaps) wrapped in rows
as tall as they need. Fitted to one A4 landscape page across, the sheet then prints at about 8 pt
or more (`printed_pt`): at its earlier widths, fitted, it printed at 6.5 pt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

FONT_PT = 10.0
"""Size of every cell's text on the Portfolio sheet."""
FIGURE_WIDTH = 4.5
"""Narrowest column of a figure: "2.74" and the cell's padding ("100%" needs 5)."""
TEXT_WIDTHS = {"file": 12, "company": 15, "status": 8, "level_name": 6, "gates_failed": 10, "top_gaps": 10,
               "duplicate_of": 14, "code": 7, "reason": 12, "newer_release": 16, "report": 30, "sha256": 20,
               "benchmark": 12}
"""Columns of text, with their widths (Excel's unit, the width of '0'); the text wraps in them."""
UNWRAPPED = frozenset({"report", "sha256"})
"""Texts left on one line: they are off the paper, and a path or a hash is read whole on screen."""
HEAD_LINES = 4
"""A column title wraps over up to this many lines before its column is made wider."""
MAX_FIGURE_WIDTH = 8.0
"""The widest a figure's column grows for a title across it; when some title needs more (long English
words, a long pillar name), the figures' titles are turned to run upwards (`turned`)."""
TURNED_HEIGHT = 28.0
"""The length (in widths of '0') of a line of a title turned upwards: its column widens for more lines."""
LINE_PX = 16.0
"""Pixels of a line of 10 pt text: the lines of a turned title stand side by side in its column."""
MARGIN_IN = 0.25
PAGE_PX = int((297 / 25.4 - 2 * MARGIN_IN) * 96)
"""A4 landscape inside the left and right margins, in pixels at 96 an inch."""
LO_WIDER = 1.06
"""LibreOffice draws a column some 5% wider than Excel does, so it fits the sheet at a smaller scale."""
CONDITIONAL = ("duplicate_of", "code", "reason")
"""Columns that only some batches fill: hidden, on screen and on paper, when no row has any."""


def words_fit(texts: Iterable[str], width: float) -> float:
    """`width`, or wider so that no word of these texts (level names, in English) breaks."""
    from assess.excel.report_render import text_lines

    words = [w for text in texts for w in text.split() if w.isascii()]
    while any(text_lines(w, width) > 1 for w in words):
        width += 0.5
    return width


def _fits(title: str, width: float) -> bool:
    """Whether `title` takes at most HEAD_LINES lines at `width` with no word broken."""
    from assess.excel.report_render import text_lines

    words = [w for w in title.split() if w.isascii()]
    return (all(text_lines(w, width, bold=True) == 1 for w in words)
            and text_lines(title, width, bold=True) <= HEAD_LINES)


def turned(columns: Sequence[str], titles: Sequence[str]) -> bool:
    """Whether the figures' titles run upwards: some would not fit across a column MAX_FIGURE_WIDTH wide."""
    return any(c not in TEXT_WIDTHS and not _fits(t, MAX_FIGURE_WIDTH) for c, t in zip(columns, titles))


def _turned_lines(width: float) -> int:
    from assess.excel.report_render import column_px

    return max(1, int((column_px(width) - 6) // LINE_PX))


def widths(columns: Sequence[str], titles: Sequence[str]) -> list[float]:
    """Each column's width: a text column's own; a figure's column as narrow as its title allows,
    across it or, when `turned`, upwards in lines TURNED_HEIGHT long."""
    from assess.excel.report_render import text_lines

    up = turned(columns, titles)
    out = []
    for column, title in zip(columns, titles):
        if column in TEXT_WIDTHS:
            out.append(float(TEXT_WIDTHS[column]))
            continue
        width = 5.0 if column == "completion" else FIGURE_WIDTH
        if up:
            while text_lines(title, TURNED_HEIGHT, bold=True) > _turned_lines(width):
                width += 0.5
        else:
            while width < MAX_FIGURE_WIDTH and not _fits(title, width):
                width += 0.5
        out.append(width)
    return out


def title_height(columns: Sequence[str], titles: Sequence[str], column_widths: Sequence[float]) -> float | None:
    """The height (points) of the title row: the tallest title across, or those turned upwards."""
    up = turned(columns, titles)
    across = [(t, w) for c, t, w in zip(columns, titles, column_widths) if c in TEXT_WIDTHS or not up]
    tallest = height(across, bold=True) or 0.0
    if up:
        tallest = max([tallest, *(_longest_line(t, w) for c, t, w in zip(columns, titles, column_widths)
                                  if c not in TEXT_WIDTHS)])
    return tallest or None


def _longest_line(title: str, width: float) -> float:
    """Points a title turned upwards in a column `width` wide reaches: its lines as short as its
    column's room for lines allows."""
    from assess.excel.report_render import column_px, text_lines

    length = 3.0
    while length < TURNED_HEIGHT and text_lines(title, length, bold=True) > _turned_lines(width):
        length += 0.5
    return column_px(length) * 0.75 + 8


def height(texts: Iterable[tuple[str, float]], bold: bool = False) -> float | None:
    """The height (points) of a row holding these (text, column width) wrapped, or None when one
    line does."""
    from assess.excel.report_render import wrapped_height

    heights = [h for text, width in texts if text and (h := wrapped_height(text, width, bold)) is not None]
    return max(heights, default=None)


def printed_pt(column_widths: Iterable[float]) -> float:
    """The size 10 pt text prints at when these columns are fitted to one A4 landscape page across
    (by LibreOffice, which draws them widest; Excel prints a little larger)."""
    from assess.excel.report_render import column_px

    total = sum(column_px(w) for w in column_widths) * LO_WIDER
    return FONT_PT * min(1.0, PAGE_PX / total)


def in_lines(items: Sequence[str], locale: str, per_line: int = 2) -> str:
    """A list of question ids for a narrow column: `per_line` to a line, so that a line never breaks
    inside an id ("O0" / "9")."""
    from assess.text.format import join

    end = join(["", ""], locale).rstrip() + "\n"  # the list's own separator, then a new line
    return end.join(join(items[i:i + per_line], locale) for i in range(0, len(items), per_line))
