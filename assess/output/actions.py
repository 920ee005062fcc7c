"""What a report tells management to do: each roadmap line's action, and the few to take first.

Read from the assessment's JSON shape (`assess.output.document.assessment_to_dict`), so that the
gap report's sheets and its one-page summary say the same thing in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assess.model import QuestionBase, Questionnaire, localize
from assess.rules import question_index
from assess.text.format import value_text
from assess.text.report_labels import t

FIRST = 3
"""Actions a summary puts first: what a management meeting can take on at once."""


@dataclass(frozen=True, slots=True)
class FirstAction:
    question: str
    """The question it moves (a profile question to answer, or a roadmap line's)."""
    phase: str
    """"profile" (answer a deciding profile question), else the roadmap phase: now, next, later."""
    pillar: str
    """The pillar's name in the report's language ("" for a profile question)."""
    text: str
    """What to do."""


def action_text(item: dict[str, Any], question: QuestionBase, locale: str) -> str:
    """A roadmap line's action (`item`, a line of the JSON shape's roadmap, for `question`): the
    questionnaire's next step, or, for a question that has none (its text would only repeat the
    question, or name the option to choose), the answer to reach and the evidence to keep."""
    to = value_text(question, item["to"], locale)
    if item["text"] not in (localize(question.prompt, locale), to):
        return str(item["text"])
    return t("action.reach", locale, to=to)


def deciding_blanks(doc: dict[str, Any]) -> list[tuple[str, int]]:
    """Profile questions left blank on which whether other questions apply depends, with how many
    questions wait on each: most first, then in questionnaire order."""
    waiting: dict[str, int] = {}
    for x in doc["questions"]:
        if x["status"] != "hidden":
            for pid in x["waits_on"]:
                waiting[pid] = waiting.get(pid, 0) + 1
    order = {pid: i for i, pid in enumerate(waiting)}
    return sorted(waiting.items(), key=lambda kv: (-kv[1], order[kv[0]]))


def first_actions(doc: dict[str, Any], questionnaire: Questionnaire, locale: str, n: int = FIRST) -> list[FirstAction]:
    """The `n` actions to take first: answering any blank profile question that decides what
    applies (until then the questions it decides count 0), then the roadmap's lines in order
    (failed gates first)."""
    by_id = question_index(questionnaire)
    out = [FirstAction(pid, "profile", "", t("action.profile", locale, question=localize(by_id[pid].prompt, locale),
                                               id=pid, n=count))
           for pid, count in deciding_blanks(doc) if pid in by_id]
    names = {p["id"]: p["name"] for p in doc["pillars"]}
    for x in doc["roadmap"]:
        if len(out) >= n:
            break
        out.append(FirstAction(x["question"], x["phase"], names.get(x["pillar"], x["pillar"]),
                               action_text(x, by_id[x['question']], locale)))
    return out[:n]
