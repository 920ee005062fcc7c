"""Steps and the shortest path to target: the fewest steps after which every applicable pillar
reaches its target with every gate passing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from assess.answers import Answer, AnswerSet, Value
from assess.memo import per_object
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    Predicate,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    YesNoQuestion,
)
from assess.rules import check_value, holds
from assess.scoring import (
    DIGITS,
    Assessment,
    QuestionResult,
    question_score,
    reaches,
    score,
)

Phase = Literal["now", "next", "later"]
PHASES: tuple[Phase, ...] = ("now", "next", "later")

# --------------------------------------------------------------------------- steps


def next_value(question: QuestionBase, value: Value) -> Value:
    """The value one step above `value` (None: the bottom of the scale), or None at the top.

    `value` must be valid for the question or None.
    """
    current = 0.0 if value is None else (question_score(question, value) or 0.0)
    if isinstance(question, MaturityQuestion):
        level = 0 if value is None else value
        return level + 1 if level < 5 else None
    if isinstance(question, YesNoQuestion):
        return None if value is True else True
    if isinstance(question, PercentageQuestion):
        v = 0 if value is None else value
        return min(100, v + 20) if v < 100 else None
    if isinstance(question, SingleSelectQuestion):
        best = None
        for o in question.options:
            if o.points > current and (best is None or o.points < best.points):
                best = o
        return None if best is None else best.id
    if isinstance(question, MultiSelectQuestion):
        chosen = [] if value is None else list(value)
        exclusive = {o.id for o in question.options if o.exclusive}
        best, best_score = None, current
        for o in question.options:
            if o.id in chosen:
                continue
            candidate = [o.id] if o.exclusive else [x for x in chosen if x not in exclusive] + [o.id]
            s = question_score(question, candidate)
            if s is not None and s > best_score:
                best, best_score = candidate, s
        return best
    if isinstance(question, NumberQuestion) and question.bands:
        best, best_score = None, None
        for band in question.bands:
            v = band.start if question.min is None else max(band.start, question.min)
            if check_value(question, v) is not None:
                continue
            s = question_score(question, v)
            if s is not None and s > current and (best_score is None or s < best_score):
                best, best_score = v, s
        return best
    return None


def chain(question: QuestionBase, value: Value) -> list[Value]:
    """The successive values of taking one step at a time from `value` to the top."""
    return _fresh(_climb(question, value)[0])


def _fresh(values: tuple[Value, ...]) -> list[Value]:
    """A copy the caller may change (a multi-select value is a list) without changing the cache."""
    return [list(v) if isinstance(v, list) else v for v in values]


def _climbed(question: QuestionBase, value: Value) -> tuple[list[Value], list[float]]:
    """`chain(question, value)`, and the score after each of its steps."""
    values, scores = _climb(question, value)
    return _fresh(values), list(scores)


def _climb(question: QuestionBase, value: Value) -> tuple[tuple[Value, ...], tuple[float, ...]]:
    # keyed by the value's type too: True and 1 are equal keys, but not the same answer
    return _chain(question, type(value), tuple(value) if isinstance(value, list) else value)


@per_object(20_000)
def _chain(question: QuestionBase, kind: type, value: Any) -> tuple[tuple[Value, ...], tuple[float, ...]]:
    """The chain from `value` (of type `kind`, a list given as a tuple) and the scores along it. Both
    depend on the question and the value alone, and every report plans the same questions from a
    handful of values each, so they are kept (`per_object`)."""
    values = []
    step = list(value) if kind is list else value
    while (step := next_value(question, step)) is not None:
        values.append(step)
    return tuple(values), tuple(question_score(question, v) or 0.0 for v in values)


def _passing_value(question: QuestionBase, pred: Predicate) -> Value:
    """Some value that passes `pred`, for a gate its step chain never passes."""
    candidates: list[Value] = []
    if isinstance(question, YesNoQuestion):
        candidates = [True, False]
    elif isinstance(question, MaturityQuestion):
        candidates = list(range(6))
    elif isinstance(question, SingleSelectQuestion):
        candidates = [o.id for o in question.options]
    elif isinstance(question, MultiSelectQuestion):
        candidates = [[o.id] for o in question.options]
        if pred.includes:
            candidates.insert(0, [x for x in pred.includes if any(o.id == x for o in question.options)][:1])
    elif isinstance(question, (PercentageQuestion, NumberQuestion)):
        candidates = [v for v in (pred.at_least, pred.equals, *(pred.one_of or [])) if v is not None]
    for v in candidates:
        if check_value(question, v) is None and holds(pred, question, v):
            return v
    return None


def _base(r: QuestionResult) -> tuple[Value, float]:
    """Where planning starts for a question: its value and score, or the bottom."""
    if r.status == "answered" and r.score is not None:
        return r.value, r.score
    return None, 0.0


@dataclass(slots=True)
class _Item:
    """One question as the planner sees it."""

    result: QuestionResult
    question: QuestionBase
    pillar_weight: float
    base_value: Value
    base_score: float
    gate_values: list[Value]
    """Steps of the mandatory gate fix (empty when the gate passes or there is none)."""
    values: list[Value]
    """Steps available after the gate fix, to the top."""
    scores: list[float]
    """Score after 0, 1, ... of `values` (scores[0] = score after the gate fix)."""

    @property
    def priority(self) -> float:
        if len(self.scores) < 2:
            return 0.0
        return self.pillar_weight * self.result.weight * (self.scores[1] - self.scores[0])


def _items(a: Assessment, pillar_id: str) -> list[_Item]:
    q = a.questionnaire
    p = a.pillar(pillar_id)
    out = []
    for question in _pillar_questions(q, pillar_id):
        r = a.questions[question.id]
        if not r.scored or r.status in ("hidden", "na"):
            continue
        value, s = _base(r)
        gate_values: list[Value] = []
        if r.gate_failed is not None and question.gate is not None:
            pred = question.gate.pass_when
            for v in chain(question, value):
                gate_values.append(v)
                if holds(pred, question, v):
                    break
            else:
                gate_values = [_passing_value(question, pred)]
            value = gate_values[-1]
            s = question_score(question, value) or 0.0
        # a gate kept apart from capability is fixed, never climbed: it adds nothing to the mean
        values, after = ([], []) if r.compliance else _climbed(question, value)
        scores = [s, *after]
        out.append(_Item(r, question, p.weight, *_base(r), gate_values, values, scores))
    return out


def _pillar_questions(q: Questionnaire, pillar_id: str) -> list[QuestionBase]:
    for p in q.pillars:
        if p.id == pillar_id:
            return list(p.questions)
    raise KeyError(pillar_id)


def _ordered(items: list[_Item]) -> list[_Item]:
    return sorted(items, key=lambda it: (-it.priority, it.result.id))


# --------------------------------------------------------------------------- shortest path


@dataclass(slots=True)
class Step:
    """One step of the shortest path."""

    order: int
    pillar: str
    question: str
    from_value: Value
    to_value: Value
    from_score: float
    to_score: float
    gate: bool
    """Part of fixing a failed gate."""


@dataclass(slots=True)
class PillarPath:
    pillar: str
    target: float
    score: float
    """Claimed score now."""
    projected: float
    """Claimed score once the path is applied (scored for real)."""
    steps: int
    reachable: bool
    """False when even every step cannot reach the target; the path then reaches the best score possible."""
    gates_fixed: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ShortestPath:
    steps: list[Step]
    pillars: list[PillarPath]
    items: dict[str, list[_Item]] = field(default_factory=dict, repr=False, compare=False)
    """Each applicable pillar's questions as planned (in question order), kept so that the roadmap
    of the same assessment (`of`) need not build them again."""
    of: Assessment | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the planning cache and its assessment (a copy would not be `of` anyway)."""
        return {"steps": self.steps, "pillars": self.pillars}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.steps, self.pillars = state["steps"], state["pillars"]  # type: ignore[assignment]
        self.items, self.of = {}, None

    @property
    def reachable(self) -> bool:
        return all(p.reachable for p in self.pillars)

    def final_values(self) -> dict[str, Value]:
        """Each question the path touches, with the value it ends at."""
        return {s.question: s.to_value for s in self.steps}


