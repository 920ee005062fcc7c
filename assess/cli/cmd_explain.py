"""assess explain: how a pillar's figures (or the overall ones) come from the answers."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option, add_questionnaire_option, add_target_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help=h("explain.help"),
        description=h("explain.description"),
    )
    p.add_argument("answers", metavar="ANSWERS", help=h("explain.answers"))
    p.add_argument("subject", metavar="PILLAR|overall", help=h("explain.subject"))
    add_target_option(p)
    add_lang_option(p)
    add_questionnaire_option(p)
    p.add_argument("--json", action="store_true", help=h("explain.json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fail, lang_of, print_problems
    from assess.problems import errors, msg

    locale = lang_of(args)
    from assess.cli.scoreview import load_and_score

    a, problems = load_and_score(args.answers, args)
    pillars = [p.id for p in a.pillars]
    if args.subject != "overall" and args.subject not in pillars:
        return fail(msg("cli.explain_subject", got=args.subject, pillars=list(pillars)), EXIT_USAGE)
    print_problems(problems)
    code = EXIT_PROBLEMS if errors(problems) else EXIT_OK
    from assess.plan import explain

    trace = explain(a, args.subject)
    if args.json:
        from assess.output.document import trace_to_dict

        print(json.dumps(trace_to_dict(trace, a, locale), ensure_ascii=False, indent=2))
        return code
    from assess.cli.common import console
    from assess.cli.scoreview import trace_view

    console().print(trace_view(trace, a, locale))
    return code
