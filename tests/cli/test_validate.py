"""`assess validate` names every problem of each broken sample, with file and place."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assess.cli import main
from tests.conftest import DATA

BROKEN = DATA / "sample" / "broken"

EXPECTED = {
    "schema-error": ["pillars[0].questions[0].colour: unknown field", "pillars[1].weight:"],
    "unknown-type": ["pillars[0].questions[1]: unknown type slider"],
    "duplicate-id": ["pillars[1].questions[1].id: duplicate question id C01"],
    "duplicate-label": ["pillars[1].questions[1].options: options none and policy are both labelled '无'",
                        "option certified is labelled 'policy', the id of option policy",
                        "options encrypt and access are both labelled 'Encryption'"],  # in two languages
    "unresolved-citation": ["no source nowhere", "source plan has no fact t9"],
    "depends-unknown": ["depends_on.all[0]: unknown question P-NOPE"],
    "depends-not-profile": ["C03 is not a profile question"],
    "depends-impossible": ["depends_on.all[0]: the profile question P-SIZE has no option huge"],
    "depends-cycle": ["depends_on cycle: P-SIZE → P-EXPORT → P-SIZE"],
    "missing-locale": ["pillars[0].questions[2].prompt: missing or empty locale zh"],
    "five-levels": ["pillars[0].questions[0].levels: 5 levels, 6 are needed"],
    "zero-weight": ["pillars[1].weight: a weight must be above 0",
                    "pillars[0].questions[1].weight: a weight must be above 0"],
    "gate-allows-na": ["pillars[1].questions[0].allow_na: a gate cannot allow 'not applicable'"],
}


def test_every_broken_sample_is_covered():
    assert {p.stem for p in BROKEN.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_names_each_problem(name, capsys):
    assert main(["validate", str(BROKEN / f"{name}.yaml")]) == 1
    err = capsys.readouterr().err
    for fragment in EXPECTED[name]:
        assert fragment in err
    assert f"{name}.yaml" in err and "Traceback" not in err


def test_validate_collects_problems_across_files(capsys):
    assert main(["validate", str(BROKEN)]) == 1
    err = capsys.readouterr().err
    assert all(f"{name}.yaml" in err for name in EXPECTED)


def test_clean_sample_passes(capsys):
    assert main(["validate", str(DATA / "sample")]) in (0, 1)  # the folder holds broken/ too
    assert main(["validate", str(DATA / "sample" / "questionnaire.yaml")]) == 0
    assert "all valid" in capsys.readouterr().out


def test_changed_release_is_caught(capsys):
    assert main(["validate", str(DATA / "released" / "sample" / "1.0.0.yaml")]) == 1
    assert "the released sample@1.0.0 changed" in capsys.readouterr().err


def test_bundled_content_is_valid(capsys):
    code = main(["validate"])
    captured = capsys.readouterr()
    assert code == 0, captured.err


def test_usage_error_exits_2(capsys):
    assert main(["validate", "--no-such-flag"]) == 2
    assert main(["no-such-command"]) == 2


def test_no_arguments_off_a_terminal_prints_help_and_exits_2():
    r = subprocess.run([sys.executable, "-m", "assess"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert r.returncode == 2 and "usage: assess" in r.stderr


def test_schema_describes_the_questionnaire_and_answers(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == "assess/questionnaire/1"
    assert "pillars" in schema["properties"] and schema["additionalProperties"] is False
    assert main(["schema", "--answers"]) == 0
    answers = json.loads(capsys.readouterr().out)
    assert "history" in answers["properties"]


def test_a_broken_questionnaire_named_by_path_is_refused_everywhere(tmp_path, capsys):
    assert main(["template", "-q", str(BROKEN / "five-levels.yaml"), "-o", str(tmp_path / "t.xlsx")]) == 1
    assert "5 levels, 6 are needed" in capsys.readouterr().err
    assert not (tmp_path / "t.xlsx").exists()


def test_an_empty_folder_is_a_problem_not_a_pass(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "no questionnaire or seed files" in capsys.readouterr().err


def test_an_unknown_language_is_a_usage_error(monkeypatch, capsys):
    monkeypatch.setenv("ASSESS_LANG", "fr")
    assert main(["list"]) in (0,)  # list shows no localised text
    assert main(["score", str(DATA / "nowhere.json")]) == 2
    assert "ASSESS_LANG='fr'" in capsys.readouterr().err