def _solve(items: list[_Item], need: Callable[[float], bool]) -> list[int] | None:
    """Fewest steps: how many of its `values` each item takes (items in priority order) so that
    need(total gain) holds; None if impossible. Ties go to earlier items, as many steps as fit."""
    m = len(items)
    gains = [[it.result.weight * (s - it.scores[0]) for s in it.scores] for it in items]
    bound = _greedy_bound(gains, need)
    if bound is None:
        return None
    # best[j][n]: the largest gain items j.. can make with at most n steps (n <= bound)
    best = [[0.0] * (bound + 1) for _ in range(m + 1)]
    for j in range(m - 1, -1, -1):
        g, nxt, row = gains[j], best[j + 1], best[j]
        top = len(g) - 1
        for n in range(bound + 1):
            b = nxt[n]
            for k in range(1, min(top, n) + 1):
                v = g[k] + nxt[n - k]
                if v > b:
                    b = v
            row[n] = b
    n_min = next(n for n in range(bound + 1) if need(best[0][n]))
    taken, acc, left = [], 0.0, n_min
    for j in range(m):
        g = gains[j]
        for k in range(min(len(g) - 1, left), -1, -1):
            if need(acc + g[k] + best[j + 1][left - k]):
                break
        taken.append(k)
        acc += g[k]
        left -= k
    return taken


