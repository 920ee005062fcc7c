"""The answer file: one format that the TUI autosaves, the CLI reads and reports embed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from assess.docstrings import describe_fields
from assess.model import EvidenceState, QuestionBase, later

ANSWERS_FORMAT = 1
"""Version of the answer-file format; bumped only on incompatible change."""

Value = Union[bool, int, float, str, list[str], None]
"""Maturity level (int), yes/no (bool), percentage or number, option id(s), or text."""

AnswerStatus = Literal["answered", "na", "dont_know"]
"""What a respondent can say about a question (scoring adds unanswered, invalid and hidden)."""

Decision = Literal["accepted", "insufficient", "rejected"]
"""A reviewer's decision on an answer: accepted (checked and backed), insufficient (the evidence does
not show it), rejected (the answer does not stand)."""


@dataclass(frozen=True, slots=True)
class Shown:
    """An answer's value inside a message, to be shown as its respondent saw it: the option's label,
    yes or no, the level with its descriptor (`assess.text.format.value_text`, in the message's
    language), never the code an answer file stores."""

    question: QuestionBase | None
    value: Value


def utc_now() -> datetime:
    """Now, in UTC, to the second: what answer files record."""
    return datetime.now(UTC).replace(microsecond=0)


def utc_stamp(at: datetime | None = None) -> str:
    """A moment (now by default) as the files record it: ISO 8601 in UTC to the second, with "Z"."""
    return (at or utc_now()).astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Loose(BaseModel):
    """Answer files are written by programs and people: forbid unknown keys, but allow edits."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=describe_fields, validate_assignment=False)


class QuestionnaireRef(Loose):
    """Which questionnaire release the answers belong to."""

    id: str
    """Questionnaire id."""
    version: str
    """Questionnaire version."""
    sha256: str
    """Content hash of the questionnaire (see README, 'Content hash')."""


class Company(Loose):
    """Who is assessed."""

    name: str = ""
    """Company name."""
    sector: str = ""
    """Industry sector, in the company's words."""
    region: str = ""
    """Province or region of the main site."""
    contact: str = ""
    """Contact person or e-mail for the assessment."""


def company_key(name: str) -> str:
    """A company's name as two are compared (a batch's duplicates, a report against its source):
    width (full-width brackets and letters), case, spacing and a closing 有限公司 or its synonyms
    (有限责任公司, Co., Ltd., Limited) do not count: 西北重工 and 西北重工有限公司 are one company.
    Other legal forms stay: 华东重工股份有限公司 is another company than 华东重工有限公司. Nor does a
    stamp written after the name for the seal ((盖章), (单位公章)): v1 and a stamped 最终版 are one."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    key = _STAMP.sub("", key) or key
    if key.endswith("股份有限公司"):
        return key
    return _LIMITED.sub("", key) or key


_STAMP = re.compile(r"\s*[(\[【]\s*(?:单位|公司|企业)?\s*(?:签字)?\s*(?:加盖|盖)?\s*(?:单位|公司)?\s*"
                    r"(?:公章|印章|签章|章)\s*[)\]】]\s*$")
"""A stamp's place after a name, in brackets (NFKC has made （） plain): (盖章), (单位盖章), (加盖公章)."""
_LIMITED = re.compile(r"[\s,.，。]*(?:有限责任公司|有限公司|\b(?:company limited|co\.?,?\s*ltd\.?|limited|ltd\.?))"
                      r"[\s.]*$")


class Respondent(Loose):
    """Who answered."""

    name: str = ""
    """Respondent's name."""
    role: str = ""
    """Respondent's role, e.g. digitalisation lead."""


class Review(Loose):
    """A reviewer's decision on one answer (`assess review --apply`); only a review makes an answer
    verified in the audited figures."""

    decision: Decision
    """accepted, insufficient or rejected."""
    by: str = ""
    """The reviewer's name."""
    at: datetime | None = None
    """When the decision was recorded in the answer file (UTC)."""
    date: str = ""
    """The review date the reviewer wrote on the review workbook (YYYY-MM-DD), if any."""
    comment: str = ""
    """The reviewer's comment."""
    value: Value = None
    """Accepted with a correction: the value the reviewer found, used instead of the claimed value in
    the audited figures; None keeps the claimed value."""


class Answer(Loose):
    """One question's answer with its backing."""

    status: AnswerStatus = "answered"
    """answered (value given), na (not applicable, only where allowed), dont_know."""
    value: Value = None
    """The answer; None unless status is answered."""
    note: str = ""
    """Free note by the respondent."""
    evidence: list[str] = []
    """Evidence references: document names, links, record numbers."""
    evidence_state: EvidenceState = EvidenceState.declared
    """declared (stated), documented (a document exists), verified (checked by a third party)."""
    by: str = ""
    """Who gave this answer."""
    at: datetime | None = None
    """When this answer was last changed (UTC)."""
    review: Review | None = later(None)
    """The reviewer's decision, once the answer has been reviewed (left out of the file until then)."""


class Card(Loose):
    """One item of a repeatable group: a typical scenario, an agent, a dataset."""

    key: str
    """The name that identifies the item, unique in its group."""
    answers: dict[str, Answer] = {}
    """Answers to the group's questions, by question id."""


class Session(Loose):
    """Where the respondent left off."""

    question: str | None = None
    """Id of the question last shown."""
    locale: str = "zh"
    """Language last used."""


class Change(Loose):
    """One entry of the append-only change history."""

    at: datetime
    """When (UTC)."""
    by: str = ""
    """Who made the change."""
    question: str
    """Question id, or a field such as 'company.name' or 'targets.C', or a card or one of its
    answers, such as 'cards.scenarios[Line 3]' or 'cards.scenarios[Line 3].SC-KPI'."""
    old: Value = None
    """Previous value or status."""
    new: Value = None
    """New value or status."""


class AnswerSet(Loose):
    """A company's answers to one questionnaire release."""

    format_version: Literal[1] = ANSWERS_FORMAT
    """Answer-file format version."""
    questionnaire: QuestionnaireRef
    """The questionnaire release these answers belong to."""
    company: Company = Field(default_factory=Company)
    """The company assessed."""
    respondent: Respondent = Field(default_factory=Respondent)
    """Who answered."""
    answers: dict[str, Answer] = {}
    """Answers by question id, profile questions included."""
    cards: dict[str, list[Card]] = later({})
    """Repeatable groups' cards, by group id, in the order entered."""
    targets: dict[str, float] = {}
    """Per-pillar target overrides (0-5), by pillar id."""
    session: Session = Field(default_factory=Session)
    """Where the respondent left off."""
    history: list[Change] = []
    """Every change, oldest first; never rewritten."""

    def value_of(self, question_id: str) -> Value:
        """The answered value of a question, or None if it has no usable answer."""
        a = self.answers.get(question_id)
        if a is None or a.status != "answered":
            return None
        return a.value
