"""The output folder's lock: one batch at a time writes into a folder.

`.assess-batch.lock` in the folder is created exclusively and holds its holder's pid, host and
start time; the holder also keeps an OS lock on it (`assess.content.oslock`), which the OS drops
when the holder dies. A lock file left by a batch that died is taken over, with a notice, only when
both say so: its OS lock is free and its process, on this host, is gone (the pid alone could have
been reused; the OS lock alone is not enforced on every network share). A lock from another host
cannot be checked from here: it is refused, and the message says how to clear it.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from assess.content import oslock
from assess.content.outputs import NOFOLLOW, LinkRefused

LOCK_NAME = ".assess-batch.lock"
WAIT = 2.0
"""Seconds to wait for a lock file that a starting batch has created but not yet written."""


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int = 0
    host: str = ""
    started: str = ""
    """Local time, ISO 8601 to the second."""

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        try:
            d = json.loads(text)
            return cls(int(d["pid"]), str(d["host"]), str(d.get("started", "")))
        except (ValueError, KeyError, TypeError):
            return None

    def text(self) -> str:
        return json.dumps({"pid": self.pid, "host": self.host, "started": self.started}) + "\n"


class FolderLocked(Exception):
    """Another batch writes into the folder: `holder` says which (None: unreadable)."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is held by {holder}")


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (True when it cannot be told)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows: os.kill(pid, 0) would end the process
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            return not kernel.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _try_lock(fd: int) -> bool | None:
    """True: taken; False: another process holds it; None: this file system has no locks."""
    try:
        oslock.lock(fd)
        return True
    except OSError as e:
        return False if e.errno in oslock.BUSY else None


class FolderLock:
    """Held while a batch writes into `folder`; `acquire` returns the holder it took over, if any."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None
        self._locked = False

    def acquire(self) -> Holder | None:
        me = Holder(os.getpid(), socket.gethostname(), datetime.now().replace(microsecond=0).isoformat())
        flags = os.O_RDWR | NOFOLLOW | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
        deadline = time.monotonic() + WAIT
        while True:
            fresh = True
            try:
                fd = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                fresh = False
                try:
                    fd = os.open(self.path, flags)
                except FileNotFoundError:
                    continue  # let go of just now: try again
                except OSError as e:
                    if os.path.islink(self.path):
                        raise LinkRefused(self.path) from e
                    raise
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
                raise LinkRefused(self.path)
            got = _try_lock(fd)
            while fresh and got is False and time.monotonic() < deadline:
                time.sleep(0.05)  # another batch is looking at the new file: it lets go at once
                got = _try_lock(fd)
            if got is False:
                text = oslock.read_holder(fd)
                os.close(fd)
                if text == "?" and time.monotonic() < deadline:
                    time.sleep(0.05)  # created, not yet written: its holder is starting
                    continue
                raise FolderLocked(self.path, Holder.parse(text))
            if not _same_file(fd, self.path):  # locked a file its holder removed as it let go
                self._let_go(fd, got)
                continue
            stale = None
            if not fresh:
                text = oslock.read_holder(fd)
                holder = Holder.parse(text)
                if text == "?" and time.monotonic() < deadline:
                    self._let_go(fd, got)
                    time.sleep(0.05)
                    continue
                if holder is not None and (holder.host != me.host or pid_alive(holder.pid)):
                    self._let_go(fd, got)
                    raise FolderLocked(self.path, holder)
                stale = holder or Holder()
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, me.text().encode())
            self._fd, self._locked = fd, bool(got)
            return stale

    @staticmethod
    def _let_go(fd: int, locked: bool | None) -> None:
        try:
            if locked:
                oslock.unlock(fd)
        finally:
            os.close(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if oslock.remove_while_held():
            oslock.remove(self.path)  # while still holding it: the next opener re-checks the file
            self._let_go(fd, self._locked)
        else:  # pragma: no cover - Windows cannot remove an open file: let go first
            self._let_go(fd, self._locked)
            oslock.remove(self.path)

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
    except FileNotFoundError:
        return False
