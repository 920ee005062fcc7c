"""The assessment as JSON-able data: the one shape the CLI's `--json`, the report's JSON twin,
the batch portfolio and the TUI read.

Language-neutral: ids, numbers, level ints and statuses; localised words appear only under
fields named `name` or `text`, in the locale asked for. Versioned by `format_version`; its
schema is `assess.output.schema.AssessmentOut` (`assess schema --assessment`).
"""

from __future__ import annotations

from typing import Any

from assess.model import (
    localize,
)
from assess.plan import (
    Comparison,
    Delta,
    PillarDelta,
    ShortestPath,
    Trace,
    programmes,
    recommendation,
    roadmap,
    shortest_path,
)
from assess.rules import question_index
from assess.scoring import DIGITS, Assessment, questionnaire_sha256
from assess.text.messages import say

FORMAT_VERSION = 1
"""Version of the assessment JSON shape; bumped only on incompatible change."""

KIND_ASSESSMENT = "assess/assessment"
KIND_COMPARISON = "assess/comparison"
KIND_TRACE = "assess/trace"


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, DIGITS)


def _ref(a: Assessment) -> dict[str, str]:
    q = a.questionnaire
    return {"id": q.id, "version": q.version, "sha256": questionnaire_sha256(q)}


def assessment_to_dict(
    a: Assessment, locale: str = "zh", *, plan: bool = True, path: ShortestPath | None = None
) -> dict[str, Any]:
    """The assessment as plain data. `plan=False` leaves out roadmap, shortest path and
    programmes (empty lists / null), which cost more than the scoring itself."""
    q = a.questionnaire
    by_id = question_index(q)
    policy = q.scoring
    company = a.answers.company
    out: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "kind": KIND_ASSESSMENT,
        "locale": locale,
        "questionnaire": {**_ref(a), "name": localize(q.title, locale)},
        "company": {"name": company.name, "sector": company.sector, "region": company.region},
        "policy": {
            "dont_know": policy.dont_know,
            "gate_cap": policy.gate_cap,
            "evidence_discounts": {k.value: v for k, v in policy.evidence_discounts.items()},
            "gates": policy.gates,
            "gate_level_cap": policy.gate_level_cap,
            "blank": policy.blank,
            "respondent_verifies": policy.respondent_verifies,
            "programmes_on": policy.programmes_on,
        },
        "levels": [
            {"level": i, "threshold": t, "name": localize(n, locale)}
            for i, (t, n) in enumerate(zip(policy.levels.thresholds, policy.levels.names))
        ],
        "overall": {
            "score": a.overall.score,
            "level": a.overall.level,
            "claimed": a.overall.claimed,
            "evidenced": a.overall.evidenced,
            "audited": a.overall.audited,
            "completion": _r(a.overall.completion),
            "responded": a.overall.responded,
            "applicable_questions": a.overall.applicable_questions,
            "compliance_first": a.overall.compliance_first,
        },
        "pillars": [
            {
                "id": p.id,
                "name": localize(pillar.name, locale),
                "weight": p.weight,
                "applicable": p.applicable,
                "score": p.score,
                "level": p.level,
                "target": p.target,
                "target_source": p.target_source,
                "gap": p.gap,
                "completion": _r(p.completion),
                "responded": p.responded,
                "applicable_questions": p.applicable_questions,
                "claimed": p.claimed,
                "evidenced": p.evidenced,
                "uncapped": p.uncapped,
                "evidenced_uncapped": p.evidenced_uncapped,
                "audited": p.audited,
                "audited_uncapped": p.audited_uncapped,
                "capped": p.capped,
                "gates_failed": list(p.gates_failed),
            }
            for p, pillar in zip(a.pillars, q.pillars)
        ],
        "gates_failed": [
            {
                "question": g.question,
                "pillar": g.pillar,
                "reason": g.reason,
                "value": g.value,
                "basis": {"text": localize(by_id[g.question].gate.basis, locale)},  # type: ignore[union-attr]
            }
            for g in a.gates_failed
        ],
        "gates": [
            {
                "question": r.id,
                "pillar": r.pillar,
                "state": "failed" if r.gate_failed else "unconfirmed" if r.unconfirmed else "passed",
                "waits_on": list(r.waits_on),
                "basis": {"text": localize(by_id[r.id].gate.basis, locale)},  # type: ignore[union-attr]
            }
            for r in a.questions.values()
            if r.gate and r.status != "hidden"
        ],
        "questions": [
            {
                "id": r.id,
                "pillar": r.pillar,
                "type": r.type,
                "status": r.status,
                "value": r.value,
                "scored": r.scored,
                "score": r.score,
                "weight": r.weight,
                "counted": r.counted,
                "evidence_state": r.evidence_state.value if r.evidence_state is not None else None,
                "evidence_factor": r.evidence_factor,
                "evidenced": _r(r.evidenced),
                "audited": _r(r.audited),
                "review": r.review.model_dump(mode="json") if r.review is not None else None,
                "gate": r.gate,
                "gate_failed": r.gate_failed,
                "problem": say(r.problem, locale) if r.problem is not None else None,
                "compliance": r.compliance,
                "unconfirmed": r.unconfirmed,
                "waits_on": list(r.waits_on),
                "self_verified": r.self_verified,
                "unnamed_document": r.unnamed_document,
                "text": localize(by_id[r.id].prompt, locale),
            }
            for r in a.questions.values()
        ],
        "roadmap": [],
        "shortest_path": None,
        "programmes": [],
    }
    if not plan:
        return out
    path = path or shortest_path(a)
    out["roadmap"] = [
        {
            "rank": x.rank,
            "phase": x.phase,
            "pillar": x.pillar,
            "question": x.question,
            "status": x.status,
            "from": x.from_value,
            "to": x.to_value,
            "from_score": _r(x.from_score),
            "to_score": _r(x.to_score),
            "steps": x.steps,
            "gain": _r(x.gain),
            "gate": x.gate,
            "citations": list(by_id[x.question].citations),
            "text": recommendation(by_id[x.question], x.from_value, x.to_value, locale),
        }
        for x in roadmap(a, path)
    ]
    out["shortest_path"] = {
        "reachable": path.reachable,
        "total_steps": len(path.steps),
        "pillars": [
            {
                "id": pp.pillar,
                "target": pp.target,
                "score": pp.score,
                "projected": pp.projected,
                "steps": pp.steps,
                "reachable": pp.reachable,
                "gates_fixed": list(pp.gates_fixed),
            }
            for pp in path.pillars
        ],
        "steps": [
            {
                "order": s.order,
                "pillar": s.pillar,
                "question": s.question,
                "from": s.from_value,
                "to": s.to_value,
                "from_score": _r(s.from_score),
                "to_score": _r(s.to_score),
                "gate": s.gate,
                "text": recommendation(by_id[s.question], s.from_value, s.to_value, locale),
            }
            for s in path.steps
        ],
    }
    names = {p.id: p for p in q.programmes}
    out["programmes"] = [
        {
            "id": pr.id,
            "name": localize(names[pr.id].name, locale),
            "ready": pr.ready,
            "cards_needed": pr.cards_needed,
            "cards_met": pr.cards_met,
            "cards": [
                {"key": c.key, "met": c.met,
                 "criteria": [{"index": x.index, "subject": x.subject, "actual": x.actual, "met": x.met,
                               "unbacked": x.unbacked} for x in c.criteria]}
                for c in pr.cards
            ],
            "criteria": [
                {
                    "index": c.index,
                    "kind": c.kind,
                    "subject": c.subject,
                    "test": c.test,
                    "expected": c.expected,
                    "actual": _r(c.actual) if c.kind in ("pillar", "overall") else c.actual,
                    "met": c.met,
                    "not_applicable": c.not_applicable,
                    "unbacked": c.unbacked,
                    "text": localize(names[pr.id].criteria[c.index].reason, locale),
                }
                for c in pr.criteria
            ],
        }
        for pr in programmes(a)
    ]
    return out


