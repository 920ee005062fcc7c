"""Which files a batch scores: the files and folders named, in the order given, each file once.

A folder contributes every file it holds: answer sheets and answer files to score, each member of a
.zip by its own name (`archive.zip/plant3.xlsx`, see `archive`), and any other file (a PDF, a photo,
notes) to be listed once as not an answer sheet or answer file, so the count on screen is the count
of files sent. A workbook sent under another name (a .zip, or no extension at all) is read as the
workbook its bytes say it is; a RAR or 7z archive is named by its format. What is not a file sent
(hidden files, office lock files, the batch's own output, earlier batches' outputs) is left out, and
named in `Inputs.skipped` with why where a user might have expected to see it; a lock file also marks
the workbook it stands for, which may be open with changes unsaved.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from assess.batch.archive import ARCHIVES, LEFT_OUT, is_package, left_out, list_members, other_archive
from assess.batch.naming import file_part_of
from assess.excel.file_names import name_stem, names_format
from assess.excel.guard import ADVICE, DEFAULT_LIMITS, workbook_magic
from assess.problems import Msg, msg
from assess.text.format import printable

SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xls", ".xlsb", ".et", ".ods", ".json")
"""Answer sheets (and answer files) by name; the workbook guard then says what each really is (a
WPS .et may be an .xls or an .xlsx inside; an .xlsm is refused for its macros)."""


def _other(display: str) -> tuple[str, Msg, Msg]:
    export = PurePath(display).suffix.lower() in _EXPORTS  # an answer sheet's table saved as text: no sheet to read
    return "other_file", msg("batch.other_file"), msg(f"batch.other_file.fix{'_export' if export else ''}")


_EXPORTS = (".csv", ".tsv", ".txt", ".prn")
"""What a spreadsheet saves one sheet's table as (Excel's CSV, text and formatted text)."""


@dataclass(slots=True)
class Input:
    path: Path
    display: str
    """The path as the user named it (relative to the current folder when inside it)."""
    report_stem: str = ""
    """Unique stem of its per-firm report."""
    member: str = ""
    """The member of the .zip at `path` this is, or ""."""
    refusal: tuple[str, Msg, Msg | None] | None = None
    """Refused before it is read: (code, why, fix): not an answer file, a member the zip guard refused."""
    plant: int = 1
    """Which plant of the file this row is (see `for_plant`)."""
    locked_by: str = ""
    """An office suite's lock file beside it (`~$name.xlsx`, `.~lock.name.xlsx#`), as shown: the file may
    be open, its last changes unsaved."""

    def for_plant(self, n: int) -> Input:
        """The row of the file's plant `n` (its sheets "Company (n)"/"Answers (n)"), scored as its own
        firm: named `<file> (n)`, its report `<stem> (n)`, as Excel names a copy. No report stem holds
        a space, and none is a bare `(n)` (`collect_inputs`): with or without a company's name before
        it (`report_stem`), a plant's report name never takes another file's."""
        if n == 1:
            return self
        return replace(self, display=f"{self.display} ({n})", report_stem=f"{self.report_stem} ({n})", plant=n)


@dataclass(slots=True)
class Inputs:
    files: list[Input] = field(default_factory=list)
    skipped: list[Msg] = field(default_factory=list)
    """Files left out, with why (lock files of office suites, earlier batch outputs)."""
    missing: list[str] = field(default_factory=list)
    """Paths given that do not exist."""


def _display(path: Path) -> str:
    """The path as shown: relative when inside the current folder; a name's control characters and
    undecodable bytes escaped, as every output (terminal, portfolio) can show them."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return printable(str(path))
    return printable(str(path) if rel.startswith("..") else rel)


