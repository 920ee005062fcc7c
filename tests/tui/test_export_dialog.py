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


def test_an_export_the_system_refuses_says_why_in_the_apps_language(tmp_path, monkeypatch):
    """On Windows a report open in Excel is refused as "permission denied": the notice says so in
    words, not in the system's English."""
    import errno

    import assess.tui.export as export
    from assess.tui.export import ExportRequest

    from .helpers import async_test, new_assessment, release_app, settle

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "r.xlsx")

    monkeypatch.setattr(export, "write", refused)

    @async_test
    async def run():
        app = release_app(tmp_path, lang="zh")
        async with app.run_test(size=(80, 24)) as pilot:
            await new_assessment(pilot)
            app.export(ExportRequest(kind="report", path=tmp_path / "r.xlsx", lang="zh"),
                       app.store.answers.model_copy(deep=True))
            await settle(pilot)
            return [n.message for n in app._notifications]

    said = run()
    assert any("导出失败" in m and "Excel、WPS" in m and "Permission denied" not in m for m in said), said
