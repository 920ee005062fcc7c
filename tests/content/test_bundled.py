"""The bundled questionnaire and its sources, tested as data."""

from __future__ import annotations

import itertools
import re

import pytest

from assess.answers import Answer, AnswerSet
from assess.content.bundled import load_sources, ref_of, releases, resolve
from assess.content.checks import _walk_texts, lint_questionnaire
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    YesNoQuestion,
)
from assess.rules import applies, question_index

HAN = re.compile(r"[\u4e00-\u9fff]")
PLAN_TARGETS = [
    "t-general-models", "t-industry-models", "t-agents", "t-datasets", "t-scenarios",
    "t-ecosystem-leaders", "t-smes", "t-benchmark-firms", "t-open-source", "t-security",
]


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return resolve("ai-manufacturing-2027")[0]


@pytest.fixture(scope="module")
def sources():
    found, problems = load_sources()
    assert problems == []
    return found


def test_each_release_is_listed_and_loads():
    found = releases()
    refs = [r.ref for r in found if r.id == "ai-manufacturing-2027"]
    assert refs == ["ai-manufacturing-2027@1.0.0", "ai-manufacturing-2027@1.1.0"]
    assert resolve("ai-manufacturing-2027")[0].version == "1.1.0"  # the newest is the default
    for r in found:
        assert resolve(r.ref)[0].version == r.version


def test_questionnaire_is_clean_against_its_sources(bundled, sources):
    assert [str(p) for p in lint_questionnaire(bundled, sources)] == []


def test_counts(bundled):
    assert len(bundled.profile) >= 8
    assert len(bundled.pillars) == 6
    assert {p.id for p in bundled.pillars} == {"compute", "models", "data", "agents", "security", "overseas"}
    scored = 0
    for p in bundled.pillars:
        n = sum(1 for q in p.questions if q.scored)
        assert n >= 10, f"pillar {p.id} has {n} scored questions"
        scored += n
    assert scored >= 70
    assert list(bundled.locales[:2]) == ["zh", "en"] or set(bundled.locales) >= {"zh", "en"}


def test_every_maturity_question_has_six_concrete_levels(bundled):
    for p in bundled.pillars:
        for q in p.questions:
            if isinstance(q, MaturityQuestion):
                assert len(q.levels) == 6, q.id
                descriptors = [lv.descriptor["en"] for lv in q.levels]
                assert len(set(descriptors)) == 6, f"{q.id}: levels repeat"
                assert all(lv.next_step for lv in q.levels[:5]), q.id


def test_every_question_is_documented_and_cited(bundled):
    for p in bundled.pillars:
        for q in p.questions:
            assert q.help and q.evidence, f"{q.id}: help and evidence are needed"
            assert q.citations, f"{q.id}: at least one citation"


def test_gates_name_a_basis_and_never_allow_na(bundled):
    gates = [q for p in bundled.pillars for q in p.questions if q.gate]
    # 1.1.0 splits compound legal checks into single duties (the content review), so there are many
    assert 8 <= len(gates) <= 40
    for q in gates:
        assert not q.allow_na and q.gate.basis.get("zh") and q.gate.basis.get("en"), q.id


def _texts(model):
    return list(_walk_texts(model, ""))


def test_both_locales_everywhere_and_zh_is_chinese(bundled, sources):
    for label, model in [("questionnaire", bundled), *sources.items()]:
        for where, text in _texts(model):
            if not text:
                continue
            assert text.get("zh", "").strip() and text.get("en", "").strip(), f"{label}: {where}"
            assert HAN.search(text["zh"]), f"{label}: {where}.zh has no Chinese: {text['zh']!r}"


def test_required_texts_are_not_empty(bundled):
    assert bundled.title and bundled.description
    for q in bundled.profile:
        assert q.prompt and q.help, q.id


def test_each_2027_target_is_a_fact_and_is_cited(bundled, sources):
    plan = sources["plan-2027"]
    facts = {f.id for f in plan.facts}
    missing = [t for t in PLAN_TARGETS if t not in facts]
    assert not missing
    cited = {c for _, q in bundled.all_questions() for c in q.citations}
    cited |= {c for prog in bundled.programmes for c in prog.citations}
    uncited = [t for t in PLAN_TARGETS if f"plan-2027#{t}" not in cited]
    assert not uncited, f"targets never cited: {uncited}"


def _candidates(q: QuestionBase) -> list:
    if isinstance(q, YesNoQuestion):
        return [True, False, None]
    if isinstance(q, SingleSelectQuestion):
        return [o.id for o in q.options] + [None]
    if isinstance(q, MultiSelectQuestion):
        singles = [[o.id] for o in q.options]
        together = [o.id for o in q.options if not o.exclusive]
        return [*singles, together, None]
    return [None]


def _closure(q: QuestionBase, by_id) -> list[str]:
    seen: list[str] = []
    todo = [c.question for c in q.depends_on.conditions()]
    while todo:
        qid = todo.pop()
        if qid in seen:
            continue
        seen.append(qid)
        dep = by_id[qid].depends_on
        if dep:
            todo += [c.question for c in dep.conditions()]
    return seen


def test_every_depends_on_can_hold_and_can_fail(bundled):
    by_id = question_index(bundled)
    h = "0" * 64
    for _, q in bundled.all_questions():
        if q.depends_on is None:
            continue
        ids = _closure(q, by_id)
        outcomes = set()
        for combo in itertools.product(*(_candidates(by_id[i]) for i in ids)):
            answers = AnswerSet(
                questionnaire=ref_of(bundled, h),
                answers={i: Answer(value=v) for i, v in zip(ids, combo) if v is not None},
            )
            outcomes.add(applies(q, answers, by_id))
            if outcomes == {True, False}:
                break
        assert outcomes == {True, False}, f"{q.id}: depends_on is always {outcomes}"


def test_eu_questions_stay_hidden_for_a_firm_that_does_not_export(bundled):
    by_id = question_index(bundled)
    answers = AnswerSet(questionnaire=ref_of(bundled, "0" * 64), answers={"PR-MARKETS": Answer(value=["none"])})
    eu = [q.id for _, q in bundled.all_questions()
          if q.depends_on and any(c.question == "PR-MARKETS" for c in q.depends_on.conditions())]
    assert eu and not any(applies(by_id[i], answers, by_id) for i in eu)


def test_programme_criteria_refer_to_real_questions_and_values(bundled):
    by_id = question_index(bundled)
    pillars = {p.id for p in bundled.pillars}
    assert {"benchmark-firm", "typical-scenario", "quality-dataset", "industrial-agent"} <= {
        p.id for p in bundled.programmes}
    for prog in bundled.programmes:
        assert prog.criteria and prog.citations, prog.id
        for c in prog.criteria:
            if c.question:
                assert c.question in by_id, (prog.id, c.question)
            elif c.pillar:
                assert c.pillar in pillars, (prog.id, c.pillar)
            assert c.reason.get("zh") and c.reason.get("en")
