"""Answer files on disk: pretty JSON, written atomically with mode 0600, read tolerantly."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from assess.answers import AnswerSet
from assess.content.yaml_file import ContentError, problems_from
from assess.problems import Problem


def answers_json(answers: AnswerSet) -> str:
    """The file text: every field, keys in schema order, two-space indent, UTF-8 kept readable."""
    return json.dumps(answers.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` so that `path` holds either the old or the new content, never a mix.

    Temp file in the same folder, fsync, rename over the target, fsync the folder.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file readable by its owner only (0600); another mode is set by path,
    # which works on Windows too (os.fchmod is missing there before Python 3.13)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if mode != 0o600:
            os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable; Windows cannot open a folder, and needs no such step
        dirfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dirfd)
    except OSError:
        pass
    finally:
        os.close(dirfd)


def save_answers(path: Path, answers: AnswerSet) -> None:
    """Save an answer file atomically, readable only by its owner."""
    write_atomic(Path(path), answers_json(answers).encode("utf-8"))


class NotAnswersError(ContentError):
    """The file is another kind of assess output (a scoring result, a portfolio), given where an
    answer file was expected."""


OTHER_KINDS = {
    "assess/assessment": ("a scoring result (the JSON written beside a gap report, or by `assess score --json`)",
                          "give the answer file (or filled answer sheet) the result was made from"),
    "assess/portfolio": ("a batch portfolio (portfolio.json)",
                         "give the answer files or filled answer sheets themselves"),
}
"""The `kind` of other JSON documents assess writes: what each is, and what to give instead."""


def parse_answers(text: str | bytes, label: str) -> AnswerSet:
    """An AnswerSet from JSON text, or ContentError naming what is wrong and where."""
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise ContentError([Problem("not UTF-8 text; answer files are UTF-8 JSON", file=label)]) from None
    except json.JSONDecodeError as e:
        raise ContentError(
            [Problem(f"not valid JSON: {e.msg}", f"line {e.lineno}, column {e.colno}", label)]
        ) from None
    if not isinstance(data, dict):
        raise ContentError([Problem("expected a JSON object at the top level", file=label)])
    other = OTHER_KINDS.get(data.get("kind")) if isinstance(data.get("kind"), str) else None
    if other is not None:
        what, fix = other
        raise NotAnswersError([Problem(f"this is {what}, not an answer file", "kind", label, fix=fix)])
    fv = data.get("format_version")
    if fv is not None and fv != 1:
        raise ContentError(
            [Problem(f"answer-file format {fv!r} is not supported (this version reads format 1)",
                     "format_version", label, fix="use a newer version of assess")]
        )
    if "questionnaire" not in data:
        raise ContentError(
            [Problem("no 'questionnaire' block: this does not look like an assess answer file", file=label)]
        )
    try:
        return AnswerSet.model_validate(data)
    except ValidationError as e:
        raise ContentError(problems_from(e, label)) from None


def load_answers(path: Path) -> AnswerSet:
    """Read an answer file; ContentError (never a traceback) for any problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError([Problem("file not found", file=str(path))]) from None
    except IsADirectoryError:
        raise ContentError([Problem("is a folder, not an answer file", file=str(path))]) from None
    except OSError as e:
        raise ContentError([Problem(f"cannot read: {e.strerror}", file=str(path))]) from None
    return parse_answers(raw, str(path))
