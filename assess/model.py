"""The questionnaire schema: what a questionnaire file may say (a source file's is `assess.sources`).

Everything here is data description. The rules that need more than one field to
check (ids that must resolve, conditions that must be satisfiable, ...) live in
`assess.rules`; scoring lives in `assess.scoring`. A field's docstring is its
documentation and becomes its description in `assess schema`.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assess.docstrings import describe_fields

SCHEMA_ID = "assess/questionnaire/1"
"""Identifies this questionnaire format; recorded in every file and in the hash."""

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
"""Ids are plain tokens: no spaces, and no ':' (answer sheets use `Q:option`)."""

SEMVER = r"^\d+\.\d+\.\d+$"

Text = dict[str, str]
"""Text in several languages: a mapping locale -> string, e.g. {zh: ..., en: ...}."""

FALLBACK_LOCALE = "en"


def later(default: object, **kwargs: object) -> object:
    """A field added after the first release of this schema. Left out of the dump while it holds
    its default, so that the canonical form, and thus the content hash, of an earlier
    questionnaire stays exactly what its lock file and its reports recorded."""
    return Field(default=default, exclude_if=lambda v: v == default, **kwargs)  # type: ignore[call-overload]


def localize(text: Text | None, locale: str) -> str:
    """The text in `locale`, falling back to English, then to any locale given."""
    if not text:
        return ""
    if locale in text:
        return text[locale]
    if FALLBACK_LOCALE in text:
        return text[FALLBACK_LOCALE]
    return next(iter(text.values()))


class Strict(BaseModel):
    """Base for every schema object: unknown keys are errors, docstrings are docs."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra=describe_fields,  # field docstrings, read only for `assess schema`
        frozen=True,
        # Build validators on first use: a questionnaire loaded from the cache never needs them,
        # which keeps start-up of the app and of single commands short.
        defer_build=True,
    )


# --------------------------------------------------------------------------- predicates

Scalar = Union[bool, int, float, str]


class Predicate(Strict):
    """A test on one answer's value. Exactly one of the tests is given."""

    equals: Scalar | None = None
    """The answer equals this value (true/false for yes/no, an option id for single select)."""
    one_of: list[Scalar] | None = None
    """The answer is one of these values (option ids for single select)."""
    includes: list[str] | None = None
    """Multi select: at least one of these option ids is chosen."""
    at_least: float | None = None
    """Maturity, percentage, number, single select (by points): the value is at least this."""

    @model_validator(mode="after")
    def _exactly_one(self) -> Predicate:
        given = [k for k in ("equals", "one_of", "includes", "at_least") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"give exactly one of equals, one_of, includes, at_least (got {', '.join(given) or 'none'})"
            )
        return self

    @property
    def test(self) -> str:
        """The name of the test this predicate uses."""
        for k in ("equals", "one_of", "includes", "at_least"):
            if getattr(self, k) is not None:
                return k
        raise AssertionError("unreachable")


class Condition(Predicate):
    """A test on the answer to a profile question."""

    question: str = Field(pattern=ID_PATTERN)
    """The id of the profile question tested."""


class DependsOn(Strict):
    """When a question applies: all of `all`, and at least one of `any` (if given)."""

    all: list[Condition] = []
    """Every one of these must hold."""
    any: list[Condition] = []
    """At least one of these must hold (ignored when empty)."""

    @model_validator(mode="after")
    def _not_empty(self) -> DependsOn:
        if not self.all and not self.any:
            raise ValueError("depends_on needs at least one condition under 'all' or 'any'")
        return self

    def conditions(self) -> list[Condition]:
        return [*self.all, *self.any]


# --------------------------------------------------------------------------- questions


class Gate(Strict):
    """A must-have backed by law, regulation, mandatory standard or personal safety."""

    basis: Text
    """The legal or safety basis, named precisely (instrument and article)."""
    pass_when: Predicate
    """The answer that passes the gate, e.g. {equals: true} or {at_least: 3}."""


