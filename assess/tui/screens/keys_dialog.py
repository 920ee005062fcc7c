"""`?`: every key of the current screen, in the current language."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from assess.text.app_labels import t
from assess.tui import keymap
from assess.tui.keymap import Key
from assess.tui.linebreak import Prose


class KeysDialog(ModalScreen[None]):
    BINDINGS = keymap.bindings(keymap.KEYS_DIALOG)

    def __init__(self, hints: Sequence[Key], lang: str) -> None:
        super().__init__()
        self.hints, self.lang = hints, lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        seen = set()
        for h in self.hints:
            if (h.show, h.label) in seen:
                continue
            seen.add((h.show, h.label))
            label = t(h.label, lang)
            if h.show == "0-5":
                label += " — " + t("help.digits_maturity", lang)
            if h.action == "next_field":
                label += " — " + t("help.tab_fields", lang)
            table.add_row(Text(h.show), Text(label))
        with Vertical(classes="dialog", id="keys-dialog"):
            yield Static(t("help.title", lang), classes="dialog-title")
            with VerticalScroll():
                yield Static(table)
            yield Static(Prose(Text(t("help.mouse", lang) + "\n" + t("help.footer", lang), style="dim")))

    def action_close(self) -> None:
        self.dismiss(None)
