"""`assess --help`, every command's --help and argparse's own errors speak the user's language:
Chinese by default, English with --lang en or ASSESS_LANG=en; Chinese help fits 80 columns and
breaks its lines as Chinese is typeset."""

from __future__ import annotations

import argparse
import re

import pytest

from assess.cli import main
from assess.cli.main import COMMANDS
from assess.text.linebreak import cell_width

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_ARGPARSE = ("usage:", "options:", "positional arguments", "show this help", "error:", "required")


@pytest.fixture(autouse=True)
def at_80_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("ASSESS_LANG", raising=False)


def help_of(capsys, *argv: str) -> str:
    assert main([*argv, "--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_is_in_chinese_by_default_and_fits_80_columns(capsys, command):
    out = help_of(capsys, *([command] if command else []))
    assert out.startswith("用法：assess")
    assert "选项：" in out
    assert not [w for w in ENGLISH_ARGPARSE if w in out]
    lines = out.splitlines()
    assert max(cell_width(line) for line in lines) <= 80
    assert not [line for line in lines if line.strip()[:1] in set("，。、；：）」》")]


def test_every_option_of_every_command_has_chinese_help():
    from assess.cli.main import build_parser
    from assess.cli.words import speaking

    with speaking("zh"):
        parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, command in sub.choices.items():
        if not CJK.search(command.description or ""):
            missing.append(f"{name}: description")
        missing += [f"{name} {a.dest}" for a in command._actions if not CJK.search(a.help or "")]
    missing += [f"{a.dest}: summary" for a in sub._choices_actions if not CJK.search(a.help or "")]
    assert not missing, missing


def test_english_with_lang_en_or_assess_lang(capsys, monkeypatch):
    out = help_of(capsys, "score", "--lang", "en")
    assert out.startswith("usage: assess score")
    assert "Score an answer file" in out and not CJK.search(out)
    monkeypatch.setenv("ASSESS_LANG", "en")
    out = help_of(capsys)
    assert out.startswith("usage: assess") and "commands:" in out and not CJK.search(out)


def test_argparse_errors_are_in_chinese(capsys):
    assert main(["score"]) == 2
    assert "assess score：错误：缺少必需的参数：ANSWERS" in capsys.readouterr().err
    assert main(["scor"]) == 2
    assert "无效的选择：'scor'" in capsys.readouterr().err
    assert main(["score", "a.json", "--top", "0"]) == 2
    assert "参数 --top：'0'：请给出 1 或更大的数" in capsys.readouterr().err
    assert main(["score", "a.json", "--lang", "en", "--top", "x"]) == 2
    assert "argument --top: 'x' is not a whole number" in capsys.readouterr().err


def test_argparse_keeps_its_own_words_for_other_programs(capsys):
    help_of(capsys)
    other = argparse.ArgumentParser(prog="other")
    assert other.format_help().startswith("usage: other")


def test_a_command_registered_in_english_gets_the_catalogues_chinese():
    from assess.cli.words import Parser, fill_in, speaking

    with speaking("zh"):
        parser = Parser(prog="assess")
        sub = parser.add_subparsers(dest="command")
        keygen = sub.add_parser("keygen", help="make a key pair for signing gap reports", description="Make a key.")
        keygen.add_argument("--out", help="folder for the two files (default: here)")
        keygen.add_argument("--odd", help="an option the catalogue does not know")
        fill_in(sub)
        assert keygen.description.startswith("为 NAME 生成一对 Ed25519 密钥")
        assert "两个文件的存放文件夹" in keygen.format_help()
        assert "an option the catalogue does not know" in keygen.format_help()  # left as it is, not lost
        assert "生成为差距报告签名用的密钥对" in parser.format_help()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_help_names_the_decisions_as_the_review_sheet_offers_them(capsys, lang):
    from assess.text.glossary import term

    out = help_of(capsys, "review", "--lang", lang)
    joined = out.replace("\n", "") if lang == "zh" else " ".join(out.split())
    assert "审核工作簿" not in joined  # the workbook is called as its messages call it
    for key in ("decision.accepted", "decision.insufficient", "decision.rejected", "audited_score", "review_workbook"):
        assert term(key, lang) in joined


def test_a_quoted_command_keeps_its_options_and_quotes_whole():
    from assess.text.linebreak import wrap

    text = "之后按 `assess verify --evidence DIR` 核对，或按 `assess report -o PATH` 重新生成"
    for width in range(14, 60):
        lines = wrap(text, width)
        assert not [line for line in lines if line.endswith((" `", "-")) or line == "`"], lines  # a quote opening
        assert not [line for line in lines if line.startswith(("` ", "`，"))], lines  # a quote closing
        joined = "|".join(lines)
        assert "--evidence" in joined and "`assess" in joined and "PATH`" in joined, lines
