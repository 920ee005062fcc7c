"""Once a reviewer has decided on answers, the audited figure stands beside the claimed and evidenced
ones wherever figures are shown: `assess report`'s line and its one-page summary, `assess explain`,
`assess compare` (text and JSON) and the batch portfolio; an answer file without reviews shows none."""

from __future__ import annotations

import csv
import json
import re

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from assess.answers import Review
from assess.cli import main
from assess.content.answer_file import save_answers
from assess.scoring import score
from assess.text.format import score as shown
from tests.conftest import SAMPLE

Q = ["-q", str(SAMPLE)]


@pytest.fixture
def files(tmp_path, sample, sample_answers):
    """(plain answer file, the same with C01 rejected by a reviewer, its assessment)."""
    plain = tmp_path / "in" / "plain.json"
    plain.parent.mkdir()
    save_answers(plain, sample_answers)
    reviewed = sample_answers.model_copy(deep=True)
    reviewed.answers["C01"] = reviewed.answers["C01"].model_copy(
        update={"review": Review(decision="rejected", by="Wang", comment="no plan on site")})
    audited = tmp_path / "in" / "audited.json"
    save_answers(audited, reviewed)
    a = score(sample[0], reviewed)
    assert a.overall.audited is not None and a.overall.audited < a.overall.evidenced  # figures that differ
    return plain, audited, a


def _out(capsys) -> str:
    return capsys.readouterr().out


def test_the_report_line_gives_the_audited_figure_beside_the_claimed_one(files, tmp_path, capsys):
    plain, audited, a = files
    assert main(["report", str(audited), *Q, "-o", str(tmp_path / "r" / "audited.xlsx")]) == 0
    line = _out(capsys).splitlines()[0]
    assert (f"overall score {shown(a.overall.score)} (Integrated), evidenced score {shown(a.overall.evidenced)}, "
            f"audited score {shown(a.overall.audited)}, 0 gate(s) failed") in line
    assert main(["report", str(audited), *Q, "--lang", "zh", "-o", str(tmp_path / "r" / "zh.xlsx")]) == 0
    assert f"，有据得分 {shown(a.overall.evidenced)}，审定得分 {shown(a.overall.audited)}，" in _out(capsys)
    assert main(["report", str(plain), *Q, "-o", str(tmp_path / "r" / "plain.xlsx")]) == 0
    assert "audited" not in _out(capsys)


def test_the_one_page_summary_shows_the_audited_figures(files, tmp_path, capsys):
    plain, audited, a = files
    assert main(["report", str(audited), *Q, "-o", str(tmp_path / "r" / "audited.xlsx")]) == 0
    assert main(["report", str(plain), *Q, "-o", str(tmp_path / "r" / "plain.xlsx")]) == 0
    capsys.readouterr()
    page = re.sub(r"<svg.*?</svg>|<[^>]+>", " ", (tmp_path / "r" / "audited.summary.html").read_text("utf-8"))
    words = " ".join(page.split())
    assert f"Audited score {shown(a.overall.audited)}" in words
    assert "Audited" in words.split("Pillar", 1)[1]  # a column of the pillar table too
    assert f"Compute {shown(a.pillar('C').score)} {shown(a.pillar('C').audited)}" in words
    plain_page = (tmp_path / "r" / "plain.summary.html").read_text("utf-8")
    assert "Audited" not in plain_page


def test_explain_shows_each_inputs_audited_figure(files, capsys):
    plain, audited, a = files
    assert main(["explain", str(audited), "C", *Q]) == 0
    text = _out(capsys)
    assert "audited" in text.splitlines()[1]  # the table's head
    c01 = next(line for line in text.splitlines() if line.startswith("C01"))
    assert c01.split()[-1] == "0"  # rejected: counts nothing in the audited figures
    assert f"audited {a.pillar('C').audited:g}" in text
    assert main(["explain", str(audited), "overall", *Q, "--json"]) == 0
    doc = json.loads(_out(capsys))
    assert doc["audited"] == pytest.approx(a.overall.audited)
    assert [c["audited"] for c in doc["contributions"]] == pytest.approx([p.audited for p in a.pillars])
    assert main(["explain", str(plain), "C", *Q]) == 0
    assert "audited" not in _out(capsys)


def test_compare_shows_the_audited_figures_when_either_side_was_reviewed(files, capsys):
    plain, audited, a = files
    assert main(["compare", str(plain), str(audited), *Q]) == 0
    text = _out(capsys)
    assert "audited before" in text and "audited after" in text
    overall = next(line for line in text.splitlines() if line.startswith("Overall"))
    assert overall.split()[-3:] == ["—", shown(a.overall.audited), "—"]  # no review before: no change to give
    assert main(["compare", str(plain), str(audited), *Q, "--json"]) == 0
    doc = json.loads(_out(capsys))
    assert doc["overall"]["audited"] == {"before": None, "after": a.overall.audited, "delta": None}
    assert main(["compare", str(plain), str(plain), *Q]) == 0
    assert "audited" not in _out(capsys)


def _batch(folder, out, capsys):
    assert main(["batch", str(folder), *Q, "-o", str(out), "--no-reports", "--jobs", "1"]) == 0
    said = capsys.readouterr()
    with open(out / "portfolio.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh)), said.out + said.err


def test_the_portfolio_gets_an_audited_column_when_a_firm_was_reviewed(files, tmp_path, capsys):
    plain, audited, a = files
    table, said = _batch(plain.parent, tmp_path / "out", capsys)
    rows = {r["file"].rsplit("/", 1)[-1].rsplit("\\", 1)[-1]: r for r in table}
    assert float(rows["audited.json"]["overall_audited"]) == pytest.approx(a.overall.audited, abs=1e-4)
    assert rows["plain.json"]["overall_audited"] == ""  # not reviewed: no audited figure, not a zero
    ws = load_workbook(tmp_path / "out" / "portfolio.xlsx")["Portfolio"]
    heads = [c.value for c in ws[1]]
    col = heads.index("Overall (audited)") + 1
    assert not ws.column_dimensions[ws.cell(1, col).column_letter].hidden
    bench = CalamineWorkbook.from_path(tmp_path / "out" / "portfolio.xlsx").get_sheet_by_name("Benchmark").to_python()
    row = next(r for r in bench if r[0] == "Overall (audited)")
    assert row[1] == 1 and row[2] == pytest.approx(a.overall.audited)  # one firm reviewed, its figure
    doc = json.loads((tmp_path / "out" / "portfolio.json").read_text("utf-8"))
    assert doc["benchmark"]["overall_audited"]["n"] == 1
    assert "overall audited score (1 reviewed)" in said  # the closing summary says it too


def test_without_reviews_the_portfolio_shows_no_audited_column(files, tmp_path, capsys):
    plain, audited, _ = files
    audited.unlink()
    rows, said = _batch(plain.parent, tmp_path / "out", capsys)
    assert [r["overall_audited"] for r in rows] == [""]  # the CSV keeps its columns for programs
    ws = load_workbook(tmp_path / "out" / "portfolio.xlsx")["Portfolio"]
    letter = ws.cell(1, [c.value for c in ws[1]].index("Overall (audited)") + 1).column_letter
    assert ws.column_dimensions[letter].hidden  # people do not see an empty column
    bench = CalamineWorkbook.from_path(tmp_path / "out" / "portfolio.xlsx").get_sheet_by_name("Benchmark").to_python()
    assert not any(r[0] == "Overall (audited)" for r in bench)
    assert "audited" not in said
