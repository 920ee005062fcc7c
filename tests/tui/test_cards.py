"""Repeatable groups in the app: a pillar offers its card groups after its questions; cards are
added, answered, renamed and deleted by keys, saved at once and found again on resume."""

from __future__ import annotations

from textual.widgets import DataTable, Input, RadioButton

from assess.content.answer_file import load_answers
from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.card import CardScreen
from assess.tui.screens.card_dialogs import CardKeyDialog, ConfirmDialog
from assess.tui.screens.cards import CardsScreen

from .helpers import CARDS, async_test, sample_app, settle
from .test_journey import only_file, start_new


def cards_app(data_dir, path=None, lang="en"):
    return sample_app(data_dir, path=path, lang=lang, questionnaire=CARDS)


def rows(screen: CardsScreen) -> list[tuple[str, str]]:
    table = screen.query_one("#cards", DataTable)
    return [(str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1])) for i in range(table.row_count)]


async def to_scenarios(pilot) -> CardsScreen:
    """From anywhere on the assessment: to pillar C, past its questions to the group, and in."""
    screen = pilot.app.screen
    assert isinstance(screen, AssessmentScreen)
    screen.show_question("C05")  # the last question of the pillar
    await settle(pilot)
    await pilot.press("escape", "right")  # out of the number field, then on: the group comes next
    await settle(pilot)
    assert screen.qid == "cards:scenarios"
    name = "Typical scenarios" if pilot.app.lang == "en" else "典型场景"
    assert name in str(screen.query_one("#q-prompt").render())
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CardsScreen)
    return pilot.app.screen


async def add_card(pilot, name: str) -> None:
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CardKeyDialog)
    pilot.app.screen.query_one("#card-key", Input).value = name
    await pilot.press("enter")
    await settle(pilot)


@async_test
async def test_add_a_card_answer_it_and_find_it_again_on_resume(tmp_path):
    app = cards_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        cards = await to_scenarios(pilot)
        assert rows(cards) == []
        assert "No card yet" in str(cards.query_one("#cards-status").render())
        await add_card(pilot, "Weld inspection")
        card = app.screen
        assert isinstance(card, CardScreen)  # a new card opens at once
        assert card.qid == "SC-STAGE"
        await pilot.press("2")  # option 2: in production
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)
        assert card.qid == "SC-KPI"
        card.query_one("#value", Input).value = "35"
        await pilot.press("enter")  # answers, and the card's next question follows
        await settle(pilot)
        assert app.store.card_answer("scenarios", "Weld inspection", "SC-KPI").value == 35
        assert card.qid != "SC-KPI"
        await pilot.press("escape")  # back to the list, which counts the answers
        await settle(pilot)
        assert app.screen is cards
        assert rows(cards) == [("Weld inspection", "2/4")]
        await pilot.press("escape")  # and back to the group's place in the assessment, which lists it
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AssessmentScreen) and screen.qid == "cards:scenarios"
        assert "Weld inspection  2/4 answered" in str(screen.query_one(".stop-cards").render())
        await pilot.press("enter")  # the way in has the focus
        await settle(pilot)
        assert isinstance(app.screen, CardsScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    path = only_file(tmp_path)
    saved = load_answers(path)
    assert [c.key for c in saved.cards["scenarios"]] == ["Weld inspection"]
    assert not {"SC-STAGE", "SC-KPI"} & saved.answers.keys()  # a card's answers are its own
    assert [h.question for h in saved.history if h.question.startswith("cards.")] == [
        "cards.scenarios[Weld inspection]",
        "cards.scenarios[Weld inspection].SC-STAGE",
        "cards.scenarios[Weld inspection].SC-KPI",
    ]

    again = cards_app(tmp_path, path=path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, AssessmentScreen)
        cards = await to_scenarios(pilot)
        assert rows(cards) == [("Weld inspection", "2/4")]
        await pilot.press("enter")  # open it
        await settle(pilot)
        card = again.screen
        assert isinstance(card, CardScreen)
        assert card.qid == "SC-AUDIT"  # the first question still unanswered
        await pilot.press("left")
        await settle(pilot)
        assert card.query_one("#value", Input).value == "35"
        assert again.store.card_answer("scenarios", "Weld inspection", "SC-STAGE").value == "live"


@async_test
async def test_a_duplicate_name_is_refused_with_the_reason_and_a_full_group_says_so(tmp_path):
    app = cards_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_new(pilot)
        cards = await to_scenarios(pilot)
        await add_card(pilot, "Line 1")
        await pilot.press("escape")
        await settle(pilot)
        await add_card(pilot, " line 1 ")
        dialog = app.screen
        assert isinstance(dialog, CardKeyDialog)  # still open, saying why
        assert "already has a card named “Line 1”" in str(dialog.query_one("#card-key-error").render())
        dialog.query_one("#card-key", Input).value = "Line 2"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await add_card(pilot, "Line 3")
        await pilot.press("escape")
        await settle(pilot)
        assert [k for k, _ in rows(cards)] == ["Line 1", "Line 2", "Line 3"]
        await pilot.press("n")  # the group takes three: said at once, no dialog
        await settle(pilot)
        assert app.screen is cards
        assert any("at most 3 cards" in n.message for n in app._notifications)
        assert len(load_answers(app.store.path).cards["scenarios"]) == 3


@async_test
async def test_rename_and_delete_after_confirmation(tmp_path):
    app = cards_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        cards = await to_scenarios(pilot)
        for name in ("焊接质检", "排产优化"):
            await add_card(pilot, name)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("up", "r")  # the first card
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CardKeyDialog)
        dialog.query_one("#card-key", Input).value = "排产优化"
        await pilot.press("enter")
        await settle(pilot)
        assert "本组已有名为“排产优化”的卡片" in str(dialog.query_one("#card-key-error").render())
        dialog.query_one("#card-key", Input).value = "焊缝质检"
        await pilot.press("enter")
        await settle(pilot)
        assert [k for k, _ in rows(cards)] == ["焊缝质检", "排产优化"]
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on cancel: Enter alone deletes nothing
        await settle(pilot)
        assert [k for k, _ in rows(cards)] == ["焊缝质检", "排产优化"]
        await pilot.press("delete", "y")
        await settle(pilot)
        assert [k for k, _ in rows(cards)] == ["排产优化"]
        await pilot.press("z")  # undo brings it back
        await settle(pilot)
        assert [k for k, _ in rows(cards)] == ["焊缝质检", "排产优化"]
        history = [h.question for h in load_answers(app.store.path).history if h.question.startswith("cards.")]
        assert history[-3:] == ["cards.scenarios[焊接质检]", "cards.scenarios[焊缝质检]", "cards.scenarios[焊缝质检]"]


