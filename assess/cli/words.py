"""The command line's own words in the user's language (`--lang`, else ASSESS_LANG, else Chinese):
help texts from the catalogue (`assess.text.cli_help`), argparse's words ("usage:", "error: the
following arguments are required") through the gettext hook argparse calls them by, and help lines
broken by terminal cells with the Chinese rules (a Chinese character takes two cells)."""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from assess.text.cli_help import ARGPARSE, HELP
from assess.text.glossary import pick
from assess.text.linebreak import cell_width, wrap

LANGS = ("zh", "en")
_lang = "zh"


def help_lang(argv: Sequence[str]) -> str:
    """The language of the help and of argparse's errors: --lang on the command line, else
    ASSESS_LANG, else zh (an unknown one is refused by the command, in Chinese)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        return value if value in LANGS else "zh"
    env = os.environ.get("ASSESS_LANG")
    return env if env in LANGS else "zh"


def h(key: str) -> str:
    """A help text in the help's language (set by `speaking`)."""
    return pick(HELP[key], _lang)


def _gettext(message: str) -> str:
    return ARGPARSE.get(message, message) if _lang == "zh" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Build and run the parser in `lang`: argparse asks its module's `_` for each of its words
    (gettext), so that is where they are translated, for as long as the command line is read."""
    global _lang
    saved = argparse._, argparse.ngettext, _lang  # type: ignore[attr-defined]
    _lang = lang if lang in LANGS else "zh"
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[assignment]
    try:
        yield
    finally:
        argparse._, argparse.ngettext, _lang = saved  # type: ignore[attr-defined]


_CJK_HEADING = re.compile(r"^(\S[^\n]*[^\x00-\x7f]):$", re.M)


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help lines broken by terminal cells, never before "，" nor inside a number; a description
    keeps its own paragraphs; a Chinese heading ends with a Chinese colon."""

    def format_help(self) -> str:
        return _CJK_HEADING.sub(r"\1：", super().format_help())

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # type: ignore[no-untyped-def]
        # argparse counts "用法：" as 3 columns where a terminal draws 6: wrap 3 narrower, indent 3 more
        shown = argparse._("usage: ") if prefix is None else prefix  # type: ignore[attr-defined]
        extra = cell_width(shown) - len(shown)
        self._width -= extra
        try:
            text = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width += extra
        if not extra:
            return text
        first, *rest = text.split("\n")
        return "\n".join([first, *((" " * extra + line) if line.strip() else line for line in rest)])

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines: list[str] = []
        for para in text.splitlines():
            lines += [indent + line for line in wrap(para, width - len(indent))] if para.strip() else [""]
        return "\n".join(lines)


class Parser(argparse.ArgumentParser):
    """The parser of `assess` and of each command (subparsers are made of the parent's class)."""

    def __init__(self, *args, formatter_class: type[argparse.HelpFormatter] = Formatter, **kwargs) -> None:
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def fill_in(sub: argparse._SubParsersAction) -> None:
    """In Chinese, a command that registers its help in English (serve) gets the catalogue's words
    for it (by `command.option`); a help already in Chinese is left as it is."""
    if _lang != "zh":
        return
    for command, parser in sub.choices.items():
        if f"{command}.description" in HELP and not _CJK.search(parser.description or ""):
            parser.description = h(f"{command}.description")
        keyed = [(f"{command}.{a.dest}", a) for a in parser._actions if not isinstance(a, argparse._HelpAction)]
        keyed += [(f"{command}.help", a) for a in sub._choices_actions if a.dest == command]  # the list of commands
        for key, action in keyed:
            if key in HELP and not _CJK.search(action.help or ""):
                action.help = h(key)
