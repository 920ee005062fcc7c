"""Parser and dispatch. Keep this module and every `cmd_*` module light at import time:
`assess --help` must not load textual, openpyxl, xlsxwriter, python_calamine or rich."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from assess import __version__
from assess.cli.words import Parser, fill_in, h, help_lang, speaking

# Subcommands, in the order `assess --help` lists them. Each is `assess.cli.cmd_<name>`
# with `register(subparsers)`, which sets `run` as the parser default.
COMMANDS = [
    "tui",
    "serve",
    "score",
    "report",
    "verify",
    "keygen",
    "review",
    "compare",
    "explain",
    "template",
    "import",
    "migrate",
    "diff",
    "batch",
    "validate",
    "list",
    "schema",
]

EXIT_PIPE_CLOSED = 141
"""What a shell reports for a command whose output pipe closed under it (128 + SIGPIPE)."""


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help in the language of `speaking` (Chinese outside it)."""
    parser = Parser(prog="assess", description=h("main.description"))
    parser.add_argument("--version", action="version", version=f"assess {__version__}", help=h("main.version"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=h("main.commands"))
    for name in COMMANDS:
        importlib.import_module(f"assess.cli.cmd_{name}").register(sub)
    fill_in(sub)  # a command that registers its help in English gets the catalogue's Chinese
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with speaking(help_lang(argv)):
        parser = build_parser()
        if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version") and sys.stdout.isatty():
            argv = ["tui", *argv]  # `assess --lang en` opens the app in English, as `assess` opens it
        if not argv:
            if sys.stdin.isatty() and sys.stdout.isatty():
                argv = ["tui"]
            else:
                parser.print_help(sys.stderr)
                return 2
        try:
            args = parser.parse_args(argv)
        except SystemExit as e:  # argparse exits 2 on usage errors, 0 on --help
            return int(e.code or 0)
        run = getattr(args, "run", None)
        if run is None:
            parser.print_help(sys.stderr)
            return 2
    from assess.cli.common import EXIT_USAGE, UsageError, fail, lang_of, set_locale

    try:
        try:
            set_locale(lang_of(args))
        except UsageError:
            if hasattr(args, "lang"):
                raise  # a command that speaks a language refuses an unknown one
            set_locale("zh")  # one that prints no words of its own (list, schema) goes on
        code = int(run(args) or 0)
        sys.stdout.flush()  # a reader that went away is met here, not at exit where it cannot be caught
        return code
    except BrokenPipeError:
        # The reader went away (`assess verify r.xlsx | head`): stop quietly. Later writes, and the
        # interpreter's last flush, go to the null device; the exit code is a shell's for a pipe
        # closed under a writer (128 + SIGPIPE), so a script tells it from a failed check (1).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE_CLOSED
    except Exception as e:
        # Errors every command can meet, reported the same way everywhere: a bad call exits 2,
        # an input that cannot be used at all prints its problems and exits 1.
        from assess.cli.common import EXIT_PROBLEMS, print_problems
        from assess.content.yaml_file import ContentError

        if isinstance(e, UsageError):
            return fail(e.message, EXIT_USAGE)
        if isinstance(e, ContentError):
            print_problems(e.problems)
            return EXIT_PROBLEMS
        raise
    except KeyboardInterrupt:
        from assess.problems import msg

        fail(msg("cli.interrupted"))
        return 130
