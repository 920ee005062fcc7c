"""Opening an answer file made for an older release that a newer one carries forward: the offer, by
the session's steps and by keys in the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.answers import Answer
from assess.content.answer_file import load_answers, save_answers
from assess.content.bundled import resolve
from assess.session import opening
from assess.tui.app import make_app
from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.start import StartScreen
from assess.tui.screens.upgrade_dialog import UpgradeDialog
from tests.data.make_filled import random_answers

from .helpers import async_test, fixed_clock, settle


@pytest.fixture
def old_file(tmp_path) -> Path:
    q, h = resolve("ai-manufacturing-2027@1.0.0")
    answers = random_answers(q, h, seed=21)
    answers.answers["X-OLD"] = Answer(value=2)
    path = tmp_path / "plant.json"
    save_answers(path, answers)
    return path


def test_the_offer_says_what_carrying_would_do_and_writes_nothing(old_file, tmp_path):
    before = sorted(tmp_path.iterdir())
    up = opening.upgrade_for(old_file, clock=fixed_clock)
    assert up is not None and up.old.endswith("@1.0.0") and up.new.endswith("@1.1.0")
    named = [n.where for n in up.preview.not_carried]
    assert "answers.X-OLD" in named and all(w.startswith("answers.") for w in named)
    assert "PR-SELF-HOSTED" in up.preview.new_profile and up.preview.new_gates  # new in 1.1.0, still blank
    assert sorted(tmp_path.iterdir()) == before


def test_no_offer_for_the_newest_release_or_an_unreadable_file(old_file, tmp_path, sample_answers):
    carried = opening.carry_forward_file(old_file, clock=fixed_clock)
    assert opening.upgrade_for(carried.path) is None
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert opening.upgrade_for(tmp_path / "bad.json") is None  # opening it says what is wrong
    save_answers(tmp_path / "sample.json", sample_answers)
    assert opening.upgrade_for(tmp_path / "sample.json") is None


def test_carrying_writes_a_new_file_beside_the_old_one_never_over_another(old_file):
    before = old_file.read_bytes()
    first = opening.carry_forward_file(old_file, clock=fixed_clock)
    second = opening.carry_forward_file(old_file, clock=fixed_clock)
    assert first.path.name == "plant-1.1.0.json" and second.path.name == "plant-1.1.0-2.json"
    assert old_file.read_bytes() == before
    assert load_answers(first.path).questionnaire.version == "1.1.0"
    assert "X-OLD" not in load_answers(first.path).answers


async def offered(pilot) -> UpgradeDialog:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, UpgradeDialog), screen
    return screen


@async_test
async def test_c_carries_forward_and_opens_the_new_file(old_file, tmp_path):
    app = make_app(old_file, lang="en", data_dir=tmp_path / "data", clock=fixed_clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        dialog = await offered(pilot)
        text = " ".join(str(s.render()) for s in dialog.query("Static"))
        assert "ai-manufacturing-2027@1.0.0" in text and "X-OLD" in text and "would not" in text
        assert "Profile questions of the new release still to answer" in text and "PR-SELF-HOSTED" in text
        assert "Gates of the new release still to answer" in text
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert app.store.path.name == "plant-1.1.0.json" and app.store.q.version == "1.1.0"
        messages = " ".join(n.message for n in app._notifications)
        assert "Carried forward to ai-manufacturing-2027@1.1.0" in messages and " not carried" in messages


@async_test
async def test_k_keeps_answering_under_the_old_release_and_esc_opens_nothing(old_file, tmp_path):
    app = make_app(old_file, lang="zh", data_dir=tmp_path / "data", clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await offered(pilot)
        assert "继续按 1.0.0 作答" in " ".join(str(b.label) for b in dialog.query("Button"))
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen) and app.store.q.version == "1.0.0"
        assert app.store.path == old_file
    app = make_app(old_file, lang="en", data_dir=tmp_path / "data", clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await offered(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen) and app.store is None
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["plant.json"]
