"""Cards (repeatable groups) in the answer sheet and the gap report: the template's card sheets and
their drop-downs, a filled card sheet read back into AnswerSet.cards, every bad input named at its
cell, and the report's card sheets that verify recomputes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Card, Company
from assess.content.bundled import ref_of
from assess.excel.report_data import WITHHELD
from assess.excel.report_layout import layout, prepare
from assess.excel.report_render import write_files, write_report
from assess.excel.sheet_format import CARD_FIRST_ROW, LISTS, META
from assess.excel.sheet_reader import read_answer_sheet, read_checked
from assess.excel.sheet_writer import build_workbook, template_bytes, write_template
from assess.excel.verify import verify_report
from assess.text.messages import problem_text, say
from tests.excel.conftest import CARDS

Q = str(CARDS)
AT = "2026-03-01T08:00:00Z"
SCENARIOS = {"zh": "典型场景", "en": "Typical scenarios"}
AGENTS = {"zh": "出口产品智能体", "en": "Export agents"}
# the scenario sheet's columns, as the template lays them out
KEY, STAGE, LIVE, SHARE, KIND, SENSOR, MES, NONE, SAVING, NOTE, EVIDENCE, STATE = "ABCDEFGHIJKL"


def profile(cq, export: bool = False, **more) -> AnswerSet:
    q, h = cq
    return AnswerSet(questionnaire=ref_of(q, h), company=Company(name="苏州精工"),
                     answers={"P-SIZE": Answer(value="large"), "P-EXPORT": Answer(value=export),
                              "P-ROLES": Answer(value=["user"])}, **more)


def scenario(key: str, state: str = "documented", evidence=("验收报告.pdf",), **values) -> Card:
    return Card(key=key, answers={qid.replace("_", "-"): Answer(value=v, evidence=list(evidence),
                                                                  evidence_state=state)
                                  for qid, v in values.items()})


def en(m) -> str:
    return say(m, "en")


def typed(ws, ref: str, value) -> str:
    """Type `value` into a cell as a person would (text stays text); returns the reference."""
    ws[ref] = value
    if isinstance(value, str) and not value.startswith("="):
        ws[ref].data_type = "s"
    return ref


def make(tmp_path: Path, cq, answers: AnswerSet | None, edit=None, locale: str = "zh", name: str = "f.xlsx") -> Path:
    q, h = cq
    wb = build_workbook(q, h, locale, answers)
    if edit is not None:
        edit(wb)
    path = tmp_path / name
    wb.save(path)
    return path


def only(problems, code: str):
    hits = [p for p in problems if p.code == code]
    assert hits, f"no {code} in {[problem_text(p, 'en') for p in problems]}"
    return hits


def validations(ws) -> dict[tuple[int, int], object]:
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    out[(row, col)] = dv
    return out


# --------------------------------------------------------------------------- the template


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_template_has_a_card_sheet_per_group_with_ids_headings_and_validation(cq, locale):
    q, h = cq
    wb = load_workbook(io.BytesIO(template_bytes(q, h, locale)))
    assert wb.sheetnames == ["Instructions", "Company", "Answers", SCENARIOS[locale], AGENTS[locale], LISTS, META]
    ws = wb[SCENARIOS[locale]]
    line = ws["A1"].value
    assert ("典型场景" in line and "最多 5 张卡片" in line) if locale == "zh" else \
        ("typical scenario" in line and "at most 5 cards" in line)
    assert [c.value for c in ws[2]] == ["key", "S-STAGE", "S-LIVE", "S-SHARE", "S-KIND", "S-DATA:sensor",
                                       "S-DATA:mes", "S-DATA:none", "S-SAVING", "S-NOTE", "evidence", "evidence_state"]
    heads = [c.value for c in ws[3]]
    assert heads[0] == ("场景名称" if locale == "zh" else "Scenario name")
    assert heads[5] == ("使用的数据：传感器" if locale == "zh" else "Data used: Sensors")
    assert all(ws.cell(3, c).alignment.wrap_text for c in range(1, 13))
    assert all(ws.column_dimensions[col].width >= 14 for col in "ABCDEFGHIJKL")
    dv = validations(ws)
    last = CARD_FIRST_ROW + 4  # max_cards 5
    for row in (CARD_FIRST_ROW, last):
        assert dv[(row, 2)].formula1 == "L_level"
        assert dv[(row, 3)].formula1 == dv[(row, 6)].formula1 == "L_yes_no"
        assert dv[(row, 5)].formula1 == "L_S_KIND"
        assert (dv[(row, 4)].type, dv[(row, 4)].formula1, dv[(row, 4)].formula2) == ("decimal", "0", "100")
        assert (dv[(row, 9)].formula1, dv[(row, 9)].formula2) == ("0", "100000")
        assert (dv[(row, 10)].type, dv[(row, 10)].formula1) == ("textLength", "40")
        assert dv[(row, 12)].formula1 == "L_card_evidence"
        assert dv[(row, 1)].type == "custom" and "COUNTIF" in dv[(row, 1)].formula1  # the key is unique
        assert all(d.showErrorMessage and d.errorStyle == "stop" for d in (dv[(row, c)] for c in range(1, 13)
                                                                            if c != 11))
    assert (last + 1, 2) not in dv
    assert not ws.cell(CARD_FIRST_ROW, 1).protection.locked and ws.cell(3, 1).protection.locked
    assert ws.freeze_panes == f"B{CARD_FIRST_ROW}"
    lists = wb[LISTS]
    col = next(c.column_letter for c in lists[1] if c.value == "L_card_evidence")
    # a reviewer's "verified" is not offered; the two states read as the plant's own words
    assert [c.value for c in lists[col][1:] if c.value] == (["自述", "有文件"] if locale == "zh" else
                                                            ["declared", "documented"])
    meta = [[c.value for c in row] for row in wb[META].iter_rows()]
    assert ["card_sheet", "scenarios", SCENARIOS[locale]] in meta
    assert ["card_sheet", "agents", AGENTS[locale]] in meta


def test_a_prefilled_template_holds_the_groups_its_profile_asks_and_its_cards(cq):
    q, h = cq
    home = load_workbook(io.BytesIO(template_bytes(q, h, "zh", profile(cq, export=False))))
    assert "典型场景" in home.sheetnames and "出口产品智能体" not in home.sheetnames
    exporter = load_workbook(io.BytesIO(template_bytes(q, h, "zh", profile(cq, export=True))))
    assert "出口产品智能体" in exporter.sheetnames
    kept = profile(cq, export=False, cards={"agents": [Card(key="客服", answers={"A-AUTO": Answer(value=True)})]})
    assert "出口产品智能体" in load_workbook(io.BytesIO(template_bytes(q, h, "zh", kept))).sheetnames


# --------------------------------------------------------------------------- reading back


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_cards_of_an_answer_file_round_trip_through_the_sheet(tmp_path, cq, locale):
    q, h = cq
    answers = profile(cq, export=True, cards={
        "scenarios": [
            scenario("视觉质检", S_STAGE=4, S_LIVE=True, S_SHARE=35.5, S_KIND="quality", S_DATA=["sensor", "mes"],
                     S_SAVING=120, S_NOTE="=1+1"),
            scenario("排产", state="declared", evidence=(), S_STAGE=1, S_DATA=[]),
            scenario("Line 3", evidence=("a.pdf", "b.pdf"), S_LIVE=False),
        ],
        "agents": [Card(key="客服", answers={"A-AUTO": Answer(value=True)})],
    })
    answers.session.locale = locale
    path = write_template(tmp_path / f"c-{locale}.xlsx", q, h, locale, answers)
    _, _, got, problems = read_answer_sheet(path, Q)
    assert got.model_dump(mode="json")["cards"] == answers.model_dump(mode="json")["cards"]
    assert [p for p in problems if p.code.startswith("sheet.card")] == []


def test_a_card_sheet_filled_by_hand_is_read_as_typed(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        for col, value in zip(KEY + STAGE + LIVE + SHARE + KIND + SENSOR + MES + SAVING + NOTE + EVIDENCE + STATE,
                              [" 视觉质检 ", "4", "是", "40%", "质量检测", "yes", "是", 120, "首条产线",
                               "验收报告.pdf\n现场照片", "documented — 有文件"], strict=True):
            typed(ws, f"{col}4", value)
        typed(ws, "A6", "排产")  # a blank row in between is skipped without a word
        typed(ws, "C6", "no — 否")
        typed(ws, "E6", "planning")

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    first, second = got.cards["scenarios"]
    assert first.key == "视觉质检"
    assert {k: a.value for k, a in first.answers.items()} == {
        "S-STAGE": 4, "S-LIVE": True, "S-SHARE": 40, "S-KIND": "quality", "S-DATA": ["sensor", "mes"],
        "S-SAVING": 120, "S-NOTE": "首条产线"}
    assert all(a.evidence == ["验收报告.pdf", "现场照片"] and a.evidence_state == "documented"
               for a in first.answers.values())
    assert second.key == "排产" and {k: a.value for k, a in second.answers.items()} == {"S-LIVE": False,
                                                                                       "S-KIND": "planning"}
    assert second.answers["S-LIVE"].evidence_state == "declared"
    assert [p for p in problems if p.code.startswith("sheet.card")] == []


def test_each_bad_card_input_is_named_at_its_cell_and_left_out(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, "A4", "视觉质检")
        typed(ws, "B4", "7")          # no such level
        typed(ws, "C4", "maybe")      # not yes or no
        typed(ws, "D4", 150)          # over 100 %
        typed(ws, "E4", "gold")       # not an option
        typed(ws, "F4", "yes")
        typed(ws, "H4", "yes")        # "none" with another option
        typed(ws, "J4", "x" * 41)     # too long
        typed(ws, "I4", 7)            # this one is fine
        typed(ws, "C5", "是")          # answers, no key
        typed(ws, "K5", "a.pdf")
        typed(ws, "A6", "视觉质检 ")     # the same key again
        typed(ws, "C6", "否")
        typed(ws, "A7", "Line 1")
        typed(ws, "B7", "=1+2")       # a formula
        typed(ws, "L7", "verified")   # allowed by this questionnaire's policy
        typed(ws, "A8", "Line 2")
        typed(ws, "L8", "sort of")    # not an evidence state
        typed(ws, "C8", "yes")

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    cards = {c.key: c for c in got.cards["scenarios"]}
    assert list(cards) == ["视觉质检", "Line 1", "Line 2"]
    assert {k: a.value for k, a in cards["视觉质检"].answers.items()} == {"S-SAVING": 7}
    refused = {p.where: p for p in only(problems, "sheet.card_value_refused")}
    assert set(refused) == {"典型场景!B4", "典型场景!C4", "典型场景!D4", "典型场景!E4", "典型场景!F4", "典型场景!J4"}
    for p in refused.values():
        assert p.severity == "error" and p.fix is not None
        assert "视觉质检" in en(p.message) and "视觉质检" in say(p.message, "zh")
    assert "S-STAGE" in en(refused["典型场景!B4"].message)
    # what was typed in each card cell, as for an answer's: the report's 所填内容 column
    assert refused["典型场景!C4"].typed == "maybe" and refused["典型场景!E4"].typed == "gold"
    (no_key,) = only(problems, "sheet.card_no_key")
    assert no_key.where == "典型场景!A5" and "场景名称" in say(no_key.message, "zh")
    (twice,) = only(problems, "sheet.card_key_twice")
    assert twice.where == "典型场景!A6" and "row 4" in en(twice.message)
    (formula,) = only(problems, "sheet.formula")
    assert formula.where == "典型场景!B7" and cards["Line 1"].answers == {}
    assert cards["Line 1"].key == "Line 1"
    (bad_state,) = only(problems, "sheet.card_bad_state")
    assert bad_state.where == "典型场景!L8" and bad_state.severity == "warning"
    assert cards["Line 2"].answers["S-LIVE"].evidence_state == "declared"
    for p in problems:
        assert problem_text(p, "zh") and problem_text(p, "en")


def test_cards_beyond_the_maximum_are_named_and_not_read(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        for i in range(7):
            typed(ws, f"A{CARD_FIRST_ROW + i}", f"场景{i + 1}")
            typed(ws, f"C{CARD_FIRST_ROW + i}", "是")

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == [f"场景{i}" for i in range(1, 6)]
    (p,) = only(problems, "sheet.card_too_many")
    assert p.where == "典型场景!A9:A10" and p.severity == "error"
    assert "场景6" in en(p.message) and "场景7" in en(p.message) and "at most 5" in en(p.message)


def test_a_respondent_cannot_mark_a_card_verified_where_only_a_reviewer_may(tmp_path, cq):
    q, h = cq
    strict = q.model_copy(update={"scoring": q.scoring.model_copy(update={"respondent_verifies": False})})

    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, "A4", "视觉质检")
        typed(ws, "C4", "是")
        typed(ws, "L4", "verified — 经核实")

    data = make(tmp_path, cq, profile(cq), fill).read_bytes()
    _, _, got, problems = read_checked(data, strict, h, "f.xlsx")
    assert got.cards["scenarios"][0].answers["S-LIVE"].evidence_state == "documented"
    (p,) = only(problems, "sheet.card_verified")
    assert p.where == "典型场景!L4" and p.severity == "warning"
    assert "没有写明文件时按“自述”计" in say(p.message, "zh")  # what the readiness grid then counts


def test_a_missing_card_sheet_is_a_notice_only_for_a_group_that_is_asked(tmp_path, cq):
    def drop(wb):
        del wb["典型场景"]

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq, export=True), drop), Q)
    assert got.cards == {}
    notices = only(problems, "sheet.cards_none")
    assert {p.where for p in notices} == {"典型场景", "出口产品智能体"}  # one gone, one left blank
    assert all(p.severity == "notice" for p in notices)
    assert not [p for p in problems if p.severity == "error"]
    # a home-market firm is not asked for export agents: no word about them
    _, _, _, problems = read_answer_sheet(make(tmp_path, cq, profile(cq, export=False), name="home.xlsx"), Q)
    assert {p.where for p in only(problems, "sheet.cards_none")} == {"典型场景"}


def test_cards_on_a_sheet_the_profile_does_not_ask_are_kept_and_said_to_count_for_nothing(tmp_path, cq):
    given = profile(cq, export=False, cards={"agents": [Card(key="客服", answers={"A-AUTO": Answer(value=True)})]})
    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, given), Q)
    assert got.cards["agents"][0].key == "客服"
    (p,) = only(problems, "sheet.cards_not_asked")
    assert p.severity == "notice" and p.where == "出口产品智能体"


def test_a_renamed_card_sheet_is_found_by_its_ids(tmp_path, cq):
    def rename(wb):
        wb["典型场景"].title = "我们的场景"
        typed(wb["我们的场景"], "A4", "视觉质检")
        typed(wb["我们的场景"], "C4", "是")

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), rename), Q)
    assert got.cards["scenarios"][0].answers["S-LIVE"].value is True
    (p,) = only(problems, "sheet.renamed")
    assert p.where == "我们的场景!A1" and p.severity == "warning"


# --------------------------------------------------------------------------- the gap report


def report_answers(cq) -> AnswerSet:
    return profile(cq, export=True, cards={
        "scenarios": [
            scenario("视觉质检", S_STAGE=4, S_LIVE=True, S_SHARE=60),
            scenario("=HYPERLINK(\"http://x\",\"y\")", S_STAGE=2, S_LIVE=True),
            scenario("<r>排产</r>", state="declared", evidence=("笔记.docx",), S_STAGE=5, S_LIVE=True),
        ],
        "agents": [Card(key="客服", answers={"A-AUTO": Answer(value=True)})],
    })


def sheet_rows(path: Path, name: str):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python(skip_empty_area=False)


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_report_lists_each_card_and_what_each_programme_finds_and_verifies(tmp_path, cq, locale):
    q, h = cq
    path = write_report(tmp_path / f"r-{locale}.xlsx", q, h, report_answers(cq), locale=locale, generated_at=AT)
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    assert names[3:6] == [("答案" if locale == "zh" else "Answers"), SCENARIOS[locale], AGENTS[locale]]
    rows = sheet_rows(path, SCENARIOS[locale])
    assert rows[0][0] == ("场景名称" if locale == "zh" else "Scenario name")
    keys = [r[0] for r in rows[1:4]]
    assert keys == ["视觉质检", "=HYPERLINK(\"http://x\",\"y\")", "<r>排产</r>"]  # user text stays text
    assert rows[1][3] == "60%"
    verdicts = {r[0]: r[1:4] for r in rows if r[1:2] and str(r[1]).startswith(("✓", "✗"))}
    yes, no = ("是", "否") if locale == "zh" else ("Yes", "No")
    assert verdicts["视觉质检"][0].startswith("✓ 4") and verdicts["视觉质检"][2] == yes
    assert verdicts["=HYPERLINK(\"http://x\",\"y\")"][0].startswith("✗ 2") and verdicts[keys[1]][2] == no
    assert verdicts["<r>排产</r>"][0].startswith("✓ 5")
    label = "满足全部条件的卡片" if locale == "zh" else "Cards meeting every criterion"
    count = next(r for r in rows if r[0] == label)
    assert count[3] == 2 and count[1] == ("至少需要 2 张：已满足" if locale == "zh" else "2 needed: met")
    assert verify_report(path, Q).ok
    with open(path, "rb") as fh:
        assert b"<f>" not in fh.read()


def test_programme_readiness_counts_cards_and_the_summary_says_why(tmp_path, cq):
    q, h = cq
    answers = report_answers(cq)
    report = prepare(q, h, answers, locale="en", generated_at=AT)
    ready = {p["id"]: p["ready"] for p in report.doc["programmes"]}
    assert ready["scenario_call"] is True and ready["agent_pilot"] is True
    answers.cards["scenarios"] = answers.cards["scenarios"][:1]
    path = write_report(tmp_path / "one.xlsx", q, h, answers, locale="en", generated_at=AT)
    summary = sheet_rows(path, "Summary")
    line = next(r for r in summary if r[0] == "Scenario call")
    said = "1 card(s) meet every card criterion, 2 needed (one card per typical scenario"
    assert "No" in line and any(said in str(c) for c in line)


def test_under_evidenced_programmes_a_declared_card_answer_does_not_count(cq):
    from assess.plan import card_results
    from assess.scoring import score

    q, h = cq
    evidenced = q.model_copy(update={"scoring": q.scoring.model_copy(update={"programmes_on": "evidenced"})})
    answers = report_answers(cq)
    claimed = {r.key: r.met for r in card_results(score(q, answers))["scenario_call"]}
    strict = {r.key: r.met for r in card_results(score(evidenced, answers))["scenario_call"]}
    assert claimed["<r>排产</r>"] is True and strict["<r>排产</r>"] is False
    assert strict["视觉质检"] is True
    report = prepare(evidenced, h, answers, locale="zh", generated_at=AT)
    sheet = next(s for s in layout(report) if s.name == "典型场景")
    texts = [c.value for c in sheet.cells if isinstance(c.value, str) and c.value.startswith("✗ 5")]
    assert texts and "仅自述，不计入" in texts[0]


def test_verify_names_an_edited_card_cell(tmp_path, cq):
    import openpyxl

    q, h = cq
    path = write_report(tmp_path / "r.xlsx", q, h, report_answers(cq), locale="zh", generated_at=AT)
    wb = openpyxl.load_workbook(path)
    wb["典型场景"]["B3"] = "5 – 持续优化"  # a card made to look further along
    wb.save(path)
    result = verify_report(path, Q)
    assert not result.ok
    assert "典型场景!B3" in {p.where for p in result.problems}


def test_redacted_report_clears_card_evidence(tmp_path, cq):
    q, h = cq
    report = prepare(q, h, report_answers(cq), locale="en", redact=True, generated_at=AT)
    assert all(set(a.evidence) <= {WITHHELD} for cards in report.embedded.answers.cards.values() for c in cards
               for a in c.answers.values())
    files = write_files(tmp_path / "x.xlsx", report, twins=False)
    rows = sheet_rows(files.xlsx, "Typical scenarios")
    assert rows[0][-1].endswith("(removed)") and all(r[-1] == "" for r in rows[1:4])
    assert verify_report(files.xlsx, Q).ok


def test_a_group_not_asked_says_its_cards_count_for_nothing(tmp_path, cq):
    q, h = cq
    answers = report_answers(cq)
    answers.answers["P-EXPORT"] = Answer(value=False)
    path = write_report(tmp_path / "home.xlsx", q, h, answers, locale="en", generated_at=AT)
    rows = sheet_rows(path, "Export agents")
    assert rows[1][0] == "客服"
    assert any(r[0].startswith("Not asked for this profile") for r in rows)
    count = next(r for r in rows if r[0] == "Cards meeting every criterion")
    assert count[1] == "1 needed: not met" and count[2] == 0
    assert verify_report(path, Q).ok


def test_a_redacted_report_does_not_quote_a_cards_evidence_cell(tmp_path, cq):
    q, h = cq

    def fill(wb):
        ws = wb[SCENARIOS["zh"]]
        typed(ws, f"{KEY}4", "视觉质检")
        typed(ws, f"{STAGE}4", "三级")
        ws[f"{EVIDENCE}4"] = '="王工的验收单"'  # a formula: refused, and its text quoted in the problem

    _, _, answers, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    (formula,) = [p for p in problems if p.where == f"{SCENARIOS['zh']}!{EVIDENCE}4"]
    assert "王工" in problem_text(formula, "zh")
    for redact in (False, True):
        report = prepare(q, h, answers, locale="zh", redact=redact, generated_at=AT, problems=problems)
        assert ("王工" in report.embedded.text) is not redact


def test_a_cell_merged_over_several_cards_leaves_them_out_and_names_the_range(tmp_path, cq):
    """A client merges one "是" over three scenarios: only the first row holds it, so which cards it
    was meant for cannot be told. Those cards are named, none is read; a merged title above the
    cards is no input and passes."""
    def fill(wb):
        ws = wb["典型场景"]
        for row, key in ((4, "视觉质检"), (5, "排产"), (6, "预测维护"), (7, "能耗"), (8, "追溯")):
            typed(ws, f"A{row}", key)
        typed(ws, "C4", "是")
        ws.merge_cells("C4:C6")
        typed(ws, "C7", "否")
        typed(ws, "C8", "否")
        ws.merge_cells("A1:C1")
        ws.merge_cells("D3:D4")  # a heading merged into the first card's row: one card row, nothing to tell apart
        typed(ws, f"{EVIDENCE}7", "见附件")
        ws.merge_cells(f"{EVIDENCE}7:{EVIDENCE}8")  # evidence over rows: it counts for the first card, warned
        ws.merge_cells("B20:F30")  # formatting over empty rows below the cards: nothing lost

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["能耗", "追溯"]
    (merged,) = only(problems, "sheet.card_merged")
    assert merged.where == "典型场景!C4:C6" and merged.severity == "error"
    assert "3 行" in say(merged.message, "zh") and "取消合并" in say(merged.fix, "zh")
    (evidence,) = only(problems, "sheet.card_merged_evidence")
    assert evidence.severity == "warning" and evidence.where == f"典型场景!{EVIDENCE}7:{EVIDENCE}8"
