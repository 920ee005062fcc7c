"""Start: new assessment, resume a saved one, open an answer file, import a filled Excel sheet.

Kept light on purpose: this is the first frame. The saved list is read afterwards, in a thread
worker that posts one `SavedFound` per file, so a long list never delays the first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from assess.session.saved import SavedEntry, candidates, home_relative, in_browser, read_entry
from assess.text.app_labels import t
from assess.tui import keymap
from assess.tui.screens.base import AppScreen
from assess.tui.widgets.keybar import KeyBar

MENU = [("new", "start.new", "n"), ("open", "start.open", "o"), ("import", "start.import", "i"),
        ("quit", "start.quit", "q")]

class StartScreen(AppScreen):
    KEYS = keymap.START
    BINDINGS = keymap.bindings(KEYS)

    @dataclass
    class SavedFound(Message):
        """One saved assessment was read (posted from the listing worker)."""

        entry: SavedEntry

    @dataclass
    class SavedDone(Message):
        count: int

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.entries: dict[str, SavedEntry] = {}
        self.listed: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="start-title")
        with Horizontal(id="start-body"):
            yield OptionList(id="menu")
            with Vertical(id="saved-box"):
                yield Static(id="saved-heading", classes="section-heading")
                yield DataTable(id="saved", cursor_type="row", zebra_stripes=True)
                yield Static(id="saved-status")
        yield Static(id="data-dir")
        yield KeyBar(self.KEYS, self.lang, id="keys")

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#menu", OptionList).focus()
        self.call_after_refresh(self.list_saved)

    def relabel(self) -> None:
        lang = self.lang
        title = Text(" assess ", style="bold reverse")
        title.append("  " + t("app.title", lang), style="bold")
        title.append("\n" + t("app.subtitle", lang), style="dim")
        self.query_one("#start-title", Static).update(title)
        menu = self.query_one("#menu", OptionList)
        keep = menu.highlighted
        menu.set_options([Option(Text.assemble((f"{key}  ", "bold"), t(label, lang)), id=mid)
                          for mid, label, key in MENU])
        menu.highlighted = keep if keep is not None else 0
        self.query_one("#saved-heading", Static).update(Text(t("start.saved", lang), style="bold"))
        table = self.query_one("#saved", DataTable)
        table.clear(columns=True)
        # fixed widths, the company's from the terminal's: files are listed as they are read, and a table
        # sizing its columns to them draws each row at its titles' widths first and widens it a moment later
        zoned = 26 if in_browser() else 16  # a browser session's times name their zone
        columns = [("company", "start.col.company", 0), ("updated", "start.col.updated", zoned),
                   ("progress", "start.col.progress", 4)]
        # the list's room: the terminal less the menu (38 cells, 32 when narrow), margin, borders and a scroll
        # bar, less the time and progress with their padding; the file name shows only where the company
        # keeps 22 cells beside it
        width = self.app.size.width
        room = width - (38 if width >= 100 else 32) - 5 - sum(w + 2 for _, _, w in columns[1:])
        if room >= 24 + 18:
            file = min(32, room - 24 - 2)
            columns.append(("file", "start.col.file", file))
            room -= file + 2
        columns[0] = ("company", "start.col.company", max(14, min(40, room - 2)))
        for key, label, w in columns:
            table.add_column(t(label, lang), key=key, width=w)
        for entry in self.entries.values():
            self._add_row(entry)
        self._status()
        self.query_one("#data-dir", Static).update(
            Text(t("start.data_dir", lang, path=home_relative(self.folder)), style="dim")
        )
        self.query_one(KeyBar).set_lang(lang)

    def _status(self) -> None:
        lang = self.lang
        if self.listed is None:
            text = t("start.saved_loading", lang)
        elif not self.entries:
            text = t("start.saved_none", lang)
        else:
            text = t("start.saved_count", lang, n=len(self.entries))
        self.query_one("#saved-status", Static).update(Text(text, style="dim"))

    # ------------------------------------------------------------------ the saved list

    @work(thread=True, exclusive=True, group="saved", name="saved")
    def list_saved(self) -> None:
        """Read every saved answer file, newest first, posting each as it is read."""
        app = self.assess
        app.content_ready.wait(30)
        known = app.content
        n = 0
        for path in candidates(self.folder, confined=self.app.is_web):
            self.post_message(self.SavedFound(read_entry(path, known)))
            n += 1
        self.post_message(self.SavedDone(n))

    def _add_row(self, entry: SavedEntry) -> None:
        # here, not at the top: the first frame is drawn before pydantic and the questionnaire load
        from assess.text.format import percent, when
        from assess.text.messages import problem_text

        lang = self.lang
        table = self.query_one("#saved", DataTable)
        company = entry.company or t("start.unnamed", lang)
        if entry.error:
            why = problem_text(entry.error, lang, file=False)
            company = f"{t('start.unreadable', lang)}{t('colon', lang)}{why}"[:60]
        updated = when(entry.updated, zone=in_browser()) if entry.updated else ""
        progress = percent(entry.completion) if entry.completion is not None else ""
        # Text, not str: a DataTable reads a str cell as markup, and a company or file name is the
        # user's text ("ACME [/]" would stop the screen from drawing)
        # a name cut to its column ends with "…": "华东精密机械有限" would read as the whole name
        cells = [Text(company, overflow="ellipsis", no_wrap=True), updated, progress,
                 Text(entry.path.name)][:len(table.columns)]
        table.add_row(*cells, key=str(entry.path))

    @on(SavedFound)
    def _found(self, message: SavedFound) -> None:
        key = str(message.entry.path)
        if key in self.entries:
            return
        self.entries[key] = message.entry
        self._add_row(message.entry)
        if len(self.entries) == 1 and self.focused in (self.query_one("#menu", OptionList), None):
            # with saved assessments, the usual next step is to resume one: Enter does that. No focus at
            # all is a browser page not yet focused: the menu would get it back, and Enter start anew
            self.query_one("#saved", DataTable).focus()

    @on(SavedDone)
    def _done(self, message: SavedDone) -> None:
        self.listed = message.count
        self._status()
        if not self.entries and self.focused is self.query_one("#saved", DataTable):
            self.query_one("#menu", OptionList).focus()  # the last one deleted: nothing left to resume

    def reload(self) -> None:
        """Re-read the list (after an assessment was closed or created)."""
        self.entries.clear()
        self.listed = None
        self.relabel()
        self.list_saved()

    @on(DataTable.RowSelected, "#saved")
    def _resume(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.assess.open_answer_file(Path(event.row_key.value))

    def _highlighted(self) -> SavedEntry | None:
        table = self.query_one("#saved", DataTable)
        if not table.row_count or not 0 <= table.cursor_row < table.row_count:
            self.app.notify(t("start.none_chosen", self.lang), timeout=3)
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.entries.get(key or "")

    def _change_failed(self, entry: SavedEntry, error: BaseException) -> None:
        from assess.session.lock import LockedError

        if isinstance(error, LockedError):
            self.app.notify(t("start.locked", self.lang, holder=error.holder), severity="error", timeout=10)
        else:
            from assess.problems import os_reason
            from assess.text.messages import say

            why = say(os_reason(error), self.lang)
            self.app.notify(t("start.change_failed", self.lang, name=entry.path.name, error=why),
                            severity="error", timeout=10)

    def action_rename(self) -> None:
        from assess.session.lock import LockedError
        from assess.session.saved import rename_saved
        from assess.tui.screens.card_dialogs import CardKeyDialog

        entry = self._highlighted()
        if entry is None:
            return
        lang = self.lang

        def submit(typed: str) -> tuple[str | None, str | None]:
            try:
                target = rename_saved(entry.path, typed)
            except ValueError:
                return None, t("start.name_empty", lang)
            except FileExistsError as e:
                return None, t("start.name_taken", lang, name=Path(str(e)).name)
            except (LockedError, OSError) as e:
                self._change_failed(entry, e)
                return "", None
            return target.name, None

        def done(name: str | None) -> None:
            if name:
                self.app.notify(t("start.renamed", self.lang, name=name), timeout=5)
                self.reload()

        self.app.push_screen(CardKeyDialog(t("start.rename_title", lang, name=entry.path.name),
                                           t("start.rename_prompt", lang), entry.path.stem, lang, submit), done)

    def action_delete(self) -> None:
        from assess.session.saved import TRASH
        from assess.tui.screens.card_dialogs import ConfirmDialog

        entry = self._highlighted()
        if entry is None:
            return
        lang = self.lang
        body = t("start.delete_body", lang, company=entry.company or t("start.unnamed", lang),
                 name=entry.path.name, trash=TRASH)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._trash(entry)

        self.app.push_screen(ConfirmDialog(t("start.delete_title", lang), body, t("key.delete", lang), lang),
                             confirmed)

    def _trash(self, entry: SavedEntry) -> None:
        from assess.session.lock import LockedError
        from assess.session.saved import trash_saved

        try:
            where = trash_saved(entry.path)
        except (LockedError, OSError) as e:
            self._change_failed(entry, e)
            return
        self.app.notify(t("start.deleted", self.lang, path=home_relative(where),
                          folder=home_relative(entry.path.parent)), timeout=12)
        self.reload()

    # ------------------------------------------------------------------ the menu

    @on(OptionList.OptionSelected, "#menu")
    def _menu(self, event: OptionList.OptionSelected) -> None:
        action = event.option.id
        if action == "quit":
            self.app.exit()
        elif action:
            getattr(self, f"action_{action}")()

    def action_new(self) -> None:
        self.assess.new_assessment()

    def action_open(self) -> None:
        from assess.tui.screens.path_dialog import PathDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.assess.open_answer_file(path)

        root = self.assess.data_dir if self.app.is_web else None
        self.app.push_screen(PathDialog("path.open_title", self.lang, suffixes=(".json",), root=root,
                                        suffix_error="path.need_json", must_exist=False), chosen)

    def action_import(self) -> None:
        if self.app.is_web:
            self._import_uploaded()
            return
        from assess.tui.screens.path_dialog import PathDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.assess.import_sheet(path)

        root = self.assess.data_dir if self.app.is_web else None
        self.app.push_screen(PathDialog("path.import_title", self.lang, suffixes=(".xlsx", ".xlsm"), root=root,
                                        suffix_error="path.need_xlsx"), chosen)

    def _import_uploaded(self) -> None:
        """In a browser no path of the server is asked for: the sheets uploaded from the page are offered."""
        from assess.session.saved import uploaded, uploads_folder
        from assess.tui.screens.uploads_dialog import UploadsDialog

        folder = uploads_folder()
        sheets = uploaded(folder) if folder is not None else []
        if not sheets:
            self.app.notify(t("uploads.none", self.lang), timeout=10)
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.assess.import_sheet(path)

        self.app.push_screen(UploadsDialog(sheets, self.lang), chosen)
