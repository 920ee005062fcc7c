"""assess review: the auditor's review loop, offline, on files.

`assess review ANSWERS|REPORT` writes a review workbook; the reviewer fills it in (Excel, WPS or
LibreOffice); `assess review --apply REVIEW.xlsx` reads it back and writes the audited answer file,
from which `assess score` and `assess report` show the audited figures."""

from __future__ import annotations

import argparse
from pathlib import Path

from assess.cli.common import add_lang_option, add_questionnaire_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "review",
        help=h("review.help"),
        description=h("review.description"),
    )
    p.add_argument("file", metavar="ANSWERS|REPORT|REVIEW.xlsx",
                   help=h("review.file"))
    p.add_argument("--apply", action="store_true", help=h("review.apply"))
    p.add_argument("--answers", metavar="SOURCE",
                   help=h("review.answers"))
    p.add_argument("-o", "--output", metavar="PATH", help=h("review.output"))
    add_lang_option(p)
    add_questionnaire_option(p)
    p.set_defaults(run=run)


def source_answers(path: Path, questionnaire: str | None = None):  # -> (Questionnaire, str, AnswerSet, problems)
    """The answers a review is made from or checked against: a gap report's embedded answers, an
    answer file or a filled answer sheet."""
    from assess.cli.common import is_sheet, load_answers_and_questionnaire

    if is_sheet(path):
        from assess.excel.review_reader import report_answers

        found = report_answers(path, questionnaire)
        if found is not None:
            return (*found, [])
    return load_answers_and_questionnaire(path, questionnaire)


def run(args: argparse.Namespace) -> int:
    from assess.cli.common import UsageError, lang_of
    from assess.problems import msg

    locale = lang_of(args)
    source = Path(args.file)
    if args.answers and not args.apply:
        raise UsageError(msg("cli.review_answers_needs_apply"))
    if args.apply:
        return _apply(args, source)
    return _write(args, source, locale)


def _write(args: argparse.Namespace, source: Path, locale: str) -> int:
    import hashlib

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, fail, print_problems, say
    from assess.content.yaml_file import ContentError
    from assess.excel.report_render import free_path, replace_file
    from assess.excel.review_sheet import embed, render_review, review_layout
    from assess.problems import Problem, msg, os_reason

    q, qhash, answers, problems = source_answers(source, args.questionnaire)
    if problems:
        print_problems(problems)
    embedded = embed(q, qhash, answers, locale, hashlib.sha256(source.read_bytes()).hexdigest())
    rows = len(review_layout(q, embedded).rows)
    if not rows:
        raise ContentError([Problem(msg("review.nothing"), file=str(source), fix=msg("review.nothing.fix"))])
    from assess.excel.file_names import name_stem

    wanted = _output(args.output, Path("reports") / f"{name_stem(source)}-review.xlsx", ".xlsx")
    try:
        path = free_path(wanted)
        replace_file(path, render_review(q, embedded))
    except OSError as e:
        return fail(msg("cli.cannot_write", path=str(wanted), why=os_reason(e)), EXIT_PROBLEMS)
    print(f"{path}  " + say(msg("cli.review_written", n=rows)))
    return EXIT_OK


def _apply(args: argparse.Namespace, review: Path) -> int:
    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, fail, print_problems, say
    from assess.content.answer_file import save_answers
    from assess.excel.report_render import free_path
    from assess.excel.review_reader import read_review
    from assess.problems import msg, os_reason
    from assess.scoring import score
    from assess.text.format import score as shown

    given = None
    if args.answers:
        _, _, answers, _ = source_answers(Path(args.answers), args.questionnaire)
        given = (args.answers, answers)
    applied = read_review(review, given, args.questionnaire)
    print_problems(applied.problems)
    wanted = _output(args.output, review.with_name(f"{review.stem}-audited.json"), ".json")
    try:
        path = free_path(wanted)
        save_answers(path, applied.answers)
    except OSError as e:
        return fail(msg("cli.cannot_write", path=str(wanted), why=os_reason(e)), EXIT_PROBLEMS)
    o = score(applied.questionnaire, applied.answers).overall
    decided = [r.decision for r in applied.decisions.values()]
    print(f"{path}  " + say(msg("cli.review_applied", n=len(decided), accepted=decided.count("accepted"),
                                insufficient=decided.count("insufficient"), rejected=decided.count("rejected"),
                                claimed=shown(o.score), evidenced=shown(o.evidenced),
                                # decisions on cards only: they enter no pillar score, so no audited figure
                                audited="—" if o.audited is None else shown(o.audited))))
    return EXIT_OK


def _output(given: str | None, default: Path, suffix: str) -> Path:
    """-o as given (a folder takes the default name; a name without suffix gets it), else `default`."""
    import os

    if not given:
        return default
    wanted = Path(given)
    if given.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)) or wanted.is_dir():
        return wanted / default.name
    return wanted if wanted.suffix else wanted.with_name(wanted.name + suffix)
