"""assess tui: the assessment app in the terminal (also what `assess` alone runs on a terminal)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "tui",
        help="open the assessment app",
        description="Open the assessment app: answer the questionnaire (every change is saved at once), "
        "see live scores and results, export reports. With ANSWERS, resume that answer file (or start a "
        "new one there); with a filled Excel answer sheet, import it first.",
    )
    p.add_argument("path", nargs="?", metavar="ANSWERS|FILLED.xlsx", help="answer file to open, or sheet to import")
    p.add_argument("--questionnaire", "-q", metavar="ID[@VERSION]|PATH",
                   help="questionnaire for new assessments (default: the newest bundled)")
    p.add_argument("--lang", choices=["zh", "en"], default=None,
                   help="language (default: the answer file's, else zh or ASSESS_LANG); switch with l")
    p.add_argument("--data-dir", metavar="DIR",
                   help="where new answer files go and saved ones are listed "
                   "(default: ASSESS_DATA_DIR, else the user data directory)")
    p.add_argument("--theme", choices=["textual-dark", "textual-light"], default=None, help="colour theme")
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
