"""The published schema of the assessment JSON (`assess schema --assessment`).

These models describe what `assess.output.document` produces; they are not used to build it (plain
dicts are much faster) but tests validate every produced dict against them, so the two cannot
drift apart. A field's docstring is its description in the JSON Schema.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from assess.docstrings import describe_fields

FORMAT_VERSION = 1
ASSESSMENT_SCHEMA_ID = "assess/assessment/1"
"""The `$id` of the published schema: kind and format version of the JSON it describes."""

Value = Union[bool, int, float, str, list[str], None]
Status = Literal["answered", "na", "dont_know", "unanswered", "invalid", "hidden"]
GateReason = Literal["not_met", "dont_know", "unanswered"]


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=describe_fields)


class Text(Out):
    text: str
    """Localised text."""


class QuestionnaireRef(Out):
    id: str
    """Questionnaire id."""
    version: str
    """Questionnaire version."""
    sha256: str
    """Content hash of the questionnaire scored against."""


class QuestionnaireInfo(QuestionnaireRef):
    name: str
    """Questionnaire title in the chosen locale."""


class Company(Out):
    name: str
    sector: str
    region: str


class Policy(Out):
    """The scoring policy used (from the questionnaire)."""

    dont_know: Literal["zero", "exclude"]
    """zero: don't know scores 0 and counts; exclude: it leaves the denominator."""
    gate_cap: float
    """Highest pillar score while one of its gates fails."""
    evidence_discounts: dict[Literal["declared", "documented", "verified"], float]
    """Factor applied to a question's score for the evidenced figures."""
    gates: Literal["in_pillar", "separate"]
    """in_pillar: gates count in their pillar and cap it when failed; separate: compliance apart
    from capability, a failed gate holds the overall level at gate_level_cap."""
    gate_level_cap: int
    """Highest overall level while a gate fails (policy separate)."""
    blank: Literal["leaves_out", "zero"]
    """leaves_out: an unanswered question leaves the denominator; zero: it scores 0 and counts."""
    respondent_verifies: bool
    """False: a respondent's "verified" counts as documented."""
    programmes_on: Literal["claimed", "evidenced"]
    """Which figures programme criteria read."""


class LevelInfo(Out):
    level: int
    """Level number (0 = lowest)."""
    threshold: float
    """Score needed for this level."""
    name: str
    """Level name in the chosen locale."""


class Overall(Out):
    score: float
    """Claimed overall score 0-5: weighted mean of the applicable pillars' scores."""
    level: int
    """Level reached by the claimed score."""
    claimed: float
    """Same as score."""
    evidenced: float
    """Overall score with evidence discounts applied."""
    audited: float | None
    """Evidenced, with each reviewed answer as its reviewer decided (accepted: verified, with the
    reviewer's value if corrected; insufficient: declared; rejected: 0); null while no answer is reviewed."""
    completion: float
    """Share (0-1) of applicable scored questions answered, N/A or don't know."""
    responded: int
    """Applicable scored questions answered, N/A or don't know."""
    applicable_questions: int
    """Applicable scored questions."""
    compliance_first: bool
    """A gate fails under the policy `gates: separate`: the level is held at gate_level_cap."""


class PillarOut(Out):
    id: str
    name: str
    """Pillar name in the chosen locale."""
    weight: float
    """Weight in the overall score."""
    applicable: bool
    """False when every scored question is hidden or N/A; the pillar is then left out of the overall."""
    score: float
    """Claimed score 0-5, capped while a gate fails."""
    level: int
    target: float
    """Target score used."""
    target_source: Literal["default", "answers", "override"]
    """Where the target came from: the questionnaire, the answer file, or the command line."""
    gap: float
    """max(0, target - score); 0 when the pillar is not applicable."""
    completion: float
    responded: int
    applicable_questions: int
    claimed: float
    """Same as score."""
    evidenced: float
    """Score with evidence discounts applied (capped alike)."""
    uncapped: float
    """Claimed weighted mean before any gate cap."""
    evidenced_uncapped: float
    audited: float | None
    """Evidenced, with each reviewed answer as its reviewer decided (capped alike, and by a gate its
    reviewer rejected); null while no answer is reviewed."""
    audited_uncapped: float | None
    capped: bool
    """Whether a gate cap lowered the score."""
    gates_failed: list[str]
    """Ids of the pillar's failed gates."""


class GateFailed(Out):
    question: str
    pillar: str
    reason: GateReason
    """not_met (pass rule not met), dont_know, or unanswered."""
    value: Value
    basis: Text
    """The legal or safety basis of the gate."""