def collect_inputs(paths: Sequence[str | Path], outdir: Path | None = None) -> Inputs:
    """Every file to score, in the order given (folders walked in sorted order), each once.

    A folder contributes its answer sheets and answer files (see SUFFIXES), not its hidden files,
    office lock files (`~$x.xlsx`), the batch's own `outdir`, nor earlier batch outputs (a folder
    holding a portfolio.json). A file named directly is always taken.
    """
    out = Inputs()
    seen: set[str] = set()
    locks: dict[tuple[str, str], str] = {}
    """(folder, the file a lock file stands for) -> the lock file as shown."""
    out_resolved = outdir.resolve() if outdir is not None else None

    def take(p: Path, real: str | None = None, display: str | None = None, *, walked: bool = False) -> None:
        """Add one file: read as it is, opened as a zip, or (found by walking a folder, and neither
        an answer file by its name nor a workbook by its first bytes) listed as not an answer file."""
        r = real if real is not None else str(p.resolve())
        if r in seen:
            return
        seen.add(r)
        shown = printable(display) if display is not None else _display(p)
        suffix = p.suffix.lower()
        if suffix in ARCHIVES and (kind := other_archive(p)) is not None:
            out.files.append(Input(p, shown, refusal=("other_archive", msg("batch.other_archive", kind=kind),
                                                      msg("batch.other_archive.fix"))))
            return
        begins = _begins(p)  # read once: a file whose name gives no format, by its first bytes
        if suffix == ".zip" or begins == "zip":
            members, why, code = list_members(p, DEFAULT_LIMITS)
            if why is None and is_package(members):  # a workbook with a .zip name: the guard says what it is
                out.files.append(Input(p, shown))
                return
            if why is not None:
                out.files.append(Input(p, shown, refusal=(code, why, msg(f"guard.fix.{code}")
                                                          if code in ADVICE else msg("batch.archive.fix"))))
            for m in members:
                if m.code in LEFT_OUT:
                    out.skipped.append(msg(f"batch.skipped.{m.code}", path=f"{shown}/{printable(m.name)}"))
                    continue
                refusal = (m.code, m.message, m.fix) if m.code and m.message is not None else None
                if refusal is None and names_format(m.name) and not m.name.lower().endswith(SUFFIXES):
                    refusal = _other(m.name)  # 答卷2025.11.30 is read, as beside the zip: the guard says what it is
                out.files.append(Input(p, f"{shown}/{printable(m.name)}", member=m.name, refusal=refusal))
            return
        other = walked and suffix not in SUFFIXES and not begins
        out.files.append(Input(p, shown, refusal=_other(shown) if other else None))

    for raw in paths:
        p = Path(raw)
        if p.is_file():
            take(p)
            _locks_beside(p, locks)
        elif p.is_dir():
            for folder, dirs, files in os.walk(p):
                here = Path(folder)
                # resolved once per folder: a file that is not a link resolves to it plus its name
                here_real = str(here.resolve())
                here_display = _display(here)
                keep = []
                for d in sorted(dirs):
                    shown = _display(here / d) + os.sep
                    if d.startswith("."):
                        out.skipped.append(msg("batch.skipped.hidden_folder", path=shown))
                        continue
                    if out_resolved is not None and (here / d).resolve() == out_resolved:
                        out.skipped.append(msg("batch.skipped.this_output", path=shown))
                        continue
                    if any((here / d / marker).is_file() for marker in ("portfolio.json", "portfolio.partial.json")):
                        out.skipped.append(msg("batch.skipped.earlier_output", path=shown))
                        continue
                    keep.append(d)
                dirs[:] = keep
                for name in sorted(files):
                    f = here / name
                    kind = left_out(name)
                    if kind:
                        out.skipped.append(msg(f"batch.skipped.{kind}", path=_display(f)))
                        if kind == "lock_file":
                            locks[str(here), locked_name(name)] = _display(f)
                        continue
                    # every file is taken: an answer sheet or file to score, a .zip to open, anything
                    # else to list as not an answer file
                    real = str(f.resolve()) if os.path.islink(f) else os.path.join(here_real, name)
                    shown = str(f) if here_display.startswith("..") or os.path.isabs(here_display) else \
                        name if here_display == "." else os.path.join(here_display, name)
                    take(f, real, shown, walked=True)
        else:
            out.missing.append(printable(str(raw)))
    if locks:
        _mark_locked(out.files, locks)
    out.files = _sheets_first(out.files)
    taken: set[str] = set()
    for item in out.files:
        base = name_stem(item.member.replace("\\", "/") if item.member else item.path)  # 答卷2025.11.30 keeps .30
        stem = file_part_of(base) or "file"
        if re.fullmatch(r"\(\d+\)", stem):  # `(2)` after a company's name would read as its second plant's
            stem = f"_{stem}"
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        item.report_stem = name
    return out


