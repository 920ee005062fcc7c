"""The schema of a source file (seeds/): a policy, law or standard that questions cite, with its
numbered facts. Data description only, as `assess.model`; a field's docstring is its description
in the model's JSON schema."""

from __future__ import annotations

import re
from enum import Enum
from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from assess.model import ID_PATTERN, Strict, Text


class SourceKind(str, Enum):
    plan = "plan"
    law = "law"
    regulation = "regulation"
    rule = "rule"
    normative_document = "normative_document"
    mandatory_standard = "mandatory_standard"
    recommended_standard = "recommended_standard"
    international_standard = "international_standard"
    foreign_law = "foreign_law"
    guidance = "guidance"
    programme = "programme"
    news = "news"


class Fact(Strict):
    """A numbered fact of a source, citable as `source#fact`."""

    id: str = Field(pattern=ID_PATTERN)
    """Fact id, unique within its source."""
    text: Text
    """The fact, in our own words."""
    verified: bool = True
    """False when the fact could not be confirmed; say so in the text too."""


class Source(Strict):
    """A policy, law or standard that questions cite."""

    schema_: Literal["assess/source/1"] = Field(default="assess/source/1", alias="schema")
    """Format id of this file."""
    id: str = Field(pattern=ID_PATTERN)
    """Source id, as questions cite it."""
    kind: SourceKind
    """What sort of instrument it is; binding force follows from it."""
    title: Text
    """Official title (Chinese name for Chinese instruments)."""
    issuer: Text
    """Issuing bodies."""
    date: str | None = None
    """Date of issue or entry into force, ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)."""
    document_number: str | None = None
    """Official document number, e.g. 工信部联科〔2025〕279号."""
    url: str | None = None
    """Where the official text can be read."""
    summary: Text
    """What it says that matters here, in our own words."""
    facts: list[Fact] = []
    """Numbered facts that questions may cite."""

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
            raise ValueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
        return v
