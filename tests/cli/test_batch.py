"""`assess batch`: a folder mixing good, broken and hostile files; supervised workers; the portfolio."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Company, Respondent
from assess.batch.inputs import collect_inputs
from assess.batch.pool import Failed, WorkerPool, WorkersDying
from assess.cli import main
from assess.content.bundled import ref_of
from assess.excel.sheet_format import ANSWERS
from assess.excel.sheet_writer import build_workbook
from tests.conftest import DATA, SAMPLE

SHEETS = DATA / "sheets"
Q = str(SAMPLE)
HOSTILE = ["csv_renamed", "empty", "truncated_half", "corrupt_sheet_bytes", "legacy", "spreadsheet",
           "not_a_workbook", "macro", "encrypted", "laughs_sheet", "laughs_shared_strings", "xxe_sheet",
           "xxe_shared_strings", "zip_bomb", "zip_bomb_lying", "no_dimension", "valid_minimal"]


def good_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for p in sorted(SHEETS.glob("plain-*.lo.xlsx")) + sorted(SHEETS.glob("messy-*.lo.xlsx")):
        out.append(Path(shutil.copy(p, folder / p.name.replace(".lo", ""))))
    return out


def broken_sheet(path: Path, sample) -> Path:
    """A real answer sheet with a value out of range and a formula."""
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="破损样本厂"),
                        answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False),
                                 "P-ROLES": Answer(value=["user"]), "C01": Answer(value=2)})
    wb = build_workbook(q, h, "zh", answers)
    ws = wb[ANSWERS]
    ws["E3"] = 150       # C02: a percentage over 100
    ws["F2"] = "=1+1"    # a formula in C01's note
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, sample, corpus):
    root = tmp_path_factory.mktemp("mixed")
    good = good_files(root / "good")
    broken = broken_sheet(root / "good" / "broken.xlsx", sample)
    (root / "hostile").mkdir()
    for name in HOSTILE:
        shutil.copy(corpus[name], root / "hostile")
    (root / "good" / "notes.txt").write_text("not an input")
    (root / "good" / "~$lock.xlsx").write_bytes(b"lock")
    out = root / "out"
    start = time.perf_counter()
    code = main(["batch", str(root / "good"), str(root / "hostile"), "-q", Q, "-o", str(out), "--no-reports",
                 "--jobs", "2", "--lang", "en"])
    took = time.perf_counter() - start
    return {"root": root, "good": good, "broken": broken, "out": out, "code": code, "took": took}


def portfolio(out: Path) -> dict:
    return json.loads((out / "portfolio.json").read_text("utf-8"))


def test_mixed_folder_exits_1_and_scores_every_good_file(mixed):
    assert mixed["code"] == 1
    doc = portfolio(mixed["out"])
    files = {Path(f["file"]).name: f for f in doc["files"]}
    # notes.txt is listed as not an answer file; the lock file is not a file sent
    assert len(files) == len(mixed["good"]) + 1 + len(HOSTILE) + 1
    assert files["notes.txt"]["code"] == "other_file" and files["notes.txt"]["status"] == "refused"
    # a text file may be an answer sheet's table exported: the sheet itself is asked for, not a re-save as .xlsx
    assert "the filled answer sheet itself (.xlsx)" in files["notes.txt"]["problems"][0]["fix"]
    for p in mixed["good"]:
        f = files[p.name]
        assert f["status"] == "ok", (p.name, f["problems"])
        assert f["figures"]["overall"] >= 0 and f["company"]
    broken = files["broken.xlsx"]
    assert broken["status"] == "problems" and broken["figures"] is not None
    wheres = {pr["where"]: pr for pr in broken["problems"]}
    assert "150" in wheres["Answers!E3"]["message"]  # refused by the answer rule: 0-100
    assert "a formula" in wheres["Answers!F2"]["message"]
    for name in HOSTILE:
        f = next(v for k, v in files.items() if Path(k).stem == name)
        assert f["status"] == "refused", name
        assert f["figures"] is None and f["code"] and f["problems"][0]["fix"], name
    assert files["zip_bomb_lying.xlsx"]["code"] == "size_mismatch"
    assert files["laughs_shared_strings.xlsx"]["code"] == "dtd"
    assert files["valid_minimal.xlsx"]["code"] == "not_answer_sheet"
    summary = doc["summary"]
    assert summary["ok"] == len(mixed["good"]) and summary["problems"] == 1 and summary["refused"] == len(HOSTILE) + 1
    assert mixed["took"] < 15


def test_portfolio_workbook_csv_and_json_agree(mixed):
    out = mixed["out"]
    doc = portfolio(out)
    wb = CalamineWorkbook.from_path(out / "portfolio.xlsx")
    assert wb.sheet_names == ["Portfolio", "Benchmark", "Problems"]
    rows = wb.get_sheet_by_name("Portfolio").to_python()
    assert len(rows) - 1 == len(doc["files"])
    assert [r[0] for r in rows[1:]] == [f["file"] for f in doc["files"]]  # input order
    problems = wb.get_sheet_by_name("Problems").to_python()
    # every file's problems, and each file left out (a lock file) as a notice of its own
    assert len(problems) - 1 == sum(len(f["problems"]) for f in doc["files"]) + len(doc["summary"]["skipped"])
    bench = wb.get_sheet_by_name("Benchmark").to_python()
    assert bench[0][:7] == ["Pillar", "Firms", "Min", "Q1", "Median", "Q3", "Max"]
    scored = [f for f in doc["files"] if f["figures"] and f["in_benchmark"]]  # a file read with errors: left out
    assert len(scored) < len([f for f in doc["files"] if f["figures"]])
    overall = sorted(f["figures"]["overall"] for f in scored)
    assert doc["benchmark"]["overall"]["n"] == len(scored)
    assert doc["benchmark"]["overall"]["min"] == overall[0] and doc["benchmark"]["overall"]["max"] == overall[-1]
    with zipfile.ZipFile(out / "portfolio.xlsx") as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
        # printed: titles on every page, one page across, the newer release, report paths and hashes left off
        book = z.read("xl/workbook.xml").decode("utf-8")
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    from openpyxl.utils import get_column_letter

    last = get_column_letter(rows[0].index("In benchmark") + 1)  # printed up to whether the benchmark counts it
    assert f"Portfolio!$A$1:${last}${len(rows)}" in book.replace("'", "")
    assert "Portfolio!$1:$1" in book.replace("'", "")
    assert 'fitToWidth="2"' not in sheet1 and 'fitToHeight="0"' in sheet1 and 'fitToPage="1"' in sheet1
    # the problems print one page wide, each beside its file and cell, wrapped, the titles on every page
    from openpyxl import load_workbook

    ws = load_workbook(out / "portfolio.xlsx")["Problems"]
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0 and ws.print_title_rows == "$1:$1"
    width = sum(ws.column_dimensions[c].width for c in "ABCDE")
    assert width < 160  # at one page wide, 10 pt text still prints at about 9 pt
    long = next(r for r in range(2, ws.max_row + 1) if len(str(ws.cell(r, 4).value or "")) > 80)
    assert ws.cell(long, 4).alignment.wrap_text and ws.row_dimensions[long].height > 15
    with open(out / "portfolio.csv", encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["file"] for r in table] == [f["file"] for f in doc["files"]]
    assert {r["status"] for r in table} == {"ok", "problems", "refused"}


def test_duplicates_are_flagged(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSESS_LANG", "zh")  # Chinese, the default
    folder = tmp_path / "in"
    good = good_files(folder)
    shutil.copy(good[0], folder / "zz-copy.xlsx")  # byte-identical
    out = tmp_path / "out"
    assert main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
    files = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    copy = files["zz-copy.xlsx"]
    assert copy["duplicate_of"].endswith(good[0].name) and copy["status"] == "problems"
    assert [p["message"] for p in copy["problems"] if p["code"] == "batch.duplicate_file"] == \
        [f"与 {copy['duplicate_of']} 是同一个文件（逐字节相同）"]
    assert portfolio(out)["summary"]["duplicates"] == 1


def batch_rows(tmp_path, firms: dict, questionnaire: str | None = Q) -> dict[str, dict]:
    """The portfolio's rows, by file name, of a quiet Chinese batch without reports over answer files
    `firms` (file name -> answers) written to one folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, answers in firms.items():
        (folder / name).write_text(answers.model_dump_json(), "utf-8")
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), *(["-q", questionnaire] if questionnaire else []), "-o", str(out),
          "--no-reports", "--quiet", "--lang", "zh"])
    return {Path(f["file"]).name: f for f in portfolio(out)["files"]}


