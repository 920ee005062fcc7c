"""The gap report: write it, read it back (openpyxl and python-calamine), and check what a reader
and an auditor would see: sheets, print headers, figures, charts, frozen panes, types, text safety,
the embedded data, redaction, both languages and the JSON/CSV twins."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import replace

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Company, Respondent
from assess.content.bundled import ref_of
from assess.excel import report_data
from assess.excel.a1 import a1
from assess.excel.report_layout import cell_name, layout, prepare
from assess.excel.report_render import free_path, render_csv, text_lines, write_files, write_report
from assess.excel.verify import verify_report
from assess.model import EvidenceState
from assess.text.report_labels import LABELS, METHODOLOGY, SHEETS, sheet_name
from tests.conftest import SAMPLE

PAYLOADS = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1)", "=1+1", "-2+3",
            "http://example.com/x"]
AT = "2026-03-01T08:00:00Z"


@pytest.fixture
def answers(sample_answers: AnswerSet) -> AnswerSet:
    """The sample answers with a company, people, notes and evidence, some of them hostile."""
    given = dict(sample_answers.answers)
    given["C01"] = given["C01"].model_copy(update={"note": PAYLOADS[1], "by": "张三"})
    given["C02"] = given["C02"].model_copy(update={"evidence": [PAYLOADS[2], PAYLOADS[5]], "note": "能耗数据 2025"})
    given["G05"] = Answer(value=PAYLOADS[3])
    given["G01"] = Answer(value=False, evidence_state="verified")  # a failed must-have
    return sample_answers.model_copy(update={
        "answers": given,
        "company": Company(name=PAYLOADS[0], sector="汽车零部件", region="江苏", contact="李四 li@example.com"),
        "respondent": Respondent(name="王五", role="数字化负责人"),
    })


def write(tmp_path, sample, answers, name="r.xlsx", **kw):
    q, h = sample
    kw.setdefault("generated_at", AT)
    report = prepare(q, h, answers, **kw)
    files = write_files(tmp_path / name, report)
    return report, files


def cell_of(report, sheet_key: str, what: str) -> str:
    """Address of the cell that shows `what` on a sheet, as verify names it (column title · row label)."""
    for sheet in layout(report):
        if sheet.key == sheet_key:
            for c in sheet.cells:
                if cell_name(sheet, c) == what:
                    return a1(c.row, c.col)
    raise KeyError(what)


def grid(path, sheet: str):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def at(rows, address: str):
    m = re.fullmatch(r"([A-Z]+)(\d+)", address)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return rows[int(m.group(2)) - 1][col - 1]


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_sheets_headers_and_print_setup(tmp_path, sample, answers, locale):
    report, files = write(tmp_path, sample, answers, locale=locale)
    wb = openpyxl.load_workbook(files.xlsx)
    # data quality only when reading a sheet found something, evidence files only with an evidence
    # folder, the signature only when signed, the review record once answers are reviewed
    names = [sheet_name(k, locale) for k in SHEETS if k not in ("quality", "evidence", "signature", "review")]
    assert wb.sheetnames == names
    assert wb[sheet_name("data", locale)].sheet_state == "hidden"
    assert all(wb[n].sheet_state == "visible" for n in names[:-1])
    for n in names[:-1]:
        ws = wb[n]
        header = ws.oddHeader
        assert header.left.text.startswith('=HYPERLINK("http://evil.example"')  # company, as text
        assert "sample@1.0.0" in header.center.text
        assert "&P" in header.right.text and "&N" in header.right.text  # page numbers
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
        assert ws.print_area
    for n in names[1:-1]:  # the tables: one page wide, as many pages down as needed
        ws = wb[n]
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1 is left out
    # the Summary: not shrunk to one page, but printed at a scale that keeps 10 pt text at 9 pt or more,
    # with a page break after what page 1 must hold
    summary = wb[names[0]]
    assert not (summary.sheet_properties.pageSetUpPr and summary.sheet_properties.pageSetUpPr.fitToPage)
    assert 90 <= (summary.page_setup.scale or 100) <= 100
    breaks = [b.id for b in summary.row_breaks.brk]
    sheet = layout(report)[0]
    assert breaks == [sheet.marks["page_break"]]
    first_page = {c.value for c in sheet.cells if c.row < breaks[0]}
    assert {"Actions to take first" if locale == "en" else "优先行动", report.doc["overall"]["score"]} <= first_page
    assert wb[sheet_name("roadmap", locale)].freeze_panes == "A2"
    assert wb[sheet_name("roadmap", locale)].auto_filter.ref.startswith("A1:L")
    assert wb[sheet_name("answers", locale)].freeze_panes == "C2"
    assert wb[sheet_name("answers", locale)].auto_filter.ref
    assert wb[sheet_name("pillars", locale)].freeze_panes == "C2"
    assert wb[sheet_name("pillars", locale)].conditional_formatting
    assert wb[sheet_name("roadmap", locale)].print_title_rows == "$1:$1"


def test_native_charts_are_present(tmp_path, sample, answers):
    _, files = write(tmp_path, sample, answers, locale="en")
    with zipfile.ZipFile(files.xlsx) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
        drawing_rels = [n for n in z.namelist() if n.startswith("xl/drawings/_rels/")]
    assert len(charts) == 2 and len(drawing_rels) == 1  # both on one sheet: the Summary
    assert any("<c:radarChart>" in c for c in charts)
    assert any("<c:barChart>" in c and '<c:barDir val="bar"/>' in c for c in charts)
    radar = next(c for c in charts if "<c:radarChart>" in c)
    assert "Summary!$B$" in radar and "Summary!$D$" in radar  # score and target series read the Summary


def test_figures_and_types_match_the_assessment(tmp_path, sample, answers):
    report, files = write(tmp_path, sample, answers, locale="en")
    d = report.doc
    pillars = grid(files.xlsx, "Pillars")
    assert pillars[0][:5] == ["ID", "Pillar", "Weight", "Applies", "Claimed"]
    for i, p in enumerate(d["pillars"], 1):
        row = pillars[i]
        assert row[0] == p["id"]
        assert isinstance(row[4], float) and row[4] == pytest.approx(p["score"])
        assert row[5] == pytest.approx(p["evidenced"])
        assert row[7] == p["level"] and row[9] == pytest.approx(p["target"])
        assert row[11] == pytest.approx(p["gap"]) and row[12] == pytest.approx(p["completion"])
    summary = grid(files.xlsx, "Summary")
    overall = cell_of(report, "summary", "Overall claimed score (0–5)")
    assert at(summary, overall) == pytest.approx(d["overall"]["score"])
    assert at(summary, cell_of(report, "summary", "Maturity level")) == d["overall"]["level"]
    assert at(summary, cell_of(report, "summary", "Pillar · G01")) == "Security governance"
    roadmap = grid(files.xlsx, "Roadmap")
    assert len(roadmap) == 1 + len(d["roadmap"])
    assert [r[0] for r in roadmap[1:]] == [x["rank"] for x in d["roadmap"]]
    assert roadmap[1][1] == "Now: fix a gate"


def test_answers_sheet_lists_every_question_and_marks_hidden_and_na(tmp_path, sample, answers):
    q, _ = sample
    no_export = answers.model_copy(update={"answers": {**answers.answers, "P-EXPORT": Answer(value=False)}})
    _, files = write(tmp_path, sample, no_export, locale="en")
    rows = grid(files.xlsx, "Answers")
    by_id = {r[1]: r for r in rows[1:]}
    assert list(by_id) == [question.id for _, question in q.all_questions()]
    assert by_id["G04"][3] == "not asked for this profile"  # P-EXPORT = no hides it
    assert by_id["G02"][3] == "not applicable"
    assert by_id["C03"][3] == "don't know"
    assert by_id["C04"][3] == "unanswered"
    assert by_id["C01"][4] == "3 – Capacity plan" and by_id["C01"][7] == 3.0
    assert by_id["C01"][10] == "documented" and by_id["C01"][13] == "张三"
    assert by_id["G03"][4] == "Encryption, Access control"
    assert by_id["P-SIZE"][0] == "Profile" and by_id["P-SIZE"][7] == ""


def test_hostile_text_stays_text(tmp_path, sample, answers):
    report, files = write(tmp_path, sample, answers, locale="en")
    with zipfile.ZipFile(files.xlsx) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert all("<f>" not in s and "<hyperlink" not in s for s in sheets)
    summary = grid(files.xlsx, "Summary")
    assert at(summary, cell_of(report, "summary", "Company")) == PAYLOADS[0]
    rows = {r[1]: r for r in grid(files.xlsx, "Answers")[1:]}
    assert rows["C01"][12] == PAYLOADS[1]
    assert rows["C02"][11] == f"{PAYLOADS[2]}; {PAYLOADS[5]}"
    assert rows["G05"][4] == PAYLOADS[3]
    wb = openpyxl.load_workbook(files.xlsx)  # openpyxl would show a formula as '=...' with data_type 'f'
    company = wb["Summary"][cell_of(report, "summary", "Company")]
    assert company.data_type == "s" and company.value == PAYLOADS[0]


# --------------------------------------------------------------------------- embedded data


def test_embedded_data_round_trips_100kb_of_chinese_notes(tmp_path, sample, answers):
    note = ("智能制造能力成熟度评估备注：产线数据采集、模型训练与推理部署。" * 4000)[:100_000]
    big = answers.model_copy(update={"answers": {
        **answers.answers,
        "C01": answers.answers["C01"].model_copy(update={"note": note}),
        "C05": Answer(value=45, note="𠀀𠀁 astral " * 3000 + "_x0041_ \x01 tab\t end"),
    }})
    q, h = sample
    report, files = write(tmp_path, sample, big, locale="zh")
    rows = grid(files.xlsx, sheet_name("data", "zh"))
    assert rows[0][0] == report_data.MARKER
    n = int(rows[2][1])
    assert n >= 8 and len(rows) == 3 + n
    assert all(len(r[1].encode("utf-16-le")) // 2 <= 32_767 for r in rows[3:])
    back = report_data.parse(rows, "data")
    assert back.answers.answers["C01"].note == note
    assert back.answers.answers["C05"].note == big.answers["C05"].note
    assert back.digest == report.embedded.digest
    assert back.answers == big and back.meta == report.meta
    shown = {r[1]: r for r in grid(files.xlsx, sheet_name("answers", "zh"))[1:]}["C01"][12]
    assert shown.startswith(note[:600]) and "99400" in shown.replace(",", "")  # clipped on the sheet, whole in the data
    assert verify_report(files.xlsx, str(SAMPLE)).ok


def test_redacted_report_leaves_out_notes_evidence_and_names(tmp_path, sample, answers):
    full, _ = write(tmp_path, sample, answers, "full.xlsx", locale="en")
    red, files = write(tmp_path, sample, answers, "ext.xlsx", locale="en", redact=True)
    assert red.doc["overall"] == full.doc["overall"] and red.doc["pillars"] == full.doc["pillars"]
    embedded = red.embedded.answers
    assert all(not a.note and set(a.evidence) <= {report_data.WITHHELD} and not a.by for a in embedded.answers.values())
    assert embedded.respondent.name == "" and embedded.company.contact == "" and embedded.history == []
    with zipfile.ZipFile(files.xlsx) as z:
        everything = b"".join(z.read(n) for n in z.namelist()).decode("utf-8", "replace")
    for secret in ("张三", "王五", "李四", "能耗数据", "/C calc", "SUM(1)"):
        assert secret not in everything
    rows = grid(files.xlsx, "Answers")
    assert rows[0][12] == "Note (removed)"
    assert all(r[11] == r[12] == r[13] == "" for r in rows[1:])
    assert verify_report(files.xlsx, str(SAMPLE)).ok


def test_redacted_report_scores_named_documents_as_the_full_one(tmp_path, sample, answers):
    """Where "documented" counts only with a named document, the shared version keeps that an
    answer named one (not what it named): its evidenced figures are the firm's own."""
    q, h = sample
    strict = q.model_copy(update={"scoring": q.scoring.model_copy(update={"documented_names_evidence": True})})
    answers.answers["C02"] = answers.answers["C02"].model_copy(update={"evidence_state": EvidenceState.documented})
    full = prepare(strict, h, answers, locale="en", generated_at=AT)
    red = prepare(strict, h, answers, locale="en", generated_at=AT, redact=True)
    assert full.doc["overall"]["evidenced"] > 0
    assert red.doc["overall"] == full.doc["overall"] and red.doc["pillars"] == full.doc["pillars"]
    assert red.embedded.answers.answers["C02"].evidence == [report_data.WITHHELD] * 2
    assert "SUM(1)" not in red.embedded.text


