"""`assess report`: default place, never overwriting, the twins beside the workbook, exit codes."""

from __future__ import annotations

import hashlib
import json

from python_calamine import CalamineWorkbook

from assess.cli import main
from assess.content.answer_file import save_answers
from tests.conftest import SAMPLE


def test_default_output_twins_and_numeric_suffix(tmp_path, monkeypatch, sample_answers, capsys):
    monkeypatch.chdir(tmp_path)
    save_answers(tmp_path / "acme.json", sample_answers)
    assert main(["report", "acme.json", "-q", str(SAMPLE), "--lang", "en"]) == 0
    assert main(["report", "acme.json", "-q", str(SAMPLE), "--lang", "en", "--redact"]) == 0
    out = capsys.readouterr().out
    reports = tmp_path / "reports"
    assert sorted(p.name for p in reports.iterdir()) == [
        "acme-2-roadmap.csv", "acme-2.json", "acme-2.summary.html", "acme-2.xlsx", "acme-roadmap.csv", "acme.json",
        "acme.summary.html", "acme.xlsx"]
    assert "reports/acme.xlsx" in out and "reports/acme-2.xlsx" in out and "(external version)" in out
    doc = json.loads((reports / "acme.json").read_text(encoding="utf-8"))
    assert doc["kind"] == "assess/assessment" and doc["locale"] == "en"
    wb = CalamineWorkbook.from_path(str(reports / "acme.xlsx"))
    prov = {r[0]: r[1] for r in wb.get_sheet_by_name("Provenance").to_python() if r and r[0]}
    assert prov["SHA-256 of the input file"] == hashlib.sha256((tmp_path / "acme.json").read_bytes()).hexdigest()
    assert main(["verify", str(reports / "acme-2.xlsx"), "-q", str(SAMPLE)]) == 0


def test_output_option_and_targets(tmp_path, sample_answers, capsys):
    save_answers(tmp_path / "a.json", sample_answers)
    target = tmp_path / "out" / "board"
    assert main(["report", str(tmp_path / "a.json"), "-q", str(SAMPLE), "-o", str(target), "--target", "G=5",
                 "--lang", "zh"]) == 0
    made = tmp_path / "out" / "board.xlsx"
    assert made.exists() and (tmp_path / "out" / "board-roadmap.csv").exists()
    rows = CalamineWorkbook.from_path(str(made)).get_sheet_by_name("支柱").to_python()
    assert rows[2][9] == 5.0  # pillar G's target, as overridden
    assert main(["verify", str(made), "-q", str(SAMPLE)]) == 0


def test_usage_and_input_errors(tmp_path, sample_answers, capsys):
    save_answers(tmp_path / "a.json", sample_answers)
    assert main(["report", str(tmp_path / "a.json"), "-q", str(SAMPLE), "--target", "NOPE=3"]) == 2
    assert "no pillar NOPE" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.json"), "-q", str(SAMPLE)]) == 1
    assert "file not found" in capsys.readouterr().err


def test_output_folder_and_wrong_suffix(tmp_path, sample_answers, capsys):
    save_answers(tmp_path / "a.json", sample_answers)
    folder = tmp_path / "board"
    folder.mkdir()
    assert main(["report", str(tmp_path / "a.json"), "-q", str(SAMPLE), "-o", str(folder)]) == 0
    assert (folder / "a.xlsx").exists() and (folder / "a.json").exists()
    assert main(["report", str(tmp_path / "a.json"), "-q", str(SAMPLE), "-o", str(tmp_path / "new") + "/"]) == 0
    assert (tmp_path / "new" / "a.xlsx").exists()
    assert main(["report", str(tmp_path / "a.json"), "-q", str(SAMPLE), "-o", str(tmp_path / "r.pdf")]) == 2
    assert ".xlsx workbook" in capsys.readouterr().err and not (tmp_path / "r.pdf").exists()


def test_a_wrong_output_is_a_usage_error_before_the_input_is_read(tmp_path, capsys):
    missing = str(tmp_path / "missing.json")
    for bad in ("out.pdf", "report.xlsx.bak", "r.csv"):
        assert main(["report", missing, "-q", str(SAMPLE), "-o", str(tmp_path / bad)]) == 2
        err = capsys.readouterr().err
        assert f"-o {tmp_path / bad}:" in err and "file not found" not in err
        assert not list(tmp_path.iterdir())


def test_output_into_an_existing_folder_keeps_the_no_overwrite_rule(tmp_path, monkeypatch, sample_answers, capsys):
    monkeypatch.chdir(tmp_path)
    save_answers(tmp_path / "a1.json", sample_answers)
    (tmp_path / "reports").mkdir()
    for _ in range(2):
        assert main(["report", "a1.json", "-q", str(SAMPLE), "-o", "reports"]) == 0
    assert main(["report", "a1.json", "-q", str(SAMPLE), "-o", "reports/A1.XLSX"]) == 0
    made = sorted(p.name for p in (tmp_path / "reports").iterdir() if p.suffix.lower() == ".xlsx")
    assert made == ["A1.XLSX", "a1-2.xlsx", "a1.xlsx"] and not (tmp_path / "reports.xlsx").exists()


def test_the_report_says_answers_were_marked_invalid_only_when_some_were(tmp_path, sample, capsys):
    """A sheet whose only problems are questions left blank: nothing was marked invalid, so the
    command does not say so; one with an answer it could not use does."""
    from assess.answers import Answer, AnswerSet, Company
    from assess.content.bundled import ref_of
    from assess.excel.sheet_writer import build_workbook

    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="丙厂"),
                        answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False),
                                 "P-ROLES": Answer(value=["user"]), "C01": Answer(value=2)})
    wb = build_workbook(q, h, "zh", answers)
    wb.save(tmp_path / "blanks.xlsx")
    wb["Answers"]["E3"] = 150  # C02: a percentage over 100
    wb.save(tmp_path / "invalid.xlsx")
    said = {}
    for name in ("blanks", "invalid"):
        main(["report", str(tmp_path / f"{name}.xlsx"), "-q", str(SAMPLE), "-o", str(tmp_path / f"{name}-r.xlsx"),
              "--lang", "zh"])
        said[name] = capsys.readouterr().err
    assert "未作答" in said["blanks"] and "标为无效" not in said["blanks"]
    assert "标为无效" in said["invalid"]
