"""Problems: what every check yields instead of stopping at the first one.

A problem's words are not written here in any language: its message and its fix are `Msg`
values, a key of the message catalogue (`assess.text.messages`) and the values to fill in, so each
shell renders them in its user's language, and a batch can write one firm's problems in the
client's language and the consultant's at once.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True, slots=True)
class Msg:
    """Words for a user: a catalogue key and the values its text needs (strings, numbers, lists of
    them, or other `Msg`s, each rendered in the same language)."""

    key: str
    args: tuple[tuple[str, object], ...] = ()

    def arg(self, name: str, default: object = None) -> object:
        for k, v in self.args:
            if k == name:
                return v
        return default

    def __str__(self) -> str:
        """A language-neutral form for logs and test failures; users read `assess.text.messages.say`."""
        inner = ", ".join(f"{k}={v!r}" for k, v in self.args)
        return f"{self.key}({inner})"


def msg(key: str, **args: object) -> Msg:
    """`Msg(key, args)`, written as a call: `msg("sheet.formula", formula="=A1")`."""
    return Msg(key, tuple(args.items()))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, placed precisely enough to fix it.

    `file` is the input's name; `where` a path inside it (`pillars[2].questions[4].levels`)
    or a place in a workbook (`Answers!E12`); `fix` says how to put it right.
    """

    message: Msg | str
    where: str = ""
    file: str = ""
    severity: Severity = "error"
    fix: Msg | str | None = None
    typed: str = ""
    """What the cell at `where` held as the client typed it, when it is a cell of an answer sheet
    (the client's report and return slip show it beside the fix)."""
    private: bool = False
    """The cell at `where` holds what a redacted report leaves out (a note, evidence, a person's
    name): such a report says where the problem is, not what the cell held."""

    @property
    def code(self) -> str:
        """What kind of problem it is: the message's catalogue key."""
        return self.message.key if isinstance(self.message, Msg) else ""

    def __str__(self) -> str:
        place = ": ".join(p for p in (self.file, self.where) if p)
        text = f"{place}: {self.message}" if place else str(self.message)
        if self.fix:
            text += f" ({self.fix})"
        return text

    def at(self, file: str) -> Problem:
        """The same problem, attributed to `file`."""
        return Problem(self.message, self.where, file, self.severity, self.fix, self.typed)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


_OS_WORDS: dict[int | None, str] = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.ENOSPC: "os.disk_full",
    errno.EROFS: "os.read_only",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EEXIST: "os.exists",
}
_WINDOWS_WORDS: dict[int | None, str] = {206: "os.name_too_long", 123: "os.bad_name"}
"""Windows errors Python files under a vaguer errno: a path too long (ENOENT), a name with a
character Windows forbids (EINVAL)."""


def os_reason(e: BaseException) -> Msg | str:
    """Why a file operation failed, for a message: the usual reasons in the user's words (on
    Windows a file open in Excel or WPS is refused as "permission denied"), any other as the system
    gave it."""
    key = _WINDOWS_WORDS.get(getattr(e, "winerror", None)) or _OS_WORDS.get(getattr(e, "errno", None))
    if key is not None:
        return msg(key)
    return getattr(e, "strerror", None) or str(e)
