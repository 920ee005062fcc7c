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
        "usage errors. It proves the file is consistent, not who made it; a signed report (`assess report --sign`) "
        "also names its signer, any change after signing fails, and --trust fails it unless one of the given "
        "public keys signed it.",
    )
    p.add_argument("report", metavar="REPORT.xlsx", help="the gap report to check")
    p.add_argument("--evidence", metavar="DIR",
                   help="folder of evidence files: each file the report lists must be there, with the same SHA-256")
    add_questionnaire_option(p)
    p.add_argument("--trust", action="extend", nargs="+", default=None, metavar="PUB",
                   help="public key file(s) (.pub from `assess keygen`): fail unless one of them signed the report")
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from assess.cli.cmd_report import evidence_folder
    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, print_problems, say
    from assess.excel.verify import verify_report
    from assess.problems import msg
    from assess.text.format import printable, score

    result = verify_report(args.report, args.questionnaire, _trusted(args.trust), evidence_folder(args.evidence))
    for note in result.notes:
        print(say(msg("cli.verify_note", note=note)))
    _say_signature(args.report, result)
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


def _trusted(paths: list[str] | None) -> list | None:
    """The public keys given with --trust (a bad file stops the command, named, before the report is read)."""
    if not paths:
        return None
    from assess.content.keys import load_public

    return [load_public(p) for p in paths]


def _say_signature(report: str, result) -> None:  # noqa: ANN001 - a VerifyResult
    """Who signed the report, or that no one did (nothing when its data could not be read)."""
    from assess.cli.common import say
    from assess.excel.report_sign import status
    from assess.text.format import printable

    line = status(result.summary)
    if line is not None:
        print(f"{printable(report)}: " + say(line))
