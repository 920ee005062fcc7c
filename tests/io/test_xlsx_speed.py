"""The tuned xlsxwriter writes exactly what stock xlsxwriter writes, except that text shaped like
one of xlsxwriter's rich strings stays the text a user typed instead of corrupting the workbook."""

from __future__ import annotations

import io
import zipfile

import pytest
import xlsxwriter
import xlsxwriter.packager
import xlsxwriter.sharedstrings
from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Company
from assess.cli import main
from assess.io import report as report_module
from assess.io.content import ref_of
from assess.io.report import render, write_files
from assess.io.report_layout import prepare
from assess.io.template import build_workbook
from assess.io.verify import verify_report
from assess.io.xlsx_speed import fast_sheet_class, tune_xlsxwriter
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
    """Render with stock xlsxwriter: no worksheet class, the stock shared-strings writer."""
    tune_xlsxwriter()  # installed for the process by whichever test ran first; undone here
    monkeypatch.setattr(report_module, "tune_xlsxwriter", lambda: None)
    monkeypatch.setattr(xlsxwriter.packager, "SharedStrings", xlsxwriter.sharedstrings.SharedStrings)


def answers_with(sample, sample_answers: AnswerSet, texts: list[str]) -> AnswerSet:
    given = dict(sample_answers.answers)
    ids = [qid for qid in given if not qid.startswith("P-")]
    for qid, text in zip(ids, texts, strict=False):
        given[qid] = given[qid].model_copy(update={"note": text, "evidence": [text]})
    return sample_answers.model_copy(update={"answers": given, "company": Company(name=texts[0], region=texts[-1])})


def test_the_tuned_writer_is_in_use():
    assert fast_sheet_class() is not None, "xlsxwriter changed shape: reports are written by the slow path"
    tune_xlsxwriter()
    assert xlsxwriter.packager.SharedStrings is not xlsxwriter.sharedstrings.SharedStrings


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
    main(["batch", str(folder), "-q", str(SAMPLE), "-o", str(out), "--no-reports", "--quiet"])
    rows = CalamineWorkbook.from_path(str(out / "portfolio.xlsx")).get_sheet_by_name("Portfolio").to_python()
    assert sorted(row[1] for row in rows[1:]) == sorted(RICH_SHAPED)