def _delta(d: Delta) -> dict[str, float | None]:
    return {"before": d.before, "after": d.after, "delta": d.delta}


def _pillar_delta(p: PillarDelta) -> dict[str, Any]:
    return {
        "id": p.id,
        "score": _delta(p.score),
        "evidenced": _delta(p.evidenced),
        "completion": {k: _r(v) for k, v in _delta(p.completion).items()},
        "level_before": p.level_before,
        "level_after": p.level_after,
        "audited": _delta(p.audited),
    }


def comparison_to_dict(c: Comparison, before: Assessment, after: Assessment) -> dict[str, Any]:
    """A comparison as plain data (deltas are after - before)."""
    return {
        "format_version": FORMAT_VERSION,
        "kind": KIND_COMPARISON,
        "before": _ref(before),
        "after": _ref(after),
        "same_questionnaire": c.same_questionnaire,
        "overall": _pillar_delta(c.overall),
        "pillars": [_pillar_delta(p) for p in c.pillars],
        "moved": [
            {
                "id": m.id,
                "pillar": m.pillar,
                "status_before": m.status_before,
                "status_after": m.status_after,
                "value_before": m.value_before,
                "value_after": m.value_after,
                "score": _delta(m.score),
            }
            for m in c.moved
        ],
        "added": list(c.added),
        "removed": list(c.removed),
        "gates_newly_passed": list(c.gates_newly_passed),
        "gates_newly_failed": list(c.gates_newly_failed),
    }


def trace_to_dict(t: Trace, a: Assessment, locale: str = "zh") -> dict[str, Any]:
    """A trace as plain data; gate bases and level names in `locale`."""
    q = a.questionnaire
    by_id = question_index(q)
    names = q.scoring.levels.names
    return {
        "format_version": FORMAT_VERSION,
        "kind": KIND_TRACE,
        "questionnaire": _ref(a),
        "subject": t.subject,
        "contributions": [
            {
                "id": c.id,
                "value": c.value,
                "status": c.status,
                "score": _r(c.score),
                "weight": c.weight,
                "points": _r(c.points),
                "evidence_factor": _r(c.evidence_factor),
                "evidenced": _r(c.evidenced),
                "audited": _r(c.audited),
            }
            for c in t.contributions
        ],
        "exclusions": [{"id": e.id, "reason": e.reason} for e in t.exclusions],
        "numerator": _r(t.numerator),
        "denominator": _r(t.denominator),
        "uncapped": t.uncapped,
        "caps": [
            {
                "question": c.question,
                "reason": c.reason,
                "cap": c.cap,
                "basis": {"text": localize(by_id[c.question].gate.basis, locale)},  # type: ignore[union-attr]
            }
            for c in t.caps
        ],
        "score": t.score,
        "evidenced": t.evidenced,
        "audited": t.audited,
        "level": {"level": t.level, "threshold": t.thresholds[t.level], "name": localize(names[t.level], locale)},
        "thresholds": list(t.thresholds),
        "target": t.target,
        "target_source": t.target_source,
        "gap": t.gap,
        "completion": _r(t.completion),
        "dont_know": t.dont_know,
    }
