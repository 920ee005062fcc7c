"""assess report: the Excel gap report, with its JSON and CSV twins."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from assess.cli.common import add_lang_option, add_questionnaire_option, add_sign_option, add_target_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help=h("report.help"),
        description=h("report.description"),
    )
    p.add_argument("answers", metavar="ANSWERS", help=h("report.answers"))
    p.add_argument("-o", "--output", metavar="PATH",
                   help=h("report.output"))
    add_lang_option(p)
    add_target_option(p)
    p.add_argument("--redact", action="store_true",
                   help=h("report.redact"))
    p.add_argument("--evidence", metavar="DIR", help=h("report.evidence"))
    add_questionnaire_option(p)
    add_sign_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import hashlib
    import sys

    from assess.cli.common import (
        EXIT_OK,
        EXIT_PROBLEMS,
        evidence_folder,
        is_sheet,
        lang_of,
        load_answers_and_questionnaire,
        parse_targets,
        print_problems,
        say,
    )
    from assess.problems import msg, os_reason
    from assess.text.format import score

    source = Path(args.answers)
    locale = lang_of(args)  # usage errors first, before the input is read
    wanted = output_path(source, args.output)
    signer = None
    if args.sign:  # a bad key, or a wrong passphrase, before anything is read or written
        from assess.cli.common import load_signer

        signer = load_signer(args.sign)
    evidence_dir = evidence_folder(args.evidence)
    rejected: dict[str, str] = {}
    q, qhash, answers, problems = load_answers_and_questionnaire(source, args.questionnaire, rejected, locale)
    sheet = is_sheet(source)
    targets = parse_targets(args.target, q)
    if problems:
        print_problems(problems)
    if rejected:  # only when some answer was in fact not used
        print(say(msg("cli.report_marks_invalid")), file=sys.stderr)

    from assess.excel.report_layout import prepare
    from assess.excel.report_render import free_path, write_files

    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    report = prepare(q, qhash, answers, locale=locale, targets=targets, redact=args.redact,
                     input_sha256=digest, problems=problems if sheet else None, rejected=rejected,
                     evidence_dir=evidence_dir)
    try:
        path = free_path(wanted)
        files = write_files(path, report, sign=signer, source=source.name)
    except OSError as e:
        print(f"assess: {say(msg('cli.cannot_write', path=str(wanted), why=os_reason(e)))}", file=sys.stderr)
        return EXIT_PROBLEMS
    o = report.doc["overall"]
    level = report.doc["levels"][o["level"]]["name"]
    # reviewed answers: the audited figure beside the claimed one, with the evidenced one between
    audited = "" if o["audited"] is None else msg("cli.report_audited", evidenced=score(o["evidenced"]),
                                                  audited=score(o["audited"]))
    print(f"{files.xlsx}  " + say(msg("cli.report_written", score=score(o["score"]), level=level, audited=audited,
                                      gates=len(report.doc["gates_failed"]), actions=len(report.doc["roadmap"]),
                                      redacted=msg("cli.redacted") if args.redact else "")))
    if signer is not None:
        print(say(msg("sign.signed_by", name=signer.name, fingerprint=signer.public.fingerprint)))
    print(f"{files.json}")
    print(f"{files.csv}")
    if files.summary is not None:
        print(f"{files.summary}")
    if files.slip is not None:  # what the client is to correct, ready to send back
        print(f"{files.slip}")
    if report.embedded.evidence:
        say_evidence(report.embedded.evidence)
    return EXIT_OK


def say_evidence(part: dict) -> None:
    """How many evidence files were hashed; each refused one as a warning that says why."""
    import sys

    from assess.cli.common import print_problems, say
    from assess.content.evidence import why_refused
    from assess.problems import Problem, msg

    files = part["files"]
    count = {k: sum(1 for f in files if f["status"] == k) for k in ("found", "not_found", "refused")}
    print_problems([Problem(msg("evidence.refused", reference=f["reference"], why=why_refused(f["why"])), f["where"],
                            severity="warning", fix=msg("evidence.refused.fix"))
                    for f in files if f["status"] == "refused"])
    print(say(msg("evidence.hashed", found=count["found"], missing=count["not_found"], refused=count["refused"])),
          file=sys.stderr)


def output_path(source: Path, output: str | None) -> Path:
    """Where the report goes: `reports/<stem>.xlsx` by default; into a folder when -o names one
    (or ends with a slash); else the .xlsx path given. Never another kind of file."""
    from assess.cli.common import UsageError
    from assess.excel.file_names import name_stem

    if not output:
        return Path("reports") / f"{name_stem(source)}.xlsx"
    wanted = Path(output)
    if output.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)) or wanted.is_dir():
        return wanted / f"{name_stem(source)}.xlsx"
    if not wanted.suffix:
        return wanted.with_name(wanted.name + ".xlsx")
    if wanted.suffix.lower() != ".xlsx":
        from assess.problems import msg

        raise UsageError(msg("cli.report_suffix", path=output))
    return wanted
