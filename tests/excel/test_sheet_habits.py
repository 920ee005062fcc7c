"""Values as clients type them: percentages as Excel stores them, ticks and crosses, levels written
every which way, status words in the answer cell, answers pasted one row off, columns they added.
An answer is used only when it is sure what was meant; otherwise the cell is named with a fix."""

from __future__ import annotations

import pytest

from assess.excel.sheet_cells import formula_cells, percent_cells, percent_styles
from assess.excel.sheet_format import ANSWERS, COMPANY
from assess.excel.sheet_values import fix_for, level_names, parse_value
from assess.text.messages import say
from tests.excel import test_sheet_reader as base
from tests.excel.test_sheet_reader import find, make, put, read, row_of

full_answers = base.full_answers


def question(sample, qid):
    q, _ = sample
    return next(x for _, x in q.all_questions() if x.id == qid)


def codes(problems):
    return [p.code for p in problems]


# --------------------------------------------------------------------------- percentages


@pytest.mark.parametrize("value,fmt,expected", [(0.62, "0%", 62), (0.625, "0.0%", 62.5), (1, "0%", 100),
                                                (0.005, "0.00%", 0.5), (0.4, '#,##0.0" "%', 40)])
def test_a_percent_formatted_cell_is_read_as_per_cent(tmp_path, sample, full_answers, value, fmt, expected):
    def edit(wb):
        ref = put(wb[ANSWERS], "C02", "E", value)
        wb[ANSWERS][ref].number_format = fmt

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C02"].value == expected
    assert not [p for p in problems if "C02" in str(p.message.args)]


@pytest.mark.parametrize("typed", ["12%", "12 ％", "１２％"])
def test_a_per_cent_typed_on_a_number_with_a_unit_of_its_own_is_refused(cq, typed):
    """Savings in 万元 typed as 12%: a per cent is no amount, and which number was meant cannot be
    told. A number asked without a unit (a baseline "in the unit given above", which may be %) takes it."""
    q, _ = cq
    saving = next(x for _, g in q.card_groups() for x in g.questions if x.id == "S-SAVING")
    value, why, _ = parse_value(saving, typed)
    assert value is None and "has a per cent sign" in say(why, "en")
    assert "without %" in say(fix_for(saving, why), "en")


def test_a_per_cent_typed_on_a_number_without_a_unit_is_the_number(sample):
    value, why, _ = parse_value(question(sample, "C04"), "5%")
    assert why is None and value == 5


_STYLES = ('<styleSheet xmlns="main"><numFmts count="1"><numFmt numFmtId="164" formatCode="{code}"/></numFmts>'
           '<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="9"/></cellStyleXfs>'
           '<cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="{second}" xfId="0"/>'
           '<xf numFmtId="0" xfId="1"/></cellXfs></styleSheet>')


@pytest.mark.parametrize("code,second,styles", [
    ("General", "0", set()),     # LibreOffice names a "Percent" cell style that no cell uses
    ("General", "9", {b"1"}),    # built-in 0%
    ("General", "10", {b"1"}),   # built-in 0.00%
    ("0.0%", "164", {b"1"}),     # a custom format
    ("0.0&#37;", "164", {b"1"}),  # the same with its sign escaped
    ('0"%"', "164", set()),      # a quoted sign is only text
])
def test_which_cell_styles_show_a_percentage(code, second, styles):
    assert percent_styles(_STYLES.format(code=code, second=second)) == styles
    prefixed = _STYLES.format(code=code, second=second).replace("<", "<x:").replace("<x:/", "</x:")
    assert percent_styles(prefixed) == styles


@pytest.mark.parametrize("ref", ['r="E5"', "r='E5'", 'r = "e5"', "r\n='E5'"])
def test_a_formula_and_a_percent_format_are_found_however_the_cell_s_reference_is_written(ref):
    """python-calamine takes a reference in either quotes, spaced, in lower case: so do the scans."""
    xml = f'<sheetData><row r="5"><c {ref} s="3"><f>B5*100</f><v>62</v></c></row></sheetData>'.encode()
    assert formula_cells(xml) == {(5, 5): "B5*100"}
    assert percent_cells(xml, frozenset({b"3"})) == {(5, 5)}


def test_a_styles_part_without_cell_formats_has_no_percent_style():
    assert percent_styles('<styleSheet><cellXfs count="0"/><dxfs><xf numFmtId="9"/></dxfs></styleSheet>') == set()
    assert percent_styles("") == set()


def test_a_quoted_percent_sign_is_only_text_and_the_value_is_not_multiplied(tmp_path, sample, full_answers):
    def edit(wb):
        ref = put(wb[ANSWERS], "C02", "E", 62)
        wb[ANSWERS][ref].number_format = '0"%"'

    _, _, got, _ = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C02"].value == 62


def test_a_percent_format_on_a_plain_number_question_is_not_guessed(tmp_path, sample, full_answers):
    refs = {}

    def edit(wb):
        refs["C05"] = put(wb[ANSWERS], "C05", "E", 0.55)  # average utilisation, asked as a number 0-100
        wb[ANSWERS][refs["C05"]].number_format = "0%"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "shows 55%")
    assert p.where == f"Answers!{refs['C05']}" and p.severity == "error" and "C05" not in got.answers
    assert "General" in say(p.fix, "en") and "常规" in say(p.fix, "zh")  # typing a number again would show 5500%


def test_a_whole_number_typed_into_a_percent_formatted_cell_is_refused_with_how_to_type_it(
        tmp_path, sample, full_answers):
    """LibreOffice and WPS keep 62 typed into a 0% cell as 62, shown 6200%; Excel would have stored 0.62."""
    refs = {}

    def edit(wb):
        refs["C02"] = put(wb[ANSWERS], "C02", "E", 62)
        wb[ANSWERS][refs["C02"]].number_format = "0%"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "62 shows as 6200%")
    assert p.where == f"Answers!{refs['C02']}" and p.severity == "error" and "C02" not in got.answers
    assert "“62%”" in say(p.fix, "zh") and "'62%'" in say(p.fix, "en")


@pytest.mark.parametrize("raw,value", [("62%", 62), ("62 %", 62), ("６２％", 62), ("0.5%", 0.5), (62, 62), (0, 0)])
def test_percentages_typed_with_their_sign_or_as_whole_numbers(sample, raw, value):
    got, why, _ = parse_value(question(sample, "C02"), raw)
    assert why is None and got == value


@pytest.mark.parametrize("raw", [0.8, "0.8"])
def test_a_bare_fraction_asks_whether_per_cent_was_meant_and_is_not_used(tmp_path, sample, full_answers, raw):
    refs = {}

    def edit(wb):
        refs["C02"] = put(wb[ANSWERS], "C02", "E", raw)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "it could be 0.8 % or 80 %")
    assert "？；" not in say(p.message, "zh")  # one sentence, not a question run into the verdict
    assert (p.where, p.severity) == (f"Answers!{refs['C02']}", "error")
    assert "80%" in say(p.message, "zh") and "80%" in say(p.fix, "en")
    assert "0.8% 就填“0.8%”，80% 就填 80" in say(p.fix, "zh")  # not the rule the client already followed
    assert "C02" not in got.answers


@pytest.mark.parametrize("qid,raw,value", [("C04", "3\u200b", 3), ("C02", "\ufeff62%", 62),
                                           ("C04", "1\u200d200", 1200)])
def test_a_number_pasted_with_a_zero_width_character_is_the_number(sample, qid, raw, value):
    got, why, _ = parse_value(question(sample, qid), raw)
    assert why is None and got == value


# --------------------------------------------------------------------------- yes / no


@pytest.mark.parametrize("raw,value", [
    ("是", True), ("否", False), ("√", True), ("✓", True), ("✔", True), ("×", False), ("✗", False),
    ("Y", True), ("N", False), ("yes", True), ("No", False), ("对", True), ("错", False), ("有", True),
    ("无", False), ("1", True), ("0", False), (1, True), (0, False), ("是的", True), ("对的", True),
    ("不是的", False),
    ("是\u200b", True), ("\ufeff否", False),  # a zero-width character pasted from a web page or chat app
])
def test_yes_and_no_as_people_mark_them(sample, raw, value):
    got, why, _ = parse_value(question(sample, "C03"), raw)
    assert why is None and got is value


def typed_over(tmp_path, sample, full_answers, typed: dict[str, str], words: str):
    """The sheet read with `typed` in the answer cells (row id -> text; their status cleared to
    "answered"): what it took, and the cells of the problems whose Chinese holds `words`."""
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        for rid, text in typed.items():
            if ":" not in rid:
                put(ws, rid, "D", None)
            refs[rid] = put(ws, rid, "E", text)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    hits = [p for p in problems if words in say(p.message, "zh")]
    assert all(p.severity == "error" for p in hits)
    assert sorted(p.where for p in hits) == sorted(f"Answers!{r}" for r in refs.values())
    return got


def test_a_bare_x_is_refused_as_ambiguous_never_guessed(tmp_path, sample, full_answers):
    got = typed_over(tmp_path, sample, full_answers, {"C03": "X", "G03:encrypt": "x"}, "打叉")
    assert "C03" not in got.answers and "G03" not in got.answers


def test_a_drop_down_item_with_one_half_typed_over_is_refused_never_guessed(tmp_path, sample, full_answers):
    """A client without the drop-down (WPS on a phone, a paste) edits one half of "yes — 是": the code
    and the label then name two different answers, and neither is taken."""
    got = typed_over(tmp_path, sample, full_answers, {"C03": "yes — 否", "C01": "2 — 集成级", "G02": "policy — 已认证",
                                                      "G03:encrypt": "no — 是"}, "前后矛盾")
    assert not {"C03", "C01", "G02", "G03"} & set(got.answers)


@pytest.mark.parametrize("raw", ["yes — 是", "no — 否", "3 — 集成级", "3 - Integrated", "3 — 有容量计划"])
def test_a_drop_down_item_whose_halves_agree_is_read(sample, raw):
    q, _ = sample
    qid = "C03" if raw[0] in "yn" else "C01"
    got, why, _ = parse_value(question(sample, qid), raw, names=level_names(q.scoring.levels.names))
    assert why is None and got in (True, False, 3)


