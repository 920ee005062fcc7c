"""What is computed once per questionnaire follows the questionnaire object it was computed from: a
changed copy, even one that compares equal until it is changed, gets its own hash and index."""

from __future__ import annotations

from assess.memo import per_object
from assess.rules import question_index
from assess.scoring import questionnaire_sha256


def test_a_changed_copy_of_a_questionnaire_has_its_own_hash_and_index(sample):
    q, h = sample
    assert questionnaire_sha256(q) == h
    renamed = q.model_copy(update={"id": "sample-copy"})
    assert questionnaire_sha256(renamed) != h
    fewer = q.model_copy(update={"profile": q.profile[1:]})
    assert q.profile[0].id in question_index(q) and q.profile[0].id not in question_index(fewer)
    assert questionnaire_sha256(q) == h  # the original is still what it was


def test_kept_by_identity_and_arguments_and_forgotten_past_the_limit():
    calls = []

    @per_object(2)
    def shout(words: list[str], mark: str = "!") -> str:  # the mark is given by position
        calls.append(len(calls))
        return " ".join(words).upper() + mark

    a, b = ["ni", "hao"], ["ni", "hao"]
    assert shout(a) == shout(a) == "NI HAO!" and len(calls) == 1
    assert shout(b) == "NI HAO!" and len(calls) == 2  # equal, but another object
    assert shout(a, "?") == "NI HAO?" and len(calls) == 3  # another argument; the limit was reached
    assert shout(a) == "NI HAO!" and len(calls) == 4  # forgotten with the rest, computed again
