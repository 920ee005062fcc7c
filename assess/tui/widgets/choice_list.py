"""A list of choices with visible marks: ( )/(x) for one answer, [ ]/[x] for several.

Mark and key are drawn in a left gutter, beside every line of a choice, so a long label wraps
with a hanging indent and choosing redraws the gutter only: the labels' renders stay cached
(this is what keeps an answer under the 30 ms budget on long Chinese descriptors).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assess.tui.linebreak import Prose


class ChoiceList(OptionList):
    """Enter, space or a click picks the highlighted choice (the owner decides what that means)."""

    BINDINGS = [Binding("space", "select", "choose", show=False)]

    def __init__(self, labels: Sequence[str], *, multi: bool = False, keys: Sequence[str] | None = None,
                 chosen: set[int] | None = None, **kwargs) -> None:
        self.labels = list(labels)
        self.multi = multi
        self.keys = list(keys) if keys is not None else [str(i + 1) for i in range(len(labels))]
        self.chosen: set[int] = set(chosen or ())
        self._gutter = 5 + max((len(k) for k in self.keys), default=1)
        super().__init__(*[Option(Prose(label), id=str(i)) for i, label in enumerate(self.labels)], **kwargs)

    def _get_left_gutter_width(self) -> int:
        return self._gutter

    def get_content_height(self, container, viewport, width: int) -> int:
        # OptionList measures its options at the full width, but draws them beside the gutter:
        # a label that fits the one and not the other would hide its last line
        return super().get_content_height(container, viewport, width - self._gutter)

    def _on_resize(self) -> None:
        # the lines wrapped at the old width leave a height the new width may not need: forgotten,
        # or its scrollbar stays, takes two columns and wraps every label narrower than the list
        # (a window made larger then hid the last choice under that scrollbar)
        self.virtual_size = Size(0, 0)
        super()._on_resize()

    def mark(self, index: int) -> str:
        on = index in self.chosen
        return ("[x]" if on else "[ ]") if self.multi else ("(x)" if on else "( )")

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return Strip([Segment(" " * self._gutter), *line])
        base = next(iter(line)).style if line.cell_length else None
        base = base or Style()
        meta = Style(meta={"option": index})
        if offset:
            return Strip([Segment(" " * self._gutter, base + meta), *line])
        on = index in self.chosen
        key = self.keys[index]
        pad = " " * (self._gutter - 5 - len(key))
        return Strip([
            Segment(self.mark(index), base + Style(bold=on) + meta),
            Segment(" ", base + meta),
            Segment(key, base + Style(dim=True) + meta),
            Segment(pad + " ", base + meta),
            *line,
        ])

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.call_after_refresh(self.reveal_highlighted)

    def reveal_highlighted(self) -> None:
        """Scroll the pane that holds the list until the highlighted choice is on screen: a long
        question with long choices is taller than a small terminal, and a choice answered by its
        digit would otherwise be marked below the bottom edge."""
        index = self.highlighted
        if index is None or not self.is_mounted:
            return
        self._update_lines()
        line = self._index_to_line.get(index)
        if line is None:
            return
        top = self.content_region.y + line - self.scroll_offset.y  # the choice's first row on screen
        for pane in self.ancestors:
            if isinstance(pane, Widget) and pane.allow_vertical_scroll:
                window = pane.scrollable_content_region
                pane.scroll_to_region(Region(0, top - window.y + pane.scroll_offset.y, 1, self._heights[index]),
                                      animate=False, immediate=True, x_axis=False)
                return

    def set_chosen(self, chosen: set[int]) -> None:
        """Show these indices as chosen (a redraw, no re-layout)."""
        if chosen != self.chosen:
            self.chosen = set(chosen)
            self.refresh()
