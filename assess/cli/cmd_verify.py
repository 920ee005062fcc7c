"""assess verify: check a gap report against its embedded data and questionnaire."""

from __future__ import annotations

import argparse
from typing import Any

from assess.cli.common import add_lang_option, add_questionnaire_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help=h("verify.help"),
        description=h("verify.description"),
    )
    p.add_argument("report", metavar="REPORT.xlsx", help=h("verify.report"))
    p.add_argument("--evidence", metavar="DIR", help=h("verify.evidence"))
    p.add_argument("--source", metavar="FILE", help=h("verify.source"))
    add_questionnaire_option(p)
    p.add_argument("--trust", action="extend", nargs="+", default=None, metavar="PUB",
                   help=h("verify.trust"))
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, evidence_folder, print_problems, say
    from assess.excel.verify import verify_report
    from assess.problems import msg
    from assess.text.format import printable, score

    result = verify_report(args.report, args.questionnaire, _trusted(args.trust), evidence_folder(args.evidence))
    if args.source:  # read as the report read it: what was not used, in the report's words
        locale = result.embedded.meta.locale if result.embedded is not None else None
        check_source(read_source(args.source, args.questionnaire, locale), args.source, result)
    for note in result.notes:
        print(say(msg("cli.verify_note", note=note)))
    _say_signature(args.report, result)
    if not result.ok:
        print_problems(result.problems)
        # the report's own cells that disagree; then the source's differences, those only counted too
        mismatches = sum(1 for p in result.problems if "!" in p.where and not p.code.startswith("report.source"))
        what = msg("cli.mismatches", n=mismatches) if mismatches else msg("cli.not_verified")
        differ = sum(1 for p in result.problems if p.code == "report.source_differs") + \
            sum(int(p.message.arg("count") or 0) for p in result.problems if p.code == "report.source_more")
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


Source = tuple[list[tuple[Any, dict[str, str], dict[str, Any]]], str, Any]
"""Each plant's answers in a report's source with what was typed and not used and, of a sheet, the
cell each answer was read from (one plant for an answer file or a one-plant sheet); the file's
SHA-256; the questionnaire it was read under (which words its values)."""


def read_source(path: str, questionnaire: str | None, text_locale: str | None = None) -> Source:
    """The answers in a report's source as `assess report` reads them (and, for a workbook holding
    several plants, as `assess batch` reads each), what was typed and not used, and the file's
    SHA-256. A file that is no answer file or sheet at all is refused by the dispatcher, as
    `assess report` would refuse it."""
    import hashlib
    from pathlib import Path

    from assess.cli.common import is_sheet, load_answers_and_questionnaire

    rejected: dict[str, str] = {}
    q, _, answers, _ = load_answers_and_questionnaire(path, questionnaire, rejected, text_locale)
    plants: list[tuple[Any, dict[str, str], dict[str, Any]]] = [(answers, rejected, {})]
    if is_sheet(path):
        from assess.excel.sheet_reader import read_sheet_plants

        read = read_sheet_plants(path, questionnaire, text_locale)
        plants = [(answers, rejected, read[0].cells)] + [(p.read[2], p.rejected, p.cells) for p in read[1:]
                                                         if p.incomplete is None]
    return plants, hashlib.sha256(Path(path).read_bytes()).hexdigest(), q


def check_source(source: Source, path: str, result: Any) -> None:
    """Compare the source's answers with the report's embedded data: each difference becomes a
    problem of `result`, the SHA-256 verdict a note, a match its summary's `source`. Of a workbook
    holding several plants, the report is compared with the plant it holds (the same answers, else
    the same company name, else the first)."""
    from assess.answers import company_key
    from assess.cli.common import locale
    from assess.excel.verify_source import compare_source
    from assess.problems import Problem, msg

    if result.embedded is None:
        result.problems.append(Problem(msg("report.source_unread"), file=path))
        return
    plants, sha256, q = source
    checks = [compare_source(result.embedded, answers, rejected, sha256, path, cells, q, locale())
              for answers, rejected, cells in plants]
    name = company_key(result.embedded.answers.company.name)  # as the batch tells two copies of one apart
    found = next((c for c in checks if not c.problems), None) or next(
        (c for c, (answers, _, _) in zip(checks, plants, strict=True) if company_key(answers.company.name) == name),
        checks[0])
    result.problems.extend(found.problems)
    result.summary["source_differs"] = bool(found.problems)
    result.notes.extend(found.notes)
    result.summary["source"] = found.same
