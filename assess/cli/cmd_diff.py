"""assess diff: what changed between two releases of a questionnaire, in words."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="what changed between two questionnaire releases",
        description="List what changed from one release of a questionnaire to another: the scoring policy field "
        "by field, pillars, questions and programmes added, removed and changed, and whether the later release "
        "says how answers carry forward (`assess migrate`). Each release is VERSION, ID@VERSION or a "
        "questionnaire file. Exit 0, 1 when a release cannot be loaded, 2 on usage errors.",
    )
    p.add_argument("old", metavar="OLD", help="the earlier release: VERSION, ID@VERSION or a YAML file")
    p.add_argument("new", metavar="NEW", help="the later release: VERSION, ID@VERSION or a YAML file")
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