def _sheets_first(files: list[Input]) -> list[Input]:
    """The files in their order, except that an answer file comes after a sheet of its name beside it
    (`assess import` writes 华东.json beside 华东.xlsx), in a folder, a .zip or the files named: the
    sheet, whose problems the reader names, is the one scored, and the answer file, which carries none
    of them, its duplicate."""
    def key(item: Input) -> tuple[str, str]:
        where = PurePath(item.member) if item.member else item.path
        return f"{item.path}/{where.parent}" if item.member else str(where.parent), where.stem.casefold()

    def is_answer_file(item: Input) -> bool:
        return PurePath(item.member or item.path).suffix.lower() == ".json"

    to_come = {key(item) for item in files if not is_answer_file(item)}  # sheets not yet placed
    waiting: dict[tuple[str, str], list[Input]] = {}
    out: list[Input] = []
    for item in files:
        k = key(item)
        if is_answer_file(item) and k in to_come:
            waiting.setdefault(k, []).append(item)
            continue
        out.append(item)
        if not is_answer_file(item):
            to_come.discard(k)
            out.extend(waiting.pop(k, []))
    return out


def _locks_beside(path: Path, locks: dict[tuple[str, str], str]) -> None:
    """The office lock files in the folder of a file named directly, as a walked folder's are noted."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if left_out(name) == "lock_file":
            locks[str(path.parent), locked_name(name)] = _display(path.parent / name)


def locked_name(lock: str) -> str:
    """The name of the file an office lock file stands for: `~$甲公司.xlsx` (Excel, WPS) and
    `.~lock.甲公司.xlsx#` (LibreOffice) for 甲公司.xlsx."""
    if lock.startswith(".~lock."):
        return lock[len(".~lock."):].removesuffix("#")
    return lock.removeprefix("~$")


def _mark_locked(files: list[Input], locks: dict[tuple[str, str], str]) -> None:
    """Mark each workbook an office lock file stands for. Office keeps only the end of a long name
    after `~$` (its first one or two characters give way), so a lock that names no file exactly marks
    the one file whose name it ends, and none when several do."""
    by_place = {(str(item.path.parent), item.path.name): item for item in files if not item.member}
    for (folder, name), lock in locks.items():
        exact = by_place.get((folder, name))
        if exact is not None:
            exact.locked_by = lock
            continue
        ends = [item for (where, full), item in by_place.items()
                if where == folder and full.endswith(name) and _shortened(full, len(full) - len(name))]
        if len(ends) == 1:
            ends[0].locked_by = lock


def _shortened(name: str, dropped: int) -> bool:
    """Whether Office names the lock file of `name` without its first `dropped` characters: one of a
    name of seven before its extension, two of a longer one; a short name's lock holds it whole."""
    stem = len(PurePath(name).stem)
    return (dropped == 1 and stem == 7) or (dropped == 2 and stem >= 8)


def _begins(path: Path) -> str | None:
    """For a file whose name gives no format (a mail or chat tool dropped its extension, or what
    follows its last dot is part of its name: 答卷2025.11.30, 华东重工答卷.v2): "zip" or "ole2" when it
    begins as a workbook, or a zip of them, does, "json" when it begins as an answer file does; None
    otherwise. The guard, or the answer file's checks, say what it really is."""
    if names_format(path):
        return None
    return workbook_magic(path) or ("json" if begins_as_json(path) else None)


def begins_as_json(path: Path) -> bool:
    """Whether a file's first characters are a JSON object's (`starts_as_json`)."""
    try:
        with open(path, "rb") as fh:
            return starts_as_json(fh.read(64))
    except OSError:
        return False


def starts_as_json(head: bytes) -> bool:
    """Whether bytes begin as a JSON object does (after a byte-order mark and spaces)."""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")
