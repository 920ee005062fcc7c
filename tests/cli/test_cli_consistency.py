"""The same call gets the same treatment in every command: the dispatcher reports usage and
unusable-input errors, ASSESS_LANG is checked, counts start at 1, import exits like score, and a
gap report given for answers is named as such."""

from __future__ import annotations

import ast
import importlib
import json
import sys
import types
from pathlib import Path

import pytest

from assess.answers import Answer
from assess.cli import main
from assess.content.answer_file import save_answers
from tests.conftest import SAMPLE

Q = ["-q", str(SAMPLE)]
DISPATCHER = importlib.import_module("assess.cli.main")  # the module; `assess.cli.main` is also the function
CLI = Path(DISPATCHER.__file__).parent


# ------------------------------------------------------------------ one dispatcher for errors


@pytest.mark.parametrize("name", ["report", "verify", "import", "template", "validate", "schema", "explain",
                                  "compare", "score", "migrate", "diff", "keygen"])
def test_commands_leave_usage_and_content_errors_to_the_dispatcher(name):
    tree = ast.parse((CLI / f"cmd_{name}.py").read_text(encoding="utf-8"))
    caught = {
        ast.unparse(handler.type)
        for node in ast.walk(tree) if isinstance(node, ast.Try)
        for handler in node.handlers if handler.type is not None
    }
    assert not caught & {"ContentError", "UsageError", "ModuleNotFoundError"}, caught


def test_a_missing_command_module_is_an_error_not_a_silently_shorter_help(monkeypatch):
    monkeypatch.setattr(DISPATCHER, "COMMANDS", [*DISPATCHER.COMMANDS, "nope"])
    with pytest.raises(ModuleNotFoundError):
        DISPATCHER.build_parser()


def test_every_command_is_built():
    parser = DISPATCHER.build_parser()
    assert set(parser._subparsers._group_actions[0].choices) == set(DISPATCHER.COMMANDS)  # type: ignore[union-attr]


