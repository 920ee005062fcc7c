"""`assess score`, `compare`, `explain` and `schema --assessment` on answer files."""

from __future__ import annotations

import json

import pytest
import yaml

from assess.answers import Answer
from assess.cli import main
from assess.content.answer_file import save_answers
from assess.content.bundled import ref_of
from assess.output.schema import AssessmentOut, ComparisonOut, TraceOut
from assess.scoring import score
from tests.conftest import SAMPLE

Q_ARGS = ["-q", str(SAMPLE)]


@pytest.fixture
def answer_file(tmp_path, sample_answers):
    path = tmp_path / "answers.json"
    save_answers(path, sample_answers)
    return path


@pytest.fixture
def worse_file(tmp_path, sample_answers):
    answers = dict(sample_answers.answers)
    answers["G01"] = Answer(value=False)
    answers["C01"] = Answer(value=1)
    path = tmp_path / "worse.json"
    save_answers(path, sample_answers.model_copy(update={"answers": answers}))
    return path


def run_json(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def test_score_json_is_the_assessment(capsys, answer_file, sample, sample_answers):
    code, d, err = run_json(capsys, "score", str(answer_file), *Q_ARGS, "--json", "--lang", "en")
    assert code == 0, err
    AssessmentOut.model_validate(d)
    a = score(sample[0], sample_answers)
    assert d["overall"]["score"] == a.overall.score
    assert [p["score"] for p in d["pillars"]] == [p.score for p in a.pillars]
    assert d["questionnaire"]["sha256"] == sample[1]
    assert d["locale"] == "en" and d["roadmap"] and d["shortest_path"] is not None


@pytest.mark.parametrize("lang,words", [("en", ["Overall", "Compute", "Roadmap", "Shortest path"]),
                                        ("zh", ["总体", "算力", "路线图", "最短路径"])])
def test_score_summary(capsys, answer_file, lang, words):
    assert main(["score", str(answer_file), *Q_ARGS, "--lang", lang]) == 0
    out = capsys.readouterr().out
    for w in words:
        assert w in out


def test_score_summary_lists_failed_gates_with_basis(capsys, worse_file):
    assert main(["score", str(worse_file), *Q_ARGS, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Gates failed" in out and "G01" in out and "Cybersecurity Law Art. 23" in out


def test_target_override(capsys, answer_file):
    code, d, _ = run_json(capsys, "score", str(answer_file), *Q_ARGS, "--json", "--target", "C=4.5")
    c = next(p for p in d["pillars"] if p["id"] == "C")
    assert (c["target"], c["target_source"]) == (4.5, "override")


@pytest.mark.parametrize("bad", ["C", "X=3", "C=six", "C=7"])
def test_bad_target_is_a_usage_error(capsys, answer_file, bad):
    assert main(["score", str(answer_file), *Q_ARGS, "--target", bad]) == 2
    assert "--target" in capsys.readouterr().err


def test_missing_file_is_reported_not_raised(capsys, tmp_path):
    assert main(["score", str(tmp_path / "nope.json"), *Q_ARGS]) == 1
    err = capsys.readouterr().err
    assert "file not found" in err and "Traceback" not in err


def test_answer_problems_are_shown_and_scores_still_given(capsys, tmp_path, sample_answers):
    answers = dict(sample_answers.answers)
    answers["C01"] = Answer(value=9)
    path = tmp_path / "bad.json"
    save_answers(path, sample_answers.model_copy(update={"answers": answers}))
    code, d, err = run_json(capsys, "score", str(path), *Q_ARGS, "--json")
    assert code == 1
    assert "answers.C01" in err
    c01 = next(x for x in d["questions"] if x["id"] == "C01")
    assert c01["status"] == "invalid" and c01["problem"]


def test_compare(capsys, answer_file, worse_file):
    code, d, _ = run_json(capsys, "compare", str(answer_file), str(worse_file), *Q_ARGS, "--json")
    assert code == 0
    ComparisonOut.model_validate(d)
    assert d["same_questionnaire"] is True
    assert d["gates_newly_failed"] == ["G01"]
    assert {m["id"] for m in d["moved"]} == {"C01", "G01"}
    assert d["overall"]["score"]["delta"] < 0
    assert main(["compare", str(answer_file), str(worse_file), *Q_ARGS, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Gates newly failed: G01" in out and "Questions that moved" in out


def test_compare_across_versions(capsys, tmp_path, answer_file, sample_answers):
    data = yaml.load(SAMPLE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    data["version"] = "1.1.0"
    data["pillars"][0]["questions"] = [x for x in data["pillars"][0]["questions"] if x["id"] != "C02"]
    data["pillars"][0]["questions"].append({"id": "C06", "type": "yes_no", "prompt": {"zh": "新问题", "en": "New"}})
    q2 = tmp_path / "sample-1.1.0.yaml"
    q2.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from assess.content.bundled import load_questionnaire

    q, h = load_questionnaire(q2)
    answers = {k: v for k, v in sample_answers.answers.items() if k != "C02"} | {"C06": Answer(value=True)}
    later = tmp_path / "later.json"
    save_answers(later, sample_answers.model_copy(update={"answers": answers, "questionnaire": ref_of(q, h)}))
    code, d, err = run_json(capsys, "compare", str(answer_file), str(later), "-q", str(SAMPLE), "-q", str(q2), "--json")
    assert code == 0, err
    assert (d["before"]["version"], d["after"]["version"], d["same_questionnaire"]) == ("1.0.0", "1.1.0", False)
    assert (d["added"], d["removed"]) == (["C06"], ["C02"])


@pytest.mark.parametrize("subject", ["C", "G", "overall"])
def test_explain(capsys, worse_file, subject):
    code, d, _ = run_json(capsys, "explain", str(worse_file), subject, *Q_ARGS, "--json", "--lang", "en")
    assert code == 0
    TraceOut.model_validate(d)
    assert d["subject"] == subject
    assert main(["explain", str(worse_file), subject, *Q_ARGS, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "score:" in out and "level:" in out
    if subject == "G":
        assert "capped at 1 by G01" in out and d["caps"][0]["basis"]["text"] == "Cybersecurity Law Art. 23"


def test_explain_unknown_subject(capsys, answer_file):
    assert main(["explain", str(answer_file), "Z", *Q_ARGS]) == 2
    assert "no pillar Z" in capsys.readouterr().err


def test_schema_assessment(capsys, answer_file):
    assert main(["schema", "--assessment"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == "assess/assessment/1"
    assert {"format_version", "questionnaire", "overall", "pillars", "roadmap", "shortest_path"} <= set(
        schema["properties"])
