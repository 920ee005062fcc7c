"""assess migrate: carry an answer file (or a filled answer sheet) forward to a later release."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "migrate",
        help=h("migrate.help"),
        description=h("migrate.description"),
    )
    p.add_argument("answers", metavar="ANSWERS", help=h("migrate.answers"))
    p.add_argument("--to", metavar="VERSION",
                   help=h("migrate.to"))
    p.add_argument("-o", "--output", metavar="OUT.json",
                   help=h("migrate.output"))
    p.add_argument("--force", action="store_true", help=h("common.force"))
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fail, is_sheet, locale, print_problems, say
    from assess.content.answer_file import answers_json, load_answers, write_atomic
    from assess.content.bundled import resolve, version_key
    from assess.content.carry import carry_forward, newest_for, release_name
    from assess.content.yaml_file import ContentError
    from assess.migrate import MigrationError
    from assess.problems import Problem, errors, msg, os_reason
    from assess.session.lock import AnswerFileLock, LockedError
    from assess.text.format import printable
    from assess.text.migration import not_carried_total, notice_lines, notices_by_kind, to_answer_lines

    src = Path(args.answers)
    if not src.exists():
        raise ContentError([Problem(msg("cli.file_not_found"), file=str(src))])
    problems: list[Problem] = []
    if is_sheet(src):
        from assess.cli.common import read_sheet

        old, _h, answers, problems = read_sheet(src)  # under the release it was made for
    else:
        answers = load_answers(src)
        old, _h = resolve(None, answers.questionnaire)
    print_problems(problems)

    if args.to:
        new = resolve(release_name(args.to, old.id))
        if new[0].id == old.id and version_key(new[0].version) <= version_key(old.version):
            return fail(msg("migrate.not_later", version=new[0].version, old=old.ref), EXIT_USAGE)
    else:
        found = newest_for(old)
        if found is None:
            print(say(msg("migrate.newest", path=str(src), release=old.ref)))
            return EXIT_OK
        new = found

    from assess.excel.file_names import name_stem

    out = Path(args.output) if args.output else src.with_name(f"{name_stem(src)}-{new[0].version}.json")
    if out.resolve() == src.resolve():
        return fail(msg("migrate.over_input"), EXIT_USAGE)
    if out.exists() and not args.force:
        return fail(msg("cli.exists", path=str(out)))
    try:
        carried = carry_forward(old, answers, new)
    except MigrationError as e:
        return fail(e.message)
    try:  # never under an app that has the file open: its next autosave would undo this
        with AnswerFileLock(out):
            write_atomic(out, answers_json(carried.answers).encode("utf-8"))
    except LockedError as e:
        return fail(msg("cli.locked", path=str(out), holder=e.holder))
    except OSError as e:
        return fail(msg("cli.cannot_write", path=str(out), why=os_reason(e)))

    changed, dropped = notices_by_kind(carried.notices)
    for heading, notices in (("migrate.changed_heading", changed), ("migrate.not_carried_heading", dropped)):
        if notices:
            print(say(msg(heading)))
            for line in notice_lines(notices, locale()):
                print("  " + printable(line, lines=True))
    print(say(msg("migrate.done", path=str(out), carried=len(carried.answers.answers), old=old.ref,
                  new=carried.questionnaire.ref)))
    print(printable(not_carried_total(dropped, locale()), lines=True) if dropped else say(msg("migrate.all_carried")))
    for line in to_answer_lines(carried.questionnaire, carried.new_profile, carried.new_gates, locale()):
        print(printable(line, lines=True))
    n_err = len(errors(problems))
    if n_err:
        print(say(msg("migrate.sheet_problems", n=n_err)))
    return EXIT_PROBLEMS if n_err else EXIT_OK
