"""Export: choose what to write and where. Dismisses an `ExportRequest` (or None); the caller's
worker does the writing."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from assess.text.app_labels import t
from assess.tui import keymap
from assess.tui.export import KINDS, ExportRequest, Kind, default_path
from assess.tui.linebreak import Prose
from assess.tui.widgets.field import Field
from assess.tui.widgets.response_fields import StateButton


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = keymap.bindings(keymap.EXPORT)

    SUFFIXES = {"report": ".xlsx", "json": ".json", "template": ".xlsx"}

    def __init__(self, answer_file: Path, lang: str, folder: Path | None = None, *, fixed_folder: bool = False) -> None:
        """`fixed_folder`: the path cannot be edited (in a browser, exports go to a private
        folder and reach the user as downloads)."""
        super().__init__()
        self.answer_file, self.lang, self.folder, self.fixed_folder = answer_file, lang, folder, fixed_folder
        self.kind: Kind = KINDS[0]

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static(t("export.title", lang), classes="dialog-title")
            with RadioSet(id="export-kind"):
                for i, k in enumerate(KINDS, start=1):
                    label = f"{i}  " + t(f"export.kind.{k}", lang)
                    # ● for the kind chosen and ○ for the others: told apart without colour
                    yield StateButton(label, value=k == self.kind, id=f"kind-{k}")
            yield Label(t("export.path", lang))
            yield Field(self._default(), id="export-path", disabled=self.fixed_folder)
            yield Static("", id="export-error", classes="error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.export", lang), id="ok", variant="primary")
                yield Button(t("button.cancel", lang), id="cancel")

    def _default(self) -> str:
        """Where the export goes: its path, or only its name when the folder is fixed (a browser is shown
        no path of the server: the export reaches it as a download)."""
        path = default_path(self.answer_file, self.kind, self.folder)
        return path.name if self.fixed_folder else str(path)

    def _path(self, text: str) -> Path:
        return (self.folder or Path.cwd()) / text if self.fixed_folder else Path(text).expanduser()

    def on_mount(self) -> None:
        # Enter exports the default at once; 1-3 pick another kind, Tab reaches the path.
        self.query_one("#ok", Button).focus()

    def action_kind(self, index: int) -> None:
        if index < len(KINDS):
            self.query_one(f"#kind-{KINDS[index]}", RadioButton).value = True

    @on(RadioSet.Changed, "#export-kind")
    def _kind(self, event: RadioSet.Changed) -> None:
        if event.pressed.id:
            self.kind = event.pressed.id.removeprefix("kind-")  # type: ignore[assignment]
            self.query_one("#export-path", Input).value = self._default()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        why = self.refusal(text)
        if why:
            self.query_one("#export-error", Static).update(Prose(why))
            return
        self.dismiss(ExportRequest(self.kind, self._path(text), self.lang))

    def refusal(self, text: str) -> str:
        """Why the path cannot take this export (empty when it can): an export never replaces
        a file, least of all the answer file being edited."""
        if not text:
            return t("export.need_path", self.lang)
        path = self._path(text)
        suffix = self.SUFFIXES[self.kind]
        if path.suffix.lower() != suffix:
            return t("export.need_suffix", self.lang, suffix=suffix)
        if path.resolve() == Path(self.answer_file).resolve():
            return t("export.is_answer_file", self.lang)
        if path.exists():
            return t("export.exists", self.lang)
        return ""

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
