"""Import in a browser: the sheets uploaded from the page wait on the server; pick one to import.
Dismisses the chosen sheet's path, or None."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from assess.text.app_labels import t
from assess.tui import keymap


class UploadsDialog(ModalScreen[Path | None]):
    BINDINGS = keymap.bindings(keymap.DIALOG)

    def __init__(self, sheets: list[Path], lang: str) -> None:
        super().__init__()
        self.sheets, self.lang = sheets, lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(t("uploads.title", lang), classes="dialog-title")
            # Text, not markup: a file name is the user's text
            yield OptionList(*(Option(Text(p.name), id=str(i)) for i, p in enumerate(self.sheets)), id="uploads")
            yield Static(Text(t("uploads.hint", lang), style="dim"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#uploads", OptionList).focus()

    @on(OptionList.OptionSelected, "#uploads")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.sheets[event.option_index])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
