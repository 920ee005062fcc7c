"""assess schema: JSON Schema of the questionnaire format, the answer file or the scoring output."""

from __future__ import annotations

import argparse

from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help=h("schema.help"),
                       description=h("schema.description"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--answers", action="store_true", help=h("schema.answers"))
    which.add_argument("--assessment", action="store_true", help=h("schema.assessment"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import json

    if args.answers:
        from assess.answers import AnswerSet

        schema = AnswerSet.model_json_schema()
        schema["$id"] = "assess/answers/1"
    elif args.assessment:
        from assess.output.schema import ASSESSMENT_SCHEMA_ID, assessment_json_schema

        schema = assessment_json_schema()
        schema["$id"] = ASSESSMENT_SCHEMA_ID
    else:
        from assess.model import SCHEMA_ID, Questionnaire

        schema = Questionnaire.model_json_schema(by_alias=True)
        schema["$id"] = SCHEMA_ID
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0
