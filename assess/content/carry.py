"""Carrying answers forward to a later bundled release: which later release an answer file can move
to, and the steps there (a release's table may start from the one just before it only, so 1.0.0
answers reach 1.2.0 through 1.1.0). The moving itself is `assess.migrate`, pure; this module finds
and loads the releases. Used by `assess migrate`, the app and the batch alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assess.answers import AnswerSet
from assess.content.bundled import DEFAULT_ID, ContentError, load_questionnaire, releases, version_key
from assess.migrate import MigrationError, Notice, migrate, migration_from, still_to_answer
from assess.model import Questionnaire
from assess.problems import msg

Content = tuple[Questionnaire, str]


def release_name(text: str, default_id: str = DEFAULT_ID) -> str:
    """A release as `resolve` takes it: a bare version (`1.1.0`) is of `default_id`."""
    return f"{default_id}@{text}" if re.fullmatch(r"\d+\.\d+\.\d+", text) else text


def _later(q: Questionnaire) -> list[Content]:
    """Every bundled release of the same questionnaire after `q`, oldest first (one that does not
    load is skipped: nothing can be carried into it)."""
    out = []
    for r in releases():
        if r.id == q.id and version_key(r.version) > version_key(q.version):
            try:
                out.append(load_questionnaire(r.path))
            except ContentError:
                continue
    return out


def steps(old: Questionnaire, new: Content, between: list[Content] | None = None) -> list[Content] | None:
    """The releases to pass through from `old` to `new` (the last is `new`), each giving a table from
    the one before; the fewest steps, the latest release first. None when no chain exists."""
    reach: dict[str, list[Content]] = {old.version: []}
    chain = sorted([c for c in (between if between is not None else _later(old))
                    if version_key(old.version) < version_key(c[0].version) < version_key(new[0].version)],
                   key=lambda c: version_key(c[0].version))
    for c in [*chain, new]:
        froms = [m.from_version for m in c[0].migrations if m.from_version in reach and c[0].id == old.id]
        if froms:
            best = min(froms, key=lambda v: (len(reach[v]), [-x for x in version_key(v)]))
            reach[c[0].version] = [*reach[best], c]
    return reach.get(new[0].version)


def newest_for(old: Questionnaire) -> Content | None:
    """The newest bundled release that answers to `old` carry into, or None (none is newer, or none
    says how)."""
    later = _later(old)
    for c in reversed(later):
        if steps(old, c, later) is not None:
            return c
    return None


@dataclass
class Carried:
    """Answers carried to a later release, with what became of those that did not carry as they were."""

    questionnaire: Questionnaire
    sha256: str
    answers: AnswerSet
    notices: list[Notice] = field(default_factory=list)
    through: list[str] = field(default_factory=list)
    """The releases passed on the way (`id@version`), the last being the target."""
    path: Path | None = None
    """Where the carried answers were written, once they are."""
    new_profile: list[str] = field(default_factory=list)
    """Profile questions of the target left for the respondent to answer (`assess.migrate.still_to_answer`)."""
    new_gates: list[str] = field(default_factory=list)
    """Gates of the target left for the respondent to answer, asked of this firm."""

    @property
    def not_carried(self) -> list[Notice]:
        return [n for n in self.notices if not n.carried]


def carry_forward(old: Questionnaire, answers: AnswerSet, new: Content | None = None, *,
                  at: datetime | None = None, by: str = "assess migrate") -> Carried:
    """`answers` (to `old`) carried to `new`, by default the newest release they carry into.

    Raises MigrationError when no chain of tables leads there (or nothing is newer)."""
    if new is None:
        new = newest_for(old)
        if new is None:
            raise MigrationError(msg("migrate.nothing_newer", release=old.ref))
    path = steps(old, new)
    if path is None:
        migration_from(new[0], old)  # raises with what the target does say
        raise AssertionError("unreachable")
    notices: list[Notice] = []
    current, carried = old, answers
    for q, h in path:
        carried, found = migrate(current, q, carried, h, at=at, by=by)
        notices.extend(found)
        current = q
    profile, gates = still_to_answer(old, current, answers, carried)
    return Carried(current, path[-1][1], carried, notices, [q.ref for q, _ in path],
                   new_profile=profile, new_gates=gates)
