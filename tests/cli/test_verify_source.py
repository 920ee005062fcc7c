"""`assess verify REPORT --source FILE` ties a report to the answer file or answer sheet it was made
from: the source's answers, read again as `assess report` reads them, must be exactly the embedded
ones (each difference named by question, with both values), and whether the file's SHA-256 is the
recorded one is said. A report made from another file, with the original's SHA-256 copied into its
data, fails."""

from __future__ import annotations

import hashlib
import json

import openpyxl
import pytest

from assess.answers import Answer, AnswerSet, Company
from assess.canonical import canonical_bytes, digest
from assess.cli import main
from assess.content.answer_file import save_answers
from assess.content.bundled import ref_of
from assess.excel.sheet_format import ANSWERS
from assess.excel.sheet_writer import build_workbook
from tests.conftest import SAMPLE


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--questionnaire", str(SAMPLE)])
    out = capsys.readouterr()
    return code, out.out + out.err


def report_of(capsys, source, out, *options: str):
    code, text = run(capsys, "report", str(source), "-o", str(out), *options)
    assert code == 0, text
    return out


@pytest.fixture
def plant(tmp_path, sample, sample_answers):
    """The sample answers as an answer file, and the English report made from it."""
    source = tmp_path / "plant.json"
    answers = sample_answers.model_copy(update={"company": Company(name="Suzhou Precision Parts", contact="Ms Li")})
    save_answers(source, answers)
    return source, answers


def test_the_right_answer_file_passes_and_is_the_very_file(plant, capsys, tmp_path):
    source, _ = plant
    report = report_of(capsys, source, tmp_path / "report.xlsx")
    code, text = run(capsys, "verify", str(report), "--source", str(source))
    assert code == 0, text
    assert f"the answers in {source} are exactly those embedded in the report" in text
    assert "it is the very file the report was made from" in text


def test_the_same_answers_saved_again_pass_under_another_sha(plant, capsys, tmp_path):
    source, _ = plant
    report = report_of(capsys, source, tmp_path / "report.xlsx")
    again = tmp_path / "plant-reindented.json"
    again.write_text(json.dumps(json.loads(source.read_text(encoding="utf-8")), indent=4), encoding="utf-8")
    code, text = run(capsys, "verify", str(report), "--source", str(again))
    assert code == 0, text
    assert "exactly those embedded" in text and "is not the one the report recorded" in text


def test_a_redacted_report_is_compared_as_redacted(plant, capsys, tmp_path):
    source, _ = plant
    report = report_of(capsys, source, tmp_path / "external.xlsx", "--redact")
    code, text = run(capsys, "verify", str(report), "--source", str(source))
    assert code == 0, text
    assert "compared as redacted" in text


def swapped_with_original_sha(capsys, tmp_path, source, answers: AnswerSet):
    """The forgery: two answers changed, the report made again from them, and the original file's
    SHA-256 written into its embedded data, with a new digest, and both onto its Provenance sheet."""
    other = tmp_path / "other.json"
    changed = {**answers.answers, "C01": answers.answers["C01"].model_copy(update={"value": 5}),
               "C02": answers.answers["C02"].model_copy(update={"value": 90})}
    save_answers(other, answers.model_copy(update={"answers": changed}))
    report = report_of(capsys, other, tmp_path / "forged.xlsx")
    original = hashlib.sha256(source.read_bytes()).hexdigest()
    swapped = hashlib.sha256(other.read_bytes()).hexdigest()
    wb = openpyxl.load_workbook(report)
    data = wb["Embedded data"]
    payload = json.loads(data["B4"].value)
    assert payload["report"]["input_sha256"] == swapped
    payload["report"]["input_sha256"] = original
    old_digest = data["B2"].value
    data["B4"].value = canonical_bytes(payload).decode()
    data["B2"].value = digest(payload)
    for was, now in ((swapped, original), (old_digest, data["B2"].value)):
        (cell,) = [c for row in wb["Provenance"].iter_rows() for c in row if c.value == was]
        cell.value = now
    wb.save(report)
    return report


