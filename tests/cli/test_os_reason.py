"""Why the system refused a file is said in the user's language, whatever language the system speaks."""

from __future__ import annotations

import errno
import sys

import pytest

from assess.problems import os_reason
from assess.text.messages import say


@pytest.mark.parametrize("code,zh,en", [
    (errno.EACCES, "文件正在 Excel、WPS 等程序中打开", "the file is open in a program such as Excel or WPS"),
    (errno.ENOENT, "找不到该文件或文件夹", "no such file or folder"),
    (errno.ENOSPC, "磁盘空间不足", "the disk is full"),
    (errno.EROFS, "只读", "read-only"),
])
def test_the_usual_reasons_are_in_the_users_words(code, zh, en):
    error = OSError(code, "English words from the system")
    assert zh in say(os_reason(error), "zh") and en in say(os_reason(error), "en")
    assert "English words" not in say(os_reason(error), "zh")


def test_a_file_open_in_excel_on_windows_reads_as_permission_denied():
    """Windows refuses to write a workbook Excel holds open with a PermissionError (errno EACCES)."""
    shared = PermissionError(errno.EACCES, "The process cannot access the file because it is being used")
    assert "文件正在 Excel、WPS 等程序中打开" in say(os_reason(shared), "zh")


@pytest.mark.parametrize("winerror,code,zh", [(206, errno.ENOENT, "文件名或路径过长"),
                                               (123, errno.EINVAL, "系统不允许的字符")])
def test_windows_errors_filed_under_a_vaguer_errno_are_told_apart(winerror, code, zh):
    """Windows files a path too long as "not found" and a forbidden character as "invalid argument"."""
    error = OSError(code, "系统找不到指定的路径。")
    error.winerror = winerror
    assert zh in say(os_reason(error), "zh")


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
    assert "notes.txt" in err and "t.xlsx" not in err  # the path that failed: the folder, not the workbook
    if sys.platform == "win32":  # Windows calls a file used as a folder "path not found"
        return
    assert main(["score", str(tmp_path / "notes.txt" / "answers.json")]) != 0
    err = capsys.readouterr().err
    assert "路径中有一部分不是文件夹" in err and "Not a directory" not in err


def test_the_guard_says_a_missing_file_in_chinese(tmp_path):
    from assess.excel.guard import check_workbook

    verdict = check_workbook(tmp_path / "missing.xlsx")
    assert say(verdict.message, "zh") == "无法读取文件（找不到该文件或文件夹）"


@pytest.mark.parametrize("code,words", [
    (errno.EADDRINUSE, "another program is using the port"),
    (errno.EACCES, "the system keeps this port for itself, or it needs administrator rights"),
    (errno.EADDRNOTAVAIL, "this computer has no such address"),
])
def test_a_port_the_server_cannot_take_is_said_for_what_it_is(code, words):
    """A port refused is never called a file open in Excel."""
    from assess.cli.cmd_serve import _port_refused

    said = say(_port_refused(OSError(code, "system words"), "127.0.0.1", 80), "en")
    assert words in said and "Excel" not in said


def test_a_report_that_cannot_be_written_is_not_called_a_bug(tmp_path, sample):
    """The firm keeps its score; the problem says why in words and what to check, not "report a bug"."""
    from assess.batch.inputs import collect_inputs
    from assess.batch.worker import Job, score_file
    from tests.conftest import DATA

    q, h = sample

    def writer(out, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(out))

    sheet = DATA / "sheets" / "plain-zh-0001.lo.xlsx"
    item = collect_inputs([str(sheet)]).files[0]
    result = score_file(0, item, Job(q, h, {}, "zh", tmp_path, writer, None))
    assert result.figures is not None
    problem = next(p for p in result.problems if p.message.key == "batch.report_failed")
    assert "Excel、WPS" in say(problem.message, "zh") and "Permission denied" not in say(problem.message, "zh")
    assert str(tmp_path) in say(problem.fix, "zh") and "缺陷" not in say(problem.fix, "zh")
