"""assess list: the bundled questionnaires."""

from __future__ import annotations

import argparse

from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help=h("list.help"),
                       description=h("list.description"))
    p.add_argument("--json", action="store_true", help=h("list.json"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, console, print_problems
    from assess.content.bundled import ContentError, load_questionnaire, releases

    rows = []
    problems = []
    for r in releases():
        try:
            q, h = load_questionnaire(r.path)
        except ContentError as e:
            problems.extend(e.problems)
            continue
        questions = [question for p in q.pillars for question in p.questions]
        rows.append({
            "id": q.id,
            "version": q.version,
            "sha256": h,
            "pillars": len(q.pillars),
            "profile_questions": len(q.profile),
            "questions": len(questions),
            "scored": sum(1 for x in questions if x.scored),
            "gates": sum(1 for x in questions if x.gate),
            "locales": q.locales,
            "title": q.title,
        })
    print_problems(problems)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_PROBLEMS if problems else EXIT_OK
    from rich.table import Table

    table = Table("id", "version", "hash", "pillars", "profile", "questions", "scored", "gates", "locales",
                  box=None, pad_edge=False)
    for row in rows:
        table.add_row(row["id"], row["version"], row["sha256"][:12], str(row["pillars"]),
                      str(row["profile_questions"]), str(row["questions"]), str(row["scored"]),
                      str(row["gates"]), ", ".join(row["locales"]))
    console().print(table)
    return EXIT_PROBLEMS if problems else EXIT_OK
