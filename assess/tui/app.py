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
from textual.binding import Binding
from textual.message import Message

from assess.session.saved import data_dir as default_data_dir
from assess.text.app_labels import LANGS, other, t
from assess.tui.screens.start import StartScreen

if TYPE_CHECKING:  # pragma: no cover
    from textual.notifications import SeverityLevel

    from assess.answers import AnswerSet
    from assess.model import Questionnaire, Source
    from assess.session.store import Store
    from assess.tui.export import ExportRequest

THEMES = ("textual-dark", "textual-light")


class AssessApp(App[None]):
    """Start → company → assessment ⇄ results, with export, language and theme at any time."""

    CSS_PATH = "app.tcss"
    TITLE = "assess"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("l,f2", "switch_lang", show=False),
        Binding("t", "switch_theme", show=False),
        Binding("question_mark,f1", "show_keys", show=False),
        Binding("x", "export", show=False),
        Binding("q", "quit", show=False),
        Binding("ctrl+q", "quit", show=False, priority=True),
    ]

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
        error: str

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
        self.push_screen(StartScreen(self.data_dir))
        self.call_after_refresh(self.load_content)

    @work(thread=True, exclusive=True, group="content", name="content")
    def load_content(self) -> None:
        """Load and validate the questionnaire, then its sources (after the first frame)."""
        try:
            from assess.content.bundled import load_sources, resolve, seeds_dir
            from assess.content.yaml_file import ContentError

            try:
                self.content = resolve(self.questionnaire_name)
            except ContentError as e:
                self.content_error = "; ".join(p.message for p in e.problems) or str(e)
            self.content_ready.set()
            self.post_message(self.ContentLoaded(self.content_error))
            folder = self.sources_dir or self._seeds_beside() or seeds_dir()
            if folder.is_dir():
                self.sources, _ = load_sources(folder)
                self.post_message(self.SourcesLoaded())
        finally:
            self.content_ready.set()

    def _seeds_beside(self) -> Path | None:
        name = self.questionnaire_name
        if name and (name.endswith((".yaml", ".yml")) or "/" in name):
            beside = Path(name).expanduser().resolve().parent / "seeds"
            if beside.is_dir():
                return beside
        return None

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
        for screen in self.screen_stack:
            show_side = getattr(screen, "show_side", None)
            if show_side is not None and screen.is_mounted:
                show_side()

    def _need_content(self) -> bool:
        if self.content is None:
            self.notify(t("app.content_error", self.lang, error=self.content_error) if self.content_error
                        else t("app.loading", self.lang), severity="warning", timeout=5)
            return False
        return True

    # ------------------------------------------------------------------ opening assessments

    def now(self) -> datetime:
        from assess.answers import utc_now

        return self.clock() if self.clock else utc_now()

    def _store_kwargs(self) -> dict[str, Any]:
        return {"clock": self.clock} if self.clock else {}

    def new_assessment(self, path: Path | None = None) -> None:
        """Create an answer file (saved at once) and ask for the company."""
        if not self._need_content():
            return
        from assess.session.lock import LockedError
        from assess.session.store import Store

        q, h = self.content  # type: ignore[misc]
        if path is None:
            stamp = self.now().strftime("%Y%m%d-%H%M%S")
            path = self.data_dir / f"assessment-{stamp}.json"
            n = 2
            while path.exists():
                path = self.data_dir / f"assessment-{stamp}-{n}.json"
                n += 1
        try:
            store = Store.new(q, h, path, locale=self.lang, **self._store_kwargs())
        except LockedError as e:
            self.notify(t("start.locked", self.lang, holder=e.holder), severity="error", timeout=10)
            return
        except OSError as e:
            self.notify(t("start.open_failed", self.lang, path=path, error=e.strerror or e), severity="error")
            return
        self.open_store(store, new=True)

    def open_answer_file(self, path: Path) -> None:
        """Resume an answer file (a path that does not exist yet starts a new one there)."""
        if not self._need_content():
            return
        path = Path(path).expanduser()
        if not path.exists():
            self.new_assessment(path)
            return
        from assess.content.answer_file import load_answers
        from assess.content.bundled import resolve
        from assess.content.yaml_file import ContentError
        from assess.session.lock import AnswerFileLock, LockedError
        from assess.session.store import Store

        lock = AnswerFileLock(path)
        try:
            lock.acquire()  # before reading: nobody may save between our read and our lock
            answers = load_answers(path)
            q, h = self.content  # type: ignore[misc]
            pin = answers.questionnaire
            if (pin.id, pin.version, pin.sha256) != (q.id, q.version, h):
                q, h = resolve(None, pin)
            store = Store.open(q, h, answers, path, lock=lock, **self._store_kwargs())
        except ContentError as e:
            lock.release()
            error = "; ".join(p.message for p in e.problems) or str(e)
            self.notify(t("start.open_failed", self.lang, path=path, error=error), severity="error", timeout=10)
            return
        except LockedError as e:
            self.notify(t("start.locked", self.lang, holder=e.holder), severity="error", timeout=10)
            return
        if not self.lang_given and answers.session.locale in LANGS:
            self.lang = answers.session.locale
            self._relabel_all()
        self.open_store(store)

    def import_sheet(self, path: Path) -> None:
        """Read a filled Excel answer sheet into a new answer file, then open it."""
        if not self._need_content():
            return
        import importlib.util

        if importlib.util.find_spec("assess.excel.sheet_reader") is None:
            self.notify(t("start.import_missing", self.lang), severity="error", timeout=10)
            return
        from assess.content.answer_file import save_answers
        from assess.content.yaml_file import ContentError
        from assess.excel.sheet_reader import read_answer_sheet  # type: ignore[import-not-found]
        from assess.problems import errors
        from assess.text.messages import problem_text, say

        try:
            q, h, answers, problems = read_answer_sheet(Path(path), self.questionnaire_name)
        except ContentError as e:
            error = "; ".join(say(p.message, self.lang) for p in e.problems) or str(e)
            self.notify(t("start.open_failed", self.lang, path=path, error=error), severity="error", timeout=10)
            return
        bad = errors(problems)
        if bad:
            self.notify(t("start.import_problems", self.lang, n=len(bad), first=problem_text(bad[0], self.lang)),
                        severity="warning", timeout=10)
        from assess.session.store import slug

        target = self.data_dir / f"{slug(Path(path).stem)}.json"
        n = 2
        while target.exists():
            target = self.data_dir / f"{slug(Path(path).stem)}-{n}.json"
            n += 1
        save_answers(target, answers)
        self.notify(t("start.import_done", self.lang, path=path, saved=target), timeout=5)
        self.open_answer_file(target)

    def open_store(self, store: Store, new: bool = False) -> None:
        from assess.tui.screens.assessment import AssessmentScreen

        if self.store is not None:
            self.store.close()
        self.store = store
        self.push_screen(AssessmentScreen(store, store.answers.session.question))
        if new:
            from assess.tui.screens.company import CompanyScreen

            screen = self.screen

            def back(_: None = None) -> None:
                if hasattr(screen, "refresh_all"):
                    screen.refresh_all()

            self.push_screen(CompanyScreen(store), back)

    # ------------------------------------------------------------------ language, theme, keys

    def action_switch_lang(self) -> None:
        self.lang = other(self.lang)
        if self.store is not None:
            self.store.set_position(None, self.lang)
        self._relabel_all()
        self.notify(t("lang.switched", self.lang), timeout=2)

    def _relabel_all(self) -> None:
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None and screen.is_mounted:
                relabel()

    def action_switch_theme(self) -> None:
        self.theme = THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)] if self.theme in THEMES else THEMES[0]

    def action_show_keys(self) -> None:
        from assess.tui.screens.keys_dialog import KeysDialog

        if isinstance(self.screen, KeysDialog):
            return
        module = __import__(type(self.screen).__module__, fromlist=["HINTS"])
        hints = getattr(module, "HINTS", None)
        if hints:
            self.push_screen(KeysDialog(hints, self.lang))

    # ------------------------------------------------------------------ export

    def action_export(self) -> None:
        if self.store is None:
            return
        commit = getattr(self.screen, "commit_fields", None)
        if commit is not None:
            commit()
        from assess.tui.screens.export_dialog import ExportDialog

        if self.is_web:
            # A browser user must not write anywhere on the server: exports go to a private
            # folder of this session and reach the user as downloads.
            import tempfile

            if self._web_exports is None:
                self._web_exports = Path(tempfile.mkdtemp(prefix="assess-export-"))
            dialog = ExportDialog(self.store.path, self.lang, self._web_exports, fixed_folder=True)
        else:
            # Exports go where every other command writes them: the working directory's reports/.
            dialog = ExportDialog(self.store.path, self.lang, Path.cwd() / "reports")
        self.push_screen(dialog, self._export_chosen)

    _web_exports: Path | None = None

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is None or self.store is None:
            return
        self.notify(t("export.working", self.lang, path=request.path), timeout=3)
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
        except Exception as e:  # noqa: BLE001 - any failure is shown to the user, never a traceback
            self.post_message(self.ExportFailed(f"{type(e).__name__}: {e}"))
            return
        self.post_message(self.Exported(path))

    def on_assess_app_exported(self, message: Exported) -> None:
        self.notify(t("export.done", self.lang, path=message.path), timeout=8)
        if self.is_web:
            self.deliver_binary(message.path)
            self.notify(t("export.delivered", self.lang, name=message.path.name), timeout=8)

    def on_assess_app_export_failed(self, message: ExportFailed) -> None:
        self.notify(t("export.failed", self.lang, error=message.error), severity="error", timeout=15)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """As Textual's, but the message is plain text unless asked otherwise: notices quote paths,
        company names and error messages, where "[2026]" would vanish and "[/]" would raise. Screens
        call this one (`self.app.notify`): a widget's own `notify` reads markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # ------------------------------------------------------------------ quitting

    async def action_quit(self) -> None:
        """Nothing is ever unsaved: commit a field being edited, release the lock, leave."""
        for screen in self.screen_stack:
            commit = getattr(screen, "commit_fields", None) or getattr(screen, "commit", None)
            if commit is not None and screen.is_mounted:
                commit()
        self.close_store()
        self.exit()

    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def on_unmount(self) -> None:
        self.close_store()


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