def saved_at(path: Path, when: str) -> None:
    """Rewrite when the workbook at `path` says it was last saved (openpyxl writes the moment it saves)."""
    import re

    with zipfile.ZipFile(path) as z:
        parts = {i: z.read(i) for i in z.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.encode(), data)
            z.writestr(info, data)


@pytest.mark.parametrize("v1,v2,later", [("2026-11-18T06:03:00Z", "2026-11-20T02:15:00Z", True),
                                         ("2026-11-20T02:15:00Z", "2026-11-18T06:03:00Z", False)])
def test_a_plant_that_resends_its_sheet_is_told_which_copy_was_saved_later(tmp_path, sample, sample_answers,
                                                                            capsys, v1, v2, later):
    """v1 and v2 最终版 of one plant's sheet: the benchmark counts the one read first, so the row of a
    copy saved later says so, with both times in local time, and how to count it instead."""
    from assess.text.format import when

    q, h = sample
    folder = tmp_path / "in"
    folder.mkdir()
    first = sample_answers.model_copy(update={"company": Company(name="华北重工")})
    second = first.model_copy(update={"answers": {**first.answers,
                                                  "C01": Answer(value=0 if first.answers["C01"].value else 5)}})
    for name, answers, at in (("华北重工-v1.xlsx", first, v1), ("华北重工-v2 最终版.xlsx", second, v2)):
        build_workbook(q, h, "zh", answers).save(folder / name)
        saved_at(folder / name, at)
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--lang", "zh"])
    rows = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    v2_row = rows["华北重工-v2 最终版.xlsx"]
    (said,) = [p for p in v2_row["problems"] if p["code"].startswith("batch.duplicate_company")]
    assert rows["华北重工-v1.xlsx"]["in_benchmark"] is True and v2_row["in_benchmark"] is False
    local = [when(datetime.fromisoformat(at.replace("Z", "+00:00"))) for at in (v2, v1)]
    line = next(x for x in capsys.readouterr().out.splitlines() if "华北重工-v2 最终版.xlsx：" in x)
    if later:
        assert "这一份保存得更晚，对标却只计入先读到的那一份" in line
        assert v2_row["left_out"].startswith("与 ") and "这一份保存得更晚，但计入的是先读到的" in v2_row["left_out"]
        assert said["code"] == "batch.duplicate_company_later"
        assert f"这一份保存于 {local[0]}，比那一份（{local[1]}）晚" in said["message"]
        assert "如果这一份是改过的新版，请把" in said["fix"] and "华北重工-v1.xlsx" in said["fix"]
    else:
        assert said["code"] == "batch.duplicate_company_scores" and "保存于" not in said["message"]
        assert "更晚" not in line and "更晚" not in v2_row["left_out"]


