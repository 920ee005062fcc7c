"""Reading filled answer sheets: by id, normalised, every problem placed at its cell with a fix."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from assess.answers import Answer, AnswerSet, Company
from assess.content.bundled import ContentError, ref_of
from assess.excel.sheet_format import ANSWERS, COMPANY, META
from assess.excel.sheet_reader import SheetError, parse_value, read_answer_sheet, read_checked
from assess.excel.sheet_writer import build_workbook
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


def find(problems, fragment: str):
    hits = [p for p in problems if fragment in p.message]
    assert hits, f"no problem with {fragment!r} in {[str(p) for p in problems]}"
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
        # three cells hold formulas: their results are not used, everything else is
        assert sorted(p.where for p in problems if "a formula" in p.message) == ["Answers!E3", "Answers!E5",
                                                                                 "Answers!F2"]
        expected["answers"].pop("C04")  # its value was a formula; C02 keeps its status (don't know)
        expected["answers"]["C01"]["note"] = ""
    else:
        assert [str(p) for p in problems if "unanswered" not in p.message] == []
    assert got == expected


# --------------------------------------------------------------------------- normalising


@pytest.mark.parametrize("qid,raw,value", [
    ("C01", "３", 3), ("C01", 3.0, 3), ("C01", "3 — 有容量计划", 3), ("C01", " 3 —  whatever ", 3),
    ("C01", "有容量计划", 3),
    ("C02", "４０", 40), ("C02", "40 %", 40), ("C02", 33.5, 33.5), ("C02", "１００％", 100),
    ("C03", "YES", True), ("C03", " no ", False), ("C03", "是", True), ("C03", True, True),
    ("C03", "yes — 是", True), ("C04", "1,376", 1376), ("C04", "１３７６", 1376),
    ("G02", "CERTIFIED", "certified"), ("G02", "policy — 有制度", "policy"), ("G02", "A policy", "policy"),
    ("G05", "  留白  ", "留白"),
])
def test_values_are_normalised(sample, qid, raw, value):
    q, _ = sample
    question = next(x for _, x in q.all_questions() if x.id == qid)
    got, why, _ = parse_value(question, raw)
    assert why is None
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("qid,raw,fragment", [
    ("C01", "7", "not a level"), ("C01", 2.5, "not a level"), ("C02", 150, "outside 0–100"),
    ("C02", "-1", "outside 0–100"), ("C02", "lots", "not a number"), ("C03", "maybe", "not yes or no"),
    ("C04", 100001, "above the maximum"), ("C04", -3, "below the minimum"), ("G02", "gold", "not one of"),
])
def test_values_out_of_range_are_refused(sample, qid, raw, fragment):
    q, _ = sample
    question = next(x for _, x in q.all_questions() if x.id == qid)
    got, why, _ = parse_value(question, raw)
    assert got is None and fragment in why


def test_a_share_below_one_is_kept_but_questioned(sample):
    q, _ = sample
    question = next(x for _, x in q.all_questions() if x.id == "C02")
    got, why, warn = parse_value(question, 0.4)
    assert got == 0.4 and why is None and "type the number of per cent" in warn


# --------------------------------------------------------------------------- problems, placed


def test_bad_values_are_errors_at_their_cell_and_other_answers_are_kept(tmp_path, sample, full_answers):
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["C01"] = put(ws, "C01", "E", "7 — 超级级")
        refs["C02"] = put(ws, "C02", "E", 150)
        refs["G03"] = put(ws, "G03:encrypt", "E", "maybe")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "C01: '7 — 超级级' is not a level")
    assert (p.where, p.severity) == (f"Answers!{refs['C01']}", "error") and "choose a level" in p.fix
    assert find(problems, "C02: 150 is outside 0–100").where == f"Answers!{refs['C02']}"
    assert find(problems, "G03:encrypt: 'maybe' is not yes or no").where == f"Answers!{refs['G03']}"
    assert {"C01", "C02", "G03"}.isdisjoint(got.answers)
    assert got.answers["C04"].value == 12 and got.answers["G01"].value is True
    assert all(p.file.endswith("filled.xlsx") and p.fix for p in problems)


def test_na_where_not_allowed_and_status_words(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "G01", "D", "N/A")  # a gate never allows N/A
        put(ws, "C03", "D", "Don’t know")
        put(ws, "C05", "D", "不知道")
        put(ws, "C04", "D", "whatever")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "G01: a gate cannot be answered 'not applicable'")
    assert p.where.startswith("Answers!D") and p.severity == "error"
    assert got.answers["C03"].status == "dont_know"
    assert got.answers["C05"].status == "dont_know" and got.answers["C05"].value is None
    find(problems, "C05: the answer is ignored because the status is 'dont_know'")
    assert find(problems, "C04: status 'whatever' is not one of the list").severity == "error"


def test_edited_question_text_is_a_warning_and_the_answer_still_counts(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        ws[f"C{row_of(ws, 'C01')}"] = "算力规划成熟度（已修改）"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "the text of C01 was edited")
    assert p.severity == "warning" and p.where == f"Answers!C{2}"
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
    assert same.severity == "warning" and "read once" in same.message
    assert got.answers["C01"].value == 3
    diff = find(problems, "C02 appears twice")
    assert diff.severity == "error" and "neither is used" in diff.message
    assert "C02" not in got.answers


def test_unknown_ids_and_rows_without_id(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        ws.cell(ws.max_row + 1, 1).value = "C99"
        ws.cell(ws.max_row, 5).value = "3"
        ws.cell(ws.max_row + 1, 5).value = "yes"
        ws.cell(ws.max_row + 1, 1).value = "G03:laser"
        ws.cell(ws.max_row, 5).value = "yes"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "unknown question id 'C99'").severity == "error"
    assert find(problems, "an answer in a row without a question id").where.startswith("Answers!A")
    assert find(problems, "unknown option 'laser' of G03").severity == "error"
    assert got.answers["G03"].value == ["encrypt", "access"]


def test_formulas_in_answer_and_note_cells_are_not_used(tmp_path, sample, full_answers):
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["value"] = put(ws, "C02", "E", "=20+20")
        refs["note"] = put(ws, "C01", "F", '=HYPERLINK("http://x","click")')
        refs["company"] = put(wb[COMPANY], "company.name", "C", "=A1")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    formulas = {p.where: p for p in problems if "a formula" in p.message}
    assert set(formulas) == {f"Answers!{refs['value']}", f"Answers!{refs['note']}", f"Company!{refs['company']}"}
    assert all(p.severity == "error" for p in formulas.values())
    assert "C02" not in got.answers
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
    assert "C02" in p.message and "G04" in p.message and "C04" not in p.message  # C04 is not scored
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
    def edit(wb):
        put(wb[ANSWERS], "G03:none", "E", "yes")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "option none cannot be combined").severity == "error"
    assert "G03" not in got.answers


# --------------------------------------------------------------------------- structure


def test_renamed_sheets_are_found_by_content(tmp_path, sample, full_answers):
    def edit(wb):
        wb[ANSWERS].title = "答卷"
        wb[COMPANY].title = "企业"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "sheet 'Answers' was renamed to '答卷'").severity == "warning"
    find(problems, "sheet 'Company' was renamed to '企业'")
    assert got.answers["C01"].value == 3 and got.company.name == "苏州精工有限公司"


def test_missing_company_sheet_is_an_error_but_answers_are_read(tmp_path, sample, full_answers):
    def edit(wb):
        del wb[COMPANY]

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "the Company sheet is missing").severity == "error"
    assert got.answers["C01"].value == 3


def test_missing_meta_is_an_error_and_the_sheet_is_still_read_by_id(tmp_path, sample, full_answers):
    def edit(wb):
        del wb[META]

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit, locale="en"))
    assert find(problems, "the hidden Meta sheet is missing").severity == "error"
    assert got.answers["C01"].value == 3
    assert not [p for p in problems if "was edited" in p.message]  # the language is guessed from the headers


def test_missing_answers_sheet_is_refused(tmp_path, sample, full_answers):
    def edit(wb):
        del wb[ANSWERS]

    with pytest.raises(ContentError) as e:
        read(make(tmp_path, sample, full_answers, edit))
    assert "no Answers sheet" in str(e.value)


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
    assert fragment in str(e.value)


def test_without_questionnaire_the_pinned_one_must_be_bundled(tmp_path, sample, full_answers):
    with pytest.raises(ContentError) as e:
        read_answer_sheet(make(tmp_path, sample, full_answers))
    assert "sample@1.0.0 is not bundled" in str(e.value)


def test_read_checked_names_the_kind_of_refusal(tmp_path, sample, full_answers):
    q, h = sample

    def edit(wb):
        wb[META]["B3"] = "2.0.0"

    data = make(tmp_path, sample, full_answers, edit).read_bytes()
    with pytest.raises(SheetError) as e:
        read_checked(data, q, h, "x.xlsx")
    assert e.value.code == "wrong_questionnaire"


# --------------------------------------------------------------------------- hostile files


def hostile_cases():
    from tests.excel.hostile import CASES

    return [c for c in CASES if c.expect or c.name in ("valid_minimal", "valid_xlsxwriter", "valid_openpyxl",
                                                       "no_dimension", "malformed_sheet_xml", "at_limits",
                                                       "external_link")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from tests.excel.hostile import build_corpus

    return build_corpus(tmp_path_factory.mktemp("hostile"))


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


# --------------------------------------------------------------------------- answers built without validation


def _same_as_validated(a: Answer) -> None:
    """`a` equals what pydantic's validation builds from its fields: values, their exact types, and
    the set of fields given."""
    fields = {k: getattr(a, k) for k in a.model_fields_set}
    again = Answer(**fields)
    assert a == again
    assert type(a.value) is type(again.value)  # noqa: E721 (3 == 3.0 == True: the type must match too)
    assert a.model_fields_set == again.model_fields_set
    assert a.model_dump_json() == again.model_dump_json()


@pytest.mark.parametrize("status,value,note,evidence,state", [
    ("answered", 3, "", [], "declared"), ("answered", 3.0, "", [], "declared"), ("answered", 0, "", [], "declared"),
    ("answered", True, "备注", ["a.pdf"], "verified"), ("answered", False, "", [], "declared"),
    ("answered", 33.5, "", [], "documented"), ("answered", ["encrypt", "access"], "n", [], "declared"),
    ("answered", "无", "", ["x", "y"], "declared"), ("na", None, "", [], "declared"),
    ("dont_know", None, "why", [], "documented"),
])
def test_of_checked_builds_what_validation_builds(status, value, note, evidence, state):
    from assess.model import EvidenceState

    fast = Answer.of_checked(status, value, note, evidence, EvidenceState(state))
    slow = Answer(status=status, value=value, note=note, evidence=evidence, evidence_state=state)
    _same_as_validated(fast)
    assert fast == slow and fast.model_fields_set == slow.model_fields_set
    # == holds between 3, 3.0 and True: the JSON and the repr tell them apart
    assert fast.model_dump_json() == slow.model_dump_json() and repr(fast) == repr(slow)
    assert vars(fast) == vars(slow) and fast.__pydantic_extra__ == slow.__pydantic_extra__
    assert fast.__pydantic_private__ == slow.__pydantic_private__
    assert fast.model_copy(update={"note": "z"}).note == "z"  # still a working model


@pytest.mark.parametrize("path", sorted(SHEETS.glob("*.xlsx")), ids=lambda p: p.name)
def test_every_answer_read_from_a_sheet_is_what_validation_builds(path):
    """The reader skips pydantic's checks on the answers it builds (its own parsing is stricter): on
    every committed sheet, each answer must be exactly the validated one."""
    _, _, got, _ = read(path)
    assert got.answers
    for answer in got.answers.values():
        _same_as_validated(answer)
    # and each value has the type that was typed in: a level is 3, not 3.0, and yes is True, not 1
    expected = json.loads(path.with_name(path.name.replace(".xlsx", ".expected.json")).read_text("utf-8"))
    for qid, want in expected["answers"].items():
        if qid in got.answers:
            value = got.answers[qid].value
            assert (type(value), value) == (type(want["value"]), want["value"]), qid


def test_every_status_and_evidence_word_the_reader_maps_to_is_one_an_answer_accepts():
    """`Answer.of_checked` does not check the status against the answer file's list: the reader's
    tables must only ever give a status, and an evidence state, that validation would accept."""
    from assess.excel import sheet_reader as sr

    for status in {*sr.STATUS_EXACT.values(), *sr.STATUS_WORDS.values()}:
        Answer(status=status)
    for code in {*sr.EVIDENCE_EXACT.values(), *sr.EVIDENCE_WORDS.values()}:
        Answer(evidence_state=sr._EVIDENCE_STATES[code])


def test_answer_has_no_validator_that_of_checked_would_skip():
    """A validator on Answer (one that tidies a note, say) would not run for answers read from a
    sheet: mirror it in `Answer.of_checked`, then list it here."""
    decorators = Answer.__pydantic_decorators__
    assert not (decorators.field_validators or decorators.model_validators or decorators.validators
                or decorators.root_validators)
