"""The answer-sheet template: sheets, drop-downs from ranges, protection, Meta, pre-filling, and
user text that never becomes a formula."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from assess.answers import Answer, AnswerSet, Company
from assess.content.bundled import ref_of
from assess.excel.sheet_format import (
    ANSWERS,
    COMPANY,
    LISTS,
    META,
    SHEET_FORMAT,
    fingerprint,
    layout,
)
from assess.excel.sheet_reader import read_answer_sheet
from assess.excel.sheet_writer import template_bytes, write_template
from tests.conftest import SAMPLE

PAYLOADS = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "=1+1"]


@pytest.fixture(scope="module")
def blank(sample):
    q, h = sample
    return load_workbook(io.BytesIO(template_bytes(q, h, "zh")))


def rows_by_id(ws):
    return {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value}


def test_sheets_and_visibility(blank):
    assert blank.sheetnames == ["Instructions", COMPANY, ANSWERS, LISTS, META]
    assert blank[LISTS].sheet_state == "hidden"
    assert blank[META].sheet_state == "hidden"
    assert blank[COMPANY].sheet_state == blank[ANSWERS].sheet_state == "visible"


def test_one_row_per_question_and_sub_rows_for_multi_select(blank, sample):
    q, _ = sample
    ids = list(rows_by_id(blank[ANSWERS]))
    expected = []
    for p in q.pillars:
        for question in p.questions:
            expected.append(question.id)
            if question.type == "multi":
                expected += [f"{question.id}:{o.id}" for o in question.options]
    assert ids == expected
    company = list(rows_by_id(blank[COMPANY]))
    assert company[:4] == ["company.name", "company.sector", "company.region", "company.contact"]
    assert {"P-SIZE", "P-EXPORT", "P-ROLES", "P-ROLES:user", "P-ROLES:builder"} <= set(company)


def test_drop_downs_come_from_named_ranges_with_errors_on(blank):
    names = blank.defined_names
    for name in ("L_status", "L_status_na", "L_evidence", "L_yes_no", "L_level", "L_G02", "L_P_SIZE"):
        assert name in names, name
        dest = list(names[name].destinations)
        assert dest and dest[0][0] == LISTS
    # every list validation names a range, never an inline "a,b,c" list
    for ws in (blank[COMPANY], blank[ANSWERS]):
        dvs = ws.data_validations.dataValidation
        assert dvs
        for dv in dvs:
            assert dv.showErrorMessage, dv.sqref
            assert dv.errorStyle == "stop"
            if dv.type == "list":
                assert not dv.formula1.startswith('"'), dv.formula1
                assert dv.formula1 in names
    # N/A only where the question allows it (G02), never on a gate (G01)
    rows = rows_by_id(blank[ANSWERS])
    dv_of = {}
    for dv in blank[ANSWERS].data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    dv_of[(row, col)] = dv
    assert dv_of[(rows["G02"], 4)].formula1 == "L_status_na"
    assert dv_of[(rows["G01"], 4)].formula1 == "L_status"
    pct = dv_of[(rows["C02"], 5)]
    assert (pct.type, pct.operator, pct.formula1, pct.formula2) == ("decimal", "between", "0", "100")
    assert dv_of[(rows["C04"], 5)].formula2 == "100000"
    assert dv_of[(rows["G03:encrypt"], 5)].formula1 == "L_yes_no"
    assert dv_of[(rows["C01"], 8)].formula1 == "L_evidence"


def test_question_text_locked_answer_cells_unlocked(blank):
    ws = blank[ANSWERS]
    assert ws.protection.sheet
    r = rows_by_id(ws)["C01"]
    for col in (1, 2, 3, 9):
        assert ws.cell(r, col).protection.locked, col
    for col in (4, 5, 6, 7, 8):
        assert not ws.cell(r, col).protection.locked, col
    main = rows_by_id(ws)["G03"]
    assert ws.cell(main, 5).protection.locked  # a multi select is answered on its option rows
    sub = rows_by_id(ws)["G03:access"]
    assert not ws.cell(sub, 5).protection.locked
    assert ws.cell(sub, 4).protection.locked
    assert blank.security.lockStructure


def test_meta_pins_questionnaire_and_fingerprints_every_row(blank, sample):
    q, h = sample
    meta = {blank[META].cell(r, 1).value: blank[META].cell(r, 2).value for r in range(1, 8)}
    assert meta["format"] == SHEET_FORMAT
    assert (meta["questionnaire_id"], meta["questionnaire_version"], meta["questionnaire_sha256"]) == \
        (q.id, q.version, h)
    assert meta["locale"] == "zh"
    from assess.excel.sheet_pin import read_pin

    pin = read_pin([[c.value for c in row] for row in blank[META].iter_rows()])
    answers = blank[ANSWERS]
    for rid, r in rows_by_id(answers).items():
        assert pin.fingerprints[rid] == fingerprint(answers.cell(r, 3).value)
    lay = layout(q, "zh")
    assert len(pin.fingerprints) == len(lay.company) + len(lay.answers)


def test_maturity_offers_level_names_and_descriptors_on_request(blank, sample):
    q, h = sample
    lists = blank[LISTS]
    col = next(c.column_letter for c in lists[1] if c.value == "L_level")
    items = [c.value for c in lists[col][1:] if c.value]
    assert items == [f"{i} — {n['zh']}" for i, n in enumerate(q.scoring.levels.names)]
    ws = blank[ANSWERS]
    assert ws[f"E{rows_by_id(ws)['C01']}"].comment is None
    noted = load_workbook(io.BytesIO(template_bytes(q, h, "zh", level_notes=True)))[ANSWERS]
    comment = noted[f"E{rows_by_id(ws)['C01']}"].comment.text
    assert comment.splitlines()[0] == "0 — 没有规划" and comment.splitlines()[5] == "5 — 混合调度"


def test_fingerprint_ignores_width_case_and_spacing_only():
    assert fingerprint("算力规划  成熟度") == fingerprint("算力规划 成熟度")
    assert fingerprint("Ａ1") == fingerprint("a1")
    assert fingerprint("算力规划成熟度") != fingerprint("算力规划成熟程度")


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_prefilled_sheet_reads_back_exactly(tmp_path, sample, sample_answers, locale):
    q, h = sample
    answers = sample_answers.model_copy(deep=True)
    answers.company = Company(name="宁波精密机械有限公司", sector="机械", region="浙江", contact="a@b.cn")
    answers.answers["P-ROLES"] = Answer(value=["user", "builder"])
    answers.answers["C04"] = Answer(value=1376)
    answers.answers["C05"] = Answer(value=61.5, evidence=["a.pdf", "b.pdf"], evidence_state="verified")
    answers.answers["G05"] = Answer(value="其他说明：无")
    answers.answers["G04"] = Answer(value=False, note="尚未出口欧盟")
    answers.session.locale = locale
    path = write_template(tmp_path / f"pre-{locale}.xlsx", q, h, locale, answers)
    q2, h2, got, problems = read_answer_sheet(path, str(SAMPLE))
    assert (q2.ref, h2) == (q.ref, h)
    assert got.model_dump(mode="json") == answers.model_dump(mode="json")
    assert [p for p in problems if p.severity != "notice"] == []


def test_user_text_is_never_written_as_a_formula(tmp_path, sample):
    q, h = sample
    answers = AnswerSet(
        questionnaire=ref_of(q, h),
        company=Company(name=PAYLOADS[0], sector=PAYLOADS[1], region=PAYLOADS[2], contact=PAYLOADS[3]),
        answers={"P-SIZE": Answer(value="small"), "P-EXPORT": Answer(value=False),
                 "C01": Answer(value=2, note=PAYLOADS[4], evidence=[PAYLOADS[0], PAYLOADS[2]]),
                 "G05": Answer(value=PAYLOADS[1])},
    )
    path = write_template(tmp_path / "payload.xlsx", q, h, "en", answers)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = load_workbook(path)
    ws = wb[COMPANY]
    assert ws["C2"].value == PAYLOADS[0] and ws["C2"].data_type == "s" and ws["C2"].quotePrefix
    _, _, got, _ = read_answer_sheet(path, str(SAMPLE))
    assert got.company.name == PAYLOADS[0]
    assert got.company.sector == PAYLOADS[1]
    assert got.answers["C01"].note == PAYLOADS[4]
    assert got.answers["C01"].evidence == [PAYLOADS[0], PAYLOADS[2]]
    assert got.answers["G05"].value == PAYLOADS[1]


def test_written_atomically_with_private_mode_when_prefilled(tmp_path, sample, sample_answers):
    q, h = sample
    blank_path = write_template(tmp_path / "t.xlsx", q, h, "zh")
    pre = write_template(tmp_path / "p.xlsx", q, h, "zh", sample_answers)
    assert blank_path.stat().st_mode & 0o777 == 0o644
    assert pre.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*.tmp"))
