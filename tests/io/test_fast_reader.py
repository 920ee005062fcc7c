"""The fast reading of answer sheets (cells taken from the bytes the guard inflated) against
python-calamine: the same rows, the same answers and problems; python-calamine for whatever the fast
path does not read; and the guard's hand-over of the parts it checked."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from assess.io import sheet_reader as S
from assess.io.guard import check_workbook
from assess.io.sheet_reader import SheetError, read_checked
from assess.io.template import ANSWERS, COMPANY, META
from tests.conftest import DATA
from tests.io.test_sheet_reader import full_answers, make, put, row_of  # noqa: F401 (a fixture)

SHEETS = DATA / "sheets"


def calamine_rows(data: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}


def fast_rows(source: Path | bytes) -> dict[str, list[list]]:
    """Every sheet, every column, read by the fast path (raises S._Unusual where it does not read)."""
    verdict = check_workbook(source, keep_parts=True)
    assert verdict.ok and verdict.parts is not None
    pkg = S.Package(verdict.data, verdict.parts)
    book = S._FastBook(pkg)
    return {name: book.rows(name, every_column=True) for name in pkg.sheet_names}


def typed(rows: dict[str, list[list]]) -> dict[str, list[list[tuple[type, object]]]]:
    """The cells with their types (1.0 == True in Python; the types must agree too)."""
    return {name: [[(type(v), v) for v in row] for row in sheet] for name, sheet in rows.items()}


def both_paths(data: bytes, q, h, monkeypatch) -> tuple[tuple, tuple]:
    """read_checked's outcome by the fast path and by python-calamine (the fast path switched off)."""

    def outcome():
        try:
            parts = check_workbook(data, keep_parts=True).parts
            _, _, answers, problems = read_checked(data, q, h, "x.xlsx", parts=parts)
            return "read", answers.model_dump(mode="json"), [str(p) for p in problems]
        except SheetError as e:
            return "refused", e.code, [str(p) for p in e.problems]

    with monkeypatch.context() as m:  # the fast run must not fall back, else the comparison proves nothing
        def no_fallback(*args):
            raise AssertionError("the fast path left this workbook to python-calamine")

        m.setattr(S, "_calamine_sheets", no_fallback)
        fast = outcome()
    with monkeypatch.context() as m:
        def unusual(self, pkg):
            raise S._Unusual

        m.setattr(S._FastBook, "__init__", unusual)
        slow = outcome()
    return fast, slow


# --------------------------------------------------------------------------- rows


@pytest.mark.parametrize("path", sorted(SHEETS.glob("*.lo.xlsx")), ids=lambda p: p.name)
def test_libreoffice_sheets_are_read_by_the_fast_path_exactly_as_calamine_reads_them(path):
    assert typed(fast_rows(path)) == typed(calamine_rows(path.read_bytes()))


VALUES = ["plain", "  lead and trail  ", "a & b < c > d \" ' ", "line\nbreak", "tab\there", "_x000D_ literal",
          "x_x0041_y", "中文　全角", " ", "\u00a0nbsp", "emoji 😀", "=1+1", 3, 3.5, -0.0, 1e20, 1e-7, True, False,
          dt.date(2025, 1, 6), dt.datetime(2025, 1, 6, 12, 30), dt.time(13, 45), "cr\r\nlf"]


def _openpyxl_book(value) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = ANSWERS
    ws["A1"], ws["B1"], ws["C3"] = "id", value, value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        for ref, fmt in (("D4", "0.00%"), ("F4", "#,##0.00"), ("H4", "0.00E+00")):
            ws[ref] = value
            ws[ref].number_format = fmt
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _xlsxwriter_book(value) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True})
    ws = wb.add_worksheet(ANSWERS)
    ws.write(0, 0, "id")
    ws.write(0, 1, value)
    ws.write(2, 2, value)
    if isinstance(value, str) and value.startswith("="):
        ws.write_formula(5, 5, value, None, "cached")
        ws.write_formula(6, 5, value, None, 7)
        ws.write_formula(7, 5, value, None, True)
    wb.close()
    return out.getvalue()


