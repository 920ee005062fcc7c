"""The cross-field rules of a questionnaire behind `assess validate`: ids that must resolve, conditions
that must be satisfiable, gates that must be scorable, texts that must give every locale. They run on
a questionnaire that has passed its schema; every rule yields problems (`lint.*` messages) and none
stops at the first."""

from __future__ import annotations

import types
import typing
import unicodedata
from collections.abc import Iterator, Mapping

from pydantic import BaseModel

from assess.content.bundled import version_key
from assess.migrate import parse_key
from assess.model import (
    CardRule,
    DependsOn,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    Option,
    PercentageQuestion,
    Predicate,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    Text,
    YesNoQuestion,
)
from assess.problems import Msg, Problem, msg
from assess.rules import check_value, is_number, question_index
from assess.sources import Source

REQUIRED_LOCALES = ("zh", "en")


def question_paths(q: Questionnaire) -> Iterator[tuple[str, QuestionBase, bool]]:
    """(path, question, is_profile) for every question."""
    for i, question in enumerate(q.profile):
        yield f"profile[{i}]", question, True
    for i, p in enumerate(q.pillars):
        for j, question in enumerate(p.questions):
            yield f"pillars[{i}].questions[{j}]", question, False


def lint_questionnaire(
    q: Questionnaire,
    sources: Mapping[str, Source] | None = None,
    required_locales: tuple[str, ...] = REQUIRED_LOCALES,
    earlier: Mapping[str, Questionnaire] | None = None,
) -> list[Problem]:
    """Every cross-field problem of a schema-valid questionnaire.

    `sources` resolves citations; None skips that check (a questionnaire on its own). `earlier` holds
    the earlier releases at hand, by version: a migration table from one of them is checked against
    its questions too (ids that must exist, each listed once, values it can hold).
    """
    out: list[Problem] = []
    add = lambda where, what: out.append(Problem(what, where))  # noqa: E731

    for loc in required_locales:
        if loc not in q.locales:
            add("locales", msg("lint.locale_required", locale=loc))
    out.extend(_lint_texts(q, tuple(q.locales)))

    paths = list(question_paths(q))
    seen: dict[str, str] = {}
    for path, question, _ in paths:
        if question.id in seen:
            add(f"{path}.id", msg("lint.duplicate_question", id=question.id, also=seen[question.id]))
        else:
            seen[question.id] = path
    seen_p: set[str] = set()
    for i, p in enumerate(q.pillars):
        if p.id in seen_p:
            add(f"pillars[{i}].id", msg("lint.duplicate_pillar", id=p.id))
        seen_p.add(p.id)
        if p.weight <= 0:
            add(f"pillars[{i}].weight", msg("lint.weight", got=p.weight))
        if not p.questions:
            add(f"pillars[{i}].questions", msg("lint.empty_pillar"))
    if not q.pillars:
        add("pillars", msg("lint.no_pillar"))

    by_id = {question.id: question for _, question, _ in paths}
    profile_ids = {question.id for question in q.profile}
    for path, question, is_profile in paths:
        out.extend(_lint_question(path, question, is_profile))
        if question.depends_on is not None:
            out.extend(_lint_depends(f"{path}.depends_on", question.depends_on, by_id, profile_ids))
        if sources is not None:
            out.extend(_lint_citations(f"{path}.citations", question.citations, sources))
    for i, p in enumerate(q.pillars):
        if p.depends_on is not None:
            out.extend(_lint_depends(f"pillars[{i}].depends_on", p.depends_on, by_id, profile_ids))
        for j, group in enumerate(p.cards):
            if group.depends_on is not None:
                out.extend(_lint_depends(f"pillars[{i}].cards[{j}].depends_on", group.depends_on, by_id,
                                         profile_ids))
    out.extend(_lint_cards(q, seen))
    out.extend(_lint_cycles(q))
    out.extend(lint_migrations(q, earlier or {}))

    nlev = len(q.scoring.levels.thresholds)
    if nlev != 6:
        add("scoring.levels.thresholds", msg("lint.levels", n=nlev))

    seen_g: set[str] = set()
    for i, prog in enumerate(q.programmes):
        base = f"programmes[{i}]"
        if prog.id in seen_g:
            add(f"{base}.id", msg("lint.duplicate_programme", id=prog.id))
        seen_g.add(prog.id)
        if sources is not None:
            out.extend(_lint_citations(f"{base}.citations", prog.citations, sources))
        for j, crit in enumerate(prog.criteria):
            where = f"{base}.criteria[{j}]"
            if crit.question is not None:
                target = by_id.get(crit.question)
                if target is None:
                    add(f"{where}.question", msg("lint.unknown_question", id=crit.question))
                else:
                    why = _lint_predicate(crit, target)
                    if why:
                        add(where, why)
            elif crit.pillar is not None and crit.pillar not in seen_p:
                add(f"{where}.pillar", msg("lint.unknown_pillar", id=crit.pillar))
            elif crit.at_least is not None and not 0 <= crit.at_least <= 5:
                add(f"{where}.at_least", msg("lint.threshold_range", got=crit.at_least))
        if prog.cards is not None:
            out.extend(_lint_card_rule(f"{base}.cards", prog.cards, q))
    return out


