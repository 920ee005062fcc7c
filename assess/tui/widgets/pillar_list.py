"""The pillar list: the profile and every pillar, with progress, live score and level.

One widget drawing two lines per section (name; progress bar, count, score, level), so that an
answer redraws a few short lines without re-laying out the screen. Up/down and Enter, or a
click, choose a section.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from assess.model import localize
from assess.session.store import PROFILE, Store
from assess.text import format as fmt
from assess.text.app_labels import t
from assess.tui.formatting import clip
from assess.tui.scores import Assessment, level_name
from assess.tui.widgets.bars import progress_bar

ROW_HEIGHT = 2


class PillarList(Widget, can_focus=True):
    """Posts `Chosen` with a section id when a row is chosen."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("enter,space", "choose", show=False),
    ]

    @dataclass
    class Chosen(Message):
        section_id: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[str] = []
        self.cursor = 0
        self.current: str | None = None
        self._last: tuple | None = None

    def show(self, store: Store, a: Assessment, lang: str, current: str | None) -> None:
        """Redraw with these figures; the cursor follows the current section."""
        self._last = (store, a, lang)
        self.rows = [s.id for s in store.sections]
        if current != self.current and current in self.rows:
            self.cursor = self.rows.index(current)
        self.current = current
        self.refresh()

    def render(self) -> Text:
        if self._last is None:
            return Text()
        store, a, lang = self._last
        width = max(10, self.content_region.width or 25)
        bar_w = max(4, min(10, width - 20))
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, s in enumerate(store.sections):
            done, total = store.progress(s.id)
            name = t("section.profile", lang) if s.id == PROFILE else localize(s.name, lang)
            cursor = i == self.cursor and self.has_focus
            style = "reverse" if cursor else ("bold" if s.id == self.current else "")
            out.append(clip(name, width), style=style)
            out.append("\n")
            out.append_text(progress_bar(done, total, bar_w))
            out.append(f" {done}/{total}", style="dim")
            if s.id != PROFILE:
                p = a.pillar(s.id)
                if not p.applicable:
                    out.append(clip(f" {t('status.na', lang)}", max(0, width - bar_w - 8)), style="dim")
                    out.append("\n")
                    continue
                colour = "red" if p.gates_failed else ("green" if p.gap == 0 else "yellow")
                tail = f" {level_name(store.q, p.level, lang)}"
                used = bar_w + cell_len(f" {done}/{total}") + 4
                out.append(f" {fmt.score(p.score)}", style=f"bold {colour}")
                out.append(fit_level(tail, max(0, width - used)), style="dim")
            out.append("\n")
        o = a.overall
        out.append(t("pillars.overall", lang), style="bold")
        out.append(f" {fmt.score(o.score)}", style="bold cyan")
        used = cell_len(t("pillars.overall", lang)) + cell_len(f" {fmt.score(o.score)}")
        out.append(fit_level(f" {level_name(store.q, o.level, lang)}", max(0, width - used)))
        out.append("\n")
        if o.compliance_first:
            out.append(clip(t("results.compliance_first_short", lang), width), style="bold red")
            out.append("\n")
        out.append(f"{t('results.completion', lang)} {fmt.percent(o.completion)}", style="dim")
        return out

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, delta: int) -> None:
        if self.rows:
            self.cursor = min(max(self.cursor + delta, 0), len(self.rows) - 1)
            self.refresh()

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self.rows[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + self.scroll_offset.y) // ROW_HEIGHT
        if 0 <= index < len(self.rows):
            self.cursor = index
            self.post_message(self.Chosen(self.rows[index]))


def fit_level(text: str, room: int) -> str:
    """A level as it fits: "L0 Not started" whole, else its code "L0" alone ("L0 Not s…" read as a
    word cut in half), else cut."""
    if cell_len(text) <= room:
        return text
    code = " " + text.split()[0] if text.split() else ""
    return code if code and cell_len(code) <= room else clip(text, room)
