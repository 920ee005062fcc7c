"""Snapshots of the main screens at 80x24 and 120x40, in Chinese and English (deterministic:
the sample questionnaire, fixed answers in a fixed folder, a fixed clock, no cursor blink).
Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the SVGs."""

from __future__ import annotations

import pytest

from .snapshot_data import app_for, start_app, steady, to_company, to_results

SIZES = [(80, 24), (120, 40)]
LANGS = ["zh", "en"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start(snap_compare, lang, size):
    assert snap_compare(start_app(lang), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_company(snap_compare, lang, size):
    assert snap_compare(app_for(lang), terminal_size=size, run_before=to_company)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_assessment(snap_compare, lang, size):
    assert snap_compare(app_for(lang), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_results(snap_compare, lang, size):
    assert snap_compare(app_for(lang), terminal_size=size, run_before=to_results)


@pytest.mark.parametrize("lang", LANGS)
def test_assessment_light_theme(snap_compare, lang):
    app = app_for(lang)
    app.initial_theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)
