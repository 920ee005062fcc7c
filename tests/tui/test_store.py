"""The store and the lock, without Textual: every change saved, undo, history, one writer."""

from __future__ import annotations

import json
import os

import pytest

from assess.answers import AnswerSet
from assess.content.answer_file import load_answers
from assess.content.bundled import load_questionnaire, ref_of
from assess.session.lock import AnswerFileLock, LockedError, lock_path_for
from assess.session.store import CardRefused, Store, slug
from assess.text.messages import say

from .helpers import CARDS, SAMPLE, fixed_clock


@pytest.fixture
def store(tmp_path):
    q, h = load_questionnaire(SAMPLE)
    s = Store.new(q, h, tmp_path / "a.json", locale="en", clock=fixed_clock)
    yield s
    s.close()


def test_new_store_is_saved_with_its_first_answer_with_mode_0600(store):
    assert not store.path.exists()
    store.set_value("C01", 3)
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
    store.set_value("C01", 3)  # a new assessment takes its file with its first answer
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
    assert say(store.save_error, "zh") == "磁盘空间不足" and say(store.save_error, "en") == "the disk is full"
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


# --------------------------------------------------------------------------- cards


@pytest.fixture
def cards_store(tmp_path):
    q, h = load_questionnaire(CARDS)
    s = Store.new(q, h, tmp_path / "c.json", locale="en", clock=fixed_clock)
    yield s
    s.close()


def test_card_edits_are_saved_and_each_is_one_named_change(cards_store):
    s = cards_store
    assert s.add_card("scenarios", "  Weld inspection ") == "Weld inspection"  # trimmed
    s.set_card_value("scenarios", "Weld inspection", "SC-KPI", 12.5)
    s.set_card_value("scenarios", "Weld inspection", "SC-AUDIT", True)
    s.set_card_status("scenarios", "Weld inspection", "SC-STAGE", "dont_know")
    s.set_card_note("scenarios", "Weld inspection", "SC-KPI", "vs 2024")
    s.set_card_evidence("scenarios", "Weld inspection", "SC-KPI", ["KPI.xlsx"])
    s.set_card_evidence_state("scenarios", "Weld inspection", "SC-KPI", "documented")
    assert s.rename_card("scenarios", "Weld inspection", "Weld QA")
    saved = load_answers(s.path)
    card = saved.cards["scenarios"][0]
    assert card.key == "Weld QA"
    assert card.answers["SC-KPI"].value == 12.5 and card.answers["SC-KPI"].note == "vs 2024"
    assert card.answers["SC-KPI"].evidence == ["KPI.xlsx"] and card.answers["SC-KPI"].evidence_state == "documented"
    assert card.answers["SC-AUDIT"].value is True and card.answers["SC-STAGE"].status == "dont_know"
    assert card.answers["SC-KPI"].at is not None
    assert saved.answers == {}  # card answers are not the pillar's answers
    assert [(c.question, c.old, c.new) for c in saved.history] == [
        ("cards.scenarios[Weld inspection]", None, "Weld inspection"),
        ("cards.scenarios[Weld inspection].SC-KPI", None, 12.5),
        ("cards.scenarios[Weld inspection].SC-AUDIT", None, True),
        ("cards.scenarios[Weld inspection].SC-STAGE", None, "dont_know"),
        ("cards.scenarios[Weld inspection].SC-KPI.note", "", "vs 2024"),
        ("cards.scenarios[Weld inspection].SC-KPI.evidence", "", "KPI.xlsx"),
        ("cards.scenarios[Weld inspection].SC-KPI.evidence_state", "declared", "documented"),
        ("cards.scenarios[Weld inspection]", "Weld inspection", "Weld QA"),
    ]
    assert s.card_progress("scenarios", "Weld QA") == (3, 4)