def test_a_redacted_report_leaves_out_evidence_that_names_no_document_and_scores_as_the_full_one(
        tmp_path, sample, answers):
    """暂无 names no document: the firm's own report counts the answer as declared, so the shared one
    must too (a dash standing for it would count as a document withheld)."""
    q, h = sample
    strict = q.model_copy(update={"scoring": q.scoring.model_copy(update={"documented_names_evidence": True})})
    answers.answers["C02"] = answers.answers["C02"].model_copy(
        update={"evidence_state": EvidenceState.documented, "evidence": ["暂无", "—"]})
    full = prepare(strict, h, answers, locale="zh", generated_at=AT)
    red = prepare(strict, h, answers, locale="zh", generated_at=AT, redact=True)
    assert red.doc["overall"] == full.doc["overall"] and red.doc["pillars"] == full.doc["pillars"]
    assert red.embedded.answers.answers["C02"].evidence == []
    assert next(x for x in full.doc["questions"] if x["id"] == "C02")["evidence_state"] == "declared"


def test_a_report_made_before_placeholders_named_nothing_is_re_scored_as_it_was_made(tmp_path, sample, answers):
    """A report made by 0.3.0 counted 暂无 as a document's name: verify must re-score it so (its
    figures are what it says), full or redacted, and compare a source redacted as it redacted."""
    from assess.excel.report_layout import from_embedded
    from assess.excel.verify_source import compare_source

    q, h = sample
    strict = q.model_copy(update={"scoring": q.scoring.model_copy(update={"documented_names_evidence": True})})
    answers.answers["C02"] = answers.answers["C02"].model_copy(
        update={"evidence_state": EvidenceState.documented, "evidence": ["暂无"]})
    for redact in (False, True):
        made = prepare(strict, h, answers, locale="zh", generated_at=AT, redact=redact).embedded
        then = replace(made.meta, tool_version="0.3.0")
        old = replace(made, meta=then, answers=report_data.redact_answers(answers, report_data.named_as_made(then))
                      if redact else made.answers)
        state = {x["id"]: x["evidence_state"] for x in from_embedded(strict, h, old).doc["questions"]}
        assert state["C02"] == "documented", redact  # as 0.3.0 scored it
        now = {x["id"]: x["evidence_state"] for x in from_embedded(strict, h, made).doc["questions"]}
        assert now["C02"] == "declared"
        assert compare_source(old, answers, {}, "sha", "answers.json").same is not None, redact


