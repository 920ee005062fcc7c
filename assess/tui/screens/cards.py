"""One repeatable group's cards: each card's name and how many of its questions are answered.

n adds a card, Enter opens one, r renames, d (or Del) deletes after asking, z undoes; Esc goes
back to the assessment. Every edit goes through the store, so it is saved and recorded at once.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from assess.model import localize
from assess.session.store import CardRefused, Store
from assess.text.app_labels import t
from assess.text.messages import say
from assess.tui import keymap
from assess.tui.linebreak import Prose
from assess.tui.screens.base import AppScreen
from assess.tui.undone import undone_words
from assess.tui.widgets.keybar import KeyBar, StatusLine, saved_text

SAID_NOT_SCORED = ("不计入", "not count", "don't count", "not scored")
"""How a group's own description says its cards are not scored (the 1.1.0 groups all do)."""


class CardsScreen(AppScreen):
    KEYS = keymap.CARDS
    BINDINGS = keymap.bindings(KEYS)

    def __init__(self, store: Store, group_id: str) -> None:
        super().__init__()
        self.store = store
        self.group_id = group_id
        self.pillar, self.group = store.groups[group_id]

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        yield Static(id="cards-heading")
        yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        yield Static(id="cards-status")
        yield StatusLine(id="saved-line")
        yield KeyBar(self.KEYS, self.lang, id="keys")

    def on_mount(self) -> None:
        self.store.on_saved = self._saved
        self.relabel()
        self.query_one("#cards", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.store.on_saved = self._saved
        self.show_cards()
        self._show_saved()

    def on_unmount(self) -> None:
        if self.store.on_saved == self._saved:
            self.store.on_saved = None

    def _saved(self, _store: Store) -> None:
        self._show_saved()

    # ------------------------------------------------------------------ showing

    def relabel(self) -> None:
        lang, store = self.lang, self.store
        company = store.answers.company.name or t("start.unnamed", lang)
        self.query_one("#topbar", Static).update(
            Text.assemble((" assess ", "bold reverse"), " ", (company, "bold"), "  ",
                          (localize(store.q.title, lang), "dim")))
        table = self.query_one("#cards", DataTable)
        table.clear(columns=True)
        width = max(20, self.app.size.width - 20)
        table.add_column(localize(self.group.key, lang), key="key", width=width)
        table.add_column(t("cards.col.answered", lang), key="answered", width=10)
        self.show_cards()
        self._show_saved()
        self.query_one(KeyBar).set_lang(lang)

    def show_cards(self, cursor: str | None = None) -> None:
        """Redraw the list; the cursor stays on its card (or goes to `cursor`)."""
        lang, store, gid = self.lang, self.store, self.group_id
        table = self.query_one("#cards", DataTable)
        keep = cursor if cursor is not None else self.highlighted()
        cards = store.cards(gid)
        heading = Text(t("cards.heading", lang, section=localize(self.pillar.name, lang),
                         group=localize(self.group.name, lang)), style="bold")
        heading.append("  " + t("cards.count", lang, n=len(cards), max=self.group.max_cards), style="dim")
        description = localize(self.group.description, lang) if self.group.description else ""
        if description:
            heading.append("\n" + description)
        if not any(words in description for words in SAID_NOT_SCORED):  # said once, not twice
            heading.append("\n" + t("cards.not_scored", lang), style="dim")
        self.query_one("#cards-heading", Static).update(Prose(heading))
        table.clear()
        for card in cards:
            done, total = store.card_progress(gid, card.key)
            # Text, not str: a DataTable reads a str cell as markup, and a name is the user's text
            table.add_row(Text(card.key), f"{done}/{total}", key=card.key)
        keys = [c.key for c in cards]
        if keep in keys:
            table.move_cursor(row=keys.index(keep), animate=False)
        self.query_one("#cards-status", Static).update(
            Text(t("cards.empty", lang) if not cards else "", style="dim"))

    def highlighted(self) -> str | None:
        """The name of the card under the cursor."""
        table = self.query_one("#cards", DataTable)
        cards = self.store.cards(self.group_id)
        if not cards or table.cursor_row is None or not 0 <= table.cursor_row < len(cards):
            return None
        return cards[table.cursor_row].key

    def _show_saved(self) -> None:
        self.query_one("#saved-line", StatusLine).update(saved_text(self.store, self.lang))

    def say(self, text: str, severity: str = "information") -> None:
        self.app.notify(text, severity=severity, timeout=4)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ actions

    def action_add(self) -> None:
        store, gid, lang = self.store, self.group_id, self.lang
        if len(store.cards(gid)) >= self.group.max_cards:  # say so at once, not after the name is typed
            from assess.problems import msg

            self.say(say(msg("answer.card_limit", max=self.group.max_cards), lang), "warning")
            return

        def submit(typed: str) -> tuple[str | None, str | None]:
            try:
                return store.add_card(gid, typed), None
            except CardRefused as e:
                return None, say(e.why, self.lang)

        def added(key: str | None) -> None:
            if key is not None:
                self.show_cards(cursor=key)
                self.open_card(key)  # a new card is there to be answered

        from assess.tui.screens.card_dialogs import CardKeyDialog

        title = t("cards.add_title", lang, group=localize(self.group.name, lang))
        self.app.push_screen(CardKeyDialog(title, localize(self.group.key, lang), "", lang, submit), added)

    @on(DataTable.RowSelected, "#cards")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.open_card(event.row_key.value)

    def open_card(self, key: str) -> None:
        from assess.tui.screens.card import CardScreen

        self.app.push_screen(CardScreen(self.store, self.group_id, key))

    def action_rename(self) -> None:
        key = self.highlighted()
        if key is None:
            self.say(t("cards.need_one", self.lang), "warning")
            return
        store, gid, lang = self.store, self.group_id, self.lang

        def submit(typed: str) -> tuple[str | None, str | None]:
            try:
                store.rename_card(gid, key, typed)
            except CardRefused as e:
                return None, say(e.why, self.lang)
            return typed.strip(), None

        def renamed(new: str | None) -> None:
            if new is not None and new != key:
                self.show_cards(cursor=new)
                self.say(t("cards.renamed", self.lang, name=new))

        from assess.tui.screens.card_dialogs import CardKeyDialog

        title = t("cards.rename_title", lang, name=key)
        self.app.push_screen(CardKeyDialog(title, localize(self.group.key, lang), key, lang, submit), renamed)

    def action_delete(self) -> None:
        key = self.highlighted()
        if key is None:
            self.say(t("cards.need_one", self.lang), "warning")
            return
        card = self.store.card(self.group_id, key)
        n = len(card.answers) if card is not None else 0

        def confirmed(yes: bool | None) -> None:
            if yes and self.store.delete_card(self.group_id, key):
                self.show_cards()
                self.say(t("cards.deleted", self.lang, name=key))

        from assess.tui.screens.card_dialogs import ConfirmDialog

        lang = self.lang
        body = t("cards.delete_body", lang, name=key, n=n) if n else t("cards.delete_empty", lang, name=key)
        self.app.push_screen(ConfirmDialog(t("cards.delete_title", lang), body, t("button.delete", lang), lang),
                             confirmed)

    def action_undo(self) -> None:
        what = self.store.undo()
        if what is None:
            self.say(t("undo.none", self.lang))
            return
        self.show_cards()
        self.say(t("undo.done", self.lang, what=undone_words(self.store, what, self.lang)))

    def action_back(self) -> None:
        self.dismiss(None)
