"""assess import: turn a filled Excel answer sheet into an answer file."""

from __future__ import annotations

import argparse

from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, add_questionnaire_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="convert a filled answer sheet (.xlsx) to an answer file (.json)",
        description="Read a filled Excel answer sheet (checked by the workbook guard first), match every answer "
        "by question id, and write the answer file. Every problem is listed with its sheet and cell and how to "
        "fix it; usable answers are written even when others have problems. "
        "Exit 0 when clean, 1 when there are problems (or the sheet cannot be read), 2 on usage errors.",
    )
    p.add_argument("sheet", metavar="FILLED.xlsx", help="the filled answer sheet")
    p.add_argument("-o", "--output", metavar="ANSWERS.json",
                   help="where to write the answer file (default: the sheet's name with .json)")
    add_questionnaire_option(p)
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from assess.cli.common import fail, print_problems
    from assess.io.answerfile import save_answers
    from assess.io.content import ContentError
    from assess.io.sheet_reader import read_answer_sheet

    src = Path(args.sheet)
    if not src.is_file():
        return fail(f"{src}: no such file", 2)
    out = Path(args.output) if args.output else src.with_suffix(".json")
    if out.resolve() == src.resolve():
        return fail("the output would overwrite the sheet; name another with -o", 2)
    if out.exists() and not args.force:
        return fail(f"{out} exists; use --force to overwrite it")
    try:
        q, _h, answers, problems = read_answer_sheet(src, args.questionnaire)
    except ContentError as e:
        print_problems(e.problems)
        return fail(f"{src}: not imported")
    print_problems(problems)
    try:
        save_answers(out, answers)
    except OSError as e:
        return fail(f"cannot write {out}: {e.strerror or e}")
    serious = [p for p in problems if p.severity != "notice"]
    n = len(answers.answers)
    print(f"wrote {out}: {n} answer(s) for {q.ref}" + (f"; {len(serious)} problem(s) listed above" if serious else ""))
    return EXIT_PROBLEMS if serious else EXIT_OK
