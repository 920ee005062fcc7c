"""Loading questionnaires and answer files; content hashes; the lock file."""

from __future__ import annotations

import json
import os
import stat

import pytest

from assess.answers import Answer
from assess.canonical import digest
from assess.content.answer_file import load_answers, save_answers
from assess.content.bundled import ContentError, load_questionnaire, resolve
from tests.conftest import DATA, SAMPLE


def test_hash_ignores_formatting_but_not_content(tmp_path, sample):
    q, h = sample
    reflowed = tmp_path / "q.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    reflowed.write_text("# a comment\n" + text.replace("weight: 2", "weight: 2.0"), encoding="utf-8")
    assert load_questionnaire(reflowed)[1] == h
    edited = tmp_path / "e.yaml"
    edited.write_text(text.replace("weight: 2", "weight: 3"), encoding="utf-8")
    assert load_questionnaire(edited)[1] != h
    assert h == digest(q) and len(h) == 64


def test_answer_file_round_trip_is_private_and_atomic(tmp_path, sample_answers):
    path = tmp_path / "a.json"
    save_answers(path, sample_answers)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_answers(path) == sample_answers
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temp file left behind
    text = path.read_text(encoding="utf-8")
    assert "\n  " in text and "capacity plan 2026" in text  # pretty, UTF-8 readable


def test_save_keeps_old_content_when_writing_fails(tmp_path, sample_answers, monkeypatch):
    path = tmp_path / "a.json"
    save_answers(path, sample_answers)
    before = path.read_bytes()
    changed = sample_answers.model_copy(update={"answers": {**sample_answers.answers, "C02": Answer(value=90)}})

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save_answers(path, changed)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.parametrize(
    "content, expected",
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"format_version": 7, "questionnaire": {}}', "format 7 is not supported"),
        ('{"company": {}}', "no 'questionnaire' block"),
        ('{"questionnaire": {"id": "x", "version": "1.0.0", "sha256": "0"}, "answers": {"C01": {"status": "maybe"}}}',
         "answers.C01.status"),
    ],
)
def test_bad_answer_files_are_named_not_tracebacks(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_answers(path)
    assert expected in str(e.value) and "bad.json" in str(e.value)


def test_missing_answer_file(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        load_answers(tmp_path / "nope.json")


def test_resolve_by_path_and_unknown_id(sample):
    q, h = resolve(str(SAMPLE))
    assert (q.id, h) == (sample[0].id, sample[1])
    with pytest.raises(ContentError, match="not bundled"):
        resolve("no-such-questionnaire@9.9.9")


@pytest.mark.parametrize("name", ["sample@" + "x" * 300, "ai-manufacturing-2027@" + "9" * 5000])
def test_a_name_too_long_for_a_file_is_a_questionnaire_not_found(tmp_path, capsys, sample_answers, name):
    """A questionnaire's id and version also come from an answer sheet's Meta sheet: one too long to be a
    file name is looked up as an id, not stat()ed until the system refuses it with a traceback."""
    from assess.cli import main

    with pytest.raises(ContentError, match="not bundled"):
        resolve(name)
    answers = tmp_path / "a.json"
    save_answers(answers, sample_answers)
    assert main(["score", str(answers), "-q", name, "--lang", "en"]) == 1
    assert "not bundled" in capsys.readouterr().err


def test_lock_file_lists_hashes_by_version():
    lock = json.loads((DATA / "released" / "lock.json").read_text())
    assert lock["hash_scheme"] == "assess-c14n-1"
    assert set(lock["released"]["sample"]) == {"1.0.0"}


BROKEN = DATA / "sample" / "broken"


def test_a_questionnaire_named_by_path_is_linted_with_every_error(tmp_path):
    with pytest.raises(ContentError) as caught:
        resolve(str(BROKEN / "zero-weight.yaml"))
    found = {(p.where, p.file) for p in caught.value.problems}
    assert {where for where, _ in found} >= {"pillars[1].weight", "pillars[0].questions[1].weight"}
    assert {file for _, file in found} == {str(BROKEN / "zero-weight.yaml")}
    assert all(p.severity == "error" for p in caught.value.problems)
    alone = tmp_path / "five-levels.yaml"  # no seeds/ folder near it: linted without sources
    alone.write_bytes((BROKEN / "five-levels.yaml").read_bytes())
    with pytest.raises(ContentError, match="5 levels, 6 are needed"):
        resolve(str(alone))
    clean = tmp_path / "clean.yaml"
    clean.write_bytes(SAMPLE.read_bytes())
    assert resolve(str(clean))[0].id == "sample"  # citations unchecked without seeds, not refused


def test_a_bare_file_name_finds_the_seeds_above_it(monkeypatch):
    monkeypatch.chdir(BROKEN)
    with pytest.raises(ContentError, match="no source nowhere"):
        resolve("unresolved-citation.yaml")


def test_a_questionnaire_chosen_by_id_is_not_linted_again(monkeypatch):
    from assess.content import checks

    def lint(*args, **kwargs):
        raise AssertionError("linted")

    monkeypatch.setattr(checks, "lint_questionnaire", lint)
    assert resolve()[0].id == "ai-manufacturing-2027"
    with pytest.raises(AssertionError, match="linted"):
        resolve(str(SAMPLE))
