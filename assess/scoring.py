"""Scoring: a questionnaire and an answer set in, every figure out.

`score(questionnaire, answers, targets=None) -> Assessment` is pure: no I/O, no printing,
no clock. The rules (see the README's methodology section, which a test checks against this module):

- a question scores 0-5 by its type (`question_score`); text and band-less numbers are unscored;
- a question hidden by the profile (or in a pillar the profile rules out) does not apply; N/A
  leaves the denominator; don't know scores 0 (policy `zero`) or leaves the denominator (policy
  `exclude`) and fails a gate either way; an unanswered (or invalid) applicable question leaves
  the denominator (policy `blank: leaves_out`) or scores 0 (policy `blank: zero`) and lowers
  completion; under `blank: zero` a blank profile answer that leaves open whether a question
  applies makes it apply, counting 0 until given (a gate is judged on its answer);
- pillar = weighted mean of its counted questions. Policy `gates: in_pillar`: gates count and a
  failed gate caps the pillar at `gate_cap`. Policy `gates: separate`: gates stay out of the mean,
  and any failed gate holds the overall level at `gate_level_cap` ("compliance first"); a gate
  passed on a declaration alone is unconfirmed. An applicable pillar with nothing counted scores 0;
- overall = weighted mean of the applicable pillars (a pillar is applicable while at least one
  of its scored, non-gate questions applies and is not N/A);
- level = highest level whose threshold the score reaches; gap = max(0, target - score);
- evidenced = the same figures with each question's score times its evidence discount (policy
  `respondent_verifies: false`: a respondent's "verified" counts as documented);
- audited (None until a reviewer has decided on at least one answer) = the evidenced figures with each
  reviewed answer as its reviewer decided (`audited_score`): accepted counts verified, with the
  reviewer's corrected value if any; insufficient counts as declared; rejected counts 0 (and fails a
  gate that counts in its pillar).

Results are plain dataclasses; the roadmap, shortest path, programme
readiness, comparisons and traces are computed on demand by `assess.plan`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from assess.answers import AnswerSet, Review, Value
from assess.canonical import digest
from assess.memo import per_object
from assess.model import (
    Band,
    DependsOn,
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    Questionnaire,
    ScoringPolicy,
    SingleSelectQuestion,
    YesNoQuestion,
)
from assess.problems import Msg
from assess.rules import check_answer, check_targets, check_value, counted_state, decide, holds, question_index

DIGITS = 9
"""Pillar and overall figures are rounded to this many decimals, so that 2.9999999999999996
reads as 3 and reaches the level-3 threshold."""

EPS = 1e-9
"""Tolerance when a figure is compared with a threshold, a target or a criterion."""

Status = Literal["answered", "na", "dont_know", "unanswered", "invalid", "hidden"]
"""What became of a question: answered (a valid value), na, dont_know, unanswered (no answer),
invalid (an answer that fails its question's checks; scored as unanswered), hidden (the profile
makes it not apply; any answer is ignored)."""

GateReason = Literal["not_met", "dont_know", "unanswered"]
TargetSource = Literal["default", "answers", "override"]

# --------------------------------------------------------------------------- per question


def question_score(question: QuestionBase, value: Value) -> float | None:
    """The 0-5 score of a valid answered value, or None when the question is unscored.

    maturity: the level; yes/no: 5 or 0; percentage: value / 20 (or by bands); single: the
    option's points; multi: 5 x chosen points / all points (`score_by: best`: the best chosen
    option's points); number: the score of the highest band whose `from`
    the value reaches (0 below the first band), unscored without bands; text: unscored.
    """
    if isinstance(question, MaturityQuestion):
        return float(value)
    if isinstance(question, YesNoQuestion):
        return 5.0 if value is True else 0.0
    if isinstance(question, PercentageQuestion):
        if question.bands:
            return _band_score(question.bands, value)
        return value / 20
    if isinstance(question, SingleSelectQuestion | MultiSelectQuestion):
        points = option_points(question, value)
        return points.score if points is not None else None
    if isinstance(question, NumberQuestion):
        if not question.bands:
            return None
        return _band_score(question.bands, value)
    return None


@dataclass(frozen=True, slots=True)
class OptionPoints:
    """How a select question's score comes from its options' points, for a reader to redo by hand."""

    rule: Literal["single", "share", "best"]
    """single: the option's points; share: 5 x chosen / all points; best: the best chosen points."""
    chosen: tuple[tuple[str, float], ...]
    """(option id, points) of each option chosen, in the questionnaire's order."""
    points: float
    """The chosen points that count: the option's, their sum (share) or their best (best)."""
    total: float
    """Sum of every option's points (what `share` divides by)."""
    score: float