def test_one_company_sent_twice_with_other_answers_says_both_scores_and_which_one_counts(tmp_path, sample,
                                                                                          sample_answers, capsys):
    """A revised copy beside the first: the benchmark counts the first read, and the row says so, with
    both scores, so the consultant keeps the right one."""
    folder = tmp_path / "in"
    folder.mkdir()
    first = sample_answers.model_copy(update={"company": Company(name="甲公司")})
    revised = first.model_copy(update={"answers": {**first.answers,
                                                   "C01": Answer(value=0 if first.answers["C01"].value else 5)}})
    (folder / "a-甲公司.json").write_text(first.model_dump_json(), "utf-8")
    (folder / "b-甲公司（修改版）.json").write_text(revised.model_dump_json(), "utf-8")
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--lang", "zh"])
    line = next(x for x in capsys.readouterr().out.splitlines() if "b-甲公司（修改版）.json：" in x)
    assert "重复" not in line and "是同一家企业，答案不同，对标只计入那一份" in line  # other answers: not a copy
    files = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    later = files["b-甲公司（修改版）.json"]
    (dup,) = [p for p in later["problems"] if p["code"] == "batch.duplicate_company_scores"]
    scores = [f"{files[n]['figures']['overall']:.2f}" for n in ("b-甲公司（修改版）.json", "a-甲公司.json")]
    assert scores[0] != scores[1]
    assert f"这一份总体得分 {scores[0]}，那一份 {scores[1]}" in dup["message"]
    assert dup["fix"].startswith("对标默认只计入 ") and "a-甲公司.json" in dup["fix"]
    assert later["in_benchmark"] is False and files["a-甲公司.json"]["in_benchmark"] is True
    first_file = files["a-甲公司.json"]["file"]
    assert later["left_out"] == f"与 {first_file} 是同一家企业，但答案不同；计入的是 {first_file}"  # not "重复"


def test_one_company_under_its_short_name_and_its_legal_name_is_counted_once(tmp_path, sample_answers):
    """西北重工 in one sheet and 西北重工有限公司 in its revision are one company: the benchmark counts it
    once, and the second names the first."""
    first = sample_answers.model_copy(update={"company": Company(name="西北重工")})
    revised = first.model_copy(update={"company": Company(name="西北重工有限公司"), "answers": {
        **first.answers, "C01": Answer(value=0 if first.answers["C01"].value else 5)}})
    files = batch_rows(tmp_path, {"a.json": first, "b.json": revised})
    assert files["a.json"]["in_benchmark"] is True and files["b.json"]["in_benchmark"] is False
    assert files["b.json"]["duplicate_of"].endswith("a.json")


def test_a_sheet_copied_from_another_plant_under_its_own_name_is_flagged_and_counted_once(tmp_path):
    """Plant B sends plant A's sheet with only the company name changed: warned, and the benchmark
    counts the answers once, unless --include-all."""
    from assess.content.bundled import resolve
    from tests.data.make_filled import random_answers

    q, h = resolve("ai-manufacturing-2027@1.1.0")
    first = random_answers(q, h, seed=8, blank=0)
    copy = first.model_copy(update={"company": Company(name="另一家工厂")})
    files = batch_rows(tmp_path, {"a.json": first, "b.json": copy}, questionnaire=None)
    (said,) = [p for p in files["b.json"]["problems"] if p["code"] == "batch.copied"]
    assert "a.json" in said["message"] and "企业名称不同" in said["message"]
    assert files["a.json"]["in_benchmark"] and not files["b.json"]["in_benchmark"]
    assert "只是企业不同" in files["b.json"]["left_out"]


def test_two_plants_with_no_ai_yet_answering_alike_are_two_firms_and_one_plant_twice_is_one(tmp_path):
    """The lowest answer everywhere, nothing written: what two plants with no AI both send, not a copy.
    The same answers from one company under another respondent are the same plant sent twice."""
    from assess.content.bundled import resolve
    from tests.data.make_filled import random_answers

    q, h = resolve("ai-manufacturing-2027@1.1.0")
    bare = random_answers(q, h, seed=8, blank=0)
    bare.answers = {k: a.model_copy(update={"note": "", "evidence": []}) for k, a in bare.answers.items()}
    firms = {name: bare.model_copy(update={"company": Company(name=company)})
             for name, company in (("a.json", "甲机械"), ("b.json", "乙纺织"))}
    firms["c.json"] = bare.model_copy(update={"company": Company(name="甲机械"), "respondent": Respondent(name="王工")})
    files = batch_rows(tmp_path, firms, questionnaire=None)
    assert not files["b.json"]["duplicate_of"] and files["b.json"]["in_benchmark"]
    assert files["c.json"]["duplicate_of"].endswith("a.json")
    assert [p["code"] for p in files["c.json"]["problems"] if p["code"].startswith("batch.")] == \
        ["batch.duplicate_answers"]


def test_a_company_limited_by_shares_is_another_company_than_its_namesake():
    from assess.answers import company_key

    assert company_key("华东重工有限公司") == company_key("华东重工") == company_key("华东重工有限责任公司")
    assert company_key("华东重工股份有限公司") != company_key("华东重工有限公司")
    assert company_key("Acme Inc.") != company_key("Acme Corp.")
    assert company_key("Pacific Robotics Co., Ltd.") == company_key("PACIFIC ROBOTICS LIMITED")
    # a stamp's place after the name: 最终版, stamped, is the same company as v1
    for stamped in ("宁波海天有限公司（盖章）", "宁波海天有限公司 (单位盖章)", "宁波海天有限公司（加盖公章）",
                    "宁波海天有限公司【单位公章】"):
        assert company_key(stamped) == company_key("宁波海天有限公司"), stamped
    assert company_key("华东重工（集团）有限公司") != company_key("华东重工有限公司")


