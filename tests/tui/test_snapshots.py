"""Snapshots of what a user's eye needs (deterministic: the sample questionnaire, fixed answers in
a fixed folder, a fixed clock, no cursor blink): Start, the assessment and Results in Chinese at
80x24, the assessment in English, and one at 120x40 where the side panel shows. Made with
Textual 8.2. Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look at the SVGs."""

from __future__ import annotations

from .snapshot_data import app_for, start_app, steady, to_results


def test_start_zh(snap_compare):
    assert snap_compare(start_app("zh", "start-zh"), terminal_size=(80, 24), run_before=steady)


def test_assessment_zh(snap_compare):
    assert snap_compare(app_for("zh", "ask-zh"), terminal_size=(80, 24), run_before=steady)


def test_results_zh(snap_compare):
    assert snap_compare(app_for("zh", "results-zh"), terminal_size=(80, 24), run_before=to_results)


def test_assessment_en(snap_compare):
    assert snap_compare(app_for("en", "ask-en"), terminal_size=(80, 24), run_before=steady)


def test_assessment_zh_wide(snap_compare):
    assert snap_compare(app_for("zh", "wide-zh"), terminal_size=(120, 40), run_before=steady)