def test_a_report_made_from_other_answers_with_the_sha_copied_back_fails_naming_them(plant, capsys, tmp_path):
    source, answers = plant
    forged = swapped_with_original_sha(capsys, tmp_path, source, answers)
    code, text = run(capsys, "verify", str(forged))
    assert code == 0, text  # consistent in itself: only the source can tell
    code, text = run(capsys, "verify", str(forged), "--source", str(source))
    assert code == 1, text
    assert "FAILED, 2 difference(s) from the source" in text, text
    # values as the report's reader knows them: the level with its descriptor, the percentage
    assert f"{source}: C01: answer: the report holds 5 – Hybrid scheduling, the source file 3 – Capacity plan" in text
    assert f"{source}: C02: answer: the report holds 90%, the source file 40%" in text
    assert "C01: note" not in text  # the rest of C01's answer is the same
    assert "it is the very file the report was made from" in text  # the copied SHA-256 alone proves nothing
    code, text = run(capsys, "verify", str(forged), "--source", str(source), "--lang", "zh")
    assert "C01：答案：报告内嵌的是 5 – 混合调度，源文件中是 3 – 有容量计划" in text
    assert "核验未通过，与源文件有 2 处不同" in text


def test_every_field_that_differs_is_named(plant, capsys, tmp_path):
    source, answers = plant
    report = report_of(capsys, source, tmp_path / "report.xlsx")
    edited = answers.model_copy(update={
        "company": answers.company.model_copy(update={"name": "Another Works"}),
        "answers": {**{k: v for k, v in answers.answers.items() if k != "C03"},
                    "C01": answers.answers["C01"].model_copy(update={"note": "moved to 2027"})},
    })
    other = tmp_path / "edited.json"
    save_answers(other, edited)
    code, text = run(capsys, "verify", str(report), "--source", str(other))
    assert code == 1, text
    assert "C01: note: the report holds 'capacity plan 2026', the source file 'moved to 2027'" in text
    assert "C03: answer: the report holds " in text and "the source file (empty)" in text
    assert "Another Works" in text and "company.name: this entry" not in text  # said once, first


@pytest.fixture
def sheet(tmp_path, sample):
    """A filled English answer sheet with one answer out of range (not used, shown in the report)."""
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="Wuxi Medical"),
                        answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False),
                                 "P-ROLES": Answer(value=["user"]), "C01": Answer(value=2)})
    wb = build_workbook(q, h, "en", answers)
    wb[ANSWERS]["E3"] = 150  # C02: a percentage over 100
    path = tmp_path / "sheet.xlsx"
    wb.save(path)
    return path


def test_an_answer_sheet_is_read_again_as_the_report_read_it(sheet, capsys, tmp_path):
    report = report_of(capsys, sheet, tmp_path / "report.xlsx")
    code, text = run(capsys, "verify", str(report), "--source", str(sheet))
    assert code == 0, text
    assert "exactly those embedded" in text and "the very file" in text
    wb = openpyxl.load_workbook(sheet)
    wb[ANSWERS]["E2"] = "4 — Optimised"  # C01 typed over
    wb[ANSWERS]["E3"] = 170  # what was typed for C02, not used either way
    wb[ANSWERS]["F2"] = "moved to 2027"  # C01's note
    rows = {wb[ANSWERS].cell(r, 1).value: r for r in range(1, wb[ANSWERS].max_row + 1)}
    wb[ANSWERS][f"E{rows['G03:access']}"] = "yes"  # an option of a multiple choice
    wb.save(sheet)
    code, text = run(capsys, "verify", str(report), "--source", str(sheet))
    assert code == 1, text
    # named by the cell to open, then the question: the note's own cell, the option rows of a multiple choice
    assert "Answers!E2: C01's answer: the report holds 2 – A register exists, the source file 4 – Utilisation tracked" \
        in text
    assert "Answers!E3: C02's text typed but not used: the report holds '150', the source file '170'" in text
    assert "Answers!F2: C01's note: the report holds (empty), the source file 'moved to 2027'" in text
    options = [r for rid, r in rows.items() if str(rid).startswith("G03:")]
    # the options by their labels, as one answer; not option ids, nor one line per option
    assert f"Answers!E{min(options)}:E{max(options)}: G03's answer: the report holds (empty), the source file " \
           "Access control" in text


@pytest.mark.parametrize("kind", ["missing", "gap report"])
def test_a_source_that_cannot_be_read_is_said_not_raised(plant, capsys, tmp_path, kind):
    source, _ = plant
    report = report_of(capsys, source, tmp_path / "report.xlsx")
    given = tmp_path / "nowhere.json" if kind == "missing" else report
    code, text = run(capsys, "verify", str(report), "--source", str(given))
    assert code == 1, text
    assert "Traceback" not in text and str(given) in text
    assert ("not found" if kind == "missing" else "this is a gap report") in text