def test_a_date_excel_made_of_what_was_typed_is_named_not_a_crash(tmp_path, sample, full_answers):
    """Excel and WPS turn 1-3 or 3/5 into a date, 8:30 into a time: in a number, percent, level or
    yes/no cell that is no answer. Each is named at its cell and the rest of the sheet is read; a text
    answer keeps the date as written."""
    import datetime as dt

    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["C04"] = put(ws, "C04", "E", dt.datetime(2025, 1, 3))
        refs["C02"] = put(ws, "C02", "E", dt.time(8, 30))
        refs["C01"] = put(ws, "C01", "E", dt.datetime(2025, 3, 5))
        refs["G01"] = put(ws, "G01", "E", dt.datetime(2025, 5, 1))
        refs["C05"] = put(ws, "C05", "E", dt.timedelta(hours=30))  # 30:00, a duration
        put(ws, "G05", "E", dt.datetime(2025, 5, 1))

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    named = {p.where: say(p.message, "zh") for p in problems if p.code == "sheet.value_refused"}
    assert set(named) == {f"Answers!{ref}" for ref in refs.values()}
    assert "单元格里存的是日期或时间 2025-01-03" in named[f"Answers!{refs['C04']}"]
    fixes = {p.where: say(p.fix, "zh") for p in problems if p.code == "sheet.value_refused"}
    assert fixes[f"Answers!{refs['C04']}"] == "请输入 0 到 100000 之间的数字"  # its own fix: a number, no text trick
    assert "08:30:00" in named[f"Answers!{refs['C02']}"]
    assert "日期或时间 30:00:00（" in named[f"Answers!{refs['C05']}"]  # as Excel shows it, not "1 day, 6:00:00"
    assert not set(refs) & set(got.answers)
    assert got.answers["G05"].value.startswith("2025-05-01") and "C03" in got.answers


# --------------------------------------------------------------------------- levels


@pytest.mark.parametrize("raw", ["3", 3, "3级", "三级", "L3", "l 3", "Level 3", "LEVEL3", "第三级", "3 — 集成级",
                                 "3 - Integrated", "集成级", "Integrated", "３级", "有容量计划"])
def test_a_level_written_every_which_way(sample, raw):
    q, _ = sample
    got, why, _ = parse_value(question(sample, "C01"), raw, names=level_names(q.scoring.levels.names))
    assert why is None and got == 3


@pytest.mark.parametrize("raw", ["Level", "三", "L3.5", "3级半", "集成"])
def test_what_is_not_a_level_is_named(sample, raw):
    q, _ = sample
    got, why, _ = parse_value(question(sample, "C01"), raw, names=level_names(q.scoring.levels.names))
    if raw == "三":  # a bare numeral is a level too
        assert got == 3
    else:
        assert got is None and why.key == "sheet.not_level"


def test_levels_typed_in_a_sheet_are_read(tmp_path, sample, full_answers):
    def edit(wb):
        put(wb[ANSWERS], "C01", "E", "二级")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].value == 2
    assert "sheet.value_refused" not in codes(problems)


# --------------------------------------------------------------------------- status words


def test_status_words_typed_in_the_answer_cell_set_the_status_with_a_notice(tmp_path, sample, full_answers):
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["C02"] = put(ws, "C02", "E", "不知道")
        refs["C04"] = put(ws, "C04", "E", "不确定")
        refs["G02"] = put(ws, "G02", "E", "N/A")
        refs["G05"] = put(ws, "G05", "E", "don't know")
        refs["C05"] = put(ws, "C05", "E", "不适用")  # C05 does not allow "not applicable"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C02"].status == "dont_know" and got.answers["C02"].value is None
    assert got.answers["C04"].status == "dont_know"
    assert got.answers["G02"].status == "na"
    assert got.answers["G05"].status == "dont_know"
    notices = {p.message.arg("question"): p for p in problems if p.code == "sheet.status_in_answer"}
    assert notices["C02"].where == f"Answers!{refs['C02']}" and notices["C02"].severity == "notice"
    assert "按状态“不清楚”记录" in say(notices["C02"].message, "zh")
    refused = next(p for p in problems if p.code == "sheet.value_refused" and p.message.arg("question") == "C05")
    assert refused.where == f"Answers!{refs['C05']}" and "C05" not in got.answers
    assert "C05" not in notices  # not said to be recorded as 不适用 and refused in one breath
    assert "状态列" in say(refused.fix, "zh")
    assert "已作答" not in say(refused.fix, "zh")  # a status to choose where an answer was typed makes no sense


def test_a_status_word_refused_on_the_company_sheet_is_not_told_to_use_a_status_column(tmp_path, sample,
                                                                                       full_answers):
    from assess.excel.sheet_format import COMPANY

    def edit(wb):
        put(wb[COMPANY], "P-SIZE", "C", "不适用")  # the Company sheet has no status column

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (refused,) = [p for p in problems if p.code == "sheet.value_refused" and "P-SIZE" in say(p.message, "en")]
    assert "状态" not in say(refused.fix, "zh") and "P-SIZE" not in got.answers


# --------------------------------------------------------------------------- shifted rows

ORDER = ["C01", "C02", "C03", "C04", "C05", "G01"]
VALUES = ["3 — 有容量计划", "40%", "是", 12, 55, "是"]


def test_answers_pasted_one_row_down_are_flagged_and_none_is_used(tmp_path, sample, full_answers):
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        for qid in ORDER:
            rows[qid] = row_of(ws, qid)
            put(ws, qid, "D", None)
        put(ws, "C01", "E", None)
        for qid, value in zip(ORDER[1:], VALUES, strict=False):
            put(ws, qid, "E", value)

    from assess.excel.sheet_reader import read_answer_sheet

    rejected: dict[str, str] = {}
    _, _, got, problems = read_answer_sheet(make(tmp_path, sample, full_answers, edit), base.Q, rejected)
    p = find(problems, "look pasted one row off")
    # the block, and C01's row it left blank: C01's answer is in C02's row
    assert p.severity == "error" and p.where == f"Answers!E{rows['C01']}:E{rows['G01']}"
    assert "one row up" in say(p.message, "en") and "上一行" in say(p.message, "zh")
    assert "整体上移一行" in say(p.fix, "zh")
    assert rejected["C01"] == f"3 — 有容量计划（填在了第 {rows['C02']} 行）"
    assert not [q for q in problems if q.code == "sheet.unanswered" and "C01" in q.message.arg("ids")]
    assert set(ORDER).isdisjoint(got.answers)  # C05's 12 fits it, but it is C04's
    assert not [q for q in problems if q.code == "sheet.value_refused" and q.message.arg("question") in ORDER]
    assert got.answers["G02"].status == "na" and got.answers["G05"].value == "无"


def test_a_shifted_block_stays_an_error_when_one_of_its_questions_is_not_asked(tmp_path, full_answers):
    """C02 asked of exporters only, and this plant does not export: the block pasted one row off is
    still an error for the questions it hides, never softened to a notice by C02's being left out."""
    from assess.content.bundled import ref_of, resolve
    from assess.excel.sheet_reader import read_answer_sheet
    from tests.conftest import SAMPLE

    exporters_only = "        depends_on: {all: [{question: P-EXPORT, equals: true}]}\n"
    text = SAMPLE.read_text("utf-8").replace(
        "        citations: [plan]\n      - id: C03", f"        citations: [plan]\n{exporters_only}      - id: C03", 1)
    assert "depends_on: {all: [{question: P-EXPORT" in text
    yaml = tmp_path / "questionnaire.yaml"
    yaml.write_text(text, "utf-8")
    q, h = resolve(str(yaml))

    def edit(wb):
        ws = wb[ANSWERS]
        for qid in ORDER:
            put(ws, qid, "D", None)
        put(ws, "C01", "E", None)
        for qid, value in zip(ORDER[1:], VALUES, strict=False):
            put(ws, qid, "E", value)

    path = make(tmp_path, (q, h), full_answers.model_copy(update={"questionnaire": ref_of(q, h)}), edit)
    _, _, got, problems = read_answer_sheet(path, str(yaml))
    (p,) = [p for p in problems if p.code == "sheet.shifted"]
    assert p.severity == "error"
    assert {"C03", "C04", "C05", "G01"}.isdisjoint(got.answers)


def test_answers_pasted_one_row_up_are_flagged(tmp_path, sample, full_answers):
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        for qid in ORDER:
            rows[qid] = row_of(ws, qid)
            put(ws, qid, "D", None)
        for qid, value in zip(ORDER, VALUES[1:] + [None], strict=True):
            put(ws, qid, "E", value)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    p = find(problems, "look pasted one row off")
    assert "one row down" in say(p.message, "en")
    assert p.where.startswith(f"Answers!E{rows['C01']}:")
    assert {"C01", "C02", "C03"}.isdisjoint(got.answers)


def test_two_unrelated_bad_values_are_not_a_shifted_block(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "C02", "E", "lots")
        put(ws, "C04", "E", "many")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "sheet.shifted" not in codes(problems)
    assert codes(problems).count("sheet.value_refused") == 2
    assert got.answers["C01"].value == 3 and got.answers["C05"].value == 55


# --------------------------------------------------------------------------- added columns


def test_a_column_the_client_added_joins_the_note_with_a_notice(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        ws["J1"] = "客户说明"
        put(ws, "C01", "J", "见附件二")
        put(ws, "C04", "J", "含备用卡")
        put(ws, "C04", "K", "2026 年采购")  # a column without a heading

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].note == "容量计划\n客户说明: 见附件二"
    assert got.answers["C04"].note == "客户说明: 含备用卡\nK: 2026 年采购"
    notices = {p.where: p for p in problems if p.code == "sheet.extra_column"}
    assert set(notices) == {"Answers!J:J", "Answers!K:K"}
    j = notices["Answers!J:J"]
    assert j.severity == "notice" and "客户说明" in say(j.message, "zh") and "2 answer" in say(j.message, "en")
    assert say(notices["Answers!K:K"].message, "zh").startswith("第 K 列不是模板中的列")  # no heading: no empty “”