class GateOut(Out):
    question: str
    pillar: str
    state: Literal["passed", "failed", "unconfirmed"]
    """failed; unconfirmed (passes on a declaration only, policy separate); or passed."""
    waits_on: list[str]
    """Blank profile answers that leave open whether it applies (it applies meanwhile)."""
    basis: Text
    """The legal or safety basis of the gate."""


class ReviewOut(Out):
    decision: Literal["accepted", "insufficient", "rejected"]
    by: str
    """The reviewer's name (empty in a redacted report)."""
    at: str | None
    """When the decision was recorded (UTC, ISO 8601)."""
    date: str
    """The review date the reviewer wrote, if any."""
    comment: str
    """The reviewer's comment (empty in a redacted report)."""
    value: Value
    """The reviewer's corrected value, or null."""


class QuestionOut(Out):
    id: str
    pillar: str
    type: Literal["maturity", "yes_no", "percentage", "single", "multi", "number", "text"]
    status: Status
    """answered, na, dont_know, unanswered, invalid (rejected answer, scored as unanswered), hidden (profile)."""
    value: Value
    """The answer as given."""
    scored: bool
    """Whether the question type carries a score."""
    score: float | None
    """Claimed 0-5 score when counted."""
    weight: float
    counted: bool
    """Whether it is in its pillar's denominator."""
    evidence_state: Literal["declared", "documented", "verified"] | None
    evidence_factor: float
    evidenced: float | None
    audited: float | None
    """The score as its reviewer decided when counted (the evidenced score when not reviewed)."""
    review: ReviewOut | None
    """The reviewer's decision on the answer, if any."""
    gate: bool
    gate_failed: GateReason | None
    problem: str | None
    """Why an invalid answer was rejected (English)."""
    compliance: bool
    """A gate kept apart from capability (policy separate)."""
    unconfirmed: bool
    """A compliance gate passed on a declaration only."""
    waits_on: list[str]
    """Blank profile answers that leave open whether it applies; it counts 0 meanwhile."""
    self_verified: bool
    """The respondent marked it verified; counted as documented."""
    unnamed_document: bool
    """Marked documented without naming the document; counted as declared."""
    text: str
    """The question prompt in the chosen locale."""


class Action(Out):
    rank: int
    """Position in the roadmap (1 = first)."""
    phase: Literal["now", "next", "later"]
    """now: fix a failed gate; next: part of the shortest path to target; later: beyond target."""
    pillar: str
    question: str
    status: Status
    """The question's status now."""
    from_: Value = Field(alias="from")
    """Current value (null: not answered, don't know or invalid; planning starts from the bottom)."""
    to: Value
    """Value this action reaches."""
    from_score: float
    to_score: float
    steps: int
    """Steps this action takes (see shortest_path)."""
    gain: float
    """pillar weight x question weight x score gained."""
    gate: bool
    citations: list[str]
    """Sources behind the question."""
    text: str
    """Recommendation in the chosen locale (a maturity question's next step from its current level)."""

class PathPillar(Out):
    id: str
    target: float
    score: float
    """Claimed score now."""
    projected: float
    """Claimed score with the path applied."""
    steps: int
    reachable: bool
    """False when the target cannot be reached at all; the path then reaches the best possible."""
    gates_fixed: list[str]


class PathStep(Out):
    order: int
    pillar: str
    question: str
    from_: Value = Field(alias="from")
    """Value before the step (null: the bottom of the scale)."""
    to: Value
    from_score: float
    to_score: float
    gate: bool
    """Part of fixing a failed gate."""
    text: str

class ShortestPathOut(Out):
    """The fewest steps bringing every applicable pillar to its target, failed gates fixed first."""

    reachable: bool
    total_steps: int
    pillars: list[PathPillar]
    steps: list[PathStep]


class CriterionOut(Out):
    index: int
    kind: Literal["question", "pillar", "overall", "gates"]
    subject: str | None
    test: Literal["equals", "one_of", "includes", "at_least", "gates"]
    expected: Any
    actual: Value
    """The value or figure read; for gates, the ids failed or unconfirmed."""
    met: bool
    not_applicable: bool
    """A criterion on a pillar the profile rules out: met because it does not apply."""
    unbacked: bool
    """The answer would meet it but is only declared (policy programmes_on: evidenced)."""
    text: str
    """Why the programme asks for this, in the chosen locale."""


class CardCriterionOut(Out):
    index: int
    """Which criterion of the programme's card rule."""
    subject: str | None
    """The card question tested."""
    actual: Value
    """The card's answer as read."""
    met: bool
    unbacked: bool
    """The answer would meet it but is only declared (policy programmes_on: evidenced)."""