@async_test
async def test_a_group_is_offered_only_where_the_profile_asks_for_it(tmp_path):
    app = cards_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        screen = app.screen
        assert "cards:scenarios" in screen.order() and "cards:markets" not in screen.order()
        await pilot.press("right", "y")  # exports: the markets group follows pillar G
        await settle(pilot)
        order = screen.order()
        assert order.index("cards:markets") == order.index("G05") + 1
        assert order.index("cards:scenarios") == order.index("C05") + 1


@async_test
async def test_verified_is_left_to_a_reviewer_where_the_policy_says_so(tmp_path):
    from assess.answers import Answer, AnswerSet
    from assess.content.answer_file import save_answers
    from assess.content.bundled import load_questionnaire, ref_of

    q, h = load_questionnaire(CARDS)
    path = tmp_path / "a.json"
    answers = AnswerSet(questionnaire=ref_of(q, h), answers={"C01": Answer(value=3, evidence_state="verified")})
    answers.session.question = "C01"
    save_answers(path, answers)
    app = cards_app(tmp_path, path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.qid == "C01"
        assert not screen.query("#ev-verified")
        assert screen.query_one("#ev-documented", RadioButton).value  # shown as documented, and why
        assert "Only a reviewer sets" in str(screen.query_one("#q-status").render())
        assert app.store.answer("C01").evidence_state == "verified"  # not changed by being shown
        await pilot.press("e")  # on from documented: declared, never verified
        await settle(pilot)
        assert app.store.answer("C01").evidence_state == "declared"
        await pilot.press("e")
        await settle(pilot)
        assert app.store.answer("C01").evidence_state == "documented"

        await to_scenarios(pilot)
        await add_card(pilot, "A")
        card = app.screen
        assert isinstance(card, CardScreen)
        assert not card.query("#ev-verified") and card.query("#ev-documented")
        await pilot.press("1", "e", "e")
        await settle(pilot)
        assert app.store.card_answer("scenarios", "A", "SC-STAGE").evidence_state == "declared"


@async_test
async def test_undoing_the_new_card_from_inside_it_returns_to_the_list(tmp_path):
    app = cards_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_new(pilot)
        cards = await to_scenarios(pilot)
        await add_card(pilot, "A")
        await pilot.press("1", "z")  # undo the answer: the card stays
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.store.card_answer("scenarios", "A", "SC-STAGE") is None
        await pilot.press("z")  # undo the card itself: nothing left to show here
        await settle(pilot)
        assert app.screen is cards and rows(cards) == []
        assert any("no longer exists" in n.message for n in app._notifications)
