"""At 80×24 in Chinese: an answered choice is on screen, the evidence state is said in words, a note
being typed is saved without leaving the field, and fast typing in the company form lands in the
field it was typed for."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from assess.content.answer_file import load_answers
from assess.model import MaturityQuestion, MultiSelectQuestion, SingleSelectQuestion, YesNoQuestion
from assess.tui.screens.answering import AnsweringScreen
from assess.tui.screens.company import CompanyScreen

from .helpers import async_test, new_assessment, release_app, settle
from .test_typography import texts_on_screen


def last_choice(question) -> int | None:
    """The digit that answers with the question's last choice (the one most often pushed off)."""
    if isinstance(question, MaturityQuestion):
        return len(question.levels) - 1
    if isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)) and len(question.options) <= 9:
        return len(question.options)
    if isinstance(question, YesNoQuestion):
        return 0
    return None


@pytest.mark.slow  # pages through every question (about 12 s)
@async_test
async def test_the_choice_answered_is_on_screen_for_every_question_at_80x24(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_assessment(pilot)
        hidden, tried = [], 0
        pillars = [q.id for s in app.store.sections if s.pillar is not None for q in app.store.visible(s.id)]
        for qid in pillars:  # profile answers would change which questions are asked
            screen.show_question(qid)
            await pilot.pause()
            digit = last_choice(app.store.by_id[qid])
            if digit is None:
                continue
            screen.action_digit(digit)
            await settle(pilot)  # the choice is scrolled to after the list's refresh
            tried += 1
            shown = "".join(texts_on_screen(screen).get("choices", []))
            if "(x)" not in shown and "[x]" not in shown:
                hidden.append(qid)
        assert tried >= 80
        assert not hidden, hidden


@async_test
async def test_the_evidence_state_is_said_in_words_and_marked_without_colour(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_assessment(pilot)
        screen.show_question("C01")
        await pilot.pause()
        await pilot.press("3", "e")
        await settle(pilot)
        assert app.store.answer("C01").evidence_state == "documented"
        assert "证据状态：有文件" in str(screen.query_one("#q-status").render())
        row = "".join(line for line in (s.text for s in screen._compositor.render_strips()) if "有文件" in line
                      and "自述" in line)
        assert "○▌ 自述" in row and "●▌ 有文件" in row, row


@async_test
async def test_a_note_being_typed_is_saved_while_typing_pauses(tmp_path, monkeypatch):
    monkeypatch.setattr(AnsweringScreen, "TYPING_SAVE_DELAY", 0.001)  # a pause in typing, made short
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_assessment(pilot)
        screen.show_question("C01")
        await pilot.pause()
        await pilot.press("2")
        await settle(pilot)
        note = screen.query_one("#note", Input)
        note.focus()
        await pilot.press(*"GPU")
        await pilot.pause(0.05)  # the typist pauses
        assert note.has_focus  # still typing: nothing was left or submitted
        saved = load_answers(app.store.path)
        assert saved.answers["C01"].note == "GPU"  # on disk: a crash now keeps it

        refs = screen.query_one("#evidence", Input)
        refs.focus()
        await pilot.press(*"a1", "semicolon", "space")
        await pilot.pause(0.05)
        assert load_answers(app.store.path).answers["C01"].evidence == ["a1"]
        assert refs.value == "a1; "  # saved, but not rewritten under the cursor
        await pilot.press(*"b2")
        await pilot.pause(0.05)
        assert load_answers(app.store.path).answers["C01"].evidence == ["a1", "b2"]


@async_test
async def test_a_burst_of_typing_in_the_company_form_lands_in_the_fields_it_was_typed_for(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.new_assessment()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompanyScreen)
        # shift+tab goes back a field and selects it, as a form does: X replaces it
        burst = [*"ACME", "tab", *"Machinery", "tab", *"Jiangsu", "enter", *"Li", "shift+tab", "X"]
        for key in burst:  # all queued before the app reads the first, as from a fast typist
            event = events.Key(key, key if len(key) == 1 else None)
            event.set_sender(app)
            app._driver.send_message(event)
        await settle(pilot)
        values = {i.id: i.value for i in screen.query(Input)}
        assert values == {"company-name": "ACME", "company-sector": "Machinery", "company-region": "X",
                          "respondent-name": "Li", "respondent-role": ""}
        assert app.store.answers.company.sector == "Machinery"  # each field was saved as it was left


@async_test
async def test_the_pillar_list_keeps_two_lines_a_section_in_english_at_80x24(tmp_path):
    app = release_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_assessment(pilot)
        pillars = screen.query_one("#pillars")
        area = pillars.content_region
        drawn = screen._compositor.render_strips()[area.y:area.bottom]
        rows = [s.crop(area.x, area.right).text.rstrip() for s in drawn]
        sections = app.store.sections
        assert rows[2 * len(sections)].startswith("Overall"), rows  # a long level name did not take a third line
        assert rows[2 * (len(sections) - 1)].startswith("Overseas")
