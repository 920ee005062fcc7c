"""A card sheet is read as typed the way the Answers sheet is: a cell formatted as per cent is the
per cent it shows, a level may be typed as 三级, L2 or its name, yes/no as ✓ or 否, and a status
word (不知道, 不适用) is that status; an X stays refused as the ambiguous mark it is."""

from __future__ import annotations

import pytest

from assess.excel.sheet_reader import read_answer_sheet
from assess.text.messages import problem_text
from tests.excel.test_cards import (
    EVIDENCE,
    KEY,
    KIND,
    LIVE,
    MES,
    NONE,
    SENSOR,
    SHARE,
    STAGE,
    Q,
    make,
    only,
    profile,
    typed,
)


def test_card_cells_are_read_as_typed_like_the_answers_sheet(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, f"{KEY}4", "视觉质检")
        typed(ws, f"{STAGE}4", "三级")
        ws[f"{SHARE}4"] = 0.62            # typed 62% into a cell Excel then formats as per cent
        ws[f"{SHARE}4"].number_format = "0%"
        typed(ws, f"{LIVE}4", "✓")
        typed(ws, f"{SENSOR}4", "√")
        typed(ws, f"{MES}4", "否")
        typed(ws, f"{KEY}5", "排产")
        typed(ws, f"{STAGE}5", "集成级")   # the level's name
        typed(ws, f"{SHARE}5", "35%")
        typed(ws, f"{LIVE}5", "不知道")    # a status word: recorded as don't know
        typed(ws, f"{KIND}5", "planning")
        typed(ws, f"{KEY}6", "能耗")
        typed(ws, f"{STAGE}6", "L2")
        typed(ws, f"{SHARE}6", "不适用")   # a status these questions do not take: named, not used
        typed(ws, f"{LIVE}6", "x")        # a tick or a cross? never guessed

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    cards = {c.key: c for c in got.cards["scenarios"]}
    assert {k: a.value for k, a in cards["视觉质检"].answers.items()} == {
        "S-STAGE": 3, "S-SHARE": 62, "S-LIVE": True, "S-DATA": ["sensor"]}
    second = cards["排产"].answers
    assert (second["S-STAGE"].value, second["S-SHARE"].value, second["S-KIND"].value) == (3, 35, "planning")
    assert (second["S-LIVE"].status, second["S-LIVE"].value) == ("dont_know", None)
    (word,) = only(problems, "sheet.card_status_word")
    assert word.where == f"典型场景!{LIVE}5" and word.severity == "notice"
    assert "不知道" in problem_text(word, "zh") and "排产" in problem_text(word, "zh")
    third = cards["能耗"].answers
    assert third["S-STAGE"].value == 2 and "S-SHARE" not in third and "S-LIVE" not in third
    refused = {p.where: p for p in only(problems, "sheet.card_value_refused")}
    assert set(refused) == {f"典型场景!{SHARE}6", f"典型场景!{LIVE}6"}
    assert "not applicable" in problem_text(refused[f"典型场景!{SHARE}6"], "en").casefold()
    assert "ambiguous" in problem_text(refused[f"典型场景!{LIVE}6"], "en")
    assert not [p for p in problems if p.code == "sheet.bare_fraction"]


def test_a_total_row_under_the_cards_is_named_and_not_read_as_one_more_card(tmp_path, cq):
    """Plants add a 合计 row under their cards, as in any Excel list: it counts toward no programme."""
    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, f"{KEY}4", "视觉质检")
        typed(ws, f"{STAGE}4", "三级")
        typed(ws, f"{KEY}5", "合计：")
        ws[f"{SHARE}5"] = 62
        typed(ws, f"{KEY}6", "共计1个")  # with its count

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["视觉质检"]
    total, counted = only(problems, "sheet.card_total")
    assert total.where == f"典型场景!{KEY}5" and total.severity == "warning" and counted.where == f"典型场景!{KEY}6"
    assert "合计行" in problem_text(total, "zh") and "删除合计行" in problem_text(total, "zh")


