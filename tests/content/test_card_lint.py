"""`assess validate` on repeatable groups: each broken card group or card rule named with its path."""

from __future__ import annotations

import shutil

import yaml

from assess.content.lint import validate
from assess.text.messages import problem_text
from tests.conftest import DATA

CARDS = DATA / "sample" / "cards.yaml"


def _problems(tmp_path, edit) -> dict[str, str]:
    data = yaml.safe_load(CARDS.read_text("utf-8"))
    edit(data)
    shutil.copytree(CARDS.parent / "seeds", tmp_path / "seeds")
    path = tmp_path / "cards.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    found, _ = validate([path])
    return {p.where: problem_text(p, "en", file=False) for p in found}


def test_the_sample_with_cards_is_clean(tmp_path):
    assert _problems(tmp_path, lambda d: None) == {}


def test_a_group_without_an_item_key_is_refused_with_its_path(tmp_path):
    def edit(d):
        del d["pillars"][0]["cards"][0]["key"]

    where = "pillars[0].cards[0].key"
    assert _problems(tmp_path, edit) == {where: f"{where}: a required field is missing"}


def test_card_questions_and_rules_are_checked(tmp_path):
    def edit(d):
        group = d["pillars"][0]["cards"][0]
        group["questions"][1]["gate"] = {"basis": {"zh": "法", "en": "law"}, "pass_when": {"equals": True}}
        group["questions"][2]["id"] = "C01"  # an id a pillar question already has
        rule = next(p for p in d["programmes"] if p["id"] == "scenario_call")["cards"]
        rule["criteria"][1]["question"] = "C02"  # not a question of the group
        next(p for p in d["programmes"] if p["id"] == "agent_pilot")["cards"]["group"] = "robots"

    found = _problems(tmp_path, edit)
    assert "cannot be a gate" in found["pillars[0].cards[0].questions[1].gate"]
    assert "duplicate question id C01" in found["pillars[0].cards[0].questions[2].id"]
    rule_where = next(w for w in found if w.endswith(".cards.criteria[1]"))
    assert "tests a question of group scenarios only" in found[rule_where]
    group_where = next(w for w in found if w.endswith(".cards.group"))
    assert "unknown card group robots" in found[group_where]