def option_points(question: QuestionBase, value: Value) -> OptionPoints | None:
    """The points behind a select question's valid answered value (None for other questions, an
    option it does not know, or a multiple choice whose options carry no points)."""
    if isinstance(question, SingleSelectQuestion):
        for o in question.options:
            if o.id == value:
                return OptionPoints("single", ((o.id, o.points),), o.points, o.points, o.points)
        return None
    if not isinstance(question, MultiSelectQuestion) or not isinstance(value, list):
        return None
    total = sum(o.points for o in question.options)
    if total <= 0:
        return None
    picked = set(value)
    chosen = tuple((o.id, o.points) for o in question.options if o.id in picked)
    if question.score_by == "best":
        best = max((p for _, p in chosen), default=0.0)
        return OptionPoints("best", chosen, best, total, best)
    got = sum(p for _, p in chosen)
    return OptionPoints("share", chosen, got, total, 5 * got / total)


def audited_score(policy: ScoringPolicy, question: QuestionBase, score: float, review: Review | None,
                  evidenced: float) -> tuple[float, bool]:
    """A counted answer's audited score and whether its reviewer turned it down (rejected, or a
    corrected value that fails its gate): not reviewed, its evidenced score; accepted, the score of
    the reviewer's value (the claimed one when not corrected) at the verified discount; insufficient,
    the claimed score at the declared discount (the evidence shown backs nothing more than a
    statement); rejected, 0. A corrected value the question does not accept scores 0: never a guess."""
    if review is None:
        return evidenced, False
    discounts = policy.evidence_discounts
    if review.decision == "rejected":
        return 0.0, True
    if review.decision == "insufficient":
        return score * discounts[EvidenceState.declared], False
    if review.value is None:
        return score * discounts[EvidenceState.verified], False
    if check_value(question, review.value) is not None:
        return 0.0, True
    fails = question.gate is not None and not holds(question.gate.pass_when, question, review.value)
    return (question_score(question, review.value) or 0.0) * discounts[EvidenceState.verified], fails


def _band_score(bands: list[Band], value: float) -> float:
    """The score of the highest band whose `from` the value reaches (0 below the first band)."""
    band = band_for(bands, value)
    return band.score if band is not None else 0.0


def band_for(bands: list[Band], value: float) -> Band | None:
    """The band a value scores in: the last whose `from` it reaches (None below the first)."""
    out = None
    for band in bands:
        if value >= band.start:
            out = band
    return out


# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class QuestionResult:
    """One pillar question's part in the figures."""

    id: str
    pillar: str
    type: str
    status: Status
    value: Value
    """The value as answered (kept even when hidden or invalid, for display)."""
    scored: bool
    """Whether the question type carries a score at all."""
    score: float | None
    """Claimed 0-5 score when the question counts, else None."""
    weight: float
    counted: bool
    """Whether it is in its pillar's denominator."""
    evidence_state: EvidenceState | None
    """declared, documented or verified (a str enum) when an answer is given."""
    evidence_factor: float
    evidenced: float | None
    """score x evidence_factor when counted, else None."""
    gate: bool
    gate_failed: GateReason | None = None
    problem: Msg | None = None
    """Why an invalid answer was rejected."""
    compliance: bool = False
    """A gate kept apart from capability (policy `gates: separate`): shown, never in a pillar mean."""
    unconfirmed: bool = False
    """A compliance gate that passes on a mere declaration: it does not cap, no programme counts it."""
    waits_on: list[str] = field(default_factory=list)
    """Blank profile answers that leave open whether the question applies (policy `blank: zero`):
    it applies, and a non-gate question counts 0 until they are given."""
    self_verified: bool = False
    """The respondent marked the answer verified; read as documented (policy `respondent_verifies`)."""
    unnamed_document: bool = False
    """Marked documented without naming the document; read as declared (policy
    `documented_names_evidence`)."""
    audited: float | None = None
    """The score as its reviewer decided (`audited_score`) when counted, else None; the evidenced
    score when the answer is not reviewed."""
    review: Review | None = None
    """The reviewer's decision on a given answer, if any."""
    audited_gate_failed: bool = False
    """A gate that fails in the audited figures: it fails as claimed, or its reviewer turned it down."""

    @property
    def applicable(self) -> bool:
        return self.status != "hidden"


