"""Question, choice and help text shown with Chinese line breaking (`assess.text.linebreak`).

Textual breaks lines at spaces and folds a longer run anywhere, so a Chinese sentence (one long run)
would start lines with "，" and split numbers. `Prose` is the Textual visual that shows text broken
by the kinsoku rules at whatever width the widget has: Textual's own wrapping then finds every line
already fitting and leaves it as it is.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from assess.text.linebreak import break_lines


def broken(content: Content, width: int) -> Content:
    """`content` with a newline wherever `break_lines` ends a line (styles kept)."""
    out: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        out += [line[s:e] for s, e in break_lines(line.plain, width, cell_len)]
    return Content("\n").join(out)


class Prose(Visual):
    """Text shown broken by the kinsoku rules at the width it is given: give it to `Static.update`
    (or as an option's prompt) instead of the text itself."""

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
