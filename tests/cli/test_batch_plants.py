"""A consultant's intake folder where a client sent two plants in one workbook (the Company and
Answers sheets copied, as Excel names copies: "Company (2)", "Answers (2)"): each complete pair is
its own firm, with its own row, benchmark place, gap report and return slip; a lone copy is named;
the same plant sent twice is still a duplicate; the summary counts files and firms, and they add up."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assess.cli import main
from assess.excel.sheet_format import ANSWERS, COMPANY
from tests.conftest import SAMPLE
from tests.excel.test_sheet_plants import rows_by_id, two_plants

Q = str(SAMPLE)


def portfolio(out: Path) -> dict:
    return json.loads((out / "portfolio.json").read_text("utf-8"))


@pytest.fixture
def intake(tmp_path, sample, sample_answers):
    """plants.xlsx (two plants), the same file sent again, lone.xlsx (an "Answers (2)" without its
    "Company (2)") and a photo: four files, five firms to score."""
    folder = tmp_path / "in"
    folder.mkdir()
    two_plants(folder, sample, sample_answers)
    shutil.copy(folder / "plants.xlsx", folder / "resent.xlsx")
    lone = two_plants(tmp_path, sample, sample_answers, sheets=(ANSWERS,), name="lone.xlsx")
    wb = load_workbook(lone)
    ws = wb[COMPANY]
    ws.cell(rows_by_id(ws)["company.name"], 3).value = "温州三厂"
    wb.save(folder / "lone.xlsx")
    (folder / "one.xlsx").unlink()  # two_plants' single-plant starting point
    (folder / "site.jpg").write_bytes(b"\xff\xd8\xff photo")
    return folder


def test_each_plant_is_its_own_firm_with_its_own_report(intake, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["batch", "--jobs", "1", str(intake), "-q", Q, "-o", str(out), "--lang", "en"]) == 1
    doc = portfolio(out)
    rows = {Path(f["file"]).name: f for f in doc["files"]}
    assert list(rows) == ["lone.xlsx", "lone.xlsx (2)", "plants.xlsx", "plants.xlsx (2)", "resent.xlsx",
                          "resent.xlsx (2)", "site.jpg"]
    first, second = rows["plants.xlsx"], rows["plants.xlsx (2)"]
    assert (first["company"], second["company"]) == ("宁波一厂", "宁波二厂")
    assert first["status"] == second["status"] == "problems"  # the sample leaves questions unanswered
    assert not first["duplicate_of"] and not second["duplicate_of"]  # two plants of one file are two firms
    assert [p["code"] for p in second["problems"] if p["severity"] == "error"] == []
    assert first["figures"]["overall"] != second["figures"]["overall"]  # C01 differs: 2 against 4
    assert first["in_benchmark"] and second["in_benchmark"]
    # each plant's own gap report (its company, then the file named as Excel names a copy), from its own answers
    assert Path(first["report"]).name == "宁波一厂 plants.xlsx"
    assert Path(second["report"]).name == "宁波二厂 plants (2).xlsx"
    assert Path(second["report"]).is_file() and Path(first["report"]).is_file()
    # the second plant's return slip points at its own sheets, where the client corrects it, in the
    # language the plant filled its sheet in
    slip = (out / "reports" / "宁波二厂 plants (2)-退回修改单.txt").read_text("utf-8-sig")
    assert "宁波二厂" in slip and "Answers (2)!E" in slip and "Answers!" not in slip
    # as sent, not where it sits here, and which of its plants, in words: "plants.xlsx (2)" is no file
    assert "文件：plants.xlsx，第 2 家工厂\n" in slip and str(tmp_path) not in slip
    assert {p["where"].split("!")[0] for p in second["problems"] if p["where"]} <= {"Company (2)", "Answers (2)"}
    # the same two plants sent again: each a duplicate of its own plant, left out of the benchmark
    assert rows["resent.xlsx"]["duplicate_of"].endswith("plants.xlsx")
    assert rows["resent.xlsx (2)"]["duplicate_of"].endswith("plants.xlsx (2)")
    assert not rows["resent.xlsx (2)"]["in_benchmark"]
    # a lone copy: its first plant scored and counted, as its own answers deserve; the copy a row of its
    # own, refused with the fix, and a return slip saying which sheet to add
    lone, copy = rows["lone.xlsx"], rows["lone.xlsx (2)"]
    assert lone["company"] == "温州三厂" and lone["in_benchmark"]
    assert not [p for p in lone["problems"] if p["severity"] == "error"]
    assert copy["status"] == "refused" and copy["code"] == "plant_incomplete"
    (incomplete,) = copy["problems"]
    assert incomplete["where"] == "Answers (2)!A1" and "Company (2)" in incomplete["message"]
    slip = (out / "reports" / "lone (2)-to-correct.txt").read_text("utf-8-sig")
    assert "Answers (2)!A1" in slip and "Company (2)" in slip and "File: lone.xlsx, plant 2" in slip
    assert "This plant's answer sheet could not be scored" in slip and "no usable" not in slip  # its answers are there
    assert doc["benchmark"]["overall"]["n"] == 3  # the three plants read; not the duplicates
    s = doc["summary"]
    assert (s["files"], s["taken"], s["firms"], s["refused"], s["plants_refused"]) == (4, 3, 5, 1, 1)
    assert s["taken"] + s["refused"] == s["files"] and s["ok"] + s["problems"] == s["firms"]
    said = capsys.readouterr().out
    assert "4 file(s): 3 scored (5 firm(s)), 1 refused" in said
    assert "plants.xlsx (2): " in said and "lone.xlsx (2): refused: " in said


def test_the_summary_reads_in_chinese(intake, tmp_path, capsys):
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(intake), "-q", Q, "-o", str(out), "--no-reports", "--lang", "zh"])
    said = "".join(capsys.readouterr().out.split())  # the title wraps to the table's width
    assert "4个文件，其中3个已评分（共5家企业），1个拒收" in said
    resent = {Path(f["file"]).name: f for f in portfolio(out)["files"]}["resent.xlsx (2)"]
    assert [p["message"] for p in resent["problems"] if p["code"] == "batch.duplicate_file"] == \
        [f"与 {resent['duplicate_of']} 是同一个文件（逐字节相同）"]


def test_a_blank_second_plant_is_named_not_scored(tmp_path, sample, sample_answers, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    path = two_plants(folder, sample, sample_answers)
    (folder / "one.xlsx").unlink()
    wb = load_workbook(path)
    ws = wb[f"{ANSWERS} (2)"]
    for r in range(2, ws.max_row + 1):
        for c in (4, 5):  # status and answer: sent back as it was copied, then cleared
            ws.cell(r, c).value = None
    wb.save(path)
    out = tmp_path / "out"
    assert main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--lang", "en"]) == 1
    doc = portfolio(out)
    first, second = doc["files"]
    assert first["figures"] and second["status"] == "refused" and second["code"] == "not_filled_in"
    assert second["company"] == "宁波二厂" and second["file"].endswith("plants.xlsx (2)")
    s = doc["summary"]
    assert (s["files"], s["taken"], s["firms"], s["refused"], s["plants_refused"]) == (1, 1, 1, 0, 1)
    assert "1 more plant(s) not scored" in " ".join(capsys.readouterr().out.split())


def test_one_plant_sent_in_two_files_is_a_duplicate(tmp_path, sample, sample_answers):
    """The second plant of one workbook sent again on its own (its sheets as Company and Answers):
    other bytes, the same answers."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = two_plants(folder, sample, sample_answers)
    (folder / "one.xlsx").unlink()
    wb = load_workbook(path)
    del wb[COMPANY], wb[ANSWERS]
    wb[f"{COMPANY} (2)"].title, wb[f"{ANSWERS} (2)"].title = COMPANY, ANSWERS
    wb.save(folder / "zz-second-alone.xlsx")
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--lang", "en"])
    rows = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    alone = rows["zz-second-alone.xlsx"]
    assert alone["duplicate_of"].endswith("plants.xlsx (2)")
    assert [p["code"] for p in alone["problems"] if p["code"].startswith("batch.")] == ["batch.duplicate_answers"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_two_plants_resaved_by_libreoffice_are_two_firms(tmp_path, sample, sample_answers):
    """The client copies the sheets in LibreOffice's way and saves there: its XML, its shared strings."""
    from tests.data.make_filled import resave

    made = two_plants(tmp_path, sample, sample_answers)
    folder = tmp_path / "in"
    (saved,) = resave([made], folder)
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--lang", "en"])
    doc = portfolio(out)
    first, second = doc["files"]
    assert (Path(first["file"]).name, Path(second["file"]).name) == ("plants.xlsx", "plants.xlsx (2)")
    assert (first["company"], second["company"]) == ("宁波一厂", "宁波二厂")
    assert first["in_benchmark"] and second["in_benchmark"] and not second["duplicate_of"]
    assert Path(second["report"]).name == "宁波二厂 plants (2).xlsx" and Path(second["report"]).is_file()
    assert (doc["summary"]["files"], doc["summary"]["firms"]) == (1, 2)


def test_the_second_plants_report_verifies_against_the_workbook_it_came_from(tmp_path, sample, sample_answers,
                                                                              capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    path = two_plants(folder, sample, sample_answers)
    (folder / "one.xlsx").unlink()
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--lang", "en"])
    second = out / "reports" / "宁波二厂 plants (2).xlsx"
    capsys.readouterr()
    assert main(["verify", str(second), "-q", Q, "--source", str(path), "--lang", "en"]) == 0
    assert "are exactly those embedded in the report" in capsys.readouterr().out
    wb = load_workbook(path)  # the second plant's answer changed after the report was made
    ws = wb[f"{ANSWERS} (2)"]
    ws.cell(rows_by_id(ws)["C01"], 5).value = "3 — 集成级"
    wb.save(path)
    assert main(["verify", str(second), "-q", Q, "--source", str(path), "--lang", "en"]) == 1
    said = "".join(capsys.readouterr())
    assert "C01" in said and "company.name" not in said  # compared with its own plant, not the first
    company = wb[f"{COMPANY} (2)"]  # its name pasted from a PDF, whose 厂 is the Kangxi radical ⼚: the same name
    company.cell(rows_by_id(company)["company.name"], 3).value = "宁波二\u2f1a"
    wb.save(path)
    assert main(["verify", str(second), "-q", Q, "--source", str(path), "--lang", "en"]) == 1
    said = "".join(capsys.readouterr())
    assert f"{ANSWERS} (2)!E{rows_by_id(ws)['C01']}: C01" in said and "宁波一厂" not in said
    assert main(["verify", str(out / "reports" / "宁波一厂 plants.xlsx"), "-q", Q, "--source", str(path)]) == 0


def test_a_file_named_2_never_takes_a_second_plant_s_report_name(tmp_path, sample, sample_answers):
    """`(2).xlsx` from company 宁波二厂, beside 宁波二厂.xlsx whose second plant is 宁波二厂 too: two firms,
    two reports, neither written over the other (both were 宁波二厂 (2).xlsx)."""
    folder = tmp_path / "in"
    folder.mkdir()
    path = two_plants(folder, sample, sample_answers, name="宁波二厂.xlsx")
    (folder / "one.xlsx").unlink()
    wb = load_workbook(path)
    del wb[f"{COMPANY} (2)"], wb[f"{ANSWERS} (2)"]
    ws = wb[COMPANY]
    ws.cell(rows_by_id(ws)["company.name"], 3).value = "宁波二厂"
    wb.save(folder / "(2).xlsx")
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--lang", "en", "--quiet"])
    reports = [f["report"] for f in portfolio(out)["files"] if f["report"]]
    assert len(reports) == 3 and len(set(reports)) == 3, reports


def test_a_plant_on_libreoffice_named_copies_that_repeats_a_company_is_told_at_its_own_sheet(
        tmp_path, sample, sample_answers):
    """LibreOffice names copies Company_2/Answers_2: that plant is read, and the warning that another
    file already holds its company names the cell of its name on its own sheet."""
    folder = tmp_path / "in"
    folder.mkdir()
    two_plants(folder, sample, sample_answers, copy="{}_2", name="b-plants.xlsx")
    wb = load_workbook(folder / "one.xlsx")  # the single plant, renamed 宁波二厂: a.xlsx, read first
    ws = wb[COMPANY]
    ws.cell(rows_by_id(ws)["company.name"], 3).value = "宁波二厂"
    wb.save(folder / "a.xlsx")
    (folder / "one.xlsx").unlink()
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports"])
    rows = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    second = rows["b-plants.xlsx (2)"]
    assert second["company"] == "宁波二厂"
    (said,) = [p for p in second["problems"] if p["code"].startswith("batch.duplicate_company")]
    assert said["where"] == "Company_2!C2"
    assert not [p for p in second["problems"] if p["code"] == "sheet.renamed"]


def test_a_repeated_company_on_a_renamed_company_sheet_is_told_at_that_sheet(tmp_path, sample, sample_answers):
    folder = tmp_path / "in"
    folder.mkdir()
    two_plants(folder, sample, sample_answers, sheets=(), name="a.xlsx")  # 宁波一厂, one plant
    wb = load_workbook(folder / "a.xlsx")
    wb[COMPANY].title = "企业信息"  # renamed by the client: found by its content
    ws = wb[ANSWERS]
    ws.cell(rows_by_id(ws)["C01"], 5).value = "4 — 优化级"  # other answers than b.xlsx's
    wb.save(folder / "b.xlsx")
    (folder / "one.xlsx").unlink()
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports"])
    rows = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    (said,) = [p for p in rows["b.xlsx"]["problems"] if p["code"].startswith("batch.duplicate_company")]
    assert said["where"] == "企业信息!C2"
