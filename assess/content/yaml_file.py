"""Reading YAML content safely and turning schema errors into placed problems."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml import AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from assess.model import QUESTION_TYPES
from assess.problems import Msg, Problem, msg, os_reason
from assess.text.clean import check_content
from assess.text.messages import problem_text

try:  # the C loader is ~7x faster on a large bilingual file
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """A content file could not be read or validated; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(problem_text(p, "en") for p in problems))  # for logs; users get their language


MAX_BYTES = 5 * 1024 * 1024
"""The largest questionnaire or seed file read (the bundled 1.1.0 is ~0.6 MiB)."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and lists (the bundled files reach 11)."""
MAX_NODES = 200_000
"""Most scalars, mappings and lists in one file (the bundled 1.1.0 has ~14,000)."""


def read_content_bytes(path: Path, label: str | None = None) -> bytes:
    """A content file's bytes, refused unread past MAX_BYTES; ContentError naming the file."""
    label = label or str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
            size = os.fstat(fh.fileno()).st_size
    except OSError as e:
        raise ContentError([Problem(msg("content.unreadable", why=os_reason(e)), file=label)]) from None
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(msg("content.too_big", size=_mib(max(size, len(raw))), limit=_mib(MAX_BYTES)),
                                    file=label, fix=msg("content.too_big.fix"))])
    return raw


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB"


def parse_yaml(raw: bytes, label: str) -> Any:
    """Parse a content file's bytes with the safe loader; raise ContentError naming the file and line.

    The events are checked first, one at a time and without building anything: a small file of
    anchors and aliases (`&a`, `*a`) can stand for billions of objects once validated, and deep or
    huge nesting costs memory before any schema rule is reached. Content needs none of them.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ContentError([Problem(msg("content.not_utf8", at=e.start), file=label,
                                    fix=msg("content.not_utf8.fix"))]) from None
    try:
        refused = _refused_shape(text, label)
        if refused is not None:
            raise ContentError([refused])
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else ""
        what = getattr(e, "problem", None) or str(e)
        raise ContentError([Problem(msg("content.yaml", detail=what), where, label)]) from None
    except (ValueError, RecursionError) as e:  # an integer over Python's 4,300 digits, nesting without end
        raise ContentError([Problem(msg("content.yaml", detail=str(e).split(":")[0]), file=label)]) from None
    unclean = check_content(data)
    if unclean:
        raise ContentError([p.at(label) for p in unclean])
    return data


def _refused_shape(text: str, label: str) -> Problem | None:
    """The first anchor, alias, too deep or too many nodes in the YAML text, as a placed problem."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                return _at(event, label, msg("content.yaml_anchor", name=event.anchor),
                           msg("content.yaml_anchor.fix", name=event.anchor))
            nodes += 1
            if nodes > MAX_NODES:
                return _at(event, label, msg("content.yaml_too_many", limit=MAX_NODES),
                           msg("content.yaml_too_many.fix"))
            if kind is not ScalarEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    return _at(event, label, msg("content.yaml_too_deep", limit=MAX_DEPTH),
                               msg("content.yaml_too_deep.fix", limit=MAX_DEPTH))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            depth -= 1
        elif kind is AliasEvent:
            return _at(event, label, msg("content.yaml_alias", name=event.anchor),
                       msg("content.yaml_alias.fix", name=event.anchor))
    return None


def _at(event: yaml.Event, label: str, what: Msg, fix: Msg) -> Problem:
    mark = event.start_mark
    return Problem(what, f"{mark.line + 1}:{mark.column + 1}", label, fix=fix)


def read_yaml(path: Path, label: str | None = None) -> Any:
    """Read and parse a YAML content file, bounded in size and shape; ContentError naming the file and line."""
    label = label or str(path)
    return parse_yaml(read_content_bytes(path, label), label)


def loc_path(loc: tuple[Any, ...]) -> str:
    """('pillars', 2, 'questions', 4, 'maturity', 'levels') -> 'pillars[2].questions[4].levels'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in QUESTION_TYPES or str(part).startswith("function-"):
            continue  # discriminator tags and validator names are noise to a content author
        else:
            out += f".{part}" if out else str(part)
    return out


def problems_from(error: ValidationError, label: str) -> list[Problem]:
    """One problem per schema error, placed by path."""
    out = []
    for err in error.errors(include_url=False):
        kind = err["type"]
        if kind == "extra_forbidden":
            what = msg("content.unknown_field")
        elif kind == "missing":
            what = msg("content.missing_field")
        elif kind == "union_tag_invalid":
            what = msg("content.unknown_type", got=str(err.get("ctx", {}).get("tag")), types=list(QUESTION_TYPES))
        else:  # pydantic's own words: the schema's many other rules, for content authors
            detail = err["msg"].removeprefix("Value error, ")
            what = msg("content.schema", detail=detail)
        out.append(Problem(what, loc_path(err["loc"]), label))
    return out


def load_model(model: type[M], path: Path, label: str | None = None) -> M:
    """Read a YAML file into a validated model, or raise ContentError with every schema problem."""
    label = label or str(path)
    return validate_model(model, read_yaml(path, label), label)


def validate_model(model: type[M], data: Any, label: str) -> M:
    """Parsed YAML data as a validated model, or ContentError with every schema problem."""
    if not isinstance(data, dict):
        raise ContentError([Problem(msg("content.not_mapping"), file=label)])
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise ContentError(problems_from(e, label)) from None
