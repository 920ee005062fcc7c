"""`assess template`, `assess import`, and filled sheets wherever an answer file is accepted."""

from __future__ import annotations

import json

import pytest

from assess.cli import main
from assess.content.answer_file import save_answers
from tests.conftest import DATA, SAMPLE

SHEETS = DATA / "sheets"
Q = str(SAMPLE)
FILLED = SHEETS / "plain-zh-0001.lo.xlsx"


def test_template_writes_a_sheet_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "sheet.xlsx"
    assert main(["template", "-q", Q, "--lang", "en", "-o", str(out)]) == 0
    assert "3 profile and 10 questions" in capsys.readouterr().out
    assert out.stat().st_size > 5000
    assert main(["template", "-q", Q, "-o", str(out)]) == 1
    assert "use --force" in capsys.readouterr().err
    assert main(["template", "-q", Q, "-o", str(out), "--force", "--level-notes"]) == 0


def test_template_prefilled_from_an_answer_file_round_trips(tmp_path, sample_answers):
    src = tmp_path / "a.json"
    save_answers(src, sample_answers)
    sheet = tmp_path / "pre.xlsx"
    assert main(["template", "-q", Q, "--answers", str(src), "-o", str(sheet)]) == 0
    out = tmp_path / "back.json"
    main(["import", str(sheet), "-q", Q, "-o", str(out)])
    got = json.loads(out.read_text("utf-8"))
    assert got["answers"] == json.loads(src.read_text("utf-8"))["answers"]


def test_import_writes_the_answer_file(tmp_path, capsys):
    out = tmp_path / "answers.json"
    assert main(["import", str(FILLED), "-q", Q, "-o", str(out)]) == 0
    expected = json.loads(FILLED.with_name("plain-zh-0001.lo.expected.json").read_text("utf-8"))
    assert json.loads(out.read_text("utf-8")) == expected
    assert out.stat().st_mode & 0o777 == 0o600
    assert "wrote" in capsys.readouterr().out


def test_import_lists_problems_and_exits_1(tmp_path, capsys):
    out = tmp_path / "f.json"
    assert main(["import", str(SHEETS / "formula-zh-0007.lo.xlsx"), "-q", Q, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Answers!E3: a formula (=20+20)" in err
    assert out.exists()


def test_import_of_a_hostile_file_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("id,value\nC01,3\n")
    out = tmp_path / "bad.json"
    assert main(["import", str(bad), "-q", Q, "-o", str(out)]) == 1
    assert "not an .xlsx workbook" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("command", ["score", "report"])
def test_commands_accept_a_filled_sheet(tmp_path, command, capsys):
    argv = [command, str(FILLED), "-q", Q]
    if command == "report":
        argv += ["-o", str(tmp_path / "r.xlsx")]
    assert main(argv) == 0, capsys.readouterr().err


def test_import_force_refuses_an_answer_file_open_in_the_app_and_names_the_holder(tmp_path, capsys):
    import os
    import socket

    from assess.content.bundled import resolve
    from assess.session.opening import open_answer_file

    out = tmp_path / "answers.json"
    assert main(["import", str(FILLED), "-q", Q, "-o", str(out)]) == 0
    before = out.read_bytes()
    store = open_answer_file(out, resolve(Q))  # as the app opens it: locked until closed
    capsys.readouterr()
    try:
        assert main(["import", str(SHEETS / "plain-en-0003.lo.xlsx"), "-q", Q, "-o", str(out), "--force"]) == 1
        err = capsys.readouterr().err
        assert f"{out} is open in the assess app (process {os.getpid()}@{socket.gethostname()})" in err
        assert "close it there first" in err
        assert out.read_bytes() == before
    finally:
        store.close()
    assert main(["import", str(SHEETS / "plain-en-0003.lo.xlsx"), "-q", Q, "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != before


def test_import_of_a_lock_file_or_a_zip_of_sheets_says_what_it_is(tmp_path, capsys):
    """What a consultant picks up by mistake is named as what it is, with what to use instead."""
    import zipfile

    lock = tmp_path / "~$华东重工.xlsx"
    lock.write_bytes(b"\x05owner" + bytes(160))
    bundle = tmp_path / "补交.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.write(FILLED, "甲厂.xlsx")
        z.write(FILLED, "乙厂.xlsx")
    assert main(["import", str(lock), "-q", Q, "-o", str(tmp_path / "a.json"), "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert "临时文件，不是答卷" in err and "“~$”" in err
    libre = tmp_path / ".~lock.华东重工.xlsx#"  # LibreOffice's: neither a workbook's name nor its bytes
    libre.write_text(",owner,host,06.12.2026 12:00,file:///x;", "utf-8")
    for command in ("import", "score", "report"):
        assert main([command, str(libre), "-q", Q, "--lang", "zh"]) == 1
        assert "临时文件，不是答卷" in capsys.readouterr().err, command
    assert main(["import", str(bundle), "-q", Q, "-o", str(tmp_path / "b.json"), "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert ".zip 压缩包（内有 2 个文件）" in err and "assess batch" in err
    assert not (tmp_path / "a.json").exists() and not (tmp_path / "b.json").exists()