class Level(Strict):
    """One rung of a maturity question."""

    descriptor: Text
    """What a plant at this level observably has."""
    next_step: Text | None = None
    """What to do to reach the level above (required for levels 0-4)."""


class Option(Strict):
    """One choice of a single- or multi-select question."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable option id, used in answer files and conditions."""
    label: Text
    """What the respondent reads."""
    points: float = Field(default=0.0, ge=0, le=5)
    """Points this option earns (0-5)."""
    exclusive: bool = False
    """Multi select: this option cannot be combined with others (e.g. 'none')."""


class Band(Strict):
    """A score band of a number question: values at or above `from` score `score`."""

    model_config = ConfigDict(populate_by_name=True)
    start: float = Field(alias="from")
    """Lower bound of the band (inclusive)."""
    score: float = Field(ge=0, le=5)
    """Score (0-5) of a value in this band."""


class QuestionBase(Strict):
    id: str = Field(pattern=ID_PATTERN)
    """Stable id; never reused for a different question."""
    prompt: Text
    """The question as the respondent reads it."""
    help: Text = {}
    """Why it matters."""
    evidence: Text = {}
    """Typical evidence that supports an answer."""
    weight: float = 1.0
    """Relative weight inside its pillar (> 0)."""
    citations: list[str] = []
    """Sources that support the question: `source` or `source#fact` ids from seeds/."""
    depends_on: DependsOn | None = None
    """When the question applies, as conditions on profile answers only."""
    allow_na: bool = False
    """Whether 'not applicable' is an accepted answer (never on gates)."""
    gate: Gate | None = None
    """Set when the question is a must-have; a failed gate caps its pillar (or, under the policy
    `gates: separate`, the overall level)."""
    next_step: Text = later({})
    """What to do when the answer falls short: for yes/no, select, percentage and number
    questions (maturity questions give it per level)."""
    context: bool = later(False)
    """Asked and recorded for context (shown in reports, usable in conditions and programmes),
    never scored."""

    @property
    def scored(self) -> bool:
        return not self.context


class MaturityQuestion(QuestionBase):
    type: Literal["maturity"]
    """Maturity on a 0-5 scale, one descriptor per level."""
    levels: list[Level]
    """Exactly six levels, 0 to 5, in order."""


class YesNoQuestion(QuestionBase):
    type: Literal["yes_no"]
    """Yes or no; yes scores 5."""


class PercentageQuestion(QuestionBase):
    type: Literal["percentage"]
    """A share from 0 to 100; scores value / 20, or by bands where linear is wrong."""
    bands: list[Band] | None = later(None)
    """Score bands, ascending by `from`; a band may score less than the one below it (an
    accelerator fleet at 100% utilisation is a fault, not the top)."""


class SingleSelectQuestion(QuestionBase):
    type: Literal["single"]
    """One option; scores its points."""
    options: list[Option]
    """The choices, at least two."""


class MultiSelectQuestion(QuestionBase):
    type: Literal["multi"]
    """Any number of options; scores 5 x chosen points / all points, or by `score_by`."""
    options: list[Option]
    """The choices, at least two."""
    score_by: Literal["share", "best"] = later("share")
    """'share': 5 x chosen points / all points (breadth); 'best': the points of the best option
    chosen, so that one suitable option is enough."""


class NumberQuestion(QuestionBase):
    type: Literal["number"]
    """A number within bounds; unscored unless it declares bands."""
    min: float | None = None
    """Smallest accepted value."""
    max: float | None = None
    """Largest accepted value."""
    unit: Text | None = None
    """Unit shown after the value."""
    bands: list[Band] | None = None
    """Score bands, ascending by `from`; without them the number is recorded, not scored."""

    @property
    def scored(self) -> bool:
        return bool(self.bands) and not self.context


class TextQuestion(QuestionBase):
    type: Literal["text"]
    """Free text; never scored."""
    max_length: int | None = Field(default=None, gt=0)
    """Longest accepted answer, in characters."""

    @property
    def scored(self) -> bool:
        return False


