"""Shared builders for the scoring tests: the sample questionnaire, variants of it, answer sets
written as plain dicts, and hypothesis strategies of valid answers."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from assess.answers import Answer, AnswerSet, QuestionnaireRef
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "questionnaire.yaml"


class _Mark:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


DK = _Mark("DK")
"""An answer of 'don't know'."""
NA = _Mark("NA")
"""An answer of 'not applicable'."""


@cache
def sample_data() -> dict[str, Any]:
    with open(SAMPLE, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.CSafeLoader)


@cache
def sample() -> Questionnaire:
    return Questionnaire.model_validate(sample_data())


def variant(mutate: Callable[[dict[str, Any]], None]) -> Questionnaire:
    """The sample questionnaire after `mutate` edits a deep copy of its YAML data."""
    data = copy.deepcopy(sample_data())
    mutate(data)
    return Questionnaire.model_validate(data)


def ref(q: Questionnaire) -> QuestionnaireRef:
    return QuestionnaireRef(id=q.id, version=q.version, sha256="0" * 64)


def make(
    q: Questionnaire,
    values: dict[str, Any],
    states: dict[str, str] | None = None,
    targets: dict[str, float] | None = None,
) -> AnswerSet:
    """An answer set: values by question id (DK, NA, or a value), evidence states by id."""
    states = states or {}
    answers = {}
    for qid, v in values.items():
        state = states.get(qid, "declared")
        if v is DK:
            answers[qid] = Answer(status="dont_know", evidence_state=state)
        elif v is NA:
            answers[qid] = Answer(status="na", evidence_state=state)
        else:
            answers[qid] = Answer(value=v, evidence_state=state)
    return AnswerSet(questionnaire=ref(q), answers=answers, targets=targets or {})


def pillar_questions(q: Questionnaire) -> list[QuestionBase]:
    return [question for p in q.pillars for question in p.questions]


# --------------------------------------------------------------------------- extremes


def top_value(question: QuestionBase) -> Any:
    if isinstance(question, MaturityQuestion):
        return 5
    if isinstance(question, YesNoQuestion):
        return True
    if isinstance(question, PercentageQuestion):
        return 100
    if isinstance(question, SingleSelectQuestion):
        return max(question.options, key=lambda o: o.points).id
    if isinstance(question, MultiSelectQuestion):
        return [o.id for o in question.options if not o.exclusive]
    if isinstance(question, NumberQuestion):
        if question.bands:
            return max(question.bands, key=lambda b: b.score).start
        return question.max if question.max is not None else 1
    return "text"


def bottom_value(question: QuestionBase) -> Any:
    if isinstance(question, MaturityQuestion):
        return 0
    if isinstance(question, YesNoQuestion):
        return False
    if isinstance(question, PercentageQuestion):
        return 0
    if isinstance(question, SingleSelectQuestion):
        return min(question.options, key=lambda o: o.points).id
    if isinstance(question, MultiSelectQuestion):
        return []
    if isinstance(question, NumberQuestion):
        return question.min if question.min is not None else 0
    return ""


# --------------------------------------------------------------------------- strategies


def value_strategy(question: QuestionBase) -> st.SearchStrategy[Any]:
    """Valid answered values of a question."""
    if isinstance(question, MaturityQuestion):
        return st.integers(0, 5)
    if isinstance(question, YesNoQuestion):
        return st.booleans()
    if isinstance(question, PercentageQuestion):
        return st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False))
    if isinstance(question, SingleSelectQuestion):
        return st.sampled_from([o.id for o in question.options])
    if isinstance(question, MultiSelectQuestion):
        plain = [o.id for o in question.options if not o.exclusive]
        exclusive = [[o.id] for o in question.options if o.exclusive]
        subsets = st.lists(st.sampled_from(plain), unique=True) if plain else st.just([])
        return st.one_of(subsets, st.sampled_from(exclusive)) if exclusive else subsets
    if isinstance(question, NumberQuestion):
        lo = question.min if question.min is not None else -1e6
        hi = question.max if question.max is not None else 1e6
        return st.one_of(st.integers(int(lo), int(hi)), st.floats(lo, hi, allow_nan=False))
    if isinstance(question, TextQuestion):
        return st.text(max_size=20)
    raise AssertionError(question)


def answer_strategy(question: QuestionBase, profile: bool = False) -> st.SearchStrategy[Any]:
    """A value, DK, NA (where allowed) or None (left unanswered)."""
    options = [value_strategy(question), value_strategy(question), st.just(DK), st.none()]
    if question.allow_na and not profile:
        options.append(st.just(NA))
    return st.one_of(*options)


_STRATEGIES: dict[int, tuple[Questionnaire, list[tuple[str, st.SearchStrategy[Any]]]]] = {}


def _answer_strategies(q: Questionnaire) -> list[tuple[str, st.SearchStrategy[Any]]]:
    """(question id, `answer_strategy`) for every question of `q`, made once per questionnaire:
    making them anew at every draw took most of a property test's time."""
    got = _STRATEGIES.get(id(q))
    if got is None or got[0] is not q:  # (the questionnaire is kept, so its id is not reused)
        got = _STRATEGIES[id(q)] = (q, [(question.id, answer_strategy(question, profile=pillar is None))
                                        for pillar, question in q.all_questions()])
    return got[1]


@st.composite
def answer_values(draw: st.DrawFn, q: Questionnaire) -> dict[str, Any]:
    """Values by question id for the whole questionnaire (None entries left out)."""
    out = {}
    for qid, strategy in _answer_strategies(q):
        v = draw(strategy)
        if v is not None:
            out[qid] = v
    return out


states_strategy = st.sampled_from(["declared", "documented", "verified"])


@st.composite
def answer_sets(draw: st.DrawFn, q: Questionnaire) -> AnswerSet:
    values = draw(answer_values(q))
    states = {qid: draw(states_strategy) for qid in values}
    return make(q, values, states)
