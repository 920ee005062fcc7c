"""Company and respondent: who is assessed and who answers. Each field saves when left."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from assess.session.saved import home_relative
from assess.session.store import CompanyField, Store
from assess.text.app_labels import t
from assess.text.clean import FIELD_MAX
from assess.tui import keymap
from assess.tui.linebreak import Prose
from assess.tui.screens.base import AppScreen
from assess.tui.widgets.field import Field
from assess.tui.widgets.keybar import KeyBar

FIELDS: list[tuple[CompanyField, str]] = [
    ("company.name", "company.name"),
    ("company.sector", "company.sector"),
    ("company.region", "company.region"),
    ("respondent.name", "company.respondent"),
    ("respondent.role", "company.role"),
]

def field_id(name: str) -> str:
    return name.replace(".", "-")


class CompanyScreen(AppScreen):
    """Dismissed (with None) when the respondent continues; the profile questions follow."""

    KEYS = keymap.COMPANY
    # Moving between fields is a priority binding: taken when the key arrives, not after the field
    # has read the keys before it, so the letters typed right after Tab or Enter (a fast typist, a
    # slow computer) go to the next field, as they were typed for, not to the one left.
    BINDINGS = [*keymap.bindings(KEYS),
                Binding("tab", "move(1)", show=False, priority=True),
                Binding("shift+tab", "move(-1)", show=False, priority=True),
                Binding("enter", "move(1, True)", show=False, priority=True)]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="company-form"):
            yield Static(id="company-heading")
            for name, label in FIELDS:
                group, attr = name.split(".")
                with Horizontal(classes="response-row"):
                    yield Label(t(label, lang), id=f"label-{field_id(name)}", classes="row-label")
                    yield Field(getattr(getattr(self.store.answers, group), attr), id=field_id(name),
                                max_length=FIELD_MAX, compact=True)
            with Horizontal(id="company-buttons"):
                yield Button(t("button.continue", lang), id="continue", variant="primary")
            yield Static(id="company-path")
        yield KeyBar(self.KEYS, lang, id="keys")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#company-name", Input).focus()

    def relabel(self) -> None:
        lang = self.lang
        heading = Text(t("company.heading", lang) + "\n", style="bold")
        heading.append(t("company.intro", lang), style="dim")
        self.query_one("#company-heading", Static).update(Prose(heading))
        for name, label in FIELDS:
            self.query_one(f"#label-{field_id(name)}", Label).update(t(label, lang))
        self.query_one("#continue", Button).label = t("button.continue", lang)
        self.query_one("#company-path", Static).update(
            Prose(Text(t("company.saved_to", lang, path=home_relative(self.store.path)), style="dim"))
        )
        self.query_one(KeyBar).set_lang(lang)

    def commit(self) -> None:
        for name, _ in FIELDS:
            self.store.set_field(name, self.query_one(f"#{field_id(name)}", Input).value.strip())

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        self.commit()

    def action_move(self, step: int, enter: bool = False) -> None:
        """Tab and Enter move to the next field (Enter in the last one continues, on the button
        presses it), shift+Tab to the previous one; the field left is saved."""
        focused = self.focused
        if enter and (isinstance(focused, Button) or focused is self.query(Input).last()):
            self.action_done()
            return
        if isinstance(focused, Input):
            self.commit()
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        self.commit()
        self.dismiss(None)