Question = Annotated[
    MaturityQuestion
    | YesNoQuestion
    | PercentageQuestion
    | SingleSelectQuestion
    | MultiSelectQuestion
    | NumberQuestion
    | TextQuestion,
    Field(discriminator="type"),
]
QUESTION_TYPES = ("maturity", "yes_no", "percentage", "single", "multi", "number", "text")


# --------------------------------------------------------------------------- structure


class CardGroup(Strict):
    """A repeatable group: the same few questions answered once per item (per typical scenario,
    per agent, per dataset), so that programmes judge each item rather than firm-wide averages.
    Card answers never enter pillar scores."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable group id, used in answer files and on the answer sheet."""
    name: Text
    """Display name of the group, e.g. typical scenarios."""
    item: Text
    """What one card describes, as a bare noun phrase (the texts add "一个" / "one"), e.g. typical scenario."""
    key: Text
    """The item key: the prompt for the name that identifies each card (unique in its group)."""
    description: Text = {}
    """What to enter and why it is asked per item."""
    max_cards: int = Field(default=30, ge=1, le=200)
    """Most cards a firm may enter in this group."""
    depends_on: DependsOn | None = None
    """When the group is asked, as conditions on profile answers."""
    questions: list[Question]
    """The questions asked on each card (no gates, no depends_on)."""


class Pillar(Strict):
    """A group of questions scored together, e.g. compute supply."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable pillar id."""
    name: Text
    """Display name."""
    description: Text = {}
    """What the pillar covers."""
    weight: float = 1.0
    """Relative weight in the overall score (> 0)."""
    target: float = Field(default=3.0, ge=0, le=5)
    """Default target score (0-5); an assessment may override it."""
    depends_on: DependsOn | None = later(None)
    """When the pillar applies at all, as conditions on profile answers; a pillar that does not
    apply is "not applicable" and leaves the overall figures and the programmes."""
    questions: list[Question]
    """The pillar's questions, in the order they are asked."""
    cards: list[CardGroup] = later([])
    """Repeatable groups asked with this pillar, answered once per item."""


class EvidenceState(str, Enum):
    """How well an answer is backed."""

    declared = "declared"
    documented = "documented"
    verified = "verified"


class LevelScale(Strict):
    """Named levels and the score each needs."""

    thresholds: list[float]
    """Score needed for each level, ascending, starting at 0 (one per level)."""
    names: list[Text]
    """Name of each level, same length as thresholds."""

    @model_validator(mode="after")
    def _consistent(self) -> LevelScale:
        if len(self.thresholds) != len(self.names):
            raise ValueError(f"{len(self.thresholds)} thresholds but {len(self.names)} names")
        if not self.thresholds or self.thresholds[0] != 0:
            raise ValueError("thresholds must start at 0")
        if any(b <= a for a, b in zip(self.thresholds, self.thresholds[1:])):
            raise ValueError("thresholds must be strictly ascending")
        if self.thresholds[-1] > 5:
            raise ValueError("thresholds must not exceed 5")
        return self


