"""Reading filled answer sheets: by id, normalised, every problem placed at its cell with a fix."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from assess.answers import Answer, AnswerSet, Company
from assess.content.bundled import ContentError, ref_of
from assess.excel.sheet_format import ANSWERS, COMPANY, META
from assess.excel.sheet_reader import SheetError, read_answer_sheet, read_checked
from assess.excel.sheet_values import parse_value
from assess.excel.sheet_writer import build_workbook
from assess.model import EvidenceState
from assess.text.messages import problem_text, say
from tests.conftest import DATA, SAMPLE

SHEETS = DATA / "sheets"
Q = str(SAMPLE)


@pytest.fixture
def full_answers(sample):
    q, h = sample
    return AnswerSet(
        questionnaire=ref_of(q, h),
        company=Company(name="苏州精工有限公司", sector="机械", region="江苏"),
        answers={
            "P-SIZE": Answer(value="large"), "P-EXPORT": Answer(value=False), "P-ROLES": Answer(value=["user"]),
            "C01": Answer(value=3, note="容量计划", evidence=["CP-2026.pdf"], evidence_state="documented"),
            "C02": Answer(value=40), "C03": Answer(status="dont_know"), "C04": Answer(value=12),
            "C05": Answer(value=55), "G01": Answer(value=True), "G02": Answer(status="na"),
            "G03": Answer(value=["encrypt", "access"]), "G05": Answer(value="无"),
        },
    )


def make(tmp_path: Path, sample, answers=None, edit=None, locale="zh", name="filled.xlsx") -> Path:
    """A sheet written by the template (pre-filled), then edited with openpyxl as a person would."""
    q, h = sample
    wb = build_workbook(q, h, locale, answers)
    if edit is not None:
        edit(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def row_of(ws, rid: str) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == rid:
            return r
    raise KeyError(rid)


def put(ws, rid: str, col: str, value) -> str:
    """Type `value` into column `col` of the row of `rid`; returns the cell reference."""
    ref = f"{col}{row_of(ws, rid)}"
    ws[ref] = value
    if isinstance(value, str) and not value.startswith("="):
        ws[ref].data_type = "s"
    return ref


def read(path: Path):
    return read_answer_sheet(path, Q)


def en(m) -> str:
    return say(m, "en")


def find(problems, fragment: str):
    """The first problem whose English message holds `fragment`."""
    hits = [p for p in problems if fragment in en(p.message)]
    assert hits, f"no problem with {fragment!r} in {[problem_text(p, 'en') for p in problems]}"
    return hits[0]


# --------------------------------------------------------------------------- committed re-saved files


@pytest.mark.parametrize("path", sorted(SHEETS.glob("*.lo.xlsx")), ids=lambda p: p.name)
def test_libreoffice_resaved_fixtures_read_back_exactly(path):
    """Files filled by tests/data/make_filled.py and re-saved by LibreOffice (booleans as TRUE(),
    full-width digits, bare codes, 'N/A', stray spaces) give back the answers that were typed."""
    expected = json.loads(path.with_name(path.name.replace(".xlsx", ".expected.json")).read_text("utf-8"))
    _, _, got, problems = read(path)
    got = got.model_dump(mode="json")
    if path.name.startswith("formula"):
        # three cells hold formulas: their results are not used, everything else is; a formula in
        # an answer cell refuses the answer, one in a note only leaves the note out
        assert sorted(p.where for p in problems if p.code == "sheet.formula") == ["Answers!E3", "Answers!E5"]
        assert [p.where for p in problems if p.code == "sheet.cell_left_out"] == ["Answers!F2"]
        expected["answers"].pop("C04")
        expected["answers"].pop("C02")
        expected["answers"]["C01"]["note"] = ""
    else:
        assert [problem_text(p, "en") for p in problems if p.code != "sheet.unanswered"] == []
    assert got == expected


# --------------------------------------------------------------------------- normalising


@pytest.mark.parametrize("qid,raw,value", [
    ("C01", "３", 3), ("C01", 3.0, 3), ("C01", "3 — 有容量计划", 3), ("C01", " 3 —  L3 ", 3),
    ("C01", "有容量计划", 3), ("C01", "3.0", 3), ("C01", "３.０", 3),
    ("C02", "４０", 40), ("C02", "40 %", 40), ("C02", 33.5, 33.5), ("C02", "１００％", 100),
    ("C03", "YES", True), ("C03", " no ", False), ("C03", "是", True), ("C03", True, True),
    ("C03", "yes — 是", True), ("C04", "1,376", 1376), ("C04", "１３７６", 1376), ("C04", "0.125", 0.125),
    ("C04", "1.25", 1.25), ("C04", 1.2, 1.2), ("C04", "1,200.500", 1200.5),
    ("C02", "50.000", 50), ("C02", "12.500%", 12.5),  # 50000 is no percentage: only one reading
    ("G02", "CERTIFIED", "certified"), ("G02", "policy — 有制度", "policy"), ("G02", "A policy", "policy"),
    ("G05", "  留白  ", "留白"),
])
def test_values_are_normalised(sample, qid, raw, value):
    q, _ = sample
    question = next(x for _, x in q.all_questions() if x.id == qid)
    got, why, _ = parse_value(question, raw)
    assert why is None
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("qid,raw,key", [
    ("C01", 2.5, "sheet.not_level"), ("C01", "lots", "sheet.not_level"), ("C02", "lots", "sheet.not_number"),
    ("C03", "maybe", "sheet.not_yes_no"), ("C04", "1.2.3", "sheet.not_number"), ("G02", "gold", "sheet.not_option"),
    ("C04", "1.200", "sheet.dot_grouped"), ("C04", "12.500", "sheet.dot_grouped"),
    ("C04", "１.２００", "sheet.dot_grouped"), ("C04", "+1.200", "sheet.dot_grouped"),
])
def test_cells_that_are_not_a_value_of_the_kind_are_named(sample, qid, raw, key):
    q, _ = sample
    question = next(x for _, x in q.all_questions() if x.id == qid)
    got, why, _ = parse_value(question, raw)
    assert got is None and why.key == key
    assert str(raw) in say(why, "zh") and str(raw) in say(why, "en")


@pytest.mark.parametrize("raw", [0.4, "0.4", 1, "０.８"])
def test_a_bare_fraction_on_a_percentage_is_refused_never_read_as_a_share(sample, raw):
    q, _ = sample
    question = next(x for _, x in q.all_questions() if x.id == "C02")
    got, why, _ = parse_value(question, raw)
    assert got is None and why.key == "sheet.bare_fraction"
    assert "%" in en(why) and "％" not in say(why, "zh")


@pytest.mark.parametrize("qid,raw", [("C01", "7 — 超级级"), ("C02", 150), ("C02", "-1"), ("C04", 100001), ("C04", -3)])
def test_values_out_of_range_are_refused_by_the_answer_rule_at_their_cell(tmp_path, sample, full_answers, qid, raw):
    """The sheet converts the cell; the one answer rule (`rules.check_answer`) refuses the value."""
    refs = {}

    def edit(wb):
        refs[qid] = put(wb[ANSWERS], qid, "E", raw)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = next(p for p in problems if p.code == "sheet.value_refused")
    # C04 is asked for information, never scored: still to correct, but no error that costs the firm
    severity = "warning" if qid == "C04" else "error"
    assert (p.where, p.severity, p.message.arg("question")) == (f"Answers!{refs[qid]}", severity, qid)
    assert p.fix is not None and say(p.fix, "zh") and qid not in got.answers


# --------------------------------------------------------------------------- problems, placed


def test_bad_values_are_errors_at_their_cell_and_other_answers_are_kept(tmp_path, sample, full_answers):
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["C01"] = put(ws, "C01", "E", "7 — 超级级")
        refs["C02"] = put(ws, "C02", "E", 150)
        refs["G03"] = put(ws, "G03:encrypt", "E", "maybe")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    refused = {p.message.arg("question"): p for p in problems if p.code == "sheet.value_refused"}
    p = refused["C01"]
    assert (p.where, p.severity) == (f"Answers!{refs['C01']}", "error") and "choose a level" in en(p.fix)
    assert refused["C02"].where == f"Answers!{refs['C02']}"
    assert find(problems, "G03, option 'Encryption': 'maybe' is not yes or no").where == f"Answers!{refs['G03']}"
    assert {"C01", "C02", "G03"}.isdisjoint(got.answers)
    assert got.answers["C04"].value == 12 and got.answers["G01"].value is True
    assert all(p.file.endswith("filled.xlsx") and p.fix for p in problems)


def test_na_where_not_allowed_and_status_words(tmp_path, sample, full_answers):
    where = {}

    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "G01", "D", "N/A")  # a gate never allows N/A
        put(ws, "C03", "D", "Don’t know")
        put(ws, "C05", "D", "不知道")
        where["C05"] = f"Answers!E{row_of(ws, 'C05')}"
        put(ws, "C04", "D", "whatever")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "G01: a gate cannot be answered 'not applicable'")
    assert p.where.startswith("Answers!D") and p.severity == "error"
    assert got.answers["C03"].status == "dont_know"
    # a status and an answer both given: which was meant cannot be told, so neither is used
    assert "C05" not in got.answers
    both = find(problems, "C05: the status is 'don't know' yet an answer is given")
    assert both.severity == "error" and both.where == where["C05"]
    assert "C05：状态是“不清楚”，却又填了答案" in say(both.message, "zh")
    assert find(problems, "C04: status 'whatever' is not one of the list").severity == "warning"  # not scored


def test_edited_question_text_is_a_warning_and_the_answer_still_counts(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        ws[f"C{row_of(ws, 'C01')}"] = "算力规划成熟度（已修改）"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "the text of C01 was edited")
    assert p.severity == "warning" and p.where == f"Answers!C{2}"
    assert got.answers["C01"].value == 3


def test_a_sheet_with_the_headings_of_an_earlier_version_is_still_read_whole(tmp_path, sample, full_answers):
    """Sheets sent out before the glossary said 支柱 and 题目 head those columns 领域 and 问题: an
    edited question is still noticed in them."""
    def edit(wb):
        ws = wb[ANSWERS]
        ws["B1"], ws["C1"] = "领域", "问题"
        ws[f"C{row_of(ws, 'C01')}"] = "算力规划成熟度（已修改）"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "the text of C01 was edited").severity == "warning"
    assert got.answers["C01"].value == 3


def test_deleted_and_duplicated_rows(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        ws.delete_rows(row_of(ws, "C04"))
        last = ws.max_row + 1
        for col in range(1, 10):  # a copy of C01's row, same answer
            ws.cell(last, col).value = ws.cell(row_of(ws, "C01"), col).value
        for col in range(1, 10):  # a copy of C02's row with another answer
            ws.cell(last + 1, col).value = ws.cell(row_of(ws, "C02"), col).value
        ws.cell(last + 1, 5).value = 80

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "the row of C04 is missing").severity == "warning"
    same = find(problems, "C01 appears twice")
    assert same.severity == "warning" and "read once" in en(same.message)
    assert got.answers["C01"].value == 3
    diff = find(problems, "C02 appears twice")
    assert diff.severity == "error" and "neither is used" in en(diff.message)
    assert "C02" not in got.answers


def test_unknown_ids_rows_without_id_and_rows_added_for_a_remark(tmp_path, sample, full_answers):
    """A row the reader cannot place is an error when it holds an answer (a status too). 补充说明 typed
    in the id cell of a row added at the bottom, the remark beside it, holds none: its text is said not
    to be read (a warning), not refused as an unknown question, which keeps a firm out of the benchmark."""
    def edit(wb):
        ws = wb[ANSWERS]
        ws.cell(ws.max_row + 1, 1).value = "C99"
        ws.cell(ws.max_row, 5).value = "3"
        ws.cell(ws.max_row + 1, 5).value = "yes"
        ws.cell(ws.max_row + 1, 1).value = "G03:laser"
        ws.cell(ws.max_row, 5).value = "yes"
        ws.cell(ws.max_row + 1, 1).value = "C98"
        ws.cell(ws.max_row, 4).value = "不清楚"
        ws.cell(ws.max_row + 2, 1).value = "补充说明"
        ws.cell(ws.max_row, 3).value = "我们还有一个数字孪生项目在建，预计明年投产"
        ws.cell(ws.max_row + 1, 1).value = "备用"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "unknown question id 'C99'").severity == "error"
    assert find(problems, "an answer in a row without a question id").where.startswith("Answers!A")
    assert find(problems, "unknown option 'laser' of G03").severity == "error"
    assert got.answers["G03"].value == ["encrypt", "access"]
    assert find(problems, "unknown question id 'C98'").severity == "error"  # a status: an answer of some question
    remark = find(problems, "'补充说明' is not a question id")
    assert remark.severity == "warning" and remark.where.startswith("Answers!A")
    assert say(remark.message, "zh") == \
        "“补充说明”不是题目编号，这一行写的“我们还有一个数字孪生项目在建，预计明年投产”没有读取"
    assert find(problems, "unknown question id '备用'").severity == "warning"  # nothing beside it


def test_formulas_in_answer_and_note_cells_are_not_used(tmp_path, sample, full_answers):
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["value"] = put(ws, "C02", "E", "=20+20")
        put(ws, "C02", "D", "已作答")  # the status beside it is not what the report shows as typed
        refs["note"] = put(ws, "C01", "F", '=HYPERLINK("http://x","click")')
        refs["company"] = put(wb[COMPANY], "company.name", "C", "=A1")

    rejected: dict[str, str] = {}
    _, _, got, problems = read_answer_sheet(make(tmp_path, sample, full_answers, edit), Q, rejected)
    formulas = {p.where: p for p in problems if p.code == "sheet.formula"}
    assert set(formulas) == {f"Answers!{refs['value']}"}
    assert all(p.severity == "error" for p in formulas.values())
    # the company's name a formula: read as blank and told once, as a warning (a mailto link in the
    # contact cell keeps no firm out of the benchmark)
    (name,) = [p for p in problems if p.where == f"Company!{refs['company']}"]
    assert name.code == "sheet.field_formula" and name.severity == "warning" and "not a formula" in en(name.fix)
    assert "C02" not in got.answers and rejected == {"C02": "=20+20"}  # shown as invalid, not unanswered
    assert not [p for p in problems if "C02" in en(p.message)]  # the formula's error says it all
    note = find(problems, "a formula (=HYPERLINK")
    assert note.where == f"Answers!{refs['note']}" and note.severity == "warning"
    assert "the answer is used without it" in en(note.message) and "not a formula" in en(note.fix)
    assert got.answers["C01"].note == "" and got.answers["C01"].value == 3
    assert got.company.name == ""


def test_profile_hidden_answer_is_ignored_with_a_notice(tmp_path, sample, full_answers):
    def edit(wb):
        put(wb[ANSWERS], "G04", "E", "yes — 是")  # P-EXPORT is no: G04 does not apply

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "G04 is answered, but the profile answers make it not apply")
    assert p.severity == "notice" and p.where.startswith("Answers!E")
    assert got.answers["G04"].value is True  # kept in the file; scoring ignores it


def test_required_answers_missing_is_one_warning_naming_them(tmp_path, sample):
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="x"),
                        answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=True),
                                 "P-ROLES": Answer(value=["user"]), "C01": Answer(value=1)})
    _, _, got, problems = read(make(tmp_path, sample, answers))
    p = find(problems, "applicable question(s) unanswered (lowers completion)")
    assert p.severity == "warning"
    assert "C02" in p.message.arg("ids") and "G04" in p.message.arg("ids")
    assert "C04" not in p.message.arg("ids")  # C04 is not scored
    assert p.where.startswith("Answers!E")


def test_multi_select_typed_in_the_main_cell(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        for opt in ("encrypt", "access"):
            ws[f"E{row_of(ws, 'G03:' + opt)}"] = None
        put(ws, "G03", "E", "access, WATERMARK")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["G03"].value == ["access", "watermark"]
    assert [p for p in problems if p.severity != "notice"] == []


def test_exclusive_option_combined_is_an_error(tmp_path, sample, full_answers):
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "G03:none", "E", "yes")
        rows.update((rid, row_of(ws, rid)) for rid in ("G03:encrypt", "G03:none"))
        for rid in ("P-ROLES:user", "P-ROLES:builder"):  # a profile multiple choice left blank
            put(wb[COMPANY], rid, "C", None)
        rows["P-ROLES:user"] = row_of(wb[COMPANY], "P-ROLES:user")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "option “None” cannot be combined")
    assert p.severity == "error" and "G03" not in got.answers
    # named at its option rows, where the client chooses: the question's own row is locked
    assert p.where == f"Answers!E{rows['G03:encrypt']}:E{rows['G03:none']}"
    assert find(problems, "P-ROLES").where == f"Company!C{rows['P-ROLES:user']}"
    # the fix is the choice to make, by the option's label: not a list of codes to pick one of
    assert say(p.fix, "en") == "either keep “None” alone, or drop it and keep the other options"
    assert say(p.fix, "zh") == "请二选一：只保留“无”，或者去掉“无”、保留其他选项"


# --------------------------------------------------------------------------- structure


def test_renamed_sheets_are_found_by_content(tmp_path, sample, full_answers):
    def edit(wb):
        wb[ANSWERS].title = "答卷"
        wb[COMPANY].title = "企业"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    renamed = find(problems, "sheet 'Answers' was renamed to '答卷'")
    assert renamed.severity == "warning" and renamed.where == "答卷" and not renamed.typed  # not its A1's 编号
    find(problems, "sheet 'Company' was renamed to '企业'")
    assert got.answers["C01"].value == 3 and got.company.name == "苏州精工有限公司"


def test_missing_company_sheet_is_an_error_but_answers_are_read(tmp_path, sample, full_answers):
    def edit(wb):
        del wb[COMPANY]

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "the Company sheet is missing").severity == "error"
    assert got.answers["C01"].value == 3
    # said once for the sheet, not again for each of its rows
    assert not [p for p in problems if p.code in ("sheet.row_missing", "sheet.more_rows_missing")]


def test_a_company_row_deleted_is_named_by_its_words(tmp_path, sample, full_answers):
    def edit(wb):
        wb[COMPANY].delete_rows(row_of(wb[COMPANY], "company.name"))

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    assert say(find(problems, "is missing (deleted?)").message, "zh") == "“企业名称”这一行不见了（被删除了？）"


def test_missing_meta_is_an_error_and_the_sheet_is_still_read_by_id(tmp_path, sample, full_answers):
    def edit(wb):
        del wb[META]

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit, locale="en"))
    missing = find(problems, "the hidden Meta sheet is missing")
    assert missing.severity == "error"
    # answers pasted into a new workbook, as plants do: put them back, rather than answer all again
    assert "paste them as values onto the same cells of the original" in en(missing.fix)
    assert got.answers["C01"].value == 3
    assert not [p for p in problems if p.code == "sheet.text_edited"]  # the language is guessed from the headers


def test_missing_answers_sheet_is_refused(tmp_path, sample, full_answers):
    def edit(wb):
        del wb[ANSWERS]

    with pytest.raises(ContentError) as e:
        read(make(tmp_path, sample, full_answers, edit))
    assert e.value.problems[0].code == "sheet.no_answers"
    assert "no Answers sheet" in en(e.value.problems[0].message)
    assert "没有 Answers 工作表" in say(e.value.problems[0].message, "zh")


@pytest.mark.parametrize("cell,value,fragment", [
    ("B3", "9.9.9", "made for version 9.9.9"),
    ("B2", "other-questionnaire", "made for questionnaire 'other-questionnaire'"),
    ("B4", "0" * 64, "a different text of sample@1.0.0"),
    ("B1", "assess-answer-sheet/9", "format 'assess-answer-sheet/9' is not supported"),
])
def test_wrong_questionnaire_or_version_is_refused(tmp_path, sample, full_answers, cell, value, fragment):
    def edit(wb):
        wb[META][cell] = value

    with pytest.raises(ContentError) as e:
        read(make(tmp_path, sample, full_answers, edit))
    assert fragment in en(e.value.problems[0].message)


def test_without_questionnaire_the_pinned_one_must_be_bundled(tmp_path, sample, full_answers):
    with pytest.raises(ContentError) as e:
        read_answer_sheet(make(tmp_path, sample, full_answers))
    assert "sample@1.0.0 is not bundled" in problem_text(e.value.problems[0], "en")


def test_read_checked_names_the_kind_of_refusal(tmp_path, sample, full_answers):
    q, h = sample

    def edit(wb):
        wb[META]["B3"] = "2.0.0"

    data = make(tmp_path, sample, full_answers, edit).read_bytes()
    with pytest.raises(SheetError) as e:
        read_checked(data, q, h, "x.xlsx")
    assert e.value.code == "wrong_questionnaire"


# --------------------------------------------------------------------------- hostile files


def test_a_note_typed_far_below_the_questions_is_named_and_the_answers_are_kept(tmp_path, sample, full_answers):
    def edit(wb):
        wb[ANSWERS]["F1500"] = "稍后补充"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].value == 3
    named = [(p.where, p.severity) for p in problems if p.code == "sheet.note_without_id"]
    assert named == [("Answers!A1500", "warning")]


def test_a_cell_in_the_last_row_and_column_is_refused_before_the_sheet_is_loaded(tmp_path, sample, full_answers):
    """A few bytes of XML that would make a 17-billion-cell range: refused, naming the sheet and how far it reaches."""
    q, h = sample

    def edit(wb):
        wb[ANSWERS]["XFD1048576"] = 1

    data = make(tmp_path, sample, full_answers, edit).read_bytes()
    with pytest.raises(SheetError) as e:
        read_checked(data, q, h, "x.xlsx")
    assert e.value.code == "too_large"
    p = e.value.problems[0]
    assert p.where == "Answers!A1"
    assert "1,048,576" in problem_text(p, "en") and "XFD" in problem_text(p, "en")




def rewritten(data: bytes, edits: dict[str, list[tuple[bytes, bytes]]], extra: dict[str, bytes] | None = None) -> bytes:
    """A workbook's bytes with parts edited as a crafted file would be: each (old, new) replaced once,
    where old is found exactly once; `extra` parts added."""
    import io
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            for old, new in edits.get(info.filename, []):
                assert body.count(old) == 1, (info.filename, old)
                body = body.replace(old, new)
            dst.writestr(info, body)
        for name, body in (extra or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


ANSWERS_XML = "xl/worksheets/sheet3.xml"


def refused_as(tmp_path, sample, full_answers, edits, extra=None) -> str:
    """The code of the refusal of the template's sheet edited so (it must be refused)."""
    q, h = sample
    data = rewritten(make(tmp_path, sample, full_answers).read_bytes(), edits, extra)
    with pytest.raises(SheetError) as e:
        read_checked(data, q, h, "x.xlsx")
    return e.value.code


