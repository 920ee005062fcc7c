"""Reading filled answer sheets: guard first, then the cells, answers matched by id.

`read_answer_sheet(path, questionnaire)` is what `assess score/report/compare/import` call for an
.xlsx; `read_checked(data, q, h, label, parts=...)` is the part the batch workers run on bytes the guard
has already passed. The cells are taken from the XML parts the guard inflated (see "fast reading":
the rows python-calamine would give, about three times faster); a workbook in a shape that path does
not read is read by python-calamine. Nothing is dropped silently: every cell that cannot be used becomes a `Problem`
placed at its cell (`Answers!E12`) with how to fix it, and the answers that can be used are kept.

Values are normalised before they are matched: NFKC (full-width digits and letters from Chinese
input methods), case, stray spaces, and a drop-down item may be given as its bare code (`3`, `yes`,
`na`) or its label alone. Free text (notes, evidence, text answers, the company's name) is kept as
typed.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from assess.answers import Answer, AnswerSet, Company, QuestionnaireRef, Respondent, Session, Value
from assess.excel import sheet_format as T
from assess.model import (
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
)
from assess.problems import Problem
from assess.rules import applies, check_answer, question_index

MAX_LISTED = 20
COMPANY_FIELDS = frozenset(T.COMPANY_FIELDS)
"""At most this many ids are named in one aggregated problem (e.g. unanswered questions)."""


class SheetError(Exception):
    """The file cannot be used at all; carries every problem found (a ContentError for the CLI).

    `code` names why, for counting: unreadable, not_answer_sheet, format, wrong_questionnaire,
    too_large."""

    def __init__(self, problems: list[Problem], code: str = "unreadable"):
        self.problems = problems
        self.code = code
        super().__init__("\n".join(str(p) for p in problems))


# --------------------------------------------------------------------------- normalising


def norm(text: str) -> str:
    """NFKC, case-folded, spaces collapsed, curly quotes straightened: for matching codes."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


def cell_text(v: object) -> str:
    """A cell as text, stripped; numbers without a spurious `.0`, dates as ISO 8601."""
    if v is None or v == "":
        return ""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    if isinstance(v, timedelta):
        return str(v)
    return str(v).strip()


_CODE_SPLIT = re.compile(r"\s*(?:—|–| - |:)\s*")


def code_part(text: str) -> str:
    """What stands before the label of a drop-down item (`3 — 集成级` -> `3`), normalised."""
    n = norm(text)
    parts = _CODE_SPLIT.split(n, maxsplit=1)
    return parts[0] if parts else n


def _numeric(v: object) -> float | None:
    """A number from a cell: a number, or text such as `４０`, `1,000`, `40 %`. None otherwise."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        s = unicodedata.normalize("NFKC", v).strip().replace(" ", "").rstrip("%")
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", s):
            s = s.replace(",", "")
        try:
            x = float(s)
        except ValueError:
            return None
        return x if math.isfinite(x) else None
    return None


def _tidy_number(x: float) -> int | float:
    return int(x) if x.is_integer() and abs(x) < 1e15 else x


# --------------------------------------------------------------------------- code tables


def _table(entries: dict[str, str]) -> dict[str, str]:
    return {norm(k): v for k, v in entries.items() if k}


STATUS_WORDS = _table({
    **{c: c for c in T.STATUS_CODES},
    **{T.WORDS[f"status.{c}"][loc]: c for c in T.STATUS_CODES for loc in ("zh", "en")},
    "n/a": "na", "n.a.": "na", "not applicable": "na", "不涉及": "na",
    "dont know": "dont_know", "don't know": "dont_know", "do not know": "dont_know", "unknown": "dont_know",
    "dk": "dont_know", "不清楚": "dont_know", "不知道": "dont_know", "未知": "dont_know",
    "answer": "answered", "已答": "answered", "回答": "answered", "已回答": "answered",
})
EVIDENCE_WORDS = _table({
    **{c: c for c in T.EVIDENCE_CODES},
    **{T.WORDS[f"evidence.{c}"][loc]: c for c in T.EVIDENCE_CODES for loc in ("zh", "en")},
    "声明": "declared", "文件": "documented", "有文件": "documented", "核实": "verified", "已核实": "verified",
    "stated": "declared",
    # the words of earlier answer sheets, which plants may still send back
    "仅声明": "declared", "stated only": "declared", "有文件支撑": "documented", "a document exists": "documented",
    "经第三方核实": "verified", "checked by a third party": "verified",
})
STATUS_EXACT = {T.item(c, T.WORDS[f"status.{c}"][loc]): c for c in T.STATUS_CODES for loc in ("zh", "en")}
EVIDENCE_EXACT = {T.item(c, T.WORDS[f"evidence.{c}"][loc]): c for c in T.EVIDENCE_CODES for loc in ("zh", "en")}
YES_EXACT = {T.item(c, T.WORDS[c][loc]): c for c in ("yes", "no") for loc in ("zh", "en")}
YES_WORDS = _table({"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "是": "yes", "有": "yes",
                    "✓": "yes", "✔": "yes", "x": "yes",
                    "no": "no", "n": "no", "false": "no", "0": "no", "否": "no", "无": "no", "没有": "no"})


def _lookup(text: str, table: dict[str, str]) -> str | None:
    """The code a cell means in `table`: its code part, or the whole text, or its label part."""
    n = norm(text)
    if n in table:
        return table[n]
    code = code_part(text)
    if code in table:
        return table[code]
    _, _, label = n.partition(T.SEP.strip())
    label = label.strip()
    return table.get(label) if label else None


@dataclass(slots=True)
class QuestionCodes:
    """How cell text maps to a question's values: option ids, levels, yes/no."""

    codes: dict[str, Any]
    allowed: str
    """The allowed values, for the fix of a problem."""
    exact: dict[str, Any] = field(default_factory=dict)
    """Drop-down items exactly as the template writes them (any language): the fast path."""
    ids: frozenset[str] = frozenset()
    """Option ids of a select question."""


_codes_cache: dict[int, tuple[QuestionBase, QuestionCodes]] = {}



def codes_of(question: QuestionBase) -> QuestionCodes:
    """The code table of a question, built once per question object."""
    hit = _codes_cache.get(id(question))
    if hit is not None and hit[0] is question:
        return hit[1]
    codes: dict[str, Any] = {}
    if isinstance(question, MaturityQuestion):
        for i, lev in enumerate(question.levels):
            codes[str(i)] = i
            for text in lev.descriptor.values():
                codes.setdefault(norm(text), i)
        allowed = f"a level 0–{len(question.levels) - 1} from the list"
    elif isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        for o in question.options:
            codes[norm(o.id)] = o.id
        for o in question.options:
            for text in o.label.values():
                codes.setdefault(norm(text), o.id)
        allowed = ", ".join(o.id for o in question.options)
    else:
        allowed = ""
    exact: dict[str, Any] = {}
    ids: frozenset[str] = frozenset()
    if isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        ids = frozenset(o.id for o in question.options)
    if isinstance(question, (SingleSelectQuestion, YesNoQuestion)):
        for loc in ("zh", "en"):
            for i, text in enumerate(T.value_items(question, loc) or []):
                exact[text] = question.options[i].id if isinstance(question, SingleSelectQuestion) else i == 0
    out = QuestionCodes(codes, allowed, exact, ids)
    _codes_cache[id(question)] = (question, out)
    return out


# --------------------------------------------------------------------------- workbook access


@dataclass(slots=True)
class Cell:
    sheet: str
    row: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.sheet}!{col_letter(self.col)}{self.row}"