def test_a_remark_on_a_row_without_an_id_or_over_the_how_to_answer_text_is_not_lost(tmp_path, sample, full_answers):
    """Every row of our Answers sheet has its id: text a client types on a row added without one, in
    any column, is quoted as not read. Words typed over our how-to-answer text beside an answer join
    the note, as an added column's do; the how-to-answer text itself is ours, and joins nothing."""
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        rows["remark"] = ws.max_row + 2
        ws.cell(rows["remark"], 2).value = "补充说明"
        ws.cell(rows["remark"], 3).value = "我厂2025年新上了两条视觉检测线"
        put(ws, "C04", "I", "我们其实只有一条线在用")
        for qid in ("C02", "G04"):  # no answer beside: a note not kept; G04 not asked of this firm
            put(ws, qid, "D", None)
            put(ws, qid, "E", None)
        rows["C02"] = row_of(ws, "C02")
        put(ws, "C02", "I", "等财务核算后补")
        rows["G04"] = row_of(ws, "G04")
        put(ws, "G04", "I", "不涉及出口")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    remark = find(problems, "this row has no question id")
    assert remark.where == f"Answers!A{rows['remark']}" and remark.severity == "warning" and remark.private
    assert "补充说明 / 我厂2025年新上了两条视觉检测线" in say(remark.message, "zh")
    assert got.answers["C04"].note.endswith("填写说明: 我们其实只有一条线在用")
    assert got.answers["C01"].note == "容量计划"  # beside it, our own how-to-answer text
    (guide,) = [p for p in problems if p.code == "sheet.guide_column"]
    assert say(guide.message, "zh") == "第 I 列是“填写说明”栏，其中另写的文字已并入 1 个答案的备注"
    assert say(guide.fix, "zh") == "请核对这些备注"  # not "write it in the note column", which Company lacks
    (blank,) = [p for p in problems if p.code == "sheet.notes_without_answer"]
    assert blank.where == f"Answers!I{rows['C02']}" and say(blank.message, "en").endswith(": C02")
    (not_asked,) = [p for p in problems if p.code == "sheet.notes_not_asked"]
    assert not_asked.where == f"Answers!I{rows['G04']}"


def test_a_remark_beside_a_company_s_field_is_quoted_as_not_read(tmp_path, sample, full_answers):
    """原名：… typed over 自由填写 beside the company's name: a field has no note, so it is named."""
    def edit(wb):
        put(wb[COMPANY], "company.name", "D", "原名：宁波某某电器厂")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (said,) = [p for p in problems if p.code == "sheet.field_remark"]
    assert say(said.message, "zh") == "企业名称：“填写说明”栏里写的“原名：宁波某某电器厂”没有读取"
    assert said.where.startswith("Company!D") and said.severity == "warning" and said.private
    assert got.company.name == "苏州精工有限公司"


def test_a_status_cell_holding_a_yes_asks_for_it_cleared_since_blank_reads_as_answered(tmp_path, sample,
                                                                                       full_answers):
    """是 in the status column beside an answer: not a status, so the answer is not used; the fix says a
    blank status is read as answered, which the client did not know."""
    def edit(wb):
        put(wb[ANSWERS], "C04", "D", "是")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    bad = find(problems, "status '是' is not one of the list")
    assert "C04" not in got.answers and say(bad.fix, "zh").startswith("请清空这一格（留空即按“已作答”读取）")


def test_an_added_column_s_text_beside_an_answer_not_used_is_said_to_be_lost_with_it(tmp_path, sample,
                                                                                      full_answers):
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        ws["J1"] = "客户说明"
        put(ws, "C01", "J", "见附件二")
        rows["C04"] = row_of(ws, "C04")
        put(ws, "C04", "E", "很多")  # not a number: this answer is not used, nor its comment
        put(ws, "C04", "J", "含备用卡")

        for option in ("encrypt", "access"):  # a multiple choice not used: each text at its own row
            rows[option] = row_of(ws, f"G03:{option}")
            put(ws, f"G03:{option}", "E", "也许")
            put(ws, f"G03:{option}", "J", f"{option} 的说明")
        put(ws, "C02", "D", None)  # no answer at all: told once, with the other notes not kept
        put(ws, "C02", "E", None)
        put(ws, "C02", "J", "王工负责")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (lost,) = [p for p in problems if p.code == "sheet.extra_column_lost"]
    assert lost.severity == "warning"
    assert lost.where == f"Answers!J{rows['C04']},J{rows['encrypt']},J{rows['access']}"
    assert "3 条文字" in say(lost.message, "zh") and got.answers["C01"].note.endswith("见附件二")
    (blank,) = [p for p in problems if p.code == "sheet.notes_without_answer"]
    assert say(blank.message, "en").endswith(": C02")


def test_a_note_or_evidence_too_long_is_left_out_and_the_answer_still_counts(tmp_path, sample, full_answers):
    """A 12,000-character note or a list of 60 documents is refused, but only that cell: the answer
    beside it is what the client meant, and is used without it, never called invalid."""
    from assess.text.clean import EVIDENCE_COUNT_MAX, NOTE_MAX

    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["note"] = put(ws, "C01", "F", "说明" * NOTE_MAX)
        refs["evidence"] = put(ws, "C04", "G", "\n".join(f"文件{i}.pdf" for i in range(EVIDENCE_COUNT_MAX + 10)))

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].value == 3 and got.answers["C01"].note == ""
    assert got.answers["C04"].value == 12 and got.answers["C04"].evidence == []
    left_out = [p for p in problems if p.message.key == "sheet.cell_left_out"]
    assert sorted(p.where for p in left_out) == sorted(f"Answers!{r}" for r in refs.values())
    assert all(p.severity == "warning" and "答案照常使用" in say(p.message, "zh") for p in left_out)
    assert not [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize("qid,raw,why", [
    ("C01", "三级：2", "sheet.contradicts"), ("C01", "L3 - 2", "sheet.contradicts"),
    ("C01", "3 — L2", "sheet.contradicts"), ("C01", "3 — 二级", "sheet.contradicts"),
    ("C01", "规范级：3", "sheet.contradicts"), ("C01", "集成级 - 2", "sheet.contradicts"),
    ("C03", "X：是", "sheet.ambiguous_mark"), ("C03", "X — 是", "sheet.ambiguous_mark"),
    ("C03", "不对：是", "sheet.contradicts"), ("C03", "yes — 不对", "sheet.contradicts"),
])
def test_two_halves_naming_different_answers_are_refused_whichever_half_comes_first(sample, qid, raw, why):
    q, _ = sample
    got, reason, _ = parse_value(question(sample, qid), raw, names=level_names(q.scoring.levels.names))
    assert got is None and reason.key == why


@pytest.mark.parametrize("qid,raw,extra", [
    ("C03", "是 - 计划中", "计划中"), ("C03", "Yes - in progress", "in progress"), ("C03", "1 - 没做", "没做"),
    ("C03", "是：明年采购", "明年采购"), ("C01", "4 — 计划2027年达到", "计划2027年达到"), ("C01", "5 - 目标", "目标"),
    ("C01", "L3 – 部分车间", "部分车间"), ("G02", "policy — 正在起草", "正在起草"),
])
def test_an_answer_with_a_condition_after_a_dash_is_refused_not_read_as_its_first_half(sample, qid, raw, extra):
    """`是 - 计划中` is "yes, planned": not yes. Whatever follows a dash must name the same answer (the
    drop-down's own `3 — 集成级`); text that names none is a condition, and the answer is not used."""
    q, _ = sample
    got, reason, _ = parse_value(question(sample, qid), raw, names=level_names(q.scoring.levels.names))
    assert got is None and reason.key == "sheet.qualified"
    assert f"“{extra}”" in say(reason, "zh") and f"'{extra}'" in say(reason, "en")
    assert "备注" in say(fix_for(question(sample, qid), reason), "zh")


def test_a_condition_after_a_dash_refuses_a_multiple_choice_option_row(tmp_path, sample, full_answers):
    def edit(wb):
        put(wb[ANSWERS], "G03:encrypt", "E", "是 - 明年采购")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "G03" not in got.answers
    assert any(p.code == "sheet.qualified" and "明年采购" in say(p.message, "zh") for p in problems)


def test_a_status_with_words_after_a_dash_is_refused_saying_what_was_added(tmp_path, sample, full_answers):
    """不适用：部分产线适用 may undo the status it starts with: refused, quoting what was added, never read
    as 不适用."""
    def edit(wb):
        put(wb[ANSWERS], "C03", "D", "不适用：部分产线适用")
        put(wb[ANSWERS], "C03", "E", None)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (refused,) = [p for p in problems if p.code == "sheet.status_refused"]
    assert "“部分产线适用”" in say(refused.message, "zh") and "C03" not in got.answers


def test_a_status_or_evidence_state_that_contradicts_itself_is_not_read():
    from assess.excel.sheet_values import EVIDENCE_WORDS, STATUS_WORDS, lookup

    assert lookup("未作答：已作答", STATUS_WORDS) is None and lookup("answered — 已作答", STATUS_WORDS) == "answered"
    assert lookup("未核实：已核实", EVIDENCE_WORDS) is None and lookup("没有文件：有文件", EVIDENCE_WORDS) is None


def test_a_choice_typed_in_a_multiple_choice_answer_cell_that_contradicts_itself_is_refused(
        tmp_path, sample, full_answers):
    got = typed_over(tmp_path, sample, full_answers, {"G03": "encrypt — 水印"}, "前后矛盾")
    assert "G03" not in got.answers


def test_a_cell_merged_over_several_answer_rows_is_used_for_none_of_them(tmp_path, sample, full_answers):
    """A client merges one 是 over a multiple choice's option rows, or one level over three questions:
    the value sits in the first row only, so none of those answers is used, and the range is named.
    A note merged over rows counts for the first row, with a warning."""
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        first = row_of(ws, "G03:encrypt")
        put(ws, "G03:encrypt", "E", "是")
        ws.merge_cells(f"E{first}:E{first + 2}")
        refs["options"] = f"Answers!E{first}:E{first + 2}"
        top = row_of(ws, "C03")
        assert row_of(ws, "C04") == top + 1
        put(ws, "C03", "F", "三题共用的备注")
        ws.merge_cells(f"F{top}:F{top + 1}")
        refs["note"] = f"Answers!F{top}:F{top + 1}"

    from assess.excel.sheet_reader import read_answer_sheet

    rejected: dict[str, str] = {}
    _, _, got, problems = read_answer_sheet(make(tmp_path, sample, full_answers, edit), base.Q, rejected)
    assert rejected["G03"] == f"是（合并单元格 {refs['options'].partition('!')[2]}）"  # as the report shows it
    merged = {p.where: p for p in problems if p.code in ("sheet.merged", "sheet.merged_text")}
    assert set(merged) == set(refs.values())
    assert merged[refs["options"]].severity == "error" and "G03" in say(merged[refs["options"]].message, "zh")
    assert "G03" not in got.answers
    assert merged[refs["note"]].severity == "warning"
    assert got.answers["C03"].note == "三题共用的备注" and got.answers["C04"].value is not None


def test_a_status_said_twice_is_read_and_a_status_beside_an_answer_is_refused(tmp_path, sample, full_answers):
    """不适用 chosen as the status and typed again as the answer says one thing; 不清楚 beside a level
    says two: the answer is not used, never the status taken over it."""
    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "G02", "D", "na — 不适用")
        put(ws, "G02", "E", "不适用")
        put(ws, "C01", "D", "不清楚")
        put(ws, "C01", "E", "3 — 集成级")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["G02"].status == "na"
    assert [p.code for p in problems if "G02" in say(p.message, "en")] == []
    assert "C01" not in got.answers
    (both,) = [p for p in problems if p.code == "sheet.status_contradicts"]
    assert both.severity == "error" and "C01" in say(both.message, "zh")