def test_a_company_whose_first_copy_is_left_out_is_counted_by_its_clean_copy(tmp_path, sample_answers):
    """The first copy read has an error, so the benchmark leaves it out: the clean copy of the same
    company then counts, and says whom it stands for; the company is not lost from the benchmark."""
    first = sample_answers.model_copy(update={"company": Company(name="华东重工")})
    broken = first.model_copy(update={"answers": {**first.answers, "C01": Answer(value=9)}})  # no level 9
    files = batch_rows(tmp_path, {"a.json": broken, "b.json": first})
    assert files["a.json"]["in_benchmark"] is False and files["b.json"]["in_benchmark"] is True
    assert not files["b.json"]["duplicate_of"] and files["b.json"]["status"] == "problems"  # warned: not clean
    (said,) = [p for p in files["b.json"]["problems"] if p["code"] == "batch.duplicate_company_counted"]
    assert "a.json" in said["message"] and "计入的是这一份" in said["message"]


def test_all_clean_exits_0_and_writes_reports_named_by_company_and_file(tmp_path):
    folder = tmp_path / "in"
    good_files(folder / "a")
    sub = folder / "b"
    sub.mkdir()
    shutil.copy(SHEETS / "formula-zh-0007.lo.xlsx", sub / "plain-en-0003.xlsx")  # same stem, other folder
    src = json.loads((SHEETS / "plain-zh-0001.lo.expected.json").read_text("utf-8"))
    src["company"]["name"] = "JSON 提交的企业"
    first = next(iter(src["answers"].values()))
    first["note"] = "由 JSON 提交"  # its own answers: the same under another name would be a copied sheet
    (folder / "answers.json").write_text(json.dumps(src, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["batch", "--jobs", "1", str(folder / "a"), str(folder / "answers.json"), "-q", Q, "-o", str(out),
                 "--reports", "--quiet"])
    doc = portfolio(out)
    assert code == 0, [(f["file"], f["problems"]) for f in doc["files"] if f["problems"]]
    assert all(f["report"] for f in doc["files"])
    assert main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(tmp_path / "out2"), "--reports",
                 "--quiet"]) == 1
    out = tmp_path / "out2"
    doc = portfolio(out)
    reports = sorted(p.name for p in (out / "reports").glob("*.xlsx"))
    # named by company, then by file: two clients who kept one file name still get two reports, each
    # telling whose it is
    assert "JSON_提交的企业 answers.xlsx" in reports
    stems = [name.rpartition(" ")[2] for name in reports]
    assert "plain-en-0003.xlsx" in stems and "plain-en-0003-2.xlsx" in stems and len(set(reports)) == len(reports)
    companies = {Path(f["file"]).name: f["company"] for f in doc["files"]}
    assert all(f["company"].split()[0] in Path(f["report"]).name for f in doc["files"]), companies
    assert all(f["report"] for f in doc["files"])
    summaries = sorted(p.name for p in (out / "reports").glob("*.html"))  # each firm's one-page summary beside
    assert len(summaries) == len(reports) and "JSON_提交的企业 answers.summary.html" in summaries