def col_letter(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


_FORMULA = re.compile(
    rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)', re.S)
_BOOL_FORMULA = re.compile(r"^\s*(TRUE|FALSE)\s*(\(\s*\))?\s*$", re.I)


MAX_SHEET_BYTES = 8 * 1024 * 1024
"""Largest sheet XML the reader reads (a 150-question sheet is about 50 KB): a bigger one is refused
before python-calamine loads it, which costs some 30 bytes of memory per byte of XML."""
MAX_SHARED_BYTES = 16 * 1024 * 1024
"""Largest shared-strings part (python-calamine loads it whole when it opens the workbook)."""


class Package:
    """The zip inside a workbook the guard has passed: which part holds which sheet, and how big.

    `inflated` are the parts the guard has already inflated and checked (`GuardResult.parts`); any
    other part is read from the zip, which is opened only then."""

    def __init__(self, data: bytes, inflated: dict[str, bytes] | None = None) -> None:
        self.data = data
        self.inflated = inflated or {}
        self._archive: zipfile.ZipFile | None = None
        self._known = {n.lower(): n for n in self.inflated}
        self._all: dict[str, str] | None = None
        self.parts: dict[str, str] = {}
        """Sheet name -> zip member."""
        self.sheet_names: list[str] = []
        """Every sheet the workbook lists, in its order (as python-calamine lists them)."""
        self.plain_names = True
        """Whether every sheet name is plain text (no character reference) and has its part."""
        book = self._text("xl/workbook.xml")
        rels = self._text("xl/_rels/workbook.xml.rels")
        targets = {}
        for m in re.findall(r"<(?:\w+:)?Relationship\b([^>]*)>", rels):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m))
            if "Id" in attrs and "Target" in attrs:
                targets[attrs["Id"]] = attrs["Target"]
        self.shared = 0
        self.shared_member: str | None = None
        self.styles_member: str | None = None
        for target in targets.values():
            low = target.lower()
            if low.endswith("sharedstrings.xml"):
                member = self._member(target)
                if member is not None:
                    self.shared = self.file_size(member)
                    self.shared_member = member
            elif low.endswith("styles.xml"):
                self.styles_member = self._member(target)
        for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*)>", book):
            attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1)))
            raw = attrs.get("name", "")
            name = _xml_unescape(raw)
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            member = self._member(targets.get(rid, ""))
            self.sheet_names.append(name)
            if "&#" in raw or member is None:
                self.plain_names = False
            if not name:
                self.plain_names = False
            if name and member is not None:
                self.parts[name] = member

    @property
    def archive(self) -> zipfile.ZipFile:
        if self._archive is None:
            self._archive = zipfile.ZipFile(BytesIO(self.data))
        return self._archive

    def _text(self, part: str) -> str:
        member = self._resolve(part)
        return self.read(member).decode("utf-8", "replace") if member else ""

    def _resolve(self, lowered: str) -> str | None:
        member = self._known.get(lowered)
        if member is None:
            if self._all is None:
                self._all = {n.lower(): n for n in self.archive.namelist()}
            member = self._all.get(lowered)
        return member

    def _member(self, target: str) -> str | None:
        if not target:
            return None
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        return self._resolve(part.lower())

    def file_size(self, member: str) -> int:
        got = self.inflated.get(member)
        return len(got) if got is not None else self.archive.getinfo(member).file_size

    def read(self, member: str) -> bytes:
        got = self.inflated.get(member)
        return got if got is not None else self.archive.read(member)

    def size(self, sheet: str) -> int:
        member = self.parts.get(sheet)
        return self.file_size(member) if member else 0

    def xml(self, sheet: str) -> bytes:
        member = self.parts.get(sheet)
        return self.read(member) if member else b""


def formula_cells(pkg: Package, sheet_names: list[str]) -> dict[str, dict[tuple[int, int], str]]:
    """For each named sheet, the cells (row, col) that hold a formula, with its text.

    python-calamine returns only the cached results, so the sheet XML is searched directly; the
    guard has already refused any DTD, so a plain search is safe, and only a sheet whose XML has
    an `<f>` or `<f ...>` element is searched cell by cell. LibreOffice stores a typed TRUE or
    FALSE as the formula TRUE() or FALSE(): those are values, not formulas, and are left out.
    """
    out: dict[str, dict[tuple[int, int], str]] = {}
    for name in sheet_names:
        try:
            xml = pkg.xml(name)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError):
            continue
        if not _has_formula(xml):
            continue
        found: dict[tuple[int, int], str] = {}
        for f in _FORMULA.finditer(xml):
            text = _xml_unescape((f.group(4) or b"").decode("utf-8", "replace"))
            if _BOOL_FORMULA.match(text):
                continue
            if not text and b'"shared"' in f.group(3):
                text = "(shared formula)"
            found[int(f.group(2)), col_number(f.group(1).decode())] = text
        if found:
            out[name] = found
    return out




def _has_formula(xml: bytes) -> bool:
    """Whether a sheet's XML has an `<f>` element: one scan for `<f`, then a look at what follows
    (`<formula1>` of a data validation also starts so). A sheet written with a namespace prefix
    (`<x:worksheet>`) is searched with the full pattern."""
    at = xml.find(b"<f")
    while at >= 0:
        if xml[at + 2:at + 3] in (b">", b" ", b"/"):
            return True
        at = xml.find(b"<f", at + 2)
    head = xml[:400]
    return b":worksheet" in head and _FORMULA.search(xml) is not None


def _xml_unescape(s: str) -> str:
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


# --------------------------------------------------------------------------- fast reading
#
# python-calamine costs about 1.1 ms for an answer sheet (0.45 ms of it parsing the shared strings,
# some 110 KB of question text that every sheet of a questionnaire repeats) and inflates again what
# the guard has just inflated. The sheets LibreOffice, Excel, WPS and openpyxl write are simple, so
# the cells are taken from the guard's bytes here instead, giving exactly python-calamine's rows
# (`to_python(skip_empty_area=False)`): the same values, types, trimming, empty cells and extent.
# The decoded shared strings are kept per process, keyed by their XML, so a worker decodes the
# questionnaire's text once. Anything outside that plain shape (a namespace prefix, a cell without
# its reference, a comment or CDATA in text, a number formatted as a date, ...) raises `_Unusual`
# and the workbook is read by python-calamine as before. tests/excel/test_fast_reader.py compares both.
#
# The loop over the cells, the costliest step left, runs in C when assess/io/_cells.c was compiled at
# install (most installs: see hatch_build.py): it takes the commonest cells (empty, shared string,
# number, boolean, plain inline string) and hands any range holding another kind back to
# `_FastBook._parse`, which stays the definition. ASSESS_PURE_PYTHON=1 turns it off;
# tests/excel/test_cells_accel.py compares both.


_cells = None  # the C reader is gone; python-calamine replaces this fast path


class _Unusual(Exception):
    """The workbook is not in the plain shape the fast path reads: python-calamine reads it."""


_CACHE_ENTRIES = 100_000
"""Entries a cache holds before it starts again."""
_CACHE_KEY_BYTES = 4096
"""Longer texts (and attributes, headers) are decoded every time, not kept: the caches stay small (the
text cache under 40 MB) whatever the files hold."""
_TEXT_CACHE: dict[bytes, str] = {}
_STYLE_CACHE: dict[bytes, tuple[bool, ...] | None] = {}
_ATTR_CACHE: dict[bytes, tuple[bytes, int]] = {}
_COLUMNS: dict[bytes, int] = {bytes([65 + i]): i for i in range(26)}

# Possessive repeats (`*+`, `++`) throughout: none of them could give anything back to what follows it
# (`[^>/]*+` is always followed by `/` or `>`), and sre runs them about twice as fast as greedy ones.
_CELL_HEAD = rb'<c(?: r="([A-Z]{1,3}+)([0-9]{1,7}+)"([^>/]*+)(?:/>|><v>([^<]++)</v></c>|>(.*?)</c>)'
_EMPTY_CELL = rb'<c r="[A-Z]{1,3}+[0-9]{1,7}+"[^>/]*+/>'


def _cell_pattern(skip: bytes) -> re.Pattern[bytes]:
    """A cell: its column and row, its attributes after r, and either the text of a non-empty `<v>` alone
    or its whole content. Then, swallowed without a match of their own, the empty cells after it and the
    plain cells of the single-letter columns in `skip` below row 1 (columns the reader does not use: not
    read, so not checked either). Any other `<c` element (no r, r not first, an attribute holding a
    slash) matches the last branch, with no column: the sheet is then left to python-calamine."""
    swallow = _EMPTY_CELL
    if skip:
        swallow = rb'<c r="[' + skip + rb'](?!1")[0-9]{1,7}+"[^>/]*+(?:/>|>(?:<v>[^<]*+</v>)?</c>)|' + _EMPTY_CELL
    return re.compile(_CELL_HEAD + rb"(?:" + swallow + rb")*+|[\s/>])", re.S)


_CELL = _cell_pattern(b"")
_CELL_PATTERNS: dict[bytes, re.Pattern[bytes]] = {b"": _CELL}
_USED_KEYS = frozenset({"id", "question", "status", "value", "note", "evidence", "evidence_state"})
"""Columns the reader uses (see `_Reader.read_rows`); the others (pillar, guide) need not be read."""
_T_ELEMENT = re.compile(rb"<t(\s[^>]*)?(?:/>|>([^<]*)</t>)")
_PHONETIC = re.compile(rb"<rPh\b[^>]*/>|<rPh\b.*?</rPh>", re.S)
_CELL_FORMULA = re.compile(rb"<f(\s[^>]*)?(?:/>|>([^<]*)</f>)(<v>[^<]*</v>|<v\s*/>)?")
_CELL_ATTRS = re.compile(rb'(?: (?:s="[0-9]{1,6}"|t="[a-zA-Z]{1,9}"|cm="[0-9]+"|vm="[0-9]+"|ph="[a-z0-9]+"))*')
_NUMBER = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_XF = re.compile(rb"<xf\b([^>]*)>")
_NUM_FMT = re.compile(rb'<numFmt numFmtId="([0-9]+)" formatCode="([^"]*)"')
_PLAIN_FORMAT = re.compile(r"(?i:general)|[0#?.,%+\- ]*(?:[eE][+-][0#]+)?")
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
"""python-calamine's built-in date formats (calamine `is_builtin_date_format_id`)."""
MAX_RANGE_CELLS = 1_000_000
"""Largest used range (rows x columns) read: python-calamine allocates the whole range, so a sheet
holding A1 and XFD1048576 would need 512 GB, and the fast path makes a list per row, about 70 bytes
even when the row is one cell wide (a million rows: 130 MB). An answer sheet's range is about 2,000
cells."""


def _entity(m: re.Match[str]) -> str:
    hexa, dec, named = m.groups()
    if named:
        return _NAMED[named]
    n = int(hexa, 16) if hexa else int(dec)
    if n == 0 or 0xD800 <= n <= 0xDFFF or n > 0x10FFFF:
        raise _Unusual
    return chr(n)


