"""The C reader of answer-sheet cells (assess/io/_cells.c) against the Python loop it speeds up: on
every range it takes, the same rows, values and types; on any other, it hands the range back.

`_FastBook._parse` is the definition. These tests run it with the C reader switched off and compare,
on the committed sheets, on the hostile corpus and on generated soups of cells, well formed or not."""

from __future__ import annotations

import hashlib
import shutil
import sysconfig
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assess.io import sheet_reader as S
from assess.io.guard import check_workbook
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
SHEETS = sorted((DATA / "sheets").glob("*.xlsx"))


def _compiler() -> bool:
    cc = (sysconfig.get_config_var("CC") or "").split()
    return bool(cc) and shutil.which(cc[0]) is not None


def test_the_c_reader_is_built_and_current_where_a_compiler_is():
    """An install on a machine with a compiler builds it (else every batch is slower, silently), and an
    editable install built it from the source as it is now (else the tests below test an old one)."""
    try:
        from assess.io import _cells
    except ImportError:
        assert not _compiler(), "assess/io/_cells.c was not built: reinstall with pip install -e ."
        return
    source = hashlib.sha256((ROOT / "assess" / "io" / "_cells.c").read_bytes()).hexdigest()
    assert _cells.source_sha256 == source, "the built C reader is stale: reinstall with pip install -e ."


def test_a_stale_or_switched_off_c_reader_is_not_used(monkeypatch):
    """Python reads alone when asked to, or when the C module beside the source was built from another
    text of it: an old module could read otherwise, or take other arguments."""
    if S._cells is None:
        return
    for off in ("1", "yes", "true"):
        monkeypatch.setenv("ASSESS_PURE_PYTHON", off)
        assert S._load_cells() is None
    for on in ("", "0", "no"):
        monkeypatch.setenv("ASSESS_PURE_PYTHON", on)
        assert S._load_cells() is S._cells
    monkeypatch.setattr(S._cells, "source_sha256", "0" * 64)
    assert S._load_cells() is None


needs_c = pytest.mark.skipif(S._cells is None, reason="the C reader is not built (no compiler)")


class _Book(S._FastBook):
    """A book with given shared strings and number formats, for `_parse` on bare XML."""

    def __init__(self, shared: list[str] | None, plain: tuple[bool, ...] | None):
        self._shared_given, self._plain_given = shared, plain
        self._shared, self._refs, self._plain, self._styles_read = None, None, None, False
        self._flags, self._flags_known = None, False
        self.formulas = {}

    def shared(self) -> list[str]:
        if self._shared_given is None:
            raise S._Unusual
        return self._shared_given

    def plain(self) -> tuple[bool, ...]:
        self._styles_read = True
        if self._plain_given is None:
            raise S._Unusual
        self._plain = self._plain_given
        return self._plain_given


