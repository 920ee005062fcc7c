"""Table-driven tests of `score` over the sample questionnaire."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_cases import DK, NA, make, pillar_questions, sample, value_strategy, variant

from assess.plan import shortest_path
from assess.rules import check_value
from assess.scoring import (
    check_targets,
    level_for,
    question_score,
    questionnaire_sha256,
    score,
)

Q = sample()
NO_EXPORT = {"P-EXPORT": False}


def figures(values, states=None, targets=None, arg=None, q=Q):
    return score(q, make(q, values, states, targets), arg)


# --------------------------------------------------------------------------- per question

QUESTION_SCORES = [
    ("C01", 0, 0.0),
    ("C01", 3, 3.0),
    ("C01", 5, 5.0),
    ("C02", 0, 0.0),
    ("C02", 45, 2.25),
    ("C02", 37.5, 1.875),
    ("C02", 100, 5.0),
    ("C03", True, 5.0),
    ("C03", False, 0.0),
    ("C05", 0, 0.0),
    ("C05", 29.9, 0.0),
    ("C05", 30, 2.5),
    ("C05", 59, 2.5),
    ("C05", 60, 5.0),
    ("C05", 100, 5.0),
    ("G01", True, 5.0),
    ("G01", False, 0.0),
    ("G02", "none", 0.0),
    ("G02", "policy", 2.0),
    ("G02", "certified", 5.0),
    ("G03", [], 0.0),
    ("G03", ["watermark"], 1.0),
    ("G03", ["encrypt"], 2.0),
    ("G03", ["encrypt", "access"], 4.0),
    ("G03", ["encrypt", "access", "watermark"], 5.0),
    ("G03", ["none"], 0.0),
    ("C04", 12, None),
    ("G05", "free text", None),
]


@pytest.mark.parametrize("qid,value,expected", QUESTION_SCORES)
def test_question_score(qid, value, expected):
    r = figures({qid: value}).questions[qid]
    assert r.status == "answered"
    assert r.score == expected
    assert r.counted is (expected is not None)
    question = next(x for x in pillar_questions(Q) if x.id == qid)
    assert question_score(question, value) == expected


@given(st.data())
@settings(max_examples=300, deadline=None)  # a busy machine is not a failure
def test_every_valid_value_scores_within_0_to_5(data):
    question = data.draw(st.sampled_from(pillar_questions(Q)))
    value = data.draw(value_strategy(question))
    assert check_value(question, value) is None
    expected = question_score(question, value)
    assert expected is None or 0 <= expected <= 5
    assert (expected is None) == (not question.scored)


# --------------------------------------------------------------------------- statuses

STATUS_CASES = [
    # (answers, question, status, counted, score)
    ({"C01": 2}, "C01", "answered", True, 2.0),
    ({}, "C01", "unanswered", False, None),
    ({"C01": DK}, "C01", "dont_know", True, 0.0),
    ({"G02": NA}, "G02", "na", False, None),
    ({"C01": NA}, "C01", "invalid", False, None),  # N/A not allowed there
    ({"C01": 7}, "C01", "invalid", False, None),
    ({"C01": True}, "C01", "invalid", False, None),
    ({"G03": ["none", "encrypt"]}, "G03", "invalid", False, None),
    ({"G02": "gold"}, "G02", "invalid", False, None),
    ({"P-EXPORT": False, "G04": True}, "G04", "hidden", False, None),
    ({"G04": True}, "G04", "hidden", False, None),  # profile unanswered: condition not met
    ({"P-EXPORT": True, "G04": True}, "G04", "answered", True, 5.0),
    ({"P-EXPORT": True}, "G04", "unanswered", False, None),
]


@pytest.mark.parametrize("values,qid,status,counted,expected", STATUS_CASES)
def test_status(values, qid, status, counted, expected):
    r = figures(values).questions[qid]
    assert (r.status, r.counted, r.score) == (status, counted, expected)
    assert (r.problem is not None) is (status == "invalid")


def test_dont_know_exclude_policy_leaves_the_denominator():
    q = variant(lambda d: d["scoring"].update(dont_know="exclude"))
    a = figures({"C01": 4, "C03": DK}, q=q)
    assert a.questions["C03"].status == "dont_know"
    assert a.questions["C03"].counted is False
    assert a.pillar("C").score == 4.0
    assert figures({"C01": 4, "C03": DK}).pillar("C").score == pytest.approx(8 / 3)


def test_unscored_questions_stay_out_of_completion():
    a = figures({"C01": 1})
    c = a.pillar("C")
    assert c.applicable_questions == 4  # C04 (number without bands) is unscored
    assert (c.responded, c.completion) == (1, 0.25)


# --------------------------------------------------------------------------- pillars and overall

FULL = {"P-EXPORT": False, "C01": 3, "C02": 45, "C03": True, "C05": 70,
        "G01": True, "G02": "policy", "G03": ["encrypt", "access"]}

PILLAR_CASES = [
    # (name, answers, C score, G score, overall, overall level)
    ("full", FULL, (2 * 3 + 2.25 + 5 + 5) / 5, 11 / 3, None, 3),
    ("gate not met caps G", {**FULL, "G01": False}, 3.65, 1.0, (3.65 + 2 * 1.0) / 3, 1),
    ("gate unanswered caps G", {k: v for k, v in FULL.items() if k != "G01"}, 3.65, 1.0, None, 1),
    ("gate don't know caps G", {**FULL, "G01": DK}, 3.65, 1.0, None, 1),
    ("N/A leaves the denominator", {**FULL, "G02": NA}, 3.65, 4.5, (3.65 + 2 * 4.5) / 3, 4),
    ("empty pillar scores 0 and counts", {"C01": 5}, 5.0, 0.0, 5 / 3, 1),
    ("nothing answered", {}, 0.0, 0.0, 0.0, 0),
    ("export applies G04", {**FULL, "P-EXPORT": True, "G04": False}, 3.65, 11 / 4, None, 3),
]


@pytest.mark.parametrize("name,values,c,g,overall,level", PILLAR_CASES, ids=[c[0] for c in PILLAR_CASES])
def test_pillar_and_overall(name, values, c, g, overall, level):
    a = figures(values)
    assert a.pillar("C").score == pytest.approx(c, abs=1e-9)
    assert a.pillar("G").score == pytest.approx(g, abs=1e-9)
    expected = overall if overall is not None else (1 * c + 2 * g) / 3
    assert a.overall.score == pytest.approx(expected, abs=1e-9)
    assert a.overall.level == level
    for p in a.pillars:
        assert p.claimed == p.score
        assert p.level == level_for(p.score, Q.scoring.levels.thresholds)


def test_gate_failures_are_listed_with_reason():
    assert [(g.question, g.reason) for g in figures({**FULL, "G01": False}).gates_failed] == [("G01", "not_met")]
    assert [(g.question, g.reason) for g in figures({**FULL, "G01": DK}).gates_failed] == [("G01", "dont_know")]
    a = figures({"C01": 1})
    assert [(g.question, g.reason) for g in a.gates_failed] == [("G01", "unanswered")]
    assert a.pillar("G").gates_failed == ["G01"]
    assert figures(FULL).gates_failed == []


def test_cap_keeps_uncapped_figure():
    g = figures({**FULL, "G01": False}).pillar("G")
    assert (g.uncapped, g.score, g.capped) == (2.0, 1.0, True)
    low = figures({"G01": False, "G02": "none", "G03": []}).pillar("G")
    assert (low.score, low.capped, low.gates_failed) == (0.0, False, ["G01"])


def test_gate_hidden_by_profile_does_not_fail():
    def hide_gate(d):
        d["pillars"][1]["questions"][0]["depends_on"] = {"all": [{"question": "P-EXPORT", "equals": True}]}

    q = variant(hide_gate)
    a = figures({"P-EXPORT": False, "G02": "certified"}, q=q)
    assert a.questions["G01"].status == "hidden"
    assert a.gates_failed == []
    assert a.pillar("G").score == 5.0


def test_pillar_with_every_question_na_or_hidden_leaves_the_overall():
    def hide_pillar(d):
        for question in d["pillars"][1]["questions"]:
            question["depends_on"] = {"all": [{"question": "P-EXPORT", "equals": True}]}

    q = variant(hide_pillar)
    a = figures({"P-EXPORT": False, "C01": 4, "C02": 80, "C03": True, "C05": 60}, q=q)
    g = a.pillar("G")
    assert (g.applicable, g.score, g.level, g.gap, g.completion) == (False, 0.0, 0, 0.0, 1.0)
    assert [p.pillar for p in shortest_path(a).pillars] == ["C"]
    assert a.overall.score == a.pillar("C").score == pytest.approx((8 + 4 + 5 + 5) / 5)
    assert a.overall.weight_total == 1.0


def test_float_noise_does_not_cost_a_level():
    q = variant(lambda d: d["pillars"][0]["questions"][0].update(weight=0.1))
    assert (0.1 * 3 + 60 / 20) / 1.1 < 3  # the naive mean misses the threshold
    c = figures({"C01": 3, "C02": 60}, q=q).pillar("C")
    assert (c.score, c.level, c.gap) == (3.0, 3, 0.0)


# --------------------------------------------------------------------------- evidenced

def test_evidenced_applies_discounts_per_question():
    a = figures({"C01": 5, "C02": 100, "C03": True, "C05": 60},
                {"C01": "verified", "C02": "documented", "C03": "declared", "C05": "declared"})
    c = a.pillar("C")
    assert c.score == 5.0
    assert c.evidenced == pytest.approx((2 * 5 * 1.0 + 5 * 0.8 + 5 * 0.5 + 5 * 0.5) / 5)
    assert a.questions["C02"].evidence_factor == 0.8
    assert a.overall.evidenced == pytest.approx(c.evidenced / 3)  # G is empty: 0, weight 2


def test_evidenced_is_capped_too():
    a = figures({"G01": False, "G02": "certified", "G03": ["encrypt", "access", "watermark"]},
                {"G02": "verified", "G03": "verified"})
    g = a.pillar("G")
    assert (g.score, g.evidenced) == (1.0, 1.0)
    assert g.evidenced_uncapped == pytest.approx(10 / 3)


def test_policy_discounts_are_read_from_the_questionnaire():
    q = variant(lambda d: d["scoring"].update(evidence_discounts={"declared": 0.2, "documented": 0.6, "verified": 0.9}))
    a = figures({"C01": 5}, {"C01": "verified"}, q=q)
    assert a.pillar("C").evidenced == 4.5


# --------------------------------------------------------------------------- targets, gaps, levels

def test_target_precedence():
    a = figures({"C01": 2}, targets={"C": 2.5})
    assert (a.pillar("C").target, a.pillar("C").target_source) == (2.5, "answers")
    assert (a.pillar("G").target, a.pillar("G").target_source) == (4.0, "default")
    b = figures({"C01": 2}, targets={"C": 2.5}, arg={"C": 1.5, "G": 5})
    assert [(p.target, p.target_source) for p in b.pillars] == [(1.5, "override"), (5.0, "override")]
    assert b.targets == {"C": 1.5, "G": 5.0}


@pytest.mark.parametrize("score_c,target,gap", [(2.0, 3.0, 1.0), (3.0, 3.0, 0.0), (4.0, 3.0, 0.0), (0.0, 0.0, 0.0)])
def test_gap(score_c, target, gap):
    a = figures({"C01": int(score_c)}, arg={"C": target})
    assert a.pillar("C").gap == gap


def test_bad_target_overrides_raise():
    with pytest.raises(ValueError, match="unknown_pillar"):
        figures({}, arg={"X": 3})
    with pytest.raises(ValueError, match="target_range"):
        figures({}, arg={"C": 6})
    assert check_targets(Q, {"C": 3, "G": 0}) == []


@pytest.mark.parametrize(
    "value,thresholds,level",
    [(0.0, [0, 1, 2, 3, 4, 5], 0), (0.99, [0, 1, 2, 3, 4, 5], 0), (1.0, [0, 1, 2, 3, 4, 5], 1),
     (4.999, [0, 1, 2, 3, 4, 5], 4), (5.0, [0, 1, 2, 3, 4, 5], 5), (2.9999999999, [0, 1, 2, 3, 4, 5], 3),
     (2.4, [0, 0.5, 1.5, 2.5, 3.5, 4.5], 2), (4.6, [0, 0.5, 1.5, 2.5, 3.5, 4.5], 5)],
)
def test_level_for(value, thresholds, level):
    assert level_for(value, thresholds) == level


def test_levels_follow_custom_thresholds():
    q = variant(lambda d: d["scoring"]["levels"].update(thresholds=[0, 0.5, 1.5, 2.5, 3.5, 4.5]))
    # (2*2 + 3) / 3 = 2.333... reaches 1.5, not 2.5: level 2; (2*3 + 3) / 3 = 3 reaches 2.5: level 3
    assert figures({"C01": 2, "C02": 60}, q=q).pillar("C").level == 2
    assert figures({"C01": 3, "C02": 60}, q=q).pillar("C").level == 3


def test_gate_cap_from_policy():
    q = variant(lambda d: d["scoring"].update(gate_cap=2.5))
    assert figures({**FULL, "G01": False}, q=q).pillar("G").score == 2.0  # below the cap: not lowered
    assert figures({**FULL, "G01": False, "G02": "certified"}, q=q).pillar("G").score == 2.5


# --------------------------------------------------------------------------- overall and completion

def test_completion_counts_answered_na_and_dont_know():
    a = figures({"P-EXPORT": False, "C01": 1, "C02": DK, "G02": NA})
    assert (a.pillar("C").responded, a.pillar("C").applicable_questions) == (2, 4)
    assert (a.pillar("G").responded, a.pillar("G").applicable_questions) == (1, 3)
    assert (a.overall.responded, a.overall.applicable_questions) == (3, 7)
    assert a.overall.completion == pytest.approx(3 / 7)


def test_profile_answers_are_not_scored():
    a = figures({"P-SIZE": "large", "P-EXPORT": False, "P-ROLES": ["user"]})
    assert "P-SIZE" not in a.questions
    assert a.overall.score == 0.0 and a.overall.responded == 0


def test_the_content_hash_follows_the_content():
    assert len(questionnaire_sha256(Q)) == 64
    assert questionnaire_sha256(variant(lambda d: None)) == questionnaire_sha256(Q)
    assert questionnaire_sha256(variant(lambda d: d["pillars"][0].update(weight=7))) != questionnaire_sha256(Q)


def test_inputs_are_not_modified():
    answers = make(Q, FULL)
    before = answers.model_dump()
    score(Q, answers, {"C": 4})
    assert answers.model_dump() == before


def test_remembered_answer_checks_tell_true_from_one():
    # True == 1 and hash(True) == hash(1): the remembered checks must still keep them apart
    for values in ([1, True, 1.0, 1], [True, 1, True]):
        for v in values:
            r = figures({"C01": v}).questions["C01"]
            assert r.status == ("answered" if type(v) is int else "invalid"), v
    assert figures({"C03": 1}).questions["C03"].status == "invalid"
    assert figures({"C03": True}).questions["C03"].status == "answered"