def _lint_cards(q: Questionnaire, seen: dict[str, str]) -> list[Problem]:
    """Card groups: unique ids, and questions that are ids of their own, without gates or conditions
    (a card is judged by programmes only, never gated or hidden question by question)."""
    out: list[Problem] = []
    groups: set[str] = set()
    for i, p in enumerate(q.pillars):
        for j, group in enumerate(p.cards):
            base = f"pillars[{i}].cards[{j}]"
            if group.id in groups:
                out.append(Problem(msg("lint.duplicate_card_group", id=group.id), f"{base}.id"))
            groups.add(group.id)
            if not group.questions:
                out.append(Problem(msg("lint.empty_card_group"), f"{base}.questions"))
            for k, question in enumerate(group.questions):
                path = f"{base}.questions[{k}]"
                if question.id in seen:
                    out.append(Problem(msg("lint.duplicate_question", id=question.id, also=seen[question.id]),
                                       f"{path}.id"))
                else:
                    seen[question.id] = path
                out.extend(_lint_question(path, question, False))
                if question.gate is not None:
                    out.append(Problem(msg("lint.card_gate"), f"{path}.gate"))
                if question.depends_on is not None:
                    out.append(Problem(msg("lint.card_depends"), f"{path}.depends_on"))
    return out


def _lint_card_rule(base: str, rule: CardRule, q: Questionnaire) -> list[Problem]:
    """A programme's card rule: a known group, and criteria that test that group's own questions."""
    group = next((g for _, g in q.card_groups() if g.id == rule.group), None)
    if group is None:
        known = [g.id for _, g in q.card_groups()] or ["—"]
        return [Problem(msg("lint.unknown_card_group", id=rule.group, known=known), f"{base}.group")]
    own = {question.id: question for question in group.questions}
    out: list[Problem] = []
    for k, crit in enumerate(rule.criteria):
        where = f"{base}.criteria[{k}]"
        target = own.get(crit.question or "")
        if target is None:
            out.append(Problem(msg("lint.card_criterion", group=group.id, questions=list(own)), where))
            continue
        why = _lint_predicate(crit, target)
        if why:
            out.append(Problem(why, where))
    return out


