"""Comparing two assessments, and the trace behind any figure (`assess explain`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assess.answers import Value
from assess.scoring import (
    DIGITS,
    Assessment,
    GateReason,
    Status,
    TargetSource,
)

# --------------------------------------------------------------------------- compare


@dataclass(slots=True)
class Delta:
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, DIGITS)


@dataclass(slots=True)
class PillarDelta:
    id: str
    score: Delta
    evidenced: Delta
    completion: Delta
    level_before: int | None
    level_after: int | None
    audited: Delta = field(default_factory=lambda: Delta(None, None))
    """The audited figures; None on a side that has no review (`assess.scoring`)."""


@dataclass(slots=True)
class QuestionMove:
    id: str
    pillar: str
    status_before: Status
    status_after: Status
    value_before: Value
    value_after: Value
    score: Delta


@dataclass(slots=True)
class Comparison:
    """`after` against `before`; deltas are after - before."""

    before: str
    """Questionnaire `id@version` of the earlier assessment."""
    after: str
    overall: PillarDelta
    """The overall figures (id 'overall')."""
    pillars: list[PillarDelta]
    moved: list[QuestionMove]
    added: list[str]
    """Question ids only the later questionnaire has."""
    removed: list[str]
    gates_newly_passed: list[str]
    gates_newly_failed: list[str]

    @property
    def same_questionnaire(self) -> bool:
        return self.before == self.after


def compare(before: Assessment, after: Assessment) -> Comparison:
    """Per pillar and overall deltas, questions that moved (status, value or score), gates newly
    passed or failed; across questionnaire versions questions are matched by id."""
    ov = PillarDelta(
        "overall",
        Delta(before.overall.score, after.overall.score),
        Delta(before.overall.evidenced, after.overall.evidenced),
        Delta(before.overall.completion, after.overall.completion),
        before.overall.level,
        after.overall.level,
        Delta(before.overall.audited, after.overall.audited),
    )
    pb = {p.id: p for p in before.pillars}
    pa = {p.id: p for p in after.pillars}
    ids = [p.id for p in after.pillars] + [p.id for p in before.pillars if p.id not in pa]
    pillars = []
    for pid in ids:
        b, x = pb.get(pid), pa.get(pid)
        pillars.append(
            PillarDelta(
                pid,
                Delta(b and b.score, x and x.score),
                Delta(b and b.evidenced, x and x.evidenced),
                Delta(b and b.completion, x and x.completion),
                b.level if b else None,
                x.level if x else None,
                Delta(b and b.audited, x and x.audited),
            )
        )
    moved = []
    for qid, x in after.questions.items():
        b = before.questions.get(qid)
        if b is None:
            continue
        if (b.status, b.value, b.score) != (x.status, x.value, x.score):
            moved.append(QuestionMove(qid, x.pillar, b.status, x.status, b.value, x.value, Delta(b.score, x.score)))
    failed_b = {g.question for g in before.gates_failed}
    failed_a = {g.question for g in after.gates_failed}
    return Comparison(
        before.questionnaire.ref,
        after.questionnaire.ref,
        ov,
        pillars,
        moved,
        [qid for qid in after.questions if qid not in before.questions],
        [qid for qid in before.questions if qid not in after.questions],
        sorted(qid for qid in failed_b - failed_a if qid in after.questions),
        sorted(failed_a - failed_b),
    )


# --------------------------------------------------------------------------- explain


@dataclass(slots=True)
class Contribution:
    """One input of a figure: a question (of a pillar) or a pillar (of the overall)."""

    id: str
    value: Value
    """The answer (questions) or None (pillars)."""
    status: str
    score: float
    weight: float
    points: float
    """weight x score: this input's share of the numerator."""
    evidence_factor: float | None
    """A question's evidence discount; None for a pillar (its evidenced score is computed, not discounted)."""
    evidenced: float
    audited: float | None = None
    """As its reviewer decided (`assess.scoring.audited_score`); None until an answer file has a review."""


@dataclass(slots=True)
class Exclusion:
    id: str
    reason: str
    """hidden, na, unanswered, invalid, dont_know (policy exclude), unscored, kept_apart (an answered
    gate under policy `gates: separate`); for the overall: not_applicable."""


@dataclass(slots=True)
class Cap:
    question: str
    reason: GateReason
    cap: float


@dataclass(slots=True)
class Trace:
    """How one pillar's figures, or the overall ones, come from their inputs."""

    subject: str
    """A pillar id, or 'overall'."""
    contributions: list[Contribution]
    exclusions: list[Exclusion]
    numerator: float
    denominator: float
    uncapped: float
    caps: list[Cap]
    score: float
    evidenced: float
    level: int
    thresholds: list[float]
    target: float | None
    target_source: TargetSource | None
    gap: float | None
    completion: float
    dont_know: str
    audited: float | None = None
    """The audited figure; None until an answer file has a review."""


def explain(a: Assessment, subject: str) -> Trace:
    """The trace of a pillar's score, level and gap, or of the overall (`subject='overall'`)."""
    policy = a.questionnaire.scoring
    thresholds = list(policy.levels.thresholds)
    if subject == "overall":
        contributions, exclusions = [], []
        num = 0.0
        for p in a.pillars:
            if not p.applicable:
                exclusions.append(Exclusion(p.id, "not_applicable"))
                continue
            num += p.weight * p.score
            contributions.append(
                Contribution(p.id, None, "counted", p.score, p.weight, p.weight * p.score, None, p.evidenced,
                             p.audited)
            )
        o = a.overall
        return Trace("overall", contributions, exclusions, num, o.weight_total, o.score, [], o.score,
                     o.evidenced, o.level, thresholds, None, None, None, o.completion, policy.dont_know, o.audited)
    p = a.pillar(subject)
    contributions, exclusions = [], []
    for qid in p.questions:
        r = a.questions[qid]
        if r.counted:
            points = r.weight * r.score
            contributions.append(
                Contribution(qid, r.value, r.status, r.score, r.weight, points, r.evidence_factor, r.evidenced,
                             r.audited)
            )
        elif not r.scored:
            exclusions.append(Exclusion(qid, "hidden" if r.status == "hidden" else "unscored"))
        else:  # a compliance gate stays out of the mean whatever its answer (policy `gates: separate`)
            exclusions.append(Exclusion(qid, "kept_apart" if r.compliance and r.status == "answered" else r.status))
    # a failed gate caps its pillar only where gates count in it; kept apart, it holds the overall level
    caps = [Cap(qid, a.questions[qid].gate_failed, policy.gate_cap) for qid in p.gates_failed] \
        if policy.gates == "in_pillar" else []
    return Trace(subject, contributions, exclusions, p.points, p.counted_weight, p.uncapped, caps, p.score,
                 p.evidenced, p.level, thresholds, p.target, p.target_source, p.gap, p.completion, policy.dont_know,
                 p.audited)
