"""Programme readiness: each named programme's criteria, judged on an assessment.

Under the policy `programmes_on: evidenced` (questionnaire 1.1.0) a programme is judged on what
the firm can show: pillar and overall criteria read the evidenced figures, and a question counts
only when its answer is at least documented. A `gates` criterion holds when no gate fails and
every applicable gate is confirmed. A pillar the profile rules out is not applicable: a criterion
on it is met and says so. A programme with a card rule also needs that many cards (typical
scenarios, agents, datasets) that each meet every card criterion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assess.answers import Answer, Value
from assess.model import CardGroup, Criterion, EvidenceState, Pillar, QuestionBase, Questionnaire, ScoringPolicy
from assess.rules import applies, check_value, counted_state, decide, group_applies, holds, question_index
from assess.scoring import Assessment, reaches

Kind = Literal["question", "pillar", "overall", "gates"]


@dataclass(slots=True)
class CriterionResult:
    index: int
    kind: Kind
    subject: str | None
    """Question or pillar id; None for the overall score and the gates."""
    test: str
    expected: object
    actual: Value
    """The value or figure read (None when there is none); for gates, the ids that fail or are
    unconfirmed."""
    met: bool
    not_applicable: bool = False
    """A pillar the profile rules out: the criterion is met because it does not apply."""
    unbacked: bool = False
    """The answer would meet the criterion but is only declared (policy `programmes_on: evidenced`)."""


@dataclass(slots=True)
class CardResult:
    """One card judged against a programme's card criteria."""

    group: str
    key: str
    criteria: list[CriterionResult]
    """One per criterion of the rule, in order; `actual` is the card's answer as read."""

    @property
    def met(self) -> bool:
        return all(c.met for c in self.criteria)


@dataclass(slots=True)
class ProgrammeResult:
    id: str
    ready: bool
    criteria: list[CriterionResult]
    cards: list[CardResult] = field(default_factory=list)
    """Each card of the programme's group, judged (empty without a card rule)."""
    cards_needed: int = 0
    """How many cards must meet every card criterion (0 without a card rule)."""

    @property
    def failed(self) -> list[CriterionResult]:
        return [c for c in self.criteria if not c.met]

    @property
    def cards_met(self) -> int:
        return sum(1 for c in self.cards if c.met)


def programmes(a: Assessment) -> list[ProgrammeResult]:
    """Each programme of the questionnaire, judged on `a`: ready when every criterion holds and,
    with a card rule, enough cards meet every card criterion."""
    q = a.questionnaire
    by_id = question_index(q)
    evidenced = q.scoring.programmes_on == "evidenced"
    out = []
    for prog in q.programmes:
        results = [_criterion(a, by_id, i, c, evidenced) for i, c in enumerate(prog.criteria)]
        cards: list[CardResult] = []
        needed = 0
        if prog.cards is not None:
            needed = prog.cards.at_least
            found = next(((p, g) for p, g in q.card_groups() if g.id == prog.cards.group), None)
            if found is not None and _judged(q, found[0], found[1], a, by_id):
                group = found[1]
                cards = [
                    CardResult(group.id, card.key, [_card_criterion(group, card.answers, i, c, evidenced, q.scoring)
                                                    for i, c in enumerate(prog.cards.criteria)])
                    for card in a.answers.cards.get(group.id, [])
                ]
        ready = all(r.met for r in results) and sum(1 for c in cards if c.met) >= needed
        out.append(ProgrammeResult(prog.id, ready, results, cards, needed))
    return out


def _judged(q: Questionnaire, pillar: Pillar, group: CardGroup, a: Assessment, by_id: dict[str, QuestionBase]) -> bool:
    """Whether a programme judges a group's cards: the group is asked, and not only because a profile
    answer that decides it is blank (then its cards meet nothing, as a blank is never better)."""
    if not group_applies(q, pillar, group, a.answers, by_id):
        return False
    blank_applies = q.scoring.blank == "zero"
    return not any(decide(dep, a.answers, by_id, blank_applies)[1] for dep in (pillar.depends_on, group.depends_on))


