"""Advisory locks on an open file, the same on POSIX (flock) and Windows (msvcrt).

The OS drops such a lock when its process dies, even by SIGKILL, so a lock that can be taken is
a lock whose holder has gone. Used by the answer file's lock (`assess.session.lock`) and the
batch's output-folder lock (`assess.batch.lock`).
"""

from __future__ import annotations

import errno
import os

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

WINDOWS_LOCK_AT = 1 << 20
"""msvcrt locks a byte range that nobody else may then read: lock a byte far past the holder's
name, so that a second process can still read who holds the lock."""

BUSY = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EDEADLK)})
"""The errors that mean "another process holds it" (the others: the file system has no locks)."""


def lock(fd: int) -> None:
    """Take the lock without waiting; OSError if another process holds it."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows
        os.lseek(fd, WINDOWS_LOCK_AT, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        finally:
            os.lseek(fd, 0, os.SEEK_SET)


def unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover - Windows
        os.lseek(fd, WINDOWS_LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def remove_while_held() -> bool:
    """Whether a lock file is removed before it is let go (POSIX: the next opener re-checks the
    file it locked), or after (Windows cannot remove an open file)."""
    return fcntl is not None


def read_holder(fd: int) -> str:
    """The text the holder wrote at the start of the file ("?" when there is none)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 400).decode("utf-8", "replace").strip() or "?"
    except OSError:
        return "?"


def remove(path: os.PathLike[str] | str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