@pytest.mark.parametrize("far", ['r="ZZZZZE5"', 'r="E99999999"', 'r="xfd1048576"', "r='XFD1048576'",
                                 'r = "XFD1048576"', "r\n=\t'AAA5000'"])
def test_a_reference_beyond_excels_last_column_or_row_is_refused_before_the_sheet_is_loaded(
        tmp_path, sample, full_answers, far):
    """Excel stops at XFD1048576; python-calamine reads any run of letters and digits as it stands (lower case
    too), written in either quotes and with spaces around "=", and a cell at ZZZZZE5 would have it allocate
    some 130 GB: refused, not loaded. The problem names the sheet."""
    q, h = sample
    data = rewritten(make(tmp_path, sample, full_answers).read_bytes(), {ANSWERS_XML: [(b'r="E5"', far.encode())]})
    with pytest.raises(SheetError) as e:
        read_checked(data, q, h, "x.xlsx")
    assert e.value.code == "too_large"
    assert e.value.problems[0].where == "Answers!A1"


@pytest.mark.parametrize("added", [
    b"<row>" + b"<c><v>1</v></c>" * 3000 + b"</row>" + b"<row/>" * 2000,  # wide, then long
    b"<row/>" * 200_000 + b"<row><c><v>1</v></c></row>",  # one cell after a long run of empty rows
    b"<row/>" * 200_000 + b'<row><c xr="A1"><v>1</v></c></row>',  # an attribute that only looks like one
    b"<row/>" * 2000 + b"<row>" + b'<c><v>1</v></c><!-- r="A1" -->' * 3000 + b"</row>",  # a comment too
    b"<row/>" * 2000 + b"<row>" + b'<c><is><t>r="A1"</t></is></c>' * 3000 + b"</row>",  # and text
], ids=["wide", "tall", "decoy-attribute", "decoy-comment", "decoy-text"])
def test_rows_and_cells_without_references_cannot_hide_a_huge_range(tmp_path, sample, full_answers, added):
    """python-calamine places a row or cell written without its reference after the one before it: a wide
    row or a long run of empty <row/> elements make a range of millions of cells in a few MB of XML. Text,
    comments and other attributes made to look like references change nothing."""
    edits = {ANSWERS_XML: [(b"</sheetData>", added + b"</sheetData>")]}
    assert refused_as(tmp_path, sample, full_answers, edits) == "too_large"


