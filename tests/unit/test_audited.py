"""Audited figures: only a reviewer's decision makes an answer verified; accepted counts verified (with
the reviewer's corrected value), insufficient counts as declared, rejected counts 0; unreviewed answers
count as evidenced; and answer files without reviews keep their bytes and digests."""

from __future__ import annotations

import pytest

from assess.answers import Answer, Review
from assess.canonical import canonical_bytes
from assess.output.document import assessment_to_dict
from assess.rules import check_answers
from assess.scoring import score


def _with(answers, **reviews):
    out = answers.model_copy(deep=True)
    for qid, review in reviews.items():
        out.answers[qid] = out.answers[qid].model_copy(update={"review": review})
    return out


def test_without_a_review_there_is_no_audited_figure_and_the_file_is_unchanged(sample, sample_answers):
    q, _ = sample
    a = score(q, sample_answers)
    assert a.overall.audited is None and all(p.audited is None for p in a.pillars)
    doc = assessment_to_dict(a, "en", plan=False)
    assert doc["overall"]["audited"] is None
    assert "review" not in sample_answers.model_dump(mode="json")["answers"]["C01"]
    # an unreviewed answer dumps as before: the digest of every existing file stays what it was
    assert b"review" not in canonical_bytes(sample_answers)


def test_accepted_counts_as_verified_where_the_respondent_only_documented(sample, sample_answers):
    q, _ = sample
    before = score(q, sample_answers)
    after = score(q, _with(sample_answers, C01=Review(decision="accepted", by="Wang")))
    c01 = after.questions["C01"]
    assert c01.evidenced == pytest.approx(3 * 0.8) and c01.audited == pytest.approx(3.0)
    assert after.pillar("C").audited > after.pillar("C").evidenced
    # claimed and evidenced figures do not move: only the audited ones show the review
    assert after.overall.score == before.overall.score and after.overall.evidenced == before.overall.evidenced


def test_a_rejected_answer_lowers_the_audited_score(sample, sample_answers):
    q, _ = sample
    accepted = score(q, _with(sample_answers, C01=Review(decision="accepted")))
    rejected = score(q, _with(sample_answers, C01=Review(decision="rejected", comment="no plan on site")))
    assert rejected.questions["C01"].audited == 0.0
    assert rejected.overall.audited < accepted.overall.audited
    assert rejected.overall.audited < rejected.overall.evidenced


def test_insufficient_counts_as_declared(sample, sample_answers):
    q, _ = sample
    a = score(q, _with(sample_answers, C01=Review(decision="insufficient")))
    assert a.questions["C01"].audited == pytest.approx(3 * 0.5)  # documented, but the reviewer saw no backing


def test_the_reviewers_corrected_value_replaces_the_claimed_one(sample, sample_answers):
    q, _ = sample
    a = score(q, _with(sample_answers, C01=Review(decision="accepted", value=1)))
    assert a.questions["C01"].score == 3.0 and a.questions["C01"].audited == pytest.approx(1.0)


def test_a_corrected_value_the_question_refuses_counts_zero_and_is_reported(sample, sample_answers):
    q, _ = sample
    answers = _with(sample_answers, C01=Review(decision="accepted", value=9))
    assert score(q, answers).questions["C01"].audited == 0.0
    assert [p.where for p in check_answers(q, answers)] == ["answers.C01.review.value"]


def test_a_rejected_gate_caps_its_pillars_audited_score(sample, sample_answers):
    q, _ = sample
    answers = sample_answers.model_copy(deep=True)
    answers.answers["G03"] = Answer(value=["encrypt", "access", "audit"], evidence_state="verified")
    plain = score(q, answers)
    assert not plain.pillar("G").gates_failed
    a = score(q, _with(answers, G01=Review(decision="rejected")))
    assert a.pillar("G").audited <= q.scoring.gate_cap < plain.pillar("G").score
    assert a.pillar("G").score == plain.pillar("G").score  # the claimed gate still passes


def test_a_review_travels_in_the_json_output(sample, sample_answers):
    q, _ = sample
    doc = assessment_to_dict(score(q, _with(sample_answers, C01=Review(decision="rejected", by="Wang",
                                                                          comment="not seen"))), "zh", plan=False)
    c01 = next(x for x in doc["questions"] if x["id"] == "C01")
    assert c01["review"]["decision"] == "rejected" and c01["review"]["by"] == "Wang" and c01["audited"] == 0.0
    assert doc["overall"]["audited"] is not None
