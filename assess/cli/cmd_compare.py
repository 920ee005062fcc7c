"""assess compare: two assessments side by side (also across questionnaire versions)."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option, add_target_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help=h("compare.help"),
        description=h("compare.description"),
    )
    p.add_argument("before", metavar="A", help=h("compare.before"))
    p.add_argument("after", metavar="B", help=h("compare.after"))
    p.add_argument(
        "--questionnaire", "-q", action="append", default=[], metavar="ID[@VERSION]|PATH",
        help=h("compare.questionnaire"),
    )
    add_target_option(p)
    add_lang_option(p)
    p.add_argument("--json", action="store_true", help=h("compare.json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fail, lang_of, print_problems
    from assess.problems import errors, msg

    locale = lang_of(args)
    names = args.questionnaire
    if len(names) > 2:
        return fail(msg("cli.compare_questionnaires"), EXIT_USAGE)
    name_a = names[0] if names else None
    name_b = names[-1] if names else None
    from assess.cli.scoreview import load_and_score

    before, problems_a = load_and_score(args.before, args, name_a)
    after, problems_b = load_and_score(args.after, args, name_b)
    problems = problems_a + problems_b
    print_problems(problems)
    code = EXIT_PROBLEMS if errors(problems) else EXIT_OK
    from assess.plan import compare

    c = compare(before, after)
    if args.json:
        from assess.output.document import comparison_to_dict

        print(json.dumps(comparison_to_dict(c, before, after), ensure_ascii=False, indent=2))
        return code
    from assess.cli.common import console
    from assess.cli.scoreview import comparison_view

    console().print(comparison_view(c, before, after, locale))
    return code
