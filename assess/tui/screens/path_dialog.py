"""Ask for a file path (open an answer file, import an Excel sheet): dismisses the path or None."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assess.session.saved import within
from assess.text.app_labels import t
from assess.tui import keymap
from assess.tui.linebreak import Prose
from assess.tui.widgets.field import Field


class PathDialog(ModalScreen[Path | None]):
    """`suffixes` lists the accepted endings; `must_exist` refuses a path that is not a file."""

    BINDINGS = keymap.bindings(keymap.DIALOG)

    def __init__(self, title_key: str, lang: str, *, suffixes: tuple[str, ...], suffix_error: str,
                 must_exist: bool = True, initial: str = "", root: Path | None = None) -> None:
        """`root`: when given, only paths inside it are accepted (the browser version)."""
        super().__init__()
        self.title_key, self.lang = title_key, lang
        self.suffixes, self.suffix_error, self.must_exist, self.initial = suffixes, suffix_error, must_exist, initial
        self.root = root

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(t(self.title_key, lang), classes="dialog-title")
            yield Field(self.initial, placeholder=t("path.placeholder", lang), id="path")
            yield Static("", id="path-error", classes="error", markup=False)  # may quote the typed path
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.ok", lang), id="ok", variant="primary")
                yield Button(t("button.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def validated(self, text: str) -> tuple[Path | None, str]:
        """The path, or None with the reason (in the dialog's language)."""
        text = text.strip()
        if not text:
            return None, t("export.need_path", self.lang)
        path = Path(text).expanduser()
        if path.suffix.lower() not in self.suffixes:
            return None, t(self.suffix_error, self.lang)
        if self.root is not None:
            if not path.is_absolute():
                path = self.root / path
            if not within(self.root, path):
                return None, t("path.outside", self.lang, root=self.root)
        if self.must_exist and not path.is_file():
            return None, t("path.missing", self.lang, path=text)
        return path, ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        path, why = self.validated(self.query_one("#path", Input).value)
        if path is None:
            self.query_one("#path-error", Static).update(Prose(why))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
