"""assess report: the Excel gap report, with its JSON and CSV twins."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option, add_questionnaire_option, add_target_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write the Excel gap report (+ JSON and CSV)",
        description="Score an answer file (JSON, or a filled Excel answer sheet) and write the gap report: "
        "reports/<input name>.xlsx by default, with <name>.json (the assessment) and <name>-roadmap.csv beside "
        "it. An existing file is never overwritten: a numeric suffix is added instead. "
        "Exit 0 when written, 1 when the input cannot be used, 2 on usage errors.",
    )
    p.add_argument("answers", metavar="ANSWERS", help="answer file (.json) or filled answer sheet (.xlsx)")
    p.add_argument("-o", "--output", metavar="PATH", help="where to write the workbook (default: reports/<name>.xlsx)")
    add_lang_option(p)
    add_target_option(p)
    p.add_argument("--redact", action="store_true",
                   help="external version: leave out notes, evidence references and people's names")
    add_questionnaire_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import hashlib
    import sys
    from pathlib import Path

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, lang_of, print_problems
    from assess.io.yamlio import ContentError

    source = Path(args.answers)
    try:
        q, qhash, answers, problems = _load(source, args.questionnaire)
    except ContentError as e:
        print_problems(e.problems)
        return EXIT_PROBLEMS
    except ModuleNotFoundError as e:
        if e.name != "assess.io.sheet_reader":
            raise
        print(f"assess report: {source}: this version cannot read Excel answer sheets yet; "
              "give the answer file (.json)", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        from assess.cli.common import parse_targets

        targets = parse_targets(args.target, q)
    except UsageError as e:
        print(f"assess report: {e}", file=sys.stderr)
        return EXIT_USAGE
    if problems:
        print_problems(problems)
        print("assess report: the report marks these answers as invalid (scored as unanswered)", file=sys.stderr)

    from assess.io.report import free_path, write_files
    from assess.io.report_layout import prepare

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    report = prepare(q, qhash, answers, locale=lang_of(args), targets=targets, redact=args.redact,
                     input_sha256=digest)
    wanted = Path(args.output) if args.output else Path("reports") / f"{source.stem}.xlsx"
    if wanted.suffix.lower() != ".xlsx":
        wanted = wanted.with_name(wanted.name + ".xlsx")
    try:
        path = free_path(wanted)
        files = write_files(path, report)
    except OSError as e:
        print(f"assess report: cannot write {wanted}: {e.strerror or e}", file=sys.stderr)
        return EXIT_PROBLEMS
    o = report.doc["overall"]
    level = report.doc["levels"][o["level"]]["name"]
    print(f"{files.xlsx}  overall {o['score']:.2f} ({level}), {len(report.doc['gates_failed'])} must-have(s) failed, "
          f"{len(report.doc['roadmap'])} roadmap action(s)" + ("  [redacted]" if args.redact else ""))
    print(f"{files.json}")
    print(f"{files.csv}")
    return EXIT_OK


def _load(source, questionnaire):  # noqa: ANN001, ANN202
    from assess.cli.common import load_answers_and_questionnaire

    return load_answers_and_questionnaire(source, questionnaire)
