"""What `assess batch` leaves on disk: one batch per folder, no link followed, nothing complete-looking
after a stop, CSV no spreadsheet runs, and one firm's failure kept to that firm."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assess.answers import Answer, AnswerSet, Company
from assess.batch.inputs import collect_inputs
from assess.batch.lock import LOCK_NAME, FolderLock, FolderLocked, Holder
from assess.cli import main
from assess.content.answer_file import save_answers
from assess.content.bundled import ref_of
from assess.content.outputs import FORMULA_START, csv_text
from tests.conftest import DATA, SAMPLE

Q = str(SAMPLE)
ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NAME = "ACME;=cmd|' /C calc'!A0;"


def answer_file(path: Path, sample, company: str) -> Path:
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name=company),
                        answers={"P-SIZE": Answer(value="small"), "C01": Answer(value=3)})
    save_answers(path, answers)
    return path


def sheets(folder: Path, n: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = DATA / "sheets" / "plain-en-0003.lo.xlsx"
    return [Path(shutil.copy(good, folder / f"firm-{i:02}.xlsx")) for i in range(n)]


def batch(*args: str) -> int:
    return main(["batch", *args, "-q", Q, "--jobs", "1", "--quiet", "--lang", "en"])


def holder_process(folder: Path) -> subprocess.Popen:
    """Another batch, as far as the lock is concerned: a process that holds the folder's lock."""
    code = ("import sys, time; from pathlib import Path; from assess.batch.lock import FolderLock; "
            "FolderLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)")
    p = subprocess.Popen([sys.executable, "-c", code, str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_second_batch_into_the_same_folder_is_refused_naming_the_first(tmp_path, capsys):
    sheets(tmp_path / "in", 1)
    out = tmp_path / "out"
    out.mkdir()
    first = holder_process(out)
    try:
        assert batch(str(tmp_path / "in"), "-o", str(out), "--no-reports") == 2
        err = capsys.readouterr().err
        assert "another batch is writing" in err and f"process {first.pid} on " in err
        assert LOCK_NAME in err and "name another folder with -o" in err
        assert not (out / "portfolio.json").exists() and not (out / "portfolio.partial.csv").exists()
    finally:
        first.kill()
        first.wait()
    # the first died without letting go: its lock is taken over, with a notice, and the batch runs
    assert batch(str(tmp_path / "in"), "-o", str(out), "--no-reports") == 0
    err = capsys.readouterr().err
    assert f"process {first.pid}" in err and "no longer running" in err and "takes the folder over" in err
    assert (out / "portfolio.json").is_file() and not (out / LOCK_NAME).exists()


def test_a_lock_from_another_host_is_not_taken_over(tmp_path):
    (tmp_path / LOCK_NAME).write_text(Holder(1, "some-other-pc", "2025-01-01T09:00:00").text())
    with pytest.raises(FolderLocked) as e:
        FolderLock(tmp_path).acquire()
    assert e.value.holder == Holder(1, "some-other-pc", "2025-01-01T09:00:00")


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                    reason="planting links needs privileges on Windows")
def test_links_planted_in_the_output_folder_are_not_written_through(tmp_path, capsys):
    from assess.batch.naming import report_stem

    sheets(tmp_path / "in", 1)
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    company = json.loads((DATA / "sheets" / "plain-en-0003.lo.expected.json").read_text("utf-8"))["company"]["name"]
    report = f"reports/{report_stem('firm-00', company)}.xlsx"
    assert company.split()[0] in report
    victims = {}
    for name in ("portfolio.csv", "portfolio.xlsx", "portfolio.partial.json", report):
        victim = tmp_path / f"victim-{name.replace('/', '-')}"
        victim.write_text("precious")
        (out / name).symlink_to(victim)
        victims[name] = victim
    assert batch(str(tmp_path / "in"), "-o", str(out)) == 0
    for name, victim in victims.items():
        assert victim.read_text() == "precious", name
        assert not (out / name).is_symlink(), name
    assert (out / "portfolio.csv").read_text("utf-8-sig").startswith('"file",')
    assert (out / report).stat().st_size > 1000

    # a link in place of the reports folder would send every report into its target: refused, named
    other = tmp_path / "other"
    (other / "elsewhere").mkdir(parents=True)
    (other / "reports").symlink_to(other / "elsewhere")
    assert batch(str(tmp_path / "in"), "-o", str(other)) == 2
    assert f"{other / 'reports'} is a symbolic link" in capsys.readouterr().err
    assert list((other / "elsewhere").iterdir()) == []


RUN_SLOWLY = """
import functools, sys
import assess.batch.run as run
from tests.cli.batch_work import slow_score
run.run_batch = functools.partial(run.run_batch, work=slow_score)
from assess.cli import main
sys.exit(main(["batch", sys.argv[1], "-o", sys.argv[2], "-q", sys.argv[3], "--jobs", "1", "--quiet"]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="sending SIGINT or SIGTERM to one process is POSIX only")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_batch_stopped_half_way_leaves_only_outputs_named_partial(tmp_path, sig):
    n = 20
    sheets(tmp_path / "in", n)
    out = tmp_path / "out"
    env = {**os.environ, "ASSESS_LANG": "en"}
    p = subprocess.Popen([sys.executable, "-c", RUN_SLOWLY, str(tmp_path / "in"), str(out), Q], cwd=ROOT,
                         env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list((out / "reports").glob("*.xlsx"))) < 3:
        time.sleep(0.05)
    p.send_signal(sig)
    _, err = p.communicate(timeout=30)
    assert p.returncode == 130, err
    assert sorted(x.name for x in out.iterdir()) == [
        "portfolio.partial.csv", "portfolio.partial.json", "portfolio.partial.xlsx", "reports"]
    doc = json.loads((out / "portfolio.partial.json").read_text("utf-8"))
    done = len(doc["files"])
    assert 1 <= done < n and doc["incomplete"]["done"] == done and doc["incomplete"]["total"] == n
    rows = list(csv.reader(io.StringIO((out / "portfolio.partial.csv").read_text("utf-8-sig"))))
    assert len(rows) == 1 + done
    assert f"the batch stopped after {done} of {n} files" in err and "portfolio.partial.xlsx" in err

    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(out / "portfolio.partial.xlsx").get_sheet_by_name("Portfolio").to_python()
    assert f"this portfolio is incomplete: the batch stopped after {done} of {n} files" in sheet[-1][0]

    # the same command again scores every file; the partial outputs give way to whole ones
    assert batch(str(tmp_path / "in"), "-o", str(out), "--no-reports") == 1  # duplicates are flagged
    assert sorted(x.name for x in out.glob("portfolio*")) == ["portfolio.csv", "portfolio.json", "portfolio.xlsx"]
    assert len(json.loads((out / "portfolio.json").read_text("utf-8"))["files"]) == n


def test_no_csv_cell_can_become_a_formula(tmp_path, sample):
    folder = tmp_path / "in"
    folder.mkdir()
    answer_file(folder / "a.json", sample, HOSTILE_NAME)
    answer_file(folder / "=HYPERLINK(1).json", sample, "＝1+1")
    answer_file(folder / "c.json", sample, "@SUM(A1)")
    out = tmp_path / "out"
    batch(str(folder), "-o", str(out), "--no-reports")
    text = (out / "portfolio.csv").read_text("utf-8-sig")
    # quoted, and the sign after its `;` escaped too: a spreadsheet that splits at that `;` anyway
    # (reading on after the quotes of the field before) starts the next cell with an apostrophe
    assert '"ACME;\'=cmd|\' /C calc\'!A0;"' in text
    for sep in (",", ";", "\t"):  # however a spreadsheet splits the lines, no cell starts a formula
        for row in csv.reader(io.StringIO(text), delimiter=sep):
            for cell in row:
                assert not FORMULA_START.match(cell), (sep, cell)
    for line in text.splitlines():
        assert line.startswith('"') and line.endswith('"')
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(text))}
    assert next(r for k, r in rows.items() if k.endswith("=HYPERLINK(1).json"))["company"] == "'＝1+1"
    assert next(r for k, r in rows.items() if k.endswith("a.json"))["company"] == "ACME;'=cmd|' /C calc'!A0;"
    doc = json.loads((out / "portfolio.json").read_text("utf-8"))
    assert HOSTILE_NAME in [f["company"] for f in doc["files"]]  # the JSON keeps the name exactly
    assert csv_text("－1") == "'－1" and csv_text("\tx") == "'\tx" and csv_text("1-2") == "1-2"


def test_the_roadmap_csv_beside_a_report_quotes_every_field(tmp_path, sample):
    src = answer_file(tmp_path / "a.json", sample, "=evil")
    assert main(["report", str(src), "-q", Q, "-o", str(tmp_path / "r.xlsx"), "--lang", "en"]) in (0, 1)
    lines = (tmp_path / "r-roadmap.csv").read_text("utf-8-sig").splitlines()
    assert len(lines) > 1 and all(line.startswith('"') and line.endswith('"') for line in lines)


def test_one_firm_whose_report_or_row_fails_is_named_and_the_others_scored(tmp_path):
    from assess.batch.run import run_batch
    from assess.content.bundled import load_questionnaire
    from tests.cli.batch_work import odd_results, report_fails_on_bad

    folder = tmp_path / "in"
    good = sheets(folder, 2)
    for name in ("bad-disk.xlsx", "quits-lib.xlsx", "odd-row.xlsx", "exits-worker.xlsx"):
        shutil.copy(good[0], folder / name)
    q, h = load_questionnaire(SAMPLE)
    out = tmp_path / "out"
    s = run_batch(collect_inputs([folder]), out, q, h, jobs=1, locale="en", reports=True,
                  report_writer=report_fails_on_bad, work=odd_results)
    files = {Path(f["file"]).name: f for f in json.loads((out / "portfolio.json").read_text("utf-8"))["files"]}
    assert len(files) == 6 and s.files == 6
    for name in ("firm-00.xlsx", "firm-01.xlsx"):
        assert files[name]["figures"] and files[name]["report"] and Path(files[name]["report"]).is_file()
    for name, why in (("bad-disk.xlsx", "the disk is full"), ("quits-lib.xlsx", "SystemExit")):
        f = files[name]
        assert f["figures"] is not None and f["report"] is None  # scored; its report named as not written
        assert any("could not be written" in p["message"] and why in p["message"] for p in f["problems"]), f
    odd = files["odd-row.xlsx"]
    assert odd["status"] == "refused" and odd["code"] == "internal_error"
    assert "row could not be written" in odd["reason"] and odd["problems"][0]["fix"]
    exits = files["exits-worker.xlsx"]
    assert exits["status"] == "refused" and "SystemExit" in exits["reason"]
    assert not list(out.glob("portfolio.partial.*"))


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                    reason="planting links needs privileges on Windows")
def test_single_file_commands_replace_a_link_never_write_through_it(tmp_path, sample):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    sheet, answers, report = tmp_path / "sheet.xlsx", tmp_path / "answers.json", tmp_path / "report.xlsx"
    for link in (sheet, answers, report):
        link.symlink_to(victim)
    assert main(["template", "-q", Q, "-o", str(sheet), "--force"]) == 0
    assert main(["import", str(DATA / "sheets" / "plain-en-0003.lo.xlsx"), "-q", Q, "-o", str(answers),
                 "--force"]) in (0, 1)
    src = answer_file(tmp_path / "a.json", sample, "Firm")
    assert main(["report", str(src), "-q", Q, "-o", str(report), "--lang", "en"]) in (0, 1)
    assert victim.read_text() == "precious"
    assert not sheet.is_symlink() and not answers.is_symlink()
    assert json.loads(answers.read_text("utf-8"))["questionnaire"]["id"]


@pytest.mark.parametrize("stem,company,expected", [
    ("ai-manufacturing-2027-1.1.0-zh-2", "华东重工", "华东重工 ai-manufacturing-2027-1.1.0-zh-2"),
    ("甲公司-最终版", "甲公司", "甲公司-最终版"),          # the file already says whose it is
    ("甲公司", "甲公司有限公司", "甲公司"),                # and so does a short form of the name
    ("1", "华东重工1厂", "华东重工1厂 1"),                 # a bare number says nothing
    ("plants (2)", "宁波二厂", "宁波二厂 plants (2)"),
    ("浙东注塑 (2)", "浙东注塑有限公司（宁海工厂）", "浙东注塑有限公司（宁海工厂） 浙东注塑 (2)"),  # which plant
    ("report", "?*:<>|", "report"),                       # nothing of the name is left for a file name
    ("精工电子（苏州+无锡）", "无锡精工", "无锡精工 精工电子（苏州+无锡）"),  # what Windows takes is kept
    ("华东重工（集团）答卷", "华东重工（集团）", "华东重工（集团）答卷"),  # full-width brackets in both: said once
    ("华东重工(集团)答卷", "华东重工（集团）", "华东重工(集团)答卷"),  # in either form
    ("天府食品（一厂+二厂）", "天府食品有限公司（二厂）",
     "天府食品有限公司（二厂） 天府食品（一厂+二厂）"),  # each as written
    ("report", "A/B 公司", "A_B_公司 report"),            # a slash, a space: never a folder, never a gap
    ("report", "CON", "_CON report"),                     # a device's name on Windows
    ("ai-manufacturing-2027-1.1.0-zh", "MAN", "MAN ai-manufacturing-2027-1.1.0-zh"),  # not a word of it
    ("MAN-答卷", "MAN", "MAN-答卷"),
])
def test_a_report_is_named_by_company_then_file(stem, company, expected):
    from assess.batch.naming import report_stem

    assert report_stem(stem, company) == expected


def test_a_report_name_stays_short_enough_for_windows_with_its_slip_beside_it():
    from assess.batch.naming import REPORT_NAME_BYTES, report_stem

    long_company, long_file = "华东重工集团股份有限公司" * 4, "第一批回收答卷" * 6
    name = report_stem(long_file, long_company)
    assert len(name.encode("utf-8")) <= REPORT_NAME_BYTES
    assert len(f"{name}-退回修改单.txt".encode()) <= 255 and name.endswith(long_file)


def test_a_file_name_keeps_what_windows_takes_in_its_report_name(tmp_path):
    """A client's 精工电子（苏州+无锡）.xlsx keeps its brackets and plus sign in its report's name; only
    what Windows refuses, or reserves for a device, is changed."""
    from assess.batch.inputs import collect_inputs

    for name in ("精工电子（苏州+无锡）.xlsx", "con.xlsx", "a b.xlsx", "a_b.xlsx", "答卷2025.11.29", "答卷2025.11.30"):
        (tmp_path / name).write_bytes(b"PK")
    stems = {item.path.name: item.report_stem for item in collect_inputs([tmp_path]).files}
    assert stems["精工电子（苏州+无锡）.xlsx"] == "精工电子（苏州+无锡）"
    assert stems["答卷2025.11.30"] == "答卷2025.11.30"  # what follows its last dot is part of its name
    assert stems["con.xlsx"] == "_con"
    from assess.batch.naming import file_part_of

    assert file_part_of("COM¹") == "_COM¹" and file_part_of("LPT3.final") == "_LPT3.final"  # devices still
    assert file_part_of("com0") == "_com0" and file_part_of("LPT0") == "_LPT0"  # Windows 11 keeps these too
    assert {stems["a b.xlsx"], stems["a_b.xlsx"]} == {"a_b", "a_b-2"}  # one name each, never one report for two


def test_a_file_whose_own_name_is_too_long_still_gets_its_report_and_slip(tmp_path, capsys):
    """A client's 80-character subject line as a file name: the report with the company in front, or
    even the file's name alone with the slip's suffix, passed the 255 bytes a name may hold, and the
    firm got no report, with a message blaming the reports folder. Two such names stay two reports."""
    from assess.batch.naming import REPORT_NAME_BYTES, report_stem

    subject = ("浙江省宁波市北仑区高端装备制造产业园智能制造示范工厂"
               "人工智能加制造专项行动企业准备度自评问卷答卷最终确认版本请查收")
    first, second = report_stem(subject + "一", "宁波精工"), report_stem(subject + "二", "宁波精工")
    assert first != second and all(len(n.encode()) <= REPORT_NAME_BYTES for n in (first, second))
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(DATA / "sheets" / "plain-en-0003.lo.xlsx", inbox / f"{subject}.xlsx")
    batch(str(inbox), "-o", str(tmp_path / "out"))
    doc = json.loads((tmp_path / "out" / "portfolio.json").read_text("utf-8"))
    assert doc["files"][0]["report"] and Path(doc["files"][0]["report"]).is_file()
    assert not [p for p in doc["files"][0]["problems"] if p["code"] == "batch.not_written"]