def _xml_text(raw: bytes, escapes: bool = False) -> str:
    """Character data as XML has it: UTF-8, the five named entities and character references.
    Excel's `_xHHHH_` escapes are left as they are unless `escapes` (see `_excel_unescape`)."""
    if b"\r" in raw or (not escapes and b"_x" in raw):  # line-end normalisation: left to python-calamine
        raise _Unusual
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unusual from None
    if "&" in text:
        if text.count("&") != len(_ENTITY.findall(text)):
            raise _Unusual
        text = _ENTITY.sub(_entity, text)
    return text


def _rich_text(body: bytes) -> str:
    """The text of a shared or inline string (`<si>`/`<is>` content): its `<t>` runs, phonetic runs left
    out, each run trimmed of XML white space unless it says xml:space="preserve"."""
    if b"<!" in body or b"<?" in body:
        raise _Unusual
    if b"<rPh" in body:
        body = _PHONETIC.sub(b"", body)
    runs = _T_ELEMENT.findall(body)
    if len(runs) != body.count(b"<t"):
        raise _Unusual
    out = []
    for attrs, raw in runs:
        text = _xml_text(raw, True) if raw else ""
        if not (attrs and b"preserve" in attrs):
            text = text.strip(" \t\n\r")
        if "_x" in text:
            text = _EXCEL_ESCAPE.sub(_excel_unescape, text)
        out.append(text)
    return "".join(out)


def _excel_unescape(m: re.Match[str]) -> str:
    """`_x000D_` -> CR: how Excel writes characters XML cannot hold, decoded after trimming as
    python-calamine does."""
    n = int(m.group(1), 16)
    if 0xD800 <= n <= 0xDFFF:
        raise _Unusual
    return chr(n)


def _cached_text(key: bytes, body: bytes) -> str:
    text = _TEXT_CACHE.get(key)
    if text is None:
        text = _rich_text(body)
        if len(key) <= _CACHE_KEY_BYTES:
            if len(_TEXT_CACHE) >= _CACHE_ENTRIES:
                _TEXT_CACHE.clear()
            _TEXT_CACHE[key] = text
    return text


def _shared_strings(xml: bytes) -> list[str]:
    pieces = xml.split(b"<si>")
    head = pieces[0]
    at = head.find(b"<sst")
    if at < 0 or b"<si" in head or not head.rstrip().endswith(b">") or head.find(b">", at) != len(head.rstrip()) - 1:
        raise _Unusual
    del pieces[0]
    texts = list(map(_TEXT_CACHE.get, pieces))
    if None in texts:
        if len(pieces) != xml.count(b"<si"):  # an <si/> or <si attr=...>
            raise _Unusual
        for i, piece in enumerate(pieces):
            if texts[i] is None:
                end = piece.rfind(b"</si>")
                if end < 0 or piece[end + 5:].strip() not in (b"", b"</sst>"):
                    raise _Unusual
                texts[i] = _cached_text(piece, piece[:end])
    return texts  # type: ignore[return-value]


def _plain_styles(xml: bytes) -> tuple[bool, ...] | None:
    """For each cell format (`s`), whether python-calamine returns a number in it as a number (not a
    date or time); None when the styles are not in a shape read here."""
    if xml in _STYLE_CACHE:
        return _STYLE_CACHE[xml]
    keep = len(xml) <= 256 * 1024  # a real styles part: 12 kB
    out: tuple[bool, ...] | None = None
    a, b = xml.find(b"<cellXfs"), xml.find(b"</cellXfs>")
    custom = {int(i): code for i, code in _NUM_FMT.findall(xml)}
    if 0 <= a < b and len(custom) == xml.count(b"<numFmt "):
        plain: list[bool] | None = []
        for attrs in _XF.findall(xml, a, b):
            at = attrs.find(b' numFmtId="')
            digits = attrs[at + 11:attrs.find(b'"', at + 11)] if at >= 0 else b"0"
            if not (digits.isdigit() and len(digits) <= 9):
                plain = None  # not in a shape read here
                break
            fid = int(digits)
            code = custom.get(fid)
            if code is not None:
                plain.append(fid not in _DATE_FORMAT_IDS and _PLAIN_FORMAT.fullmatch(code.decode("ascii", "replace"))
                             is not None)
            else:
                plain.append(fid not in _DATE_FORMAT_IDS)
        out = None if plain is None else tuple(plain)
    if keep:
        if len(_STYLE_CACHE) >= 16:
            _STYLE_CACHE.clear()
        _STYLE_CACHE[xml] = out
    return out


_SHARED_KIND = (b"s", 0)
"""The kind of every shared-string cell (its format does not matter), so a test of identity finds them."""


def _cell_attrs(attrs: bytes) -> tuple[bytes, int]:
    """(type, format index) from a cell's attributes after r."""
    got = _ATTR_CACHE.get(attrs)
    if got is None:
        if _CELL_ATTRS.fullmatch(attrs) is None:
            raise _Unusual
        at = attrs.find(b' t="')
        kind = attrs[at + 4:attrs.index(b'"', at + 4)] if at >= 0 else b"n"
        at = attrs.find(b' s="')
        style = int(attrs[at + 4:attrs.index(b'"', at + 4)]) if at >= 0 else 0
        got = _SHARED_KIND if kind == b"s" else (kind, style)
        if len(attrs) <= 64:
            if len(_ATTR_CACHE) >= 4096:
                _ATTR_CACHE.clear()
            _ATTR_CACHE[attrs] = got
    return got


def _column(letters: bytes) -> int:
    n = _COLUMNS.get(letters)
    if n is None:
        n = 0
        for ch in letters:
            n = n * 26 + ch - 64
        n = _COLUMNS[letters] = n - 1
    return n