def test_a_card_sheet_sorted_with_its_headings_loses_no_card(tmp_path, cq):
    """Sorting the whole card sheet moves the headings row down and a card up into row 3: the card was
    skipped as if it were the headings, and the headings read as a card named 场景名称."""
    def fill(wb):
        ws = wb["典型场景"]
        headings = [c.value for c in ws[3]]
        for cell in ws[3]:  # the whole row moves, as a sort moves it
            cell.value = None
        for col, value in zip(KEY + LIVE, ["冲压件视觉质检", "是"], strict=True):
            typed(ws, f"{col}3", value)
        for col, value in zip(KEY + LIVE, ["设备预测性维护", "否"], strict=True):
            typed(ws, f"{col}4", value)
        for i, value in enumerate(headings, start=1):
            ws.cell(5, i).value = value

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["冲压件视觉质检", "设备预测性维护"]
    moved = only(problems, "sheet.card_headings_moved")[0]
    assert moved.where == "典型场景!A5" and moved.severity == "notice"
    assert not [p for p in problems if p.code.startswith("sheet.card") and p.code != "sheet.card_headings_moved"]


def test_headings_copied_further_down_are_named_there_and_not_where_they_belong(tmp_path, cq):
    """A plant copies the headings row down above a second block of cards: the notice named both that
    row and the headings in their own place ("on row 3, not row 3")."""
    def fill(wb):
        ws = wb["典型场景"]
        for col, value in zip(KEY + LIVE, ["冲压件视觉质检", "是"], strict=True):
            typed(ws, f"{col}4", value)
        for i, cell in enumerate(ws[3], start=1):
            ws.cell(6, i).value = cell.value
        for col, value in zip(KEY + LIVE, ["设备预测性维护", "否"], strict=True):
            typed(ws, f"{col}7", value)

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["冲压件视觉质检", "设备预测性维护"]
    (moved,) = only(problems, "sheet.card_headings_moved")
    assert moved.where == "典型场景!A6" and "第 6 行，不在第 3 行" in problem_text(moved, "zh")


@pytest.mark.parametrize("name", ["例如“冲压件外观缺陷视觉检测”", "例如：注塑工艺参数智能推荐",
                                  "e.g. visual inspection"])
def test_the_instructions_example_copied_into_a_row_is_no_card(tmp_path, cq, name):
    """The example the instructions give, copied into a row with a stage beside it, was read as a
    card of the plant's (and counted toward a programme's minimum of cards)."""
    def fill(wb):
        ws = wb["典型场景"]
        for col, value in zip(KEY + LIVE, [name, "是"], strict=True):
            typed(ws, f"{col}4", value)
        for col, value in zip(KEY + LIVE, ["设备预测性维护", "是"], strict=True):
            typed(ws, f"{col}5", value)

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["设备预测性维护"]
    (example,) = only(problems, "sheet.card_example")
    assert example.where == f"典型场景!{KEY}4" and example.severity == "warning"
    assert "像是说明里举的例子" in problem_text(example, "zh")


@pytest.mark.parametrize("name", ["示例线改造", "Example Corp line", "例外处理智能体"])
def test_a_name_that_only_looks_like_an_example_is_a_card(tmp_path, cq, name):
    def fill(wb):
        for col, value in zip(KEY + LIVE, [name, "是"], strict=True):
            typed(wb["典型场景"], f"{col}4", value)

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == [name]
    assert not [p for p in problems if p.code == "sheet.card_example"]


@pytest.mark.parametrize("name,code", [("共計3個", "sheet.card_total"), ("暫無", "sheet.card_none"),
                                       ("舉例：衝壓件視覺檢測", "sheet.card_example")])
def test_a_total_none_or_example_typed_in_traditional_characters_is_no_card(tmp_path, cq, name, code):
    def fill(wb):
        for col, value in zip(KEY + LIVE, [name, "是"], strict=True):
            typed(wb["典型场景"], f"{col}4", value)

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert not got.cards.get("scenarios")
    assert only(problems, code)[0].where == f"典型场景!{KEY}4"


def test_a_row_saying_there_is_none_and_a_name_alone_are_no_cards(tmp_path, cq):
    """无 typed as a card's name, and a section title 一、苏州工厂 with nothing beside it, became cards
    failing every condition, the file scored clean. Each is named and read as no card."""
    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, f"{KEY}4", "一、苏州工厂")
        for col, value in zip(KEY + LIVE, ["冲压件视觉质检", "是"], strict=True):
            typed(ws, f"{col}5", value)
        typed(ws, f"{KEY}6", "无")
        typed(ws, f"{KEY}7", "/")

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["冲压件视觉质检"]
    assert [p.where for p in only(problems, "sheet.card_none")] == ["典型场景!A6", "典型场景!A7"]
    heading = only(problems, "sheet.card_name_only")[0]
    assert heading.where == "典型场景!A4" and heading.severity == "warning"
    assert "分组标题" in problem_text(heading, "zh")