NS = b'xmlns:s-1="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
FAR = b'<row r="200"><c r="XFD1048576"><v>1</v></c></row>'


@pytest.mark.parametrize("edits", [
    # a row's own reference places the cells without one
    [(b"</sheetData>", b'<row r="1048576"><c><v>1</v></c></row></sheetData>')],
    # a comment opened and closed inside attribute values, which python-calamine takes
    [(b"</sheetData>", b'<row r="199"><c r="A199" x="<!--"/></row>' + FAR + b'<row r="201"><c r="A201" x="-->"/></row>'
      b"</sheetData>")],
    # a prefix the element's name may have, and a look-alike in a comment after it
    [(b"<sheetData>", b"<s-1:sheetData " + NS + b">"),
     (b"</sheetData>", FAR + b"</s-1:sheetData><!--<sheetData></sheetData>-->")],
    # a space in the closing tag, and a look-alike before the far cell
    [(b"</sheetData>", b"<!--sheetData>-->" + FAR + b"</sheetData >")],
    # ends of rows that close other elements, each a row further down for a cell without a reference
    [(b"</sheetData>", b'<row r="199"><c r="CV199"><v>1</v></c></row>' + b"<x></row>" * 100_000
      + b"<row><c><v>1</v></c></row></sheetData>")],
], ids=["row-reference", "comment-in-attributes", "prefixed-sheet-data", "spaced-closing-tag", "unmatched-row-ends"])
def test_a_far_cell_cannot_be_hidden_from_the_range_check(tmp_path, sample, full_answers, edits):
    """Each of these is XML python-calamine reads, placing a cell a billion cells away: refused, not loaded."""
    assert refused_as(tmp_path, sample, full_answers, {ANSWERS_XML: edits}) == "too_large"


