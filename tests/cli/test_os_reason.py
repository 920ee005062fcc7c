"""Why the system refused a file is said in the user's language, whatever language the system speaks."""

from __future__ import annotations

import errno

import pytest

from assess.problems import os_reason
from assess.text.messages import say


@pytest.mark.parametrize("code,zh,en", [
    (errno.EACCES, "正被其他程序（如 Excel、WPS）打开", "open in another program (such as Excel or WPS)"),
    (errno.ENOENT, "找不到该文件或文件夹", "no such file or folder"),
    (errno.ENOSPC, "磁盘空间不足", "the disk is full"),
    (errno.EROFS, "只读", "read-only"),
    (errno.EADDRINUSE, "该端口已被占用", "the port is already in use"),
])
def test_the_usual_reasons_are_in_the_users_words(code, zh, en):
    error = OSError(code, "English words from the system")
    assert zh in say(os_reason(error), "zh") and en in say(os_reason(error), "en")
    assert "English words" not in say(os_reason(error), "zh")


def test_a_file_open_in_excel_on_windows_reads_as_permission_denied():
    """Windows refuses to write a workbook Excel holds open with a PermissionError (errno EACCES)."""
    shared = PermissionError(errno.EACCES, "The process cannot access the file because it is being used")
    assert "请关闭后重试" in say(os_reason(shared), "zh")


def test_any_other_reason_is_given_as_the_system_gave_it():
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"
    assert os_reason(ValueError("embedded null byte")) == "embedded null byte"


def test_commands_say_why_a_file_cannot_be_written_in_chinese(tmp_path, capsys, monkeypatch):
    from assess.cli import main

    monkeypatch.setenv("ASSESS_LANG", "zh")
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    assert main(["template", "-o", str(tmp_path / "notes.txt" / "t.xlsx")]) != 0
    err = capsys.readouterr().err
    assert "同名的文件或文件夹已存在" in err and "File exists" not in err  # a folder was wanted where a file is
    assert main(["score", str(tmp_path / "notes.txt" / "answers.json")]) != 0
    err = capsys.readouterr().err
    assert "路径中有一部分不是文件夹" in err and "Not a directory" not in err


def test_the_guard_says_a_missing_file_in_chinese(tmp_path):
    from assess.excel.guard import check_workbook

    verdict = check_workbook(tmp_path / "missing.xlsx")
    assert say(verdict.message, "zh") == "无法读取文件（找不到该文件或文件夹）"
