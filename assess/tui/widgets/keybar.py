"""The footer: the important keys of a screen, in the current language, clickable; and a status line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static

from assess.text.app_labels import t
from assess.tui.keymap import Key

if TYPE_CHECKING:  # pragma: no cover
    from assess.session.store import Store


class KeyBar(Static):
    """A line (or two, when narrow) of `key label` hints. Clicking a hint runs its action."""

    DEFAULT_CSS = """
    KeyBar { height: auto; max-height: 2; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, hints: Sequence[Key], lang: str, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.hints = hints
        self.lang = lang
        self.update(self._markup())

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.update(self._markup())

    def on_resize(self) -> None:
        self.update(self._markup())

    def _markup(self) -> str:
        """The hints, broken into lines between hints (never inside one) to fit the width."""
        from rich.cells import cell_len

        width = self.size.width or 80
        lines: list[list[str]] = [[]]
        used = 1
        for h in self.hints:
            if not h.footer:
                continue
            label = t(h.label, self.lang)
            cells = cell_len(h.show) + 1 + cell_len(label) + 2
            if lines[-1] and used + cells > width:
                lines.append([])
                used = 1
            used += cells
            text = f"[b $footer-key-foreground]{escape(h.show)}[/] {escape(label)}"
            if h.click:
                text = f"[@click={h.click}]{text}[/]"
            lines[-1].append(text)
        return "\n".join(" " + "  ".join(parts) for parts in lines)


class StatusLine(Widget):
    """Text of a fixed height that changes often (the autosave line, a question's status):
    redrawn without re-laying out the screen. Longer text is cut with an ellipsis."""

    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text: Text = Text()

    def update(self, text: Text) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        text = self._text.copy()
        text.overflow = "ellipsis"
        return text


def saved_text(store: Store, lang: str) -> Text:
    """The autosave line: when and where the last change was saved, or why saving failed."""
    from assess.session.saved import home_relative
    from assess.text import format as fmt

    if store.save_error:
        return Text(t("saved.failed", lang, error=store.save_error), style="bold red")
    if store.saved_at is not None:
        return Text(t("saved.at", lang, time=fmt.when(store.saved_at, with_date=False),
                      path=home_relative(store.path)), style="dim")
    return Text(t("company.saved_to", lang, path=home_relative(store.path)), style="dim")
