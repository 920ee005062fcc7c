"""assess validate: lint questionnaires, seeds and the lock file."""

from __future__ import annotations

import argparse

from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, add_lang_option, print_problems
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help=h("validate.help"),
        description=h("validate.description"),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help=h("validate.paths"))
    p.add_argument("--lock", action="store_true",
                   help=h("validate.lock"))
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from assess.cli.common import say
    from assess.content.lint import record_lock, validate
    from assess.problems import errors, msg

    if args.lock:
        for ref in record_lock():
            print(say(msg("cli.recorded", release=ref)))
    problems, count = validate(args.paths)
    print_problems(problems)
    n_err = len(errors(problems))
    warn = len(problems) - n_err
    print(say(msg("cli.validated", files=count, errors=n_err, warnings=warn) if n_err or warn
              else msg("cli.all_valid", files=count)))
    return EXIT_PROBLEMS if n_err else EXIT_OK