def test_company_names_stay_text_in_every_output(tmp_path, sample, monkeypatch):
    """A name shaped like a formula is not run by a spreadsheet opening the CSV or the workbook; a name
    shaped like xlsxwriter's rich-string markup is written as the characters it is."""
    monkeypatch.setenv("ASSESS_LANG", "zh")  # Chinese, the default
    q, h = sample
    folder = tmp_path / "in"
    folder.mkdir()
    names = {"f.xlsx": '=HYPERLINK("http://x","y")', "g.xlsx": "<r><t>假名</t></r>"}
    for file, name in names.items():
        answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name=name),
                            answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False),
                                     "C01": Answer(value=2)})
        build_workbook(q, h, "en", answers).save(folder / file)
    out = tmp_path / "out"
    main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"])
    with open(out / "portfolio.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["company"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert [f["company"] for f in portfolio(out)["files"]] == list(names.values())
    cells = CalamineWorkbook.from_path(out / "portfolio.xlsx").get_sheet_by_name("汇总表").to_python()
    assert [r[1] for r in cells[1:]] == list(names.values())  # stored as text, not a formula nor markup
    with zipfile.ZipFile(out / "portfolio.xlsx") as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_a_hanging_and_a_crashing_worker_do_not_stall_the_batch(tmp_path):
    from assess.batch.inputs import collect_inputs
    from assess.batch.run import run_batch
    from assess.content.bundled import load_questionnaire
    from tests.cli.batch_work import faulty_score

    folder = tmp_path / "in"
    good = good_files(folder)
    for name in ("slow-hang.xlsx", "boom-crash.xlsx", "kaboom-abort.xlsx"):
        shutil.copy(good[0], folder / name)
    q, h = load_questionnaire(SAMPLE)
    out = tmp_path / "out"
    start = time.perf_counter()
    # a deadline long enough for pebble to see the crashes as crashes on a loaded machine (see below)
    summary = run_batch(collect_inputs([folder]), out, q, h, jobs=2, locale="en", timeout=3, work=faulty_score)
    took = time.perf_counter() - start
    assert summary.exit_code() == 1 and took < 15
    files = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    assert files["slow-hang.xlsx"]["code"] == "timeout"
    assert "took longer than 3 s" in files["slow-hang.xlsx"]["reason"]
    assert files["boom-crash.xlsx"]["code"] == "crashed" and "exited with code 70" in files["boom-crash.xlsx"]["reason"]
    assert files["kaboom-abort.xlsx"]["code"] == "crashed" and "SIGABRT" in files["kaboom-abort.xlsx"]["reason"]
    for name in ("slow-hang.xlsx", "boom-crash.xlsx", "kaboom-abort.xlsx"):
        assert files[name]["problems"][0]["fix"].startswith("open the file in Excel or LibreOffice")
    for p in good:
        assert files[p.name]["status"] == "ok"
    # one restart for each; under load a crash may come as pebble's broken pool (`WorkerPool.run`),
    # which replaces the pool once more while every file keeps its own outcome, as asserted above
    assert portfolio(out)["summary"]["restarts"] in (3, 4)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no per-process memory limit")
def test_a_file_that_exhausts_its_workers_memory_is_refused_and_the_batch_goes_on(tmp_path):
    from assess.batch.run import run_batch
    from assess.content.bundled import load_questionnaire
    from tests.cli.batch_work import faulty_score

    folder = tmp_path / "in"
    good = good_files(folder)[:2]
    shutil.copy(good[0], folder / "greedy.xlsx")
    q, h = load_questionnaire(SAMPLE)
    out = tmp_path / "out"
    run_batch(collect_inputs([folder]), out, q, h, jobs=1, locale="zh", memory_mb=256, work=faulty_score)
    files = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    assert files["greedy.xlsx"]["code"] == "out_of_memory"
    assert "内存上限" in files["greedy.xlsx"]["reason"]
    assert [files[p.name]["status"] for p in good] == ["ok", "ok"]


def test_a_batch_runs_where_processes_cannot_fork(tmp_path, monkeypatch):
    """As on Windows: no os.fork. Every file is still scored or refused by name."""

    folder = tmp_path / "in"
    good = good_files(folder)
    (folder / "broken.xlsx").write_bytes(b"not a workbook")
    monkeypatch.delattr(os, "fork", raising=False)
    monkeypatch.delattr(os, "fchmod", raising=False)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet", "--jobs", "2"]) == 1
    files = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    assert sorted(files) == sorted([p.name for p in good] + ["broken.xlsx"])
    assert all(files[p.name]["status"] == "ok" for p in good)
    assert files["broken.xlsx"]["status"] == "refused" and files["broken.xlsx"]["reason"]


def test_pool_fails_only_the_task_that_hangs_crashes_or_raises():
    from tests.cli.batch_work import slow_square

    # The deadline leaves pebble time to notice a dead worker: it checks deadlines before deaths, so
    # on a loaded machine a crash it noticed later than the deadline would be reported as a timeout.
    with WorkerPool(2, 3) as pool:
        got = dict(pool.run(slow_square, [(i,) for i in range(12)]))
    assert sorted(got) == list(range(12))
    assert got[3] == Failed("timeout") and got[5] == Failed("crashed", 1)
    assert got[7] == Failed("internal_error", error="ValueError: bad input")
    assert all(got[i] == i * i for i in range(12) if i not in (3, 5, 7))
    assert pool.restarts == 2


def test_pool_with_one_worker_runs_every_other_task_once_after_a_crash():
    from tests.cli.batch_work import crash_on_six

    with WorkerPool(1, 5) as pool:
        got = list(pool.run(crash_on_six, [(i,) for i in range(10)]))
    assert [i for i, _ in got] == list(range(10))  # each once, in order
    # its exit code, unless pebble lost track of the worker twice (the race WorkerPool.run retries once;
    # likelier on a loaded machine), when it is unknown but the task still fails as a crash
    assert got[6][1] in (Failed("crashed", 3), Failed("crashed"))
    assert all(r == i + 100 for i, r in got if i != 6)


def test_pool_whose_workers_cannot_start_says_so_instead_of_waiting_forever():
    from tests.cli.batch_work import crash_on_six, never_starts

    start = time.perf_counter()
    with pytest.raises(WorkersDying), WorkerPool(1, 5, setup=never_starts) as pool:
        list(pool.run(crash_on_six, [(i,) for i in range(3)]))
    assert time.perf_counter() - start < 20


def test_ctrl_c_stops_the_batch_and_its_workers(tmp_path):
    import multiprocessing

    from assess.batch.run import run_batch
    from assess.content.bundled import load_questionnaire

    folder = tmp_path / "in"
    good_files(folder)
    q, h = load_questionnaire(SAMPLE)

    def interrupt(*_):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as stopped:
        run_batch(collect_inputs([folder]), tmp_path / "out", q, h, jobs=2, on_file=interrupt)
    assert multiprocessing.active_children() == []
    out = tmp_path / "out"
    assert not (out / "portfolio.csv").exists() and not (out / "portfolio.json").exists()
    assert (out / "portfolio.partial.csv").read_text("utf-8-sig").startswith('"file",')
    assert stopped.value.partial.done == 1 and stopped.value.partial.total > 1
    assert not (out / ".assess-batch.lock").exists()  # let go, so the same command can run again


def test_inputs_follow_links_once_and_name_files_as_given(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    good = good_files(folder)
    (folder / "sub").mkdir()
    (folder / "sub" / "link.xlsx").symlink_to(good[0])
    monkeypatch.chdir(tmp_path)
    inputs = collect_inputs(["in", str(good[1])])
    shown = [i.display for i in inputs.files]
    names = sorted(p.name for p in good)
    assert shown == [f"in/{n}" for n in names]  # the link and the file named again are the same files
    assert [i.path for i in inputs.files] == [Path("in") / n for n in names]


def test_inputs_skip_the_output_folder_and_earlier_batches(tmp_path):
    folder = tmp_path / "in"
    good_files(folder)
    (folder / "reports" / "batch-old").mkdir(parents=True)
    (folder / "reports" / "batch-old" / "portfolio.json").write_text("{}")
    (folder / "reports" / "batch-old" / "portfolio.xlsx").write_bytes(b"x")
    out = folder / "reports" / "batch-new"
    out.mkdir()
    (out / "stray.xlsx").write_bytes(b"x")
    inputs = collect_inputs([folder], out)
    names = [i.path.name for i in inputs.files]
    assert "portfolio.xlsx" not in names and "stray.xlsx" not in names
    from assess.text.messages import say

    skipped = sorted(say(m, "en") for m in inputs.skipped)
    assert skipped == [os.path.join(str(folder), "reports", "batch-new") + os.sep + " (this batch's output)",
                       os.path.join(str(folder), "reports", "batch-old") + os.sep + " (an earlier batch's output)"]


@pytest.mark.parametrize("argv,fragment", [
    (["batch", "/nonexistent/folder"], "no such file or folder"),
    (["batch", "--target", "C=9", str(SHEETS)], "targets lie in 0..5"),
    (["batch", "--jobs", "0", str(SHEETS)], "--jobs must be at least 1"),
])
def test_usage_errors_exit_2(tmp_path, capsys, argv, fragment):
    argv = [*argv, "-q", Q, "-o", str(tmp_path / "out"), "--lang", "en"]
    assert main(argv) == 2
    assert fragment in capsys.readouterr().err


def test_no_inputs_exit_2_saying_so_in_the_users_language(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSESS_LANG", "zh")  # Chinese, the default
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "-q", Q, "-o", str(tmp_path / "out")]) == 2
    assert "没有找到答卷（.xlsx）或答案文件（.json）" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "empty"), "-q", Q, "-o", str(tmp_path / "out"), "--lang", "en"]) == 2
    assert "no answer sheets" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="measures the processes' memory with the resource module")
