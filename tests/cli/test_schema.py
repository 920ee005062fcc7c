"""`assess schema` publishes JSON Schemas that accept the real files, and reject broken ones."""

from __future__ import annotations

import json

import jsonschema
import pytest

from assess.cli import main
from assess.content.answer_file import answers_json
from assess.content.bundled import releases
from assess.content.yaml_file import read_yaml
from tests.conftest import SAMPLE


def schema_of(capsys, *flags: str) -> dict:
    assert main(["schema", *flags]) == 0
    return json.loads(capsys.readouterr().out)


def test_questionnaire_schema_accepts_shipped_and_sample_yaml(capsys):
    validator = jsonschema.Draft202012Validator(schema_of(capsys))
    files = [r.path for r in releases()] + [SAMPLE]
    assert len(files) >= 2
    for path in files:
        errors = [e.message for e in validator.iter_errors(read_yaml(path))]
        assert errors == [], path


def test_questionnaire_schema_rejects_unknown_fields(capsys):
    validator = jsonschema.Draft202012Validator(schema_of(capsys))
    data = read_yaml(SAMPLE)
    data["pillars"][0]["colour"] = "red"
    assert not validator.is_valid(data)


def test_answer_schema_accepts_a_saved_answer_file(capsys, sample_answers):
    validator = jsonschema.Draft202012Validator(schema_of(capsys, "--answers"))
    document = json.loads(answers_json(sample_answers))
    assert [e.message for e in validator.iter_errors(document)] == []
    document["answers"]["C01"]["status"] = "maybe"
    assert not validator.is_valid(document)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assessment_schema_accepts_score_json(capsys, tmp_path, sample_answers, lang):
    from assess.content.answer_file import save_answers

    path = tmp_path / "a.json"
    save_answers(path, sample_answers)
    validator = jsonschema.Draft202012Validator(schema_of(capsys, "--assessment"))
    assert main(["score", str(path), "-q", str(SAMPLE), "--json", "--lang", lang]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [e.message for e in validator.iter_errors(document)] == []