class _FastBook:
    """A workbook read from the guard's bytes (see above)."""

    def __init__(self, pkg: Package) -> None:
        if not pkg.plain_names:
            raise _Unusual
        self.pkg = pkg
        self._shared: list[str] | None = None
        self._refs: dict[bytes, str] | None = None
        self._plain: tuple[bool, ...] | None = None
        self._styles_read = False
        self._flags: bytes | None = None
        self._flags_known = False
        self.formulas: dict[str, dict[tuple[int, int], str]] = {}
        """Sheet -> (row, column) 1-based -> formula text, as `formula_cells` finds them."""

    def shared(self) -> list[str]:
        if self._shared is None:
            member = self.pkg.shared_member
            self._shared = _shared_strings(self.pkg.read(member)) if member else []
        return self._shared

    def plain(self) -> tuple[bool, ...]:
        if not self._styles_read:
            member = self.pkg.styles_member
            self._plain = _plain_styles(self.pkg.read(member)) if member else ()
            self._styles_read = True
            if self._plain is None:
                raise _Unusual
        return self._plain or ()

    def rows(self, sheet: str, every_column: bool = False) -> list[list[Any]]:
        """The sheet's cells as python-calamine's `to_python(skip_empty_area=False)` gives them, except
        that in a sheet whose header names its columns (Answers, Company), the columns the reader does
        not use are blank below row 1 (unless `every_column`)."""
        xml = self.pkg.xml(sheet)
        at = xml.find(b"<sheetData>")
        if at < 0:
            if xml.find(b"<sheetData/>") >= 0 and xml.find(b"<worksheet") >= 0:
                return []
            raise _Unusual
        end = xml.find(b"</sheetData>", at)
        if end < 0:
            raise _Unusual
        rows: list[list[Any]] = []
        formulas: dict[tuple[int, int], str] = {}
        split = xml.find(b"</row>", at, end)
        split = end if split < 0 else split + 6
        try:
            width = self._parse(xml, at + 11, split, _CELL, rows, formulas, 0)  # the header row, whole
            header = list(rows[0]) if rows else []
            skip = b"" if every_column else _unused_columns(header)
            pattern = _CELL_PATTERNS.get(skip)
            if pattern is None:
                if len(_CELL_PATTERNS) >= 32:
                    _CELL_PATTERNS.clear()
                    _CELL_PATTERNS[b""] = _CELL
                pattern = _CELL_PATTERNS[skip] = _cell_pattern(skip)
            width = self._parse(xml, split, end, pattern, rows, formulas, width, skip)
        except _TooLarge as e:
            raise _TooLarge(sheet, e.top, e.width) from None
        if skip and rows[0] != header:
            raise _Unusual  # row 1 written in two pieces: the columns were chosen on half of it
        if formulas:
            self.formulas[sheet] = formulas
        if not rows:
            return []
        if len(rows) * width > MAX_RANGE_CELLS:
            raise _TooLarge(sheet, len(rows), width)
        for line in rows:
            if len(line) < width:
                line.extend([""] * (width - len(line)))
        return rows

    def _parse(self, xml: bytes, start: int, end: int, pattern: re.Pattern[bytes], rows: list[list[Any]],
               formulas: dict[tuple[int, int], str], width: int, skip: bytes = b"") -> int:
        """Put the cells of xml[start:end] into `rows`; returns the width so far. A row is started
        `width` wide, so that most cells are a single store. `pattern` is `_cell_pattern(skip)`."""
        if _cells is not None and (shared := self._shared_or_none()) is not None:
            got = _cells.parse(xml, start, end, shared, self._plain_flags(), skip, len(rows), width, MAX_RANGE_CELLS)
            if got is not None:
                rows.extend(got[0])
                return got[1]
        found = pattern.findall(xml, start, end)
        if not found:
            return width
        refs = self.refs()
        attr_cache, columns, shared_kind = _ATTR_CACHE, _COLUMNS, _SHARED_KIND
        row_key = b""
        line: list[Any] = []
        for letters, row, attrs, value, body in found:
            if value:
                kind = attr_cache.get(attrs)
                if kind is shared_kind:
                    got: Any = refs.get(value)
                    if got is None:
                        got = self._shared_at(value)
                else:
                    if kind is None:
                        kind = _cell_attrs(attrs)
                    got = self._shared_at(value) if kind is shared_kind else self._value(kind, value)
            elif body:
                got = self._body(letters, row, attrs, body, formulas)
                if got is _NO_CELL:
                    continue
            elif letters:
                continue  # an empty cell
            else:
                raise _Unusual
            if row != row_key:
                r = int(row) - 1
                if r < 0:
                    raise _Unusual
                if r >= len(rows) and (r + 1) * max(width, 1) > MAX_RANGE_CELLS:
                    raise _TooLarge("", r + 1, max(width, _column(letters) + 1))  # before making its rows
                while len(rows) <= r:
                    rows.append([""] * width)
                line = rows[r]
                row_key = row
            try:  # the usual case: a known column inside the row (a second value for the same cell: the
                line[columns[letters]] = got  # last one counts, as in python-calamine)
            except (KeyError, IndexError):
                c = _column(letters)
                if c < len(line):
                    line[c] = got
                else:
                    if c >= width:
                        if len(rows) * (c + 1) > MAX_RANGE_CELLS:
                            raise _TooLarge("", len(rows), c + 1) from None  # before widening its rows
                        width = c + 1
                    line.extend([""] * (c - len(line)))
                    line.append(got)
        return width

    def _shared_or_none(self) -> list[str] | None:
        """The shared strings for the C reader; None when they cannot be read here (the Python loop
        then raises as soon as the range holds a cell, as it would have)."""
        try:
            return self.shared()
        except Exception:  # whatever it is, the Python loop meets it again at the range's first cell
            return None

    def _plain_flags(self) -> bytes | None:
        """`plain()` as bytes for the C reader; None when the styles cannot be read here (left unread,
        so that the Python loop raises at the first number, as it would have)."""
        if not self._flags_known:
            self._flags_known = True
            try:
                self._flags = bytes(self.plain())
            except Exception:  # the Python loop meets it again at the first number, where it would have
                self._styles_read, self._plain = False, None
        return self._flags

    def refs(self) -> dict[bytes, str]:
        """The shared strings by the text of their index (`b"12"`), as a cell's `<v>` gives it; at most
        the first `_INDEX_KEYS_MAX` (a cell naming a later one takes `_shared_at`)."""
        if self._refs is None:
            shared = self.shared()
            self._refs = dict(zip(_index_keys(len(shared)), shared))
        return self._refs

    def _shared_at(self, v: bytes) -> str:
        """The shared string a `<v>` names in some other way (`007`), or out of range: _Unusual."""
        i = _index_of(v)
        shared = self.shared()
        if i >= len(shared):
            raise _Unusual
        return shared[i]

    def _value(self, kind: tuple[bytes, int], v: bytes) -> Any:
        """The value of a cell whose content is `<v>v</v>`, other than a shared string (`_NO_CELL`: none)."""
        t, style = kind
        if t == b"n":
            if not v:
                return _NO_CELL
            plain = self._plain if self._styles_read else self.plain()
            if not (plain[style] if style < len(plain) else style == 0 and not plain) or _NUMBER.fullmatch(v) is None:
                raise _Unusual
            return float(v)
        if t == b"str":
            return _xml_text(v)
        if t == b"b":
            if v in (b"1", b"true"):
                return True
            if v in (b"0", b"false"):
                return False
        elif t == b"e" and v:
            return ""
        raise _Unusual

    def _body(self, letters: bytes, row: bytes, attrs: bytes, body: bytes,
              formulas: dict[tuple[int, int], str]) -> Any:
        """The value of a cell with a formula or an inline string (or empty content)."""
        kind = _ATTR_CACHE.get(attrs) or _cell_attrs(attrs)
        if body == b"<v></v>":
            return _NO_CELL if kind is _SHARED_KIND else self._value(kind, b"")
        if body[:2] == b"<f":
            m = _CELL_FORMULA.fullmatch(body)
            if m is None:
                raise _Unusual
            f_attrs, f_text, value = m.groups()
            text = _xml_unescape((f_text or b"").decode("utf-8", "replace"))
            if not _BOOL_FORMULA.match(text):
                if not text and f_attrs and b'"shared"' in f_attrs:
                    text = "(shared formula)"
                formulas[int(row), _column(letters) + 1] = text
            if not value or value[-2:] == b"/>":  # no cached value (openpyxl writes <v />)
                return _NO_CELL
            v = value[3:-4]
            if kind is _SHARED_KIND:
                return self._shared_at(v) if v else _NO_CELL
            return self._value(kind, v)
        if body[:4] == b"<is>" and body[-5:] == b"</is>" and kind[0] == b"inlineStr":
            return _cached_text(body, body[4:-5])
        raise _Unusual


_NO_CELL = object()
_INDEXES: dict[bytes, int] = {}
_INDEX_KEYS: tuple[bytes, ...] = ()
"""b"0", b"1", ...: the keys of `_FastBook.refs`, made once per process and replaced whole when more
are needed (never changed in place: a thread reading it sees one complete tuple)."""
_INDEX_KEYS_MAX = _CACHE_ENTRIES
"""At most this many keys are kept (5 MB); an answer sheet's table holds about 800 strings."""


def _index_keys(count: int) -> tuple[bytes, ...]:
    global _INDEX_KEYS
    keys = _INDEX_KEYS
    if len(keys) < count and len(keys) < _INDEX_KEYS_MAX:
        keys = tuple(str(i).encode() for i in range(min(max(count, 2 * len(keys), 1024), _INDEX_KEYS_MAX)))
        _INDEX_KEYS = keys
    return keys


def _unused_columns(header: list[Any]) -> bytes:
    """The single-letter columns of a header row naming a column the reader does not use (pillar,
    guide), when the row names an id column; else nothing."""
    key = tuple(header[:26])
    got = _UNUSED_CACHE.get(key)
    if got is None:
        keys = [HEADER_KEYS.get(norm(v)) if isinstance(v, str) and v else None for v in key]
        got = b"" if "id" not in keys else bytes(65 + i for i, k in enumerate(keys)
                                                 if k is not None and k not in _USED_KEYS)
        if sum(len(v) for v in key if isinstance(v, str)) <= _CACHE_KEY_BYTES:
            if len(_UNUSED_CACHE) >= 256:
                _UNUSED_CACHE.clear()
            _UNUSED_CACHE[key] = got
    return got


_UNUSED_CACHE: dict[tuple[Any, ...], bytes] = {}


def _index_of(v: bytes) -> int:
    if not v.isdigit() or len(v) > 9:
        raise _Unusual
    i = int(v)
    if len(_INDEXES) < _CACHE_ENTRIES:
        _INDEXES[v] = i
    return i


class _TooLarge(Exception):
    def __init__(self, sheet: str, top: int, width: int) -> None:
        self.sheet, self.top, self.width = sheet, top, width
        super().__init__(sheet)


# --------------------------------------------------------------------------- the reader


@dataclass(slots=True)
class Pin:
    """What the Meta sheet says the sheet was made from."""

    format: str = ""
    id: str = ""
    version: str = ""
    sha256: str = ""
    locale: str = ""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """Row id -> fingerprint of its text, as written."""

    def ref(self) -> QuestionnaireRef:
        return QuestionnaireRef(id=self.id, version=self.version, sha256=self.sha256)


@dataclass(slots=True)
class Located:
    """One sheet found in the workbook."""

    name: str
    rows: list[list[Any]]


HEADER_KEYS: dict[str, str] = {}
for _key in ("id", "pillar", "question", "item", "status", "value", "note", "evidence", "evidence_state", "guide"):
    HEADER_KEYS[norm(_key)] = "question" if _key == "item" else _key
    for _loc in ("zh", "en"):
        HEADER_KEYS[norm(T.WORDS[f"col.{_key}"][_loc])] = "question" if _key == "item" else _key
HEADER_KEYS[norm("evidence state")] = "evidence_state"


_HEADER_CACHE: dict[tuple[Any, ...], dict[str, int]] = {}


def _header_map(row: list[Any]) -> dict[str, int]:
    """Column key -> 0-based index, from a header row in any language."""
    key = tuple(row)
    got = _HEADER_CACHE.get(key)
    if got is None:
        got = {}
        for i, v in enumerate(row):
            if isinstance(v, str) and v:
                name = HEADER_KEYS.get(norm(v))
                if name and name not in got:
                    got[name] = i
        if len(key) <= 64 and sum(len(v) for v in key if isinstance(v, str)) <= _CACHE_KEY_BYTES:
            if len(_HEADER_CACHE) >= 256:
                _HEADER_CACHE.clear()
            _HEADER_CACHE[key] = got
    return dict(got)


