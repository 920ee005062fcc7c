"""Opening an assessment: a new one, a saved answer file, or a filled Excel answer sheet.

What the app does when the user picks "new", "open" or "import", without Textual, so that tests
and other front ends call the same steps. Each returns a locked `Store` (or the path of the
answer file an import wrote) and raises, never notifies: `LockedError` when another window has
the file, `ContentError` naming the problems of a file that cannot be read, `OSError` when the
folder cannot be written. The caller says so in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assess.answers import utc_now
from assess.content.answer_file import load_answers, save_answers
from assess.content.bundled import resolve
from assess.content.carry import Carried
from assess.model import Questionnaire
from assess.problems import Problem, errors
from assess.session.lock import AnswerFileLock
from assess.session.store import Store, slug

Content = tuple[Questionnaire, str]
"""A questionnaire and its sha256, as `assess.content.bundled.resolve` gives them."""


def sources_folder(questionnaire: str | None, given: Path | None = None) -> Path:
    """Where the policy sources that questions cite are: the folder given, else a `seeds` folder
    beside a questionnaire file, else the bundled seeds."""
    if given is not None:
        return given
    if questionnaire and (questionnaire.endswith((".yaml", ".yml")) or "/" in questionnaire or "\\" in questionnaire):
        beside = Path(questionnaire).expanduser().resolve().parent / "seeds"
        if beside.is_dir():
            return beside
    from assess.content.bundled import seeds_dir

    return seeds_dir()


def free_path(folder: Path, stem: str, suffix: str = ".json", taken: Collection[Path] = ()) -> Path:
    """`folder/stem.json`, or `stem-2.json`, `stem-3.json`…: never a file that exists, nor one of `taken`."""
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists() or path in taken:
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def new_file_name(folder: Path, now: datetime) -> Path:
    """Where a new assessment goes: named after the moment it was started, in local time (as the app
    shows every time)."""
    local = now.astimezone() if now.tzinfo is not None else now
    return free_path(folder, f"assessment-{local.strftime('%Y%m%d-%H%M%S')}")


def new_assessment(content: Content, folder: Path, path: Path | None = None, *, locale: str = "zh",
                   clock: Callable[[], datetime] = utc_now) -> Store:
    """A fresh assessment, held in memory until its first answer, then locked and saved (at `path`, else
    a new name in `folder`)."""
    q, h = content
    return Store.new(q, h, path or new_file_name(folder, clock()), locale=locale, clock=clock)


def open_answer_file(path: Path, content: Content, *, clock: Callable[[], datetime] = utc_now) -> Store:
    """Resume an answer file, with the questionnaire version it pins (`content` when it pins that).

    The lock is taken before the file is read: nobody may save between our read and our lock."""
    lock = AnswerFileLock(path).acquire()
    try:
        answers = load_answers(path)
        q, h = content
        pin = answers.questionnaire
        if (pin.id, pin.version, pin.sha256) != (q.id, q.version, h):
            q, h = resolve(None, pin)
        return Store.open(q, h, answers, path, lock=lock, clock=clock)
    except BaseException:
        lock.release()
        raise


@dataclass(frozen=True)
class Imported:
    """A filled answer sheet read into a new answer file."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    """What the sheet reader found (errors and warnings); the answers it could read are saved."""

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def import_sheet(sheet: Path, folder: Path, questionnaire: str | None = None) -> Imported:
    """Read a filled Excel answer sheet and save its answers as a new answer file in `folder`,
    named after the sheet. Blocking (a large sheet takes a moment): the app runs it in a worker."""
    from assess.excel.file_names import name_stem
    from assess.excel.sheet_reader import read_answer_sheet

    _, _, answers, problems = read_answer_sheet(Path(sheet), questionnaire)
    target = free_path(folder, slug(name_stem(sheet)))
    save_answers(target, answers)
    return Imported(target, problems)


# --------------------------------------------------------------------------- a newer release


@dataclass(frozen=True)
class Upgrade:
    """An answer file made for an older release that a newer bundled release carries forward: what
    carrying it would do (worked out in memory, nothing written), for the user to decide."""

    path: Path
    old: str
    """The release the file is for, `id@version`."""
    preview: Carried

    @property
    def new(self) -> str:
        return self.preview.questionnaire.ref

    @property
    def version(self) -> str:
        return self.preview.questionnaire.version


def upgrade_for(path: Path, *, clock: Callable[[], datetime] = utc_now) -> Upgrade | None:
    """The offer to carry an answer file forward, or None: it is for the newest release it can be,
    or it cannot be read (opening it says why)."""
    from assess.content.carry import carry_forward, newest_for
    from assess.content.yaml_file import ContentError
    from assess.migrate import MigrationError

    try:
        answers = load_answers(path)
        old, _ = resolve(None, answers.questionnaire)
        newer = newest_for(old)
        if newer is None:
            return None
        return Upgrade(Path(path), old.ref, carry_forward(old, answers, newer, at=clock()))
    except (ContentError, MigrationError):
        return None


def carry_forward_file(path: Path, *, clock: Callable[[], datetime] = utc_now) -> Carried:
    """Carry an answer file to the newest release it can go to, into a new file beside it
    (`<name>-<version>.json`, never one that exists); the original is left as it is. Returns what
    was carried, its `path` being the new file. Raises ContentError, MigrationError or OSError."""
    from assess.content.carry import carry_forward

    path = Path(path)
    answers = load_answers(path)
    old, _ = resolve(None, answers.questionnaire)
    carried = carry_forward(old, answers, at=clock())
    target = free_path(path.parent, f"{path.stem}-{carried.questionnaire.version}")
    save_answers(target, carried.answers)
    carried.path = target
    return carried
