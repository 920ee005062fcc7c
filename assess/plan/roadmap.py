"""The roadmap (every improvement still open, in three phases) and programme readiness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assess.answers import Value
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    QuestionBase,
    SingleSelectQuestion,
    localize,
)
from assess.plan.path import PHASES, Phase, ShortestPath, _Item, _items, shortest_path
from assess.rules import applies, check_value, holds, question_index
from assess.scoring import (
    Assessment,
    Status,
    reaches,
)

# --------------------------------------------------------------------------- roadmap


@dataclass(slots=True)
class Action:
    """One roadmap line: move one question from one value to another."""

    rank: int
    phase: Phase
    """now: fix a failed gate; next: part of the shortest path to target; later: beyond target."""
    pillar: str
    question: str
    status: Status
    """The question's status now (unanswered and don't know start from the bottom)."""
    from_value: Value
    to_value: Value
    from_score: float
    to_score: float
    steps: int
    gain: float
    """Points gained for the pillar: pillar weight x question weight x score gained."""
    gate: bool


def roadmap(a: Assessment, path: ShortestPath | None = None) -> list[Action]:
    """Every improvement still open, gates first, then by points gained (then question id),
    in three phases: now (failed gates), next (the shortest path's remaining steps), later
    (the rest, up to the top of each scale)."""
    path = path or shortest_path(a)
    on_path: dict[str, int] = {}
    for s in path.steps:
        if not s.gate:
            on_path[s.question] = on_path.get(s.question, 0) + 1
    actions: list[Action] = []
    for p in a.pillars:
        if not p.applicable:
            continue
        items = path.items.get(p.id) if path.of is a else None
        for it in items if items is not None else _items(a, p.id):
            actions.extend(_actions(p.id, p.weight, it, on_path.get(it.result.id, 0)))
    actions.sort(key=lambda x: (PHASES.index(x.phase), -x.gain, x.question))
    for i, x in enumerate(actions, 1):
        x.rank = i
    return actions


def _actions(pillar: str, pillar_weight: float, it: _Item, on_path: int) -> list[Action]:
    """A question's roadmap lines: fix its gate (now), its shortest-path steps (next), the rest (later)."""
    r = it.result
    out: list[Action] = []
    prev, prev_s = it.base_value, it.base_score
    stages: list[tuple[Phase, int, int]] = []  # (phase, index of the score reached, steps)
    if it.gate_values:
        stages.append(("now", 0, len(it.gate_values)))
    if on_path:
        stages.append(("next", on_path, on_path))
    if len(it.values) > on_path:
        stages.append(("later", len(it.values), len(it.values) - on_path))
    for phase, i, n in stages:
        to = it.values[i - 1] if i else it.gate_values[-1]
        to_s = it.scores[i]
        gain = pillar_weight * r.weight * (to_s - prev_s)
        out.append(Action(0, phase, pillar, r.id, r.status, prev, to, prev_s, to_s, n, gain, r.gate))
        prev, prev_s = to, to_s
    return out


def recommendation(question: QuestionBase, from_value: Value, to_value: Value, locale: str) -> str:
    """The text of an action: a maturity question's next step from its current level; the
    option to choose or add on a select; otherwise the question itself."""
    if isinstance(question, MaturityQuestion):
        level = 0 if from_value is None else from_value
        if 0 <= level < len(question.levels) and question.levels[level].next_step:
            return localize(question.levels[level].next_step, locale)
    if isinstance(question, SingleSelectQuestion):
        for o in question.options:
            if o.id == to_value:
                return localize(o.label, locale)
    if isinstance(question, MultiSelectQuestion) and isinstance(to_value, list):
        before = set(from_value or [])
        added = [localize(o.label, locale) for o in question.options if o.id in to_value and o.id not in before]
        if added:
            return "; ".join(added)
    return localize(question.prompt, locale)


# --------------------------------------------------------------------------- programmes


@dataclass(slots=True)
class CriterionResult:
    index: int
    kind: Literal["question", "pillar", "overall"]
    subject: str | None
    """Question or pillar id; None for the overall score."""
    test: str
    expected: object
    actual: Value
    met: bool


@dataclass(slots=True)
class ProgrammeResult:
    id: str
    ready: bool
    criteria: list[CriterionResult]

    @property
    def failed(self) -> list[CriterionResult]:
        return [c for c in self.criteria if not c.met]


def programmes(a: Assessment) -> list[ProgrammeResult]:
    """Each programme: ready when every criterion holds. A question criterion reads the answer
    only when the question applies and the answer is valid; pillar and overall criteria compare
    the claimed score with `at_least`."""
    q = a.questionnaire
    by_id = question_index(q)
    out = []
    for prog in q.programmes:
        results = []
        for i, c in enumerate(prog.criteria):
            test = c.test
            expected = getattr(c, test)
            if c.question is not None:
                question = by_id.get(c.question)
                value = _usable_value(a, question, c.question) if question is not None else None
                met = question is not None and holds(c, question, value)
                results.append(CriterionResult(i, "question", c.question, test, expected, value, met))
            elif c.pillar is not None:
                try:
                    actual = a.pillar(c.pillar).score
                except KeyError:
                    actual = None
                met = actual is not None and reaches(actual, c.at_least)
                results.append(CriterionResult(i, "pillar", c.pillar, test, expected, actual, met))
            else:
                actual = a.overall.score
                results.append(CriterionResult(i, "overall", None, test, expected, actual, reaches(actual, c.at_least)))
        out.append(ProgrammeResult(prog.id, all(r.met for r in results), results))
    return out


def _usable_value(a: Assessment, question: QuestionBase, qid: str) -> Value:
    r = a.questions.get(qid)
    if r is not None:
        return r.value if r.status == "answered" else None
    answer = a.answers.answers.get(qid)
    if answer is None or answer.status != "answered" or answer.value is None:
        return None
    if not applies(question, a.answers, question_index(a.questionnaire)):
        return None
    return answer.value if check_value(question, answer.value) is None else None