class ScoringPolicy(Strict):
    """How answers become scores; every number here is shown in reports."""

    levels: LevelScale
    """Level thresholds and names."""
    dont_know: Literal["zero", "exclude"] = "zero"
    """'zero': don't know scores 0 and counts; 'exclude': it leaves the denominator.

    Either way it fails a gate."""
    gate_cap: float = Field(default=1.0, ge=0, le=5)
    """Highest score a pillar can have while one of its gates fails (policy `gates: in_pillar`)."""
    gates: Literal["in_pillar", "separate"] = later("in_pillar")
    """'in_pillar': gate answers count in their pillar's mean and a failed gate caps the pillar.
    'separate': compliance apart from capability. Gate answers stay out of the pillar means; while
    any gate fails the overall level is capped at `gate_level_cap` ("compliance first"); a gate
    passed on a mere declaration is unconfirmed (it does not cap, but no programme counts it)."""
    gate_level_cap: int = later(2, ge=0, le=5)
    """Highest overall level while a gate fails (policy `gates: separate`)."""
    blank: Literal["leaves_out", "zero"] = later("leaves_out")
    """'leaves_out': an unanswered question leaves the denominator and a blank profile answer hides
    the questions that depend on it. 'zero': blank is never better than an honest answer. An
    unanswered question scores 0 and counts; a blank profile answer makes the questions, gates and
    pillars that depend on it apply, the questions counting 0 until it is given."""
    respondent_verifies: bool = later(True)
    """False: only a reviewer sets "verified"; a respondent's "verified" reads as documented."""
    documented_names_evidence: bool = later(False)
    """True: "documented" counts only when the answer names its document (an evidence reference);
    without one it counts as declared."""
    programmes_on: Literal["claimed", "evidenced"] = later("claimed")
    """'evidenced': programme criteria read evidenced pillar and overall figures and count a
    question only when its answer is at least documented."""
    evidence_discounts: dict[EvidenceState, float] = {
        EvidenceState.declared: 0.5,
        EvidenceState.documented: 0.8,
        EvidenceState.verified: 1.0,
    }
    """Factor applied to a question's score for the evidenced figure, per evidence state."""

    @field_validator("evidence_discounts")
    @classmethod
    def _all_states(cls, v: dict[EvidenceState, float]) -> dict[EvidenceState, float]:
        missing = [s.value for s in EvidenceState if s not in v]
        if missing:
            raise ValueError(f"missing discount for {', '.join(missing)}")
        bad = [f"{k.value}={x}" for k, x in v.items() if not 0 <= x <= 1]
        if bad:
            raise ValueError(f"discounts must lie in 0..1 ({', '.join(bad)})")
        return v


class Criterion(Strict):
    """One condition of a programme: on a question's answer, a pillar score, the overall score,
    or the gates. Give one test (equals, one_of, includes, at_least), or `gates`."""

    question: str | None = None
    """Question whose answer is tested (give this, or pillar, or neither for overall)."""
    pillar: str | None = None
    """Pillar whose score is tested with at_least."""
    gates: bool = later(False)
    """True: no gate fails and every applicable gate is confirmed (needs no test)."""
    equals: Scalar | None = None
    """The answer equals this value."""
    one_of: list[Scalar] | None = None
    """The answer is one of these values."""
    includes: list[str] | None = None
    """Multi select: at least one of these option ids is chosen."""
    at_least: float | None = None
    """The value, score or figure is at least this."""
    reason: Text
    """Why the programme asks for this."""

    @model_validator(mode="after")
    def _one_subject(self) -> Criterion:
        tests = [k for k in ("equals", "one_of", "includes", "at_least") if getattr(self, k) is not None]
        if self.gates:
            if self.question or self.pillar or tests:
                raise ValueError("a gates criterion takes no question, pillar or test")
            return self
        if len(tests) != 1:
            raise ValueError(
                f"give exactly one of equals, one_of, includes, at_least (got {', '.join(tests) or 'none'})"
            )
        if self.question and self.pillar:
            raise ValueError("a criterion tests a question or a pillar, not both")
        if self.question is None and tests[0] != "at_least":
            raise ValueError("pillar and overall criteria use at_least")
        return self

    @property
    def test(self) -> str:
        """The name of the test this criterion uses ('gates' for a gates criterion)."""
        if self.gates:
            return "gates"
        return next(k for k in ("equals", "one_of", "includes", "at_least") if getattr(self, k) is not None)

    @property
    def predicate(self) -> Predicate:
        """The criterion's test as a predicate on a value."""
        return Predicate(**{self.test: getattr(self, self.test)})


