"""Duplicate submissions in a batch: the same plant's answers sent twice, or two firms under one name.

A scored firm is keyed by a digest of its canonical answers (`answers_key`), not by its file's
bytes: the two plants of one workbook are two firms, never duplicates of each other, while the same
plant sent twice (the same file again, or re-saved, or copied into another workbook) still is. A
refused file, which has no answers, is keyed by its bytes.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import TYPE_CHECKING, Any

from assess.problems import Problem, msg
from assess.text.format import score as fmt_score

if TYPE_CHECKING:
    from assess.batch.inputs import Input
    from assess.batch.run import FileResult


def answers_key(answers: Any) -> str:
    """The digest of what a plant answered: its questionnaire, company, respondent, answers and
    cards. The session (the sheet's language, where it was left) is not what it answered. Fields at
    their defaults are left out: the same answers either way.

    Answers, card groups and each card's answers are sorted by id, so that the order a file lists
    them in does not count; every other part has a fixed order (a model's fields, the cards as
    entered). pydantic writes the JSON itself: half the time of a dump serialised with sorted keys,
    which was a tenth of a batch's time per firm."""
    cards = {group: [card.model_copy(update={"answers": dict(sorted(card.answers.items()))}) for card in listed]
             for group, listed in sorted(answers.cards.items())}
    ordered = answers.model_copy(update={"answers": dict(sorted(answers.answers.items())), "cards": cards})
    text = ordered.model_dump_json(include=_ANSWERED, exclude_defaults=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_ANSWERED = {"questionnaire", "company", "respondent", "answers", "cards"}


def company_key(name: str) -> str:
    """A company name as compared for duplicates: width, case and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class Duplicates:
    """Flags a firm whose answers are an earlier one's, a refused file that is byte for byte an
    earlier one, or a firm that names the same company as an earlier one."""

    def __init__(self) -> None:
        self.by_key: dict[str, tuple[str, str, int]] = {}
        """Answers digest (or refused file's bytes) -> (row's name, file's sha256, plant)."""
        self.by_company: dict[str, tuple[str, float | None]] = {}
        """Company -> (the first row naming it, its overall score)."""

    def check(self, item: Input, r: FileResult) -> str:
        """The earlier row this one duplicates ("" if none); a warning is added to its problems."""
        if r.status == "refused" and not r.sha256:
            return ""
        dup = ""
        key = r.answers_digest if r.status != "refused" and r.answers_digest else \
            f"file:{r.sha256}:{r.plant}" if r.sha256 else ""
        if key in self.by_key:
            dup, sha, plant = self.by_key[key]
            same_file = (sha, plant) == (r.sha256, r.plant)
            what = "batch.duplicate_file" if same_file else "batch.duplicate_answers"
            r.problems.append(Problem(msg(what, other=dup), "", item.display, "warning", msg(f"{what}.fix")))
        elif key:
            self.by_key[key] = (item.display, r.sha256, r.plant)
        company = company_key(r.company) if r.status != "refused" else ""
        if company:
            if company in self.by_company and not dup:
                dup, first_score = self.by_company[company]
                where = "Company!C2" if r.plant == 1 else f"Company ({r.plant})!C2"
                score = (r.figures or {}).get("overall")
                says = msg("batch.duplicate_company_scores", other=dup, score=fmt_score(score),
                           other_score=fmt_score(first_score)) \
                    if score is not None and first_score is not None else msg("batch.duplicate_company", other=dup)
                r.problems.append(Problem(says, where, item.display, "warning",
                                          msg("batch.duplicate_company.fix", other=dup)))
            else:
                self.by_company.setdefault(company, (item.display, (r.figures or {}).get("overall")))
        if dup and r.status == "ok":
            r.status = "problems"
        return dup
