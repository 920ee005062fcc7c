"""`assess verify` passes a fresh report (and a redacted one) and catches each tampering, naming
the sheet and cell: an edited pillar score, level or answer, edited embedded data, and the wrong
questionnaire version."""

from __future__ import annotations

import json
import re
import zipfile

import openpyxl
import pytest
import yaml

from assess.answers import Answer, Company
from assess.canonical import canonical_bytes, digest
from assess.cli import main
from assess.excel import report_data
from assess.excel.a1 import a1
from assess.excel.report_layout import cell_name, layout, prepare
from assess.excel.report_render import write_files
from assess.excel.verify import verify_report
from assess.text.messages import say
from tests.conftest import SAMPLE

AT = "2026-03-01T08:00:00Z"


@pytest.fixture
def made(tmp_path, sample, sample_answers):
    """A fresh English report of the sample answers (with a failed must-have), and its Report."""
    q, h = sample
    answers = sample_answers.model_copy(update={
        "company": Company(name="Suzhou Precision Parts"),
        "answers": {**sample_answers.answers, "G01": Answer(value=False)},
    })
    report = prepare(q, h, answers, locale="en", generated_at=AT)
    path = write_files(tmp_path / "report.xlsx", report, twins=False).xlsx
    return path, report


def where(report, sheet_key: str, what: str) -> tuple[str, str]:
    """The sheet and cell that verify names `what` (column title · row label)."""
    for sheet in layout(report):
        if sheet.key == sheet_key:
            for c in sheet.cells:
                if cell_name(sheet, c) == what:
                    return sheet.name, a1(c.row, c.col)
    raise KeyError(what)


def edited(path, sheet: str, cell: str, value, out=None):
    """A copy of the workbook with one cell changed, saved as an editor would (openpyxl)."""
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell].value = value
    out = out or path.with_name(f"edited-{sheet}-{cell}.xlsx")
    wb.save(out)
    return out


def run_verify(capsys, path, questionnaire=str(SAMPLE)):
    code = main(["verify", str(path), "--questionnaire", questionnaire])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_fresh_report_passes(made, capsys):
    path, _ = made
    code, text = run_verify(capsys, path)
    assert code == 0, text
    assert "OK" in text and "sample@1.0.0" in text


def test_redacted_report_passes(tmp_path, sample, sample_answers, capsys):
    q, h = sample
    report = prepare(q, h, sample_answers, locale="zh", redact=True, generated_at=AT)
    path = write_files(tmp_path / "ext.xlsx", report, twins=False).xlsx
    code, text = run_verify(capsys, path)
    assert code == 0, text
    assert "redacted" in text


def test_an_editor_resave_alone_still_passes(made, capsys):
    path, _ = made
    wb = openpyxl.load_workbook(path)
    wb.save(path.with_name("resaved.xlsx"))
    code, text = run_verify(capsys, path.with_name("resaved.xlsx"))
    assert code == 0, text
    # openpyxl drops charts on saving: said, not failed (the figures they showed are in the cells)
    notes = verify_report(path.with_name("resaved.xlsx"), str(SAMPLE)).notes
    assert any("charts of sheet Summary are gone" in say(n, "en") for n in notes)
    assert any("Summary 的图表不见了" in say(n, "zh") for n in notes)
    assert not any(n.key == "report.charts_gone" for n in verify_report(path, str(SAMPLE)).notes)


