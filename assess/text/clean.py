"""Text is clean at the door: every string read from an answer file, an answer sheet or a
questionnaire is checked once where it enters, so that no screen, terminal or workbook meets text it
cannot show or write.

Refused: lone surrogates (half an emoji, cut by a broken program: no file format can hold one),
control characters (a terminal runs escape sequences; a workbook's XML cannot hold most of them),
the characters that reorder text on screen (bidi overrides), and U+FFFE/U+FFFF. Tab is allowed
everywhere and line breaks in free text (notes, text answers). Lengths and numbers are bounded
here too, all well under what a worksheet cell holds, and so is the nesting of a JSON document:
Python's own parser would fail on deep nesting or a very long integer with an error a user cannot
read.

The limits are stated once, here; the checks return `Problem`s placed by field (`answers.C01.note`)
or by cell (`Answers!F12`) for the caller to attribute to its file.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Callable
from itertools import accumulate
from typing import Any, Literal

from assess.problems import Msg, Problem, msg
from assess.text.format import printable

MiB = 1024 * 1024

FILE_MAX = 20 * MiB
"""Largest answer file read (bytes): a real one is well under 1 MiB even with its history. The same
limit as the workbook guard's for answer sheets."""
FIELD_MAX = 200
"""Company and respondent fields, who answered, card keys, ids."""
NOTE_MAX = 2_000
"""A note on an answer."""
EVIDENCE_REF_MAX = 500
"""One evidence reference: a document name, a link, a record number."""
EVIDENCE_COUNT_MAX = 50
"""Evidence references on one answer (all of them, joined, fit one cell)."""
TEXT_MAX = 4_000
"""A text answer, unless its question sets a shorter `max_length`."""
HISTORY_MAX = 30_000
"""An entry of the change history (a value, a note, or an answer's evidence references joined)."""
CELL_MAX = 32_767
"""What one worksheet cell holds (Excel's limit); every limit above stays well under it."""
INT_DIGITS_MAX = 30
"""Digits of an integer in an answer file (Python refuses to read more than 4,300)."""
JSON_DEPTH_MAX = 32
"""Nesting of an answer file: the format itself needs 6 levels."""

assert EVIDENCE_COUNT_MAX * (EVIDENCE_REF_MAX + 2) < HISTORY_MAX < CELL_MAX and TEXT_MAX < CELL_MAX

Kind = Literal["field", "note", "evidence", "text", "history"]
"""What a string is, for its limit and whether it may break lines."""

LIMITS: dict[str, int] = {"field": FIELD_MAX, "note": NOTE_MAX, "evidence": EVIDENCE_REF_MAX, "text": TEXT_MAX,
                          "history": HISTORY_MAX}
MULTILINE = frozenset({"note", "text", "history"})

_BAD = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_SURROGATE = "\ud800-\udfff"
_FAULT_MULTILINE = re.compile(f"[{_BAD}{_SURROGATE}]")
_FAULT_LINE = re.compile(f"[{_BAD}{_SURROGATE}\n\r]")


def char_fault(text: str, multiline: bool = False) -> tuple[Msg, Msg] | None:
    """The first refused character of `text` (line breaks too, unless `multiline`), as what is wrong
    and how to fix it; None when there is none."""
    bad = (_FAULT_MULTILINE if multiline else _FAULT_LINE).search(text)
    if bad is None:
        return None
    ch, at = bad.group(), bad.start() + 1
    if "\ud800" <= ch <= "\udfff":
        return msg("clean.surrogate", at=at, code=f"U+{ord(ch):04X}"), msg("clean.surrogate.fix")
    if ch in "\n\r":
        return msg("clean.line_break", at=at), msg("clean.line_break.fix")
    return msg("clean.control", at=at, code=f"U+{ord(ch):04X}"), msg("clean.control.fix")


def text_fault(text: str, kind: Kind = "field", limit: int | None = None) -> tuple[Msg, Msg] | None:
    """Why `text` cannot be taken as a `kind` of text (and how to fix it), or None when it can.
    `limit` lowers the kind's length limit (a question's own `max_length`)."""
    top = LIMITS[kind] if limit is None else min(limit, LIMITS[kind])
    fault = None if text.isprintable() else char_fault(text, kind in MULTILINE)  # printable: no refused character
    if fault is not None:
        return fault
    if len(text) > top:
        return msg("clean.too_long", length=len(text), limit=top), msg(f"clean.too_long.fix.{kind}", limit=top)
    return None


def typed(text: str, kind: Kind = "field", limit: int | None = None) -> str:
    """What a person typed or pasted into the app, made writable: refused characters (and line breaks
    where the kind keeps to one line) dropped, the length cut at the kind's limit. The app takes text
    this way so that it never saves a file it would then refuse to open."""
    cleaned = (_FAULT_MULTILINE if kind in MULTILINE else _FAULT_LINE).sub("", text)
    top = LIMITS[kind] if limit is None else min(limit, LIMITS[kind])
    return cleaned[:top]


def text_problem(text: str, kind: Kind, where: str, limit: int | None = None) -> Problem | None:
    fault = text_fault(text, kind, limit)
    return None if fault is None else Problem(fault[0], where, fix=fault[1])


class Unclean(ValueError):
    """A document that cannot be read at all, or strings in it that are refused; every problem
    found (no file name: the caller attributes them)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


# ---- JSON


class _Number:
    """A number the parser met and refused, kept as found so that its place can be named."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _int(text: str) -> int | _Number:
    return _Number(text) if len(text.lstrip("-")) > INT_DIGITS_MAX else int(text)


