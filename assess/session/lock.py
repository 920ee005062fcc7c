"""A lock file beside the answer file, so that two windows never both write one assessment.

`answers.json` is locked through `answers.json.lock` with an OS advisory lock (flock on POSIX,
msvcrt on Windows). The OS drops the lock when the process dies, even by SIGKILL, so a crash
never leaves an assessment locked. The file holds the holder's pid and host, for the message
the second window shows.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

from assess.content.oslock import lock as _lock
from assess.content.oslock import read_holder as _read_holder
from assess.content.oslock import remove as _remove
from assess.content.oslock import remove_while_held
from assess.content.oslock import unlock as _unlock


class LockedError(Exception):
    """Another process holds the lock; `holder` says who ("pid@host")."""

    def __init__(self, path: Path, holder: str):
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is open in another window (process {holder})")


def lock_path_for(answer_file: Path) -> Path:
    answer_file = Path(answer_file)
    return answer_file.with_name(answer_file.name + ".lock")


class AnswerFileLock:
    """Held while an answer file is open for writing."""

    def __init__(self, answer_file: Path):
        self.path = lock_path_for(answer_file)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> AnswerFileLock:
        """Take the lock or raise LockedError naming the holder."""
        if self._fd is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            # Never follow a link planted in a shared folder, and never write into anything but
            # a regular file of our own.
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            try:
                fd = os.open(self.path, flags, 0o600)
            except OSError:
                raise  # not a window holding it: the file cannot be opened at all, as the caller says
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                os.close(fd)
                raise PermissionError(errno.EACCES, "the lock file belongs to someone else", str(self.path))
            try:
                _lock(fd)
            except OSError:
                holder = _read_holder(fd)
                os.close(fd)
                raise LockedError(self.path, holder) from None
            # The holder before us may have removed the file between our open and our lock:
            # then we locked an orphan, and must try again on the file that is there now.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}@{socket.gethostname()}\n".encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if remove_while_held():
            _remove(self.path)  # while still holding it: the next opener re-checks the inode
            try:
                _unlock(fd)
            finally:
                os.close(fd)
        else:  # pragma: no cover - Windows cannot remove an open file: let go first
            try:
                _unlock(fd)
            finally:
                os.close(fd)
            _remove(self.path)  # fails, harmlessly, when another window has just opened it

    def __enter__(self) -> AnswerFileLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