class CardOut(Out):
    key: str
    """The card's name (the item key)."""
    met: bool
    """Whether the card meets every criterion of the rule."""
    criteria: list[CardCriterionOut]


class ProgrammeOut(Out):
    id: str
    name: str
    ready: bool
    cards_needed: int
    """Cards that must meet every card criterion (0 without a card rule)."""
    cards_met: int
    """Cards that do."""
    cards: list[CardOut]
    """Each card of the rule's group, judged (empty without a card rule)."""
    criteria: list[CriterionOut]


class QualityProblem(Out):
    severity: Literal["error", "warning", "notice"]
    where: str
    """The cell or place in the answer sheet."""
    typed: str
    """What the cell held, as typed ("" when the problem is not about one cell)."""
    message: str
    fix: str


class QualityOut(Out):
    """What reading the firm's answer sheet found: in a gap report's JSON twin, when it found anything."""

    not_used: int
    """Answers given but not used (each shows as invalid, with what was typed)."""
    rejected: dict[str, str]
    """Question id -> what was typed, for each answer not used; a card's answer by
    `group:question:card` (since 0.5.0)."""
    problems: list[QualityProblem]
    """Every problem found, errors first, in the report's language."""


class AssessmentOut(Out):
    """An assessment: the scores, levels, gates, gaps and plan computed from one answer set."""

    format_version: Literal[1]
    """Version of this shape."""
    kind: Literal["assess/assessment"]
    locale: str
    """Locale of every name and text field."""
    questionnaire: QuestionnaireInfo
    company: Company
    policy: Policy
    levels: list[LevelInfo]
    overall: Overall
    pillars: list[PillarOut]
    gates_failed: list[GateFailed]
    gates: list[GateOut]
    """Every applicable gate and its state."""
    questions: list[QuestionOut]
    """Every pillar question, in questionnaire order."""
    roadmap: list[Action]
    shortest_path: ShortestPathOut | None
    programmes: list[ProgrammeOut]
    quality: QualityOut | None = Field(default=None, exclude_if=lambda v: v is None)
    """Only in a gap report's twin made from an answer sheet whose read found something."""


class DeltaOut(Out):
    before: float | None
    after: float | None
    delta: float | None
    """after - before."""


class FiguresDelta(Out):
    id: str
    score: DeltaOut
    evidenced: DeltaOut
    completion: DeltaOut
    level_before: int | None
    level_after: int | None
    audited: DeltaOut
    """The audited figures; null on a side whose answers have no review."""


class MovedOut(Out):
    id: str
    pillar: str
    status_before: Status
    status_after: Status
    value_before: Value
    value_after: Value
    score: DeltaOut


class ComparisonOut(Out):
    """Two assessments compared; questions matched by id across questionnaire versions."""

    format_version: Literal[1]
    kind: Literal["assess/comparison"]
    before: QuestionnaireRef
    after: QuestionnaireRef
    same_questionnaire: bool
    overall: FiguresDelta
    pillars: list[FiguresDelta]
    moved: list[MovedOut]
    added: list[str]
    removed: list[str]
    gates_newly_passed: list[str]
    gates_newly_failed: list[str]


class ContributionOut(Out):
    id: str
    value: Value
    status: str
    score: float
    weight: float
    points: float
    """weight x score."""
    evidence_factor: float | None
    """A question's evidence discount (null for a pillar of the overall)."""
    evidenced: float
    audited: float | None
    """As its reviewer decided; null until the answer file has a review."""


class ExclusionOut(Out):
    id: str
    reason: str


class CapOut(Out):
    question: str
    reason: GateReason
    cap: float
    basis: Text


class TraceLevel(Out):
    level: int
    threshold: float
    name: str


class TraceOut(Out):
    """How one pillar's (or the overall) figures come from their inputs."""

    format_version: Literal[1]
    kind: Literal["assess/trace"]
    questionnaire: QuestionnaireRef
    subject: str
    contributions: list[ContributionOut]
    exclusions: list[ExclusionOut]
    numerator: float
    denominator: float
    uncapped: float
    caps: list[CapOut]
    score: float
    evidenced: float
    audited: float | None
    """Null until the answer file has a review."""
    level: TraceLevel
    thresholds: list[float]
    target: float | None
    target_source: Literal["default", "answers", "override"] | None
    gap: float | None
    completion: float
    dont_know: Literal["zero", "exclude"]


def assessment_json_schema() -> dict[str, Any]:
    """The JSON Schema of the assessment JSON."""
    return AssessmentOut.model_json_schema(by_alias=True)
