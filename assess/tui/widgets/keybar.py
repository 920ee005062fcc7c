"""The footer: the important keys of a screen, in the current language, clickable; and a status line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import Static

from assess.text.app_labels import t
from assess.text.linebreak import break_lines
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

    def on_mount(self) -> None:
        # the hints follow the focus: in a text field the letter keys type, so they are not offered there
        self.watch(self.screen, "focused", self._focus_moved, init=False)

    def _focus_moved(self, _focused: Widget | None = None) -> None:
        self.update(self._markup())

    def on_resize(self) -> None:
        self.update(self._markup())

    def _focused_id(self) -> str | None:
        try:
            focused = self.screen.focused
        except Exception:  # noqa: BLE001 - not on a screen yet
            return None
        return focused.id if focused is not None else None

    @property
    def typing(self) -> bool:
        """Whether the focus is in a field that takes typed letters."""
        from textual.widgets import Input, TextArea

        try:
            focused = self.screen.focused
        except Exception:  # noqa: BLE001 - not on a screen yet
            return False
        return isinstance(focused, (Input, TextArea))

    def _markup(self) -> str:
        """The hints, broken into lines between hints (never inside one) to fit the width."""
        from rich.cells import cell_len

        width = self.size.width or 80
        lines: list[list[str]] = [[]]
        used = 1
        typing, focused = self.typing, self._focused_id()
        for h in self.hints:
            if not h.footer or (typing and not h.in_field) or (h.on and focused not in h.on.split()):
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
        width, height = self.size
        if height > 1 and width > 0 and "\n" not in text.plain:
            # broken by the Chinese rules, as the question above it is: Rich's own folding splits
            # "2000" after its "2" and starts a line with "、"
            lines = status_lines(text.plain, width)
            if len(lines) > 1:
                text = Text("\n").join(text[s:e] for s, e in lines)
        text.overflow = "ellipsis"
        return text


def status_lines(plain: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each line of a status: broken by the Chinese rules, and at the two spaces
    before its last part ("证据状态：自述") rather than inside that part."""
    lines = list(break_lines(plain, width, cell_len))
    cut = plain.rfind("  ")
    if cut <= 0 or cell_len(plain[cut + 2:]) > width or any(s <= cut + 2 and e == len(plain) for s, e in lines):
        return lines
    return [*break_lines(plain[:cut], width, cell_len), (cut + 2, len(plain))]


def saved_text(store: Store, lang: str) -> Text:
    """The autosave line: when and where the last change was saved, or why saving failed."""
    from assess.session.saved import home_relative, in_browser
    from assess.text import format as fmt

    if store.save_error:
        from assess.text.messages import say

        return Text(t("saved.failed", lang, error=say(store.save_error, lang)), style="bold red")
    if store.saved_at is not None:
        return Text(t("saved.at", lang, time=fmt.when(store.saved_at, with_date=False, zone=in_browser()),
                      path=home_relative(store.path)), style="dim")
    return Text(t("company.saved_to", lang, path=home_relative(store.path)), style="dim")