BIG = b'<row r="3000"><c r="ZZ3000"><v>1</v></c></row>'  # 2.1 million cells: refused, yet loadable if not
ANSWERS_SHEET = b'<sheet name="Answers" sheetId="3" state="visible" r:id="rId3" />'
ANSWERS_REL = b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" ' \
    b'Target="/xl/worksheets/sheet3.xml" Id="rId3" />'


@pytest.mark.parametrize("edits,code", [
    ({"xl/_rels/workbook.xml.rels": [(b'Target="/xl/worksheets/sheet3.xml"', b"Target='/xl/worksheets/sheet3.xml'")]},
     "too_large"),
    ({"xl/workbook.xml": [(ANSWERS_SHEET, ANSWERS_SHEET + b'<!--<sheet name="Answers" sheetId="9" r:id="rId5" />-->')]},
     "too_large"),
    ({"xl/workbook.xml": [(b'name="Answers"', b'name="Answers&#128;"')]}, "too_large"),
    ({"xl/workbook.xml": [(b'name="Lists"', b'name="Answers"')]}, "unreadable"),
    ({"xl/_rels/workbook.xml.rels": [(ANSWERS_REL, ANSWERS_REL.replace(b"sheet3", b"sheet5") + ANSWERS_REL)]},
     "unreadable"),
    ({"xl/workbook.xml": [(ANSWERS_SHEET, ANSWERS_SHEET.replace(b" />", b' xmlns:x="urn:x" x:name="Meta" />'))]},
     "unreadable"),
], ids=["quoted-target", "sheet-in-a-comment", "character-reference", "same-name-twice", "id-twice",
        "name-twice-with-a-prefix"])