@pytest.mark.parametrize("writer", [_openpyxl_book, _xlsxwriter_book], ids=["openpyxl", "xlsxwriter"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_cells_of_every_kind_read_as_calamine_reads_them_or_are_left_to_it(writer, value):
    data = writer(value)
    try:
        got = fast_rows(data)
    except S._Unusual:
        # only what the fast path does not claim to read: dates and times, carriage returns
        assert isinstance(value, (dt.date, dt.time)) or "\r" in str(value), value
        return
    assert typed(got) == typed(calamine_rows(data))


def test_a_cell_python_calamine_would_allocate_the_whole_sheet_for_is_refused(sample, monkeypatch):
    """A1 and XFD1048576: 17 billion cells to python-calamine, which aborts the process. Refused on both
    paths, quickly and without memory."""
    q, h = sample
    from tests.io import hostile

    sheet = hostile.sheet_xml(data=b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
                                   b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    data = hostile.xlsx_bytes(hostile.workbook_parts(sheet=sheet))
    fast, slow = both_paths(data, q, h, monkeypatch)  # (each within the second the issue allows)
    assert fast == slow and fast[:2] == ("refused", "too_large")
    assert "reach row 1,048,576 and column XFD" in fast[2][0]


# --------------------------------------------------------------------------- answers and problems


EDITS = {
    "as filled": lambda wb: None,
    "bad values": lambda wb: (put(wb[ANSWERS], "C01", "E", "7 — 超级级"), put(wb[ANSWERS], "C02", "E", 150),
                              put(wb[ANSWERS], "G03:encrypt", "E", "maybe")),
    "status words": lambda wb: (put(wb[ANSWERS], "G01", "D", "N/A"), put(wb[ANSWERS], "C03", "D", "Don’t know"),
                                put(wb[ANSWERS], "C04", "D", "whatever")),
    "full-width and bare codes": lambda wb: (put(wb[ANSWERS], "C02", "E", "４０"), put(wb[ANSWERS], "C01", "E", "3"),
                                             put(wb[ANSWERS], "C03", "E", " YES ")),
    "edited text": lambda wb: wb[ANSWERS].__setitem__(f"C{row_of(wb[ANSWERS], 'C01')}", "算力规划成熟度（已修改）"),
    "deleted row": lambda wb: wb[ANSWERS].delete_rows(row_of(wb[ANSWERS], "C04")),
    "unknown ids": lambda wb: (wb[ANSWERS].cell(40, 1, "C99"), wb[ANSWERS].cell(40, 5, "3"),
                               wb[ANSWERS].cell(41, 5, "yes"), wb[ANSWERS].cell(42, 1, "G03:laser"),
                               wb[ANSWERS].cell(42, 5, "yes")),
    "formulas": lambda wb: (put(wb[ANSWERS], "C02", "E", "=20+20"),
                            put(wb[ANSWERS], "C01", "F", '=HYPERLINK("http://x","click")'),
                            put(wb[COMPANY], "company.name", "C", "=A1")),
    "multi-select typed": lambda wb: put(wb[ANSWERS], "G03", "E", "access, WATERMARK"),
    "renamed sheets": lambda wb: (setattr(wb[ANSWERS], "title", "答卷"), setattr(wb[COMPANY], "title", "企业")),
    "no Meta": lambda wb: wb.remove(wb[META]),
    "no Company": lambda wb: wb.remove(wb[COMPANY]),
    "wrong version": lambda wb: wb[META].__setitem__("B3", "9.9.9"),
    "numbers and booleans typed": lambda wb: (put(wb[ANSWERS], "C04", "E", 12.0), put(wb[ANSWERS], "G01", "E", True),
                                              put(wb[ANSWERS], "C01", "F", 42)),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_the_reader_finds_the_same_answers_and_problems_on_both_paths(edit, tmp_path, sample, full_answers,  # noqa: F811
                                                                      monkeypatch):
    q, h = sample
    data = make(tmp_path, sample, full_answers, EDITS[edit]).read_bytes()
    fast, slow = both_paths(data, q, h, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize("path", sorted(SHEETS.glob("*.lo.xlsx")), ids=lambda p: p.name)
def test_resaved_fixtures_give_the_same_answers_and_problems_on_both_paths(path, sample, monkeypatch):
    q, h = sample
    fast, slow = both_paths(path.read_bytes(), q, h, monkeypatch)
    assert fast == slow and fast[0] == "read"


# --------------------------------------------------------------------------- the guard's parts


def test_the_guard_hands_over_the_xml_parts_it_checked():
    path = sorted(SHEETS.glob("*.lo.xlsx"))[0]
    kept = check_workbook(path, keep_parts=True)
    with zipfile.ZipFile(path) as archive:
        xml = {i.filename: archive.read(i) for i in archive.infolist() if i.filename.endswith((".xml", ".rels"))}
    assert kept.parts == xml
    plain = check_workbook(path)
    assert plain.parts is None and plain == kept  # the parts are not part of the verdict


def test_parts_beyond_the_budget_are_read_from_the_zip(sample, monkeypatch):
    from assess.io import guard

    q, h = sample
    path = sorted(SHEETS.glob("*.lo.xlsx"))[0]
    monkeypatch.setattr(guard, "KEEP_TOTAL_BYTES", 4096)  # most parts are then not kept
    verdict = check_workbook(path, keep_parts=True)
    assert verdict.parts is not None and sum(map(len, verdict.parts.values())) <= 4096 + 3000
    with_parts = read_checked(verdict.data, q, h, "x", parts=verdict.parts)
    without = read_checked(verdict.data, q, h, "x")
    assert with_parts[2] == without[2] and [str(p) for p in with_parts[3]] == [str(p) for p in without[3]]


def test_the_pin_of_a_sheet_is_read_without_reading_the_sheet(tmp_path, sample, full_answers, monkeypatch):  # noqa: F811
    """`assess batch` without --questionnaire reads the pin of the first files before it starts."""
    path = sorted(SHEETS.glob("*.lo.xlsx"))[0]
    verdict = check_workbook(path, keep_parts=True)
    pin = S.pin_of_workbook(verdict.data, verdict.parts)
    expected = S.read_pin(calamine_rows(path.read_bytes())[META], fingerprints=False)
    assert pin == expected and pin.id == "sample" and pin.version == "1.0.0"
    with monkeypatch.context() as m:  # a workbook the fast path leaves to python-calamine: the same pin
        def unusual(self, pkg):
            raise S._Unusual

        m.setattr(S._FastBook, "__init__", unusual)
        assert S.pin_of_workbook(verdict.data, verdict.parts) == expected
    no_meta = make(tmp_path, sample, full_answers, lambda wb: wb.remove(wb[META])).read_bytes()
    assert S.pin_of_workbook(no_meta) is None


@pytest.mark.parametrize("path", sorted(SHEETS.glob("*.lo.xlsx"))[:2], ids=lambda p: p.name)
def test_strings_beyond_the_kept_index_keys_are_read_as_well(path, monkeypatch):
    """Shared strings are looked up by the text of their index for the first `_INDEX_KEYS_MAX` only (the
    keys are kept per process); a cell naming a later one is still read, by its number."""
    monkeypatch.setattr(S, "_INDEX_KEYS", ())
    monkeypatch.setattr(S, "_INDEX_KEYS_MAX", 7)
    assert len(S._index_keys(10_000)) == 7
    assert typed(fast_rows(path)) == typed(calamine_rows(path.read_bytes()))


def test_the_index_keys_are_always_whole_when_threads_read_at_once(monkeypatch):
    """Books read in several threads at once each see a complete, ordered set of keys."""
    import sys
    import threading

    monkeypatch.setattr(S, "_INDEX_KEYS", ())
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    seen: list[tuple[bytes, ...]] = []
    try:
        threads = [threading.Thread(target=lambda n=n: seen.append(S._index_keys(n)))
                   for n in (5_000, 40_000, 20_000, 80_000) * 2]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(previous)
    assert len(seen) == 8
    for keys in seen:
        assert keys == tuple(str(i).encode() for i in range(len(keys)))



def _read_sheet_data(rows: bytes, sample, monkeypatch) -> tuple[tuple, int]:
    """(the outcome of both paths, the peak of Python memory) for an Answers sheet with an id header
    and the given rows below it."""
    import tracemalloc

    from tests.io import hostile

    q, h = sample
    sheet = hostile.sheet_xml(data=b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
                                   + rows + b"</sheetData>")
    data = hostile.xlsx_bytes(hostile.workbook_parts(sheet=sheet))
    tracemalloc.start()
    try:
        fast, slow = both_paths(data, q, h, monkeypatch)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert fast == slow
    return fast, peak


@pytest.mark.parametrize("row", [1_000_001, 9_999_999])
def test_a_cell_far_below_the_questions_is_refused_before_its_rows_are_made(row, sample, monkeypatch):
    """A single cell on the last row a reference can name: the reader would make millions of empty rows
    up to it (about 1 GB at row 9,999,999). It is refused as too large, on both paths, in little memory."""
    got, peak = _read_sheet_data(b'<row r="%d"><c r="B%d"><v>1</v></c></row>' % (row, row), sample, monkeypatch)
    assert got[:2] == ("refused", "too_large")
    assert f"reach row {row:,} and column B" in got[2][0]
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MiB"


def test_a_cell_far_to_the_right_of_a_long_sheet_is_refused_before_the_rows_are_widened(sample, monkeypatch):
    """Rows up to the limit, one cell wide, then one cell in column ZZZ: every row would grow to 18,278
    cells (GBs). Refused as too large when the column first appears, on both paths."""
    got, peak = _read_sheet_data(b'<row r="400000"><c r="A400000"><v>1</v></c></row>'
                                 b'<row r="400001"><c r="ZZZ400001"><v>1</v></c></row>', sample, monkeypatch)
    assert got[:2] == ("refused", "too_large")
    assert "reach row 400,001 and column ZZZ" in got[2][0]
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MiB"
