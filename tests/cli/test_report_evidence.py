"""Evidence files: `assess report --evidence DIR` hashes each file an answer names and lists it on the
report's Evidence sheet and in its embedded data; `assess verify --evidence DIR` then finds a file
changed or gone and names its question and file. Nothing outside the folder is ever read."""

from __future__ import annotations

import hashlib
import json
import os
import sys

import pytest
from python_calamine import CalamineWorkbook

from assess.answers import Answer, Card
from assess.cli import main
from assess.content import evidence as ev
from assess.content.answer_file import save_answers
from assess.excel import report_data
from assess.excel.verify import verify_report
from tests.conftest import SAMPLE


def rows_of(path, sheet):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


@pytest.fixture
def firm(tmp_path, sample_answers):
    """An answer file whose evidence names files in a folder, one missing, some refused, a link and a
    record number; and the folder."""
    folder = tmp_path / "evidence"
    (folder / "证据").mkdir(parents=True)
    (folder / "CP-2026.pdf").write_bytes(b"%PDF capacity plan 2026")
    (folder / "证据" / "等保备案.pdf").write_bytes("等级保护备案证明".encode())
    (tmp_path / "secret.txt").write_text("not evidence")
    answers = sample_answers.model_copy(update={"answers": {
        **sample_answers.answers,
        "C02": Answer(value=40, evidence=["missing.pdf", "../secret.txt", "https://intranet/plan.pdf"]),
        "G01": Answer(value=True, evidence=["证据\\等保备案.pdf", "备案号 3201-15", str(tmp_path / "secret.txt")]),
    }})
    path = tmp_path / "acme.json"
    save_answers(path, answers)
    return path, folder


def report(capsys, answers, folder, *extra):
    out = answers.with_name("report.xlsx")
    code = main(["report", str(answers), "-q", str(SAMPLE), "-o", str(out), "--evidence", str(folder), *extra])
    text = capsys.readouterr()
    assert code == 0, text.err
    return out, text.out + text.err


def verify(capsys, path, folder=None):
    code = main(["verify", str(path), "-q", str(SAMPLE), *(["--evidence", str(folder)] if folder else [])])
    text = capsys.readouterr()
    return code, text.out + text.err


def test_evidence_files_are_hashed_and_listed(firm, capsys):
    answers, folder = firm
    path, said = report(capsys, answers, folder)
    assert "evidence files: 2 found and hashed, 1 not in the folder, 2 refused" in said
    assert "C02: evidence reference ../secret.txt refused: the path leads out of the folder" in said
    rows = rows_of(path, "Evidence files")
    assert rows[0][0] == "Evidence files: SHA-256 computed in folder 'evidence' when the report was made"
    table = {(r[0], r[1]): r for r in rows[7:]}
    plan = table[("C01", "CP-2026.pdf")]
    assert plan[2:] == ["CP-2026.pdf", len(b"%PDF capacity plan 2026"),
                        hashlib.sha256(b"%PDF capacity plan 2026").hexdigest(), "found"]
    filed = table[("G01", "证据\\等保备案.pdf")]
    assert filed[2] == "证据/等保备案.pdf" and filed[4] == hashlib.sha256("等级保护备案证明".encode()).hexdigest()
    assert table[("C02", "missing.pdf")][5] == "not in the folder" and table[("C02", "missing.pdf")][4] == ""
    assert table[("C02", "../secret.txt")][5] == "refused: the path leads out of the folder"
    assert table[(("G01", str(answers.parent / "secret.txt")))][5].startswith("refused: an absolute path")
    assert not any("intranet" in r[1] or "3201" in r[1] for r in rows[7:])  # a link, a record number: not files
    # in the embedded data too, read back as verify reads it
    back = report_data.parse(rows_of(path, "Embedded data"), "data").evidence
    assert back["folder"] == "evidence" and len(back["files"]) == 5
    code, text = verify(capsys, path)  # without the folder: the sheets checked, the files noted
    assert code == 0 and "the report lists 2 evidence file(s); add --evidence DIR" in text


