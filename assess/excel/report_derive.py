"""How each figure of a gap report comes about, shown so that a reader can redo it by hand.

The Answers sheet's points and "how the score comes" columns (`points`, `how_scored`) and the
Methodology sheet's worked example (`worked_example`): one pillar of this very report recomputed
from the per-question scores, weights and evidence factors, as a calculator would. Every number is
the scoring's own (`assess.scoring`); nothing here scores anything anew.
"""

from __future__ import annotations

from typing import Any

from assess.answers import Value
from assess.excel.report_layout import Report, Sheet, clip
from assess.model import (
    MaturityQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    YesNoQuestion,
    localize,
)
from assess.scoring import PillarResult, QuestionResult, band_for, option_points
from assess.text.format import number
from assess.text.report_labels import t

EXAMPLE_COLUMNS = ("col.question", "col.weight", "col.score", "col.weighted", "col.factor", "col.weighted_evidenced")


def _n(x: float) -> str:
    """A figure inside a sentence: 2 not 2.0, 3.333 not 3.3333333333."""
    return number(round(x, 3))


def _scored(res: QuestionResult | None) -> bool:
    """Whether the answer's own value makes the score shown (not a blank profile answer's 0)."""
    return res is not None and res.status == "answered" and res.score is not None and not res.waits_on


def points(question: QuestionBase, res: QuestionResult | None) -> float | None:
    """The option points a select question's score is made of (the option's, their sum or their best)."""
    if not _scored(res):
        return None
    got = option_points(question, res.value)  # type: ignore[union-attr]
    return got.points if got is not None else None


def how_scored(question: QuestionBase, res: QuestionResult | None, loc: str) -> str:
    """The score of an answered question as a sum a reader can redo: "5 × 4 ÷ 5 = 4"; "" when the
    status column says it all (not answered, not applicable, not scored)."""
    if not _scored(res):
        return ""
    value: Value = res.value  # type: ignore[union-attr]
    score = res.score  # type: ignore[union-attr]
    got = option_points(question, value)
    if got is not None:
        labels = {o.id: localize(o.label, loc) for o in question.options}  # type: ignore[attr-defined]
        if got.rule == "single":
            ((oid, pts),) = got.chosen
            return t("basis.single", loc, option=labels[oid], points=_n(pts))
        if not got.chosen:
            return t("basis.nothing", loc)
        if got.rule == "best":
            best = next(oid for oid, pts in got.chosen if pts == got.points)
            return t("basis.best", loc, n=len(got.chosen), option=labels[best], score=_n(got.score))
        parts = " + ".join(f"{labels[oid]} {_n(pts)}" for oid, pts in got.chosen)
        return clip(t("basis.share", loc, parts=parts, got=_n(got.points), total=_n(got.total), score=_n(got.score)),
                    loc)
    if isinstance(question, MaturityQuestion):
        return t("basis.level", loc, level=value, score=_n(score))
    if isinstance(question, YesNoQuestion):
        return t("basis.yes" if value is True else "basis.no", loc)
    if isinstance(question, PercentageQuestion | NumberQuestion) and isinstance(value, int | float):
        if question.bands:
            band = band_for(question.bands, value)
            if band is None:
                return t("basis.below", loc, value=_n(value), start=_n(question.bands[0].start))
            return t("basis.band", loc, value=_n(value), start=_n(band.start), score=_n(band.score))
        if isinstance(question, PercentageQuestion):
            return t("basis.percent", loc, value=_n(value), score=_n(score))
    return ""


def example_pillar(r: Report) -> PillarResult | None:
    """The pillar the worked example recomputes: the first one a gate caps (the cap is worth
    showing), else the first with a question in its denominator; None when no question counts."""
    counted = [p for p in r.assessment.pillars if p.applicable and p.counted_weight > 0]
    return next((p for p in counted if p.gates_failed), counted[0] if counted else None)


def worked_example(r: Report, s: Sheet, row: int) -> int:
    """The Methodology sheet's worked example from `row` on; returns the last row used."""
    loc, a = r.locale, r.assessment
    p = example_pillar(r)
    names = {x["id"]: x["name"] for x in r.doc["pillars"]}
    if p is None:
        s.label(row, 0, "meth.example", "heading", pillar="—")
        row += 1
        s.put(row, 0, t("meth.example_none", loc), "para")
        return row
    s.label(row, 0, "meth.example", "heading", pillar=f"{p.id} {names[p.id]}")
    row += 1
    s.put(row, 0, t("meth.example_intro", loc), "para")
    row += 1
    for col, key in enumerate(EXAMPLE_COLUMNS):
        s.label(row, col, key, "th")
    prompts = {question.id: localize(question.prompt, loc) for _, question in r.questionnaire.all_questions()}
    for qid in p.questions:
        res = a.questions[qid]
        if not res.counted:
            continue
        row += 1
        score = res.score or 0.0
        cells: tuple[tuple[Any, str], ...] = (
            (f"{qid} {prompts[qid]}", "text"), (res.weight, "weight"), (score, "exact"),
            (res.weight * score, "exact"), (res.evidence_factor, "weight"),
            (res.weight * score * res.evidence_factor, "exact"),
        )
        for col, (value, style) in enumerate(cells):
            s.put(row, col, value, style)
    row += 1
    s.label(row, 0, "meth.example_sum", "strong")
    s.put(row, 1, p.counted_weight, "weight")
    s.put(row, 3, p.points, "exact")
    s.put(row, 5, p.evidenced_points, "exact")
    row += 1
    s.label(row, 0, "meth.example_mean", "text")
    s.put(row, 3, p.uncapped, "exact")
    s.put(row, 5, p.evidenced_uncapped, "exact")
    row += 1
    policy = r.doc["policy"]
    if policy.get("gates") == "separate":
        s.label(row, 0, "meth.example_separate", "strong")
    elif p.gates_failed:
        s.label(row, 0, "meth.example_cap", "strong", gates=", ".join(p.gates_failed), cap=_n(policy["gate_cap"]))
    else:
        s.label(row, 0, "meth.example_no_cap", "strong")
    s.put(row, 3, p.score, "exact_strong")
    s.put(row, 5, p.evidenced, "exact_strong")
    return row
