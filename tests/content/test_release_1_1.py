"""What the content review asked of questionnaire 1.1.0, checked on the file itself."""

from __future__ import annotations

from pathlib import Path

from assess.content.bundled import load_questionnaire
from assess.model import MaturityQuestion, MultiSelectQuestion, TextQuestion

ROOT = Path(__file__).resolve().parents[2] / "questionnaires" / "ai-manufacturing-2027"
Q, _ = load_questionnaire(ROOT / "1.1.0.yaml")
OLD, _ = load_questionnaire(ROOT / "1.0.0.yaml")


def _all_questions():
    yield from (q for _, q in Q.all_questions())
    for _, group in Q.card_groups():
        yield from group.questions


def test_every_scored_question_says_what_to_do_next():
    missing = []
    for q in _all_questions():
        if q.id.startswith("PR-") or isinstance(q, TextQuestion) or not q.scored:
            continue
        if isinstance(q, MaturityQuestion):
            missing += [f"{q.id} level {i}" for i, lv in enumerate(q.levels[:5]) if not lv.next_step
                        or not all(lv.next_step.get(loc) for loc in ("zh", "en"))]
        elif not all(q.next_step.get(loc) for loc in ("zh", "en")):
            missing.append(q.id)
    assert missing == []


def test_multi_selects_score_suitability_or_are_context():
    breadth = [q.id for q in _all_questions() if isinstance(q, MultiSelectQuestion) and not q.id.startswith("PR-")
               and q.scored and q.score_by == "share"]
    assert set(breadth) <= {"M01"}  # M01: the plan asks for AI in every core process, so coverage is the measure


def test_gates_never_allow_na_and_name_their_basis_in_both_languages():
    for _, q in Q.all_questions():
        if q.gate is not None:
            assert not q.allow_na and q.gate.basis.get("zh") and q.gate.basis.get("en"), q.id


def test_overseas_applies_only_to_firms_that_export_or_run_sites_abroad():
    overseas = next(p for p in Q.pillars if p.id == "overseas")
    assert overseas.depends_on is not None
    asked_of = {c.question for c in overseas.depends_on.conditions()}
    assert asked_of == {"PR-MARKETS", "PR-OVERSEAS-SITES"}


def test_every_programme_requires_no_failed_gate():
    assert Q.programmes and all(any(c.gates for c in p.criteria) for p in Q.programmes)


def test_level_names_are_our_own_not_gbt_39116s():
    ours = [n["zh"] for n in Q.scoring.levels.names]
    theirs = {"规划级", "规范级", "集成级", "优化级", "引领级"}
    assert not theirs & set(ours)


def test_every_1_0_0_question_is_mapped_once():
    (migration,) = Q.migrations
    assert migration.from_version == OLD.version
    olds = [m.old for m in migration.questions]
    assert sorted(olds) == sorted(q.id for _, q in OLD.all_questions())
    new_ids = {q.id for _, q in Q.all_questions()}
    assert all(set(m.to) <= new_ids for m in migration.questions)


def test_card_items_are_bare_noun_phrases_the_texts_count_themselves():
    """The texts say "即一个{item}" / "each describing one {item}": an item that starts with a count
    word reads "一个一个…"."""
    from assess.excel.sheet_format import card_instruction

    for _, group in Q.card_groups():
        zh, en = group.item["zh"], group.item["en"]
        assert not zh.startswith(("一个", "一项", "一种")), group.id
        assert not en.lower().startswith(("one ", "a ", "an ")), group.id
        line = card_instruction(group, "zh")
        assert f"每行填写一张卡片，即一个{zh}" in line and "一个一个" not in line
    scenarios = next(g for _, g in Q.card_groups() if g.id == "scenarios")
    assert card_instruction(scenarios, "zh").startswith("每行填写一张卡片，即一个已在生产中运行的应用场景")
    assert card_instruction(scenarios, "en").startswith("One card per row, each describing one application scenario")
    from assess.text.report_labels import t

    rule = t("summary.cards_unmet", "zh", item=scenarios.item["zh"], n=1, needed=3, sheet="典型应用场景")
    assert rule.startswith("满足全部卡片条件的已在生产中运行的应用场景有 1 个，至少需要 3 个")


def test_the_profile_says_agent_once_and_the_sheet_says_yes_in_chinese():
    from assess.excel.sheet_format import word, yes_no_items
    from assess.text.sheet_labels import INSTRUCTION_LINES

    agents = next(q for q in Q.profile if q.id == "PR-AGENTS")
    assert "人工智能智能体" not in agents.prompt["zh"] and "智能体" in agents.prompt["zh"]
    yes = yes_no_items("zh")[0].rpartition(" ")[2]
    assert yes == "是"
    for key in ("guide.yes_no", "guide.multi", "guide.option"):
        zh = word(key, "zh")
        assert "yes" not in zh and f"“{yes}”" in zh, key
    steps = "\n".join(INSTRUCTION_LINES["zh"])
    assert "yes" not in steps and f"选择“{yes}”" in steps
