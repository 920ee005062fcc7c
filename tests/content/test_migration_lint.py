"""`assess validate` on migration tables and on conditions that name a profile value that does not
exist: each problem named with its path in the YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assess.cli import main
from assess.content.bundled import questionnaires_dir
from assess.content.lint import validate
from assess.text.messages import problem_text
from tests.conftest import SAMPLE
from tests.migration_cases import v1_data, v2_data, write


def problems_of(path: Path) -> dict[str, list[str]]:
    found, _ = validate([path])
    out: dict[str, list[str]] = {}
    for p in found:
        out.setdefault(p.where, []).append(problem_text(p, "en", file=False))
    return out


@pytest.fixture
def seeded(tmp_path):
    """A folder for releases, with the sample's sources beside them (citations resolve)."""
    shutil.copytree(SAMPLE.parent / "seeds", tmp_path / "seeds")
    return tmp_path


@pytest.fixture
def folder(seeded):
    """A questionnaires folder holding the earlier release the table starts from."""
    write(seeded, v1_data())
    return seeded


def test_a_good_table_passes(folder):
    assert problems_of(write(folder, v2_data())) == {}


def test_a_broken_table_is_named_entry_by_entry(folder):
    data = v2_data()
    maps = data["migrations"][0]["questions"]
    maps[3]["to"] = ["C99"]                                  # C01 → a question this release lacks
    maps[4]["old"] = "C-NOPE"                                # an id 1.0.0 does not have (and C02 goes unlisted)
    maps.append({"old": "G04", "kind": "same", "to": ["G04"]})  # listed twice
    maps[0]["values"] = {"medium": "sme", "large": "huge"}   # a key 1.0.0 cannot hold; a value 1.1.0 refuses
    maps[1]["values"] = {"true": False}                      # values on a map that ignores them
    maps[11]["to"] = ["G04", "G01"]                          # same, to two
    found = problems_of(write(folder, data))
    assert "this release, sample@1.1.0, has no question C99" in found["migrations[0].questions[3].to[0]"][0]
    assert "sample@1.0.0 has no question C-NOPE" in found["migrations[0].questions[4].old"][0]
    assert "G04 is already listed (at migrations[0].questions[11])" in found["migrations[0].questions[13].old"][0]
    assert any("the question C02 of sample@1.0.0 is not listed" in x for x in found["migrations[0].questions"])
    assert "“medium” is not an answer P-SIZE can have" in found["migrations[0].questions[0].values.medium"][0]
    assert "“huge” is not an answer P-SIZE accepts" in found["migrations[0].questions[0].values.large"][0]
    assert "carries answers unchanged, so values would be ignored" in found["migrations[0].questions[1].values"][0]
    assert "kind: same maps to one question" in found["migrations[0].questions[11].to"][0]


def test_a_table_is_checked_against_this_release_even_without_the_earlier_one(seeded):
    data = v2_data()
    data["migrations"][0]["questions"][3]["to"] = ["C99"]
    data["migrations"][0]["from"] = "1.2.0"
    found = problems_of(write(seeded, data))  # 1.0.0 is not at hand: its ids cannot be checked
    assert "has no question C99" in found["migrations[0].questions[3].to[0]"][0]
    assert "from 1.2.0 is not earlier than this release" in found["migrations[0].from"][0]
    assert not any(".old" in w for w in found)


def test_same_for_a_question_whose_type_changed_asks_for_retyped(folder):
    data = v2_data()
    data["pillars"][0]["questions"][1]["type"] = "number"   # C02 was a percentage
    found = problems_of(write(folder, data))
    assert "C02 changed type from percentage to number" in found["migrations[0].questions[4].kind"][0]


def test_a_condition_on_a_profile_value_that_does_not_exist_is_named(seeded):
    """On a gate (its trigger), on a pillar and on a card group: each would never apply."""
    data = v1_data()
    gate = data["pillars"][1]["questions"][0]
    gate["depends_on"] = {"all": [{"question": "P-SIZE", "equals": "medium"}]}
    data["pillars"][0]["depends_on"] = {"any": [{"question": "P-ROLES", "includes": ["user", "operator"]}]}
    data["pillars"][1]["cards"] = [{
        "id": "scenarios", "name": {"zh": "典型场景", "en": "Typical scenarios"},
        "item": {"zh": "场景", "en": "scenario"}, "key": {"zh": "场景名称", "en": "Scenario name"},
        "depends_on": {"all": [{"question": "P-SIZE", "one_of": ["large", "giant"]}]},
        "questions": [{"id": "S01", "type": "yes_no", "prompt": {"zh": "已上线？", "en": "In production?"}}]}]
    found = problems_of(write(seeded, data))
    assert "the profile question P-SIZE has no option medium" in found["pillars[1].questions[0].depends_on.all[0]"][0]
    assert "P-ROLES has no option operator" in found["pillars[0].depends_on.any[0]"][0]
    assert "P-SIZE has no option giant" in found["pillars[1].cards[0].depends_on.all[0]"][0]


def test_validate_prints_each_with_its_path(folder, capsys):
    data = v2_data()
    data["migrations"][0]["questions"][5]["to"] = ["C03a", "C03z"]
    data["pillars"][2]["depends_on"] = {"all": [{"question": "P-SIZE", "equals": "small"}]}  # sme now
    path = write(folder, data)
    assert main(["validate", str(path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "1.1.0.yaml: migrations[0].questions[5].to[1]: this release, sample@1.1.0, has no question C03z" in err
    assert "pillars[2].depends_on.all[0]: the profile question P-SIZE has no option small" in err


def test_the_bundled_1_1_0_table_fits_both_releases():
    path = questionnaires_dir() / "ai-manufacturing-2027" / "1.1.0.yaml"
    found, _ = validate([path])
    assert [p.code for p in found if p.code != "content.not_locked"] == []
