"""The roadmap (every improvement still open, in three phases), programme readiness, and programmes'
judgement of cards one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assess.answers import Answer, Value
from assess.model import (
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    QuestionBase,
    SingleSelectQuestion,
    localize,
)
from assess.plan.path import PHASES, Phase, ShortestPath, _Item, _items, shortest_path
from assess.rules import applies, check_answer, check_value, group_applies, holds, question_index
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
    """Every criterion holds, and so does the card rule, if the programme has one."""
    criteria: list[CriterionResult]
    cards: list[CardResult] | None = None
    """The cards judged by the programme's card rule (None: it has none)."""

    @property
    def failed(self) -> list[CriterionResult]:
        return [c for c in self.criteria if not c.met]


def programmes(a: Assessment) -> list[ProgrammeResult]:
    """Each programme: ready when every criterion holds, and, for a programme with a card rule, when
    at least `cards.at_least` cards meet all of its criteria (`card_results`). A question criterion
    reads the answer only when the question applies and the answer is valid; pillar and overall
    criteria compare the claimed score with `at_least`."""
    q = a.questionnaire
    by_id = question_index(q)
    judged = card_results(a) if any(prog.cards is not None for prog in q.programmes) else {}
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
        cards = judged.get(prog.id)
        ready = all(r.met for r in results)
        if prog.cards is not None:
            ready = ready and cards_meeting(cards or []) >= prog.cards.at_least
        out.append(ProgrammeResult(prog.id, ready, results, cards))
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




# --------------------------------------------------------------------------- cards


@dataclass(slots=True)
class CardResult:
    """One card judged by a programme's card rule."""

    group: str
    key: str
    met: bool
    """Whether the card meets every criterion of the rule."""
    criteria: list[CriterionResult]
    """One per criterion of the rule, in order; `actual` is the card's answer when it counts, else None."""


def card_results(a: Assessment) -> dict[str, list[CardResult]]:
    """Each programme with a card rule: every card of the rule's group judged against the rule's
    criteria, in the order entered. A criterion on a question reads the card's own answer when it is
    answered and valid; under the policy `programmes_on: evidenced` only when its evidence state is
    documented or verified. A criterion on anything but the card's questions is never met. The cards
    of a group the profile does not ask are not judged (an empty list): the rule cannot be met."""
    q = a.questionnaire
    groups = {g.id: (p, g) for p, g in q.card_groups()}
    evidenced = q.scoring.programmes_on == "evidenced"
    by_id = question_index(q)
    out: dict[str, list[CardResult]] = {}
    for prog in q.programmes:
        rule = prog.cards
        if rule is None:
            continue
        results: list[CardResult] = []
        found = groups.get(rule.group)
        if found is not None and group_applies(q, found[0], found[1], a.answers, by_id):
            asked = {question.id: question for question in found[1].questions}
            for card in a.answers.cards.get(rule.group, []):
                criteria = []
                for i, c in enumerate(rule.criteria):
                    question = asked.get(c.question) if c.question is not None and not c.gates else None
                    value = _card_value(question, card.answers.get(question.id), evidenced) if question else None
                    met = question is not None and holds(c, question, value)  # type: ignore[arg-type]
                    criteria.append(CriterionResult(i, "question", c.question, c.test,
                                                    getattr(c, c.test, None), value, met))
                results.append(CardResult(rule.group, card.key, all(c.met for c in criteria), criteria))
        out[prog.id] = results
    return out


def cards_meeting(results: list[CardResult]) -> int:
    """How many cards meet every criterion of their rule."""
    return sum(1 for r in results if r.met)


def _card_value(question: QuestionBase, answer: Answer | None, evidenced: bool) -> Value:
    """A card's answer as a criterion reads it: None unless answered, valid and (when `evidenced`)
    at least documented."""
    if answer is None or answer.status != "answered" or check_answer(question, answer) is not None:
        return None
    if evidenced and answer.evidence_state == EvidenceState.declared:
        return None
    return answer.value
