"""Every key the app lists does something, and the app calls each concept by the glossary's word."""

from __future__ import annotations

import pytest

from assess.text.app_labels import LABELS, t
from assess.text.glossary import term
from assess.tui.app import AssessApp
from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.card import CardScreen
from assess.tui.screens.cards import CardsScreen
from assess.tui.screens.company import CompanyScreen
from assess.tui.screens.results import ResultsScreen
from assess.tui.screens.start import StartScreen


@pytest.mark.parametrize("screen", [StartScreen, CompanyScreen, AssessmentScreen, ResultsScreen, CardsScreen,
                                    CardScreen],
                         ids=lambda s: s.__name__)
def test_every_key_in_the_footer_and_help_runs_an_action(screen):
    for key in screen.KEYS:
        assert key.label in LABELS, key
        for action in [key.action, *(a for _, a in key.each)]:
            if not action:
                continue
            target, _, name = action.rpartition(".")
            owner = AssessApp if target == "app" else screen
            assert hasattr(owner, "action_" + name.split("(")[0]), (screen.__name__, key)


def test_the_app_calls_each_concept_by_the_glossary_word():
    zh = " ".join(z for z, _ in LABELS.values())
    en = " ".join(e for _, e in LABELS.values()).lower()
    for other_word in ("方面", "维度", "领域", "门槛", "企业概况", "有证据"):
        assert other_word not in zh, other_word
    assert "must-have" not in en
    assert term("pillar", "zh") in t("key.next_pillar", "zh")
    assert term("gate", "zh") in t("results.gates", "zh")
    assert term("profile", "zh") == t("section.profile", "zh")