def test_an_unused_multiple_choice_shows_what_was_typed_by_option_label(tmp_path, sample, full_answers):
    """The report's "invalid: <what was typed>" for a multiple choice names its options as the client
    saw them, not by their ids."""
    from assess.excel.sheet_reader import read_answer_sheet

    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "G03:encrypt", "E", "是")
        put(ws, "G03:access", "E", "○")

    rejected: dict[str, str] = {}
    read_answer_sheet(make(tmp_path, sample, full_answers, edit), base.Q, rejected)
    assert rejected["G03"] == "加密：是；访问控制：○"


def test_an_answer_typed_into_the_note_column_is_pointed_out_and_not_moved(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "C02", "E", None)
        put(ws, "C02", "F", "80")
        put(ws, "C04", "E", None)
        put(ws, "C04", "F", "见附件")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "C02" not in got.answers and "C04" not in got.answers
    said = {p.code: p for p in problems if p.code in ("sheet.answer_in_note", "sheet.notes_without_answer")}
    assert say(said["sheet.answer_in_note"].message, "zh") == \
        "C02：答案单元格是空的，备注里写的却像是答案，可能填错了列；未把它当作答案"
    # named at the note's cell, with what it holds: a redacted report leaves both out, as it does the note;
    # an answer given and not used, so an error, as a value refused would be
    assert said["sheet.answer_in_note"].where.startswith("Answers!F") and said["sheet.answer_in_note"].typed == "80"
    assert said["sheet.answer_in_note"].severity == "error" and said["sheet.notes_without_answer"].severity == "warning"
    from assess.excel.sheet_reader import read_answer_sheet

    rejected: dict[str, str] = {}
    read_answer_sheet(tmp_path / "filled.xlsx", base.Q, rejected)
    assert rejected == {"C02": "（填在了备注栏）"}  # the report's "invalid: …", without the note's text
    assert "80" not in say(said["sheet.answer_in_note"].fix, "zh")
    assert say(said["sheet.notes_without_answer"].message, "zh") == \
        "1 道题目填了备注或证据，却没有填答案，这些内容不会保存：C04"
    # named where the client typed it, and not again as a question left unanswered
    assert said["sheet.notes_without_answer"].where == f"Answers!F{row_of(_answers_sheet(tmp_path), 'C04')}"
    assert not [p for p in problems if p.code == "sheet.unanswered" and "C04" in say(p.message, "en")]


def test_a_note_that_could_not_be_the_answer_is_not_called_one(tmp_path, sample, full_answers):
    """A phone number in C04's note (a count of at most 100,000) is no answer typed one column off."""
    def edit(wb):
        put(wb[ANSWERS], "C04", "E", None)
        put(wb[ANSWERS], "C04", "F", "13800138000")

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    assert [p.code for p in problems if p.code.startswith("sheet.") and "C04" in say(p.message, "en")] == \
        ["sheet.notes_without_answer"]


def _answers_sheet(tmp_path):
    import openpyxl

    return openpyxl.load_workbook(tmp_path / "filled.xlsx")[ANSWERS]


def test_notes_beside_questions_the_profile_leaves_out_ask_for_no_answer(tmp_path, sample, full_answers):
    """不涉及 written beside G04, which this firm (no exporter) is not asked: the client is right, so the
    sheet is not told to answer it, only that the note is not kept; notes beside questions it is
    asked are one warning for them all, at the cells they were typed in."""
    def edit(wb):
        ws = wb[ANSWERS]
        for qid in ("G04", "C02", "C04"):
            put(ws, qid, "D", None)
            put(ws, qid, "E", None)
        put(ws, "G04", "F", "不涉及")
        put(ws, "C02", "F", "负责人：王工")
        put(ws, "C04", "G", "设备台账.xlsx")

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    ws = _answers_sheet(tmp_path)
    (left_out,) = [p for p in problems if p.code == "sheet.notes_not_asked"]
    assert left_out.severity == "notice" and left_out.where == f"Answers!F{row_of(ws, 'G04')}"
    assert say(left_out.fix, "zh") == "无需处理；如果其实适用，请在 Company 工作表中更正企业画像的答案"
    (asked,) = [p for p in problems if p.code == "sheet.notes_without_answer"]
    assert asked.severity == "warning" and say(asked.message, "en").endswith("not recorded: C02, C04")
    assert asked.where == f"Answers!F{row_of(ws, 'C02')},G{row_of(ws, 'C04')}"
    assert not [p for p in problems if "G04" in say(p.message, "en") and p.severity != "notice"]


def test_a_status_beside_an_answer_to_a_question_that_does_not_apply_is_only_a_notice(tmp_path, sample,
                                                                                       full_answers):
    """G04 applies to exporters only, and this firm does not export: whatever its row says is ignored,
    so a status beside an answer there costs nothing. A multiple choice with 不清楚 and every option
    marked 否 says one thing, not two."""
    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "G04", "D", "不清楚")
        put(ws, "G04", "E", "否")
        put(ws, "G03", "D", "不清楚")
        for option in ("encrypt", "access", "watermark", "none"):
            put(ws, f"G03:{option}", "E", "否")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (both,) = [p for p in problems if p.code == "sheet.status_contradicts"]
    assert both.severity == "notice" and "G04" in say(both.message, "en")
    assert got.answers["G03"].status == "dont_know" and got.answers["G03"].value is None
    assert not [p for p in problems if p.severity == "error"]


def test_a_merge_over_questions_scoring_ignores_costs_the_firm_nothing(tmp_path, sample, full_answers):
    """G04 is left out by the profile (this firm does not export), G05 is asked for information only:
    a merge over their two rows is named to correct, but it is not an error that keeps the firm out of
    the benchmark, just as an unusable answer typed in either would not be."""
    q, _ = sample
    assert not next(x for p in q.pillars for x in p.questions if x.id == "G05").scored

    def edit(wb):
        ws = wb[ANSWERS]
        top = row_of(ws, "G04")
        assert row_of(ws, "G05") == top + 1
        put(ws, "G04", "E", "是")
        ws.merge_cells(f"E{top}:E{top + 1}")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (merged,) = [p for p in problems if p.code == "sheet.merged"]
    assert merged.severity == "warning"
    assert not [p for p in problems if p.severity == "error"]