def test_verify_evidence_passes_then_names_a_changed_or_missing_file(firm, capsys):
    answers, folder = firm
    path, _ = report(capsys, answers, folder)
    code, text = verify(capsys, path, folder)
    assert code == 0, text
    assert "2 evidence file(s) match the SHA-256 the report lists" in text
    (folder / "CP-2026.pdf").write_bytes(b"%PDF capacity plan 2027")
    (folder / "证据" / "等保备案.pdf").unlink()
    code, text = verify(capsys, path, folder)
    assert code == 1
    assert "Evidence files!E8: evidence file CP-2026.pdf of question C01 has changed: the report lists SHA-256 " in text
    assert f"Evidence files!E11: evidence file 证据/等保备案.pdf of question G01 is no longer in {folder}" in text
    assert "FAILED, 2 mismatch(es)" in text


def test_editing_a_listed_hash_fails_verify(firm, capsys):
    import openpyxl

    answers, folder = firm
    path, _ = report(capsys, answers, folder)
    wb = openpyxl.load_workbook(path)
    ws = wb["Evidence files"]
    row = next(r for r in ws.iter_rows(min_row=8) if r[1].value == "CP-2026.pdf")
    row[4].value = "0" * 64
    wb.save(path.with_name("edited.xlsx"))
    code, text = verify(capsys, path.with_name("edited.xlsx"))
    assert code == 1 and "SHA-256 · CP-2026.pdf: the report shows '000" in text


def test_verify_evidence_on_a_report_made_without_a_folder(tmp_path, sample_answers, capsys):
    save_answers(tmp_path / "a.json", sample_answers)
    assert main(["report", str(tmp_path / "a.json"), "-q", str(SAMPLE), "-o", str(tmp_path / "r.xlsx")]) == 0
    assert "Evidence files" not in CalamineWorkbook.from_path(str(tmp_path / "r.xlsx")).sheet_names
    capsys.readouterr()
    code, text = verify(capsys, tmp_path / "r.xlsx", tmp_path)
    assert code == 1 and "made without an evidence folder" in text


