"""assess diff: what changed between two releases of a questionnaire, in words."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help=h("diff.help"),
        description=h("diff.description"),
    )
    p.add_argument("old", metavar="OLD", help=h("diff.old"))
    p.add_argument("new", metavar="NEW", help=h("diff.new"))
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from assess.cli.common import EXIT_OK, locale
    from assess.content.bundled import resolve
    from assess.content.carry import release_name
    from assess.diff import diff
    from assess.text.migration import diff_lines

    old, _ = resolve(release_name(args.old))
    new, _ = resolve(release_name(args.new, old.id))
    print("\n".join(diff_lines(diff(old, new), locale())))
    return EXIT_OK