def _greedy_bound(gains: list[list[float]], need: Callable[[float], bool]) -> int | None:
    """A number of steps that surely suffices (taking, each time, the step that gains most),
    or None when even every step does not: the search for the fewest stays below it."""
    at = [0] * len(gains)
    total, n = 0.0, 0
    while not need(total):
        best_j, best_gain = -1, -1.0
        for j, g in enumerate(gains):
            if at[j] + 1 < len(g) and g[at[j] + 1] - g[at[j]] > best_gain:
                best_j, best_gain = j, g[at[j] + 1] - g[at[j]]
        if best_j < 0:
            return None
        at[best_j] += 1
        total += best_gain
        n += 1
    return n


def shortest_path(a: Assessment) -> ShortestPath:
    """The fewest steps that bring every applicable pillar to its target (claimed), failed gates
    fixed first. Pillars are independent; among equally short paths, steps go to the question of
    higher priority, then lower id. Exact (a dynamic programme over step counts)."""
    steps: list[tuple[tuple, Step]] = []
    pillars: list[PillarPath] = []
    by_pillar: dict[str, list[_Item]] = {}
    for p in a.pillars:
        if not p.applicable:
            continue
        built = by_pillar[p.id] = _items(a, p.id)
        items = _ordered(built)
        gates = [it for it in items if it.gate_values]
        n_gate_steps = sum(len(it.gate_values) for it in gates)
        taken, reachable = _plan_pillar(items, p.target)
        for it, k in zip(items, taken):
            qid = it.result.id
            prev, prev_s = it.base_value, it.base_score
            # gates first, the fix that gains most first; then by priority; then by id
            fix_gain = p.weight * it.result.weight * (it.scores[0] - it.base_score)
            for i, v in enumerate(it.gate_values):
                s = question_score(it.question, v) or 0.0
                steps.append(((0, -fix_gain, qid, i), Step(0, p.id, qid, prev, v, prev_s, s, True)))
                prev, prev_s = v, s
            for i in range(k):
                v, s = it.values[i], it.scores[i + 1]
                steps.append(((1, -it.priority, qid, i), Step(0, p.id, qid, prev, v, prev_s, s, False)))
                prev, prev_s = v, s
        pillars.append(
            PillarPath(p.id, p.target, p.score, p.score, n_gate_steps + sum(taken), reachable,
                       [it.result.id for it in gates])
        )
    ordered = [s for _, s in sorted(steps, key=lambda kv: kv[0])]
    for i, s in enumerate(ordered, 1):
        s.order = i
    path = ShortestPath(ordered, pillars, by_pillar, a)
    if ordered:
        after = score(a.questionnaire, apply_values(a.answers, path.final_values()), a.targets)
        for pp in pillars:
            pp.projected = after.pillar(pp.pillar).score
    return path


def _plan_pillar(items: list[_Item], target: float) -> tuple[list[int], bool]:
    """Steps per item (after gate fixes) for one pillar, and whether the target is reachable."""
    if any(it.result.compliance for it in items):
        counted = [it for it in items if not it.result.compliance]
        part, reachable = _plan_pillar(counted, target)
        steps = iter(part)
        return [0 if it.result.compliance else next(steps) for it in items], reachable
    den = sum(it.result.weight for it in items)
    base_num = sum(it.result.weight * it.scores[0] for it in items)

    def mean(gain: float) -> float:
        return round((base_num + gain) / den, DIGITS) if den else 0.0

    best = mean(sum(it.result.weight * (it.scores[-1] - it.scores[0]) for it in items))
    reachable = reaches(best, target)
    goal = target if reachable else best
    taken = _solve(items, lambda g: reaches(mean(g), goal)) or [0] * len(items)
    return taken, reachable


def apply_values(answers: AnswerSet, values: Mapping[str, Value]) -> AnswerSet:
    """A copy of `answers` with these questions answered with these values (evidence state kept)."""
    new = dict(answers.answers)
    for qid, v in values.items():
        old = new.get(qid)
        new[qid] = (old or Answer()).model_copy(update={"status": "answered", "value": v})
    return answers.model_copy(update={"answers": new})


