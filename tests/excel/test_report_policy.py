"""A gap report explains the rules its own figures follow: 1.1.0's (gates apart, compliance first,
blank counts 0, only a reviewer verifies, programmes on evidence) and 1.0.0's, each in its words."""

from __future__ import annotations

import pytest

from assess.answers import Answer, AnswerSet
from assess.content.bundled import ref_of, resolve
from assess.excel.report_layout import layout, prepare


def _text(release: str, answers: dict[str, Answer], sheet_key: str, locale: str = "zh") -> str:
    q, h = resolve(release)
    report = prepare(q, h, AnswerSet(questionnaire=ref_of(q, h), answers=answers), locale=locale,
                     generated_at="2026-12-05T10:00:00Z")
    sheet = next(s for s in layout(report) if s.key == sheet_key)
    return "\n".join(str(c.value) for c in sheet.cells if c.value is not None)


FAILED_GATE = {"PR-SELF-HOSTED": Answer(value=True), "G01": Answer(value=False)}


def test_the_1_1_0_methodology_states_the_1_1_0_rules():
    text = _text("ai-manufacturing-2027@1.1.0", FAILED_GATE, "methodology")
    assert "合规优先" in text and "不计入支柱得分" in text and "按 0 分计入分母" in text
    assert "只由审核人设定" in text and "至少“有文件”" in text
    assert "支柱得分最高为" not in text  # the 1.0.0 pillar cap is not this release's rule


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_the_1_0_0_methodology_keeps_its_own_rules(locale):
    text = _text("ai-manufacturing-2027@1.0.0", {"G01": Answer(value=False)}, "methodology", locale)
    assert ("支柱得分最高为 1" in text) if locale == "zh" else ("scores at most 1" in text)
    assert "合规优先" not in text and "compliance first" not in text


def test_the_summary_says_compliance_first_while_a_gate_fails():
    text = _text("ai-manufacturing-2027@1.1.0", FAILED_GATE, "summary")
    assert "合规优先：有必备项未通过，总体等级最高只能评为 L2 试点" in text


def test_a_pillar_the_profile_rules_out_reads_not_applicable_with_no_figure():
    q, h = resolve("ai-manufacturing-2027@1.1.0")
    answers = {"PR-MARKETS": Answer(value=["none"]), "PR-OVERSEAS-SITES": Answer(value=False)}
    report = prepare(q, h, AnswerSet(questionnaire=ref_of(q, h), answers=answers), locale="zh",
                     generated_at="2026-12-05T10:00:00Z")
    sheet = next(s for s in layout(report) if s.key == "summary")
    name = next(p.name["zh"] for p in q.pillars if p.id == "overseas")
    (row,) = [c.row for c in sheet.cells if c.value == name]
    shown = {c.col: c.value for c in sheet.cells if c.row == row}
    assert shown[6] == "不适用" and 1 not in shown and 4 not in shown
