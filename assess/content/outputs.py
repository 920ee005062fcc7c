"""Files the product writes: whole or not at all, never through a link, and CSV no spreadsheet runs.

Every output (answer files, answer sheets, gap reports and their twins, the batch's portfolio) is
written to a temporary file in its own folder and renamed over its name with `os.replace`. A
reader, or a run stopped half way, then sees the old file or the new one, never a mix; and a rename
replaces whatever entry holds the name, so a symbolic link planted there is replaced itself, never
written through (its target is left as it was). The temporary file is created exclusively
(`mkstemp`), so no link can be waiting under its name either.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Open flag that refuses a symbolic link at the last step of a path (POSIX; Windows has no such
links in ordinary use, and no flag)."""


class LinkRefused(OSError):
    """A symbolic link stands where the product would write: it is not followed."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(getattr(errno, "ELOOP", 40), "a symbolic link, not followed", str(path))


def folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def replace(src: Path | str, dst: Path | str) -> None:
    """`os.replace`, retried for a moment on Windows, where a virus scanner or an indexer that has
    just opened the new file makes the rename fail for a few milliseconds. A file held open in Excel
    stays held: after the retries the error is the caller's to name."""
    for attempt in range(6):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == 5:
                raise
            time.sleep(0.05 * (attempt + 1))


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; Windows cannot open a folder, and needs no such step."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def whole_file(path: Path | str, *, mode: int = 0o600, durable: bool = True) -> Iterator[IO[bytes]]:
    """A binary file that becomes `path` when the block ends without an error, and vanishes if it
    raises (Ctrl-C included): `path` keeps its old content until then. `durable` adds an fsync of
    the file and its folder, for what cannot be made again (answers); a report can."""
    path = Path(path)
    folder = folder_of(path)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)  # created 0600
    try:
        if mode != 0o600:
            os.chmod(tmp, mode)  # by path: os.fchmod is missing on Windows before Python 3.13
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        sync_folder(folder)


def write_whole(path: Path | str, data: bytes, *, mode: int = 0o600, durable: bool = True) -> None:
    """Write `data` so that `path` holds either its old content or `data`, never a mix."""
    with whole_file(path, mode=mode, durable=durable) as fh:
        fh.write(data)


def create_new(path: Path | str, mode: int = 0o644) -> IO[bytes]:
    """A new, empty regular file at `path`, open for writing. Whatever held the name before is
    removed first (a link itself, not its target; the caller owns the name, e.g. under a folder
    lock), and the file is created exclusively without following links, so nothing planted between
    the two steps is written through."""
    path = Path(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, mode)
    except FileExistsError:
        raise LinkRefused(path) from None  # planted again after the unlink: refuse rather than race
    return os.fdopen(fd, "wb")


# --------------------------------------------------------------------------- CSV

FORMULA_START = re.compile(r"^[=+\-@\t\r＝＋－＠]")
"""What makes a spreadsheet read a cell as a formula (or, for tab and carriage return, strip them
and then read one): the ASCII signs and their full-width forms, which Excel and WPS in a Chinese
locale take for the same."""


INNER_FORMULA = re.compile(r"([,;|\t])(?=[=+\-@＝＋－＠])")
"""A separator inside a field followed by a formula sign. Excel, WPS and LibreOffice read on after a
quoted field's closing quote up to the next separator, so a file opened with another separator
than it was written with (`;` for `,`) can start a cell in the middle of a field."""


def csv_text(s: str) -> str:
    """Text for a CSV cell that no spreadsheet will run as a formula, however it splits the line:
    an apostrophe before a formula sign at the start, and after a separator inside the text. (The
    CSV is for programs and people in a spreadsheet; the JSON keeps every text exactly.)"""
    s = INNER_FORMULA.sub(r"\1'", s)
    return "'" + s if FORMULA_START.match(s) else s


def csv_cell(v: Any) -> Any:
    """A CSV cell: text escaped by `csv_text`, numbers left as numbers."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return v
    return csv_text(str(v))


def csv_writer(fh: IO[str]) -> Any:
    """A CSV writer that quotes every field: opened with another separator (`;` in many Chinese and
    European locales), an unquoted field holding `;=cmd|...` splits into a cell that starts with
    `=`; a quoted one stays whole in a reader that keeps to the quotes, and `csv_text` covers the
    readers that do not."""
    return csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
