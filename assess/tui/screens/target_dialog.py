"""Change a pillar's target: dismisses the new value, "default", or None (cancelled)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from assess.text import format as fmt
from assess.text.app_labels import t
from assess.text.parse import parse_number
from assess.tui import keymap
from assess.tui.widgets.field import Field


def parse_target(text: str) -> float | None:
    """A target 0..5 from what was typed (full-width digits too, as everywhere), or None."""
    value = parse_number(text, percent_sign=False)
    return value if value is not None and 0 <= value <= 5 else None


class TargetDialog(ModalScreen[float | str | None]):
    BINDINGS = keymap.bindings(keymap.DIALOG)

    def __init__(self, pillar_name: str, current: float, default: float, lang: str) -> None:
        super().__init__()
        self.pillar_name, self.current, self.default, self.lang = pillar_name, current, default, lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(t("target.title", lang, pillar=self.pillar_name), classes="dialog-title", markup=False)
            yield Label(t("target.prompt", lang, default=fmt.number(self.default)))
            yield Field(fmt.number(self.current), id="target-value")
            yield Static("", id="target-error", classes="error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.ok", lang), id="ok", variant="primary")
                yield Button(t("button.reset", lang), id="reset")
                yield Button(t("button.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#target-value", Input)
        field.focus()
        field.select_all()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        value = parse_target(self.query_one("#target-value", Input).value)
        if value is None:
            self.query_one("#target-error", Static).update(t("target.invalid", self.lang))
            return
        self.dismiss(value)

    @on(Button.Pressed, "#reset")
    def _reset(self) -> None:
        self.dismiss("default")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