def test_template_reports_an_unusable_questionnaire_once(tmp_path, capsys):
    assert main(["template", "-q", "no-such-questionnaire", "-o", str(tmp_path / "t.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.count("no-such-questionnaire is not bundled") == 1
    assert not (tmp_path / "t.xlsx").exists()


# ------------------------------------------------------------------ ASSESS_LANG


def test_a_wrong_assess_lang_stops_the_app_before_it_starts(monkeypatch, capsys):
    started = []
    fake = types.SimpleNamespace(make_app=lambda *a, **k: started.append(a) or types.SimpleNamespace(
        run=lambda: None, return_code=0))
    monkeypatch.setitem(sys.modules, "assess.tui.app", fake)
    monkeypatch.setenv("ASSESS_LANG", "fr")
    assert main(["tui"]) == 2
    assert "ASSESS_LANG='fr'" in capsys.readouterr().err and not started
    assert main(["tui", "--lang", "en"]) == 0 and started  # --lang wins over the variable


def test_a_wrong_assess_lang_stops_serve_before_it_listens(monkeypatch, capsys):
    served = []
    server = types.ModuleType("textual_serve.server")
    server.Server = lambda *a, **k: types.SimpleNamespace(serve=lambda: served.append(a))
    monkeypatch.setitem(sys.modules, "textual_serve.server", server)
    monkeypatch.setenv("ASSESS_LANG", "fr")
    assert main(["serve"]) == 2
    assert "ASSESS_LANG='fr'" in capsys.readouterr().err and not served


def test_report_checks_the_language_before_reading_the_input(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSESS_LANG", "de")
    assert main(["report", str(tmp_path / "missing.json"), *Q]) == 2
    assert "ASSESS_LANG='de'" in capsys.readouterr().err


# ------------------------------------------------------------------ score --top


@pytest.mark.parametrize("top", ["-3", "0", "two"])
def test_score_top_needs_one_or_more(tmp_path, sample_answers, top, capsys):
    save_answers(tmp_path / "a.json", sample_answers)
    assert main(["score", str(tmp_path / "a.json"), *Q, "--top", top]) == 2
    assert "--top" in capsys.readouterr().err


def test_score_top_one_shows_one_action(tmp_path, sample_answers, capsys):
    save_answers(tmp_path / "a.json", sample_answers)
    assert main(["score", str(tmp_path / "a.json"), *Q, "--top", "1", "--lang", "en"]) == 0
    assert "Roadmap (first 1 of" in capsys.readouterr().out


# ------------------------------------------------------------------ import exits like score


def test_import_of_a_missing_file_exits_1_like_score(tmp_path, capsys):
    missing = str(tmp_path / "missing.xlsx")
    assert main(["score", missing, *Q]) == 1
    capsys.readouterr()
    assert main(["import", missing, *Q]) == 1
    assert "missing.xlsx: file not found" in capsys.readouterr().err
    assert not (tmp_path / "missing.json").exists()


def test_import_with_warnings_only_exits_0(tmp_path, sample, sample_answers, capsys):
    few = sample_answers.model_copy(update={"answers": {"P-SIZE": Answer(value="large"), "C01": Answer(value=3)}})
    save_answers(tmp_path / "few.json", few)
    sheet = tmp_path / "few.xlsx"
    assert main(["template", *Q, "--answers", str(tmp_path / "few.json"), "-o", str(sheet)]) == 0
    capsys.readouterr()
    out = tmp_path / "back.json"
    assert main(["import", str(sheet), *Q, "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert "warning:" in printed.err and "unanswered" in printed.err
    assert "warning(s) listed above" in printed.out and "error" not in printed.out
    assert set(json.loads(out.read_text("utf-8"))["answers"]) == {"P-SIZE", "C01"}


# ------------------------------------------------------------------ a gap report for answers


@pytest.fixture
def gap_report(tmp_path, sample_answers, capsys):
    save_answers(tmp_path / "a.json", sample_answers)
    path = tmp_path / "made" / "gap.xlsx"
    assert main(["report", str(tmp_path / "a.json"), *Q, "-o", str(path)]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("argv", [["score"], ["report"], ["explain", "_", "overall"], ["import"]])
def test_a_gap_report_given_for_answers_is_named_as_such(tmp_path, gap_report, argv, capsys):
    argv = [a if a != "_" else str(gap_report) for a in argv]
    if len(argv) == 1:
        argv.append(str(gap_report))
    if argv[0] in ("report", "import"):
        argv += ["-o", str(tmp_path / ("out.xlsx" if argv[0] == "report" else "out.json"))]
    for with_q in ([], Q):
        assert main([*argv, *with_q]) == 1
        err = capsys.readouterr().err
        assert "this is a gap report, not an answer sheet; use `assess verify`" in err
        assert err.count("\n") == 1, err  # that, instead of a problem a row
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("argv", [["score"], ["report"], ["compare", "_", "_"]])
def test_a_scoring_result_given_for_answers_is_named_as_such(tmp_path, gap_report, argv, capsys):
    twin = gap_report.with_suffix(".json")  # the JSON written beside the gap report
    argv = [a if a != "_" else str(twin) for a in argv]
    if len(argv) == 1:
        argv.append(str(twin))
    if argv[0] == "report":
        argv += ["-o", str(tmp_path / "out.xlsx")]
    assert main([*argv, *Q]) == 1
    err = capsys.readouterr().err
    assert "this is a scoring result" in err and "not an answer file" in err
    assert err.count("\n") == 1, err  # that, instead of a problem per unknown field
    assert not (tmp_path / "out.xlsx").exists()


# ------------------------------------------------------------------ layers


def test_the_layers_contract_puts_the_shells_on_top():
    """lint-imports enforces the order in CI; this pins the order itself, so that the contract cannot
    be loosened into one that no longer keeps the app from importing the command line."""
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    contracts = tomllib.loads(pyproject.read_text("utf-8"))["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    assert layers[:2] == ["cli", "tui"]
    assert layers.index("session | batch") < layers.index("excel") < layers.index("content")


def test_template_and_report_both_take_a_folder_for_o(tmp_path, sample_answers):
    """`report -o FOLDER` writes into it; so does `template -o FOLDER`, under the sheet's own name."""
    folder = tmp_path / "发给客户"
    folder.mkdir()
    assert main(["template", "-q", str(SAMPLE), "--lang", "zh", "-o", str(folder)]) == 0
    sheets = list(folder.glob("*.xlsx"))
    assert [p.name for p in sheets] == ["sample-1.0.0-zh.xlsx"]
    assert main(["template", "-q", str(SAMPLE), "--lang", "en", "-o", str(tmp_path / "new") + "/"]) == 0
    assert (tmp_path / "new" / "sample-1.0.0-en.xlsx").is_file()
    assert main(["template", "-q", str(SAMPLE), "-o", str(tmp_path / "x.pdf")]) == 2  # a file of another kind: no
    assert main(["template", "-q", str(SAMPLE), "-o", str(tmp_path / "给苏州")]) == 0  # a name: its .xlsx
    assert (tmp_path / "给苏州.xlsx").is_file()
