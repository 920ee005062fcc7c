"""`assess tui` and `assess serve` on the command line (no terminal, no server started)."""

from __future__ import annotations

import pytest

from assess.cli.cmd_serve import app_command, is_loopback, page_templates
from assess.cli.main import build_parser, main


@pytest.mark.parametrize("host, loop", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                        ("127.8.0.1", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                        ("example.org", False)])
def test_loopback(host, loop):
    assert is_loopback(host) is loop


def test_serve_refuses_a_public_host_without_public(capsys):
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "--public" in capsys.readouterr().err


def test_serve_runs_the_tui_with_the_options_given():
    args = build_parser().parse_args(["serve", "--lang", "en", "--data-dir", "/tmp/x y", "-q", "sample"])
    command = app_command(args)
    assert command.endswith("-m assess tui --questionnaire sample --lang en --data-dir '/tmp/x y'")


def test_serve_quotes_the_command_for_windows_too():
    args = build_parser().parse_args(["serve", "--data-dir", r"C:\Users\李 伟\assess"])
    command = app_command(args, windows=True)
    assert command.endswith(r'-m assess tui --data-dir "C:\Users\李 伟\assess"')


def test_served_page_is_titled_assess(tmp_path):
    folder = page_templates("assess", tmp_path)
    assert "<title>assess</title>" in (folder / "app_index.html").read_text(encoding="utf-8")


def test_tui_options_parse():
    args = build_parser().parse_args(["tui", "answers.json", "--lang", "zh", "--theme", "textual-light"])
    assert (args.path, args.lang, args.theme) == ("answers.json", "zh", "textual-light")


def test_first_frame_loads_no_pydantic_no_questionnaire():
    """The Start screen draws before the questionnaire and pydantic load (first-frame budget)."""
    import json
    import subprocess
    import sys

    probe = "import sys, json, assess.tui.app; print(json.dumps(sorted(sys.modules)))"
    mods = set(json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                         check=True).stdout))
    assert not {"pydantic", "yaml", "assess.model", "assess.scoring", "openpyxl", "xlsxwriter"} & mods
