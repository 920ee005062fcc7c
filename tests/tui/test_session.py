"""Opening assessments without the app: new, resume, import; names, locks and the pinned
questionnaire. And autosave where os.fchmod does not exist (Windows before Python 3.13)."""

from __future__ import annotations

import os

import pytest

from assess.answers import AnswerSet
from assess.content.answer_file import load_answers, save_answers
from assess.content.bundled import load_questionnaire, ref_of
from assess.content.yaml_file import ContentError
from assess.session import opening
from assess.session.lock import LockedError
from assess.session.store import Store

from .helpers import SAMPLE, fixed_clock


@pytest.fixture
def content():
    return load_questionnaire(SAMPLE)


def test_a_new_assessment_is_named_after_its_start_and_never_replaces_a_file(tmp_path, content):
    first = opening.new_assessment(content, tmp_path, clock=fixed_clock)
    second = opening.new_assessment(content, tmp_path, clock=fixed_clock)  # another window, same second
    try:
        first.set_value("C01", 3)
        second.set_value("C01", 1)
        assert first.path.name == "assessment-20260301-090000.json"
        assert second.path.name == "assessment-20260301-090000-2.json"
        assert load_answers(first.path).answers["C01"].value == 3
        assert load_answers(second.path).answers["C01"].value == 1
    finally:
        first.close()
        second.close()


def test_a_new_assessment_writes_nothing_until_something_is_answered(tmp_path, content):
    store = opening.new_assessment(content, tmp_path, clock=fixed_clock)
    store.set_position("C02", "en")  # moving about and switching language are no answers
    store.close()
    assert list(tmp_path.iterdir()) == []
    store = opening.new_assessment(content, tmp_path, clock=fixed_clock)
    store.set_field("company.name", "ACME")
    try:
        assert load_answers(store.path).company.name == "ACME"
        with pytest.raises(LockedError):  # written, and held by this window from then on
            opening.open_answer_file(store.path, content)
    finally:
        store.close()


def test_resuming_takes_the_lock_and_a_second_window_is_refused(tmp_path, content):
    store = opening.new_assessment(content, tmp_path, locale="en", clock=fixed_clock)
    store.set_value("C01", 3)
    try:
        with pytest.raises(LockedError) as e:
            opening.open_answer_file(store.path, content)
        assert str(os.getpid()) in e.value.holder
    finally:
        store.close()
    again = opening.open_answer_file(store.path, content)
    try:
        assert again.answer("C01").value == 3
        assert again.answers.session.locale == "en"
    finally:
        again.close()


def test_a_file_that_is_not_an_answer_file_is_refused_and_left_unlocked(tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError):
        opening.open_answer_file(path, content)
    with pytest.raises(ContentError):  # a second try gets the same answer, not "locked"
        opening.open_answer_file(path, content)


def test_a_file_pinning_an_unknown_questionnaire_version_says_so(tmp_path, content):
    q, h = content
    ref = ref_of(q, h).model_copy(update={"sha256": "0" * 64})
    path = tmp_path / "other.json"
    save_answers(path, AnswerSet(questionnaire=ref))
    with pytest.raises(ContentError):
        opening.open_answer_file(path, content)


def test_importing_a_sheet_writes_a_new_answer_file_named_after_it(tmp_path, content, sample_answers):
    from assess.excel.sheet_writer import write_template

    q, h = content
    sheet = write_template(tmp_path / "江苏 精工.xlsx", q, h, "zh", sample_answers)
    data = tmp_path / "data"
    first = opening.import_sheet(sheet, data, str(SAMPLE))
    second = opening.import_sheet(sheet, data, str(SAMPLE))
    assert first.path.name == "江苏-精工.json" and second.path.name == "江苏-精工-2.json"
    assert first.errors == []
    assert load_answers(first.path).answers["C02"].value == 40


def test_importing_a_lock_file_says_it_is_one_and_writes_nothing(tmp_path):
    """`~$华东重工.xlsx` picked in the app's file list: named as the office suite's lock file."""
    from assess.text.messages import say

    lock = tmp_path / "~$华东重工.xlsx"
    lock.write_bytes(b"\x05owner" + bytes(160))
    data = tmp_path / "data"
    with pytest.raises(ContentError) as e:
        opening.import_sheet(lock, data, str(SAMPLE))
    (problem,) = e.value.problems
    assert "临时文件，不是答卷" in say(problem.message, "zh") and "“~$”" in say(problem.fix, "zh")
    assert not data.exists() or not any(data.iterdir())


def test_sources_sit_beside_a_questionnaire_file(tmp_path):
    (tmp_path / "seeds").mkdir()
    beside = opening.sources_folder(str(tmp_path / "q.yaml"))
    assert beside == (tmp_path / "seeds").resolve()
    assert opening.sources_folder(None, tmp_path) == tmp_path


def test_autosave_works_where_os_fchmod_does_not_exist(tmp_path, content, monkeypatch):
    monkeypatch.delattr(os, "fchmod", raising=False)
    q, h = content
    store = Store.new(q, h, tmp_path / "a.json", locale="zh", clock=fixed_clock)
    store.set_value("C01", 4)
    store.set_field("company.name", "江苏精工")
    assert store.save_error is None
    store.close()
    if os.name == "posix":
        assert oct(store.path.stat().st_mode & 0o777) == "0o600"
    again = opening.open_answer_file(store.path, content)
    try:
        assert again.answer("C01").value == 4
        assert again.answers.company.name == "江苏精工"
    finally:
        again.close()

