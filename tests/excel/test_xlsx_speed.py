"""The tuned xlsxwriter writes exactly what stock xlsxwriter writes, except that text shaped like
one of xlsxwriter's rich strings stays the text a user typed instead of corrupting the workbook."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Company
from assess.cli import main
from assess.content.bundled import ref_of
from assess.excel import report_render as report_module
from assess.excel.report_layout import prepare
from assess.excel.report_render import render, write_files
from assess.excel.sheet_writer import build_workbook
from assess.excel.verify import verify_report
from assess.excel.xlsx_speed import fast_sheet_class, workbook_class
from tests.conftest import SAMPLE

AT = "2026-03-01T08:00:00Z"
TRICKY = ["A & B <草稿> \"引号\"", "  leading and trailing  ", "line one\nline two", "_x0041_ literal",
          "tab\there", "=1+1", "数字化 & 智能化 > 50%"]
RICH_SHAPED = ["<r>oops & more</r>", "<r><t>shown instead</t></r>", "<r></r>"]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.fixture
def stock(monkeypatch):
    """Render with the stock `xlsxwriter.Workbook` (and its stock worksheets and shared strings)."""
    monkeypatch.setattr(report_module, "workbook_class", lambda: xlsxwriter.Workbook)


def answers_with(sample, sample_answers: AnswerSet, texts: list[str]) -> AnswerSet:
    given = dict(sample_answers.answers)
    ids = [qid for qid in given if not qid.startswith("P-")]
    for qid, text in zip(ids, texts, strict=False):
        given[qid] = given[qid].model_copy(update={"note": text, "evidence": [text]})
    return sample_answers.model_copy(update={"answers": given, "company": Company(name=texts[0], region=texts[-1])})


def test_the_tuned_writer_is_in_use():
    """Should xlsxwriter change shape, the tuning steps aside: this says so."""
    assert fast_sheet_class() is not None
    wb = workbook_class()(io.BytesIO(), {"in_memory": True})
    assert isinstance(wb.add_worksheet(), fast_sheet_class())
    assert type(wb._get_packager()).__name__ == "PlainPackager"


def test_its_worksheets_refuse_rich_strings():
    """Every string of a tuned workbook is written as text, so a rich string would show as XML."""
    wb = workbook_class()(io.BytesIO(), {"in_memory": True})
    ws = wb.add_worksheet()
    with pytest.raises(NotImplementedError):
        ws.write_rich_string(0, 0, "a ", wb.add_format({"bold": True}), "b")


GRID_TEXTS = [*TRICKY, "", " ", "\u3000full-width space\u3000", "nbsp\xa0", "\x01\x1f ctl", "_X00a1_ and _x005F_",
              "\ufffe\uffff", "end\n", "\r\n", "&amp; already", "\x85next-line"]


def grid(wb, rng: random.Random) -> None:
    """A sheet exercising what the fast path writes: formats on cells, rows and columns; row heights
    on empty rows; numbers, blanks and strings with every kind of character that needs care."""
    bold, pct = wb.add_format({"bold": True}), wb.add_format({"num_format": "0%"})
    ws = wb.add_worksheet()
    ws.set_column(2, 2, 12, pct)
    ws.set_row(3, 30, bold)
    ws.set_row(40, 24)  # a row with a height and no cells
    for _ in range(400):
        put_random(ws, rng, rng.randrange(60), rng.randrange(6), bold, pct)


def put_random(ws, rng: random.Random, row: int, col: int, bold, pct) -> None:
    """A string, number or blank cell, with or without a format of its own."""
    fmt = rng.choice([None, None, bold, pct])
    kind = rng.randrange(3)
    if kind == 0:
        ws.write_string(row, col, rng.choice(GRID_TEXTS) + rng.choice(GRID_TEXTS), fmt)
    elif kind == 1:
        ws.write_number(row, col, rng.choice([0, -0.0, 1e20, 2 ** 70, 1 / 3, -12.5, 7]), fmt)
    else:
        ws.write_blank(row, col, None, fmt or bold)


def test_a_synthetic_sheet_is_byte_for_byte_what_stock_xlsxwriter_writes():
    books = []
    for cls in (workbook_class(), xlsxwriter.Workbook):
        buffer = io.BytesIO()
        wb = cls(buffer, {"in_memory": True})
        grid(wb, random.Random(20261202))
        wb.close()
        books.append(parts(buffer.getvalue()))
    tuned, plain = books
    assert tuned.keys() == plain.keys()
    assert [name for name in tuned if tuned[name] != plain[name]] == []


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_a_report_is_byte_for_byte_what_stock_xlsxwriter_writes(sample, sample_answers, locale, request):
    q, h = sample
    report = prepare(q, h, answers_with(sample, sample_answers, TRICKY), locale=locale, generated_at=AT)
    tuned = parts(render(report))
    request.getfixturevalue("stock")
    plain = parts(render(report))
    assert tuned.keys() == plain.keys()
    differing = [name for name in tuned if tuned[name] != plain[name]]
    assert differing == []
    assert any(b"xml:space=\"preserve\"" in v for v in tuned.values())  # the tricky strings were written


def test_text_shaped_like_a_rich_string_is_kept_as_typed_in_a_report(tmp_path, sample, sample_answers):
    q, h = sample
    report = prepare(q, h, answers_with(sample, sample_answers, RICH_SHAPED), locale="en", generated_at=AT)
    files = write_files(tmp_path / "r.xlsx", report)
    book = CalamineWorkbook.from_path(str(files.xlsx))
    seen = {v for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row}
    assert set(RICH_SHAPED) <= seen
    assert verify_report(files.xlsx, str(SAMPLE)).ok


def test_text_shaped_like_a_rich_string_is_kept_as_typed_in_the_portfolio(tmp_path, sample):
    q, h = sample
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate(RICH_SHAPED):
        answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name=name),
                            answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False),
                                     "C01": Answer(value=2)})
        build_workbook(q, h, "en", answers).save(folder / f"f{i}.xlsx")
    out = tmp_path / "out"
    main(["batch", str(folder), "-q", str(SAMPLE), "-o", str(out), "--no-reports", "--quiet", "--lang", "en"])
    rows = CalamineWorkbook.from_path(str(out / "portfolio.xlsx")).get_sheet_by_name("Portfolio").to_python()
    assert sorted(row[1] for row in rows[1:]) == sorted(RICH_SHAPED)


def _archive_entries(data: bytes) -> list[tuple]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every part inflates and matches its CRC
        return [(i.filename, i.date_time, i.compress_type, i.CRC, i.file_size, i.external_attr, i.create_system,
                 i.create_version, i.extract_version, i.flag_bits, z.read(i)) for i in z.infolist()]


@pytest.mark.parametrize("prefix", [b"", b"#" * 1000], ids=["alone", "after other bytes"])
def test_the_archive_writer_records_what_zipfile_records(tmp_path, prefix):
    """xlsxwriter's two ways of adding a part (from memory, from a temporary file) give the same
    archive as the standard `ZipFile` gives: names (a non-ASCII one flagged UTF-8), times, permissions,
    sizes, checksums, contents and offsets (counted from the stream's start, as the `unzip` tool checks
    them); only the deflated bytes differ."""
    from assess.excel.xlsx_speed import Archive, open_archive

    rng = random.Random(5)
    blobs = {"[Content_Types].xml": b"<Types/>" * 50, "xl/worksheets/sheet1.xml": bytes(rng.randrange(256)
             for _ in range(5000)), "xl/media/图.png": b"\x89PNG" + b"\0" * 3000, "docProps/empty.xml": b""}
    on_disk = tmp_path / "part.xml"
    on_disk.write_bytes(b"<sst>" + "数据集".encode() * 400_000 + b"</sst>")  # several read chunks
    outputs = []
    for kind in (zipfile.ZipFile, open_archive):
        buffer = io.BytesIO()
        buffer.write(prefix)
        archive = kind(buffer, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=False)
        assert isinstance(archive, Archive) == (kind is open_archive)
        for name, blob in blobs.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.compress_type = archive.compression
            archive.writestr(info, blob)
        archive.write(str(on_disk), "xl/sharedStrings.xml")
        archive.close()
        outputs.append(buffer.getvalue())
    assert _archive_entries(outputs[1]) == _archive_entries(outputs[0])
    assert len(_archive_entries(outputs[1])) == 5
    offsets = [[i.header_offset for i in zipfile.ZipFile(io.BytesIO(out)).infolist()] for out in outputs]
    assert offsets[0][0] == len(prefix) and offsets[1][0] == len(prefix)


class _Pipe(io.RawIOBase):
    """A stream that can only be written to, as a pipe."""

    def __init__(self) -> None:
        self.got = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.got += data
        return len(data)


def test_zip64_and_streams_without_a_position_get_the_standard_zipfile():
    """`Workbook.use_zip64()` and a pipe are what the standard `ZipFile` handles and `Archive` does not."""
    from assess.excel.xlsx_speed import Archive, open_archive

    assert isinstance(open_archive(io.BytesIO(), "w", zipfile.ZIP_DEFLATED, allowZip64=False), Archive)
    assert isinstance(open_archive(io.BytesIO(), "w", zipfile.ZIP_DEFLATED, allowZip64=True), zipfile.ZipFile)
    pipe = _Pipe()
    book = workbook_class()(pipe, {"in_memory": True})
    book.add_worksheet().write_string(0, 0, "管道")
    book.close()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(bytes(pipe.got))).get_sheet_by_index(0).to_python()
    assert rows == [["管道"]]


def test_a_workbook_written_to_a_path_opens(tmp_path):
    """The portfolio's way: constant memory, temporary files, a path rather than a buffer."""
    path = tmp_path / "book.xlsx"
    book = workbook_class()(str(path), {"constant_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("数据")
    for row in range(300):
        sheet.write_row(row, 0, [f"公司 {row}", row * 1.5, "=not a formula"])
    book.close()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("数据").to_python()
    assert len(rows) == 300 and rows[299] == ["公司 299", 448.5, "=not a formula"]



def test_a_constant_memory_sheet_is_byte_for_byte_what_stock_xlsxwriter_writes(tmp_path):
    """The portfolio's mode: each row written when the next one starts, strings inline. The same kinds of
    cells, formats and rows as the synthetic sheet above, written in row order."""
    books = []
    for cls in (workbook_class(), xlsxwriter.Workbook):
        path = tmp_path / f"{cls.__name__}.xlsx"  # (constant memory needs temporary files, not in_memory)
        wb = cls(str(path), {"constant_memory": True})
        rng = random.Random(20261203)
        bold, pct = wb.add_format({"bold": True}), wb.add_format({"num_format": "0%"})
        ws = wb.add_worksheet()
        ws.set_column(2, 2, 12, pct)
        for row in range(60):
            if row == 3:
                ws.set_row(3, 30, bold)
            if row == 40:
                ws.set_row(40, 24)  # a row with a height and no cells
                continue
            for col in sorted(rng.sample(range(6), rng.randrange(7))):
                put_random(ws, rng, row, col, bold, pct)
        wb.close()
        books.append(parts(path.read_bytes()))
    tuned, plain = books
    assert tuned.keys() == plain.keys()
    assert tuned["xl/worksheets/sheet1.xml"].count(b"inlineStr") > 50
    assert [name for name in tuned if tuned[name] != plain[name]] == []
