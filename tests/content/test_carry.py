"""Which later release an answer file carries into, and through which releases: a table may start
from the release just before it only, so 1.0.0 reaches 1.2.0 through 1.1.0."""

from __future__ import annotations

import pytest

from assess.answers import Answer, AnswerSet, Card
from assess.content import carry
from assess.content.bundled import ref_of
from assess.migrate import MigrationError, migrate
from tests.migration_cases import AT, load, v1_answers, v1_data, v2_data


def v3_data() -> dict:
    d = v2_data()
    d["version"] = "1.2.0"
    d["pillars"][0]["questions"][0]["id"] = "C01-NEW"
    table = [{"old": m, "kind": "same", "to": [m]} for m in
             ["P-SIZE", "P-EXPORT", "P-ROLES", "C02", "C03a", "C03b", "C45", "G01", "G02", "G03", "G04", "D01"]]
    table.append({"old": "C01", "kind": "same", "to": ["C01-NEW"]})
    d["migrations"] = [{"from": "1.1.0", "questions": table}]
    return d


@pytest.fixture
def chain(monkeypatch):
    v1, v2, v3 = load(v1_data()), load(v2_data()), load(v3_data())
    monkeypatch.setattr(carry, "_later", lambda q: [c for c in (v2, v3) if c[0].version > q.version])
    return v1, v2, v3


def test_answers_reach_the_newest_release_through_the_ones_between(chain):
    (q1, h1), (q2, _), (q3, h3) = chain
    assert carry.steps(q1, (q3, h3), [chain[1]]) == [chain[1], chain[2]]
    assert carry.newest_for(q1) == chain[2] and carry.newest_for(q2) == chain[2] and carry.newest_for(q3) is None
    done = carry.carry_forward(q1, v1_answers(q1, h1), at=AT)
    assert done.through == ["sample@1.1.0", "sample@1.2.0"] and done.sha256 == h3
    assert done.answers.questionnaire.version == "1.2.0"
    assert done.answers.answers["C01-NEW"].value == 3
    assert [c.old for c in done.answers.history if c.question == "C01-NEW"] == ["migrated from C01@1.1.0"]
    assert {n.where for n in done.not_carried} >= {"answers.ZZ9", "answers.G05", "answers.C04"}


def test_no_chain_is_an_error(chain, monkeypatch):
    (q1, h1), _, (q3, h3) = chain
    assert carry.steps(q1, (q3, h3), []) is None
    monkeypatch.setattr(carry, "_later", lambda q: [])  # 1.1.0, the step between, is not at hand
    with pytest.raises(MigrationError) as e:
        carry.carry_forward(q1, v1_answers(q1, h1), (q3, h3), at=AT)
    assert e.value.message.key == "migrate.no_table"
    with pytest.raises(MigrationError) as e:
        carry.carry_forward(q3, v1_answers(q1, h1), at=AT)
    assert e.value.message.key == "migrate.nothing_newer"


def test_cards_carry_for_groups_that_remain_each_answer_checked():
    group = {"id": "scenarios", "name": {"zh": "典型场景", "en": "Typical scenarios"},
             "item": {"zh": "场景", "en": "scenario"}, "key": {"zh": "场景名称", "en": "Scenario name"},
             "questions": [{"id": "S01", "type": "yes_no", "prompt": {"zh": "已上线？", "en": "In production?"}},
                           {"id": "S02", "type": "percentage", "prompt": {"zh": "覆盖率", "en": "Coverage"}}]}
    agents = dict(group, id="agents", questions=[group["questions"][0]])
    d1, d2 = v1_data(), v2_data()
    d1["pillars"][0]["cards"] = [group, agents]
    d2["pillars"][0]["cards"] = [dict(group, questions=[group["questions"][0]])]
    (q1, h1), (q2, h2) = load(d1), load(d2)
    old = AnswerSet(questionnaire=ref_of(q1, h1), cards={
        "scenarios": [Card(key="视觉质检", answers={"S01": Answer(value=True, evidence_state="verified"),
                                                "S02": Answer(value=60)})],
        "agents": [Card(key="排产助手"), Card(key="客服助手")]})
    new, notices = migrate(q1, q2, old, h2, at=AT)
    (card,) = new.cards["scenarios"]
    assert card.key == "视觉质检" and set(card.answers) == {"S01"}
    assert card.answers["S01"].evidence_state.value == "documented"
    assert "agents" not in new.cards
    dropped = {n.where for n in notices if not n.carried}
    assert dropped == {"cards.scenarios[0].answers.S02", "cards.agents"}
    assert any(c.question == "cards.scenarios.视觉质检.S01" for c in new.history)
