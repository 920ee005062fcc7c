"""assess tui: the assessment app in the terminal (also what `assess` alone runs on a terminal)."""

from __future__ import annotations

import argparse

from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "tui",
        help=h("tui.help"),
        description=h("tui.description"),
    )
    p.add_argument("path", nargs="?", metavar="ANSWERS|FILLED.xlsx", help=h("tui.path"))
    p.add_argument("--questionnaire", "-q", metavar="ID[@VERSION]|PATH",
                   help=h("tui.questionnaire"))
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help=h("tui.lang"))
    p.add_argument("--data-dir", metavar="DIR",
                   help=h("tui.data_dir"))
    p.add_argument("--theme", choices=["textual-dark", "textual-light"], default=None, help=h("tui.theme"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.lang is None:
        from assess.cli.common import env_lang

        env_lang()  # the app reads ASSESS_LANG itself; refuse a language it does not have here
    from assess.tui.app import make_app

    app = make_app(args.path, questionnaire=args.questionnaire, lang=args.lang, data_dir=args.data_dir,
                   theme=args.theme)
    app.run()
    return app.return_code or 0
