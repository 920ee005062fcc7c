"""`assess batch`: a folder mixing good, broken and hostile files; supervised workers; the portfolio."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Company
from assess.batch.run import FAULT_ENV, Supervisor, collect_inputs
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
def mixed(tmp_path_factory, sample):
    from tests.excel.hostile import build_corpus

    root = tmp_path_factory.mktemp("mixed")
    good = good_files(root / "good")
    broken = broken_sheet(root / "good" / "broken.xlsx", sample)
    build_corpus(root / "hostile", HOSTILE)
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
    assert len(files) == len(mixed["good"]) + 1 + len(HOSTILE)  # notes.txt and the lock file are not inputs
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
    assert summary["ok"] == len(mixed["good"]) and summary["problems"] == 1 and summary["refused"] == len(HOSTILE)
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
    assert len(problems) - 1 == sum(len(f["problems"]) for f in doc["files"])
    bench = wb.get_sheet_by_name("Benchmark").to_python()
    assert bench[0][:7] == ["Pillar", "Firms", "Min", "Q1", "Median", "Q3", "Max"]
    scored = [f for f in doc["files"] if f["figures"]]
    overall = sorted(f["figures"]["overall"] for f in scored)
    assert doc["benchmark"]["overall"]["n"] == len(scored)
    assert doc["benchmark"]["overall"]["min"] == overall[0] and doc["benchmark"]["overall"]["max"] == overall[-1]
    with zipfile.ZipFile(out / "portfolio.xlsx") as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
        # printed: titles on every page, two pages across, the report paths and hashes left off
        book = z.read("xl/workbook.xml").decode("utf-8")
        sheet1 = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    from openpyxl.utils import get_column_letter

    last = get_column_letter(rows[0].index("Gap report"))  # the column before it, 1-based
    assert f"Portfolio!$A$1:${last}${len(rows)}" in book.replace("'", "")
    assert "Portfolio!$1:$1" in book.replace("'", "")
    assert 'fitToWidth="2"' in sheet1 and 'fitToHeight="0"' in sheet1
    with open(out / "portfolio.csv", encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert [r["file"] for r in table] == [f["file"] for f in doc["files"]]
    assert {r["status"] for r in table} == {"ok", "problems", "refused"}


def test_duplicates_are_flagged(tmp_path):
    folder = tmp_path / "in"
    good = good_files(folder)
    shutil.copy(good[0], folder / "zz-copy.xlsx")  # byte-identical
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
    files = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    copy = files["zz-copy.xlsx"]
    assert copy["duplicate_of"].endswith(good[0].name) and copy["status"] == "problems"
    assert any("byte for byte" in p["message"] for p in copy["problems"])
    assert portfolio(out)["summary"]["duplicates"] == 1


def test_all_clean_exits_0_and_writes_reports_named_by_stem(tmp_path):
    folder = tmp_path / "in"
    good_files(folder / "a")
    sub = folder / "b"
    sub.mkdir()
    shutil.copy(SHEETS / "formula-zh-0007.lo.xlsx", sub / "plain-en-0003.xlsx")  # same stem, other folder
    src = json.loads((SHEETS / "plain-zh-0001.lo.expected.json").read_text("utf-8"))
    src["company"]["name"] = "JSON 提交的企业"
    (folder / "answers.json").write_text(json.dumps(src, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["batch", str(folder / "a"), str(folder / "answers.json"), "-q", Q, "-o", str(out),
                 "--reports", "--quiet"])
    doc = portfolio(out)
    assert code == 0, [(f["file"], f["problems"]) for f in doc["files"] if f["problems"]]
    assert all(f["report"] for f in doc["files"])
    assert main(["batch", str(folder), "-q", Q, "-o", str(tmp_path / "out2"), "--reports", "--quiet"]) == 1
    out = tmp_path / "out2"
    doc = portfolio(out)
    reports = sorted(p.name for p in (out / "reports").glob("*.xlsx"))
    assert "plain-en-0003.xlsx" in reports and "plain-en-0003-2.xlsx" in reports and "answers.xlsx" in reports
    assert all(f["report"] for f in doc["files"])


def test_csv_cells_never_start_a_formula(tmp_path, sample):
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name='=HYPERLINK("http://x","y")'),
                        answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False),
                                 "C01": Answer(value=2)})
    folder = tmp_path / "in"
    folder.mkdir()
    build_workbook(q, h, "en", answers).save(folder / "f.xlsx")
    out = tmp_path / "out"
    main(["batch", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"])
    with open(out / "portfolio.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["company"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert portfolio(out)["files"][0]["company"] == '=HYPERLINK("http://x","y")'
    cells = CalamineWorkbook.from_path(out / "portfolio.xlsx").get_sheet_by_name("Portfolio").to_python()
    assert cells[1][1] == '=HYPERLINK("http://x","y")'  # stored as text, not a formula
    with zipfile.ZipFile(out / "portfolio.xlsx") as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_a_hanging_and_a_crashing_worker_do_not_stall_the_batch(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    good = good_files(folder)
    for name in ("slow-hang.xlsx", "boom-crash.xlsx", "kaboom-abort.xlsx"):
        shutil.copy(good[0], folder / name)
    monkeypatch.setenv(FAULT_ENV, "hang=slow-hang,crash=boom-crash,abort=kaboom-abort")
    out = tmp_path / "out"
    start = time.perf_counter()
    code = main(["batch", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--jobs", "2", "--timeout", "1",
                 "--quiet"])
    took = time.perf_counter() - start
    assert code == 1 and took < 10
    files = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    assert files["slow-hang.xlsx"]["code"] == "timeout"
    assert "took longer than 1 s" in files["slow-hang.xlsx"]["reason"]
    assert files["boom-crash.xlsx"]["code"] == "crashed" and "exited with code 70" in files["boom-crash.xlsx"]["reason"]
    assert files["kaboom-abort.xlsx"]["code"] == "crashed" and "SIGABRT" in files["kaboom-abort.xlsx"]["reason"]
    for p in good:
        assert files[p.name]["status"] == "ok"
    assert portfolio(out)["summary"]["restarts"] == 3


def _slow_square(x: int) -> int:
    if x == 3:
        time.sleep(60)
    if x == 5:
        import os

        os._exit(1)
    if x == 7:
        raise ValueError("bad input")
    return x * x


def test_supervisor_requeues_and_replaces_workers():
    got: dict[int, object] = {}
    sup = Supervisor(_slow_square, jobs=2, timeout=0.5)
    sup.run(list(range(12)), lambda i, r: got.__setitem__(i, r), lambda i, why: f"failed: {why}")
    assert sorted(got) == list(range(12))
    assert got[3].startswith("failed: took longer") and got[5].startswith("failed: reader crashed")
    assert got[7] == "failed: internal error: ValueError: bad input"
    assert all(got[i] == i * i for i in range(12) if i not in (3, 5, 7))
    assert sup.workers == [] and sup.restarts == 2


def _crash_on_six(x: int) -> int:
    if x == 6:
        import os

        os._exit(3)
    return x + 100


def test_a_crash_fails_exactly_the_task_running_even_with_results_not_yet_sent():
    """One chunk of ten, results sent only at its end: the worker dies on task 6 after finishing 0-5.
    Only 6 fails (the board says it was running); 0-5, whose results died with it, are run again."""
    calls: dict[int, list[object]] = {}
    sup = Supervisor(_crash_on_six, jobs=1, timeout=5, depth=10, flush_every=60.0)
    sup.run(list(range(10)), lambda i, r: calls.setdefault(i, []).append(r), lambda i, why: f"failed: {why}")
    assert sorted(calls) == list(range(10)) and all(len(v) == 1 for v in calls.values())
    assert calls[6][0] == "failed: reader crashed: its process exited with code 3"
    assert all(calls[i][0] == i + 100 for i in range(10) if i != 6)
    assert sup.restarts == 1


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
    assert any("earlier batch" in s for s in inputs.skipped) and any("this batch's output" in s for s in inputs.skipped)


@pytest.mark.parametrize("argv,fragment", [
    (["batch", "/nonexistent/folder"], "no such file or folder"),
    (["batch", "--target", "C=9", str(SHEETS)], "targets lie in 0..5"),
    (["batch", "--jobs", "0", str(SHEETS)], "--jobs must be at least 1"),
])
def test_usage_errors_exit_2(tmp_path, capsys, argv, fragment):
    argv = [*argv, "-q", Q, "-o", str(tmp_path / "out")]
    assert main(argv) == 2
    assert fragment in capsys.readouterr().err


def test_no_inputs_exit_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "-q", Q, "-o", str(tmp_path / "out")]) == 2
    assert "no answer sheets" in capsys.readouterr().err


def test_hostile_files_stay_within_time_and_memory(tmp_path):
    """The whole hostile corpus through a real `assess batch` process: every file refused, no
    process of the tree above 200 MB, no file near its deadline."""
    from tests.excel.hostile import CASES, build_corpus

    build_corpus(tmp_path / "hostile")
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:]); "
             "print(r.returncode, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "assess", "batch", str(tmp_path / "hostile"), "-q", Q,
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
    assert main(["batch", str(good), "-q", Q, "-o", str(made), "--reports", "--quiet"]) == 0
    report = next((made / "reports").glob("*.xlsx"))
    shutil.copy(report, folder / "last-round.xlsx")
    assert main(["report", str(good), "-q", Q, "-o", str(tmp_path / "r.xlsx")]) == 0
    shutil.copy(tmp_path / "r.json", folder / "last-round-result.json")
    shutil.copy(made / "portfolio.json", folder / "portfolio-copy.json")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
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


def test_a_sheet_sent_back_blank_is_refused_not_scored_at_zero(tmp_path, sample):
    """A blank return would sit at 0.00 in the benchmark; it is refused, naming the firm when the sheet
    gives its name, and the benchmark counts only the firms that answered."""
    q, h = sample
    folder = tmp_path / "in"
    folder.mkdir()
    build_workbook(q, h, "en").save(folder / "blank.xlsx")
    profile_only = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="只填了概况的工厂"),
                             answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False)})
    build_workbook(q, h, "en", profile_only).save(folder / "profile-only.xlsx")
    answered = profile_only.model_copy(update={"company": Company(name="认真作答的工厂"),
                                               "answers": {**profile_only.answers, "C01": Answer(value=2)}})
    build_workbook(q, h, "en", answered).save(folder / "answered.xlsx")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
    doc = portfolio(out)
    by_file = {Path(f["file"]).name: f for f in doc["files"]}
    assert by_file["blank.xlsx"]["code"] == "not_filled_in"
    assert "sent back blank" in by_file["blank.xlsx"]["reason"]
    assert by_file["profile-only.xlsx"]["code"] == "not_filled_in"
    assert "only the profile" in by_file["profile-only.xlsx"]["reason"]
    assert by_file["profile-only.xlsx"]["company"] == "只填了概况的工厂"
    assert by_file["answered.xlsx"]["status"] != "refused"
    assert doc["benchmark"]["overall"]["n"] == 1


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
    assert main(["batch", str(folder), "-q", Q, "-o", str(out), "--no-reports", "--quiet"]) == 1
    by_file = {Path(f["file"]).name: f for f in portfolio(out)["files"]}
    wrong = by_file["wrong.xlsx"]
    assert wrong["code"] == "not_filled_in" and "no usable answer" in wrong["reason"]
    assert any(p["severity"] == "error" and p["where"].endswith(f"!E{row}") for p in wrong["problems"])
    profile = by_file["profile.json"]
    assert profile["code"] == "not_filled_in" and "only the profile" in profile["reason"]
    assert "Answers sheet" not in profile["problems"][-1]["fix"]  # an answer file has no sheets
