"""After a sheet is imported: every problem the reader found that the plant has to act on (errors and
warnings, as the return slip lists them), each with its cell and how to fix it. A notice could show
only the first; an answer not used must never go unseen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assess.problems import Problem
from assess.text.app_labels import t
from assess.text.messages import by_severity, problem_text
from assess.tui import keymap
from assess.tui.linebreak import Prose

LEFT_TO_ANSWER = frozenset({"sheet.unanswered", "sheet.unanswered_profile"})
"""What the app shows by itself: the questions still to answer, in its progress and on each pillar."""


def to_act_on(problems: list[Problem]) -> list[Problem]:
    """The problems an import shows: errors first, then warnings; notices are not the plant's to fix,
    and the questions left unanswered are what the app is opened to answer."""
    return by_severity([p for p in problems if p.severity != "notice" and p.code not in LEFT_TO_ANSWER])


class ImportedDialog(ModalScreen[None]):
    BINDINGS = keymap.bindings(keymap.KEYS_DIALOG)

    def __init__(self, sheet: str, problems: list[Problem], lang: str) -> None:
        super().__init__()
        self.sheet, self.problems, self.lang = sheet, problems, lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog", id="imported-dialog"):
            yield Static(t("imported.title", lang, n=len(self.problems)), classes="dialog-title")
            yield Static(Prose(t("imported.body", lang, sheet=self.sheet)))
            with VerticalScroll(id="imported-problems"):
                yield Static(Prose("\n".join(f"{n}. {problem_text(p, lang, file=False)}"
                                             for n, p in enumerate(self.problems, 1))))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.close", lang), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