def test_the_sheet_measured_is_the_sheet_python_calamine_loads(tmp_path, sample, full_answers, edits, code):
    """Which part holds a sheet is read as calamine reads it: a quote, a comment or a character reference
    cannot point the range check at another, small part; what calamine might read otherwise (a name or an
    id given twice) is refused."""
    edits = {**edits, ANSWERS_XML: [(b"</sheetData>", BIG + b"</sheetData>")]}
    assert refused_as(tmp_path, sample, full_answers, edits) == code


@pytest.mark.parametrize("edits,zh,en", [
    ({"xl/workbook.xml": [(b'name="Lists"', b'name="Answers"')]},
     "有两个工作表都叫“Answers”", "two sheets are named 'Answers'"),
    ({"xl/_rels/workbook.xml.rels": [(ANSWERS_REL, ANSWERS_REL.replace(b"sheet3", b"sheet5") + ANSWERS_REL)]},
     "中的关系 ID rId3 重复出现", "gives the relationship id rId3 twice"),
    ({"xl/workbook.xml": [(ANSWERS_SHEET, ANSWERS_SHEET.replace(b" />", b' xmlns:x="urn:x" x:name="Meta" />'))]},
     "部件 xl/workbook.xml 中有属性重复出现", "part xl/workbook.xml gives an attribute twice"),
], ids=["same-name-twice", "id-twice", "name-twice-with-a-prefix"])
def test_a_damaged_workbook_is_named_in_the_users_language(tmp_path, sample, full_answers, edits, zh, en):
    """What is damaged is said in the reader's language, inside "cannot be read", with how to fix it."""
    q, h = sample
    data = rewritten(make(tmp_path, sample, full_answers).read_bytes(), edits)
    with pytest.raises(SheetError) as e:
        read_checked(data, q, h, "x.xlsx")
    problem = e.value.problems[0]
    assert say(problem.message, "zh").startswith("无法读取该工作簿（") and zh in say(problem.message, "zh")
    assert en in say(problem.message, "en")
    assert "Damaged" not in say(problem.message, "zh") and "另存为" in say(problem.fix, "zh")


