"""The export dialog never lets an export replace a file, least of all the answer file."""

from __future__ import annotations

import pytest

from assess.tui.screens.export_dialog import ExportDialog


@pytest.fixture
def dialog(tmp_path):
    answer_file = tmp_path / "a.json"
    answer_file.write_text("{}")
    return ExportDialog(answer_file, "en", tmp_path / "reports")


def test_refuses_the_answer_file_itself(dialog, tmp_path):
    dialog.kind = "json"
    assert "answer file" in dialog.refusal(str(tmp_path / "a.json"))


def test_refuses_an_existing_file_and_a_wrong_suffix(dialog, tmp_path):
    (tmp_path / "old.xlsx").write_bytes(b"x")
    dialog.kind = "report"
    assert "exists" in dialog.refusal(str(tmp_path / "old.xlsx"))
    assert ".xlsx" in dialog.refusal(str(tmp_path / "report.pdf"))
    assert dialog.refusal("") != ""


def test_accepts_a_new_file_of_the_right_kind(dialog, tmp_path):
    dialog.kind = "report"
    assert dialog.refusal(str(tmp_path / "reports" / "new.xlsx")) == ""
