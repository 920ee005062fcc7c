"""The template explains itself: each maturity question's own levels as its answer cell is selected, rows that grey
out when the Company sheet's profile answers make them not apply, required profile answers marked,
and rows tall enough to print their whole text."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from assess.content.bundled import resolve
from assess.excel.sheet_conditions import lines_of
from assess.excel.sheet_format import ANSWERS, COMPANY, level_prompt
from assess.excel.sheet_writer import template_bytes
from assess.model import localize


@pytest.fixture(scope="module", params=["zh", "en"])
def bundled(request):
    q, h = resolve("ai-manufacturing-2027")
    return q, request.param, load_workbook(io.BytesIO(template_bytes(q, h, request.param)))


def rows_by_id(ws):
    return {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value}


def rules_of(ws):
    """[(cells, formula)] of every conditional format on a sheet."""
    return [(str(cf.sqref), rule.formula[0]) for cf in ws.conditional_formatting for rule in cf.rules]


def test_selecting_a_maturity_answer_shows_what_its_own_levels_mean(bundled):
    q, locale, wb = bundled
    ws = wb[ANSWERS]
    rows = rows_by_id(ws)
    shown = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation if dv.showInputMessage}
    maturity = [x for p in q.pillars for x in p.questions if x.type == "maturity"]
    assert maturity
    for question in maturity:
        dv = shown[f"E{rows[question.id]}"]
        assert dv.formula1 == "L_level" and dv.showErrorMessage
        assert len(dv.prompt) <= 255 and dv.promptTitle == ("各等级含义" if locale == "zh" else "What each level means")
        lines = dv.prompt.split("\n")
        assert len(lines) == len(question.levels)
        for i, (line, level) in enumerate(zip(lines, question.levels, strict=True)):
            text = " ".join(localize(level.descriptor, locale).split())
            assert line.startswith(f"{i} {text[:12]}"), (question.id, line)
        assert "\n".join(lines) != "\n".join(f"{i} {n}" for i, n in enumerate(q.scoring.levels.names))


def test_a_level_prompt_keeps_short_levels_whole_and_cuts_the_longest():
    q, _ = resolve("ai-manufacturing-2027")
    question = next(x for p in q.pillars for x in p.questions if x.type == "maturity")
    prompt = level_prompt(question, "en", limit=120)
    assert len(prompt) <= 120 and prompt.count("…") >= 1
    whole = level_prompt(question, "zh", limit=10_000)
    assert "…" not in whole and whole.splitlines()[0].startswith("0 ")


def test_not_applicable_rows_grey_out_on_the_company_answers_they_depend_on(bundled):
    q, locale, wb = bundled
    company, answers = rows_by_id(wb[COMPANY]), rows_by_id(wb[ANSWERS])
    rules = rules_of(wb[ANSWERS])
    dependent = [x for p in q.pillars for x in p.questions if x.depends_on is not None]
    assert dependent
    for question in dependent:
        r = answers[question.id]
        formulas = [f for cells, f in rules if f"A{r}:I{r}" in cells.split()]
        assert len(formulas) == 1, question.id
        for c in question.depends_on.conditions():
            target = [f"{c.question}:{o}" for o in c.includes] if c.includes else [c.question]
            for rid in target:
                assert f"{COMPANY}!$C${company[rid]}" in formulas[0], (question.id, rid)
    free = [x for p in q.pillars if p.depends_on is None for x in p.questions if x.depends_on is None]
    for question in free:
        r = answers[question.id]
        assert not any(f"A{r}:I{r}" in cells.split() for cells, _ in rules), question.id


def test_an_equals_yes_condition_tests_the_drop_down_item_and_a_decided_answer(bundled):
    q, locale, wb = bundled
    company, answers = rows_by_id(wb[COMPANY]), rows_by_id(wb[ANSWERS])
    question = next(x for p in q.pillars for x in p.questions if x.depends_on is not None
                    and len(x.depends_on.all) == 1 and x.depends_on.all[0].equals is True)
    cell = f"{COMPANY}!$C${company[question.depends_on.all[0].question]}"
    r = answers[question.id]
    (formula,) = [f for cells, f in rules_of(wb[ANSWERS]) if f"A{r}:I{r}" in cells.split()]
    yes = "是" if locale == "zh" else "yes"
    assert f"LEN({cell})>0" in formula  # a blank answer leaves the question applying (blank: zero)
    assert f'{cell}="{yes}"' in formula and formula.count("NOT(") == 1


def test_a_blank_profile_answer_deciding_a_gate_is_marked_required(bundled):
    q, locale, wb = bundled
    company = rows_by_id(wb[COMPANY])
    deciders = {c.question for p in q.pillars for x in p.questions if x.gate is not None and x.depends_on
                for c in x.depends_on.conditions()}
    assert deciders
    rules = rules_of(wb[COMPANY])
    for qid in deciders:
        ids = [rid for rid in company if rid == qid or rid.startswith(f"{qid}:")]
        rows = [company[rid] for rid in ids if rid != qid or len(ids) == 1]
        first, last = min(rows), max(rows)
        want = f"COUNTA($C${first}:$C${last})=0" if len(ids) > 1 else f"LEN($C${first})=0"
        assert any(f == want for _, f in rules), qid


def test_rows_are_tall_enough_for_their_wrapped_text_and_print_with_headings(bundled):
    q, locale, wb = bundled
    ws = wb[ANSWERS]
    width = ws.column_dimensions["C"].width
    longest = max(range(2, ws.max_row + 1), key=lambda r: len(ws.cell(r, 3).value or ""))
    need = lines_of(ws.cell(longest, 3).value, width)
    assert need > 1
    assert ws.row_dimensions[longest].height >= 15 * need
    for sheet in (ws, wb[COMPANY]):
        assert sheet.print_title_rows == "$1:$1"
        assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.fitToWidth == 1


def test_cjk_counts_double_when_rows_are_measured():
    assert lines_of("算" * 30, 31) == 3
    assert lines_of("a" * 30, 31) == 2
    assert lines_of("一\n二", 40) == 2


@pytest.mark.parametrize("release", ["1.0.0", "1.1.0"])
def test_every_drop_down_offers_a_list_the_workbook_defines(release):
    """A drop-down naming a list that does not exist shows nothing, and with "stop" refuses whatever
    the plant types: every list a validation names is defined, on every sheet, cards too."""
    for locale in ("zh", "en"):
        q, h = resolve(f"ai-manufacturing-2027@{release}")
        wb = load_workbook(io.BytesIO(template_bytes(q, h, locale)))
        defined = set(wb.defined_names)
        named = {(ws.title, dv.formula1) for ws in wb.worksheets for dv in ws.data_validations.dataValidation
                 if dv.type == "list"}
        assert named and {name for _, name in named} <= defined, sorted(n for n in named if n[1] not in defined)
        if q.pillars and any(p.cards for p in q.pillars):  # the card sheets' are among them
            assert any(title not in ("Company", "Answers") for title, _ in named)