@dataclass(slots=True)
class PillarResult:
    """A pillar's figures."""

    id: str
    weight: float
    target: float
    target_source: TargetSource
    applicable: bool
    """False when every scored question is hidden or N/A: the pillar then scores 0 with gap 0 and
    stays out of the overall."""
    score: float
    """Claimed score, capped when a gate fails (= `claimed`)."""
    evidenced: float
    uncapped: float
    """Claimed weighted mean before any gate cap."""
    evidenced_uncapped: float
    capped: bool
    """Whether a gate cap lowered the score (a failed gate is listed even when it did not)."""
    level: int
    gap: float
    gates_failed: list[str]
    completion: float
    responded: int
    """Applicable scored questions with an answer, N/A or don't know."""
    applicable_questions: int
    counted_weight: float
    """Sum of the weights of the counted questions (the denominator)."""
    points: float
    """Sum of weight x score of the counted questions (the numerator)."""
    evidenced_points: float
    questions: list[str] = field(default_factory=list)
    audited: float | None = None
    """Evidenced, with each reviewed answer as its reviewer decided; None while no answer is reviewed."""
    audited_uncapped: float | None = None

    @property
    def claimed(self) -> float:
        return self.score


@dataclass(slots=True)
class OverallResult:
    score: float
    """Claimed overall score (= `claimed`)."""
    evidenced: float
    level: int
    completion: float
    responded: int
    applicable_questions: int
    weight_total: float
    """Sum of the weights of the applicable pillars (the denominator)."""
    compliance_first: bool = False
    """A gate fails under the policy `gates: separate`: the level is held at `gate_level_cap`."""
    audited: float | None = None
    """Evidenced, with each reviewed answer as its reviewer decided; None while no answer is reviewed."""

    @property
    def claimed(self) -> float:
        return self.score


@dataclass(slots=True)
class GateFailure:
    question: str
    pillar: str
    reason: GateReason
    value: Value


@dataclass(slots=True)
class Assessment:
    """Everything `score` computes, plus the inputs it was computed from."""

    questionnaire: Questionnaire
    answers: AnswerSet
    overall: OverallResult
    pillars: list[PillarResult]
    questions: dict[str, QuestionResult]
    """Pillar questions by id, in questionnaire order."""
    gates_failed: list[GateFailure]
    targets: dict[str, float]
    """The target used for each pillar."""

    def pillar(self, pillar_id: str) -> PillarResult:
        for p in self.pillars:
            if p.id == pillar_id:
                return p
        raise KeyError(pillar_id)


# --------------------------------------------------------------------------- content hash

@per_object(16)
def questionnaire_sha256(q: Questionnaire) -> str:
    """The content hash of `q` (see assess.canonical), computed once per questionnaire object: every
    JSON document and report names it, and hashing a large questionnaire takes milliseconds."""
    return digest(q)


# --------------------------------------------------------------------------- figures


def level_for(value: float, thresholds: tuple[float, ...] | list[float]) -> int:
    """The highest level whose threshold `value` reaches (within EPS)."""
    level = 0
    for i, t in enumerate(thresholds):
        if value + EPS >= t:
            level = i
    return level


def reaches(value: float, target: float) -> bool:
    """Whether a figure reaches a target, within EPS."""
    return value + EPS >= target


