"""A newer release carries this answer file forward: carry it into a new file, or keep answering under
the release it was made for. Dismisses "carry", "keep" or None (cancelled: nothing is opened). The
offer and what carrying would do come from `assess.session.opening.upgrade_for`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assess.session.opening import Upgrade
from assess.text.app_labels import t
from assess.text.migration import not_carried_count, notice_lines, notices_by_kind, to_answer_lines
from assess.tui import keymap
from assess.tui.linebreak import Prose


class UpgradeDialog(ModalScreen[str | None]):
    BINDINGS = keymap.bindings(keymap.UPGRADE)

    def __init__(self, upgrade: Upgrade, lang: str) -> None:
        super().__init__()
        self.upgrade, self.lang = upgrade, lang

    def compose(self) -> ComposeResult:
        lang, up = self.lang, self.upgrade
        changed, dropped = notices_by_kind(up.preview.notices)
        old_version = up.old.rpartition("@")[2]
        with Vertical(classes="dialog", id="upgrade-dialog"):
            yield Static(t("upgrade.title", lang), classes="dialog-title")
            yield Static(Prose(t("upgrade.body", lang, old=up.old, new=up.new)))
            carried = len(up.preview.answers.answers)
            yield Static(Prose(t("upgrade.summary", lang, carried=carried, dropped=sum(not_carried_count(dropped)))
                               if dropped else t("upgrade.all", lang, carried=carried)), id="upgrade-summary")
            lines = notice_lines(dropped, lang)
            if changed:
                lines += ["", t("upgrade.changed", lang, n=len(changed)), *notice_lines(changed, lang)]
            new = to_answer_lines(up.preview.questionnaire, up.preview.new_profile, up.preview.new_gates, lang)
            if new:  # else the new file scores them unanswered without a word
                lines += ["", *new]
            if lines:
                with VerticalScroll(id="upgrade-notices"):
                    yield Static(Prose("\n".join(lines)))
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("upgrade.carry", lang, version=up.version), id="carry", variant="primary")
                yield Button(t("upgrade.keep", lang, version=old_version), id="keep")
                yield Button(t("button.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#carry", Button).focus()

    @on(Button.Pressed, "#carry")
    def action_carry(self) -> None:
        self.dismiss("carry")

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss("keep")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
