"""The one place the app asks for scores: the live figures after each answer, and the plan
(roadmap, shortest path, programmes) on the Results screen. Screens import from here only,
so a change of the scoring API touches this module alone."""

from __future__ import annotations

from dataclasses import dataclass

from assess.answers import AnswerSet
from assess.model import Questionnaire, localize
from assess.plan import Action, ProgrammeResult, ShortestPath, programmes, recommendation, roadmap, shortest_path
from assess.scoring import Assessment, GateFailure, PillarResult, score

__all__ = [
    "Action", "Assessment", "GateFailure", "PillarResult", "Plan", "ProgrammeResult", "ShortestPath",
    "level_name", "live", "plan", "recommendation",
]


def live(q: Questionnaire, answers: AnswerSet) -> Assessment:
    """Every figure of the answers as they stand (fast: called after each answer)."""
    return score(q, answers)


@dataclass(frozen=True)
class Plan:
    """What the Results screen shows beyond the figures."""

    path: ShortestPath
    roadmap: list[Action]
    programmes: list[ProgrammeResult]


def plan(a: Assessment) -> Plan:
    """Roadmap, shortest path to target and programme readiness (costlier than scoring)."""
    path = shortest_path(a)
    return Plan(path, roadmap(a, path), programmes(a))


def level_name(q: Questionnaire, level: int, lang: str) -> str:
    names = q.scoring.levels.names
    return localize(names[level], lang) if 0 <= level < len(names) else str(level)