def _lint_question(path: str, question: QuestionBase, is_profile: bool) -> list[Problem]:
    out: list[Problem] = []
    add = lambda where, what: out.append(Problem(what, f"{path}{where}"))  # noqa: E731
    if question.weight <= 0:
        add(".weight", msg("lint.weight", got=question.weight))
    if question.gate is not None:
        if question.allow_na:
            add(".allow_na", msg("lint.gate_allows_na"))
        if is_profile:
            add(".gate", msg("lint.profile_gate"))
        elif not question.scored:
            add(".gate", msg("lint.unscored_gate"))
        why = _lint_predicate(question.gate.pass_when, question)
        if why:
            add(".gate.pass_when", why)
    if isinstance(question, MaturityQuestion):
        n = len(question.levels)
        if n != 6:
            add(".levels", msg("lint.question_levels", n=n))
        for i, lev in enumerate(question.levels[:5]):
            if not lev.next_step:
                add(f".levels[{i}].next_step", msg("lint.next_step"))
    if isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        if len(question.options) < 2:
            add(".options", msg("lint.two_options"))
        ids = [o.id for o in question.options]
        for dup in sorted({x for x in ids if ids.count(x) > 1}):
            add(".options", msg("lint.duplicate_option", id=dup))
        for clash in _label_clashes(question.options):
            add(".options", clash)
        if isinstance(question, MultiSelectQuestion) and not is_profile and not question.context and question.options:
            if sum(o.points for o in question.options) <= 0:
                add(".options", msg("lint.multi_points"))
    if isinstance(question, NumberQuestion):
        if question.min is not None and question.max is not None and question.min > question.max:
            add(".min", msg("lint.min_max", min=question.min, max=question.max))
        if question.bands:
            starts = [b.start for b in question.bands]
            if any(b <= a for a, b in zip(starts, starts[1:])):
                add(".bands", msg("lint.bands"))
    return out