def test_an_evidence_folder_that_is_not_one_is_a_usage_error(firm, capsys):
    answers, folder = firm
    assert main(["report", str(answers), "-q", str(SAMPLE), "--evidence", str(folder / "CP-2026.pdf")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_card_answers_evidence_and_redaction(tmp_path, sample, sample_answers):
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "line3.xlsx").write_bytes(b"kpi")
    answers = sample_answers.model_copy(update={"cards": {"scenarios": [
        Card(key="Line 3", answers={"SC-KPI": Answer(value=1, evidence=["line3.xlsx"])})]}})
    assert ev.references(answers)[-1] == ("scenarios[Line 3].SC-KPI", "line3.xlsx")
    found = ev.hash_evidence(folder, answers)["files"]
    assert found[-1]["status"] == "found" and found[-1]["size"] == 3


@pytest.mark.parametrize(("reference", "why"), [
    ("../secret.txt", "outside"), ("a/../../secret.txt", "outside"), ("..\\secret.txt", "outside"),
    ("/etc/passwd", "absolute"), ("C:\\Windows\\win.ini", "absolute"), ("c:win.ini", "absolute"),
    ("\\\\server\\share\\x.pdf", "absolute"), ("NUL", "odd"), ("con.txt", "odd"), ("a.pdf:hidden", "odd"),
    ("a\x1b[2J.pdf", "odd"),
])
def test_paths_that_leave_the_folder_or_are_odd_are_refused(tmp_path, reference, why):
    folder = tmp_path / "ev"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("x")
    got = ev.examine(folder, "C01", reference)
    assert (got.status, got.why, got.sha256) == ("refused", why, None)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and pipes need privileges or POSIX")
def test_links_out_folders_pipes_and_big_files_are_refused(tmp_path, monkeypatch):
    folder = tmp_path / "ev"
    (folder / "inside").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x")
    (folder / "inside" / "real.pdf").write_bytes(b"ok")
    os.symlink(tmp_path / "secret.txt", folder / "out.pdf")
    os.symlink(folder / "inside" / "real.pdf", folder / "in.pdf")  # a link that stays inside is followed
    os.symlink(tmp_path, folder / "up")
    os.mkfifo(folder / "pipe.pdf")
    (folder / "big.pdf").write_bytes(b"x" * 100)
    monkeypatch.setattr(ev, "MAX_BYTES", 99)
    refs = ("out.pdf", "up/secret.txt", "in.pdf", "pipe.pdf", "big.pdf", "inside")
    outcome = {ref: (f.status, f.why) for ref in refs for f in [ev.examine(folder, "C01", ref)]}
    assert outcome == {"out.pdf": ("refused", "outside"), "up/secret.txt": ("refused", "outside"),
                       "in.pdf": ("found", ""), "pipe.pdf": ("refused", "not_file"),
                       "big.pdf": ("refused", "too_big"), "inside": ("refused", "not_file")}


def test_an_old_report_without_evidence_still_reads(tmp_path, sample, sample_answers):
    from assess.excel.report_layout import prepare
    from assess.excel.report_render import write_files

    q, h = sample
    plain = prepare(q, h, sample_answers, locale="en", generated_at="2026-03-01T08:00:00Z")
    assert "evidence" not in json.loads(plain.embedded.text)  # made without a folder: the payload as before
    path = write_files(tmp_path / "old.xlsx", plain, twins=False).xlsx
    assert verify_report(path, str(SAMPLE)).ok


def test_a_batch_hashes_each_firms_evidence_from_its_own_folder(firm, capsys):
    """`assess batch --evidence DIR`: a firm's documents sit in DIR/<its file's name without
    extension>/, beside those of the other firms; each report lists its own, and verifies."""
    answers, folder = firm
    root = answers.parent / "all-evidence"
    root.mkdir()
    folder.rename(root / "acme")  # the firm's folder, named as its answer file
    other = answers.with_name("beta.json")  # a firm that sent no documents
    other.write_bytes(answers.read_bytes())
    out = answers.parent / "out"
    code = main(["batch", "--jobs", "1", str(answers), str(other), "-q", str(SAMPLE), "-o", str(out),
                 "--evidence", str(root), "--include-all"])
    capsys.readouterr()
    assert code in (0, 1)
    acme = report_data.parse(rows_of(out / "reports" / "acme.xlsx", "Embedded data"), "data").evidence
    beta = report_data.parse(rows_of(out / "reports" / "beta.xlsx", "Embedded data"), "data").evidence
    found = {f["reference"]: f["status"] for f in acme["files"]}
    assert found["CP-2026.pdf"] == "found" and found["missing.pdf"] == "not_found"
    assert {f["status"] for f in beta["files"] if f["status"] != "refused"} == {"not_found"}
    code, text = verify(capsys, out / "reports" / "acme.xlsx", root / "acme")
    assert code == 0, text


def test_batch_evidence_needs_reports(firm, capsys):
    answers, folder = firm
    code = main(["batch", str(answers), "-q", str(SAMPLE), "-o", str(answers.parent / "out"), "--no-reports",
                 "--evidence", str(folder)])
    assert code == 2 and "--no-reports" in capsys.readouterr().err


def test_a_firm_s_evidence_folder_keeps_a_name_s_ending_that_is_no_extension(tmp_path):
    """答卷2025.11.29 and 答卷2025.11.30 are two firms: each its own folder, as each its own report."""
    from types import SimpleNamespace

    from assess.batch.inputs import Input
    from assess.batch.worker import _evidence

    job = SimpleNamespace(evidence_root=tmp_path)
    folders = {name: _evidence(job, Input(tmp_path / "in" / name, name))["evidence_dir"]
               for name in ("答卷2025.11.29", "答卷2025.11.30", "甲公司.xlsx")}
    assert [p.name for p in folders.values()] == ["答卷2025.11.29", "答卷2025.11.30", "甲公司"]