def _with_merges(path, refs: list[str]):
    """The workbook at `path` with merged ranges written into its Answers sheet's XML as they stand,
    as a crafted file would have them (openpyxl would build a cell for every one they cover)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheets = re.findall(r'<sheet [^>]*name="([^"]+)"', parts["xl/workbook.xml"].decode())
    name = f"xl/worksheets/sheet{sheets.index(ANSWERS) + 1}.xml"  # as openpyxl numbers its parts
    xml = parts[name].decode()
    xml = re.sub(r"<mergeCells.*?</mergeCells>", "", xml, flags=re.S)
    cells = "".join(f'<mergeCell ref="{r}"/>' for r in refs)
    parts[name] = xml.replace("</sheetData>", f'</sheetData><mergeCells count="{len(refs)}">{cells}</mergeCells>',
                              1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def test_a_merge_to_the_sheet_end_is_cut_to_the_rows_it_covers_and_overlapping_merges_are_refused(
        tmp_path, sample, full_answers):
    """A crafted merge from one answer down to row 1,048,576 is named over the rows the sheet has, and
    read as fast as any; merges that overlap, as no saved file has them, refuse the sheet as damaged."""
    from assess.content.yaml_file import ContentError
    from assess.excel.sheet_reader import read_answer_sheet

    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        rows["top"], rows["last"] = row_of(ws, "G04"), ws.max_row

    path = make(tmp_path, sample, full_answers, edit)
    _with_merges(path, [f"E{rows['top']}:E1048576"])
    _, _, got, problems = read_answer_sheet(path, base.Q)
    (merged,) = [p for p in problems if p.code == "sheet.merged"]
    assert merged.where == f"Answers!E{rows['top']}:E{rows['last']}"
    overlapping = [f"A{a}:I{b}" for a in range(1, rows["last"]) for b in range(a + 1, rows["last"] + 1)]
    _with_merges(path, overlapping)
    with pytest.raises(ContentError) as refused:
        read_answer_sheet(path, base.Q)
    assert "相互重叠" in say(refused.value.problems[0].message, "zh")
    # a few dozen, under a cell typed far down so that the range is tall: they still cover more than it holds

    def far(wb):
        wb[ANSWERS]["I10000"] = "x"

    tall = make(tmp_path, sample, full_answers, far, name="tall.xlsx")
    _with_merges(tall, [f"E{i}:E10000" for i in range(2, 40)])
    with pytest.raises(ContentError):
        read_answer_sheet(tall, base.Q)
    _with_merges(tall, [f"E10000:E{i}" for i in range(2, 40)])  # the same, written bottom corner first
    with pytest.raises(ContentError):
        read_answer_sheet(tall, base.Q)


def test_merges_over_the_heading_or_company_fields_name_nothing_as_typed(tmp_path, sample, full_answers):
    """A merge from the heading row down holds the heading, not an answer; one over two company fields
    leaves the second blank, which the warning says, and no answer is refused for it."""
    from assess.excel.sheet_format import COMPANY
    from assess.excel.sheet_reader import read_answer_sheet

    def edit(wb):
        ws = wb[ANSWERS]
        top = row_of(ws, "C01")
        ws.merge_cells(f"E1:E{top + 1}")
        company = wb[COMPANY]
        name_row = row_of(company, "company.name")
        company.merge_cells(f"C{name_row}:C{name_row + 1}")

    rejected: dict[str, str] = {}
    _, _, got, problems = read_answer_sheet(make(tmp_path, sample, full_answers, edit), base.Q, rejected)
    assert rejected["C01"].startswith("（合并单元格 E1:E") and "答案" not in rejected["C01"]
    (text,) = [p for p in problems if p.code == "sheet.merged_text"]
    assert text.severity == "warning" and text.where.startswith("Company!C")
    assert [p.code for p in problems if p.severity == "error"] == ["sheet.merged"]
    assert got.company.name == full_answers.company.name


def test_an_unusable_answer_to_a_question_that_does_not_apply_is_a_notice(tmp_path, sample, full_answers):
    """Scoring ignores G04 for a firm that does not export: an answer there that could not be used
    is said, as a notice, and does not keep the firm out of the benchmark."""
    from assess.excel.sheet_reader import read_answer_sheet

    def edit(wb):
        put(wb[ANSWERS], "G04", "E", "看情况")

    rejected: dict[str, str] = {}
    _, _, _, problems = read_answer_sheet(make(tmp_path, sample, full_answers, edit), base.Q, rejected)
    (refused,) = [p for p in problems if p.code == "sheet.value_refused"]
    assert refused.severity == "notice" and "G04" in say(refused.message, "en")
    assert "G04" not in rejected and not [p for p in problems if p.severity == "error"]


def test_an_unusable_answer_to_a_question_asked_for_information_is_a_warning(tmp_path):
    """A01 (how many agents run) is asked, never scored: "1-3" that Excel made a date there is still
    the client's to correct, so it stays on the return slip, but as a warning that does not keep the
    firm out of the benchmark."""
    import datetime as dt
    from pathlib import Path

    from assess.answers import AnswerSet, Company
    from assess.content.bundled import load_questionnaire, ref_of
    from assess.excel.sheet_reader import read_answer_sheet
    from assess.excel.sheet_writer import build_workbook
    from assess.rules import question_index

    real = Path(__file__).resolve().parents[2] / "questionnaires" / "ai-manufacturing-2027" / "1.1.0.yaml"
    q, h = load_questionnaire(real)
    assert question_index(q)["A01"].scored is False
    wb = build_workbook(q, h, "zh", AnswerSet(questionnaire=ref_of(q, h), company=Company(name="恒泰")))
    put(wb[ANSWERS], "A01", "E", dt.datetime(2025, 1, 3))
    first_option = next(o.id for o in question_index(q)["C01"].options)  # a multiple choice, asked for information
    put(wb[ANSWERS], f"C01:{first_option}", "E", "？")
    path = tmp_path / "a01.xlsx"
    wb.save(path)
    rejected: dict[str, str] = {}
    _, _, _, problems = read_answer_sheet(path, str(real), rejected)
    (a01,) = [p for p in problems if p.code == "sheet.value_refused" and "A01" in say(p.message, "en")]
    assert a01.severity == "warning" and "A01" in rejected
    (c01,) = [p for p in problems if p.code == "sheet.option_not_yes_no"]
    assert c01.severity == "warning" and "C01" in rejected
    assert not [p for p in problems if p.severity == "error" and p.where.startswith("Answers!")]


def test_a_status_alone_is_pointed_at_in_its_status_cell(tmp_path, sample, full_answers):
    """不清楚 chosen for a question the profile leaves out: the notice names the status cell, where the
    client chose it, not the blank answer cell beside it."""
    refs = {}

    def edit(wb):
        refs["G04"] = put(wb[ANSWERS], "G04", "D", "不清楚")

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    (hidden,) = [p for p in problems if p.code == "sheet.hidden_answered"]
    assert hidden.where == f"Answers!{refs['G04']}" and refs["G04"].startswith("D")


def test_a_block_ending_on_a_multiple_choice_s_own_row_is_one_problem(tmp_path, sample, full_answers):
    """Pasted one row down, G02's answer lands on G03's own row, above G03's option rows: the block says
    so once; G03's row is not also told that its text is no option and differs from its options."""
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        for qid in ("C05", "G01", "G02", "G03"):
            rows[qid] = row_of(ws, qid)
            put(ws, qid, "D", None)
        put(ws, "C05", "E", None)
        put(ws, "G01", "E", 55)  # C05's
        put(ws, "G02", "E", "是")  # G01's
        put(ws, "G03", "E", "有制度")  # G02's

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (p,) = [p for p in problems if p.code == "sheet.shifted"]
    assert p.where == f"Answers!E{rows['C05']}:E{rows['G03']}"
    assert [q.code for q in problems if q.where == f"Answers!E{rows['G03']}"] == []
    assert {"G01", "G02", "G03"}.isdisjoint(got.answers)


# --------------------------------------------------------------------------- sorted apart from the ids


def test_rows_sorted_without_their_id_column_are_named_and_neither_answer_is_used(tmp_path, sample, full_answers):
    """Excel's "continue with the current selection" sorts columns B–I and leaves the ids in A: C03's
    row then shows C04's question with C04's answer. Read by id, each answer would score the other
    question; neither is used, and the rows are named by the wording they show."""
    cells = {}

    def edit(wb):
        ws = wb[ANSWERS]
        a, b = row_of(ws, "C03"), row_of(ws, "C04")
        for col in range(2, ws.max_column + 1):
            top, bottom = ws.cell(a, col), ws.cell(b, col)
            top.value, bottom.value = bottom.value, top.value
        cells.update(C03=f"Answers!C{a}", C04=f"Answers!C{b}")

    from assess.excel.sheet_reader import read_answer_sheet

    rejected: dict[str, str] = {}
    _, _, got, problems = read_answer_sheet(make(tmp_path, sample, full_answers, edit), base.Q, rejected)
    misplaced = {p.where: p for p in problems if p.code == "sheet.row_misplaced"}
    assert set(misplaced) == set(cells.values())
    p = misplaced[cells["C03"]]
    assert p.severity == "error" and "C03" in say(p.message, "zh") and "C04 的" in say(p.message, "zh")
    assert "撤销" in say(p.fix, "zh") and "undo the sort" in say(p.fix, "en")
    assert "C03" not in got.answers and "C04" not in got.answers
    assert rejected["C03"] == "12" and rejected["C04"] == "不清楚"  # what each row holds (C03 was not known)
    assert not [q for q in problems if q.code == "sheet.text_edited"]  # said once, as what it is
    assert got.answers["C01"].value == 3


def test_a_whole_block_sorted_without_its_ids_is_named_once(tmp_path, sample, full_answers):
    """Sorting a sheet by its answers without the id column moves many rows: one problem names the block
    and every question in it, not one problem a row."""
    cells = {}

    def edit(wb):
        ws = wb[ANSWERS]
        rows = [row_of(ws, qid) for qid in ("C01", "C02", "C03", "C04")]
        assert rows == list(range(rows[0], rows[0] + 4))
        values = [[ws.cell(r, c).value for c in range(2, ws.max_column + 1)] for r in rows]
        for r, row in zip(rows, values[::-1], strict=True):  # reversed, the ids left in place
            for c, v in enumerate(row, start=2):
                ws.cell(r, c).value = v
        cells["block"] = f"Answers!C{rows[0]}:C{rows[-1]}"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (block,) = [p for p in problems if p.code in ("sheet.rows_misplaced", "sheet.row_misplaced")]
    assert block.code == "sheet.rows_misplaced" and block.where == cells["block"]
    assert "4 行的文字和编号对不上" in say(block.message, "zh") and "C01、C02、C03、C04" in say(block.message, "zh")
    assert not {"C01", "C02", "C03", "C04"} & set(got.answers)


def test_an_edited_wording_is_still_only_a_warning(tmp_path, sample, full_answers):
    def edit(wb):
        put(wb[ANSWERS], "C03", "C", "你们有没有应急预案？")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert [p.code for p in problems if p.code in ("sheet.text_edited", "sheet.row_misplaced")] == ["sheet.text_edited"]
    assert "C03" in got.answers


# --------------------------------------------------------------------------- typed beside the answer cell


