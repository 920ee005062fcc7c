"""The dialogs of the cards screen: a card's name (to add or rename it), and the confirmation
that deletes one.

The name dialog does not judge a name itself: it hands what was typed to `submit`, which asks
the store, and stays open with the store's reason when the store refuses (an empty name, one
the group already has, a full group), so the person can correct it where they typed it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from assess.text.app_labels import t
from assess.text.clean import FIELD_MAX
from assess.tui import keymap
from assess.tui.linebreak import Prose
from assess.tui.widgets.field import Field


class CardKeyDialog(ModalScreen[str | None]):
    """Dismisses the name as saved, or None when cancelled."""

    BINDINGS = keymap.bindings(keymap.DIALOG)

    def __init__(self, title: str, prompt: str, value: str, lang: str,
                 submit: Callable[[str], tuple[str | None, str | None]]) -> None:
        """`submit(typed)` -> (name saved, None), or (None, why it was refused)."""
        super().__init__()
        self.title_text, self.prompt, self.value, self.lang, self.submit = title, prompt, value, lang, submit

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Label(self.prompt, markup=False)
            yield Field(self.value, id="card-key", max_length=FIELD_MAX)  # keys act in typing order
            yield Static("", id="card-key-error", classes="error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.ok", lang), id="ok", variant="primary")
                yield Button(t("button.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#card-key", Input)
        field.focus()
        field.select_all()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        saved, why = self.submit(self.query_one("#card-key", Input).value)
        if saved is None:
            self.query_one("#card-key-error", Static).update(Prose(why or ""))
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Asks before an edit that removes something; y or the button confirms, Esc or n cancels.
    The cancel button has the focus, so that Enter alone removes nothing."""

    BINDINGS = keymap.bindings(keymap.CONFIRM)

    def __init__(self, title: str, body: str, confirm: str, lang: str) -> None:
        super().__init__()
        self.title_text, self.body, self.confirm, self.lang = title, body, confirm, lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(Prose(self.body))
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm} (y)", id="confirm", variant="error")
                yield Button(f"{t('button.cancel', self.lang)} (n)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
