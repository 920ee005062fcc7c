"""Helpers shared by subcommands: consoles, naming a questionnaire, loading answers, targets."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assess.cli.words import h

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from assess.answers import AnswerSet
    from assess.model import Questionnaire
    from assess.problems import Msg, Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_locale = "zh"
"""The language the running command speaks: set from --lang or ASSESS_LANG once the arguments are
parsed (`assess.cli.main`), so that every message, problem and fix comes out in it."""


def set_locale(locale: str) -> None:
    global _locale
    _locale = locale


def locale() -> str:
    return _locale


def add_questionnaire_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--questionnaire", "-q", metavar="ID[@VERSION]|PATH",
        help=h("common.questionnaire"),
    )


def add_lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help=h("common.lang"))


def add_target_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--target", action="append", default=[], metavar="PILLAR=VALUE",
                   help=h("common.target"))


LANGS = ("zh", "en")


def env_lang() -> str | None:
    """ASSESS_LANG when set (a usage error unless it is zh or en), else None."""
    lang = os.environ.get("ASSESS_LANG") or None
    if lang is not None and lang not in LANGS:
        from assess.problems import msg

        raise UsageError(msg("cli.bad_lang", got=repr(lang)))
    return lang


def lang_of(args: argparse.Namespace) -> str:
    """--lang, else ASSESS_LANG, else Chinese; only zh and en exist."""
    return getattr(args, "lang", None) or env_lang() or "zh"


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(h("common.not_whole").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(h("common.too_small").format(text=text))
    return value


def console(stderr: bool = False) -> Console:
    """A rich console: colour on a terminal, plain text otherwise; NO_COLOR is honoured by rich."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # Off a terminal rich assumes 80 columns and would cut ids and names; files and pipes get room.
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 160
    out = Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)
    out.on_broken_pipe = _pipe_closed  # rich would exit 1 itself; `main` ends every command's closed pipe alike
    return out


def _pipe_closed() -> None:
    raise BrokenPipeError


def print_problems(problems: list[Problem], stream=None) -> None:
    """Problems in the command's language, one a line, errors first; plain text so that they can be
    grepped. A file name's control characters are shown escaped, never sent to the terminal."""
    from assess.text.format import printable
    from assess.text.messages import by_severity, problem_text

    stream = stream or sys.stderr
    for p in by_severity(problems):
        print(printable(problem_text(p, _locale)), file=stream)


def say(message: Msg | str) -> str:
    """A message in the command's language, for a terminal: the control characters of the names and
    texts it carries are shown escaped (`assess.text.format.printable`)."""
    from assess.text.format import printable
    from assess.text.messages import say as render

    return printable(render(message, _locale), lines=True)


def fail(message: Msg | str, code: int = EXIT_PROBLEMS) -> int:
    print(f"assess: {say(message)}", file=sys.stderr)
    return code


class UsageError(Exception):
    """A problem with how a command was called (exit 2); its words are a catalogue message."""

    def __init__(self, message: Msg | str) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return say(self.message)


def parse_targets(items: list[str], q: Questionnaire) -> dict[str, float]:
    """`PILLAR=VALUE` pairs, checked against the questionnaire's pillars."""
    from assess.problems import msg
    from assess.text.parse import parse_number

    pillars = {p.id for p in q.pillars}
    out: dict[str, float] = {}
    for item in items:
        pid, sep, raw = item.partition("=")
        if not sep:
            raise UsageError(msg("cli.target_form", item=item))
        if pid not in pillars:
            raise UsageError(msg("cli.target_pillar", item=item, pillar=pid, pillars=sorted(pillars)))
        value = parse_number(raw, percent_sign=False)
        if value is None:
            raise UsageError(msg("cli.target_number", item=item, got=raw))
        if not 0 <= value <= 5:
            raise UsageError(msg("cli.target_range", item=item))
        out[pid] = value
    return out


SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xls", ".xlsb", ".et", ".ods")


def is_sheet(path: str | Path) -> bool:
    """Whether a file is to be read as a workbook, not as an answer file (JSON): by its extension, or,
    for any other name than .json (a workbook saved as .zip, or whose extension a mail tool dropped),
    by how it begins. The workbook guard then says what it really is."""
    from assess.excel.guard import workbook_magic

    suffix = Path(path).suffix.lower()
    return suffix in SHEET_SUFFIXES or (suffix != ".json" and workbook_magic(path) is not None)