@pytest.mark.parametrize(("said", "then"), [
    ("同上", "0.4.0"), ("同上。", "0.4.0"), ("Same as above", "0.4.0"),
    ("“同上”", "0.5.0"), ("「同上」。", "0.5.0"), ("同 上", "0.5.0"), ("待补充（月底前）", "0.5.0"),
    ("见微信群文件", "0.5.0"), ("已发邮件", "0.5.0"), ("见上", "0.5.0"), ("现场查看", "0.5.0"),
    ("Sent by email", "0.5.0")])
def test_a_ditto_or_where_a_document_was_sent_names_none_and_a_report_made_before_is_re_scored_as_made(
        tmp_path, sample, answers, said, then):
    """同上 in an evidence cell points at the row above, which a report listing answers by question
    cannot show (since 0.5.0; in quotes, since 0.6.0); 见微信群文件 says where a document went, not which
    it is (since 0.6.0). Neither names a document, so "documented" with it counts as declared. A report
    made before counted it as a name: verify re-scores it so, full or redacted, and its source too."""
    from assess.excel.report_layout import from_embedded
    from assess.excel.verify_source import compare_source

    q, h = sample
    strict = q.model_copy(update={"scoring": q.scoring.model_copy(update={"documented_names_evidence": True})})
    answers.answers["C02"] = answers.answers["C02"].model_copy(
        update={"evidence_state": EvidenceState.documented, "evidence": [said]})
    for redact in (False, True):
        made = prepare(strict, h, answers, locale="zh", generated_at=AT, redact=redact).embedded
        now = {x["id"]: x["evidence_state"] for x in from_embedded(strict, h, made).doc["questions"]}
        assert now["C02"] == "declared", redact
        meta = replace(made.meta, tool_version=then)
        old = replace(made, meta=meta, answers=report_data.redact_answers(answers, report_data.named_as_made(meta))
                      if redact else made.answers)
        state = {x["id"]: x["evidence_state"] for x in from_embedded(strict, h, old).doc["questions"]}
        assert state["C02"] == "documented", redact  # as the version that made it scored it
        assert compare_source(old, answers, {}, "sha", "answers.json").same is not None, redact


