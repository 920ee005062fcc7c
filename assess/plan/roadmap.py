"""The roadmap: every improvement still open, in three phases."""

from __future__ import annotations

from dataclasses import dataclass

from assess.answers import Value
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    QuestionBase,
    SingleSelectQuestion,
    localize,
)
from assess.plan.path import PHASES, Phase, ShortestPath, _Item, _items, shortest_path
from assess.scoring import (
    Assessment,
    Status,
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
    """The text of an action: a maturity question's next step from its current level; another
    question's own next step; else the option to choose or add on a select; else the question."""
    if isinstance(question, MaturityQuestion):
        level = 0 if from_value is None else from_value
        if 0 <= level < len(question.levels) and question.levels[level].next_step:
            return localize(question.levels[level].next_step, locale)
    elif question.next_step:
        return localize(question.next_step, locale)
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