def _label_clashes(options: list[Option]) -> Iterator[Msg]:
    """A label two options share, in one language or across two, or one that is another option's id:
    an answer sheet offers options by their labels and reads a label in either language, so each must
    name one option only (compared as the reader compares them: width, case and spacing do not count)."""
    def same(text: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    ids = {same(o.id): o.id for o in options}
    owner: dict[str, str] = {}  # in any language: a sheet is read in both
    for o in options:
        for text in dict.fromkeys(o.label.values()):
            key = same(text)
            if owner.get(key, o.id) != o.id:
                yield msg("lint.duplicate_label", label=text, first=owner[key], second=o.id)
            owner.setdefault(key, o.id)
            if ids.get(key, o.id) != o.id:
                yield msg("lint.label_is_id", label=text, option=o.id, other=ids[key])


def _lint_predicate(pred: Predicate, question: QuestionBase) -> Msg | None:
    """Why a predicate can never be met by answers to `question` (or is malformed)."""
    t = pred.test
    kind = type(question).__name__
    option_ids = {o.id for o in getattr(question, "options", [])}
    if isinstance(question, YesNoQuestion):
        if t == "equals" and isinstance(pred.equals, bool):
            return None
        return msg("lint.test_yes_no")
    if isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        values = {"equals": [pred.equals], "one_of": pred.one_of, "includes": pred.includes}.get(t)
        if values is not None:
            if isinstance(question, MultiSelectQuestion) and t != "includes":
                return msg("lint.test_multi")
            bad = [v for v in values if v not in option_ids]
            return msg("lint.unknown_options", ids=[str(b) for b in bad]) if bad else None
        if isinstance(question, SingleSelectQuestion):
            top = max((o.points for o in question.options), default=0)
            return None if pred.at_least <= top else msg("lint.no_option_points", points=pred.at_least)
        return msg("lint.test_multi")
    if isinstance(question, (MaturityQuestion, PercentageQuestion, NumberQuestion)):
        if t == "at_least":
            top = 5 if isinstance(question, MaturityQuestion) else 100 if isinstance(
                question, PercentageQuestion) else question.max
            if top is not None and pred.at_least > top:
                return msg("lint.never_met", at_least=pred.at_least, top=top)
            return None
        if t in ("equals", "one_of"):
            values = [pred.equals] if t == "equals" else pred.one_of
            if all(is_number(v) for v in values):
                return None
        return msg("lint.test_number", kind=kind)
    return msg("lint.untestable", kind=kind)


def _lint_depends(
    where: str, dep: DependsOn, by_id: Mapping[str, QuestionBase], profile_ids: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    groups = (("all", dep.all), ("any", dep.any))
    for group, conds in groups:
        for i, c in enumerate(conds):
            w = f"{where}.{group}[{i}]"
            if c.question not in by_id:
                out.append(Problem(msg("lint.unknown_question", id=c.question), w))
            elif c.question not in profile_ids:
                out.append(Problem(msg("lint.not_profile", id=c.question), w))
            elif unknown := _unknown_options(c, by_id[c.question]):
                # a trigger on a value the profile cannot give: the question, gate or pillar would never apply
                options = [o.id for o in getattr(by_id[c.question], "options", [])]
                out.append(Problem(msg("lint.unknown_profile_value", question=c.question, ids=unknown,
                                       options=options), w))
            else:
                why = _lint_predicate(c, by_id[c.question])
                if why:
                    out.append(Problem(why, w))
    return out


def _unknown_options(pred: Predicate, question: QuestionBase) -> list[str]:
    """Option ids a select question's predicate names that the question does not have."""
    if not isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        return []
    values = {"equals": [pred.equals], "one_of": pred.one_of, "includes": pred.includes}.get(pred.test) or []
    ids = {o.id for o in question.options}
    return [str(v) for v in values if isinstance(v, str) and v not in ids]


def _lint_cycles(q: Questionnaire) -> list[Problem]:
    """Profile questions may depend on each other; such chains must not loop."""
    edges = {
        question.id: [c.question for c in question.depends_on.conditions()] if question.depends_on else []
        for question in q.profile
    }
    out: list[Problem] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt]
                out.append(Problem(msg("lint.cycle", cycle=" → ".join(cycle)), "profile"))
            elif state.get(nxt) is None and nxt in edges:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in edges:
        if node not in state:
            visit(node, [node])
    return out


def _lint_citations(where: str, citations: list[str], sources: Mapping[str, Source]) -> list[Problem]:
    out: list[Problem] = []
    for i, cite in enumerate(citations):
        sid, _, fact = cite.partition("#")
        src = sources.get(sid)
        if src is None:
            out.append(Problem(msg("lint.no_source", cite=cite, source=sid), f"{where}[{i}]"))
        elif fact and fact not in {f.id for f in src.facts}:
            out.append(Problem(msg("lint.no_fact", cite=cite, source=sid, fact=fact), f"{where}[{i}]"))
    return out


def _is_text_annotation(ann: object) -> tuple[bool, bool]:
    """(is Text or Text | None, is list[Text])."""
    if ann == Text:
        return True, False
    if isinstance(ann, (types.UnionType, typing._UnionGenericAlias)):  # type: ignore[attr-defined]
        return any(a == Text for a in typing.get_args(ann)), False
    return False, ann == list[Text]


def _walk_texts(obj: object, path: str) -> Iterator[tuple[str, Text]]:
    if isinstance(obj, BaseModel):
        for name, field in type(obj).model_fields.items():
            value = getattr(obj, name)
            label = field.alias or name
            single, many = _is_text_annotation(field.annotation)
            if single and isinstance(value, dict):
                yield f"{path}.{label}".lstrip("."), value
            elif many and isinstance(value, list):
                for i, t in enumerate(value):
                    yield f"{path}.{label}[{i}]".lstrip("."), t
            else:
                yield from _walk_texts(value, f"{path}.{label}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _walk_texts(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, item in obj.items():
            if isinstance(item, BaseModel):
                yield from _walk_texts(item, f"{path}.{k}")


def _lint_texts(model: BaseModel, locales: tuple[str, ...]) -> list[Problem]:
    """Every non-empty text must give every locale, none blank."""
    out: list[Problem] = []
    for where, text in _walk_texts(model, ""):
        if not text:
            continue
        missing = [loc for loc in locales if not (text.get(loc) or "").strip()]
        if missing:
            out.append(Problem(msg("lint.missing_locale", locales=missing), where))
    return out


def lint_source(src: Source, required_locales: tuple[str, ...] = REQUIRED_LOCALES) -> list[Problem]:
    """Every problem of one source file beyond its schema."""
    out = _lint_texts(src, required_locales)
    ids = [f.id for f in src.facts]
    for dup in sorted({x for x in ids if ids.count(x) > 1}):
        out.append(Problem(msg("lint.duplicate_fact", id=dup), "facts"))
    for field in ("title", "summary", "issuer"):
        if not getattr(src, field):
            out.append(Problem(msg("lint.empty_field", field=field), field))
    return out


# --------------------------------------------------------------------------- migrations


def lint_migrations(q: Questionnaire, earlier: Mapping[str, Questionnaire]) -> list[Problem]:
    """Every problem of the tables that carry answers from earlier releases: targets that must be
    questions of this release, values the targets accept; and, where the earlier release is at hand,
    old ids that must be its questions, each listed once, and value keys its answers can hold."""
    out: list[Problem] = []
    add = lambda where, what: out.append(Problem(what, where))  # noqa: E731
    here = question_index(q)
    seen_from: set[str] = set()
    for i, m in enumerate(q.migrations):
        base = f"migrations[{i}]"
        if version_key(m.from_version) >= version_key(q.version):
            add(f"{base}.from", msg("lint.migration_not_earlier", version=m.from_version, release=q.version))
        if m.from_version in seen_from:
            add(f"{base}.from", msg("lint.migration_twice", version=m.from_version))
        seen_from.add(m.from_version)
        old_q = earlier.get(m.from_version)
        before = question_index(old_q) if old_q is not None else None
        listed: dict[str, int] = {}
        for j, qm in enumerate(m.questions):
            where = f"{base}.questions[{j}]"
            if before is not None:
                if qm.old not in before:
                    add(f"{where}.old", msg("lint.migration_unknown_old", id=qm.old, release=old_q.ref))
                elif qm.old in listed:
                    add(f"{where}.old", msg("lint.migration_old_twice", id=qm.old,
                                            also=f"{base}.questions[{listed[qm.old]}]"))
            listed.setdefault(qm.old, j)
            for k, tid in enumerate(qm.to):
                if tid not in here:
                    add(f"{where}.to[{k}]", msg("lint.migration_unknown_target", id=tid, release=q.ref))
            if qm.kind in ("same", "reworded", "retyped") and len(qm.to) > 1:
                add(f"{where}.to", msg("lint.migration_one_target", kind=qm.kind))
            if qm.values and qm.kind in ("same", "removed"):
                add(f"{where}.values", msg("lint.migration_values_unused", kind=qm.kind))
            old_question = before.get(qm.old) if before is not None else None
            targets = [here[t] for t in qm.to if t in here]
            if old_question is not None and qm.kind in ("same", "reworded"):
                for t in targets:
                    if getattr(old_question, "type", None) != getattr(t, "type", None):
                        add(f"{where}.kind", msg("lint.migration_type_changed", kind=qm.kind, id=t.id,
                                                 old=old_question.type, new=t.type))  # type: ignore[attr-defined]
            if qm.kind != "retyped":
                continue
            for key, value in qm.values.items():
                at = f"{where}.values.{key}"
                if old_question is not None and parse_key(old_question, key) is None:
                    add(at, msg("lint.migration_bad_key", got=key, id=qm.old, release=old_q.ref))
                if value is None:
                    continue
                for t in targets:
                    candidate = [value] if isinstance(t, MultiSelectQuestion) and isinstance(value, str) else value
                    why = check_value(t, candidate)
                    if why is not None:
                        add(at, msg("lint.migration_bad_value", value=str(value), id=t.id, why=why))
        if before is not None:
            for qid in before:
                if qid not in listed:
                    add(f"{base}.questions", msg("lint.migration_old_missing", id=qid, release=old_q.ref))
    return out