def test_each_version_s_rule_of_what_names_a_document_is_the_one_its_reports_are_re_scored_by():
    """暂无 names none since 0.4.0, 同上 since 0.5.0, “同上”, 见上, 待补充（月底前） and 见微信群文件 since
    0.6.0; 《能耗台账》 names one, in quotes or not, and so does 能耗台账（2024版）."""
    from assess.rules import names_document

    for named in ("《能耗台账》", "见微信群文件：能耗台账.xlsx", "能耗台账（2024版）", "(附件3)", "见附件3",
                  "见附件(3)", "见附件（能耗台账）", "已上传（设备台账2024.xlsx）", "是（ISO9001证书）",
                  "Attached (energy log.xlsx)"):
        assert names_document(named), named  # what brackets after a pointing word hold names the document
    for none in ("暂无（编制中）", "同上（C03）", "（同上）", "待补充 （月底前）"):
        assert not names_document(none), none
    said = ("暂无", "同上", "“同上”", "见微信群文件", "见上", "待补充（月底前）")
    for version, named in (("0.3.9", set(said)), ("0.4.0", set(said) - {"暂无"}),
                           ("0.5.0", {"“同上”", "见微信群文件", "见上", "待补充（月底前）"}), ("0.6.0", set())):
        rule = report_data.named_as_made(report_data.ReportMeta("zh", False, AT, version, None))
        assert {e for e in said if rule(e)} == named, version