class _Reader:
    """One sheet's reading: collects answers and problems."""

    def __init__(self, q: Questionnaire, sha256: str, label: str, formulas: dict[str, dict[tuple[int, int], str]]):
        self.q = q
        self.sha256 = sha256
        self.label = label
        self.formulas = formulas
        self.problems: list[Problem] = []
        self.by_id = _index(q)
        self.seen: dict[str, tuple[str, int, int]] = {}
        """Row id -> (sheet, row, column) of its id cell."""
        self.texts: dict[str, tuple[str, str, int, int]] = {}
        """Row id -> (its question text, sheet, row, column)."""
        self.main: dict[str, tuple[Any, ...]] = {}
        """Question -> (status, value, note, evidence, evidence state, row, sheet) of its row."""
        self.subs: dict[str, dict[str, tuple[Any, str, int, int]]] = {}
        """Multi-select question -> option -> (value, sheet, row, column)."""
        self.conflicted: set[str] = set()
        self.rejected: set[str] = set()
        self.company: dict[str, str] = {}
        self.where_of: dict[str, tuple[str, int, int]] = {}
        """Question id -> (sheet, row, column) of its answer cell."""
        self.columns_of: dict[str, tuple[int, int | None, int | None]] = {}
        """Sheet -> 1-based columns of the value, status and evidence state."""

    def add(self, message: str, cell: Cell | tuple | str | None = None, severity: str = "error",
            fix: str = "") -> None:
        if cell.__class__ is tuple:
            cell = Cell(*cell)
        self.problems.append(Problem(message, str(cell) if cell is not None else "", self.label, severity, fix))

    # ---- cells

    def value(self, sheet: str, rows: list[list[Any]], r: int, c: int | None) -> Any:
        """A cell's value (r, c 0-based), or "" when it holds a formula (reported once)."""
        if c is None:
            return ""
        row = rows[r]
        v = row[c] if c < len(row) else ""
        f = self.formulas.get(sheet)
        if f:
            text = f.get((r + 1, c + 1))
            if text is not None:
                self.add(f"a formula ({'=' + text if not text.startswith('(') else text}) instead of a value; "
                         "its result is not used", Cell(sheet, r + 1, c + 1),
                         fix="type the value itself (or choose it from the drop-down)")
                return ""
        return v

    # ---- rows

    def read_rows(self, sheet: Located, columns: dict[str, int], kind: str) -> None:
        rows = sheet.rows
        name = sheet.name
        width = len(rows[0]) if rows else 0

        def col(key: str) -> int | None:
            c = columns.get(key)
            return c if c is not None and c < width else None

        c_id = columns["id"]
        c_text, c_status, c_value = col("question"), col("status"), col("value")
        c_note, c_evidence, c_state = col("note"), col("evidence"), col("evidence_state")
        inputs = [c for c in (c_status, c_value, c_note, c_evidence, c_state) if c is not None]
        has_formulas = bool(self.formulas.get(name))
        self.columns_of[name] = (c_value + 1 if c_value is not None else 0,
                                 c_status + 1 if c_status is not None else None,
                                 c_state + 1 if c_state is not None else None)
        value_col = self.columns_of[name][0]
        for row in rows:
            row.append("")  # column -1: what a missing column reads as
        i_status, i_value, i_note, i_evidence, i_state = (
            c if c is not None else -1 for c in (c_status, c_value, c_note, c_evidence, c_state))
        texts, seen, main, by_id, sub = self.texts, self.seen, self.main, self.by_id, T.SUB
        for r in range(1, len(rows)):
            row = rows[r]
            rid = row[c_id]
            if rid.__class__ is not str:
                rid = cell_text(rid)
            else:
                rid = rid.strip()
            if not rid:
                if any(cell_text(row[c]) for c in inputs):
                    self.add("an answer in a row without a question id; it cannot be matched and is not read",
                             Cell(name, r + 1, c_id + 1),
                             fix="restore the id in this row (copy it from a fresh template), or clear the row")
                continue
            if not rid.isascii():
                rid = unicodedata.normalize("NFKC", rid).strip()
            if has_formulas:
                get = self.value
                values = (get(name, rows, r, c_status), get(name, rows, r, c_value), get(name, rows, r, c_note),
                          get(name, rows, r, c_evidence), get(name, rows, r, c_state), r + 1, name)
            else:
                values = (row[i_status], row[i_value], row[i_note], row[i_evidence], row[i_state], r + 1, name)
            if c_text is not None and rid not in texts:
                text = row[c_text]
                texts[rid] = (text.strip() if text.__class__ is str else cell_text(text), name, r + 1, c_text + 1)
            if rid in seen:
                self._duplicate(rid, values, Cell(name, r + 1, c_id + 1))
                continue
            seen[rid] = (name, r + 1, c_id + 1)
            if rid in COMPANY_FIELDS:
                self.company[rid] = cell_text(values[1]) if not isinstance(values[1], str) else values[1].strip()
                continue
            qid, sep, opt = rid.partition(sub)
            question = by_id.get(qid)
            if question is None:
                self.add(f"unknown question id {rid!r}: not in {self.q.ref}; the row is not read",
                         Cell(name, r + 1, c_id + 1),
                         fix="restore the original id, or delete the row if it was added")
                continue
            if sep:
                if not isinstance(question, MultiSelectQuestion):
                    self.add(f"{qid} is not a multi-select question; row {rid!r} is not read",
                             Cell(name, r + 1, c_id + 1),
                             fix="restore the original id")
                    continue
                codes = codes_of(question)
                option = opt if opt in codes.ids else codes.codes.get(norm(opt))
                if option is None or (option != opt and norm(opt) != norm(option)):
                    self.add(f"unknown option {opt!r} of {qid}; the row is not read",
                         Cell(name, r + 1, c_id + 1),
                             fix=f"restore the original id; the options are {codes_of(question).allowed}")
                    continue
                self.subs.setdefault(qid, {})[option] = (values[1], name, r + 1, value_col)
            else:
                main[qid] = values

    def _duplicate(self, rid: str, values: tuple[Any, ...], cell: Cell) -> None:
        first = Cell(*self.seen[rid])
        qid = rid.partition(T.SUB)[0]
        if rid in COMPANY_FIELDS:
            earlier = self.company.get(rid, "")
            same = cell_text(values[1]) == cell_text(earlier)
        elif T.SUB in rid:
            opt = rid.partition(T.SUB)[2]
            earlier_value = self.subs.get(qid, {}).get(opt, ("",))[0]
            same = cell_text(values[1]) == cell_text(earlier_value)
        else:
            before = self.main.get(qid)
            same = all(cell_text(values[k]) == cell_text(before[k] if before is not None else None)
                       for k in range(5))
        if same:
            self.add(f"{rid} appears twice (rows {first.row} and {cell.row}) with the same answer; read once",
                     cell, "warning", fix="delete the copied row")
        else:
            self.add(f"{rid} appears twice (rows {first.row} and {cell.row}) with different answers; "
                     f"neither is used", cell, fix="delete the row that is wrong")
            self.conflicted.add(qid)

    # ---- answers

    def build_answers(self) -> dict[str, Answer]:
        out: dict[str, Answer] = {}
        for qid in list(dict.fromkeys([*self.main, *self.subs])):
            if qid in self.conflicted:
                self.rejected.add(qid)
                continue
            question = self.by_id[qid]
            answer = self._answer(question, self.main.get(qid), self.subs.get(qid, {}))
            if answer is not None:
                out[qid] = answer
        return out

    def _answer(self, question: QuestionBase, main: tuple[Any, ...] | None,
                subs: dict[str, tuple[Any, Cell]]) -> Answer | None:
        qid = question.id
        if main is not None:
            raw_status, raw, note, evidence, raw_state, row, sheet = main
            value_col, status_col, state_col = self.columns_of[sheet]
            status_cell = (sheet, row, status_col) if status_col else None
            value_cell: tuple | None = (sheet, row, value_col)
        else:
            raw_status = raw = note = evidence = raw_state = None
            sheet, row, state_col = "", 0, None
            status_cell = value_cell = None
            if subs:
                value_cell = next(iter(subs.values()))[1:]
        self.where_of[qid] = value_cell or self.seen[qid]

        status_raw = raw_status.strip() if raw_status.__class__ is str else cell_text(raw_status)
        status: str | None = None
        if status_raw:
            status = STATUS_EXACT.get(status_raw) or _lookup(status_raw, STATUS_WORDS)
            if status is None:
                choices = "answered, don't know" + (", not applicable" if question.allow_na else "")
                self.add(f"{qid}: status {status_raw!r} is not one of the list; the answer is not used",
                         status_cell, fix=f"choose {choices}")
                self.rejected.add(qid)
                return None

        note = (note.strip() if note.__class__ is str else cell_text(note)) if note else ""
        evidence = _evidence(evidence) if evidence else []
        state = EvidenceState.declared
        state_raw = (raw_state.strip() if raw_state.__class__ is str else cell_text(raw_state)) if raw_state else ""
        if state_raw:
            code = EVIDENCE_EXACT.get(state_raw) or _lookup(state_raw, EVIDENCE_WORDS)
            if code is None:
                self.add(f"{qid}: evidence state {state_raw!r} is not one of the list; read as 'declared'",
                         (sheet, row, state_col) if state_col else None, "warning",
                         fix="choose declared, documented or verified")
            else:
                state = _EVIDENCE_STATES[code]

        # the value
        value: Value = None
        has_value = False
        multi = question.__class__ is MultiSelectQuestion or isinstance(question, MultiSelectQuestion)
        if multi:
            value, has_value, ok = self._multi(question, main, subs, value_cell)  # type: ignore[arg-type]
            if not ok:
                self.rejected.add(qid)
                return None
        elif (raw.strip() if raw.__class__ is str else cell_text(raw)):
            has_value = True
            value, why, warn = parse_value(question, raw)
            if why is not None and status in (None, "answered"):
                self.add(f"{qid}: {why}; the answer is not used", value_cell, fix=_fix_for(question))
                self.rejected.add(qid)
                return None
            if warn:
                self.add(f"{qid}: {warn}", value_cell, "warning", fix=_fix_for(question))

        if status is None:
            if not has_value:
                if note or evidence:
                    self.add(f"{qid}: a note or evidence but no answer; they are not recorded", value_cell,
                             "warning", fix="give the answer, or choose don't know")
                return None
            status = "answered"
        elif status == "answered" and not has_value:
            self.add(f"{qid}: status is 'answered' but no answer is given; counted as unanswered", value_cell,
                     "warning", fix="give the answer, or choose don't know")
            self.rejected.add(qid)
            return None
        elif status != "answered" and has_value:
            self.add(f"{qid}: the answer is ignored because the status is {status!r}", value_cell, "notice",
                     fix="clear the answer, or clear the status to use it")
            value = None
        if status != "answered":
            value = None
        answer = Answer.of_checked(status, value, note, evidence, state)  # each field parsed above
        # parse_value has checked an answered value already, but not N/A nor a multi select's options
        why = check_answer(question, answer) if status == "na" or multi else None
        if why is not None:
            self.add(f"{qid}: {why}; the answer is not used", status_cell if status != "answered" else value_cell,
                     fix=_fix_for(question) if status == "answered" else "choose answered or don't know")
            self.rejected.add(qid)
            return None
        return answer

    def _multi(self, question: MultiSelectQuestion, main: tuple[Any, ...] | None, subs: dict[str, tuple[Any, Cell]],
               value_cell: Cell | None) -> tuple[Value, bool, bool]:
        """(chosen option ids, whether anything was given, whether it is usable)."""
        qid = question.id
        chosen: list[str] = []
        given = False
        ok = True
        for o in question.options:
            if o.id not in subs:
                continue
            raw = subs[o.id][0]
            cell = subs[o.id][1:]
            text = cell_text(raw)
            if not text:
                continue
            given = True
            if isinstance(raw, bool):
                yes = raw
            else:
                code = YES_EXACT.get(raw) or _lookup(text, YES_WORDS)
                if code is None:
                    self.add(f"{qid}:{o.id}: {text!r} is not yes or no", cell,
                             fix="choose yes, or leave the cell blank")
                    ok = False
                    continue
                yes = code == "yes"
            if yes:
                chosen.append(o.id)
        typed = cell_text(main[1]) if main else ""
        if typed:
            codes = codes_of(question).codes
            items = [t for t in re.split(r"[,，、;；\n]+", typed) if t.strip()]
            picked = []
            for t in items:
                code = codes.get(code_part(t)) or codes.get(norm(t))
                if code is None:
                    self.add(f"{qid}: {t.strip()!r} is not an option", value_cell,
                             fix=f"choose yes on the option rows below; the options are {codes_of(question).allowed}")
                    ok = False
                else:
                    picked.append(code)
            if given and set(picked) != set(chosen):
                self.add(f"{qid}: the options typed in the answer cell differ from those chosen on the option rows",
                         value_cell, fix="clear the answer cell and choose on the option rows")
                ok = False
            elif not given:
                chosen = [o.id for o in question.options if o.id in picked]
                given = bool(picked)
        return chosen, given, ok