def test_hostile_files_stay_within_time_and_memory(tmp_path, corpus):
    """The whole hostile corpus through a real `assess batch` process: every file refused, no
    process of the tree above 200 MB, no file near its deadline."""
    from tests.excel.hostile import CASES

    (folder,) = {p.parent for p in corpus.values()}
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:]); "
             "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "assess", "batch", str(folder), "-q", Q,
           "-o", str(tmp_path / "out"), "--no-reports", "--quiet", "--timeout", "5"]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    code, took, max_kb = res.stdout.split()[-3:]
    assert int(code) == 1
    assert int(max_kb) < 200 * 1024
    doc = portfolio(tmp_path / "out")
    assert len(doc["files"]) == len(CASES)
    assert all(f["status"] == "refused" for f in doc["files"])
    assert not [f for f in doc["files"] if f["code"] in ("timeout", "crashed")]
    assert float(took) < 3 * len(CASES) ** 0.5 + 10


def test_gap_reports_and_other_outputs_in_the_folder_are_named_not_scored(tmp_path):
    """A consultant's folder often holds last round's gap reports and their JSON beside the sheets:
    each is refused saying what it is, not read as an answer sheet with a problem on every row."""
    folder = tmp_path / "in"
    good = good_files(folder)[0]
    made = tmp_path / "made"
    assert main(["batch", "--jobs", "1", str(good), "-q", Q, "-o", str(made), "--reports", "--quiet"]) == 0
    report = next((made / "reports").glob("*.xlsx"))
    shutil.copy(report, folder / "last-round.xlsx")
    assert main(["report", str(good), "-q", Q, "-o", str(tmp_path / "r.xlsx")]) == 0
    shutil.copy(tmp_path / "r.json", folder / "last-round-result.json")
    shutil.copy(made / "portfolio.json", folder / "portfolio-copy.json")
    out = tmp_path / "out"
    assert main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
    by_file = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    assert by_file["last-round.xlsx"]["code"] == "gap_report"
    assert "use `assess verify`" in by_file["last-round.xlsx"]["reason"]
    assert by_file["last-round-result.json"]["code"] == "not_answer_file"
    assert "a scoring result" in by_file["last-round-result.json"]["reason"]
    assert by_file["portfolio-copy.json"]["code"] == "not_answer_file"
    assert "portfolio" in by_file["portfolio-copy.json"]["reason"]
    others = {"last-round.xlsx", "last-round-result.json", "portfolio-copy.json"}
    assert all(len(by_file[name]["problems"]) == 1 for name in others)
    assert all(f["status"] == "ok" for name, f in by_file.items() if name not in others)