def test_an_answer_typed_over_its_label_or_its_how_to_answer_text_is_named_with_the_cell_to_move_it_to(
        tmp_path, sample, full_answers):
    """A client writes 企业名称：宁波模具 into the item cell, types 是 over a question, and a size into the
    how-to-answer column, leaving each answer cell blank: each is named with the cell to move it to,
    once, and none is used from where it was typed."""
    from assess.excel.sheet_format import COMPANY

    cells = {}

    def edit(wb):
        company, answers = wb[COMPANY], wb[ANSWERS]
        cells["name"] = put(company, "company.name", "C", None)
        label = company[f"B{row_of(company, 'company.name')}"].value
        put(company, "company.name", "B", f"{label}：宁波模具有限公司")
        cells["size"] = put(company, "P-SIZE", "C", None)
        cells["size_guide"] = put(company, "P-SIZE", "D", "大型")
        cells["G01"] = put(answers, "G01", "E", None)
        cells["G01_text"] = put(answers, "G01", "C", "是")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    beside = {p.where: p for p in problems if p.code == "sheet.typed_beside"}
    assert set(beside) == {f"Company!{cells['name']}", f"Company!{cells['size']}", f"Answers!{cells['G01']}"}
    name = beside[f"Company!{cells['name']}"]
    assert say(name.message, "zh").startswith("企业名称：“宁波模具有限公司”填在了项目栏") and name.severity == "warning"
    assert say(name.message, "en").startswith("Company name: '宁波模具有限公司' was typed")
    assert f"请把“宁波模具有限公司”填到 Company!{cells['name']}" in say(name.fix, "zh")
    assert "“大型”填在了“填写说明”栏" in say(beside[f"Company!{cells['size']}"].message, "zh")
    g01 = beside[f"Answers!{cells['G01']}"]
    assert "“是”填在了题目栏" in say(g01.message, "zh")
    assert "'是' was typed in the question column" in say(g01.message, "en")
    assert f"填到 Answers!{cells['G01']}" in say(g01.fix, "zh")
    assert got.company.name == "" and "P-SIZE" not in got.answers and "G01" not in got.answers
    told = {p.code for p in problems}
    assert "sheet.text_edited" not in told and "sheet.no_company_name" not in told  # said once, as what it is
    unanswered = [p for p in problems if p.code in ("sheet.unanswered", "sheet.unanswered_profile")]
    assert not [p for p in unanswered if {"P-SIZE", "G01"} & set(p.message.arg("ids"))]


def test_an_edited_wording_that_is_no_answer_is_not_taken_for_one(tmp_path, sample, full_answers):
    def edit(wb):
        put(wb[ANSWERS], "G01", "E", None)
        put(wb[ANSWERS], "G01", "C", "这题看不懂")

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "sheet.typed_beside" not in {p.code for p in problems}
    assert "sheet.text_edited" in {p.code for p in problems}


def test_how_to_answer_texts_of_a_template_an_earlier_version_wrote_are_not_taken_for_answers(
        tmp_path, sample, full_answers):
    """An earlier version of the tool worded its how-to-answer column otherwise: a sheet it wrote is not
    read as the client typing there (its question texts, pinned by fingerprint, still are)."""
    from assess.excel.sheet_format import COMPANY

    def edit(wb):
        meta = wb["Meta"]
        row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "generator")
        meta.cell(row, 2).value = "assess 0.1.0"
        put(wb[COMPANY], "P-SIZE", "C", None)
        put(wb[COMPANY], "P-SIZE", "D", "大型")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "sheet.typed_beside" not in {p.code for p in problems} and "P-SIZE" not in got.answers


def test_a_company_name_wrapped_over_two_lines_is_one_name(tmp_path, sample, full_answers):
    from assess.excel.sheet_format import COMPANY

    def edit(wb):
        put(wb[COMPANY], "company.name", "C", "华北重工有限公司\r\n第二分厂")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.company.name == "华北重工有限公司第二分厂"  # Chinese runs on; Latin words keep a space
    assert not [p for p in problems if p.severity != "notice"]


def test_an_id_typed_in_lower_case_or_after_a_zero_width_space_is_the_id(tmp_path, sample, full_answers):
    """c10 is C10; an invisible zero-width space pasted from a chat is no part of an id."""
    def edit(wb):
        ws = wb[ANSWERS]
        ws[f"A{row_of(ws, 'C01')}"] = "c01"
        ws[f"A{row_of(ws, 'C04')}"] = "\u200bC04"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].value == 3 and got.answers["C04"].value == 12
    assert not [p for p in problems if p.severity != "notice"]


def test_an_option_row_id_in_another_case_is_its_option(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        ws[f"A{row_of(ws, 'G03:encrypt')}"] = "g03:ENCRYPT"

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "encrypt" in got.answers["G03"].value
    assert not [p for p in problems if p.severity != "notice"]


def test_lines_of_a_name_join_as_written():
    from assess.excel.sheet_rows import _joined

    assert _joined(["西北重", "工有限公司"]) == "西北重工有限公司"
    assert _joined(["Pacific Robotics", "Co., Ltd."]) == "Pacific Robotics Co., Ltd."
    assert _joined(["华东重工", "Plant 2"]) == "华东重工 Plant 2"
    assert _joined(["华北重工有限公司", "（盖章）"]) == "华北重工有限公司"  # the line left for the seal


def test_a_multiple_choice_typed_in_one_cell_with_a_part_not_an_option_is_not_used_and_says_so(
        tmp_path, sample, full_answers):
    """加密、区块链: the first is an option, the second is not. Which the client meant cannot be told, so
    none of the cell is used, and the message says the part recognised is left out too."""
    answers = full_answers.model_copy(update={"answers": {k: v for k, v in full_answers.answers.items() if k != "G03"}})

    def edit(wb):
        put(wb[ANSWERS], "G03", "E", "加密、区块链")

    _, _, got, problems = read(make(tmp_path, sample, answers, edit))
    assert "G03" not in got.answers
    refused = find(problems, "'区块链' is not an option")
    assert "the options recognised included" in say(refused.message, "en") and refused.severity == "error"
    assert "能认出的选项也未使用" in say(refused.message, "zh")


@pytest.mark.parametrize("typed,refs", [
    ("定级清单.xlsx、备案回执.jpg", ["定级清单.xlsx", "备案回执.jpg"]),
    ("定级清单.xlsx, 备案回执.JPG，照片.png", ["定级清单.xlsx", "备案回执.JPG", "照片.png"]),
    ("见附件1、2", ["见附件1、2"]),                          # one reference with a list inside
    ("质检、能耗报告.pdf", ["质检、能耗报告.pdf"]),            # one file whose name holds 、
    ("https://x.cn/a,b.pdf", ["https://x.cn/a,b.pdf"]),
    ("台账.xlsx；照片.png\n备案号 3201-15", ["台账.xlsx", "照片.png", "备案号 3201-15"]),
])
def test_evidence_files_listed_with_a_comma_are_each_a_reference(tmp_path, sample, full_answers, typed, refs):
    def edit(wb):
        put(wb[ANSWERS], "C01", "G", typed)

    _, _, got, _ = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].evidence == refs


def test_an_answer_typed_in_the_status_column_is_told_to_move_to_the_answer_cell(tmp_path, sample, full_answers):
    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["status"] = put(ws, "C03", "D", "是")
        refs["answer"] = put(ws, "C03", "E", None)
        put(ws, "C01", "D", "二级")  # beside an answer of its own: a status that is no status
        put(ws, "C01", "E", 2)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "C03" not in got.answers and "C01" not in got.answers
    moved = find(problems, "is in the status column and reads like an answer")
    assert moved.where == f"{ANSWERS}!{refs['status']}" and moved.severity == "error"
    assert say(moved.fix, "zh") == f"请把“是”移到答案单元格 {refs['answer']}，状态留空"
    assert find(problems, "status '二级' is not one of the list")


def test_a_row_inserted_for_an_explanation_and_a_sheet_added_for_them_are_named(tmp_path, sample, full_answers):
    """A plant inserts a row under a question to explain it, and adds a sheet of notes: neither is
    read, and each is named as what it is, not as an answer without its id."""
    def edit(wb):
        ws = wb[ANSWERS]
        r = row_of(ws, "C03") + 1
        ws.insert_rows(r)
        ws.cell(r, 6).value = "C03 其实只有一条产线做到"
        extra = wb.create_sheet("补充说明")
        extra["A1"] = "降级方案只覆盖视觉检测"
        wb.create_sheet("Sheet1")  # blank: nothing to say

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    note = find(problems, "has no question id: what it says ('C03 其实只有一条产线做到') is not read")
    assert note.severity == "warning" and note.where.startswith(f"{ANSWERS}!A")
    sheet = find(problems, "sheet '补充说明' is not part of the template")
    assert sheet.severity == "warning" and sheet.where == "补充说明!A1"
    assert not [p for p in problems if "Sheet1" in p.where] and got.answers["C03"].status == "dont_know"


def test_a_comment_on_a_question_s_cells_joins_its_note_and_one_beside_no_used_answer_is_named(
        tmp_path, sample, full_answers):
    """Plants write 批注 (Excel comments) instead of notes; python-calamine reads none. Each joins its
    row's note, Excel's author line left out; one that cannot be kept with an answer is named."""
    from openpyxl.comments import Comment

    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["C01"] = f"E{row_of(ws, 'C01')}"
        ws[refs["C01"]].comment = Comment("张工:\n实际只有一条产线做到，严格说是L2", "张工")
        refs["G03"] = f"C{row_of(ws, 'G03:encrypt')}"
        ws[refs["G03"]].comment = Comment("只对核心模型加密", "李")
        refs["C02"] = put(ws, "C02", "E", "abc")  # not used: its comment is recorded nowhere
        ws[refs["C02"]].comment = Comment("估算值", "李")
        ws["E1"].comment = Comment("这一列请填答案", "顾问")  # on no question's row

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].value == 3
    assert got.answers["C01"].note == f"容量计划\n批注 {refs['C01']}: 实际只有一条产线做到，严格说是L2"
    assert got.answers["G03"].note.endswith(f"批注 {refs['G03']}: 只对核心模型加密")
    joined = find(problems, "comment(s) was added to the note")
    assert joined.severity == "notice" and joined.where == f"{ANSWERS}!{refs['G03']},{refs['C01']}"
    lost = find(problems, "comment(s) sit beside answers not used")
    assert lost.severity == "warning" and lost.where == f"{ANSWERS}!E1,{refs['C02']}"