def test_a_card_key_must_be_given_and_unique_in_its_group(cards_store):
    s = cards_store
    s.add_card("scenarios", "Line 1")
    s.add_card("scenarios", "Line 2")
    n = len(s.answers.history)
    for bad, code in (("   ", "answer.card_key_empty"), ("line 1", "answer.card_key_taken"),
                      ("Ｌｉｎｅ １", "answer.card_key_taken")):  # full-width, as a Chinese input method types it
        with pytest.raises(CardRefused) as e:
            s.add_card("scenarios", bad)
        assert e.value.why.key == code, bad
    with pytest.raises(CardRefused) as e:
        s.rename_card("scenarios", "Line 2", "LINE 1")
    assert e.value.why.key == "answer.card_key_taken" and e.value.why.arg("name") == "Line 1"
    assert say(e.value.why, "en") == (
        "this group already has a card named “Line 1”; choose another name, or open that one")
    assert "卡片" in say(e.value.why, "zh")
    assert not s.rename_card("scenarios", "Line 2", "Line 2 ")  # unchanged: nothing recorded
    assert len(s.answers.history) == n
    assert [c.key for c in load_answers(s.path).cards["scenarios"]] == ["Line 1", "Line 2"]


def test_a_full_group_refuses_another_card(cards_store):
    s = cards_store
    for key in ("A", "B", "C"):
        s.add_card("scenarios", key)
    with pytest.raises(CardRefused) as e:
        s.add_card("scenarios", "D")
    assert e.value.why.key == "answer.card_limit" and e.value.why.arg("max") == 3
    assert len(s.cards("scenarios")) == 3


def test_card_answers_are_checked_and_verified_is_left_to_a_reviewer(cards_store):
    s = cards_store
    s.add_card("scenarios", "A")
    with pytest.raises(CardRefused) as e:
        s.set_card_value("scenarios", "A", "SC-KPI", 140)
    assert e.value.why.key == "answer.percentage"
    with pytest.raises(CardRefused) as e:
        s.set_card_status("scenarios", "A", "SC-AUDIT", "na")  # N/A is not allowed there
    assert e.value.why.key == "answer.na_not_allowed"
    s.set_card_value("scenarios", "A", "SC-AUDIT", False)
    with pytest.raises(CardRefused) as e:
        s.set_card_evidence_state("scenarios", "A", "SC-AUDIT", "verified")
    assert e.value.why.key == "answer.card_verified"
    with pytest.raises(CardRefused):
        s.set_card_value("scenarios", "nobody", "SC-AUDIT", True)
    with pytest.raises(CardRefused):
        s.set_card_value("scenarios", "A", "C01", 3)  # a pillar question is not a card question
    assert s.card_answer("scenarios", "A", "SC-AUDIT").evidence_state == "declared"
    assert not s.set_card_note("scenarios", "A", "SC-KPI", "orphan")  # a note needs a response


def test_deleting_and_undoing_card_edits(cards_store):
    s = cards_store
    s.add_card("scenarios", "A")
    s.set_card_value("scenarios", "A", "SC-MATURITY", 3)
    s.add_card("scenarios", "B")
    assert s.delete_card("scenarios", "A")
    assert [c.key for c in load_answers(s.path).cards["scenarios"]] == ["B"]
    assert s.undo() == "cards.scenarios[A]"  # the card comes back with its answers, in its place
    assert [c.key for c in s.cards("scenarios")] == ["A", "B"]
    assert s.card_answer("scenarios", "A", "SC-MATURITY").value == 3
    assert s.undo() == "cards.scenarios[B]"
    assert s.undo() == "cards.scenarios[A].SC-MATURITY"
    assert s.card_answer("scenarios", "A", "SC-MATURITY") is None
    assert s.undo() == "cards.scenarios[A]"
    assert "cards" not in json.loads(s.path.read_text(encoding="utf-8"))  # as before the first card
    assert load_answers(s.path).history[-1].question == "cards.scenarios[A]"


