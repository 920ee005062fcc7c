"""A batch tells the same plant's answers sent twice by what was answered, not by how the file lists it."""

from __future__ import annotations

from assess.answers import Answer, Card
from assess.batch.duplicates import answers_key


def _reordered(answers):
    out = answers.model_copy(deep=True)
    out.answers = dict(reversed(list(out.answers.items())))
    return out


def test_the_same_answers_listed_in_another_order_are_the_same_plant(sample_answers):
    assert len(sample_answers.answers) > 2
    assert answers_key(_reordered(sample_answers)) == answers_key(sample_answers)


def test_where_it_was_left_off_does_not_count_but_every_answer_does(sample_answers):
    key = answers_key(sample_answers)
    moved = sample_answers.model_copy(deep=True)
    moved.session.question, moved.session.locale = "C01", "en"
    assert answers_key(moved) == key

    changed = sample_answers.model_copy(deep=True)
    first = next(iter(changed.answers))
    changed.answers[first] = changed.answers[first].model_copy(update={"note": "another plant's note"})
    assert answers_key(changed) != key

    renamed = sample_answers.model_copy(deep=True)
    renamed.company.name += " (2)"
    assert answers_key(renamed)[0] != key[0]
    assert answers_key(renamed)[1] == key[1]  # the same answers under another name: what a copied sheet shares


def test_card_groups_in_another_order_are_the_same_but_a_card_s_answer_is_not(sample_answers):
    a = sample_answers.model_copy(deep=True)
    a.cards = {"scenarios": [Card(key="Line 3", answers={"SC-KPI": Answer(value=12)})],
               "agents": [Card(key="QC agent")]}
    b = a.model_copy(deep=True)
    b.cards = dict(reversed(list(b.cards.items())))
    assert answers_key(b) == answers_key(a)
    b.cards["scenarios"][0].answers["SC-KPI"] = Answer(value=13)
    assert answers_key(b) != answers_key(a)


def test_a_card_s_answers_in_another_order_are_the_same(sample_answers):
    """An answer file lists a card's answers in the order they were given, which the app keeps."""
    a = sample_answers.model_copy(deep=True)
    a.cards = {"scenarios": [Card(key="Line 3", answers={"SC-KPI": Answer(value=12), "SC-AI": Answer(value=True)})]}
    b = a.model_copy(deep=True)
    b.cards["scenarios"][0].answers = dict(reversed(list(b.cards["scenarios"][0].answers.items())))
    assert answers_key(b) == answers_key(a)
