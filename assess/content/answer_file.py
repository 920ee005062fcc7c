"""Answer files on disk: pretty JSON, written atomically with mode 0600, read tolerantly."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from assess.answers import AnswerSet
from assess.content.outputs import write_whole
from assess.content.yaml_file import ContentError, problems_from
from assess.problems import Problem, msg, os_reason
from assess.text.clean import FILE_MAX, Unclean, answer_kind, check_json, json_loads


def answers_json(answers: AnswerSet) -> str:
    """The file text: every field, keys in schema order, two-space indent, UTF-8 kept readable."""
    return json.dumps(answers.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` so that `path` holds either the old or the new content, never a mix, and the
    new content survives a power cut once this returns (see `assess.content.outputs`)."""
    write_whole(path, data, mode=mode, durable=True)


def save_answers(path: Path, answers: AnswerSet) -> None:
    """Save an answer file atomically, readable only by its owner."""
    write_atomic(Path(path), answers_json(answers).encode("utf-8"))


class NotAnswersError(ContentError):
    """The file is another kind of assess output (a scoring result, a portfolio), given where an
    answer file was expected."""


OTHER_KINDS = {"assess/assessment": "scoring_result", "assess/portfolio": "portfolio"}
"""The `kind` of other JSON documents assess writes, by the message that says what each is."""


def parse_answers(text: str | bytes, label: str) -> AnswerSet:
    """An AnswerSet from JSON text, or ContentError naming what is wrong and where. Every string in
    it is checked as it enters (`assess.text.clean`): one that no screen or workbook could take
    refuses the file, naming its field."""
    try:
        data = json_loads(text)
    except Unclean as e:
        raise ContentError([p.at(label) for p in e.problems]) from None
    except json.JSONDecodeError as e:
        raise ContentError(
            [Problem(msg("answers.json", detail=e.msg), f"{e.lineno}:{e.colno}", label)]
        ) from None
    if not isinstance(data, dict):
        raise ContentError([Problem(msg("answers.not_object"), file=label)])
    other = OTHER_KINDS.get(data.get("kind")) if isinstance(data.get("kind"), str) else None
    if other is not None:
        raise NotAnswersError([Problem(msg(f"answers.is_{other}"), "kind", label, fix=msg(f"answers.is_{other}.fix"))])
    fv = data.get("format_version")
    if fv is not None and fv != 1:
        raise ContentError(
            [Problem(msg("answers.format", got=str(fv)), "format_version", label, fix=msg("answers.format.fix"))]
        )
    if "questionnaire" not in data:
        raise ContentError(
            [Problem(msg("answers.no_questionnaire"), file=label)]
        )
    unclean = check_json(data, answer_kind)
    if unclean:
        raise ContentError([p.at(label) for p in unclean])
    try:
        return AnswerSet.model_validate(data)
    except ValidationError as e:
        raise ContentError(problems_from(e, label)) from None


def load_answers(path: Path) -> AnswerSet:
    """Read an answer file; ContentError (never a traceback) for any problem. A file over
    `FILE_MAX` is refused unread."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(FILE_MAX + 1)
    except FileNotFoundError:
        raise ContentError([Problem(msg("answers.not_found"), file=str(path))]) from None
    except IsADirectoryError:
        raise ContentError([Problem(msg("answers.folder"), file=str(path))]) from None
    except OSError as e:
        raise ContentError([Problem(msg("content.unreadable", why=os_reason(e)), file=str(path))]) from None
    if len(raw) > FILE_MAX:
        raise ContentError([too_large(path, str(path))])
    return parse_answers(raw, str(path))


def too_large(path: Path, label: str) -> Problem:
    """The refusal of an answer file over `FILE_MAX`."""
    try:
        size = f"{path.stat().st_size:,}"
    except OSError:
        size = f"> {FILE_MAX:,}"
    return Problem(msg("clean.file_too_large", size=size, limit=f"{FILE_MAX:,}"), file=label,
                   fix=msg("clean.file_too_large.fix"))
