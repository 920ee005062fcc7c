"""Company and respondent: who is assessed and who answers. Each field saves when left."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from assess.session.saved import home_relative
from assess.session.store import CompanyField, Store
from assess.text.app_labels import t
from assess.text.clean import FIELD_MAX
from assess.tui import keymap
from assess.tui.screens.base import AppScreen
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
    BINDINGS = keymap.bindings(KEYS)

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
                    yield Input(getattr(getattr(self.store.answers, group), attr), id=field_id(name),
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
        self.query_one("#company-heading", Static).update(heading)
        for name, label in FIELDS:
            self.query_one(f"#label-{field_id(name)}", Label).update(t(label, lang))
        self.query_one("#continue", Button).label = t("button.continue", lang)
        self.query_one("#company-path", Static).update(
            Text(t("company.saved_to", lang, path=home_relative(self.store.path)), style="dim")
        )
        self.query_one(KeyBar).set_lang(lang)

    def commit(self) -> None:
        for name, _ in FIELDS:
            self.store.set_field(name, self.query_one(f"#{field_id(name)}", Input).value.strip())

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        self.commit()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.commit()
        ids = [field_id(name) for name, _ in FIELDS]
        if event.input.id == ids[-1]:
            self.action_done()
        else:
            self.focus_next()

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        self.commit()
        self.dismiss(None)
