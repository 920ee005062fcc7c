"""What to do next, computed from an `Assessment` on demand: roadmap, shortest path to target,
programme readiness, comparison of two assessments, and explain traces.

All pure. Nothing here is computed by `score` itself: each costs more than scoring, and most
callers (the batch, the TUI while typing) only need the figures.

Planning vocabulary:
- a *step* is one move up on one question: a maturity level up, no -> yes, +20 points on a
  percentage (capped at 100), the next better option on a single select (the lowest points above
  the current ones), the best option not yet chosen on a multi select, the next better band on a
  banded number;
- planning starts from what is claimed: a question not answered, answered "don't know" or
  answered invalidly stands at the bottom of its scale (score 0) and counts; N/A and hidden
  questions stay out. Applying a plan can therefore only do better than planned;
- a question's *priority* is pillar weight x question weight x the score its next step gains
  (after any gate fix): the roadmap's ordering, and the shortest path's tie-breaker.
"""

from assess.plan.compare import (
    Cap,
    Comparison,
    Contribution,
    Delta,
    Exclusion,
    PillarDelta,
    QuestionMove,
    Trace,
    compare,
    explain,
)
from assess.plan.path import (
    PHASES,
    Phase,
    PillarPath,
    ShortestPath,
    Step,
    apply_values,
    chain,
    next_value,
    shortest_path,
)
from assess.plan.programmes import CardResult, CriterionResult, ProgrammeResult, programmes
from assess.plan.roadmap import Action, recommendation, roadmap

__all__ = [
    "Action",
    "Cap",
    "CardResult",
    "Comparison",
    "Contribution",
    "CriterionResult",
    "Delta",
    "Exclusion",
    "PHASES",
    "Phase",
    "PillarDelta",
    "PillarPath",
    "ProgrammeResult",
    "QuestionMove",
    "ShortestPath",
    "Step",
    "Trace",
    "apply_values",
    "chain",
    "compare",
    "explain",
    "next_value",
    "programmes",
    "recommendation",
    "roadmap",
    "shortest_path",
]
