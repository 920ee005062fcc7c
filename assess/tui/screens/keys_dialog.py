"""`?`: every key of the current screen, in the current language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from assess.text.app_labels import t
from assess.tui.widgets.keybar import KeyHint


class KeysDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", show=False)]

    def __init__(self, hints: list[KeyHint], lang: str) -> None:
        super().__init__()
        self.hints, self.lang = hints, lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        seen = set()
        for h in self.hints:
            if (h.keys, h.label) in seen:
                continue
            seen.add((h.keys, h.label))
            label = t(h.label, lang)
            if h.keys == "0-5":
                label += " — " + t("help.digits_maturity", lang)
            table.add_row(Text(h.keys), Text(label))
        with Vertical(classes="dialog", id="keys-dialog"):
            yield Static(t("help.title", lang), classes="dialog-title")
            with VerticalScroll():
                yield Static(table)
            yield Static(Text(t("help.mouse", lang) + "\n" + t("help.footer", lang), style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
