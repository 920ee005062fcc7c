"""The store and the lock, without Textual: every change saved, undo, history, one writer."""

from __future__ import annotations

import os

import pytest

from assess.content.answer_file import load_answers
from assess.content.bundled import load_questionnaire
from assess.session.lock import AnswerFileLock, LockedError, lock_path_for
from assess.session.store import Store, slug

from .helpers import SAMPLE, fixed_clock


@pytest.fixture
def store(tmp_path):
    q, h = load_questionnaire(SAMPLE)
    s = Store.new(q, h, tmp_path / "a.json", locale="en", clock=fixed_clock)
    yield s
    s.close()


def test_new_store_is_saved_at_once_with_mode_0600(store):
    assert store.path.exists()
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"
    assert load_answers(store.path).questionnaire.id == "sample"


def test_every_change_is_saved_and_recorded(store):
    store.set_value("C01", 3)
    store.set_status("C03", "dont_know")
    store.set_note("C01", "plan 2026")
    store.set_evidence("C01", ["CP.pdf"])
    store.set_evidence_state("C01", "documented")
    store.set_field("company.name", "ACME")
    store.set_target("C", 4.5)
    saved = load_answers(store.path)
    assert saved.answers["C01"].value == 3
    assert saved.answers["C01"].note == "plan 2026"
    assert saved.answers["C01"].evidence == ["CP.pdf"]
    assert saved.answers["C01"].evidence_state.value == "documented"
    assert saved.answers["C03"].status == "dont_know"
    assert saved.company.name == "ACME"
    assert saved.targets == {"C": 4.5}
    assert [c.question for c in saved.history] == [
        "C01", "C03", "C01.note", "C01.evidence", "C01.evidence_state", "company.name", "targets.C"]


def test_unchanged_values_write_nothing(store):
    assert store.set_value("C01", 3)
    n = len(store.answers.history)
    assert not store.set_value("C01", 3)
    assert len(store.answers.history) == n


def test_note_needs_a_response(store):
    assert not store.set_note("C01", "orphan")
    assert "C01" not in store.answers.answers


def test_undo_reverts_in_order_and_history_keeps_both(store):
    store.set_value("C01", 2)
    store.set_value("C01", 4)
    store.set_field("company.name", "ACME")
    store.set_target("G", 2)
    assert store.undo() == "targets.G"
    assert store.answers.targets == {}
    assert store.undo() == "company.name"
    assert store.answers.company.name == ""
    assert store.undo() == "C01"
    assert store.answer("C01").value == 2
    assert store.undo() == "C01"
    assert "C01" not in store.answers.answers
    assert store.undo() is None
    saved = load_answers(store.path)
    assert "C01" not in saved.answers
    assert len(saved.history) == 8


def test_profile_hides_and_shows_questions(store):
    ids = lambda: [q.id for q in store.visible("G")]  # noqa: E731
    assert "G04" not in ids()
    store.set_value("P-EXPORT", True)
    assert "G04" in ids()
    store.set_value("P-EXPORT", False)
    assert "G04" not in ids()


def test_first_unanswered_and_position(store):
    assert store.first_unanswered() == "P-SIZE"
    store.set_value("P-SIZE", "large")
    assert store.first_unanswered() == "P-EXPORT"
    store.set_position("C02", "zh")
    saved = load_answers(store.path)
    assert (saved.session.question, saved.session.locale) == ("C02", "zh")


def test_lock_refuses_a_second_writer_and_names_the_holder(store):
    with pytest.raises(LockedError) as e:
        AnswerFileLock(store.path).acquire()
    assert str(os.getpid()) in e.value.holder
    store.close()
    assert not lock_path_for(store.path).exists()
    with AnswerFileLock(store.path):
        pass


def test_slug_keeps_chinese_and_drops_separators():
    assert slug("上海 某某/机械 有限公司") == "上海-某某-机械-有限公司"
    assert slug("  ") == "assessment"


def test_a_failed_save_is_shown_not_raised_and_retried_on_close(store, monkeypatch):
    import assess.session.store as store_module

    real = store_module.save_answers

    def full_disk(path, answers):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "save_answers", full_disk)
    store.set_value("C01", 4)  # must not raise: the app would die and lose the answer
    assert store.save_error == "No space left on device"
    assert store.answers.answers["C01"].value == 4  # kept in memory
    monkeypatch.setattr(store_module, "save_answers", real)
    store.close()  # one more try before letting go
    assert store.save_error is None
    assert load_answers(store.path).answers["C01"].value == 4


def test_lock_refuses_a_planted_symlink(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    answer_file = tmp_path / "a.json"
    lock_path_for(answer_file).symlink_to(victim)
    with pytest.raises(OSError):  # not "open in another window": the lock file itself is unusable
        AnswerFileLock(answer_file).acquire()
    assert victim.read_text() == "precious"


def test_an_invalid_answer_counts_as_unanswered(store):
    store.set_value("C01", 3)
    store.answers.answers["C02"] = store.answers.answers["C01"].model_copy(update={"value": "abc"})
    done, total = store.progress("C")
    assert done == 1 and total >= 2
    assert store.first_unanswered() in {"C02", "P-SIZE", "P-EXPORT", "P-ROLES"}
    assert not store.is_responded("C02")
