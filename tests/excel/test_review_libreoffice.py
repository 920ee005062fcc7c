"""The review workbook through a real office suite: filled in, then re-saved by LibreOffice headless as
a reviewer's office suite does, it reads back with every decision and no claimed cell taken for edited.
Needs `soffice` (Debian: libreoffice-calc)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from assess.excel.review_reader import read_review
from assess.excel.review_sheet import embed, render_review
from tests.conftest import SAMPLE
from tests.data.make_filled import resave
from tests.excel.test_review import fill

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_a_review_filled_and_resaved_by_libreoffice_reads_back(tmp_path, sample, sample_answers, locale):
    q, h = sample
    blank = tmp_path / "review.xlsx"
    blank.write_bytes(render_review(q, embed(q, h, sample_answers, locale, None)))
    filled = fill(blank, tmp_path / "filled.xlsx", {
        "C01": ("rejected", None, "no capacity plan on site"), "C02": ("审核通过", 60), "G03": ("证据不足",)},
        reviewer="Wang Li", date=date(2026, 12, 5))
    (path,) = resave([filled], tmp_path / "lo")
    applied = read_review(path, questionnaire=str(SAMPLE))
    got = {qid: (r.decision, r.value, r.comment, r.by, r.date) for qid, r in applied.decisions.items()}
    assert got == {"C01": ("rejected", None, "no capacity plan on site", "Wang Li", "2026-12-05"),
                   "C02": ("accepted", 60, "", "Wang Li", "2026-12-05"),
                   "G03": ("insufficient", None, "", "Wang Li", "2026-12-05")}
    assert applied.problems == []
