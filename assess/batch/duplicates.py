"""Duplicate submissions in a batch: the same plant's answers sent twice, or two firms under one name.

A scored firm is keyed by a digest of its canonical answers (`answers_key`), not by its file's
bytes: the two plants of one workbook are two firms, never duplicates of each other, while the same
plant sent twice (the same file again, or re-saved, or copied into another workbook) still is. A
refused file, which has no answers, is keyed by its bytes.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING, Any

from assess.answers import company_key
from assess.batch.eligible import left_out
from assess.problems import Problem, msg
from assess.text.format import score as fmt_score
from assess.text.format import when

if TYPE_CHECKING:
    from assess.batch.inputs import Input
    from assess.batch.worker import FileResult


def answers_key(answers: Any) -> tuple[str, str]:
    """The digests of what a plant answered: (its questionnaire, answers and cards with its company
    and respondent; the same without them, which a copy of another plant's sheet under its own name
    shares). The session (the sheet's language, where it was left) is not what it answered. Fields at
    their defaults are left out: the same answers either way.

    Answers, card groups and each card's answers are sorted by id, so that the order a file lists
    them in does not count; every other part has a fixed order (a model's fields, the cards as
    entered). pydantic writes the JSON itself: half the time of a dump serialised with sorted keys,
    which was a tenth of a batch's time per firm."""
    cards = {group: [card.model_copy(update={"answers": dict(sorted(card.answers.items()))}) for card in listed]
             for group, listed in sorted(answers.cards.items())}
    ordered = answers.model_copy(update={"answers": dict(sorted(answers.answers.items())), "cards": cards})
    content = hashlib.sha256(ordered.model_dump_json(include=_ANSWERED, exclude_defaults=True).encode("utf-8"))
    who = ordered.model_dump_json(include=_WHO, exclude_defaults=True)
    return hashlib.sha256(f"{content.hexdigest()}\n{who}".encode()).hexdigest(), content.hexdigest()


_ANSWERED = {"questionnaire", "answers", "cards"}
_WHO = {"company", "respondent"}
COPIED_NOTED = 3
"""Answers with a note or evidence two firms must share, word for word, besides: the same lowest answer
to every question, with nothing written, is what two plants with no AI yet both send."""
COPIED_MIN = 30
"""Answers two firms must share, every one, for one sheet to be taken for a copy of the other: a
dozen answers alike (a short questionnaire, a sheet left mostly blank) may be chance; thirty with
their notes and evidence are not."""


def duplicate_kind(r: FileResult) -> str:
    """What a row flagged as a duplicate is to the earlier one: the same answers again ("duplicate"),
    the same company answering otherwise ("same_company", "same_company_later" when this copy was saved
    later), or the same answers under another company's name ("copied")."""
    codes = {p.code for p in r.problems}
    if "batch.copied" in codes:
        return "copied"
    if "batch.duplicate_company_later" in codes:
        return "same_company_later"
    return "same_company" if any(c.startswith("batch.duplicate_company") for c in codes) else "duplicate"


def _where(r: FileResult) -> str:
    """The cell of its company's name, in a sheet; nothing for an answer file."""
    return f"{r.company_sheet}!C2" if r.company_sheet else ""


class Duplicates:
    """Flags a firm whose answers are an earlier one's, a refused file that is byte for byte an
    earlier one, or a firm that names the same company as an earlier one."""

    def __init__(self, release: str = "") -> None:
        self.release = release
        """The batch's questionnaire (`id@version`): whose benchmark a company's copy counts in."""
        self.by_key: dict[str, tuple[str, str, int]] = {}
        """Answers digest (or refused file's bytes) -> (row's name, file's sha256, plant)."""
        self.by_company: dict[str, tuple[str, float | None, str]] = {}
        """Company -> (the first row naming it that counts in the benchmark, its overall score, when its
        workbook was saved)."""
        self.company_out: dict[str, str] = {}
        """Company -> the first row naming it, while no row naming it counts in the benchmark."""
        self.by_content: dict[str, tuple[str, str, bool]] = {}
        """Digest of the answers alone -> (the first row that gave them, its company, whether it counts in
        the benchmark)."""

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
        if not dup and r.content_digest:
            dup = self._content(item, r, company)
        if company:
            dup = self._company(item, r, company, dup)
        if r.status == "ok" and (dup or any(p.severity != "notice" for p in r.problems)):
            r.status = "problems"  # a copy that counts for an earlier one is warned, so not clean
        return dup

    def _content(self, item: Input, r: FileResult, company: str) -> str:
        """The same answers as an earlier row: the same company's (another respondent: a duplicate), or
        another company's, when they are many and carry notes or evidence (a copied sheet: warned, and a
        duplicate of the first if that one counts in the benchmark; else this one stands for it)."""
        counts = left_out(r, self.release) is None
        first = self.by_content.get(r.content_digest)
        if first is None:
            self.by_content[r.content_digest] = (item.display, company, counts)
            return ""
        other, other_company, other_counts = first
        if other_company == company:
            r.problems.append(Problem(msg("batch.duplicate_answers", other=other), "", item.display, "warning",
                                      msg("batch.duplicate_answers.fix")))
            return other
        if r.answered < COPIED_MIN or r.noted < COPIED_NOTED:
            return ""  # the lowest answer everywhere, with nothing written: two plants with no AI yet
        r.problems.append(Problem(msg("batch.copied", other=other), _where(r), item.display, "warning",
                                  msg("batch.copied.fix", other=other)))
        if not other_counts and counts:
            self.by_content[r.content_digest] = (item.display, company, counts)
            return ""
        return other

    def _company(self, item: Input, r: FileResult, company: str, dup: str) -> str:
        """A second copy of one company: a duplicate of the copy the benchmark counts, if one does (the
        row then says both scores); else this copy counts, if it can, and says it stands for the first."""
        score = (r.figures or {}).get("overall")
        counts = left_out(r, self.release) is None
        if company in self.by_company:
            if not dup:
                dup, first_score, first_saved = self.by_company[company]
                says = msg("batch.duplicate_company_scores", other=dup, score=fmt_score(score),
                           other_score=fmt_score(first_score)) \
                    if score is not None and first_score is not None else msg("batch.duplicate_company", other=dup)
                fix = msg("batch.duplicate_company.fix", other=dup)
                if _later(r.saved, first_saved):  # resent (v2, 最终版): the copy counted may be the outdated one
                    says = msg("batch.duplicate_company_later", said=says, saved=when(_at(r.saved)),
                               other_saved=when(_at(first_saved)))
                    fix = msg("batch.duplicate_company.fix_later", other=dup)
                r.problems.append(Problem(says, _where(r), item.display, "warning", fix))
        elif company in self.company_out and not dup:
            first = self.company_out[company]
            key = "batch.duplicate_company_counted" if counts else "batch.duplicate_company"
            r.problems.append(Problem(msg(key, other=first), _where(r), item.display, "warning",
                                      msg("batch.duplicate_company.fix_plain")))
            if counts:
                self.by_company[company] = (item.display, score, r.saved)
                del self.company_out[company]
        elif counts:
            self.by_company[company] = (item.display, score, r.saved)
        else:
            self.company_out[company] = item.display
        return dup


def _at(saved: str) -> datetime:
    return datetime.fromisoformat(saved)


def _later(saved: str, other: str) -> bool:
    """Whether a workbook saved at `saved` was saved after one saved at `other` (both ISO 8601; False
    when either is unknown)."""
    return bool(saved and other) and _at(saved) > _at(other)
