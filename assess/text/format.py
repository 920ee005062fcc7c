"""Values as a user reads them: one formatter per kind, used by the app, the command line, the
gap report, the portfolio and the answer sheet alike, so that 2.5 never reads "2.50" on one
screen and "2.5" on the next.

Times are shown in the machine's local time (answer files record UTC): `when`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from assess.answers import Value
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    SingleSelectQuestion,
    YesNoQuestion,
    localize,
)
from assess.text.glossary import term

NONE = "—"
"""What an empty value shows."""


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_UNPRINTABLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _escaped(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str, lines: bool = False) -> str:
    """`text` safe for a terminal: control characters (escape sequences among them), lone
    surrogates and characters that reorder the line shown escaped (`\\x1b`), never raw; tabs and
    line breaks are kept with `lines` (text of several lines), escaped without.
    For whatever a user supplied: names, paths, cell text."""
    pattern = _UNPRINTABLE if lines else _UNPRINTABLE_LINE
    return pattern.sub(_escaped, text) if pattern.search(text) else text


def number(x: float | int) -> str:
    """A plain number without noise: 3.0 as 3, 2.25 as 2.25, 1e-07 as 1e-07."""
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return f"{x:g}" if isinstance(x, float) else str(x)


def _fixed(x: float, places: int) -> str:
    """`x` to `places` decimals as a spreadsheet shows it: the number as written (15 significant
    digits), halves away from zero. Python's own rounding works on the binary value, in which 2.945
    is a hair under 2.945: it would print 2.94 where the gap report, in Excel, shows 2.95."""
    shown = Decimal(f"{x:.15g}").quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return str(shown + 0)  # + 0: no "-0.00"


def score(x: float | None) -> str:
    """A 0-5 score or gap, to two decimals: 2.53 (2.945 as 2.95, as the gap report shows it)."""
    return NONE if x is None else _fixed(x, 2)


def percent(share: float | None) -> str:
    """A share 0-1 as a whole percentage: 0.875 as 88% (0.125 as 13%, as a spreadsheet shows it)."""
    return NONE if share is None else f"{_fixed(share * 100, 0)}%"


def level(n: int, locale: str, name: str = "") -> str:
    """A level: "3 级 集成级" / "level 3 (Integrated)"; without a name "3 级" / "level 3"; a name that
    carries its own number ("L3 推广") stands alone."""
    if name.startswith(f"L{n} ") or name == f"L{n}":
        return name
    if locale == "zh":
        return f"{n} 级 {name}".rstrip() if name else f"{n} 级"
    return f"level {n} ({name})" if name else f"level {n}"


def join(items: Iterable[str], locale: str) -> str:
    """Items of a list in running text: 甲、乙 / a, b."""
    return ("、" if locale == "zh" else ", ").join(items)


def when(at: datetime | None, with_date: bool = True, zone: bool = False) -> str:
    """A moment in the machine's local time: "2026-12-05 17:31" (or "17:31:13" without the date), the
    one way the app shows a time. Answer files record UTC, so a time without a zone is taken as UTC.
    `zone`: name the zone too ("17:31:13 UTC+08:00"), for a reader whose local time may not be this
    machine's (a browser session on a server)."""
    if at is None:
        return NONE
    local = (at if at.tzinfo is not None else at.replace(tzinfo=UTC)).astimezone()
    text = local.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M:%S")
    if zone:
        offset = local.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        sign = "+" if minutes >= 0 else "-"
        text += f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return text


def local_datetime(at: datetime, offset_minutes: int | None = None) -> str:
    """A moment as a local clock read it, with its offset from UTC: "2026-12-06 05:35 (UTC+8)".
    In the machine's zone, or at `offset_minutes` east of UTC (what a report recorded when it was
    made, so that it reads the same wherever it is checked)."""
    from datetime import timedelta, timezone

    if at.tzinfo is None:
        at = at.astimezone()
    local = at.astimezone(timezone(timedelta(minutes=offset_minutes))) if offset_minutes is not None \
        else at.astimezone()
    minutes = int((local.utcoffset() or timedelta()).total_seconds() // 60)
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    zone = f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    return f"{local:%Y-%m-%d %H:%M} ({zone})"


def yes_no(flag: bool, locale: str) -> str:
    return term("yes" if flag else "no", locale)


def value_text(question: QuestionBase | None, value: Value, locale: str) -> str:
    """An answer as its reader wants it: the level with its descriptor, yes or no, the option
    labels, the percentage, the number with its unit, the text. A value the question does not know
    is shown as it is."""
    if value is None:
        return NONE
    if isinstance(question, MaturityQuestion) and isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < len(question.levels):
            return f"{value} – {localize(question.levels[value].descriptor, locale)}"
    elif isinstance(question, YesNoQuestion) and isinstance(value, bool):
        return yes_no(value, locale)
    elif isinstance(question, PercentageQuestion) and _is_number(value):
        return f"{number(value)}%"  # type: ignore[arg-type]
    elif isinstance(question, SingleSelectQuestion) and isinstance(value, str):
        for o in question.options:
            if o.id == value:
                return localize(o.label, locale)
    elif isinstance(question, MultiSelectQuestion) and isinstance(value, list):
        labels = {o.id: localize(o.label, locale) for o in question.options}
        if all(isinstance(v, str) and v in labels for v in value):
            return join((labels[v] for v in value), locale) if value else NONE
    elif isinstance(question, NumberQuestion) and _is_number(value):
        unit = localize(question.unit, locale) if question.unit else ""
        return f"{number(value)} {unit}".strip()  # type: ignore[arg-type]
    if isinstance(value, bool):
        return yes_no(value, locale)
    if _is_number(value):
        return number(value)  # type: ignore[arg-type]
    if isinstance(value, list):
        return join(map(str, value), locale)
    return str(value)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)
