"""assess score: score an answer file; a summary on screen or the assessment JSON."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option, add_questionnaire_option, add_target_option, positive_int
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help=h("score.help"),
        description=h("score.description"),
    )
    p.add_argument("answers", metavar="ANSWERS", help=h("score.answers"))
    add_target_option(p)
    add_lang_option(p)
    add_questionnaire_option(p)
    p.add_argument("--json", action="store_true", help=h("score.json"))
    p.add_argument("--top", type=positive_int, default=5, metavar="N", help=h("score.top"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, lang_of, print_problems
    from assess.problems import errors

    locale = lang_of(args)
    from assess.cli.scoreview import load_and_score

    a, problems = load_and_score(args.answers, args)
    print_problems(problems)
    code = EXIT_PROBLEMS if errors(problems) else EXIT_OK
    from assess.plan import roadmap, shortest_path

    path = shortest_path(a)
    if args.json:
        from assess.output.document import assessment_to_dict

        print(json.dumps(assessment_to_dict(a, locale, path=path), ensure_ascii=False, indent=2))
        return code
    from assess.cli.common import console
    from assess.cli.scoreview import summary
    from assess.plan import programmes

    console().print(summary(a, locale, args.top, path, roadmap(a, path), programmes(a)))
    return code