def card_results(a: Assessment) -> dict[str, list[CardResult]]:
    """Each programme with a card rule: its group's cards, each judged, in the order entered (an
    empty list where the profile does not ask for the group: the rule cannot be met)."""
    rules = {p.id for p in a.questionnaire.programmes if p.cards is not None}
    return {r.id: r.cards for r in programmes(a) if r.id in rules}


def cards_meeting(results: list[CardResult]) -> int:
    """How many cards meet every criterion of their rule."""
    return sum(1 for r in results if r.met)


def _criterion(a: Assessment, by_id: dict[str, QuestionBase], i: int, c: Criterion, evidenced: bool) -> CriterionResult:
    if c.gates:
        blocking = [f.question for f in a.gates_failed]
        blocking += [r.id for r in a.questions.values() if r.unconfirmed]
        return CriterionResult(i, "gates", None, "gates", True, blocking or None, not blocking)  # type: ignore[arg-type]
    test = c.test
    expected = getattr(c, test)
    if c.question is not None:
        question = by_id.get(c.question)
        value, backed = _usable(a, question, c.question) if question is not None else (None, False)
        passes = question is not None and holds(c, question, value)
        unbacked = passes and evidenced and not backed
        return CriterionResult(i, "question", c.question, test, expected, value, passes and not unbacked,
                               unbacked=unbacked)
    if c.pillar is not None:
        try:
            p = a.pillar(c.pillar)
        except KeyError:
            return CriterionResult(i, "pillar", c.pillar, test, expected, None, False)
        if not p.applicable:
            return CriterionResult(i, "pillar", c.pillar, test, expected, None, True, not_applicable=True)
        actual = p.evidenced if evidenced else p.score
        return CriterionResult(i, "pillar", c.pillar, test, expected, actual, reaches(actual, c.at_least))  # type: ignore[arg-type]
    actual = a.overall.evidenced if evidenced else a.overall.score
    return CriterionResult(i, "overall", None, test, expected, actual, reaches(actual, c.at_least))  # type: ignore[arg-type]


def _backed(policy: ScoringPolicy, answer: Answer | None, a: Assessment | None = None, qid: str = "") -> bool:
    """Whether an answer counts as at least documented (`rules.counted_state`; a pillar question as
    scoring counted it)."""
    if a is not None and qid in a.questions:
        state = a.questions[qid].evidence_state
    else:
        state = counted_state(policy, answer)[0] if answer is not None else None
    return state in (EvidenceState.documented, EvidenceState.verified)


def _usable(a: Assessment, question: QuestionBase, qid: str) -> tuple[Value, bool]:
    """The value a criterion may read (None when the question does not apply, waits on a blank
    profile answer, or the answer is not valid) and whether it is backed by at least a document."""
    answer = a.answers.answers.get(qid)
    r = a.questions.get(qid)
    if r is not None:
        if r.waits_on:  # applies only because a profile answer is blank: it counts 0, so it meets nothing
            return None, False
        return (r.value if r.status == "answered" else None), _backed(a.questionnaire.scoring, answer, a, qid)
    # a profile question
    if answer is None or answer.status != "answered" or answer.value is None:
        return None, False
    if not applies(question, a.answers, question_index(a.questionnaire)):
        return None, False
    if check_value(question, answer.value) is not None:
        return None, False
    return answer.value, _backed(a.questionnaire.scoring, answer)


def _card_criterion(group: CardGroup, answers: dict[str, Answer], i: int, c: Criterion,
                    evidenced: bool, policy: ScoringPolicy) -> CriterionResult:
    question = next((x for x in group.questions if x.id == c.question), None)
    answer = answers.get(c.question or "")
    value: Value = None
    if question is not None and answer is not None and answer.status == "answered" and answer.value is not None \
            and check_value(question, answer.value) is None:
        value = answer.value
    passes = question is not None and holds(c, question, value)
    unbacked = passes and evidenced and not _backed(policy, answer)
    return CriterionResult(i, "question", c.question, c.test, getattr(c, c.test), value, passes and not unbacked,
                           unbacked=unbacked)
