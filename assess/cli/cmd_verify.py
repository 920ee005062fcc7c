"""assess verify: check a gap report against its embedded data and questionnaire."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option, add_questionnaire_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help=h("verify.help"),
        description=h("verify.description"),
    )
    p.add_argument("report", metavar="REPORT.xlsx", help=h("verify.report"))
    add_questionnaire_option(p)
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, print_problems, say
    from assess.excel.verify import verify_report
    from assess.problems import msg
    from assess.text.format import printable, score

    result = verify_report(args.report, args.questionnaire)
    for note in result.notes:
        print(say(msg("cli.verify_note", note=note)))
    if not result.ok:
        print_problems(result.problems)
        mismatches = sum(1 for p in result.problems if "!" in p.where)
        what = msg("cli.mismatches", n=mismatches) if mismatches else msg("cli.not_verified")
        print(f"{printable(args.report)}: " + say(msg("cli.verify_failed", what=what)))
        return EXIT_PROBLEMS
    s = result.summary
    company = s["company"] or msg("cli.no_company")
    print(f"{printable(args.report)}: " + say(msg("cli.verified", cells=result.checked_cells,
                                                   questionnaire=s["questionnaire"], company=company,
                                                   score=score(s["overall"]),
                                                   redacted=msg("cli.redacted") if s["redacted"] else "")))
    return EXIT_OK