def test_groups_apply_as_the_profile_says_and_card_answers_stay_out_of_scores(cards_store):
    from assess.scoring import score

    s = cards_store
    assert [g.id for g in s.card_groups("C")] == ["scenarios"]
    assert s.card_groups("G") == [] and s.card_groups("profile") == []
    s.set_value("P-EXPORT", True)
    assert [g.id for g in s.card_groups("G")] == ["markets"]
    before = score(s.q, s.answers).pillar("C").score
    s.add_card("scenarios", "A")
    s.set_card_value("scenarios", "A", "SC-MATURITY", 5)
    assert score(s.q, s.answers).pillar("C").score == before


def test_card_edits_survive_closing_and_opening_the_file(cards_store, tmp_path):
    from assess.session import opening

    s = cards_store
    s.add_card("scenarios", "焊接质检")
    s.set_card_value("scenarios", "焊接质检", "SC-STAGE", "live")
    s.close()
    again = opening.open_answer_file(s.path, load_questionnaire(CARDS))
    try:
        assert again.card_answer("scenarios", "焊接质检", "SC-STAGE").value == "live"
        with pytest.raises(LockedError):
            AnswerFileLock(s.path).acquire()
    finally:
        again.close()


def test_verified_is_offered_to_respondents_as_each_release_says():
    from assess.content.bundled import resolve

    for ref, states in (("ai-manufacturing-2027@1.0.0", ["declared", "documented", "verified"]),
                        ("ai-manufacturing-2027@1.1.0", ["declared", "documented"])):
        q, h = resolve(ref)
        assert [s.value for s in Store(q, h, AnswerSet(questionnaire=ref_of(q, h)), "unused.json").evidence_states()] \
            == states, ref


def test_pasted_control_characters_and_overlong_text_never_make_a_file_the_app_cannot_reopen(store):
    store.set_value("C01", 3)
    store.set_note("C01", "计划\x1b[31m红\ud800" + "长" * 5000)
    store.set_evidence("C01", ["CP.pdf\x07", "x" * 900, "", "\u202e反转"])
    store.set_field("company.name", "ACME\x00\n有限公司")
    store.set_value("G05", "备注\x0c" + "字" * 9000)
    saved = load_answers(store.path)  # it opens again: nothing refused
    note = saved.answers["C01"].note
    assert note.startswith("计划[31m红") and len(note) == 2000 and "\x1b" not in note
    assert saved.answers["C01"].evidence == ["CP.pdf", "x" * 500, "反转"]
    assert saved.company.name == "ACME有限公司"
    assert "\x0c" not in saved.answers["G05"].value and len(saved.answers["G05"].value) <= 4000


def test_a_changed_answer_loses_its_review_and_a_note_keeps_it(store):
    from assess.answers import Review

    store.set_value("C01", 3)
    store.set_value("C02", 40)
    for qid in ("C01", "C02"):
        store.answers.answers[qid].review = Review(decision="accepted", by="Wang")
    store.set_value("C01", 5)  # the reviewer accepted 3, not 5
    store.set_note("C02", "plan 2026")
    saved = load_answers(store.path)
    assert saved.answers["C01"].review is None and saved.answers["C02"].review.decision == "accepted"
    assert (saved.history[-2].question, saved.history[-2].old) == ("C01.review", "accepted")
    store.undo()
    store.undo()
    assert store.answers.answers["C01"].review.decision == "accepted"  # undo brings the reviewed answer back


def test_a_new_assessment_whose_name_another_window_just_took_is_saved_under_the_next(tmp_path):
    """Two windows started in the same second pick the same name; the one that locks it second
    saves its first answer beside it, and never stops on the other's lock."""
    from assess.session import opening

    q, h = load_questionnaire(SAMPLE)
    draft = opening.new_assessment((q, h), tmp_path, None, clock=fixed_clock)
    taken = draft.path
    with AnswerFileLock(taken):  # the other window: locked, its first answer not yet written
        draft.set_value("C01", 3)
        assert draft.save_error is None and draft.path != taken
        assert load_answers(draft.path).answers["C01"].value == 3
    draft.close()