def _free_text(v: object) -> str:
    if isinstance(v, str):
        return v.strip()
    return cell_text(v)


_EVIDENCE_SPLIT = re.compile(r"[\n;；]+")
_EVIDENCE_STATES = {s.value: s for s in EvidenceState}


def _evidence(v: object) -> list[str]:
    text = _free_text(v)
    if not text:
        return []
    return [part.strip() for part in _EVIDENCE_SPLIT.split(text) if part.strip()]


def _fix_for(question: QuestionBase) -> str:
    if isinstance(question, MaturityQuestion):
        return "choose a level 0–5 from the drop-down"
    if isinstance(question, YesNoQuestion):
        return "choose yes or no"
    if isinstance(question, PercentageQuestion):
        return "type a number from 0 to 100"
    if isinstance(question, NumberQuestion):
        lo = f"{question.min:g}" if question.min is not None else "any"
        hi = f"{question.max:g}" if question.max is not None else "any"
        return f"type a number (from {lo} to {hi})"
    if isinstance(question, SingleSelectQuestion):
        return f"choose one of {codes_of(question).allowed} from the drop-down"
    if isinstance(question, TextQuestion):
        return "shorten the text" if question.max_length else "type text"
    return "choose from the drop-down"


def parse_value(question: QuestionBase, raw: object) -> tuple[Value, str | None, str | None]:
    """(value, why it is not allowed or None, a warning or None) for a value cell."""
    if raw.__class__ is str:  # the fast path: a drop-down item exactly as the template wrote it
        if isinstance(question, MaturityQuestion):
            if len(raw) > 4 and raw[1:4] == T.SEP and "0" <= raw[0] <= "9" and int(raw[0]) < len(question.levels):
                return int(raw[0]), None, None
        else:
            hit = codes_of(question).exact.get(raw)
            if hit is not None:
                return hit, None, None
    text = cell_text(raw)
    if isinstance(question, MaturityQuestion):
        x = _numeric(raw) if not isinstance(raw, str) else None
        if x is None:
            code = code_part(text)
            level = codes_of(question).codes.get(code)
            if level is None:
                level = codes_of(question).codes.get(norm(text))
            if level is None:
                x = _numeric(code)
            else:
                return level, None, None
        if x is None or not x.is_integer() or not 0 <= x < len(question.levels):
            return None, f"{text!r} is not a level 0–{len(question.levels) - 1}", None
        return int(x), None, None
    if isinstance(question, YesNoQuestion):
        if isinstance(raw, bool):
            return raw, None, None
        code = _lookup(text, YES_WORDS)
        if code is None:
            return None, f"{text!r} is not yes or no", None
        return code == "yes", None, None
    if isinstance(question, PercentageQuestion):
        x = _numeric(raw)
        if x is None:
            return None, f"{text!r} is not a number", None
        if not 0 <= x <= 100:
            return None, f"{_tidy_number(x)} is outside 0–100", None
        warn = None
        if 0 < x < 1:
            warn = (f"{x:g} read as {x:g} %; if the cell was formatted as a percentage and {x * 100:g} % "
                    "was meant, type the number of per cent instead")
        return _tidy_number(x), None, warn
    if isinstance(question, NumberQuestion):
        x = _numeric(raw)
        if x is None:
            return None, f"{text!r} is not a number", None
        value = _tidy_number(x)
        if question.min is not None and x < question.min:
            return None, f"{value} is below the minimum {question.min:g}", None
        if question.max is not None and x > question.max:
            return None, f"{value} is above the maximum {question.max:g}", None
        return value, None, None
    if isinstance(question, SingleSelectQuestion):
        codes = codes_of(question).codes
        code = codes.get(code_part(text))
        if code is None:
            code = codes.get(norm(text))
        if code is None:
            return None, f"{text!r} is not one of {codes_of(question).allowed}", None
        return code, None, None
    if isinstance(question, TextQuestion):
        value = raw.strip() if isinstance(raw, str) else text
        if question.max_length is not None and len(value) > question.max_length:
            return None, f"the text is longer than {question.max_length} characters", None
        return value, None, None
    return None, "this question cannot be answered in a sheet", None


# --------------------------------------------------------------------------- whole workbook

_index_cache: dict[int, tuple[Questionnaire, dict[str, QuestionBase]]] = {}
_layout_cache: dict[tuple[int, str], tuple[Questionnaire, dict[str, tuple[str, int, str, str]]]] = {}


def _index(q: Questionnaire) -> dict[str, QuestionBase]:
    hit = _index_cache.get(id(q))
    if hit is None or hit[0] is not q:
        hit = (q, question_index(q))
        _index_cache[id(q)] = hit
    return hit[1]


def expected_rows(q: Questionnaire, locale: str) -> dict[str, tuple[str, int, str, str]]:
    """Row id -> (sheet, row, fingerprint, text) as the template lays them out for `locale`."""
    key = (id(q), locale)
    hit = _layout_cache.get(key)
    if hit is None or hit[0] is not q:
        lay = T.layout(q, locale)
        rows: dict[str, tuple[str, int, str]] = {}
        r = 2
        for row in lay.company:
            if row.question is not None and r == 2 + len(T.COMPANY_FIELDS):
                r += 1  # the profile heading
            rows[row.id] = (T.COMPANY, r, T.fingerprint(row.text), row.text.strip())
            r += 1
        for i, row in enumerate(lay.answers, start=2):
            rows[row.id] = (T.ANSWERS, i, T.fingerprint(row.text), row.text.strip())
        hit = (q, rows)
        _layout_cache[key] = hit
    return hit[1]