def test_a_sheet_whose_only_card_is_refused_is_not_said_to_have_none(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, f"{KEY}4", "无")

    _, _, _, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert only(problems, "sheet.card_none") and not [p for p in problems if p.code == "sheet.cards_none"]


def test_a_hidden_card_row_is_named_and_not_read(tmp_path, cq):
    """A plant hides a draft card's row instead of deleting it: it was counted, the file clean."""
    def fill(wb):
        ws = wb["典型场景"]
        for col, value in zip(KEY + LIVE, ["冲压件视觉质检", "是"], strict=True):
            typed(ws, f"{col}4", value)
        for col, value in zip(KEY + LIVE + EVIDENCE, ["草稿-未上线场景", "是", "张三-机密.pdf"], strict=True):
            typed(ws, f"{col}5", value)
        ws.row_dimensions[5].hidden = True
        ws.row_dimensions[6].hidden = True  # hidden, and blank: nothing to say

    rejected: dict[str, str] = {}
    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q, rejected)
    assert [c.key for c in got.cards["scenarios"]] == ["冲压件视觉质检"]
    (hidden,) = only(problems, "sheet.card_hidden")
    assert hidden.where == "典型场景!A5" and "草稿-未上线场景" in problem_text(hidden, "zh")
    assert rejected == {"scenarios::典型场景!A5": "草稿-未上线场景 / 是"}  # among the answers not used; no evidence


def test_cards_in_a_group_folded_away_are_read(tmp_path, cq):
    """Folding a group of rows (the − beside the row numbers) hides them from view, not from the sheet."""
    def fill(wb):
        ws = wb["典型场景"]
        for row, key in ((4, "冲压件视觉质检"), (5, "排产优化")):
            for col, value in zip(KEY + LIVE, [key, "是"], strict=True):
                typed(ws, f"{col}{row}", value)
        ws.row_dimensions.group(4, 5, hidden=True)

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["冲压件视觉质检", "排产优化"]
    assert not [p for p in problems if p.code == "sheet.card_hidden"]


def test_a_reworded_headings_row_a_filter_and_short_names_do_not_cost_a_card(tmp_path, cq):
    """The row after the ids is the headings however the client reworded them (场景名称（必填）); rows a
    filter hides are still cards (only rows hidden by hand are put away); 0 or NA may name a card."""
    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, f"{KEY}3", "场景名称（必填）")
        for row, key in ((4, "冲压件视觉质检"), (5, "0"), (6, "NA")):
            for col, value in zip(KEY + LIVE, [key, "是"], strict=True):
                typed(ws, f"{col}{row}", value)
        ws.auto_filter.ref = "A3:L6"
        ws.auto_filter.add_filter_column(0, ["冲压件视觉质检", "NA"])
        ws.row_dimensions[5].hidden = True  # filtered out

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["冲压件视觉质检", "0", "NA"]
    assert not [p for p in problems if p.code.startswith("sheet.card")]


def test_a_numbering_column_the_client_added_is_a_notice_a_mistyped_id_a_warning(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        for col, value in zip(KEY + LIVE, ["冲压件视觉质检", "是"], strict=True):
            typed(ws, f"{col}4", value)
        ws.insert_cols(1)
        ws["A2"], ws["A3"], ws["A4"] = "序号", "序号", 1

    _, _, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q)
    assert [c.key for c in got.cards["scenarios"]] == ["冲压件视觉质检"]
    added = only(problems, "sheet.card_unknown_column")[0]
    assert added.severity == "notice" and "可以保留" in problem_text(added, "zh")

    def mistyped(wb):
        fill(wb)
        ws = wb["典型场景"]
        cell = next(c for c in ws[2] if c.value == "S-LIVE")
        cell.value = "S-LIVEX"

    _, _, _, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), mistyped, name="g.xlsx"), Q)
    assert {p.severity for p in only(problems, "sheet.card_unknown_column")} == {"warning"}
    assert only(problems, "sheet.card_columns_missing")


