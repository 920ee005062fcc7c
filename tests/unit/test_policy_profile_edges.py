"""Questionnaire 1.1.0 (blank counts, programmes on evidence): a profile answer that cannot be used
decides nothing, neither whether a gate applies nor whether a programme may read an answer."""

from __future__ import annotations

from pathlib import Path

from assess.answers import Answer, AnswerSet, QuestionnaireRef
from assess.content.bundled import load_questionnaire
from assess.model import EvidenceState
from assess.plan import programmes
from assess.scoring import score

REAL = Path(__file__).resolve().parents[2] / "questionnaires" / "ai-manufacturing-2027" / "1.1.0.yaml"
Q, H = load_questionnaire(REAL)


def _answers(values: dict[str, object]) -> AnswerSet:
    return AnswerSet(
        questionnaire=QuestionnaireRef(id=Q.id, version=Q.version, sha256=H),
        answers={k: Answer(value=v, evidence_state=EvidenceState.documented, evidence=[f"{k}.pdf"])
                 for k, v in values.items()},
    )


def test_a_profile_answer_its_question_refuses_leaves_the_gates_applying_as_a_blank_does():
    # D18-D20 (personal data gates) apply when PR-PI is yes; "yes" typed as text is no answer to a
    # yes/no question: the gates must stay, failed while unanswered, not vanish as for an honest no.
    blank = score(Q, _answers({}))
    refused = score(Q, _answers({"PR-PI": "yes"}))
    for gid in ("D18", "D19", "D20"):
        assert blank.questions[gid].status == "unanswered"
        assert refused.questions[gid].status == "unanswered", gid
        assert "PR-PI" in refused.questions[gid].waits_on, gid
    assert [f.question for f in refused.gates_failed] == [f.question for f in blank.gates_failed]


def test_a_programme_does_not_read_an_answer_whose_question_waits_on_a_blank_profile_answer():
    # A02 applies only to a firm with agents (PR-AGENTS). Left blank, A02 counts 0 until it is given;
    # the industrial-agent programme may not take its level 5 as met meanwhile.
    def a02(values: dict[str, object]):
        prog = next(p for p in programmes(score(Q, _answers(values))) if p.id == "industrial-agent")
        return next(c for c in prog.criteria if c.subject == "A02")

    assert a02({"PR-AGENTS": True, "A02": 5}).met
    assert not a02({"PR-AGENTS": False, "A02": 5}).met
    waiting = a02({"A02": 5})
    assert not waiting.met and waiting.actual is None


def test_cards_asked_only_because_a_profile_answer_is_blank_meet_nothing():
    from assess.answers import Answer, AnswerSet, Card
    from assess.content.bundled import ref_of, resolve
    from assess.plan import programmes
    from assess.scoring import score

    q, h = resolve("ai-manufacturing-2027@1.1.0")
    doc = lambda v: Answer(value=v, evidence_state="documented", evidence=["记录.pdf"])  # noqa: E731
    card = Card(key="排产智能体", answers={"AG-DEPTH": doc(5), "AG-OT": doc(True), "AG-DONE": doc(95),
                                           "AG-BOUNDARY": doc(True), "AG-LOG": doc(True), "AG-API": doc(True)})
    ref = ref_of(q, h)
    blank = score(q, AnswerSet(questionnaire=ref, cards={"agents": [card]}))
    (agent,) = [p for p in programmes(blank) if p.id == "industrial-agent"]
    assert agent.cards == [] and agent.cards_met == 0
    told = score(q, AnswerSet(questionnaire=ref, answers={"PR-AGENTS": doc(True)}, cards={"agents": [card]}))
    (agent,) = [p for p in programmes(told) if p.id == "industrial-agent"]
    assert agent.cards_met == 1