def test_another_company_s_file_is_said_to_be_so_before_its_differences(plant, capsys, tmp_path):
    """An auditor who picks the wrong firm's file is told that first, not left to read it out of a
    list of differing answers."""
    source, answers = plant
    report = report_of(capsys, source, tmp_path / "report.xlsx")
    other = tmp_path / "other.json"
    save_answers(other, answers.model_copy(update={"company": Company(name="Wuxi Castings")}))
    code, text = run(capsys, "verify", str(report), "--source", str(other), "--lang", "en")
    assert code == 1
    named = [line for line in text.splitlines() if "company.name" in line]
    assert "the source file is another company's (Wuxi Castings); the report is Suzhou Precision Parts's" in named[0]
    wide = tmp_path / "wide.json"  # the same name typed in full-width letters: the same company
    save_answers(wide, answers.model_copy(update={"company": Company(name="ＳＵＺＨＯＵ Precision  Parts")}))
    code, text = run(capsys, "verify", str(report), "--source", str(wide), "--lang", "en")
    assert "another company's" not in text


def test_an_english_report_of_a_chinese_sheet_says_what_was_not_used_in_english_and_verifies(
        tmp_path, sample, sample_answers, capsys):
    """A Chinese plant merged one 是 over G03's option rows; the consultant reports in English: the
    report shows what was typed with our words about it in English, and verifies against the sheet."""
    q, h = sample
    wb = build_workbook(q, h, "zh", sample_answers)
    ws = wb[ANSWERS]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    first = rows["G03:encrypt"]
    ws.cell(first, 5).value = "是"
    ws.merge_cells(f"E{first}:E{first + 2}")
    sheet = tmp_path / "甲厂.xlsx"
    wb.save(sheet)
    report = report_of(capsys, sheet, tmp_path / "report.xlsx", "--lang", "en")
    shown = json.loads(report.with_suffix(".json").read_text("utf-8"))["quality"]["rejected"]["G03"]
    assert shown == f"是 (merged cells E{first}:E{first + 2})"
    code, text = run(capsys, "verify", str(report), "--source", str(sheet), "--lang", "en")
    assert code == 0, text


def test_values_that_read_alike_are_shown_as_stored_and_statuses_in_words(plant, capsys, tmp_path):
    """Two figures that the reader's rounding would print alike are shown as stored, so a difference
    is never "1.23457e+06 against 1.23457e+06"; a status reads as the glossary words it."""
    source, answers = plant
    near = answers.model_copy(update={"answers": {**answers.answers, "C04": Answer(value=1234567.4)}})
    save_answers(source, near)
    report = report_of(capsys, source, tmp_path / "report.xlsx")
    other = near.model_copy(update={"answers": {**near.answers, "C04": Answer(value=1234567.5),
                                                "G02": Answer(status="dont_know")}})
    edited = tmp_path / "edited.json"
    save_answers(edited, other)
    code, text = run(capsys, "verify", str(report), "--source", str(edited), "--lang", "zh")
    assert code == 1, text
    assert "报告内嵌的是 1234567.4，源文件中是 1234567.5" in text
    assert "G02：状态：报告内嵌的是 不适用，源文件中是 不清楚" in text, text


def test_a_source_of_another_company_lists_a_few_differences_and_counts_the_rest(plant, capsys, tmp_path):
    """Another plant's file differs nearly everywhere: the auditor reads that it is another company's,
    a handful of differences, and how many more there are; a note and evidence read as text."""
    source, answers = plant
    report = report_of(capsys, source, tmp_path / "report.xlsx")
    other = answers.model_copy(update={
        "company": Company(name="另一家工厂"),
        "answers": {qid: a.model_copy(update={"note": f"另填 {qid}", "evidence": [f"{qid}-新.pdf", "台账.xlsx"]})
                    for qid, a in answers.answers.items()},
    })
    path = tmp_path / "other.json"
    save_answers(path, other)
    code, text = run(capsys, "verify", str(report), "--source", str(path), "--lang", "zh")
    assert code == 1, text
    lines = [x for x in text.splitlines() if x.startswith(str(path))]
    assert "另一家企业的（另一家工厂）" in lines[0]
    assert len(lines) == 1 + 10 + 1 and "另有" in lines[-1]  # the company, ten differences, the count
    assert any("源文件中是 “C01-新.pdf”、“台账.xlsx”" in x for x in lines)  # the evidence named, in words
    assert not any('["' in x or "['" in x for x in lines)  # never a list as code
    import re

    rest = int(re.search(r"另有 (\d+) 处不同", lines[-1]).group(1))
    assert f"核验未通过，与源文件有 {10 + rest} 处不同" in text  # all of them, not the ten listed as cells
