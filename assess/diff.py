"""What changed between two releases of a questionnaire, as data: questions, pillars, the scoring
policy and programmes added, removed and changed, field by field.

`diff(old_q, new_q)` is pure; `assess.text.migration` puts a diff into words. A field's old and new
values are plain data (numbers, flags, ids, texts as {locale: string}, conditions as dicts), so that
a report or a test reads them without this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assess.model import (
    DependsOn,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    Pillar,
    Programme,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    Text,
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs: its name (`weight`, `gate.basis`, `options.added`, ...) and both values."""

    name: str
    old: Any = None
    new: Any = None


@dataclass(frozen=True, slots=True)
class Item:
    """A question, pillar or programme: its id, its name (a question's prompt) and, for a question,
    the pillar it sits in ("" for the profile)."""

    id: str
    name: Text
    section: str = ""
    why: Text | None = None
    """For a question removed: the reason the later release's migration table gives, if any."""
    to: tuple[str, ...] = ()
    """For a question removed: the questions its answer goes to, by that table."""


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An item in both releases, with the fields that differ (as the new release has the item)."""

    item: Item
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class Diff:
    old: str
    """The earlier release, `id@version`."""
    new: str
    """The later release."""
    questions_added: tuple[Item, ...] = ()
    questions_removed: tuple[Item, ...] = ()
    questions_changed: tuple[ItemChange, ...] = ()
    pillars_added: tuple[Item, ...] = ()
    pillars_removed: tuple[Item, ...] = ()
    pillars_changed: tuple[ItemChange, ...] = ()
    policy: tuple[FieldChange, ...] = ()
    """Scoring policy fields that differ (`gates`, `levels.thresholds`, `evidence_discounts.declared`, ...)."""
    programmes_added: tuple[Item, ...] = ()
    programmes_removed: tuple[Item, ...] = ()
    programmes_changed: tuple[ItemChange, ...] = ()
    migrates: bool = field(default=False)
    """Whether the later release gives a table that carries answers to the earlier one."""
    pillar_names: dict[str, Text] = field(default_factory=dict)
    """The name of every pillar id in either release (the later release's name where both have it),
    so that a question's section reads as its pillar's name."""

    @property
    def empty(self) -> bool:
        return not any((self.questions_added, self.questions_removed, self.questions_changed, self.pillars_added,
                        self.pillars_removed, self.pillars_changed, self.policy, self.programmes_added,
                        self.programmes_removed, self.programmes_changed))


def _dump(x: Any) -> Any:
    return x.model_dump(mode="json", by_alias=True, exclude_none=True) if x is not None else None


def _depends(d: DependsOn | None) -> Any:
    return _dump(d)


def _added_removed(old: dict[str, Any], new: dict[str, Any], item) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    return (tuple(item(x) for k, x in new.items() if k not in old),
            tuple(item(x) for k, x in old.items() if k not in new))


# --------------------------------------------------------------------------- questions


def question_fields(old: QuestionBase, new: QuestionBase, old_section: str = "", new_section: str = ""
                    ) -> tuple[FieldChange, ...]:
    """The fields of a question that differ between two releases."""
    out: list[FieldChange] = []
    add = lambda name, a, b: out.append(FieldChange(name, a, b))  # noqa: E731
    if old_section != new_section:
        add("section", old_section, new_section)
    if old.type != new.type:  # type: ignore[attr-defined]
        add("type", old.type, new.type)  # type: ignore[attr-defined]
    if old.prompt != new.prompt:
        add("prompt", old.prompt, new.prompt)
    if old.weight != new.weight:
        add("weight", old.weight, new.weight)
    if old.context != new.context:
        add("context", old.context, new.context)
    if old.allow_na != new.allow_na:
        add("allow_na", old.allow_na, new.allow_na)
    if _depends(old.depends_on) != _depends(new.depends_on):
        add("depends_on", _depends(old.depends_on), _depends(new.depends_on))
    if old.gate is None and new.gate is not None:
        add("gate.added", None, new.gate.basis)
    elif old.gate is not None and new.gate is None:
        add("gate.removed", old.gate.basis, None)
    elif old.gate is not None and new.gate is not None:
        if old.gate.basis != new.gate.basis:
            add("gate.basis", old.gate.basis, new.gate.basis)
        if _dump(old.gate.pass_when) != _dump(new.gate.pass_when):
            add("gate.pass_when", _dump(old.gate.pass_when), _dump(new.gate.pass_when))
    if isinstance(old, (SingleSelectQuestion, MultiSelectQuestion)) and \
            isinstance(new, (SingleSelectQuestion, MultiSelectQuestion)):
        out.extend(_options(old, new))
    if isinstance(old, MultiSelectQuestion) and isinstance(new, MultiSelectQuestion) and old.score_by != new.score_by:
        add("score_by", old.score_by, new.score_by)
    if isinstance(old, MaturityQuestion) and isinstance(new, MaturityQuestion):
        changed = [i for i, (a, b) in enumerate(zip(old.levels, new.levels)) if a.descriptor != b.descriptor]
        if len(old.levels) != len(new.levels) or changed:
            add("levels", len(old.levels), changed)
    if isinstance(old, (PercentageQuestion, NumberQuestion)) and isinstance(new, (PercentageQuestion, NumberQuestion)):
        bands = lambda q: [(b.start, b.score) for b in q.bands] if q.bands else None  # noqa: E731
        if bands(old) != bands(new):
            add("bands", bands(old), bands(new))
    if isinstance(old, NumberQuestion) and isinstance(new, NumberQuestion):
        if (old.min, old.max) != (new.min, new.max):
            add("range", [old.min, old.max], [new.min, new.max])
    return tuple(out)


def _options(old: SingleSelectQuestion | MultiSelectQuestion, new: SingleSelectQuestion | MultiSelectQuestion
             ) -> list[FieldChange]:
    """Options added, removed, re-pointed and reworded, each by its label (the release that has it)."""
    a = {o.id: o for o in old.options}
    b = {o.id: o for o in new.options}
    out = []
    added = [b[k].label for k in b if k not in a]
    removed = [a[k].label for k in a if k not in b]
    if added:
        out.append(FieldChange("options.added", None, added))
    if removed:
        out.append(FieldChange("options.removed", removed, None))
    points = [[b[k].label, a[k].points, b[k].points] for k in b if k in a and a[k].points != b[k].points]
    if points:
        out.append(FieldChange("options.points", [p[1] for p in points], points))
    labels = [b[k].label for k in b if k in a and (a[k].label != b[k].label or a[k].exclusive != b[k].exclusive)]
    if labels:
        out.append(FieldChange("options.changed", None, labels))
    return out


# --------------------------------------------------------------------------- pillars and programmes


def _pillar_fields(old: Pillar, new: Pillar) -> tuple[FieldChange, ...]:
    out = []
    for name in ("name", "weight", "target"):
        if getattr(old, name) != getattr(new, name):
            out.append(FieldChange(name, getattr(old, name), getattr(new, name)))
    if _depends(old.depends_on) != _depends(new.depends_on):
        out.append(FieldChange("depends_on", _depends(old.depends_on), _depends(new.depends_on)))
    a, b = {g.id: g for g in old.cards}, {g.id: g for g in new.cards}  # groups by name, as the user knows them
    if [x for x in b if x not in a]:
        out.append(FieldChange("cards.added", None, [g.name for x, g in b.items() if x not in a]))
    if [x for x in a if x not in b]:
        out.append(FieldChange("cards.removed", [g.name for x, g in a.items() if x not in b], None))
    changed = [g.name for x, g in b.items() if x in a and _dump(g) != _dump(a[x])]
    if changed:
        out.append(FieldChange("cards.changed", None, changed))
    return tuple(out)


def _programme_fields(old: Programme, new: Programme) -> tuple[FieldChange, ...]:
    out = []
    if old.name != new.name:
        out.append(FieldChange("name", old.name, new.name))
    a, b = [_dump(c) for c in old.criteria], [_dump(c) for c in new.criteria]
    if a != b:
        out.append(FieldChange("criteria", len(a), len(b)))
    if _dump(old.cards) != _dump(new.cards):
        out.append(FieldChange("cards", _dump(old.cards), _dump(new.cards)))
    return tuple(out)


def _policy(old: Questionnaire, new: Questionnaire) -> tuple[FieldChange, ...]:
    """Every scoring policy field that differs, flattened (`levels.names`, `evidence_discounts.verified`)."""
    a = old.scoring.model_dump(mode="json", exclude_defaults=False)
    b = new.scoring.model_dump(mode="json", exclude_defaults=False)
    # fields a release left at their default are dumped without them: fill in the defaults
    for name, f in type(new.scoring).model_fields.items():
        for d in (a, b):
            d.setdefault(name, f.default.model_dump(mode="json") if hasattr(f.default, "model_dump") else f.default)
    out = []
    for name in type(new.scoring).model_fields:
        x, y = a.get(name), b.get(name)
        if isinstance(x, dict) and isinstance(y, dict):
            for k in dict.fromkeys([*x, *y]):
                if x.get(k) != y.get(k):
                    out.append(FieldChange(f"{name}.{k}", x.get(k), y.get(k)))
        elif x != y:
            out.append(FieldChange(name, x, y))
    return tuple(out)


# --------------------------------------------------------------------------- the diff


def diff(old_q: Questionnaire, new_q: Questionnaire) -> Diff:
    """Everything that differs between two releases, item by item and field by field."""
    def sections(q: Questionnaire) -> dict[str, tuple[QuestionBase, str]]:
        return {qu.id: (qu, p.id if p else "") for p, qu in q.all_questions()}

    qa, qb = sections(old_q), sections(new_q)
    as_item = lambda pair: Item(pair[0].id, pair[0].prompt, pair[1])  # noqa: E731
    q_added, q_removed = _added_removed(qa, qb, as_item)
    maps = {m.old: m for t in new_q.migrations if t.from_version == old_q.version for m in reversed(t.questions)}
    q_removed = tuple(Item(i.id, i.name, i.section, maps[i.id].why or None, tuple(maps[i.id].to)) if i.id in maps else i
                      for i in q_removed)
    q_changed = []
    for qid, (new, sec) in qb.items():
        if qid in qa:
            fields = question_fields(qa[qid][0], new, qa[qid][1], sec)
            if fields:
                q_changed.append(ItemChange(Item(qid, new.prompt, sec), fields))

    pa, pb = {p.id: p for p in old_q.pillars}, {p.id: p for p in new_q.pillars}
    named = lambda x: Item(x.id, x.name)  # noqa: E731
    p_added, p_removed = _added_removed(pa, pb, named)
    p_changed = [ItemChange(named(p), f) for pid, p in pb.items() if pid in pa and (f := _pillar_fields(pa[pid], p))]

    ga, gb = {g.id: g for g in old_q.programmes}, {g.id: g for g in new_q.programmes}
    g_added, g_removed = _added_removed(ga, gb, named)
    g_changed = [ItemChange(named(g), f) for gid, g in gb.items()
                 if gid in ga and (f := _programme_fields(ga[gid], g))]

    return Diff(
        old=old_q.ref, new=new_q.ref,
        questions_added=q_added, questions_removed=q_removed, questions_changed=tuple(q_changed),
        pillars_added=p_added, pillars_removed=p_removed, pillars_changed=tuple(p_changed),
        policy=_policy(old_q, new_q),
        programmes_added=g_added, programmes_removed=g_removed, programmes_changed=tuple(g_changed),
        migrates=old_q.id == new_q.id and any(m.from_version == old_q.version for m in new_q.migrations),
        pillar_names={p.id: p.name for p in [*old_q.pillars, *new_q.pillars]},
    )
