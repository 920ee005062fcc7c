"""The assessment app: `make_app(...)` builds it for the CLI, the browser server and the tests.

This module stays light (textual and the start screen only) so that the first frame is fast;
the questionnaire, pydantic and every other screen load after it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.message import Message

from assess.session.saved import EXPORTS_ENV, home_relative, show_paths_within, uploads_folder, within
from assess.session.saved import data_dir as default_data_dir
from assess.text.app_labels import LANGS, other, t
from assess.tui import keymap
from assess.tui.screens.base import AppScreen
from assess.tui.screens.start import StartScreen

if TYPE_CHECKING:  # pragma: no cover
    from textual.notifications import SeverityLevel

    from assess.answers import AnswerSet
    from assess.model import Questionnaire
    from assess.problems import Msg
    from assess.session.opening import Imported
    from assess.session.store import Store
    from assess.sources import Source
    from assess.tui.export import ExportRequest

THEMES = ("textual-dark", "textual-light")


class AssessApp(App[None]):
    """Start → company → assessment ⇄ results, with export, language and theme at any time."""

    CSS_PATH = "app.tcss"
    TITLE = "assess"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # 24 lines: a dialog's lists scroll sooner
    BINDINGS = keymap.bindings(keymap.APP)

    @dataclass
    class ContentLoaded(Message):
        """The questionnaire (and its sources) are ready, or could not be loaded (`error`)."""

        error: str | None = None

    class SourcesLoaded(Message):
        """The policy sources that questions cite are loaded (the side panel can name them)."""

    @dataclass
    class Exported(Message):
        path: Path

    @dataclass
    class ExportFailed(Message):
        error: Msg | str

    def __init__(
        self,
        *,
        path: Path | None = None,
        questionnaire: str | None = None,
        lang: str | None = None,
        data_dir: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        sources_dir: Path | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.initial_path = Path(path) if path else None
        self.questionnaire_name = questionnaire
        self.lang_given = lang is not None
        self.lang: str = lang if lang in LANGS else os.environ.get("ASSESS_LANG", "zh")
        if self.lang not in LANGS:
            self.lang = "zh"
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.clock = clock
        self.sources_dir = Path(sources_dir) if sources_dir else None
        self.initial_theme = theme or THEMES[0]
        self.content: tuple[Questionnaire, str] | None = None
        self.content_error: str | None = None
        self.content_ready = threading.Event()
        self.sources: dict[str, Source] | None = None
        self.store: Store | None = None

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        self.theme = self.initial_theme
        if self.is_web:  # the browser's user is shown no path of the server
            show_paths_within(self.data_dir)
        self.push_screen(StartScreen(self.data_dir))
        self.call_after_refresh(self.load_content)

    @work(thread=True, exclusive=True, group="content", name="content")
    def load_content(self) -> None:
        """Load and validate the questionnaire, then its sources (after the first frame)."""
        try:
            from assess.content.bundled import load_sources, resolve
            from assess.content.yaml_file import ContentError
            from assess.session.opening import sources_folder

            try:
                self.content = resolve(self.questionnaire_name)
            except ContentError as e:
                from assess.text.messages import problem_text

                self.content_error = "; ".join(problem_text(p, self.lang) for p in e.problems) or str(e)
            self.content_ready.set()
            self.post_message(self.ContentLoaded(self.content_error))
            folder = sources_folder(self.questionnaire_name, self.sources_dir)
            if folder.is_dir():
                self.sources, _ = load_sources(folder)
                self.post_message(self.SourcesLoaded())
        finally:
            self.content_ready.set()

    def on_assess_app_content_loaded(self, message: ContentLoaded) -> None:
        if message.error:
            self.notify(t("app.content_error", self.lang, error=message.error), severity="error", timeout=30)
            return
        if self.initial_path is not None:
            path, self.initial_path = self.initial_path, None
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                self.import_sheet(path)
            else:
                self.open_answer_file(path)

    def on_assess_app_sources_loaded(self, message: SourcesLoaded) -> None:
        for screen in self.app_screens():
            screen.sources_loaded()

    def _need_content(self) -> bool:
        if self.content is None:
            self.notify(t("app.content_error", self.lang, error=self.content_error) if self.content_error
                        else t("app.loading", self.lang), severity="warning", timeout=5)
            return False
        return True

    # ------------------------------------------------------------------ opening assessments

    def _store_kwargs(self) -> dict[str, Any]:
        return {"clock": self.clock} if self.clock else {}

    def _open_failed(self, path: Path, error: BaseException, key: str = "start.open_failed") -> None:
        """Say why an assessment could not be opened (or carried forward), in the user's language."""
        from assess.content.yaml_file import ContentError
        from assess.migrate import MigrationError
        from assess.session.lock import LockedError

        if isinstance(error, LockedError):
            self.notify(t("start.locked", self.lang, holder=error.holder), severity="error", timeout=10)
            return
        if isinstance(error, ContentError):
            from assess.text.messages import problem_text

            detail = "; ".join(problem_text(p, self.lang, file=False) for p in error.problems) or str(error)
        else:
            from assess.problems import os_reason
            from assess.text.messages import say

            detail = say(error.message if isinstance(error, MigrationError) else os_reason(error), self.lang)
        self.notify(t(key, self.lang, path=home_relative(path), error=detail), severity="error", timeout=10)

    def new_assessment(self, path: Path | None = None) -> None:
        """Start a new assessment (its file is written with the first answer) and ask for the company."""
        if not self._need_content():
            return
        from assess.content.yaml_file import ContentError
        from assess.session import opening
        from assess.session.lock import LockedError

        assert self.content is not None
        try:
            store = opening.new_assessment(self.content, self.data_dir, path, locale=self.lang, **self._store_kwargs())
        except (LockedError, ContentError, OSError) as e:
            self._open_failed(path or self.data_dir, e)
            return
        self.open_store(store, new=True)

    def open_answer_file(self, path: Path, *, offer_upgrade: bool = True) -> None:
        """Resume an answer file (a path that does not exist yet starts a new one there). A file made
        for an older release that a newer one carries forward is offered to be carried first."""
        if not self._need_content():
            return
        path = Path(path).expanduser()
        if self.is_web and not within(self.data_dir, path):
            # the Open dialog and the saved list hold to this already; here it holds however a path comes
            self.notify(t("path.outside", self.lang, root=self.data_dir), severity="error", timeout=10)
            return
        if not path.exists():
            self.new_assessment(path)
            return
        from assess.content.yaml_file import ContentError
        from assess.session import opening
        from assess.session.lock import LockedError

        if offer_upgrade:
            upgrade = opening.upgrade_for(path, **self._store_kwargs())
            if upgrade is not None:
                from assess.tui.screens.upgrade_dialog import UpgradeDialog

                self.push_screen(UpgradeDialog(upgrade, self.lang), lambda choice: self._upgrade_chosen(path, choice))
                return
        assert self.content is not None
        try:
            store = opening.open_answer_file(path, self.content, **self._store_kwargs())
        except (LockedError, ContentError, OSError) as e:
            self._open_failed(path, e)
            return
        if not self.lang_given and store.answers.session.locale in LANGS:
            self.lang = store.answers.session.locale
            self.relabel_all()
        self.open_store(store)

    def _upgrade_chosen(self, path: Path, choice: str | None) -> None:
        """Carry the file forward and open the new one, keep the old release, or open nothing."""
        if choice == "keep":
            self.open_answer_file(path, offer_upgrade=False)
            return
        if choice != "carry":
            return
        from assess.content.yaml_file import ContentError
        from assess.migrate import MigrationError
        from assess.session.opening import carry_forward_file

        try:
            carried = carry_forward_file(path, **self._store_kwargs())
        except (ContentError, MigrationError, OSError) as e:
            self._open_failed(path, e, key="upgrade.failed")
            return
        self.notify(t("upgrade.done", self.lang, new=carried.questionnaire.ref, path=home_relative(carried.path)),
                    timeout=8)
        if carried.not_carried:
            from assess.text.migration import not_carried_count, notice_text

            self.notify(t("upgrade.not_carried", self.lang, n=sum(not_carried_count(carried.not_carried)),
                          first=notice_text(carried.not_carried[0], self.lang)), severity="warning", timeout=15)
        assert carried.path is not None
        self.open_answer_file(carried.path, offer_upgrade=False)

    @dataclass
    class SheetImported(Message):
        """A sheet was read into a new answer file (posted by the import worker)."""

        sheet: Path
        result: Imported

    @dataclass
    class ImportFailed(Message):
        sheet: Path
        error: BaseException

    def import_sheet(self, path: Path) -> None:
        """Read a filled Excel answer sheet into a new answer file in a worker, then open it."""
        if not self._need_content():
            return
        self.notify(t("start.importing", self.lang, path=home_relative(path)), timeout=3)
        self._import(Path(path))

    @work(thread=True, exclusive=True, group="import", name="import")
    def _import(self, path: Path) -> None:
        from assess.content.yaml_file import ContentError
        from assess.session.opening import import_sheet

        try:
            result = import_sheet(path, self.data_dir, self.questionnaire_name)
        except (ContentError, OSError) as e:
            self.post_message(self.ImportFailed(path, e))
            return
        self.post_message(self.SheetImported(path, result))

    def on_assess_app_sheet_imported(self, message: AssessApp.SheetImported) -> None:
        from assess.tui.screens.imported_dialog import ImportedDialog, to_act_on

        result = message.result
        self.notify(t("start.import_done", self.lang, path=home_relative(message.sheet),
                      saved=home_relative(result.path)), timeout=5)
        folder = uploads_folder()
        if folder is not None and message.sheet.parent == folder:
            message.sheet.unlink(missing_ok=True)  # an uploaded sheet, read: it leaves the server
        self.open_answer_file(result.path)
        shown = to_act_on(result.problems)
        if shown:  # over the answers: every problem, each with its cell and fix
            self.push_screen(ImportedDialog(message.sheet.name, shown, self.lang))

    def on_assess_app_import_failed(self, message: AssessApp.ImportFailed) -> None:
        self._open_failed(message.sheet, message.error)

    def open_store(self, store: Store, new: bool = False) -> None:
        from assess.tui.screens.assessment import AssessmentScreen

        if self.store is not None:
            self.store.close()
        self.store = store
        screen = AssessmentScreen(store, store.answers.session.question)
        self.push_screen(screen)
        if new:
            from assess.tui.screens.company import CompanyScreen

            self.push_screen(CompanyScreen(store), lambda _=None: screen.refresh_all())

    # ------------------------------------------------------------------ language, theme, keys

    def app_screens(self) -> list[AppScreen]:
        """The app's screens, mounted, bottom to top (dialogs left out)."""
        return [s for s in self.screen_stack if isinstance(s, AppScreen) and s.is_mounted]

    def action_switch_lang(self) -> None:
        focused = self.screen.focused
        self.lang = other(self.lang)
        if self.store is not None:
            self.store.set_position(None, self.lang)
        self.relabel_all()
        if focused is not None:
            # a screen redraws its question in the new language, and the new answer control takes the
            # focus: give it back to where it was (a list, the pillars), where the keys still work
            self.call_after_refresh(self._refocus, focused)
        self.notify(t("lang.switched", self.lang), timeout=2)

    def _refocus(self, widget: Any) -> None:
        if widget.is_attached and widget.focusable and self.screen.focused is not widget:
            widget.focus()

    def relabel_all(self) -> None:
        for screen in self.app_screens():
            screen.relabel()

    def action_switch_theme(self) -> None:
        self.theme = THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)] if self.theme in THEMES else THEMES[0]

    def action_show_keys(self) -> None:
        from assess.tui.screens.keys_dialog import KeysDialog

        if isinstance(self.screen, AppScreen) and self.screen.KEYS:
            self.push_screen(KeysDialog(self.screen.KEYS, self.lang))

    # ------------------------------------------------------------------ export

    def action_export(self) -> None:
        if self.store is None:
            return
        if isinstance(self.screen, AppScreen):
            self.screen.commit()
        from assess.tui.screens.export_dialog import ExportDialog

        if self.is_web:
            # A browser user must not write anywhere on the server: exports go to a private
            # folder of this session, inside the server's own when it gives one, and reach the user as
            # downloads. The folder goes when the session ends (`on_unmount`).
            import tempfile

            if self._web_exports is None:
                parent = os.environ.get(EXPORTS_ENV)
                parent = parent if parent and Path(parent).is_dir() else None
                self._web_exports = Path(tempfile.mkdtemp(prefix="assess-export-", dir=parent))
            dialog = ExportDialog(self.store.path, self.lang, self._web_exports, fixed_folder=True)
        else:
            # Exports go beside the saved answer files, in reports/: not the folder the app was started
            # from, which on Windows is often C:\Windows\System32 or a shortcut's folder.
            dialog = ExportDialog(self.store.path, self.lang, self.data_dir / "reports")
        self.push_screen(dialog, self._export_chosen)

    _web_exports: Path | None = None

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is None or self.store is None:
            return
        self.notify(t("export.working", self.lang, path=home_relative(request.path)), timeout=3)
        # A copy taken here, on the UI thread: the worker must not read answers being edited.
        self.export(request, self.store.answers.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="export", name="export")
    def export(self, request: ExportRequest, answers: AnswerSet) -> None:
        """Write an export in a thread; report back with a message."""
        from assess.tui.export import write

        store = self.store
        assert store is not None
        try:
            path = write(request, store.q, store.sha256, answers, store.path)
        except OSError as e:  # a folder that cannot be written, a full disk, a file open in Excel
            from assess.problems import os_reason

            self.post_message(self.ExportFailed(os_reason(e)))
            return
        except Exception as e:  # noqa: BLE001 - any failure is shown to the user, never a traceback
            self.post_message(self.ExportFailed(f"{type(e).__name__}: {e}"))
            return
        self.post_message(self.Exported(path))

    def on_assess_app_exported(self, message: Exported) -> None:
        if not self.is_web:  # the full folder: where to find the file in Explorer
            self.notify(t("export.done_in", self.lang, name=message.path.name, folder=message.path.parent), timeout=12)
            return
        self.notify(t("export.done", self.lang, path=home_relative(message.path)), timeout=8)
        self.deliver_binary(message.path)
        self.notify(t("export.delivered", self.lang, name=message.path.name), timeout=8)

    def on_assess_app_export_failed(self, message: ExportFailed) -> None:
        from assess.text.messages import say

        self.notify(t("export.failed", self.lang, error=say(message.error, self.lang)), severity="error", timeout=15)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """As Textual's, but the message is plain text unless asked otherwise: notices quote paths,
        company names and error messages, where "[2026]" would vanish and "[/]" would raise. Screens
        call this one (`self.app.notify`): a widget's own `notify` reads markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # ------------------------------------------------------------------ quitting

    async def action_quit(self) -> None:
        """Nothing is ever unsaved: commit a field being edited, release the lock, leave."""
        for screen in self.app_screens():
            screen.commit()
        self.close_store()
        self.exit()

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def on_unmount(self) -> None:
        self.close_store()
        show_paths_within(None)
        if self._web_exports is not None:
            # a browser session's exports were delivered as downloads: none stays on the server
            import shutil

            shutil.rmtree(self._web_exports, ignore_errors=True)
            self._web_exports = None


def make_app(
    path: str | Path | None = None,
    *,
    questionnaire: str | None = None,
    lang: str | None = None,
    data_dir: str | Path | None = None,
    clock: Callable[[], datetime] | None = None,
    sources_dir: str | Path | None = None,
    theme: str | None = None,
) -> AssessApp:
    """The app, configured: what `assess tui`, `assess serve` and the tests all run."""
    return AssessApp(
        path=Path(path) if path else None,
        questionnaire=questionnaire,
        lang=lang,
        data_dir=Path(data_dir) if data_dir else None,
        clock=clock,
        sources_dir=Path(sources_dir) if sources_dir else None,
        theme=theme,
    )