def test_a_sheet_sent_back_blank_is_refused_not_scored_at_zero(tmp_path, sample, sample_answers, monkeypatch):
    """A blank return would sit at 0.00 in the benchmark; it is refused, naming the firm when the sheet
    gives its name, and the benchmark counts only the firms that answered."""
    monkeypatch.setenv("ASSESS_LANG", "zh")  # Chinese, the default
    q, h = sample
    folder = tmp_path / "in"
    folder.mkdir()
    build_workbook(q, h, "en").save(folder / "blank.xlsx")
    profile_only = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="只填了概况的工厂"),
                             answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False)})
    build_workbook(q, h, "en", profile_only).save(folder / "profile-only.xlsx")
    answered = sample_answers.model_copy(update={"company": Company(name="认真作答的工厂")})
    build_workbook(q, h, "en", answered).save(folder / "answered.xlsx")
    noted = build_workbook(q, h, "en", AnswerSet(questionnaire=ref_of(q, h), company=Company(name="只写了备注的工厂")))
    ws = noted["Answers"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value in ("C02", "C04"):
            ws.cell(r, 6).value = "还没开始"
    noted.save(folder / "notes-only.xlsx")
    remark = build_workbook(q, h, "en", AnswerSet(questionnaire=ref_of(q, h), company=Company(name="只写了说明的工厂")))
    remark["Answers"].cell(remark["Answers"].max_row + 2, 1).value = "补充说明"
    remark["Answers"].cell(remark["Answers"].max_row, 3).value = "本厂尚未开展人工智能应用"
    remark.save(folder / "remark-only.xlsx")
    out = tmp_path / "out"
    assert main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
    doc = portfolio(out)
    by_file = {Path(f["file"]).name: f for f in doc["files"]}
    assert by_file["blank.xlsx"]["code"] == "not_filled_in"
    assert [p["code"] for p in by_file["blank.xlsx"]["problems"]] == ["batch.blank"]  # the blank, said once
    assert "什么都没有填写" in by_file["blank.xlsx"]["reason"]
    assert by_file["profile-only.xlsx"]["code"] == "not_filled_in"
    assert by_file["profile-only.xlsx"]["problems"][0]["code"] == "batch.profile_only"
    assert "只填写了企业画像" in by_file["profile-only.xlsx"]["reason"]
    assert by_file["profile-only.xlsx"]["company"] == "只填了概况的工厂"
    # notes where the answers go: not called blank, and the notes are named
    notes = by_file["notes-only.xlsx"]
    assert notes["code"] == "not_filled_in" and notes["problems"][0]["code"] == "batch.notes_only"
    assert "只写了备注或说明" in notes["reason"] and "什么都没有填写" not in notes["reason"]
    assert [p["code"] for p in notes["problems"]] == ["batch.notes_only", "sheet.notes_without_answer"]
    remark = by_file["remark-only.xlsx"]
    assert [p["code"] for p in remark["problems"]] == ["batch.notes_only", "sheet.remark_row"]
    assert by_file["answered.xlsx"]["status"] != "refused"
    assert doc["benchmark"]["overall"]["n"] == 1


def test_a_json_imported_from_a_sheet_beside_it_is_its_duplicate_and_the_sheet_s_errors_count(tmp_path, sample,
                                                                                               sample_answers):
    """`assess import` writes 华东.json beside 华东.xlsx, with none of the reader's problems: batched
    together, the sheet is scored (an error keeps it out of the benchmark) and the answer file is
    its duplicate, not a clean firm in the benchmark."""
    q, h = sample
    folder = tmp_path / "in"
    folder.mkdir()
    wb = build_workbook(q, h, "en", sample_answers.model_copy(update={"company": Company(name="华东重工")}))
    ws = wb["Answers"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == "C02":
            ws.cell(r, 5).value = "很多"  # not a number: an error
    wb.save(folder / "华东.xlsx")
    assert main(["import", str(folder / "华东.xlsx"), "-o", str(folder / "华东.json"), "-q", Q]) == 1
    with zipfile.ZipFile(tmp_path / "sent.zip", "w") as z:  # the same two in a .zip, and named one by one
        z.write(folder / "华东.json", "华东.json")
        z.write(folder / "华东.xlsx", "华东.xlsx")
    for given, shown in (([folder], "华东"), ([tmp_path / "sent.zip"], "sent.zip/华东"),
                         ([folder / "华东.json", folder / "华东.xlsx"], "华东")):
        out = tmp_path / f"out-{len(shown)}-{len(given)}"
        main(["batch", "--jobs", "1", *map(str, given), "-q", Q, "-o", str(out), "--no-reports", "--quiet"])
        doc = portfolio(out)
        assert [f["file"].replace("\\", "/").endswith((f"{shown}.xlsx", f"{shown}.json")) for f in doc["files"]] == \
            [True, True]
        sheet, imported = doc["files"]
        assert sheet["file"].endswith(".xlsx"), given
        assert [p for p in sheet["problems"] if p["severity"] == "error"] and not sheet["in_benchmark"]
        assert imported["duplicate_of"].endswith(".xlsx") and not imported["in_benchmark"]
        assert doc["benchmark"]["overall"] is None or doc["benchmark"]["overall"]["n"] == 0


def test_a_file_whose_every_pillar_answer_is_unusable_is_refused_with_its_problems(tmp_path, sample):
    q, h = sample
    folder = tmp_path / "in"
    folder.mkdir()
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="全部填错的工厂"),
                        answers={"P-SIZE": Answer(value="small"), "C01": Answer(value=2)})
    wb = build_workbook(q, h, "en", answers)
    ws = wb[ANSWERS]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "C01")
    ws.cell(row, 5).value = 9  # C01 is a maturity level: 0..5
    wb.save(folder / "wrong.xlsx")
    src = json.loads((SHEETS / "plain-zh-0001.lo.expected.json").read_text("utf-8"))
    src["answers"] = {"P-SIZE": {"value": "small"}}
    (folder / "profile.json").write_text(json.dumps(src, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
    by_file = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    wrong = by_file["wrong.xlsx"]
    assert wrong["code"] == "not_filled_in" and wrong["problems"][0]["code"] == "batch.no_usable_answer"
    assert any(p["severity"] == "error" and p["where"].endswith(f"!E{row}") for p in wrong["problems"])
    profile = by_file["profile.json"]
    assert profile["code"] == "not_filled_in" and profile["problems"][0]["code"] == "batch.profile_only"
    assert "工作表" not in profile["problems"][0]["fix"]  # an answer file has no sheets


def test_a_chinese_batch_speaks_chinese_and_an_english_one_english(tmp_path, capsys):
    """The default language is Chinese: the line per file, the summary, and the portfolio's sheets,
    titles, statuses and problems use the glossary's words (支柱 for a pillar, never 领域)."""
    folder = tmp_path / "in"
    good = good_files(folder)[0]
    shutil.copy(good, folder / "zz-copy.xlsx")
    (folder / "zz-junk.xlsx").write_text("not a workbook")
    texts = {}
    for lang in ("zh", "en"):
        out = tmp_path / lang
        assert main(["batch", "--jobs", "1", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--lang", lang]) == 1
        book = CalamineWorkbook.from_path(out / "portfolio.xlsx")
        texts[lang] = (capsys.readouterr().out, book.sheet_names,
                       *(book.get_sheet_by_name(n).to_python() for n in book.sheet_names))
    said, sheets, rows, bench, problems = texts["zh"]
    assert f"✓ {good}：" in said  # (outside the current folder, a file is named by its full path)
    assert "，与 " in said and "：拒收：" in said and "已评分，无问题" in said and "已写出" in said
    assert sheets == ["汇总表", "对标", "问题"]
    assert rows[0][:3] == ["文件", "企业", "状态"] and "总体自评得分" in rows[0]
    assert [r[2] for r in rows[1:]][-2:] == ["已评分（有问题）", "拒收"]
    assert bench[0][0] == "支柱" and "领域" not in str(bench)
    assert [r[1] for r in problems[1:]][:1] == ["警告"] and "逐字节相同" in problems[1][3]
    said, sheets, rows, bench, problems = texts["en"]
    assert "scored clean" in said and ": refused: " in said and "duplicate of" in said
    assert sheets == ["Portfolio", "Benchmark", "Problems"]
    assert [r[2] for r in rows[1:]][-2:] == ["scored, with problems", "refused"]
    assert bench[0][0] == "Pillar" and problems[1][1] == "warning" and "byte for byte" in problems[1][3]


def test_files_for_an_older_release_are_scored_under_it_and_told_a_newer_one_exists(tmp_path, capsys):
    """A batch of 1.0.0 sheets scores them under 1.0.0 and says, per file and in the portfolio, that
    1.1.0 carries them; so does a batch under 1.1.0 that meets a 1.0.0 file among its own."""
    from assess.content.answer_file import save_answers
    from assess.content.bundled import resolve
    from tests.data.make_filled import random_answers, write_filled

    q, h = resolve("ai-manufacturing-2027@1.0.0")
    folder = tmp_path / "in"
    (sheet,) = write_filled(q, h, folder, 1, seed=3)
    sheet.with_suffix(".expected.json").unlink()
    save_answers(folder / "old.json", random_answers(q, h, seed=4))
    out = tmp_path / "out"
    main(["batch", str(folder), "-o", str(out), "--no-reports", "--jobs", "1"])
    said = capsys.readouterr().out
    assert said.count("newer release ai-manufacturing-2027@1.1.0 (assess migrate carries it)") == 2
    doc = portfolio(out)
    assert doc["questionnaire"]["version"] == "1.0.0"
    for f in doc["files"]:
        assert f["figures"] is not None and f["newer_release"] == "ai-manufacturing-2027@1.1.0"
        (notice,) = [p for p in f["problems"] if p["severity"] == "notice"]
        assert "scored under it" in notice["message"] and "assess migrate" in notice["fix"]
    with open(out / "portfolio.csv", encoding="utf-8-sig", newline="") as fh:
        assert {r["newer_release"] for r in csv.DictReader(fh)} == {"ai-manufacturing-2027@1.1.0"}

    main(["batch", str(folder), "-q", "ai-manufacturing-2027@1.1.0", "-o", str(tmp_path / "new"), "--no-reports",
          "--jobs", "1", "--quiet"])
    doc = portfolio(tmp_path / "new")
    assert doc["questionnaire"]["version"] == "1.1.0"
    for f in doc["files"]:
        assert f["figures"] is not None and f["newer_release"] == "ai-manufacturing-2027@1.1.0", f
        assert any("assess migrate" in (p["fix"] or "") for p in f["problems"])


def test_the_status_line_says_compliance_first_while_a_gate_fails(tmp_path, capsys):
    from assess.answers import Answer, AnswerSet
    from assess.content.answer_file import save_answers
    from assess.content.bundled import ref_of, resolve

    q, h = resolve("ai-manufacturing-2027@1.1.0")
    folder = tmp_path / "in"
    folder.mkdir()
    answers = {"PR-SELF-HOSTED": Answer(value=True), "G01": Answer(value=False), "C02": Answer(value=80)}
    save_answers(folder / "plant.json", AnswerSet(questionnaire=ref_of(q, h), answers=answers))
    main(["batch", str(folder), "-o", str(tmp_path / "out"), "--no-reports", "--jobs", "1"])
    (line,) = [x for x in capsys.readouterr().out.splitlines() if "plant.json" in x and "(" in x]
    assert "compliance first" in line
    assert "(L0 Not started · compliance first)" in line  # the level as the firm's report names it
    (f,) = portfolio(tmp_path / "out")["files"]
    assert f["figures"]["compliance_first"] is True and "G01" in f["figures"]["gates_failed"]
