"""assess import: turn a filled Excel answer sheet into an answer file."""

from __future__ import annotations

import argparse

from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, add_lang_option, add_questionnaire_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help=h("import.help"),
        description=h("import.description"),
    )
    p.add_argument("sheet", metavar="FILLED.xlsx", help=h("import.sheet"))
    p.add_argument("-o", "--output", metavar="ANSWERS.json",
                   help=h("import.output"))
    add_questionnaire_option(p)
    p.add_argument("--force", action="store_true", help=h("common.force"))
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from assess.cli.common import EXIT_USAGE, fail, print_problems, read_sheet, say
    from assess.content.answer_file import save_answers
    from assess.content.yaml_file import ContentError
    from assess.problems import Problem, errors, msg, os_reason
    from assess.session.lock import AnswerFileLock, LockedError

    src = Path(args.sheet)
    if not src.exists():  # exit 1 and the same words as score and report
        raise ContentError([Problem(msg("cli.file_not_found"), file=str(src))])
    from assess.excel.file_names import name_stem

    out = Path(args.output) if args.output else src.with_name(f"{name_stem(src)}.json")
    if out.resolve() == src.resolve():
        return fail(msg("cli.import_over_sheet"), EXIT_USAGE)
    if out.exists() and not args.force:
        return fail(msg("cli.exists", path=str(out)))
    # Held from before the sheet is read until the file is written: an app that has the answer
    # file open would otherwise undo this write at its next autosave.
    try:
        lock = AnswerFileLock(out).acquire()
    except LockedError as e:
        return fail(msg("cli.locked", path=str(out), holder=e.holder))
    except OSError as e:
        return fail(msg("cli.cannot_write", path=str(out), why=os_reason(e)))
    try:
        q, _h, answers, problems = read_sheet(src, args.questionnaire)  # ContentError: nothing written
        print_problems(problems)
        save_answers(out, answers)
    except OSError as e:
        return fail(msg("cli.cannot_write", path=str(out), why=os_reason(e)))
    finally:
        lock.release()
    n_err = len(errors(problems))
    warned = sum(1 for p in problems if p.severity == "warning")
    print(say(msg("cli.imported", path=str(out), n=len(answers.answers), questionnaire=q.ref)))
    for n, key in ((n_err, "cli.errors_above"), (warned, "cli.warnings_above")):
        if n:
            print(say(msg(key, n=n)))
    return EXIT_PROBLEMS if n_err else EXIT_OK