def test_what_a_row_says_beside_a_blank_answer_or_as_a_remark_is_told_once_where_it_was_typed(
        tmp_path, sample, full_answers):
    """Beside a blank answer, a comment or an added column's text is not kept: the one warning about
    notes not kept names the cell it is in, and no other calls it joined, or lost a second time. A
    remark row's added column is quoted with the remark, and the remark, a note, is private."""
    from openpyxl.comments import Comment

    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        ws["J1"] = "负责人"
        for qid in ("C02", "C04"):
            put(ws, qid, "D", None)
            put(ws, qid, "E", None)
        refs["C02"] = f"F{row_of(ws, 'C02')}"
        ws[refs["C02"]].comment = Comment("下月补", "李")
        refs["C04"] = put(ws, "C04", "J", "王工")
        refs["remark"] = ws.max_row + 2
        ws.cell(refs["remark"], 1).value = "补充说明"
        ws.cell(refs["remark"], 10).value = "联系人王秘书13800000000"

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    (noted,) = [p for p in problems if p.code == "sheet.notes_without_answer"]
    assert noted.where == f"Answers!{refs['C02']},{refs['C04']}"
    assert not [p for p in problems if p.code in ("sheet.comments_joined", "sheet.comments_lost",
                                                  "sheet.extra_column_lost")]
    remark = find(problems, "'补充说明' is not a question id")
    assert "王秘书" in say(remark.message, "zh") and remark.private  # not shown in a redacted report


def test_a_profile_answer_with_only_a_note_is_asked_for_as_the_company_sheet_asks(tmp_path, sample, full_answers):
    """The Company sheet has no status to choose 不清楚 in, and a blank profile answer decides which
    questions apply: it stays named as such, and its note's warning asks for the answer alone."""
    def edit(wb):
        ws = wb[COMPANY]
        ws["E1"] = "备注"
        put(ws, "P-EXPORT", "C", None)
        put(ws, "P-EXPORT", "E", "部分产品出口")

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    (noted,) = [p for p in problems if p.code == "sheet.notes_without_answer"]
    assert noted.where.startswith("Company!E") and say(noted.fix, "zh") == "请作答"
    assert [p for p in problems if p.code == "sheet.unanswered_profile" and "P-EXPORT" in say(p.message, "en")]


def test_the_level_notes_a_template_carries_are_not_taken_for_the_client_s_comments(tmp_path, sample, full_answers):
    """`assess template --level-notes` puts each maturity question's levels in a comment on its cell:
    the tool's, not the plant's, so they join no note and raise nothing."""
    from assess.excel.sheet_writer import build_workbook

    q, h = sample
    wb = build_workbook(q, h, "zh", full_answers, level_notes=True)
    assert any(c.comment for row in wb[ANSWERS].iter_rows() for c in row)
    path = tmp_path / "noted.xlsx"
    wb.save(path)
    _, _, got, problems = read(path)
    assert got.answers["C01"].note == "容量计划"
    assert not [p for p in problems if p.code.startswith("sheet.comments")]


_NOTICE = ("[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits "
           "to it will get removed if the file is opened in a newer version of Excel. Learn more: "
           "https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    含备用卡，共12台\nReply:\n    好的")


def test_an_excel_365_threaded_comment_is_its_thread_not_the_notice_to_older_versions():
    from xml.etree.ElementTree import fromstring

    from assess.excel.sheet_notes import comment_texts, threaded_texts

    legacy = fromstring(f'<comments xmlns="m"><authors><author>tc={{E7}}</author><author>张工</author></authors>'
                        f'<commentList><comment ref="E5" authorId="0"><text><t>{_NOTICE}</t></text></comment>'
                        f'<comment ref="F6" authorId="1"><text><r><t>张工:</t></r><r><t>\n估算值</t></r></text>'
                        f'</comment></commentList></comments>')
    thread = fromstring('<ThreadedComments xmlns="t"><threadedComment ref="E5" id="{A}"><text>含备用卡，共12台</text>'
                        '</threadedComment><threadedComment ref="E5" id="{B}" parentId="{A}"><text>好的</text>'
                        '</threadedComment></ThreadedComments>')
    threaded = threaded_texts(thread)
    assert threaded == {(5, 5): "含备用卡，共12台 / 好的"}
    assert comment_texts(legacy, threaded) == {(5, 5): "含备用卡，共12台 / 好的", (6, 6): "估算值"}
    assert comment_texts(legacy)[5, 5] == "含备用卡，共12台 / 好的"  # the thread part missing: read from the notice


def test_clause_numbers_and_standards_listed_with_commas_stay_one_reference():
    from assess.text.parse import split_references

    assert split_references("条款5.1、5.2") == ["条款5.1、5.2"]
    assert split_references("GB/T 2887.1, 2887.2") == ["GB/T 2887.1, 2887.2"]
    assert split_references("现场.mp4、台账.xlsx") == ["现场.mp4", "台账.xlsx"]


def test_a_text_typed_in_the_status_column_of_a_text_question_is_a_status_not_in_the_list(
        tmp_path, sample, full_answers):
    def edit(wb):
        put(wb[ANSWERS], "G05", "D", "待定")
        put(wb[ANSWERS], "G05", "E", None)

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    assert find(problems, "status '待定' is not one of the list")
    assert not [p for p in problems if p.code == "sheet.answer_in_status"]


def test_comments_on_the_company_sheet_are_named_as_not_read(tmp_path, sample, full_answers):
    from openpyxl.comments import Comment

    from assess.excel.sheet_format import COMPANY

    def edit(wb):
        ws = wb[COMPANY]
        ws[f"C{row_of(ws, 'P-SIZE')}"].comment = Comment("去年刚从中型变成大型", "张工")

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    named = find(problems, "1 comment(s) on 'Company' are not read")
    assert named.severity == "warning" and named.where.startswith("Company!C")


def test_an_answer_struck_through_is_not_used_and_is_named(tmp_path, sample, full_answers):
    """A plant crosses 是 out with Ctrl+5 to say no, or to withdraw it: which, cannot be told. The
    answer is named and not used; other formatting (bold, colour) changes nothing."""
    from openpyxl.styles import Font

    refs = {}

    def edit(wb):
        ws = wb[ANSWERS]
        refs["C03"] = put(ws, "C03", "E", "是")
        put(ws, "C03", "D", None)
        ws[refs["C03"]].font = Font(strike=True)
        ws[f"E{row_of(ws, 'C04')}"].font = Font(bold=True, color="FFFF0000")
        ws[f"E{row_of(ws, 'C04')}"].font = Font(bold=True, color="FFFF0000", strike=False)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "C03" not in got.answers and got.answers["C04"].value == 12
    struck = find(problems, "the answer '是' is struck through")
    assert struck.where == f"{ANSWERS}!{refs['C03']}" and struck.severity == "error"
    assert "Ctrl+5" in say(struck.fix, "zh")


def test_which_cell_styles_are_struck_through():
    from assess.excel.sheet_cells import struck_styles

    styles = ('<styleSheet><fonts count="3"><font><sz val="11"/></font><font><strike/><sz val="11"/></font>'
              '<font><strike val="0"/></font></fonts><cellXfs count="4"><xf fontId="0"/><xf fontId="1"/>'
              '<xf fontId="2"/><xf fontId="1" numFmtId="0"/></cellXfs>'
              '<dxfs><dxf><font><strike/></font></dxf></dxfs></styleSheet>')
    assert struck_styles(styles) == {b"1", b"3"}
    assert struck_styles(styles.replace("<strike/><sz", "<sz")) == frozenset()  # a conditional format's is no cell's


def test_answers_on_hidden_rows_are_read_and_the_client_is_asked_to_look(tmp_path, sample, full_answers):
    """A plant hides rows instead of clearing them: were the answers withdrawn, or only tidied away?
    They still count (a row holds one question's answer, shown or not), with a warning naming them;
    a hidden row left blank says nothing."""
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        for qid in ("C03", "C04"):
            rows[qid] = row_of(ws, qid)
            ws.row_dimensions[rows[qid]].hidden = True
        put(ws, "C05", "E", None)
        ws.row_dimensions[row_of(ws, "C05")].hidden = True
        company = wb[COMPANY]
        rows["name"] = row_of(company, "company.name")
        company.row_dimensions[rows["name"]].hidden = True

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C03"].value == full_answers.answers["C03"].value and got.answers["C04"].value == 12
    on_answers, on_company = sorted((p for p in problems if p.code == "sheet.rows_hidden"), key=lambda p: p.where)
    assert on_answers.where == f"{ANSWERS}!E{rows['C03']}:E{rows['C04']}" and on_answers.severity == "warning"
    assert say(on_answers.message, "zh") == "隐藏的行里有 2 项已填内容，照常读取：C03、C04"
    assert on_company.where == f"{COMPANY}!C{rows['name']}" and "企业名称" in say(on_company.message, "zh")
    assert "取消隐藏" in say(on_answers.fix, "zh")


@pytest.mark.parametrize("how", ["filter", "group"])
def test_rows_a_filter_or_a_collapsed_group_hides_are_not_said_to_be_hidden(tmp_path, sample, full_answers, how):
    """A filter the client left on hides rows too, and so does a group folded away (the − beside the
    row numbers); those rows are the sheet's as it stands, and nothing is said of them. The
    template's filter buttons alone hide nothing."""
    def edit(wb):
        ws = wb[ANSWERS]
        if how == "filter":
            ws.auto_filter.add_filter_column(0, ["C01", "C02"])
            ws.row_dimensions[row_of(ws, "C03")].hidden = True
        else:
            ws.row_dimensions.group(row_of(ws, "C03"), row_of(ws, "C04"), hidden=True)

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert {"C03", "C04"} <= set(got.answers) and not [p for p in problems if p.code == "sheet.rows_hidden"]