def resolve_targets(
    q: Questionnaire, answers: AnswerSet, targets: Mapping[str, float] | None = None
) -> dict[str, tuple[float, TargetSource]]:
    """Each pillar's target and where it came from: pillar default < answer file < `targets`."""
    out: dict[str, tuple[float, TargetSource]] = {}
    for p in q.pillars:
        if targets and p.id in targets:
            out[p.id] = (float(targets[p.id]), "override")
        elif p.id in answers.targets:
            out[p.id] = (min(5.0, max(0.0, float(answers.targets[p.id]))), "answers")
        else:
            out[p.id] = (float(p.target), "default")
    return out


def score(
    questionnaire: Questionnaire, answers: AnswerSet, targets: Mapping[str, float] | None = None
) -> Assessment:
    """Score an answer set against its questionnaire.

    `targets` overrides pillar targets (pillar id -> 0..5) over the answer file's own `targets`
    and the pillars' defaults; an unknown pillar or a value outside 0..5 raises ValueError (check
    first with `check_targets`). Answers that fail their question's checks count as unanswered
    and are reported with status `invalid`.
    """
    if targets:
        problems = check_targets(questionnaire, targets)
        if problems:
            raise ValueError("; ".join(map(str, problems)))  # a caller's bug: check first
    policy = questionnaire.scoring
    thresholds = policy.levels.thresholds
    by_id = question_index(questionnaire)
    target_of = resolve_targets(questionnaire, answers, targets)
    judge = _Judge(policy, answers, by_id)
    reviewed = any(a.review is not None for a in answers.answers.values())

    questions: dict[str, QuestionResult] = {}
    pillars: list[PillarResult] = []
    all_responded = all_applicable = 0
    overall_num = overall_enum = overall_anum = overall_den = 0.0

    for pillar in questionnaire.pillars:
        pid = pillar.id
        num = enum = anum = den = 0.0
        responded = applicable = 0
        possible = False
        failed: list[str] = []
        audit_failed = False
        pillar_state, pillar_missing = judge.applies(pillar.depends_on)
        for question in pillar.questions:
            r = judge.question(pid, question, pillar_state, pillar_missing)
            questions[r.id] = r
            if r.status == "hidden" or not r.scored:
                continue
            applicable += 1
            if r.status in ("answered", "dont_know", "na"):
                responded += 1
            if r.gate_failed is not None:
                failed.append(r.id)
            audit_failed = audit_failed or r.audited_gate_failed
            if r.compliance:
                continue  # compliance apart from capability: a gate is no part of the pillar mean
            if r.status != "na":
                possible = True
            if r.counted:
                num += r.weight * r.score  # type: ignore[operator]
                enum += r.weight * r.evidenced  # type: ignore[operator]
                anum += r.weight * r.audited  # type: ignore[operator]
                den += r.weight
        uncapped = round(num / den, DIGITS) if den else 0.0
        ev_uncapped = round(enum / den, DIGITS) if den else 0.0
        claimed, evidenced = uncapped, ev_uncapped
        au_uncapped = audited = (round(anum / den, DIGITS) if den else 0.0) if reviewed else None
        if failed and policy.gates == "in_pillar":
            claimed = min(claimed, policy.gate_cap)
            evidenced = min(evidenced, policy.gate_cap)
        if audited is not None and (failed or audit_failed) and policy.gates == "in_pillar":
            audited = min(audited, policy.gate_cap)
        target, source = target_of[pid]
        gap = round(target - claimed, DIGITS) if possible else 0.0  # nothing to close where nothing applies
        pillars.append(
            PillarResult(
                pid, float(pillar.weight), target, source, possible, claimed, evidenced, uncapped,
                ev_uncapped, claimed < uncapped, level_for(claimed, thresholds),
                gap if gap > EPS else 0.0, failed,
                responded / applicable if applicable else 1.0, responded, applicable, den, num, enum,
                [question.id for question in pillar.questions], audited, au_uncapped,
            )
        )
        all_responded += responded
        all_applicable += applicable
        if possible:
            overall_num += pillar.weight * claimed
            overall_enum += pillar.weight * evidenced
            overall_anum += pillar.weight * (audited or 0.0)
            overall_den += pillar.weight

    overall_score = round(overall_num / overall_den, DIGITS) if overall_den else 0.0
    gates_failed = [GateFailure(r.id, r.pillar, r.gate_failed, r.value) for r in questions.values()
                    if r.gate_failed is not None]
    level = level_for(overall_score, thresholds)
    compliance_first = policy.gates == "separate" and bool(gates_failed)
    if compliance_first:
        level = min(level, policy.gate_level_cap)
    overall = OverallResult(
        overall_score,
        round(overall_enum / overall_den, DIGITS) if overall_den else 0.0,
        level,
        all_responded / all_applicable if all_applicable else 1.0,
        all_responded,
        all_applicable,
        overall_den,
        compliance_first,
        (round(overall_anum / overall_den, DIGITS) if overall_den else 0.0) if reviewed else None,
    )
    return Assessment(
        questionnaire, answers, overall, pillars, questions, gates_failed,
        {pid: t for pid, (t, _) in target_of.items()},
    )


