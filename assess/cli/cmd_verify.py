"""assess verify: check a gap report against its embedded data and questionnaire."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option, add_questionnaire_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help="check that a gap report's figures match its data",
        description="Check a gap report made by `assess report`: the workbook guard first, then the embedded "
        "data and its digest, then the questionnaire it names (id, version and content hash), then every "
        "figure and answer on its sheets against a fresh scoring. Each mismatch is printed with sheet and "
        "cell. Exit 0 when consistent, 1 when not (or when the file or questionnaire cannot be used), 2 on "
        "usage errors. It proves the file is consistent, not who made it.",
    )
    p.add_argument("report", metavar="REPORT.xlsx", help="the gap report to check")
    p.add_argument("--evidence", metavar="DIR",
                   help="folder of evidence files: each file the report lists must be there, with the same SHA-256")
    add_questionnaire_option(p)
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from assess.cli.cmd_report import evidence_folder
    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, print_problems, say
    from assess.excel.verify import verify_report
    from assess.problems import msg
    from assess.text.format import printable, score

    result = verify_report(args.report, args.questionnaire, evidence_folder(args.evidence))
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
