"""The assessment JSON: its shape matches the published schema, and it is language-neutral."""

from __future__ import annotations

import json

from hypothesis import given, settings
from scoring_cases import DK, NA, answer_sets, make, sample

from assess.output.document import FORMAT_VERSION, assessment_to_dict, comparison_to_dict, trace_to_dict
from assess.output.schema import AssessmentOut, ComparisonOut, TraceOut, assessment_json_schema
from assess.plan import compare, explain
from assess.scoring import questionnaire_sha256, score

Q = sample()
VALUES = {"P-EXPORT": True, "C01": 2, "C02": DK, "C05": 45, "G01": False, "G02": NA, "G03": ["encrypt"],
          "G04": True, "G05": "备注"}
LOCALISED = {"name", "text"}


def _walk(a, b, path=""):
    """Paths where two dicts differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), path
        for k in a:
            yield from _walk(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            yield from _walk(x, y, f"{path}[{i}]")
    elif a != b:
        yield path


def test_dict_validates_against_the_schema_and_round_trips():
    a = score(Q, make(Q, VALUES))
    d = assessment_to_dict(a, "en")
    assert d["format_version"] == FORMAT_VERSION
    assert d["questionnaire"] == {"id": "sample", "version": "1.0.0", "sha256": questionnaire_sha256(Q),
                                  "name": "Sample questionnaire"}
    model = AssessmentOut.model_validate(d)
    assert model.model_dump(by_alias=True) == d
    assert json.loads(json.dumps(d)) == d


@given(answer_sets(Q))
@settings(max_examples=100, deadline=None)
def test_every_assessment_validates(answers):
    d = assessment_to_dict(score(Q, answers), "zh")
    AssessmentOut.model_validate(d)
    json.dumps(d, allow_nan=False)


def test_only_name_and_text_fields_change_with_the_locale():
    a = score(Q, make(Q, VALUES))
    zh, en = assessment_to_dict(a, "zh"), assessment_to_dict(a, "en")
    changed = [p for p in _walk(zh, en) if p != ".locale"]
    assert changed
    assert {p.rsplit(".", 1)[-1] for p in changed} <= LOCALISED


def test_minimum_fields_of_the_issue():
    d = assessment_to_dict(score(Q, make(Q, VALUES)), "en")
    assert {"questionnaire", "overall", "pillars", "gates_failed", "roadmap", "shortest_path", "programmes"} <= d.keys()
    assert {"score", "level", "claimed", "evidenced", "completion"} <= d["overall"].keys()
    assert {"id", "score", "level", "target", "gap", "completion", "claimed", "evidenced", "gates_failed"} <= \
        d["pillars"][0].keys()
    assert d["gates_failed"] == [{"question": "G01", "pillar": "G", "reason": "not_met", "value": False,
                                  "basis": {"text": "Cybersecurity Law Art. 23"}}]
    assert isinstance(d["overall"]["level"], int)


def test_plan_can_be_left_out():
    d = assessment_to_dict(score(Q, make(Q, VALUES)), "en", plan=False)
    assert (d["roadmap"], d["shortest_path"], d["programmes"]) == ([], None, [])
    AssessmentOut.model_validate(d)


def test_comparison_and_trace_dicts_validate():
    a = score(Q, make(Q, VALUES))
    b = score(Q, make(Q, {**VALUES, "G01": True}))
    c = comparison_to_dict(compare(a, b), a, b)
    assert ComparisonOut.model_validate(c).model_dump() == c
    for subject in ("C", "G", "overall"):
        t = trace_to_dict(explain(a, subject), a, "zh")
        assert TraceOut.model_validate(t).model_dump() == t


def test_json_schema_publishes_the_shape():
    schema = assessment_json_schema()
    assert schema["title"] == "AssessmentOut"
    assert "format_version" in schema["required"]
    assert "from" in schema["$defs"]["Action"]["properties"]
    assert schema["$defs"]["PillarOut"]["properties"]["gap"]["description"].startswith("max(0, target - score)")


def test_field_docstrings_become_descriptions_in_every_schema():
    from assess.answers import AnswerSet
    from assess.model import Questionnaire

    questionnaire = Questionnaire.model_json_schema(by_alias=True)
    assert questionnaire["properties"]["id"]["description"]
    answers = AnswerSet.model_json_schema()
    assert answers["properties"]["respondent"]["description"] == "Who answered."
    # inherited fields keep their docstring in every subclass
    kinds = [d for d in questionnaire["$defs"].values()
             if "type" in d.get("properties", {}) and "prompt" in d["properties"]]
    assert len(kinds) > 3 and all(d["properties"]["id"].get("description") for d in kinds)


def test_a_programme_with_a_card_rule_says_which_cards_meet_it():
    from pathlib import Path

    from assess.answers import Answer, AnswerSet, Card, QuestionnaireRef
    from assess.content.bundled import load_questionnaire

    q, h = load_questionnaire(Path(__file__).resolve().parents[1] / "data" / "sample" / "cards.yaml")
    doc = lambda s: Answer(value=s, evidence_state="documented")  # noqa: E731
    cards = {"scenarios": [Card(key="焊接质检", answers={"S-STAGE": doc(4), "S-LIVE": doc(True)}),
                           Card(key="排产", answers={"S-STAGE": doc(1), "S-LIVE": doc(True)})]}
    a = score(q, AnswerSet(questionnaire=QuestionnaireRef(id=q.id, version=q.version, sha256=h), cards=cards))
    d = assessment_to_dict(a, "zh")
    AssessmentOut.model_validate(d)
    (call,) = [p for p in d["programmes"] if p["id"] == "scenario_call"]
    assert [(c["key"], c["met"]) for c in call["cards"]] == [("焊接质检", True), ("排产", False)]
    assert (call["cards_met"], call["cards_needed"], call["ready"]) == (1, 2, False)
