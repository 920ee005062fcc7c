"""assess template: make the Excel answer sheet a plant fills in (optionally pre-filled)."""

from __future__ import annotations

import argparse
import os

from assess.cli.common import EXIT_OK, EXIT_USAGE, add_lang_option, add_questionnaire_option, lang_of
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "template",
        help=h("template.help"),
        description=h("template.description"),
    )
    add_questionnaire_option(p)
    add_lang_option(p)
    p.add_argument("-o", "--output", metavar="PATH",
                   help=h("template.output"))
    p.add_argument("--answers", metavar="ANSWERS.json",
                   help=h("template.answers"))
    p.add_argument("--level-notes", action="store_true",
                   help=h("template.level_notes"))
    p.add_argument("--force", action="store_true", help=h("common.force"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from assess.cli.common import fail, print_problems, say
    from assess.content.bundled import resolve
    from assess.excel.sheet_writer import write_template
    from assess.problems import msg, os_reason

    locale = lang_of(args)
    answers = None
    if args.answers:
        from assess.content.answer_file import load_answers
        from assess.rules import check_answers

        answers = load_answers(Path(args.answers))
        q, h = resolve(args.questionnaire, answers.questionnaire)
        problems = [p.at(args.answers) for p in check_answers(q, answers)]
        if problems:
            print_problems(problems)
            return fail(msg("cli.answers_do_not_fit"))
    else:
        q, h = resolve(args.questionnaire)
    if locale not in q.locales:
        return fail(msg("cli.no_locale", questionnaire=q.ref, locale=locale, locales=q.locales), EXIT_USAGE)
    name = f"{q.id}-{q.version}-{locale}.xlsx"
    out = Path(args.output) if args.output else Path(name)
    if args.output and (args.output.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)) or out.is_dir()):
        out = out / name  # a folder, as `report -o` takes one: the sheet under its own name there
    elif not out.suffix:  # a name without its extension, as `report -o` takes one
        out = out.with_name(out.name + ".xlsx")
    if out.suffix.lower() != ".xlsx":
        return fail(msg("cli.sheet_suffix", path=str(out)), EXIT_USAGE)
    if out.exists() and not args.force:
        return fail(msg("cli.exists", path=str(out)))
    try:
        write_template(out, q, h, locale, answers, level_notes=args.level_notes)
    except OSError as e:
        return fail(msg("cli.cannot_write", path=e.filename or str(out), why=os_reason(e)))
    n = sum(len(p.questions) for p in q.pillars)
    key = "cli.wrote_prefilled_sheet" if answers is not None else "cli.wrote_sheet"
    print(say(msg(key, path=str(out), questionnaire=q.ref, locale=locale, profile=len(q.profile), n=n)))
    return EXIT_OK
