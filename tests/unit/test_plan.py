"""Roadmap, shortest path, programme readiness, compare and explain."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_cases import DK, NA, answer_sets, make, pillar_questions, sample, value_strategy, variant

from assess.model import Questionnaire
from assess.plan import (
    apply_values,
    chain,
    compare,
    explain,
    next_value,
    programmes,
    recommendation,
    roadmap,
    shortest_path,
)
from assess.scoring import Assessment, score

Q = sample()
QS = {x.id: x for x in pillar_questions(Q)}
LOW = {"P-EXPORT": False, "C01": 1, "C02": 45, "C03": False, "C05": 20,
       "G01": False, "G02": "none", "G03": ["encrypt"]}


def assess(values, q=Q, targets=None, states=None) -> Assessment:
    return score(q, make(q, values, states), targets)


# --------------------------------------------------------------------------- steps

STEPS = [
    ("C01", None, 1), ("C01", 0, 1), ("C01", 4, 5), ("C01", 5, None),
    ("C02", None, 20), ("C02", 45, 65), ("C02", 85, 100), ("C02", 100, None),
    ("C03", None, True), ("C03", False, True), ("C03", True, None),
    ("C05", None, 30), ("C05", 20, 30), ("C05", 45, 60), ("C05", 60, None),
    ("G02", None, "policy"), ("G02", "none", "policy"), ("G02", "policy", "certified"), ("G02", "certified", None),
    ("G03", None, ["encrypt"]), ("G03", ["none"], ["encrypt"]), ("G03", ["encrypt"], ["encrypt", "access"]),
    ("G03", ["encrypt", "access"], ["encrypt", "access", "watermark"]),
    ("G03", ["access", "encrypt", "watermark"], None),
    ("C04", 5, None), ("G05", "x", None),
]


@pytest.mark.parametrize("qid,value,expected", STEPS)
def test_next_value(qid, value, expected):
    assert next_value(QS[qid], value) == expected


def test_chain_climbs_to_the_top():
    assert chain(QS["C01"], 2) == [3, 4, 5]
    assert chain(QS["C02"], 45) == [65, 85, 100]
    assert chain(QS["G02"], None) == ["policy", "certified"]
    assert chain(QS["C04"], 3) == []


def test_a_chain_handed_out_can_be_changed_and_a_yes_is_not_a_one():
    """Chains are kept per question and value: changing one handed out changes no later plan, and
    True, an equal key to 1, has its own chain (a yes is at the top; a 1 is not a yes yet)."""
    first = chain(QS["G03"], ["encrypt"])
    first[0].append("tampered")
    first.clear()
    assert chain(QS["G03"], ["encrypt"]) == [["encrypt", "access"], ["encrypt", "access", "watermark"]]
    assert chain(QS["G01"], True) == []
    assert chain(QS["G01"], 1) == [True]
    assert chain(QS["G01"], True) == []


# --------------------------------------------------------------------------- shortest path


def test_shortest_path_on_a_worked_case():
    a = assess(LOW)
    path = shortest_path(a)
    assert [(s.question, s.to_value, s.gate) for s in path.steps] == [
        ("G01", True, True),  # gates first
        # C needs 10.75 points (to 15 of 5 weight): C03 +5, C05 +2.5 +2.5, C01 +2 -- 4 steps;
        # G needs the gate, then 5 points: G02 none -> policy -> certified
        ("C03", True, False), ("G02", "policy", False), ("G02", "certified", False),
        ("C05", 30, False), ("C05", 60, False), ("C01", 2, False),
    ]
    assert [(p.pillar, p.steps, p.reachable, p.gates_fixed) for p in path.pillars] == [
        ("C", 4, True, []), ("G", 3, True, ["G01"])]
    assert [p.projected for p in path.pillars] == [3.25, 4.0]
    assert [s.order for s in path.steps] == list(range(1, 8))


def test_nothing_to_do_when_targets_are_met():
    a = assess({"P-EXPORT": False, "C01": 4, "C02": 80, "C03": True, "C05": 60,
                "G01": True, "G02": "certified", "G03": ["encrypt", "access"]})
    path = shortest_path(a)
    assert path.steps == [] and path.reachable
    assert all(p.projected == p.score for p in path.pillars)


def test_gates_are_fixed_even_when_the_target_is_met_under_the_cap():
    a = assess({**LOW, "G02": "certified"}, targets={"G": 1.0})
    assert a.pillar("G").gap == 0.0
    path = shortest_path(a)
    assert [(s.question, s.gate) for s in path.steps if s.pillar == "G"] == [("G01", True)]


def test_unreachable_target_reaches_the_best_possible():
    def low_bands(d):
        d["pillars"][0]["questions"] = [x for x in d["pillars"][0]["questions"] if x["id"] == "C05"]
        d["pillars"][0]["questions"][0]["bands"] = [{"from": 0, "score": 0}, {"from": 50, "score": 2.5}]

    q = variant(low_bands)
    a = assess({"C05": 10}, q=q, targets={"C": 4})
    path = shortest_path(a)
    c = path.pillars[0]
    assert (c.pillar, c.reachable, c.steps, c.projected) == ("C", False, 1, 2.5)
    assert not path.reachable


def test_unanswered_and_dont_know_start_from_the_bottom():
    a = assess({"C01": DK, "C03": DK}, targets={"C": 2})
    path = shortest_path(a)
    steps = [(s.question, s.from_value, s.to_value) for s in path.steps if s.pillar == "C"]
    # bottom counts: C01 (w2), C02, C03, C05 all at 0 -> 10 points needed of weight 5
    assert steps[0] == ("C03", None, True)
    after = score(Q, apply_values(a.answers, path.final_values()), a.targets)
    assert after.pillar("C").score >= 2


def _check_reaches(a: Assessment) -> None:
    path = shortest_path(a)
    after = score(a.questionnaire, apply_values(a.answers, path.final_values()), a.targets)
    for pp in path.pillars:
        p = after.pillar(pp.pillar)
        assert p.gates_failed == []
        assert pp.projected == p.score
        if pp.reachable:
            assert p.score + 1e-9 >= p.target, (pp, p)


@given(answer_sets(Q), st.fixed_dictionaries({"C": st.sampled_from([0, 1, 2.5, 3, 4.2, 5]),
                                               "G": st.sampled_from([0, 1.5, 3, 4, 5])}))
@settings(max_examples=200, deadline=None)
def test_shortest_path_applied_reaches_every_target(answers, targets):
    _check_reaches(score(Q, answers, targets))


def _small(weights: list[list[int]], gates: dict[tuple[int, int], int], targets: list[float]) -> Questionnaire:
    T = {"zh": "x", "en": "x"}
    levels = [{"descriptor": T, **({"next_step": T} if i < 5 else {})} for i in range(6)]
    pillars = []
    for i, ws in enumerate(weights):
        qs = []
        for j, w in enumerate(ws):
            item = {"id": f"Q{i}{j}", "type": "maturity", "prompt": T, "weight": w, "levels": levels}
            if (i, j) in gates:
                item["gate"] = {"basis": T, "pass_when": {"at_least": gates[(i, j)]}}
            qs.append(item)
        pillars.append({"id": f"P{i}", "name": T, "weight": 1 + i, "target": targets[i], "questions": qs})
    return Questionnaire.model_validate({
        "id": "small", "version": "1.0.0", "locales": ["zh", "en"], "title": T, "profile": [],
        "pillars": pillars,
        "scoring": {"levels": {"thresholds": [0, 1, 2, 3, 4, 5], "names": [T] * 6}},
    })


@st.composite
def small_cases(draw):
    n_pillars = draw(st.integers(1, 2))
    weights = [draw(st.lists(st.sampled_from([1, 2, 3, 0.5]), min_size=1, max_size=3 if n_pillars == 1 else 2))
               for _ in range(n_pillars)]
    gates = {}
    for i, ws in enumerate(weights):
        if draw(st.booleans()):
            gates[(i, draw(st.integers(0, len(ws) - 1)))] = draw(st.integers(1, 5))
    targets = [draw(st.sampled_from([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])) for _ in weights]
    q = _small(weights, gates, targets)
    levels = {x.id: draw(st.integers(0, 5)) for x in pillar_questions(q)}
    return q, levels


def _brute_force_min(q: Questionnaire, levels: dict[str, int]) -> int:
    ids = list(levels)
    best = None
    for ks in itertools.product(*[range(6 - levels[x]) for x in ids]):
        n = sum(ks)
        if best is not None and n >= best:
            continue
        a = score(q, make(q, {x: levels[x] + k for x, k in zip(ids, ks)}))
        if not a.gates_failed and all(p.score + 1e-9 >= p.target for p in a.pillars):
            best = n
    assert best is not None
    return best


@given(small_cases())
@settings(max_examples=150, deadline=None)
def test_shortest_path_is_minimal_by_brute_force(case):
    q, levels = case
    a = score(q, make(q, levels))
    path = shortest_path(a)
    assert len(path.steps) == _brute_force_min(q, levels)
    assert path.reachable
    _check_reaches(a)


def test_ties_go_to_higher_priority_then_lower_id():
    q = _small([[1, 1, 2]], {}, [1])
    a = score(q, make(q, {"Q00": 0, "Q01": 0, "Q02": 0}))
    # 4 points needed of weight 4: Q02 (weight 2) gains 2 per step, so 2 steps on it
    assert [(s.question, s.to_value) for s in shortest_path(a).steps] == [("Q02", 1), ("Q02", 2)]
    q = _small([[1, 1]], {}, [1])
    a = score(q, make(q, {"Q01": 0, "Q00": 0}))
    assert [(s.question, s.to_value) for s in shortest_path(a).steps] == [("Q00", 1), ("Q00", 2)]


def test_path_is_deterministic():
    a = assess(LOW)
    assert shortest_path(a) == shortest_path(assess(dict(reversed(list(LOW.items())))))


# --------------------------------------------------------------------------- roadmap


def test_roadmap_on_a_worked_case():
    actions = roadmap(assess(LOW))
    assert [(x.rank, x.phase, x.question, x.from_value, x.to_value, x.steps, x.gain) for x in actions] == [
        (1, "now", "G01", False, True, 1, 10.0),  # pillar weight 2 x weight 1 x 5
        (2, "next", "G02", "none", "certified", 2, 10.0),
        (3, "next", "C03", False, True, 1, 5.0),
        (4, "next", "C05", 20, 60, 2, 5.0),
        (5, "next", "C01", 1, 2, 1, 2.0),
        (6, "later", "C01", 2, 5, 3, 6.0),
        (7, "later", "G03", ["encrypt"], ["encrypt", "access", "watermark"], 2, 6.0),
        (8, "later", "C02", 45, 100, 3, 2.75),
    ]


@given(answer_sets(Q))
@settings(max_examples=150, deadline=None)
def test_roadmap_order_and_coverage(answers):
    a = score(Q, answers)
    actions = roadmap(a)
    # the same roadmap whether it reuses the items its path planned or plans them afresh
    path = shortest_path(a)
    assert roadmap(a, path) == actions == roadmap(a, dataclasses.replace(path, items={}, of=None))
    keys = [(["now", "next", "later"].index(x.phase), -x.gain, x.question) for x in actions]
    assert keys == sorted(keys)
    assert [x.rank for x in actions] == list(range(1, len(actions) + 1))
    assert {x.question for x in actions if x.phase == "now"} == {g.question for g in a.gates_failed}
    for qid, r in a.questions.items():
        mine = [x for x in actions if x.question == qid]
        if r.status in ("hidden", "na") or not r.scored or not a.pillar(r.pillar).applicable:
            assert mine == []
            continue
        start = r.value if r.status == "answered" else None
        top = chain(QS[qid], start)
        if top or r.gate_failed:
            assert mine, qid
            assert mine[0].from_value == start
            assert mine[-1].to_value == (top[-1] if top else mine[-1].to_value)
            for x, y in zip(mine, mine[1:]):
                assert x.to_value == y.from_value
        assert all(x.gain >= 0 and x.steps >= 1 for x in mine)


def test_recommendation_texts():
    assert recommendation(QS["C01"], 2, 3, "en") == "Write a capacity plan"
    assert recommendation(QS["C01"], None, 1, "zh") == "盘点设备"
    assert recommendation(QS["G02"], "none", "policy", "en") == "A policy"
    assert recommendation(QS["G03"], ["encrypt"], ["encrypt", "access"], "en") == "Access control"
    assert recommendation(QS["C03"], False, True, "en") == "Is there a fallback mode?"


# --------------------------------------------------------------------------- programmes


@pytest.mark.parametrize(
    "values,ready,failed",
    [
        (LOW, False, [0, 1, 2]),
        # C (6 + 0 + 0 + 0) / 5 = 1.2, G (5 + 0 + 4) / 3 = 3: overall (1.2 + 2 x 3) / 3 = 2.4 < 2.5
        ({"C01": 3, "C02": 0, "C03": False, "C05": 0, "G01": True, "G02": "none", "G03": ["encrypt", "access"]},
         False, [2]),
        ({"C01": 5, "C02": 100, "C03": True, "C05": 60, "G01": True, "G02": "policy", "G03": ["encrypt"]}, True, []),
        ({"C01": DK, "G01": True, "G02": "certified"}, False, [0]),  # don't know never meets a criterion
    ],
)
def test_programme_readiness(values, ready, failed):
    (prog,) = programmes(assess(values))
    assert prog.id == "benchmark"
    assert prog.ready is ready
    assert [c.index for c in prog.failed] == failed
    assert [c.kind for c in prog.criteria] == ["question", "pillar", "overall"]


def test_programme_criterion_on_a_hidden_question_fails():
    def crit(d):
        d["programmes"][0]["criteria"] = [{"question": "G04", "equals": True, "reason": {"zh": "x", "en": "x"}},
                                          {"question": "P-EXPORT", "equals": True, "reason": {"zh": "x", "en": "x"}}]

    q = variant(crit)
    (prog,) = programmes(assess({"P-EXPORT": False, "G04": True}, q=q))
    assert [(c.met, c.actual) for c in prog.criteria] == [(False, None), (False, False)]
    (prog,) = programmes(assess({"P-EXPORT": True, "G04": True}, q=q))
    assert prog.ready


# --------------------------------------------------------------------------- compare


def test_compare_same_version():
    before = assess(LOW)
    after = assess({**LOW, "G01": True, "C01": 3, "G02": NA})
    c = compare(before, after)
    assert c.same_questionnaire and c.added == [] and c.removed == []
    assert c.overall.score.delta == pytest.approx(after.overall.score - before.overall.score)
    g = next(p for p in c.pillars if p.id == "G")
    assert (g.score.before, g.score.after) == (before.pillar("G").score, after.pillar("G").score)
    assert (g.level_before, g.level_after) == (0, 3)
    assert [(m.id, m.value_before, m.value_after, m.score.delta) for m in c.moved] == [
        ("C01", 1, 3, 2.0), ("G01", False, True, 5.0), ("G02", "none", None, None)]
    assert (c.gates_newly_passed, c.gates_newly_failed) == (["G01"], [])
    back = compare(after, before)
    assert (back.gates_newly_passed, back.gates_newly_failed) == ([], ["G01"])


def test_compare_across_versions_matches_by_id():
    def next_version(d):
        d["version"] = "1.1.0"
        c = d["pillars"][0]["questions"]
        d["pillars"][0]["questions"] = [x for x in c if x["id"] != "C03"] + [
            {"id": "C06", "type": "yes_no", "prompt": {"zh": "新", "en": "New"}}]
        d["pillars"].append({"id": "D", "name": {"zh": "数据", "en": "Data"}, "questions": [
            {"id": "D01", "type": "yes_no", "prompt": {"zh": "数据", "en": "Data"}}]})

    q2 = variant(next_version)
    before = assess(LOW)
    after = score(q2, make(q2, {**{k: v for k, v in LOW.items() if k != "C03"}, "C01": 2, "C06": True, "D01": True}))
    c = compare(before, after)
    assert (c.before, c.after, c.same_questionnaire) == ("sample@1.0.0", "sample@1.1.0", False)
    assert c.added == ["C06", "D01"] and c.removed == ["C03"]
    assert [m.id for m in c.moved] == ["C01"]
    d = next(p for p in c.pillars if p.id == "D")
    assert (d.score.before, d.score.after, d.score.delta) == (None, 5.0, None)


# --------------------------------------------------------------------------- explain


def test_explain_pillar():
    a = assess({**LOW, "C02": DK, "G02": NA})
    t = explain(a, "C")
    assert [(c.id, c.score, c.weight, c.points) for c in t.contributions] == [
        ("C01", 1.0, 2.0, 2.0), ("C02", 0.0, 1.0, 0.0), ("C03", 0.0, 1.0, 0.0), ("C05", 0.0, 1.0, 0.0)]
    assert [(e.id, e.reason) for e in t.exclusions] == [("C04", "unscored")]
    assert (t.numerator, t.denominator, t.score, t.level, t.target, t.gap) == (2.0, 5.0, 0.4, 0, 3.0, 2.6)
    g = explain(a, "G")
    assert [(e.id, e.reason) for e in g.exclusions] == [("G02", "na"), ("G04", "hidden"), ("G05", "unscored")]
    assert [(c.question, c.reason, c.cap) for c in g.caps] == [("G01", "not_met", 1.0)]
    assert (g.uncapped, g.score) == (1.0, 1.0)


def test_explain_overall():
    a = assess(LOW)
    t = explain(a, "overall")
    assert [(c.id, c.score, c.weight, c.points) for c in t.contributions] == [
        ("C", 0.85, 1.0, 0.85), ("G", a.pillar("G").score, 2.0, 2 * a.pillar("G").score)]
    assert t.denominator == 3.0 and t.score == a.overall.score and t.target is None
    with pytest.raises(KeyError):
        explain(a, "nope")


@st.composite
def full_answers(draw):
    """Every applicable pillar question answered with a value (no gaps: planning equals reality)."""
    values = {"P-EXPORT": draw(st.booleans())}
    for x in pillar_questions(Q):
        if x.scored:
            values[x.id] = draw(value_strategy(x))
    return values


@given(full_answers(), st.sampled_from([0.5, 1.5, 2.5, 3, 3.7, 4.5, 5]), st.sampled_from([1.5, 3, 4, 4.8, 5]))
@settings(max_examples=60, deadline=None)
def test_shortest_path_is_minimal_on_every_question_type(values, target_c, target_g):
    a = assess(values, targets={"C": target_c, "G": target_g})
    path = shortest_path(a)
    for pp in path.pillars:
        ids = [x for x in a.pillar(pp.pillar).questions if a.questions[x].counted]
        options = [[values[x], *chain(QS[x], values[x])] for x in ids]
        best = None
        for picks in itertools.product(*[range(len(o)) for o in options]):
            n = sum(picks)
            if best is not None and n >= best:
                continue
            trial = assess({**values, **{x: o[k] for x, o, k in zip(ids, options, picks)}},
                           targets={"C": target_c, "G": target_g}).pillar(pp.pillar)
            if not trial.gates_failed and (trial.score + 1e-9 >= trial.target or not pp.reachable):
                if pp.reachable or trial.score == pp.projected:
                    best = n
        assert pp.steps == best, (pp, best)