class CardRule(Strict):
    """A programme's per-item test: how many cards of a group must meet every card criterion."""

    group: str = Field(pattern=ID_PATTERN)
    """The card group whose cards are judged."""
    at_least: int = Field(default=1, ge=1)
    """How many cards must meet every criterion."""
    criteria: list[Criterion]
    """Tests on the card's own questions (question criteria only)."""


class Programme(Strict):
    """A named readiness check, e.g. for the benchmark-firm call."""

    id: str = Field(pattern=ID_PATTERN)
    """Stable programme id."""
    name: Text
    """Display name."""
    description: Text = {}
    """What the programme is and what readiness means."""
    citations: list[str] = []
    """Sources behind the programme."""
    criteria: list[Criterion]
    """All must hold for the firm to be ready."""
    cards: CardRule | None = later(None)
    """Set when the programme judges items (scenarios, agents, datasets) one card at a time."""


class QuestionMap(Strict):
    """How one question of an earlier release carries into this one."""

    old: str = Field(pattern=ID_PATTERN)
    """The question's id in the earlier release."""
    kind: Literal["same", "reworded", "split", "merged", "retyped", "removed"]
    """same: unchanged; reworded: same answer scale, new wording; split: the answer carries to
    several questions; merged: several questions become one (the first answer given wins);
    retyped: the answer scale changed (values maps it); removed: not carried."""
    to: list[str] = []
    """Ids in this release that receive the answer (empty when removed)."""
    values: dict[str, Scalar | list[str] | None] = {}
    """Old value (as written in an answer file, e.g. 'true', '3', an option id) -> new value;
    null means the value is not carried (a split gate's old "no" cannot say which part failed).
    Values not listed carry unchanged when still valid. Not used with same or removed."""
    why: Text = {}
    """Why it changed, in words a respondent understands."""

    @model_validator(mode="after")
    def _targets(self) -> QuestionMap:
        if self.kind == "removed" and self.to:
            raise ValueError("a removed question maps to nothing")
        if self.kind != "removed" and not self.to:
            raise ValueError(f"a {self.kind} question needs 'to'")
        return self


class Migration(Strict):
    """How answers to an earlier release carry into this one."""

    model_config = ConfigDict(populate_by_name=True)
    from_version: str = Field(alias="from", pattern=SEMVER)
    """The earlier release."""
    questions: list[QuestionMap]
    """Every question of the earlier release, profile included, once."""


class Questionnaire(Strict):
    """A released questionnaire: profile, pillars, scoring policy and programmes."""

    schema_: Literal["assess/questionnaire/1"] = Field(default=SCHEMA_ID, alias="schema")
    """Format id of this file."""
    id: str = Field(pattern=ID_PATTERN)
    """Questionnaire id, shared by all its versions."""
    version: str = Field(pattern=SEMVER)
    """Semantic version (MAJOR.MINOR.PATCH) of this release."""
    locales: list[str]
    """Locales every text provides; zh and en for bundled content."""
    title: Text
    """Title."""
    description: Text = {}
    """What the questionnaire assesses and for whom."""
    profile: list[Question]
    """Profile questions, asked first; only these may drive depends_on."""
    pillars: list[Pillar]
    """Scored pillars, in order."""
    scoring: ScoringPolicy
    """How answers become scores and levels."""
    programmes: list[Programme] = []
    """Readiness checks for named programmes."""
    migrations: list[Migration] = later([])
    """How answers to earlier releases carry into this one."""

    model_config = ConfigDict(populate_by_name=True)

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def all_questions(self) -> list[tuple[Pillar | None, QuestionBase]]:
        """Profile questions (pillar None), then each pillar's, in order."""
        out: list[tuple[Pillar | None, QuestionBase]] = [(None, q) for q in self.profile]
        for p in self.pillars:
            out.extend((p, q) for q in p.questions)
        return out

    def card_groups(self) -> list[tuple[Pillar, CardGroup]]:
        """Every repeatable group with the pillar it is asked with, in order."""
        return [(p, g) for p in self.pillars for g in p.cards]