def test_xml_broken_in_a_part_is_placed_by_line_and_column_in_the_users_language():
    from assess.excel.sheet_cells import Damaged, Package

    parts = {"xl/_rels/workbook.xml.rels": b"<Relationships/>",
             "xl/workbook.xml": b'<workbook>\n  <sheets><sheet name="A"></sheets></workbook>'}
    with pytest.raises(Damaged) as e:
        Package(b"PK", parts)
    assert say(e.value.detail, "zh") == "部件 xl/workbook.xml 第 2 行第 29 列处的 XML 格式有误"
    assert say(e.value.detail, "en") == "part xl/workbook.xml is not well-formed XML at line 2, column 29"


def test_the_shared_strings_python_calamine_opens_are_measured_without_a_relationship(tmp_path, sample, full_answers):
    """calamine opens xl/sharedStrings.xml whatever the relationships say: its size counts all the same."""
    from assess.excel.sheet_cells import Package

    data = make(tmp_path, sample, full_answers).read_bytes()
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b"<si><t>x</t></si>" * 500 \
        + b"</sst>"
    assert b"sharedStrings" not in data
    assert Package(rewritten(data, {}, {"xl/sharedStrings.xml": strings})).shared == len(strings)


def hostile_cases():
    from tests.excel.hostile import CASES

    return [c for c in CASES if c.expect or c.name in ("valid_minimal", "valid_xlsxwriter", "valid_openpyxl",
                                                       "no_dimension", "malformed_sheet_xml", "at_limits",
                                                       "external_link")]