def test_a_blank_profile_answer_deciding_several_gates_is_one_error_naming_them_all(tmp_path):
    """PR-FACE left blank leaves three gates open: one error at its cell names them, not three errors
    at the same cell (the slip said it three times, and the firm looked three times as wrong)."""
    from openpyxl import load_workbook

    from assess.content.bundled import resolve
    from assess.excel.sheet_reader import read_answer_sheet
    from tests.data.make_filled import write_filled

    release = "ai-manufacturing-2027@1.1.0"
    q, h = resolve(release)
    (made,) = write_filled(q, h, tmp_path, 1, seed=7, lang="zh", blank=0.0)
    wb = load_workbook(made)
    row = row_of(wb[COMPANY], "PR-FACE")
    wb[COMPANY][f"C{row}"] = None
    wb.save(made)
    _, _, _, problems = read_answer_sheet(made, release)
    (blank,) = [p for p in problems if p.code == "sheet.gate_profile_blank" and "PR-FACE" in p.message.arg("ids")]
    assert blank.message.arg("gate") == ["D21", "D22", "D23"] and blank.where == f"{COMPANY}!C{row}"
    assert "无法判断必备项 D21、D22、D23 是否适用" in say(blank.message, "zh")


def test_a_blank_profile_says_each_blank_answer_once(tmp_path):
    """A whole profile left blank: each blank answer is one error at its own cell, naming every gate it
    helps leave open (PR-MARKETS, with another blank, decides several): never the same cell twice."""
    from openpyxl import load_workbook

    from assess.content.bundled import resolve
    from assess.excel.sheet_reader import read_answer_sheet
    from tests.data.make_filled import write_filled

    release = "ai-manufacturing-2027@1.1.0"
    q, h = resolve(release)
    (made,) = write_filled(q, h, tmp_path, 1, seed=7, lang="zh", blank=0.0)
    wb = load_workbook(made)
    for question in q.profile:
        wb[COMPANY][f"C{row_of(wb[COMPANY], question.id)}"] = None
    wb.save(made)
    _, _, _, problems = read_answer_sheet(made, release)
    blanks = [p for p in problems if p.code == "sheet.gate_profile_blank"]
    assert len(blanks) > 3 and all(len(p.message.arg("ids")) == 1 for p in blanks)
    assert len({p.where for p in blanks}) == len(blanks)


def test_questions_left_to_answer_on_rows_out_of_view_are_said_to_be_out_of_view(tmp_path, sample, full_answers):
    """The slip sent the client to cells they could not see (a row hidden, a group folded): they
    answered "there is no such row". The fix now says which rows are out of view and how to show them."""
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        for qid in ("C03", "C05"):
            rows[qid] = row_of(ws, qid)
            for col in "DE":
                ws[f"{col}{rows[qid]}"] = None
        ws.row_dimensions[rows["C03"]].hidden = True  # blank and hidden by hand
        ws.row_dimensions.group(rows["C05"], rows["C05"], hidden=True)  # blank and folded away

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    (left,) = [p for p in problems if p.code == "sheet.unanswered"]
    assert {"C03", "C05"} <= set(left.message.arg("ids"))
    assert f"其中 E{rows['C03']},E{rows['C05']} 所在的行现在看不到" in say(left.fix, "zh")
    assert "expand the group" in say(left.fix, "en")
    assert not [p for p in problems if p.code == "sheet.rows_hidden"]  # nothing typed on them


# --------------------------------------------------------------------------- the header row


@pytest.mark.parametrize("sheet", [ANSWERS, COMPANY])
def test_a_title_typed_above_the_headings_is_named_and_the_sheet_read(tmp_path, sample, full_answers, sheet):
    """A plant inserts a row above the headings for a title, merged across as in any Excel form: the
    sheet was not read (the Company sheet's answers reported as blank, the Answers sheet's file refused).
    The headings are found below it, every answer reads as before, and the title is named as not read."""
    def edit(wb):
        ws = wb[sheet]
        width = ws.max_column
        ws.insert_rows(1)
        ws["A1"] = "武汉光谷激光 —— 人工智能准备度自评表"
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)

    _, _, plain, _ = read(make(tmp_path, sample, full_answers))
    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit, name="titled.xlsx"))
    assert got.answers == plain.answers and got.company == plain.company
    assert not [p for p in problems if p.severity == "error"]
    (title,) = [p for p in problems if p.code == "sheet.above_header"]
    assert title.where == f"{sheet}!1:1" and title.severity == "notice" and title.private  # a redacted report drops it
    assert "表头在第 2 行，上方写的“武汉光谷激光 —— 人工智能准备度自评表”没有读取" in say(title.message, "zh")
    assert "headings of sheet" in say(title.message, "en") and "is not read" in say(title.message, "en")


def test_a_row_of_ours_moved_above_the_headings_is_a_warning_and_its_place_named(tmp_path, sample, full_answers):
    """A question's row sorted up above the headings and a title: told only as a title (a notice the
    return slip leaves out), and the missing row placed one row too high, on the headings."""
    rows = {}

    def edit(wb):
        ws = wb[ANSWERS]
        rows["C01"] = row_of(ws, "C01")
        ws.insert_rows(1)
        for cell in ws[rows["C01"] + 1]:
            ws.cell(1, cell.column).value = cell.value
            cell.value = None

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "C01" not in got.answers
    (above,) = [p for p in problems if p.code == "sheet.above_header"]
    assert above.severity == "warning" and "移回表头之下" in say(above.fix, "zh")
    (missing,) = [p for p in problems if p.code == "sheet.row_missing"]
    assert missing.where == f"{ANSWERS}!A{rows['C01'] + 1}"


def test_an_added_column_headed_like_the_answer_s_does_not_take_its_place(tmp_path, sample, full_answers):
    """A column 答案（上年） inserted left of 答案: the heading with a remark must not win over the heading
    as the template writes it; last year's figures join the notes, this year's are the answers."""
    def edit(wb):
        ws = wb[ANSWERS]
        col = next(c.column for c in ws[1] if c.value == "答案")
        ws.insert_cols(col)
        ws.cell(1, col).value = "答案（上年）"
        ws.cell(row_of(ws, "C04"), col).value = 1

    _, _, plain, _ = read(make(tmp_path, sample, full_answers))
    _, _, got, _ = read(make(tmp_path, sample, full_answers, edit, name="last-year.xlsx"))
    assert {k: a.value for k, a in got.answers.items()} == {k: a.value for k, a in plain.answers.items()}
    assert "答案（上年）: 1" in got.answers["C04"].note


def test_a_title_and_a_reworded_heading_are_named_on_the_headings_row(tmp_path, sample, full_answers):
    def edit(wb):
        ws = wb[ANSWERS]
        next(c for c in ws[1] if c.value == "答案").value = "回答内容"
        ws.insert_rows(1)
        ws["A1"] = "自评表"

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    (missing,) = [p for p in problems if p.code == "sheet.no_columns"]
    assert missing.where == f"{ANSWERS}!2:2" and "找不到“答案”列" in say(missing.message, "zh")


def test_a_heading_with_a_remark_after_it_still_names_its_column(tmp_path, sample, full_answers):
    """答案 reworded 答案（请选择）: the sheet was refused for want of an answer column."""
    def edit(wb):
        ws = wb[ANSWERS]
        next(c for c in ws[1] if c.value == "答案").value = "答案（请选择）"

    _, _, plain, _ = read(make(tmp_path, sample, full_answers))
    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit, name="remark.xlsx"))
    assert got.answers == plain.answers
    assert not [p for p in problems if p.severity == "error"]


def test_a_missing_column_is_named_by_its_heading(tmp_path, sample, full_answers):
    """The answer column's heading overwritten: the message named the column by an internal key ("value")."""
    def edit(wb):
        next(c for c in wb[ANSWERS][1] if c.value == "答案").value = "回答内容"

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    (missing,) = [p for p in problems if p.code == "sheet.no_columns"]
    assert "表头行中找不到“答案”列" in say(missing.message, "zh")
    assert "lacks the column(s) 'Answer'" in say(missing.message, "en")


# --------------------------------------------------------------------------- Traditional characters


def test_words_typed_in_traditional_characters_read_as_their_simplified_ones(tmp_path, sample, full_answers):
    """A plant whose staff type with a Traditional input method (对 as 對, 不适用 as 不適用, 三级 as 三級):
    each was refused."""
    def edit(wb):
        ws = wb[ANSWERS]
        put(ws, "C01", "E", "三級")
        put(ws, "C03", "D", None)
        put(ws, "C03", "E", "錯")
        put(ws, "G01", "E", "對")
        put(ws, "G02", "E", None)
        put(ws, "G02", "D", "不適用")
        put(ws, "C02", "E", "不知道")  # the same in both scripts

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].value == 3
    assert got.answers["C03"].value is False and got.answers["G01"].value is True
    assert got.answers["G02"].status == "na"
    assert not [p for p in problems if p.severity == "error"]


def test_traditional_characters_that_mean_nothing_are_refused_as_typed(tmp_path, sample, full_answers):
    def edit(wb):
        put(wb[ANSWERS], "G01", "E", "對不起")

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert "G01" not in got.answers
    (refused,) = [p for p in problems if p.code == "sheet.value_refused" and p.message.arg("question") == "G01"]
    assert "對不起" in say(refused.message, "zh")


def test_a_sheet_whose_headings_were_converted_to_traditional_is_refused_named(tmp_path, sample, full_answers):
    """WPS's 简转繁 run over the whole sheet converts our headings and question texts too: which rows they
    are is not read through a conversion (a question's text moved to another row must still be caught),
    so the sheet is refused, naming the headings to restore."""
    def edit(wb):
        ws = wb[ANSWERS]
        for cell in ws[1]:
            cell.value = {"编号": "編號", "答案": "答案", "状态": "狀態"}.get(cell.value, cell.value)

    _, _, _, problems = read(make(tmp_path, sample, full_answers, edit))
    (missing,) = [p for p in problems if p.code == "sheet.no_columns"]
    assert "找不到“编号”列" in say(missing.message, "zh")