def with_chart_part(path, edit, out):
    """A copy of the workbook with its first chart's XML changed by `edit`."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/charts/chart1.xml":
                changed = edit(data)
                assert changed != data
                data = changed
            dst.writestr(info, data)
    return out


def test_a_chart_pointed_at_other_cells_is_caught(made, capsys):
    path, _ = made
    # the radar's score series made to plot the target column instead
    moved = with_chart_part(path, lambda x: x.replace(b"Summary!$B$", b"Summary!$D$", 2),
                            path.with_name("moved.xlsx"))
    code, text = run_verify(capsys, moved)
    assert code == 1, text
    assert "Summary (chart)" in text and "a chart plots Summary!D" in text
    assert "no chart plots Summary!B" in text


@pytest.mark.parametrize(
    ("sheet_key", "what", "value"),
    [
        ("pillars", "Claimed · C", 4.5),
        ("summary", "Score · Security governance", 3.0),
        ("summary", "Overall claimed score (0–5)", 4.2),
        ("pillars", "Level · C", 4),
        ("summary", "Maturity level", 3),
        ("answers", "Answer · C01", "5 – Hybrid scheduling"),
        ("roadmap", "Current → needed · 1", "Yes → Yes"),
        ("answers", "Status · C03", "answered"),
        ("roadmap", "Phase · 1", "Later: beyond the target"),
        ("summary", "Pillar · G01", ""),
    ],
)
def test_an_edited_figure_or_answer_is_caught_with_its_cell(made, capsys, sheet_key, what, value):
    path, report = made
    sheet, cell = where(report, sheet_key, what)
    code, text = run_verify(capsys, edited(path, sheet, cell, value))
    assert code == 1
    assert f"{sheet}!{cell}" in text and what in text
    assert "FAILED" in text


def test_a_cell_far_out_on_a_sheet_is_refused_before_the_sheet_is_loaded(made, capsys):
    """One cell at XFD200000 would make python-calamine allocate some 100 GB: refused, naming the sheet."""
    path, _ = made
    code, text = run_verify(capsys, edited(path, "Embedded data", "XFD200000", 1))
    assert code == 1
    assert "Embedded data!A1" in text and "200,000" in text


def test_an_added_row_is_caught(made, capsys):
    path, report = made
    sheet = "Pillars"
    last = len(report.doc["pillars"]) + 3
    code, text = run_verify(capsys, edited(path, sheet, f"A{last}", "X"))
    assert code == 1 and f"Pillars!A{last}: unexpected content" in text


def test_edited_embedded_data_is_caught_by_its_digest(made, capsys):
    path, report = made
    rows = report_data.rows(report.embedded)
    text = rows[3][1]
    assert '"value":3' in text
    out = edited(path, "Embedded data", "B4", text.replace('"value":3', '"value":5', 1))
    code, output = run_verify(capsys, out)
    assert code == 1
    assert "Embedded data!B2" in output and "does not match its digest" in output


def test_embedded_data_edited_with_a_new_digest_no_longer_matches_the_sheets(made, capsys):
    """Whoever rewrites the data and its digest still has to change every figure shown."""
    path, report = made
    payload = json.loads(report.embedded.text)
    payload["answers"]["answers"]["C01"]["value"] = 5
    wb = openpyxl.load_workbook(path)
    ws = wb["Embedded data"]
    ws["B4"].value = canonical_bytes(payload).decode()
    ws["B2"].value = digest(payload)
    out = path.with_name("rewritten.xlsx")
    wb.save(out)
    code, text = run_verify(capsys, out)
    assert code == 1
    sheet, cell = where(report, "pillars", "Claimed · C")
    assert f"{sheet}!{cell}" in text
    sheet, cell = where(report, "answers", "Answer · C01")
    assert f"{sheet}!{cell}" in text and "Provenance!B10" in text  # the answers' digest moved too


def test_wrong_questionnaire_version_is_named(made, capsys, tmp_path):
    path, _ = made
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["version"] = "1.1.0"
    other = tmp_path / "sample-1.1.0.yaml"
    other.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, text = run_verify(capsys, path, str(other))
    assert code == 1
    assert "sample@1.0.0" in text and "not sample@1.1.0" in text


def test_same_version_with_other_content_is_refused(made, capsys, tmp_path):
    path, _ = made
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["pillars"][0]["weight"] = 3
    other = tmp_path / "sample-edited.yaml"
    other.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, text = run_verify(capsys, path, str(other))
    assert code == 1 and "content hash" in text


def test_an_unavailable_questionnaire_is_named(made):
    path, report = made
    result = verify_report(path)  # the sample is not bundled
    assert not result.ok
    assert result.needed == f"sample@1.0.0 (content hash {report.qhash})"
    assert "--questionnaire" in say(result.problems[0].fix, "en")
    assert "--questionnaire" in say(result.problems[0].fix, "zh")


def test_a_file_the_guard_refuses_is_reported_not_raised(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("name,score\nacme,3\n")
    code, text = run_verify(capsys, bad)
    assert code == 1 and "not an .xlsx workbook" in text


def test_a_workbook_without_embedded_data_is_not_a_report(tmp_path, capsys):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "hello"
    wb.save(tmp_path / "plain.xlsx")
    code, text = run_verify(capsys, tmp_path / "plain.xlsx")
    assert code == 1 and "no embedded-data sheet" in text


def test_a_missing_chunk_is_named(made, capsys):
    path, _ = made
    out = edited(path, "Embedded data", "B3", 2)
    code, text = run_verify(capsys, out)
    assert code == 1 and "Embedded data!B5" in text and "missing" in text


def test_a_chart_showing_other_figures_than_its_cells_is_caught(made, capsys):
    """A chart keeps a copy of what it plots, which some viewers draw without reading the cells: a copy
    edited to flatter a pillar is caught, naming the cell it stands for."""
    path, _ = made
    radar = zipfile.ZipFile(path).read("xl/charts/chart1.xml")
    first = re.search(rb'<c:val><c:numRef><c:f>Summary!\$B\$([0-9]+):.*?<c:pt idx="0"><c:v>([^<]*)</c:v>', radar)
    row, value = int(first.group(1)), first.group(2)
    assert float(value) < 4.9
    edited = with_chart_part(path, lambda x: x.replace(b'<c:pt idx="0"><c:v>' + value + b"</c:v>",
                                                       b'<c:pt idx="0"><c:v>4.9</c:v>', 1),
                             path.with_name("flattered.xlsx"))
    code, text = run_verify(capsys, edited)
    assert code == 1, text
    assert f"a chart shows '4.9' for Summary!B{row}" in text


@pytest.mark.parametrize("release", ["ai-manufacturing-2027@1.0.0", "ai-manufacturing-2027@1.1.0"])
def test_reports_on_each_bundled_release_verify(tmp_path, capsys, release):
    """A report made on the frozen 1.0.0 still verifies beside one made on 1.1.0 (each under its own rules)."""
    from assess.content.answer_file import save_answers
    from assess.content.bundled import resolve
    from tests.data.make_filled import random_answers

    q, h = resolve(release)
    answers = tmp_path / "plant.json"
    save_answers(answers, random_answers(q, h, seed=11))
    report = tmp_path / "gap-report.xlsx"
    main(["report", str(answers), "-o", str(report)])
    assert report.exists()
    capsys.readouterr()
    assert main(["verify", str(report)]) == 0, capsys.readouterr()


def with_sheet_xml(path, sheet: str, edit, out):
    """A copy of the workbook with the XML of the sheet named `sheet` changed by `edit`."""
    with zipfile.ZipFile(path) as src:
        book = src.read("xl/workbook.xml").decode()
        rid = re.search(rf'<sheet name="{re.escape(sheet)}" sheetId="\d+" r:id="(rId\d+)"', book).group(1)
        rels = src.read("xl/_rels/workbook.xml.rels").decode()
        part = "xl/" + re.search(rf'Id="{rid}" [^>]*Target="([^"]+)"', rels).group(1).removeprefix("/xl/")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == part:
                    changed = edit(data)
                    assert changed != data
                    data = changed
                dst.writestr(info, data)
    return out


@pytest.mark.parametrize("damage", [
    lambda xml: re.sub(rb'<row r="\d+"', b'<row r="-1"', xml, count=1),  # python-calamine: CalamineError
    lambda xml: xml[:len(xml) // 2],  # cut short: XmlError
], ids=["negative row number", "cut short"])
def test_a_damaged_sheet_is_named_and_the_others_still_checked(made, capsys, tmp_path, damage):
    path, report = made
    first = layout(report)[0].name  # the embedded data is read: the damage is on a figures sheet
    damaged = with_sheet_xml(path, first, damage, tmp_path / "damaged.xlsx")
    code, text = run_verify(capsys, damaged)
    assert code == 1
    assert f"{first}!A1" in text and "cannot read the workbook" in text
    assert "Traceback" not in text
    result = verify_report(damaged, str(SAMPLE))
    assert result.checked_cells > 0  # the sheets after it were compared


def test_a_review_workbook_given_to_verify_is_named_as_such(tmp_path, sample_answers, capsys):
    from assess.content.answer_file import save_answers

    answers = tmp_path / "plant.json"
    save_answers(answers, sample_answers)
    review = tmp_path / "plant-review.xlsx"
    assert main(["review", str(answers), "-q", str(SAMPLE), "-o", str(review)]) == 0
    capsys.readouterr()
    assert main(["verify", str(review), "-q", str(SAMPLE), "--lang", "en"]) == 1
    said = capsys.readouterr().err
    assert "this is a review workbook (made by assess review), not a gap report" in said
    assert "assess review --apply" in said