@pytest.mark.parametrize("case", hostile_cases(), ids=lambda c: c.name)
def test_every_hostile_or_foreign_file_is_refused_quickly(corpus, case):
    """Nothing in the corpus is an answer sheet: each is refused, with a reason and advice, within 1 s."""
    path = corpus[case.name]
    start = time.perf_counter()
    with pytest.raises(ContentError) as e:
        read(path)
    took = time.perf_counter() - start
    assert took < 1.0 if case.name != "at_limits" else took < 2.5  # 200 MB to inflate and check
    p = e.value.problems[0]
    assert p.message and p.fix and p.file == str(path)


# --------------------------------------------------------------------------- values keep their type


@pytest.mark.parametrize("path", sorted(SHEETS.glob("*.xlsx")), ids=lambda p: p.name)
def test_every_value_read_from_a_sheet_has_the_type_that_was_typed(path):
    """A level is 3, not 3.0, and yes is True, not 1: in the answer file and in its JSON."""
    _, _, got, _ = read(path)
    assert got.answers
    expected = json.loads(path.with_name(path.name.replace(".xlsx", ".expected.json")).read_text("utf-8"))
    for qid, want in expected["answers"].items():
        if qid in got.answers:
            value = got.answers[qid].value
            assert (type(value), value) == (type(want["value"]), want["value"]), qid


def test_every_problem_of_a_messy_sheet_reads_in_chinese_and_english(tmp_path, sample, full_answers):
    """A plant manager reading in Chinese gets Chinese: every message and fix of the reader has both."""
    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "C01", "E", "7 — 超级级")
        put(ws, "C02", "E", "lots")
        put(ws, "G01", "D", "N/A")
        put(ws, "C04", "D", "whatever")
        put(ws, "C03", "H", "gold")
        put(ws, "C05", "E", "=20+20")
        put(ws, "C03", "F", "=A1")
        put(ws, "G03:encrypt", "E", "maybe")
        ws.cell(ws.max_row + 1, 1).value = "C99"
        ws.cell(ws.max_row, 5).value = "3"
        ws.delete_rows(row_of(ws, "G05"))
        wb[ANSWERS].title = "答卷"

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    assert len({p.code for p in problems}) >= 9
    for p in problems:
        for part in (p.message, p.fix):
            zh, english = say(part, "zh"), en(part)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), (p.code, zh)
            assert english != zh and not any(mark in english for mark in "，：；（）“”"), (p.code, english)


def _policy_1_1(tmp_path: Path) -> Path:
    """The sample questionnaire under the 1.1.0 policy, with its gate G01 asked of exporters only."""
    import yaml

    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["version"] = "1.1.0"
    data["scoring"].update(gates="separate", blank="zero", respondent_verifies=False, documented_names_evidence=True)
    for p in data["pillars"]:
        for q in p["questions"]:
            if q["id"] == "G01":
                q["depends_on"] = {"all": [{"question": "P-EXPORT", "equals": True}]}
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def test_a_refused_profile_answer_is_one_error_not_also_a_blank_that_decides_a_gate(tmp_path, full_answers):
    from assess.content.bundled import load_questionnaire

    qpath = _policy_1_1(tmp_path)
    q, h = load_questionnaire(qpath)
    path = tmp_path / "filled.xlsx"
    wb = build_workbook(q, h, "zh", full_answers.model_copy(update={"questionnaire": ref_of(q, h)}))
    put(wb[COMPANY], "P-EXPORT", "C", "也许")
    wb.save(path)
    _, _, _, problems = read_answer_sheet(path, str(qpath))
    assert [p.code for p in problems if "P-EXPORT" in en(p.message)] == ["sheet.value_refused"]
    assert not [p for p in problems if p.code == "sheet.gate_profile_blank"]


def test_verified_on_a_question_the_profile_leaves_out_says_nothing_of_it(tmp_path, full_answers):
    from assess.content.bundled import load_questionnaire

    qpath = _policy_1_1(tmp_path)
    q, h = load_questionnaire(qpath)
    answers = full_answers.model_copy(update={"questionnaire": ref_of(q, h)})
    answers.answers["P-EXPORT"] = Answer(value=False)
    answers.answers["G04"] = Answer(value=True, evidence_state=EvidenceState.verified, evidence=["a.pdf"])
    path = tmp_path / "filled.xlsx"
    build_workbook(q, h, "zh", answers).save(path)
    _, _, _, problems = read_answer_sheet(path, str(qpath))
    assert [p.code for p in problems if "G04" in en(p.message)] == ["sheet.hidden_answered"]


def _column_of(wb, heading: str) -> str:
    ws = wb[ANSWERS]
    return next(c.column_letter for c in ws[1] if c.value and heading in str(c.value))


def _row_of(wb, qid: str) -> int:
    ws = wb[ANSWERS]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == qid)