def python_parse(xml: bytes, start: int, end: int, skip: bytes, shared, plain, rows, width, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(S, "_cells", None)
        rows = [list(r) for r in rows]
        try:
            width = _Book(shared, plain)._parse(xml, start, end, S._cell_pattern(skip), rows, {}, width)
        except S._Unusual:
            return "unusual"
        except S._TooLarge as e:
            return "too large", e.top, e.width
    return rows, width


LIMIT = S.MAX_RANGE_CELLS


def c_parse(xml: bytes, start: int, end: int, skip: bytes, shared, plain, rows, width):
    flags = None if plain is None else bytes(plain)
    got = S._cells.parse(xml, start, end, shared, flags, skip, len(rows), width, LIMIT)
    if got is None:
        return None
    return [list(r) for r in rows] + got[0], got[1]


def typed(result):
    if not isinstance(result, tuple):
        return result
    rows, width = result
    return [[(type(v), v) for v in row] for row in rows], width


def agree(xml: bytes, start: int, end: int, skip: bytes, shared, plain, rows, width, monkeypatch) -> bool:
    """Whether the C reader took the range; fails when it took it and read it otherwise than Python."""
    fast = c_parse(xml, start, end, skip, shared, plain, rows, width)
    if fast is None:
        return False
    slow = python_parse(xml, start, end, skip, shared, plain, rows, width, monkeypatch)
    assert isinstance(slow, tuple) and len(slow) == 2, f"C read what Python does not: {xml[start:end][:300]!r}"
    assert typed(fast) == typed(slow), xml[start:end][:300]
    return True


# --------------------------------------------------------------------------- real sheets


def _sheet_ranges(path: Path):
    """(book, xml, ranges) of every sheet of a workbook, the ranges as `_FastBook.rows` splits them."""
    verdict = check_workbook(path, keep_parts=True)
    if not verdict.ok:
        return
    pkg = S.Package(verdict.data, verdict.parts)
    try:
        book = S._FastBook(pkg)
        shared = book.shared()
        plain = book.plain()
    except S._Unusual:
        return
    for name in pkg.sheet_names:
        xml = pkg.xml(name)
        at, end = xml.find(b"<sheetData>"), xml.find(b"</sheetData>")
        if at < 0 or end < 0:
            continue
        split = xml.find(b"</row>", at, end)
        split = end if split < 0 else split + 6
        yield name, xml, shared, plain, at + 11, split, end


@needs_c
@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_committed_sheets_read_the_same_in_c(path, monkeypatch):
    for _name, xml, shared, plain, start, split, end in _sheet_ranges(path):
        head = python_parse(xml, start, split, b"", shared, plain, [], 0, monkeypatch)
        agree(xml, start, split, b"", shared, plain, [], 0, monkeypatch)
        if len(head) != 2:
            continue
        rows, width = head
        skip = S._unused_columns(rows[0]) if rows else b""
        agree(xml, split, end, skip, shared, plain, rows, width, monkeypatch)


@needs_c
def test_libreoffice_sheets_are_read_in_c_whole():
    """The case the speed is for: a sheet filled and re-saved by LibreOffice is read by C, not handed
    back (else the reader is only as fast as the Python loop)."""
    taken = 0
    for path in [p for p in SHEETS if p.name.endswith(".lo.xlsx")]:
        for _name, xml, shared, plain, start, _split, end in _sheet_ranges(path):
            if b"<f>" in xml or b"<f " in xml:
                continue  # a formula typed in: handed back, so that Python records it
            got = S._cells.parse(xml, start, end, shared, bytes(plain), b"", 0, 0, S.MAX_RANGE_CELLS)
            assert got is not None, (path.name, _name)
            taken += 1
    assert taken >= 5


def test_the_whole_reader_gives_the_same_answers_and_problems_with_and_without_c(monkeypatch):
    from assess.io.content import load_questionnaire
    from assess.io.sheet_reader import SheetError, read_checked

    q, h = load_questionnaire(DATA / "sample" / "questionnaire.yaml")

    def outcome(path: Path):
        verdict = check_workbook(path, keep_parts=True)
        if not verdict.ok:
            return "refused by the guard"
        try:
            _, _, answers, problems = read_checked(verdict.data, None, None, path.name,
                                                   resolve_q=lambda pin: (q, h), parts=verdict.parts)
            return answers.model_dump(mode="json"), [str(p) for p in problems]
        except SheetError as e:
            return e.code, [str(p) for p in e.problems]

    compared = 0
    for path in SHEETS:
        fast = outcome(path)
        with monkeypatch.context() as m:
            m.setattr(S, "_cells", None)
            slow = outcome(path)
        assert fast == slow, path.name
        compared += 1
    assert compared >= 5


# --------------------------------------------------------------------------- generated cells

def _mostly(good: list[str], bad: list[str]):
    """One of `good` nineteen times in twenty, else one of `bad`: soups that C often reads whole."""
    return st.integers(0, 19).flatmap(lambda i: st.sampled_from(bad if i == 0 else good))


_LETTERS = _mostly(["A", "B", "C", "E", "Z", "AA", "AZ", "ABC"], ["ABCD", "", "a"])
_ROWS = _mostly(["1", "2", "3", "10", "01", "4"], ["0", "9999999", "12345678", "", "x"])
_STYLE = _mostly(["", ' s="1"', ' s="0"'], [' s="2"', ' s="3"', ' s="99"'])
_BAD_ATTRS = st.sampled_from([' t="str"', ' t="e"', ' t="S"', ' s="1" s="2"', ' t="s" t="n"', ' cm="1"', ' s="1234567"',
                              ' s=""', ' s="x"', '  s="1"', ' foo="bar"', ' s="1"\t', ' t="inlineStr"', ' t="b"'])
_BAD_VALUES = st.sampled_from(["007", "999", "", "2.", ".5", "1_0", "TRUE", "12345678901234567890", "1 ", "&amp;", "x",
                               "1e5", "1"])
_TEXTS = _mostly(["plain", "  padded  ", "", "中文", "\t\ntab", "x_y"], ["a&amp;b", "_x000D_", "cr\r", "<b>",
                                                                       "\udcff\udcfe", "_x"])
_KINDS = {  # type attribute -> the values such a cell holds
    ' t="s"': ["0", "1", "2", "3"],
    "": ["0", "1.5", "-2", "1e5", "1E-3", "1e999", "-0", "12"],
    ' t="n"': ["3", "-1.25e-3"],
    ' t="b"': ["0", "1", "true", "false"],
}


@st.composite
def _cell(draw) -> bytes:
    """One `<c>` element, most often one the C reader takes; one part in twenty or so is off."""
    ref = f'r="{draw(_LETTERS)}{draw(_ROWS)}"'
    head = "<c " + ref if draw(st.integers(0, 29)) else draw(st.sampled_from(["<c", "<c>", "<col", "<c\t", "<cx"]))
    off = draw(st.integers(0, 19)) == 0
    shape = draw(st.integers(0, 39))
    shape = 9 if shape == 39 else 8 if shape == 38 else shape % 8
    if shape <= 4:
        t = draw(st.sampled_from(sorted(_KINDS)))
        attrs = draw(_BAD_ATTRS) if off else draw(_STYLE) + t
        value = draw(_BAD_VALUES) if draw(st.integers(0, 19)) == 0 else draw(st.sampled_from(_KINDS[t]))
        body = f"><v>{value}</v></c>"
    elif shape <= 6:
        attrs = draw(_STYLE) if not off else draw(_BAD_ATTRS)
        body = ("/>", "></c>")[shape - 5]
        body += draw(st.sampled_from(["", '<c r="B5"/>', '<c r="E9"><v>1</v></c>', '<c r="B1"><v>1</v></c>']))
    elif shape == 7:
        attrs = draw(_STYLE) + (' t="inlineStr"' if not off else draw(_BAD_ATTRS))
        t = draw(st.sampled_from(['<t xml:space="preserve">', "<t>", "<t>", '<t xml:space="default">']))
        body = f"><is>{t}{draw(_TEXTS)}</t></is></c>"
    elif shape == 8:
        attrs = draw(_STYLE)
        body = draw(st.sampled_from(["><f>SUM(A1)</f><v>1</v></c>", "><v></v></c>", "><v>1</v>", "/", "><v>1</v></c/>",
                                     ">", "><is><t>a</t><t>b</t></is></c>", "><v>1</v><v>2</v></c>", " />"]))
    else:
        attrs, body = draw(_BAD_ATTRS), "><v>1</v></c>"
    gap = draw(_mostly(["", "", '</row><row r="5">'], ["\n", " "]))
    return (head + attrs + body + gap).encode("utf-8", "surrogateescape")


@needs_c
@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # see python_parse
@given(cells=st.lists(_cell(), max_size=10), cut=st.integers(-40, 40).map(lambda n: max(n, 0)),
       skip=st.sampled_from([b"", b"B", b"BE", b"AZ"]),
       shared=st.sampled_from([["s0", "s1", "s2", "s3"], ["s0", "s1", "s2", "s3"], []]),
       plain=st.sampled_from([(True, True, False), (True, True, False), (), (True,) * 8, None]),
       first=st.sampled_from([([], 0), ([], 0), ([["id", "x"]], 2)]))
def test_generated_cells_read_the_same_in_c_or_are_handed_back(cells, cut, skip, shared, plain, first, monkeypatch):
    xml = b'<row r="1">' + b"".join(cells) + b"</row>"
    end = max(0, len(xml) - cut)  # a range that may stop inside a cell
    rows, width = first
    event("taken in C" if agree(xml, 0, end, skip, shared, plain, rows, width, monkeypatch) else "handed back")


@needs_c
def test_the_commonest_cells_are_taken_in_c(monkeypatch):
    """Guards against a C reader that hands everything back (the soup test would pass it)."""
    xml = (b'<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"/><c r="C1" t="n"><v>-1.5e3</v></c>'
           b'<c r="D1" t="b"><v>1</v></c></row><row r="3"><c r="B3" t="inlineStr"><is><t> hi </t></is></c></row>')
    assert agree(xml, 0, len(xml), b"", ["id"], (True, True), [], 0, monkeypatch)
    rows, width = c_parse(xml, 0, len(xml), b"", ["id"], (True, True), [], 0)
    assert rows == [["id", "", -1500.0, True], [""] * 4, ["", "hi", "", ""]] and width == 4


def test_bad_arguments_are_refused_not_read_out_of_bounds():
    if S._cells is None:
        return
    with pytest.raises(ValueError):
        S._cells.parse(b"<c/>", 0, 99, [], None, b"", 0, 0, 9)
    with pytest.raises(ValueError):
        S._cells.parse(b"<c/>", 3, 1, [], None, b"", 0, 0, 9)
    with pytest.raises(TypeError):
        S._cells.parse(b"<c/>", 0, 4, ("tuple",), None, b"", 0, 0, 9)
    with pytest.raises(TypeError):
        S._cells.parse(b"<c/>", 0, 4, None, None, b"", 0, 0, 9)
    with pytest.raises(ValueError):  # Python puts skip in a character class: "A-C" would mean A, B, C
        S._cells.parse(b"<c/>", 0, 4, [], None, b"A-C", 0, 0, 9)


@pytest.mark.parametrize("fmt_id", [b"", b"x", b"1" * 5000])
def test_a_damaged_number_format_reads_the_same_with_and_without_c(fmt_id, monkeypatch):
    """The C reader needs the number formats before the first number; Python reads them at it. A
    format id that is not a number must then not fail a sheet that Python reads (by python-calamine)."""
    import io
    import zipfile

    from assess.io.content import load_questionnaire
    from assess.io.sheet_reader import SheetError, pin_of_workbook, read_checked

    q, h = load_questionnaire(DATA / "sample" / "questionnaire.yaml")
    src = zipfile.ZipFile(DATA / "sheets" / "plain-en-0003.lo.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/styles.xml":
                at = body.index(b"<cellXfs")
                body = body[:at] + body[at:].replace(b'<xf numFmtId="164"', b'<xf numFmtId="' + fmt_id + b'"', 1)
            z.writestr(info.filename, body)
    data = out.getvalue()

    def outcome():
        verdict = check_workbook(data, keep_parts=True)
        try:
            _, _, answers, problems = read_checked(data, q, h, "x.xlsx", parts=verdict.parts)
            return answers.model_dump(mode="json"), [str(p) for p in problems], pin_of_workbook(data, verdict.parts)
        except SheetError as e:
            return e.code, [str(p) for p in e.problems]

    fast = outcome()
    with monkeypatch.context() as m:
        m.setattr(S, "_cells", None)
        slow = outcome()
    assert fast == slow
    assert isinstance(fast[0], dict) and fast[2] is not None  # read, with its pin
