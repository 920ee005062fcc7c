"""Which questions a firm is asked is one rule, whether it is decided for one question (the app) or
for all at once (the answer sheet): both agree for any profile, blank and "don't know" included."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assess.answers import Answer, AnswerSet
from assess.content.bundled import load_questionnaire, ref_of
from assess.model import MultiSelectQuestion, SingleSelectQuestion, YesNoQuestion
from assess.rules import asked, asked_ids, question_index

RELEASES = sorted((Path(__file__).resolve().parents[2] / "questionnaires" / "ai-manufacturing-2027").glob("*.yaml"))


def _profile(q, rng: random.Random) -> dict[str, Answer]:
    out = {}
    for x in q.profile:
        pick = rng.random()
        if pick < 0.2:
            continue  # left blank
        if pick < 0.3:
            out[x.id] = Answer(status="dont_know")
        elif isinstance(x, YesNoQuestion):
            out[x.id] = Answer(value=rng.random() < 0.5)
        elif isinstance(x, SingleSelectQuestion):
            out[x.id] = Answer(value=rng.choice(x.options).id)
        elif isinstance(x, MultiSelectQuestion):
            only = [o.id for o in x.options if o.exclusive]  # "none of these"
            out[x.id] = Answer(value=only[:1] if only and rng.random() < 0.4 else
                               [o.id for o in x.options if rng.random() < 0.4 and not o.exclusive])
    return out


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.stem)
def test_all_at_once_asks_what_one_by_one_asks(path):
    q, h = load_questionnaire(path)
    by_id = question_index(q)
    rng = random.Random(path.stem)
    seen = set()
    for _ in range(40):
        answers = AnswerSet(questionnaire=ref_of(q, h), answers=_profile(q, rng))
        one_by_one = {x.id for _, x in q.all_questions() if asked(q, x, answers, by_id)}
        assert asked_ids(q, answers, by_id) == one_by_one
        seen.add(len(one_by_one))
    assert len(seen) > 3  # the profiles drawn ask different questions
