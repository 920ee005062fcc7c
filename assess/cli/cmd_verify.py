"""assess verify: check a gap report against its embedded data and questionnaire."""

from __future__ import annotations

import argparse
from typing import Any

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
    p.add_argument("--source", metavar="FILE",
                   help="the answer file (.json) or filled answer sheet the report was made from: read again as "
                   "`assess report` reads it, its answers must be exactly the report's (each difference is named); "
                   "whether the file's SHA-256 is the one recorded is said too")
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

    source = read_source(args.source, args.questionnaire) if args.source else None
    result = verify_report(args.report, args.questionnaire, _trusted(args.trust), evidence_folder(args.evidence))
    if source is not None:
        check_source(source, args.source, result)
    for note in result.notes:
        print(say(msg("cli.verify_note", note=note)))
    _say_signature(args.report, result)
    if not result.ok:
        print_problems(result.problems)
        mismatches = sum(1 for p in result.problems if "!" in p.where)
        what = msg("cli.mismatches", n=mismatches) if mismatches else msg("cli.not_verified")
        differ = sum(1 for p in result.problems if p.code == "report.source_differs")
        if differ and not mismatches:
            what = msg("cli.source_differences", n=differ)
        print(f"{printable(args.report)}: " + say(msg("cli.verify_failed", what=what)))
        return EXIT_PROBLEMS
    s = result.summary
    company = s["company"] or msg("cli.no_company")
    print(f"{printable(args.report)}: " + say(msg("cli.verified", cells=result.checked_cells,
                                                   questionnaire=s["questionnaire"], company=company,
                                                   score=score(s["overall"]),
                                                   redacted=msg("cli.redacted") if s["redacted"] else "")))
    if s.get("source") is not None:
        print(say(s["source"]))
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


def read_source(path: str, questionnaire: str | None) -> tuple[Any, dict[str, str], str]:
    """The answers in a report's source as `assess report` reads them, what was typed and not used,
    and the file's SHA-256. A file that is no answer file or sheet at all is refused by the dispatcher,
    as `assess report` would refuse it."""
    import hashlib
    from pathlib import Path

    from assess.cli.common import load_answers_and_questionnaire

    rejected: dict[str, str] = {}
    _, _, answers, _ = load_answers_and_questionnaire(path, questionnaire, rejected)
    return answers, rejected, hashlib.sha256(Path(path).read_bytes()).hexdigest()


def check_source(source: tuple[Any, dict[str, str], str], path: str, result: Any) -> None:
    """Compare the source's answers with the report's embedded data: each difference becomes a
    problem of `result`, the SHA-256 verdict a note, a match its summary's `source`."""
    from assess.excel.verify_source import compare_source
    from assess.problems import Problem, msg

    if result.embedded is None:
        result.problems.append(Problem(msg("report.source_unread"), file=path))
        return
    answers, rejected, sha256 = source
    found = compare_source(result.embedded, answers, rejected, sha256, path)
    result.problems.extend(found.problems)
    result.summary["source_differs"] = bool(found.problems)
    result.notes.extend(found.notes)
    result.summary["source"] = found.same