def load_answers_and_questionnaire(
    path: str | Path, questionnaire: str | None = None, rejected: dict[str, str] | None = None,
    text_locale: str | None = None,
) -> tuple[Questionnaire, str, AnswerSet, list[Problem]]:
    """An answer file (JSON) or a filled Excel answer sheet, with its questionnaire.

    Returns (questionnaire, its hash, answers, problems). Raises ContentError for a file
    that cannot be used at all. For a sheet, `rejected` (when given) is filled with what was typed
    for each answer not used, any words of ours in it in `text_locale` (the report's language).
    """
    from assess.content.bundled import resolve
    from assess.rules import check_answers

    path = Path(path)
    from assess.excel.sheet_reader import refuse_lock_file

    refuse_lock_file(path)  # before its name or bytes send it to the answer-file reader, which would misname it
    if is_sheet(path):
        return read_sheet(path, questionnaire, rejected, text_locale)
    from assess.content.answer_file import load_answers

    answers = load_answers(path)
    q, h = resolve(questionnaire, answers.questionnaire)
    problems = [p.at(str(path)) for p in check_answers(q, answers)]
    return q, h, answers, problems


def read_sheet(path: Path, questionnaire: str | None = None, rejected: dict[str, str] | None = None,
               text_locale: str | None = None) -> tuple[Questionnaire, str, AnswerSet, list[Problem]]:
    """A filled answer sheet, as `assess.excel.sheet_reader.read_answer_sheet` reads it (and fills
    `rejected`); but a gap report given instead is refused as such, not read as an answer sheet with
    a problem a row."""
    from assess.content.yaml_file import ContentError
    from assess.excel.sheet_reader import read_answer_sheet
    from assess.problems import errors

    try:
        read = read_answer_sheet(path, questionnaire, rejected, text_locale)
    except ContentError:
        _refuse_a_gap_report(path)
        _refuse_what_holds_no_sheet(path)
        raise
    if errors(read[3]):
        _refuse_a_gap_report(path)
    return read


def _refuse_a_gap_report(path: Path) -> None:
    """Raise ContentError if the workbook is a gap report. Asked only once reading it as an
    answer sheet has failed (a gap report always fails: it has no Meta sheet), so that a good
    sheet costs nothing more; the file passes the guard again before anything looks inside."""
    from assess.content.yaml_file import ContentError
    from assess.excel.guard import check_workbook
    from assess.excel.verify import gap_report_problem, is_gap_report

    verdict = check_workbook(path)
    if verdict.ok and verdict.data is not None and is_gap_report(verdict.data):
        raise ContentError([gap_report_problem(str(path))])


def _refuse_what_holds_no_sheet(path: Path) -> None:
    """Raise ContentError, saying what it is, for a .zip of answer sheets given where one sheet is
    read: no workbook check would name it well."""
    from assess.batch.archive import is_package, list_members
    from assess.content.yaml_file import ContentError
    from assess.excel.guard import DEFAULT_LIMITS, workbook_magic
    from assess.problems import Problem, msg

    if workbook_magic(path) == "zip":
        members, why, _ = list_members(path, DEFAULT_LIMITS)
        if why is None and members and not is_package(members):
            raise ContentError([Problem(msg("cli.archive", n=len(members)), "", str(path), "error",
                                        msg("cli.archive.fix"))])


def add_sign_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sign", metavar="KEY",
                   help=h("report.sign"))


def load_signer(path: str):  # noqa: ANN201 - an assess.content.keys.Signer, imported lazily
    """The private key given with --sign; an encrypted one's passphrase is asked for on the terminal
    (refused, saying why, when there is none). A bad key file raises ContentError naming it."""
    from assess.content.keys import load_signer as load
    from assess.problems import msg

    def ask() -> str | None:
        if not sys.stdin.isatty():
            return None
        import getpass

        return getpass.getpass(say(msg("sign.passphrase_prompt", file=Path(path).name)))

    return load(path, ask)


def evidence_folder(given: str | None) -> Path | None:
    """The --evidence folder, which must be one (a usage error otherwise)."""
    if given is None:
        return None
    from assess.problems import msg

    folder = Path(given)
    if not folder.is_dir():
        raise UsageError(msg("evidence.dir", path=given))
    return folder