def _guess_locale(rows: list[list[Any]], q: Questionnaire) -> str:
    """The language of a sheet without its Meta, from its header row."""
    head = norm(cell_text(rows[0][0])) if rows and rows[0] else ""
    for loc in q.locales:
        if head == norm(T.WORDS["col.id"].get(loc, "")):
            return loc
    return q.locales[0] if q.locales else "zh"


_PIN_KEYS = {"format": "format", "questionnaire_id": "id", "questionnaire_version": "version",
             "questionnaire_sha256": "sha256", "locale": "locale"}


def read_pin(rows: list[list[Any]], fingerprints: bool = True) -> Pin:
    """The Meta sheet's keys and (unless not wanted: see `meta_fingerprints`) row fingerprints."""
    pin = Pin()
    for row in rows:
        if len(row) < 2:
            continue
        k = row[0]
        if k in _PIN_KEYS:
            setattr(pin, _PIN_KEYS[k], cell_text(row[1]))
    if fingerprints:
        pin.fingerprints = meta_fingerprints(rows)
    return pin


def meta_fingerprints(rows: list[list[Any]]) -> dict[str, str]:
    """Row id -> fingerprint of its text, from the Meta sheet (needed only when a text differs from the
    template's, so the reader parses them then)."""
    out: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and row[0] == T.FINGERPRINTS and isinstance(row[1], str):
            for pair in row[1].split(";"):
                rid, _, fp = pair.partition("=")
                if rid:
                    out[rid] = fp
    return out


def _find_sheets(load: Callable[[str], list[list[Any]]], names: list[str], too_big: set[str]
                 ) -> dict[str, tuple[str, list[list[Any]]] | None]:
    """The Answers, Company and Meta sheets by name, else by content (a renamed sheet). `load(name)`
    gives a sheet's rows; sheets in `too_big` are never loaded."""
    found: dict[str, tuple[str, list[list[Any]]] | None] = {}
    cache: dict[str, list[list[Any]]] = {}

    def rows_of(name: str) -> list[list[Any]]:
        if name not in cache:
            cache[name] = load(name)
        return cache[name]

    for want in (T.ANSWERS, T.COMPANY, T.META):
        if want in names:
            found[want] = (want, rows_of(want))
            continue
        lowered = {n.strip().casefold(): n for n in names}
        if want.casefold() in lowered:
            n = lowered[want.casefold()]
            found[want] = (n, rows_of(n))
            continue
        found[want] = None
    # renamed: recognise by content among the sheets not matched
    used = {v[0] for v in found.values() if v}
    for want in (T.ANSWERS, T.COMPANY, T.META):
        if found[want] is not None:
            continue
        for n in names:
            if n in used or n in (T.INSTRUCTIONS, T.LISTS) or n in too_big:
                continue
            rows = rows_of(n)
            if not rows:
                continue
            if want == T.META:
                if rows and rows[0] and cell_text(rows[0][0]) == "format":
                    found[want] = (n, rows)
            else:
                head = _header_map(rows[0])
                if "id" in head and "value" in head:
                    is_answers = "status" in head
                    if is_answers == (want == T.ANSWERS):
                        found[want] = (n, rows)
            if found[want] is not None:
                used.add(n)
                break
    return found


def _calamine_sheets(data: bytes, pkg: Package, too_big: set[str], label: str
                     ) -> tuple[list[str], dict[str, tuple[str, list[list[Any]]] | None]]:
    """The sheets read by python-calamine, for a workbook the fast path does not read."""
    from python_calamine import CalamineError, CalamineWorkbook

    def load(name: str) -> list[list[Any]]:
        _check_range(pkg, name)
        return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)

    try:
        wb = CalamineWorkbook.from_filelike(BytesIO(data))
        names = list(wb.sheet_names)
        return names, _find_sheets(load, names, too_big)
    except CalamineError as e:
        raise SheetError([Problem(f"the workbook cannot be read ({type(e).__name__}: {e})", file=label,
                                  fix="open it in Excel or LibreOffice and save it again as .xlsx")]) from None


_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


def _check_range(pkg: Package, sheet: str) -> None:
    """Refuse, before python-calamine allocates it, a used range of more than MAX_RANGE_CELLS."""
    member = pkg.parts.get(sheet)
    if member is None or pkg.file_size(member) > MAX_SHEET_BYTES:
        return
    top = width = 0
    for letters, row in _REFERENCE.findall(pkg.read(member)):
        top = max(top, int(row))
        width = max(width, _column(letters) + 1)
    if top * width > MAX_RANGE_CELLS:
        raise _TooLarge(sheet, top, width)


def read_checked(data: bytes, q: Questionnaire | None, sha256: str | None, label: str,
                 resolve_q: Callable[[Pin], tuple[Questionnaire, str]] | None = None,
                 parts: dict[str, bytes] | None = None
                 ) -> tuple[Questionnaire, str, AnswerSet, list[Problem]]:
    """Read a workbook the guard has passed (`data`, and the parts it inflated, `parts`, if it kept
    them). Either `q` and `sha256` are the questionnaire to read against, or `resolve_q` picks one
    from the sheet's pin. Raises SheetError when the file cannot be used at all: unreadable, not an
    answer sheet, or made for another questionnaire."""
    fix_resave = "open it in Excel or LibreOffice and save it again as .xlsx"
    try:
        pkg = Package(data, parts)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise SheetError([Problem(f"the workbook cannot be read ({type(e).__name__}: {e})", file=label,
                                  fix=fix_resave)]) from None
    if pkg.shared > MAX_SHARED_BYTES:
        raise SheetError([Problem(f"the workbook's text table is {pkg.shared:,} bytes, far more than an answer "
                                  "sheet holds", "xl/sharedStrings.xml", label,
                                  fix="delete pasted data and extra sheets, or fill in a fresh answer sheet")],
                         "too_large")
    too_big = {n for n in pkg.parts if pkg.size(n) > MAX_SHEET_BYTES}
    for want in (T.ANSWERS, T.COMPANY, T.META):
        if want in too_big:
            raise SheetError([Problem(f"sheet {want} is {pkg.size(want):,} bytes of XML, far more than an answer "
                                      "sheet holds; it is not read", f"{want}!A1", label,
                                      fix="delete the rows and columns added below or beside the questions, or "
                                          "fill in a fresh answer sheet")], "too_large")
    formulas: dict[str, dict[tuple[int, int], str]] | None = None
    try:
        try:
            book = _FastBook(pkg)
            names = list(pkg.sheet_names)
            sheets = _find_sheets(book.rows, names, too_big)
            formulas = {got[0]: book.formulas[got[0]] for w in (T.ANSWERS, T.COMPANY)
                        if (got := sheets[w]) is not None and got[0] in book.formulas}
        except _Unusual:
            names, sheets = _calamine_sheets(data, pkg, too_big, label)
    except _TooLarge as e:
        raise SheetError([Problem(f"sheet {e.sheet}'s cells reach row {e.top:,} and column {col_letter(e.width)}, "
                                  "far more than an answer sheet holds; it is not read", f"{e.sheet}!A1", label,
                                  fix="delete the cells added far below or beside the questions, or fill in a "
                                      "fresh answer sheet")], "too_large") from None
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise SheetError([Problem(f"the workbook cannot be read ({type(e).__name__}: {e})", file=label,
                                  fix=fix_resave)]) from None
    problems: list[Problem] = []

    def add(msg: str, where: str = "", severity: str = "error", fix: str = "") -> None:
        problems.append(Problem(msg, where, label, severity, fix))

    not_ours = ("this is not an answer sheet made by `assess template`",
                "fill in the answer sheet made by `assess template`, keeping its sheets")
    answers_sheet = sheets[T.ANSWERS]
    if answers_sheet is None:
        raise SheetError([Problem(f"no Answers sheet (sheets: {', '.join(names) or 'none'}): {not_ours[0]}",
                                  file=label, fix=not_ours[1])], "not_answer_sheet")
    head = _header_map(answers_sheet[1][0]) if answers_sheet[1] else {}

    # ---- the pin
    meta = sheets[T.META]
    pin = read_pin(meta[1], fingerprints=False) if meta is not None else Pin()
    if pin.format and pin.format != T.SHEET_FORMAT:
        raise SheetError([Problem(f"answer-sheet format {pin.format!r} is not supported (this version reads "
                                  f"{T.SHEET_FORMAT})", f"{meta[0] if meta else T.META}!B1", label,
                                  fix="use a newer version of assess")], "format")
    pinned = pin.format == T.SHEET_FORMAT
    if not pinned:
        if "id" not in head or "value" not in head:
            raise SheetError([Problem(f"neither the Meta sheet nor the Answers columns of an answer sheet: "
                                      f"{not_ours[0]}", f"{answers_sheet[0]}!1:1", label, fix=not_ours[1])],
                             "not_answer_sheet")
        add("the hidden Meta sheet is missing or emptied: which questionnaire and version the sheet was made for "
            "cannot be checked", T.META, fix="fill in a fresh answer sheet from `assess template`")
    for want in (T.ANSWERS, T.COMPANY, T.META):
        got = sheets[want]
        if got is not None and got[0] != want and (want != T.META or pinned):
            add(f"sheet {want!r} was renamed to {got[0]!r}; read by its content", f"{got[0]}!A1", "warning",
                fix=f"rename it back to {want}")
    if q is None or sha256 is None:
        assert resolve_q is not None
        q, sha256 = resolve_q(pin)
    if pinned:
        wrong = []
        if pin.id != q.id:
            wrong.append(f"questionnaire {pin.id or '?'!r}")
        elif pin.version != q.version:
            wrong.append(f"version {pin.version or '?'}")
        elif pin.sha256 and pin.sha256 != sha256:
            wrong.append(f"a different text of {q.ref} (hash {pin.sha256[:12]}…, expected {sha256[:12]}…)")
        if wrong:
            raise SheetError([Problem(
                f"this sheet was made for {wrong[0]}, not {q.ref}", f"{meta[0] if meta else T.META}!B2:B4", label,
                fix=f"send a fresh sheet made with `assess template --questionnaire {q.ref}`, or read it with "
                    f"--questionnaire {pin.id}@{pin.version}")], "wrong_questionnaire")
    locale = pin.locale if pin.locale in q.locales else _guess_locale(answers_sheet[1], q)

    if formulas is None:
        formulas = formula_cells(pkg, [sheets[w][0] for w in (T.ANSWERS, T.COMPANY) if sheets[w] is not None])
    reader = _Reader(q, sha256, label, formulas)

    # ---- rows
    for want in (T.COMPANY, T.ANSWERS):
        got = sheets[want]
        if got is None:
            if want == T.COMPANY:
                add("the Company sheet is missing: no company details and no profile answers", "Company",
                    fix="fill in a fresh answer sheet from `assess template`, keeping its sheets")
            continue
        name, rows = got
        if not rows:
            add(f"sheet {name} is empty", f"{name}!A1", fix="fill in a fresh answer sheet")
            continue
        columns = _header_map(rows[0])
        missing = [k for k in ("id", "value") if k not in columns]
        if missing:
            add(f"sheet {name}: column(s) {', '.join(missing)} not found in the header row; the sheet is not read",
                f"{name}!1:1", fix="restore the header row from a fresh template")
            continue
        if want == T.ANSWERS and "status" not in columns:
            add(f"sheet {name}: no status column; every answer is read as 'answered'", f"{name}!1:1", "warning",
                fix="restore the header row from a fresh template")
        reader.read_rows(Located(name, rows), columns, want)

    if not pinned and not any(rid in reader.by_id or rid.partition(T.SUB)[0] in reader.by_id
                              or rid in COMPANY_FIELDS for rid in reader.seen):
        raise SheetError([Problem(f"no Meta sheet and none of its row ids is a question of {q.ref}: {not_ours[0]}",
                                  f"{answers_sheet[0]}!A2", label, fix=not_ours[1])], "not_answer_sheet")
    given = reader.build_answers()
    company = Company(**{k.partition(".")[2]: v for k, v in reader.company.items() if k.startswith("company.")})
    respondent = Respondent(**{k.partition(".")[2]: v for k, v in reader.company.items()
                               if k.startswith("respondent.")})
    answers = AnswerSet(
        questionnaire=QuestionnaireRef(id=q.id, version=q.version, sha256=sha256),
        company=company, respondent=respondent, answers=given, session=Session(locale=locale),
    )
    _after(reader, q, pin, locale, answers, add, meta[1] if meta is not None else [])
    problems.extend(reader.problems)
    return q, sha256, answers, problems