def _float(text: str) -> float | _Number:
    x = float(text)
    return x if math.isfinite(x) else _Number(text)


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_TOO_DEEP = re.compile(f"[\\[{{]{{{JSON_DEPTH_MAX + 1}}}")


def too_deep(text: str) -> bool:
    """Whether a JSON text nests arrays and objects deeper than `JSON_DEPTH_MAX` (brackets inside
    strings do not count), found without recursion."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if brackets.count("[") + brackets.count("{") <= JSON_DEPTH_MAX:
        return False
    if _TOO_DEEP.search(brackets):  # the usual attack, found at once: a run of openings
        return True
    return max(accumulate(array("b", brackets.encode("ascii").translate(_DEPTH))), default=0) > JSON_DEPTH_MAX


def decode(raw: bytes) -> str:
    """A JSON file's text: UTF-8 (with or without a BOM), or UTF-16/32 as Windows may save it;
    a byte sequence that is not text in its encoding (a lone surrogate in UTF-8, ED A0 80) is
    refused with its place."""
    encoding = json.detect_encoding(raw)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as e:
        raise Unclean([Problem(msg("clean.not_text", at=e.start, encoding=encoding.upper()),
                               fix=msg("clean.not_text.fix"))]) from None


def json_loads(text: str | bytes) -> Any:
    """JSON, parsed only once it is known to nest no deeper than `JSON_DEPTH_MAX`; an integer of more
    than `INT_DIGITS_MAX` digits, NaN or an infinity is refused with its place (`check_json` names
    it). A syntax error is `json.JSONDecodeError`, as from `json.loads`."""
    if isinstance(text, bytes):
        text = decode(text)
    if too_deep(text):
        raise Unclean([Problem(msg("clean.too_deep", limit=JSON_DEPTH_MAX),
                               fix=msg("clean.too_deep.fix"))])
    return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_Number, object_pairs_hook=_unique)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different: a key given twice (an answer written twice by hand) is
    refused, not decided by whichever comes last."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise Unclean([Problem(msg("clean.duplicate_key", name=printable_key(key)), fix=msg("clean.duplicate_key.fix"))])
        out[key] = value
    return out


def printable_key(key: str) -> str:
    return key.encode("unicode_escape").decode("ascii") if not key.isprintable() else key


def json_path(path: tuple[str | int, ...]) -> str:
    """('answers', 'C01', 'evidence', 2) -> 'answers.C01.evidence[2]'; odd keys shown escaped."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = printable(part)
            out += f".{key}" if out else key
    return out


def check_json(data: Any, kind_of: Callable[[tuple[str | int, ...]], Kind] | None) -> list[Problem]:
    """Every refused string, key and number in a parsed JSON document, placed by its path; `kind_of`
    says what a string at a path is (keys are fields); without it only numbers are checked."""
    problems: list[Problem] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, v = stack.pop()
        if kind_of is None:
            if isinstance(v, _Number):
                problems.append(_number_problem(v, path))
            elif isinstance(v, dict | list):
                stack.extend(((*path, k), x) for k, x in (v.items() if isinstance(v, dict) else enumerate(v)))
            continue
        if isinstance(v, str):
            p = text_problem(v, kind_of(path), json_path(path))
            if p is not None:
                problems.append(p)
        elif isinstance(v, _Number):
            problems.append(_number_problem(v, path))
        elif isinstance(v, dict):
            for k, x in reversed(v.items()):
                p = text_problem(k, "field", json_path((*path, k)))
                if p is not None:
                    problems.append(p)
                stack.append(((*path, k), x))
        elif isinstance(v, list):
            if path and path[-1] == "evidence" and len(v) > EVIDENCE_COUNT_MAX:
                problems.append(Problem(msg("clean.too_many", n=len(v), limit=EVIDENCE_COUNT_MAX),
                                        json_path(path), fix=msg("clean.too_many.fix", limit=EVIDENCE_COUNT_MAX)))
            stack.extend(((*path, i), x) for i, x in reversed(list(enumerate(v))))
    return problems


def _number_problem(v: _Number, path: tuple[str | int, ...]) -> Problem:
    text = v.text if len(v.text) <= 24 else f"{v.text[:10]}…{v.text[-6:]}"
    return Problem(msg("clean.number", text=text, length=f"{len(v.text):,}"), json_path(path),
                   fix=msg("clean.number.fix", digits=INT_DIGITS_MAX))


def answer_kind(path: tuple[str | int, ...]) -> Kind:
    """What a string at `path` of an answer file is: a note, an evidence reference, a text answer,
    an entry of the change history, else a field."""
    if path and path[0] == "history":
        return "history"
    names = [p for p in path if isinstance(p, str)]
    last = names[-1] if names else ""
    if last in ("note", "comment"):  # a respondent's note, a reviewer's comment
        return "note"
    if last == "evidence":
        return "evidence"
    if last in ("value", "old", "new"):
        return "text"
    return "field"


def check_content(data: Any) -> list[Problem]:
    """The refused characters and numbers of a parsed questionnaire or source file (its texts are
    long and may break lines; only characters are checked)."""
    problems: list[Problem] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, v = stack.pop()
        if isinstance(v, str):
            fault = char_fault(v, multiline=True)
            if fault is not None:
                problems.append(Problem(fault[0], json_path(path), fix=fault[1]))
        elif isinstance(v, float) and not math.isfinite(v):
            problems.append(_number_problem(_Number(repr(v)), path))
        elif isinstance(v, dict):
            for k, x in reversed(v.items()):
                key = k if isinstance(k, str | int) else str(k)
                stack.append(((*path, key), x))
        elif isinstance(v, list):
            stack.extend(((*path, i), x) for i, x in reversed(list(enumerate(v))))
    return problems