def test_a_start_month_typed_for_how_many_months_is_refused():
    """2023.03 in 运行月数 (asked as 1.1.0 asks SC-MONTHS) was read as 2023.03 months, without a word."""
    from assess.excel.sheet_values import parse_value
    from assess.model import NumberQuestion
    from assess.text.messages import say

    months = NumberQuestion(id="S-MONTHS", type="number", prompt={"zh": "运行了多少个月？", "en": "Months?"},
                            min=0, unit={"zh": "个月", "en": "months"})
    for began in ("2023.03", 2023.03, "2024"):
        value, why, _ = parse_value(months, began)
        assert value is None and "asks how many months" in say(why, "en"), began
    assert parse_value(months, "14")[0] == 14 and parse_value(months, "120")[0] == 120


def test_a_card_answer_not_used_shows_as_invalid_with_what_was_typed_never_as_blank(tmp_path, cq):
    """A card's answer refused in the sheet was left blank in the report, as if never given, and the
    first page's count of answers not used left it out."""
    from python_calamine import CalamineWorkbook

    from assess.excel.report_layout import prepare
    from assess.excel.report_render import write_files
    from assess.excel.verify import verify_report
    from assess.text.report_labels import sheet_name

    def fill(wb):
        ws = wb["典型场景"]
        typed(ws, f"{KEY}4", "能耗")
        typed(ws, f"{STAGE}4", "L2")
        typed(ws, f"{LIVE}4", "x")        # a tick or a cross? never guessed
        typed(ws, f"{SENSOR}4", "是")
        typed(ws, f"{NONE}4", "是")       # 无 beside a source: the options cannot both be
        ws[f"{SHARE}4"] = 0.4             # a bare fraction on a percentage
        typed(ws, f"{KEY}5", "排产")
        typed(ws, f"{SENSOR}5", "?")      # two option cells neither yes nor no: both shown
        typed(ws, f"{MES}5", "嗯")
        typed(ws, f"{STAGE}6", "三级")    # a card without its name: the whole row not read

    rejected: dict[str, str] = {}
    q, h, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q, rejected)
    assert rejected == {"scenarios:S-DATA:能耗": "传感器：是；无：是", "scenarios:S-LIVE:能耗": "x",
                        "scenarios:S-SHARE:能耗": "0.4", "scenarios:S-DATA:排产": "传感器：?；制造执行系统：嗯",
                        "scenarios::典型场景!A6": "三级"}
    report = prepare(q, h, got, locale="zh", problems=problems, rejected=rejected, generated_at="2026-03-01T08:00:00Z")
    files = write_files(tmp_path / "r.xlsx", report)

    def cells(sheet):
        rows = CalamineWorkbook.from_path(str(files.xlsx)).get_sheet_by_name(sheet).to_python()
        return [str(v) for row in rows for v in row if v not in ("", None)]

    card_row = next(row for row in CalamineWorkbook.from_path(str(files.xlsx)).get_sheet_by_name("典型场景").to_python()
                    if row[0] == "能耗")
    assert "答案无效：x" in card_row and "答案无效：0.4" in card_row and "答案无效：传感器：是；无：是" in card_row
    quality = cells(sheet_name("quality", "zh"))
    assert "典型场景 · 能耗\nS-LIVE" in quality and "典型场景!A6" in quality
    assert "5 个已填答案无法采用" in " ".join(cells(sheet_name("summary", "zh")))
    assert verify_report(files.xlsx, Q).ok


def test_a_report_made_before_card_answers_were_listed_still_matches_its_source(tmp_path, cq):
    """A report made by 0.4.0 lists the questions' answers not used, not the cards': `verify --source`
    compares what it listed, and the cards' entries the reader now finds are no difference."""
    from dataclasses import replace

    from assess.excel.report_layout import prepare
    from assess.excel.verify_source import compare_source

    def fill(wb):
        typed(wb["典型场景"], f"{KEY}4", "能耗")
        typed(wb["典型场景"], f"{LIVE}4", "x")

    rejected: dict[str, str] = {}
    q, h, got, problems = read_answer_sheet(make(tmp_path, cq, profile(cq), fill), Q, rejected)
    made = prepare(q, h, got, locale="zh", problems=problems, rejected=rejected,
                   generated_at="2026-03-01T08:00:00Z").embedded
    assert compare_source(made, got, rejected, "sha", "f.xlsx").same is not None
    listed = {k: v for k, v in made.quality["rejected"].items() if ":" not in k}
    old = replace(made, meta=replace(made.meta, tool_version="0.4.0"), quality={**made.quality, "rejected": listed})
    assert compare_source(old, got, rejected, "sha", "f.xlsx").same is not None
    assert compare_source(replace(old, meta=made.meta), got, rejected, "sha", "f.xlsx").same is None  # 0.5.0 lists them