def test_a_blank_profile_answer_that_decides_a_gate_is_an_error_and_verified_reads_documented(tmp_path, full_answers):
    from assess.content.bundled import load_questionnaire

    qpath = _policy_1_1(tmp_path)
    q, h = load_questionnaire(qpath)
    answers = full_answers.model_copy(update={"questionnaire": ref_of(q, h)})
    answers.answers.pop("P-EXPORT")
    answers.answers["C01"] = Answer(value=3, evidence_state=EvidenceState.verified, evidence=["容量规划.pdf"])
    answers.answers["C03"] = Answer(value=True, evidence_state=EvidenceState.verified)  # no document named
    answers.answers["C04"] = Answer(value=20, evidence_state=EvidenceState.verified, evidence=["台账.xlsx"])
    answers.answers["C05"] = Answer(value=55, evidence_state=EvidenceState.documented)  # and no document named
    answers.answers["C02"] = Answer(value=40, evidence_state=EvidenceState.documented, evidence=["暂无"])
    answers.answers["G01"] = Answer(value=True, evidence_state=EvidenceState.documented, evidence=["待补充", "—"])
    wb = build_workbook(q, h, "zh", answers)
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    _, _, got, problems = read_answer_sheet(path, str(qpath))
    blank = find(problems, "P-EXPORT")
    assert blank.severity == "error" and blank.code == "sheet.gate_profile_blank"
    assert "G01" in en(blank.message) and blank.where.startswith("Company!")
    assert "Company" in en(blank.fix)
    # one notice for each state the claims count as, at their evidence-state cells
    notice = find(problems, "counted as “documented”")
    assert notice.severity == "notice" and en(notice.message).startswith("2 question(s)")
    assert notice.message.arg("ids") == ["C01", "C04"]
    state_col = _column_of(wb, "证据状态")
    assert notice.where == f"Answers!{state_col}{_row_of(wb, 'C01')},{state_col}{_row_of(wb, 'C04')}"
    unnamed = find(problems, "no document is named: counted as “declared”")
    assert unnamed.message.arg("ids") == ["C03"] and unnamed.where == f"Answers!{state_col}{_row_of(wb, 'C03')}"
    assert "name the document" in en(unnamed.fix)
    documented = find(problems, "with no document named in the evidence column")
    assert documented.message.arg("ids") == ["C05"] and documented.severity == "warning"  # on the slip
    assert unnamed.severity == "warning" and notice.severity == "notice"
    assert documented.where == f"Answers!{state_col}{_row_of(wb, 'C05')}"
    placeholder = find(problems, "names no document")  # 暂无 is no document: counted as declared, said so
    assert placeholder.message.arg("ids") == ["C02", "G01"] and placeholder.severity == "warning"
    assert "（暂无、待补充、—）不是文件" in say(placeholder.message, "zh")
    assert got.answers["C01"].evidence_state == "documented"
    from assess.scoring import score

    a = score(q, got)
    assert [g.question for g in a.gates_failed] == [] and a.questions["G01"].waits_on == ["P-EXPORT"]
    from assess.excel.sheet_format import layout

    offered = [x for items in layout(q, "zh").lists.values() for x in items]
    assert any("有文件" in x for x in offered) and not any("核实" in x for x in offered)


@pytest.mark.parametrize("after_cells", [b"<!-- </sheetData> -->", b"<!-- sheetData -->", b""])
def test_what_follows_a_sheets_cells_never_changes_what_is_read(tmp_path, sample, sample_answers, after_cells):
    """The reader hands python-calamine each sheet up to the end of its cells; a comment after them
    that names that end (a tool's note) is read past, never taken for it."""
    import io
    import zipfile

    q, h = sample
    plain = tmp_path / "plain.xlsx"
    build_workbook(q, h, "zh", sample_answers).save(plain)
    src = zipfile.ZipFile(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", after_cells + b"</worksheet>")
            z.writestr(info, data)
    noted = tmp_path / "noted.xlsx"
    noted.write_bytes(out.getvalue())
    _, _, want, _ = read_answer_sheet(plain, str(SAMPLE))
    _, _, got, problems = read_answer_sheet(noted, str(SAMPLE))
    assert got == want and want.answers
    assert not [p for p in problems if p.severity == "error"]


def test_a_redacted_report_says_where_a_note_or_name_was_refused_not_what_it_held(tmp_path, sample, full_answers):
    """A formula typed into a note, an evidence cell or the contact row quotes what it holds in the
    problem: the external version names the cell, the firm's own report shows it all."""
    import zipfile

    from assess.cli import main

    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "C01", "F", '="王秘书 13800000000"')
        put(ws, "C02", "G", '="李经理的邮件"')
        put(ws, "C04", "E", "=6+6")  # an answer cell: what it held is no secret
        put(wb[COMPANY], "company.contact", "C", '="张三 13911112222"')

    sheet = make(tmp_path, sample, full_answers, edit)
    out = {}
    for kind in ("full", "redact"):
        out[kind] = tmp_path / f"{kind}.xlsx"
        main(["report", str(sheet), "-q", Q, "-o", str(out[kind]), *(["--redact"] if kind == "redact" else [])])
    assert main(["verify", str(out["redact"]), "-q", Q, "--source", str(sheet)]) == 0

    def everything(kind: str) -> str:  # the workbook's parts, the JSON and CSV twins, summary and return slip
        with zipfile.ZipFile(out[kind]) as z:
            parts = [z.read(n) for n in z.namelist()]
        parts += [p.read_bytes() for p in tmp_path.glob(f"{kind}*") if p.suffix != ".xlsx"]
        return "\n".join(b.decode("utf-8", "replace") for b in parts)

    shown = {kind: everything(kind) for kind in out}
    for secret in ("王秘书", "李经理", "张三"):
        assert secret in shown["full"] and secret not in shown["redact"]
    assert "6+6" in shown["redact"]