def _after(reader: _Reader, q: Questionnaire, pin: Pin, locale: str, answers: AnswerSet,
           add: Callable[..., None], meta_rows: list[list[Any]] | None = None) -> None:
    """Checks over the whole sheet: missing rows, edited wording, hidden and missing answers."""
    expected = expected_rows(q, locale)
    # rows deleted
    missing_rows = [rid for rid in expected if rid not in reader.seen]
    for rid in missing_rows[:MAX_LISTED]:
        sheet, row = expected[rid][:2]
        reader.add(f"the row of {rid} is missing (deleted?)", f"{sheet}!A{row}", "warning",
                   fix="copy the row back from a fresh template, or answer in a fresh sheet")
    if len(missing_rows) > MAX_LISTED:
        reader.add(f"{len(missing_rows) - MAX_LISTED} more rows are missing: "
                   f"{', '.join(missing_rows[MAX_LISTED:MAX_LISTED * 3])}…", "", "warning",
                   fix="fill in a fresh answer sheet")
    # wording edited
    fingerprints = None
    for rid, found in reader.texts.items():
        known = expected.get(rid)
        text = found[0]
        if known is not None and known[3] == text:
            continue  # exactly as the template writes it
        where = found[1:]
        if fingerprints is None:
            fingerprints = pin.fingerprints or meta_fingerprints(meta_rows or [])
        want = fingerprints.get(rid) or (known[2] if known is not None else None)
        if want and T.fingerprint(text) != want:
            reader.add(f"the text of {rid} was edited; the answer is read by id, so check that it answers the "
                       f"original question", Cell(*where), "warning",
                       fix="restore the original wording from a fresh template")
    # hidden by the profile
    by_id = reader.by_id
    for qid in answers.answers:
        question = by_id[qid]
        if question.depends_on is not None and not applies(question, answers, by_id):
            reader.add(f"{qid} is answered, but the profile answers make it not apply; the answer is ignored "
                       "in scoring", reader.where_of.get(qid), "notice",
                       fix="leave it blank, or correct the profile answers on the Company sheet")
    # required answers missing
    for sheet, pool in ((T.COMPANY, q.profile), (T.ANSWERS, [question for p in q.pillars for question in p.questions])):
        missing = []
        for question in pool:
            if question.id in answers.answers or question.id in reader.rejected:
                continue
            if (sheet == T.ANSWERS and not question.scored) or not applies(question, answers, by_id):
                continue
            if question.id not in reader.seen and not any(rid.startswith(question.id + T.SUB)
                                                          for rid in reader.seen):
                continue  # its row is missing: already reported
            missing.append(question.id)
        if missing:
            cells = []
            for qid in missing[:MAX_LISTED]:
                c = reader.where_of.get(qid) or reader.seen.get(qid)
                if c is not None:
                    cells.append(str(Cell(*c)).split("!")[1])
                elif qid in expected:
                    cells.append(f"A{expected[qid][1]}")
            shown = ", ".join(missing[:MAX_LISTED]) + ("…" if len(missing) > MAX_LISTED else "")
            what = "profile question(s)" if sheet == T.COMPANY else "applicable question(s)"
            lowers = "decides which questions apply" if sheet == T.COMPANY else "lowers completion"
            add(f"{len(missing)} {what} unanswered ({lowers}): {shown}",
                f"{sheet}!{','.join(cells[:MAX_LISTED])}" if cells else sheet, "warning",
                fix="answer them" if sheet == T.COMPANY else "answer them, or choose don't know")
    if not reader.company.get("company.name"):
        c = Cell(*reader.seen["company.name"]) if "company.name" in reader.seen else None
        add("the company name is missing", str(c).replace("!A", "!C") if c else "Company", "warning",
            fix="give the company's name on the Company sheet")


def pin_of_workbook(data: bytes, parts: dict[str, bytes] | None = None) -> Pin | None:
    """What the Meta sheet of a workbook the guard has passed says it was made for (None: no Meta
    sheet, or unreadable)."""
    try:
        pkg = Package(data, parts)
        if T.META not in pkg.parts or pkg.size(T.META) > MAX_SHEET_BYTES:
            return None
        try:
            rows = _FastBook(pkg).rows(T.META)
        except _Unusual:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_filelike(BytesIO(data))
            if T.META not in book.sheet_names:
                return None
            _check_range(pkg, T.META)
            rows = book.get_sheet_by_name(T.META).to_python(skip_empty_area=False)
    except Exception:  # a damaged or hostile file: its turn comes in the batch
        return None
    return read_pin(rows, fingerprints=False)


def read_answer_sheet(path: str | Path, questionnaire: str | None = None
                      ) -> tuple[Questionnaire, str, AnswerSet, list[Problem]]:
    """A filled answer sheet with its questionnaire: (questionnaire, hash, answers, problems).

    The guard checks the file first. Without `questionnaire`, the one the sheet's Meta pins is used
    (it must be bundled, with the same hash); with it, a sheet made for another questionnaire or
    version is an error. Raises ContentError when the file cannot be used at all.
    """
    from assess.content.bundled import resolve
    from assess.content.yaml_file import ContentError
    from assess.excel.guard import check_workbook

    label = str(path)
    verdict = check_workbook(path, keep_parts=True)
    if not verdict.ok or verdict.data is None:
        raise ContentError([Problem(f"refused: {verdict.message}", verdict.part, label, "error", verdict.advice)])

    q = h = None
    if questionnaire:
        q, h = resolve(questionnaire)

    def by_pin(pin: Pin) -> tuple[Questionnaire, str]:
        if not pin.id:
            return resolve(None)
        return resolve(None, pin.ref())

    try:
        return read_checked(verdict.data, q, h, label, by_pin, verdict.parts)
    except SheetError as e:
        raise ContentError(e.problems) from None
