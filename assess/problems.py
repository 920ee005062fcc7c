"""Problems: what every check yields instead of stopping at the first one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, placed precisely enough to fix it.

    `file` is the input's name; `where` a path inside it (`pillars[2].questions[4].levels`)
    or a place in a workbook (`Answers!E12`); `fix` says how to put it right.
    """

    message: str
    where: str = ""
    file: str = ""
    severity: Severity = "error"
    fix: str = ""

    def __str__(self) -> str:
        place = ": ".join(p for p in (self.file, self.where) if p)
        text = f"{place}: {self.message}" if place else self.message
        if self.fix:
            text += f" ({self.fix})"
        return text

    def at(self, file: str) -> Problem:
        """The same problem, attributed to `file`."""
        return Problem(self.message, self.where, file, self.severity, self.fix)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
