"""Where answer files live by default, and the list of saved assessments on the Start screen.

The list is read lazily, one file at a time in a worker, so a long list never delays the first
frame. Reading a file here never locks it: the lock is taken only when one is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from assess.model import Questionnaire
    from assess.problems import Problem

DATA_DIR_ENV = "ASSESS_DATA_DIR"
EXPORTS_ENV = "ASSESS_SERVE_EXPORTS"
"""Set by `assess serve` for the apps it runs: the folder their browser sessions' exports go in,
which the server removes when it stops."""
UPLOADS_ENV = "ASSESS_SERVE_UPLOADS"
"""Set by `assess serve` for the apps it runs: the folder that sheets uploaded from its page wait in
for an app to import them (`assess.cli.serve_upload`)."""
UPLOAD_SUFFIXES = (".xlsx", ".xls", ".xlsb", ".et", ".ods", ".xlsm")
"""What the browser page uploads: the workbooks the sheet reader takes (an .xlsm, so that the guard can
say why it refuses it)."""


def uploads_folder() -> Path | None:
    """The folder uploaded sheets wait in, when this app serves a browser session of `assess serve`."""
    folder = os.environ.get(UPLOADS_ENV)
    return Path(folder) if folder and Path(folder).is_dir() else None


def uploaded(folder: Path) -> list[Path]:
    """The sheets waiting in `folder`, newest first."""
    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    try:
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in UPLOAD_SUFFIXES]
    except OSError:
        return []
    return sorted(files, key=mtime, reverse=True)


def data_dir() -> Path:
    """The folder for answer files: $ASSESS_DATA_DIR, else the user data directory of 'assess'."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("assess", appauthor=False))


_shown_root: Path | None = None


def show_paths_within(root: Path | None) -> None:
    """Name files relative to `root` from now on (a browser session: its user is shown no path of the
    server, only where a file is in the data folder, and the bare name of any other)."""
    global _shown_root
    _shown_root = Path(root) if root is not None else None


def in_browser() -> bool:
    """Whether this app serves a browser session (see `show_paths_within`): its times name their zone,
    the server's local time being perhaps not the reader's."""
    return _shown_root is not None


def home_relative(path: Path) -> str:
    """A path as a person reads it: ~/… when under the home folder (in a browser session, the place in
    the data folder, see `show_paths_within`)."""
    path = Path(path)
    if _shown_root is not None:
        try:
            inside = path.resolve().relative_to(_shown_root.resolve())
            return str(inside).replace("\\", "/") if inside.parts else _shown_root.name
        except (ValueError, RuntimeError, OSError):
            return path.name
    try:
        return "~/" + str(path.resolve().relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError):
        return str(path)


@dataclass(frozen=True)
class SavedEntry:
    """One saved assessment as the Start screen lists it."""

    path: Path
    company: str
    updated: datetime | None
    completion: float | None
    """Share of applicable scored questions responded to, None when unknown."""
    error: Problem | None = None
    """Why the file cannot be read (the first problem), None when it can."""


def within(root: Path, path: Path) -> bool:
    """Whether `path`, links followed, lies inside `root`: the one rule for what a browser session may
    open, whether typed in the Open dialog or picked from the saved list (a link in the data folder
    to a file elsewhere is refused by both)."""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def candidates(folder: Path, confined: bool = False) -> list[Path]:
    """Answer files in the folder, newest first; `confined`: only those `within` it (in a browser)."""
    try:
        files = [p for p in folder.glob("*.json") if p.is_file() and (not confined or within(folder, p))]
    except OSError:
        return []

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(files, key=mtime, reverse=True)


def read_entry(path: Path, known: tuple[Questionnaire, str] | None = None) -> SavedEntry:
    """Read one answer file for the list (never raises). `known` is the questionnaire the app
    has loaded, used when the file pins that one."""
    from assess.content.answer_file import load_answers
    from assess.content.bundled import resolve
    from assess.content.yaml_file import ContentError
    from assess.scoring import score

    try:
        answers = load_answers(path)
    except ContentError as e:
        from assess.problems import Problem

        return SavedEntry(path, "", None, None, e.problems[0] if e.problems else Problem(str(e), file=str(path)))
    updated = answers.history[-1].at if answers.history else datetime.fromtimestamp(path.stat().st_mtime, UTC)
    completion = None
    try:
        pin = answers.questionnaire
        if known is not None and (known[0].id, known[0].version, known[1]) == (pin.id, pin.version, pin.sha256):
            q = known[0]
        else:
            q, _ = resolve(None, pin)
        completion = score(q, answers).overall.completion
    except (ContentError, ValueError):
        pass
    return SavedEntry(path, answers.company.name, updated, completion)


TRASH = "trash"
"""The folder beside the saved answer files where deleted ones go, to be taken back by hand."""


def rename_saved(path: Path, name: str) -> Path:
    """Give a saved answer file a new name (made file-safe, `.json` kept) in the same folder; returns
    the new path. Raises ValueError for an empty name, FileExistsError when the name is taken,
    LockedError when a window has the file open, OSError when the folder refuses."""
    from assess.session.lock import AnswerFileLock
    from assess.session.store import slug

    path = Path(path)
    stem = name.strip()
    if stem.lower().endswith(".json"):
        stem = stem[:-5]
    if not stem.strip():
        raise ValueError(name)
    target = path.with_name(slug(stem) + ".json")
    if target == path:
        return path
    if target.exists() or target.is_symlink():
        raise FileExistsError(str(target))
    with AnswerFileLock(path):  # not while another window writes it
        path.rename(target)
    return target


def trash_saved(path: Path) -> Path:
    """Move a saved answer file into the `trash` folder beside it (never replacing one there); returns
    where it went. Raises LockedError when a window has it open, OSError when it cannot be moved."""
    from assess.session.lock import AnswerFileLock
    from assess.session.opening import free_path

    path = Path(path)
    trash = path.parent / TRASH
    trash.mkdir(exist_ok=True)
    target = free_path(trash, path.stem)
    with AnswerFileLock(path):
        path.rename(target)
    return target


def list_saved(folder: Path, known: tuple[Questionnaire, str] | None = None) -> Iterator[SavedEntry]:
    for path in candidates(folder):
        yield read_entry(path, known)