def test_a_report_redacted_before_placeholders_were_left_out_still_verifies(tmp_path, sample, answers):
    """A report redacted earlier kept a dash for 暂无 too, and counted it as a document: re-scored, its
    dash still counts as one, so its figures verify; the same dash typed by a client counts as none."""
    from assess.excel.report_layout import from_embedded

    q, h = sample
    strict = q.model_copy(update={"scoring": q.scoring.model_copy(update={"documented_names_evidence": True})})
    answers.answers["C02"] = answers.answers["C02"].model_copy(
        update={"evidence_state": EvidenceState.documented, "evidence": ["见验收报告"]})
    red = prepare(strict, h, answers, locale="zh", generated_at=AT, redact=True)
    assert red.embedded.answers.answers["C02"].evidence == [report_data.WITHHELD]
    state = {x["id"]: x["evidence_state"] for x in from_embedded(strict, h, red.embedded).doc["questions"]}
    assert state["C02"] == "documented"
    plain = replace(red.embedded, meta=replace(red.embedded.meta, redact=False))
    state = {x["id"]: x["evidence_state"] for x in from_embedded(strict, h, plain).doc["questions"]}
    assert state["C02"] == "declared"


# --------------------------------------------------------------------------- languages


def test_both_languages_have_every_label():
    assert all(zh and en and zh != en or key in ("prov.language",) for key, (zh, en) in LABELS.items())
    assert all(zh and en for zh, en in METHODOLOGY.values())
    assert all(len(zh) <= 31 and len(en) <= 31 for zh, en in SHEETS.values())


def test_chinese_report_reads_chinese(tmp_path, sample, answers):
    report, files = write(tmp_path, sample, answers, locale="zh")
    summary = grid(files.xlsx, "摘要")
    assert summary[0][0] == "差距报告：示例问卷"
    pillars = grid(files.xlsx, "支柱")
    assert pillars[0][1] == "支柱" and pillars[1][1] == "算力"
    assert grid(files.xlsx, "路线图")[1][1] == "立即：修复必备项"
    assert report.doc["locale"] == "zh"


# --------------------------------------------------------------------------- twins and paths


