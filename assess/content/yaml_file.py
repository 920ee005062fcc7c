"""Reading YAML content safely and turning schema errors into placed problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assess.model import QUESTION_TYPES
from assess.problems import Problem, msg
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


def read_yaml(path: Path, label: str | None = None) -> Any:
    """Parse a YAML file with the safe loader; raise ContentError naming the file and line, or every
    text that holds a character no screen or workbook could take (`assess.text.clean`)."""
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ContentError([Problem(msg("content.not_utf8", at=e.start), file=label,
                                    fix=msg("content.not_utf8.fix"))]) from None
    except OSError as e:
        raise ContentError([Problem(msg("content.unreadable", why=e.strerror or str(e)), file=label)]) from None
    try:
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
    data = read_yaml(path, label)
    if not isinstance(data, dict):
        raise ContentError([Problem(msg("content.not_mapping"), file=label)])
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise ContentError(problems_from(e, label)) from None
