"""Questionnaire 1.1.0 (blank counts, programmes on evidence): a profile answer that cannot be used
decides nothing, neither whether a gate applies nor whether a programme may read an answer."""

from __future__ import annotations

from pathlib import Path

from assess.answers import Answer, AnswerSet, QuestionnaireRef
from assess.content.bundled import load_questionnaire
from assess.model import EvidenceState
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