def test_twins_are_the_assessment_json_and_the_roadmap_csv(tmp_path, sample, answers):
    from assess.output.schema import AssessmentOut

    report, files = write(tmp_path, sample, answers, locale="en")
    doc = json.loads(files.json.read_text(encoding="utf-8"))
    AssessmentOut.model_validate(doc)
    assert doc == json.loads(json.dumps(report.doc))
    raw = files.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(doc["roadmap"])
    assert rows[0]["question"] == doc["roadmap"][0]["question"] and rows[0]["gate"] == "true"
    assert files.csv.name == "r-roadmap.csv" and files.json.name == "r.json"


def test_csv_cannot_smuggle_a_formula(sample, answers):
    q, h = sample
    report = prepare(q, h, answers, generated_at=AT)
    report.doc["roadmap"][0]["text"] = "=cmd()"
    assert "'=cmd()" in render_csv(report).decode("utf-8-sig")


def test_free_path_adds_a_numeric_suffix_instead_of_overwriting(tmp_path):
    first = free_path(tmp_path / "out" / "firm.xlsx")
    assert first == tmp_path / "out" / "firm.xlsx" and first.exists()
    second = free_path(tmp_path / "out" / "firm.xlsx")
    assert second.name == "firm-2.xlsx"
    (tmp_path / "out" / "firm-3.json").write_text("{}")
    assert free_path(tmp_path / "out" / "firm.xlsx").name == "firm-4.xlsx"  # a twin's name is taken too


def test_write_report_is_one_call(tmp_path, sample, answers):
    q, h = sample
    path = write_report(tmp_path / "one.xlsx", q, h, answers, locale="en", targets={"C": 4.5}, input_sha256="0" * 64)
    rows = grid(path, "Pillars")
    assert rows[1][9] == 4.5 and rows[1][10] == "report command"
    prov = {r[0]: r[1] for r in grid(path, "Provenance") if r and r[0]}
    assert prov["SHA-256 of the input file"] == "0" * 64
    assert prov["Questionnaire content hash (SHA-256)"] == h


def test_long_text_gets_taller_rows():
    assert text_lines("short", 20) == 1
    assert text_lines("word " * 40, 20) >= 8
    assert text_lines("中文" * 40, 20) >= 6
    assert text_lines("a\nb\nc", 50) == 3


def test_reference_to_questionnaire_matches(sample, answers):
    q, h = sample
    report = prepare(q, h, answers, generated_at=AT)
    assert report.embedded.questionnaire == ref_of(q, h).model_dump()


def test_invalid_answers_are_shown_as_such_and_still_verify(tmp_path, sample, answers):
    broken = answers.model_copy(update={"answers": {
        **answers.answers, "C01": Answer(value=9), "G03": Answer(value=["nonsense"]), "ZZ9": Answer(value=1)}})
    report, files = write(tmp_path, sample, broken, locale="en")
    rows = {r[1]: r for r in grid(files.xlsx, "Answers")[1:]}
    assert rows["C01"][3] == "invalid (counted as unanswered)" and rows["C01"][4] == "9"
    assert rows["G03"][3].startswith("invalid") and rows["G03"][4] == "nonsense"
    assert "ZZ9" not in rows  # not a question of this questionnaire: kept in the embedded data only
    assert verify_report(files.xlsx, str(SAMPLE)).ok


def test_print_header_escapes_ampersands():
    from assess.excel.report_render import _header

    header = _header("Smith & Sons", "Q&A (x@1.0.0)", "en")
    assert header.startswith("&LSmith && Sons&CQ&&A") and header.endswith("&RPage &P of &N")


def test_when_answered_and_reviewed_read_in_the_reports_local_time(tmp_path, sample, answers):
    """A plant in China reads when each answer was given and reviewed on its own clock, wherever the
    report is verified."""
    from datetime import UTC, datetime

    from assess.answers import Review

    at = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    answers.answers["C01"] = answers.answers["C01"].model_copy(update={
        "at": at, "review": Review(decision="accepted", by="王审核", at=at, date="2026-03-01")})
    _, files = write(tmp_path, sample, answers, locale="zh", utc_offset=480)
    shown = {r[1]: r for r in grid(files.xlsx, "答案")[1:]}["C01"]
    assert "2026-03-01 16:00 (UTC+8)" in shown
    review = {r[0]: r for r in grid(files.xlsx, sheet_name("review", "zh"))}["C01"]
    assert "2026-03-01 16:00 (UTC+8)" in review
    assert verify_report(files.xlsx, str(SAMPLE)).ok