class _Judge:
    """One question's part in the figures, under the questionnaire's scoring policy."""

    def __init__(self, policy: ScoringPolicy, answers: AnswerSet, by_id: Mapping[str, QuestionBase]) -> None:
        self.policy = policy
        self.answers = answers
        self.by_id = by_id
        self.blank_zero = policy.blank == "zero"
        self.separate = policy.gates == "separate"

    def applies(self, dep: DependsOn | None) -> tuple[bool, list[str]]:
        return decide(dep, self.answers, self.by_id, self.blank_zero)

    def question(
        self, pid: str, question: QuestionBase, pillar_applies: bool, pillar_missing: list[str]
    ) -> QuestionResult:
        qid = question.id
        a = self.answers.answers.get(qid)
        value = a.value if a is not None else None
        is_gate = question.gate is not None
        scored = question.scored
        compliance = is_gate and self.separate
        if not pillar_applies:
            applies, missing = False, []
        elif question.depends_on is None:
            applies, missing = True, []
        else:
            applies, missing = self.applies(question.depends_on)
        if not applies:
            return QuestionResult(qid, pid, question.type, "hidden", value, scored, None,  # type: ignore[attr-defined]
                                  question.weight, False, None, 1.0, None, is_gate, compliance=compliance)
        if pillar_missing:
            missing = [*pillar_missing, *(m for m in missing if m not in pillar_missing)]
        policy = self.policy
        state = factor = problem = None
        self_verified = unnamed = False
        if a is None:
            status: Status = "unanswered"
        else:
            state, why = counted_state(policy, a)
            self_verified, unnamed = why == "self_verified", why == "unnamed"
            factor = policy.evidence_discounts[state]
            problem = check_answer(question, a)
            status = "invalid" if problem is not None else a.status
        s = None
        counted = False
        gate_reason: GateReason | None = None
        if scored:
            if status == "answered":
                s = question_score(question, value)
                counted = True
                if is_gate and not holds(question.gate.pass_when, question, value):  # type: ignore[union-attr]
                    gate_reason = "not_met"
            elif status == "dont_know":
                counted = policy.dont_know == "zero"
                s = 0.0 if counted else None
                if is_gate:
                    gate_reason = "dont_know"
            elif status != "na":
                counted = self.blank_zero
                s = 0.0 if counted else None
                if is_gate:
                    gate_reason = "unanswered"
            if missing and counted and not is_gate:
                s = 0.0  # whether it applies waits on a blank profile answer: never score on a guess
        if compliance:
            counted = False
        unconfirmed = (compliance and gate_reason is None and status == "answered"
                       and (state is None or state == EvidenceState.declared))
        ev = s * (factor or 1.0) if counted and s is not None else None
        review = a.review if a is not None and status == "answered" else None
        audited, turned_down = ev, False
        if ev is not None and s is not None:
            audited, turned_down = audited_score(policy, question, s, review, ev)
            if missing and not is_gate:
                audited = 0.0  # as its claimed score: it waits on a blank profile answer
        return QuestionResult(
            qid, pid, question.type, status, value, scored, s if (counted or compliance) else None,  # type: ignore[attr-defined]
            question.weight, counted, state, factor or 1.0, ev, is_gate, gate_reason, problem,
            compliance=compliance, unconfirmed=unconfirmed, waits_on=missing, self_verified=self_verified,
            unnamed_document=unnamed, audited=audited, review=review,
            audited_gate_failed=is_gate and (gate_reason is not None or turned_down),
        )
