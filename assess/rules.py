"""Rules over a questionnaire and its answers: applicability, answer checks, and the
cross-field lint behind `assess validate`. Every check yields problems; none stops early."""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Iterator, Mapping

from pydantic import BaseModel

from assess.answers import Answer, AnswerSet, Value
from assess.model import (
    Condition,
    DependsOn,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    Predicate,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    Source,
    Text,
    TextQuestion,
    YesNoQuestion,
)
from assess.problems import Problem

REQUIRED_LOCALES = ("zh", "en")

# --------------------------------------------------------------------------- predicates


def is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def holds(pred: Predicate, question: QuestionBase, value: Value) -> bool:
    """Whether an answered value passes a predicate. No value never passes."""
    if value is None:
        return False
    if pred.equals is not None:
        if isinstance(pred.equals, bool) != isinstance(value, bool):
            return False
        return value == pred.equals
    if pred.one_of is not None:
        return not isinstance(value, list) and any(
            value == x and isinstance(x, bool) == isinstance(value, bool) for x in pred.one_of
        )
    if pred.includes is not None:
        chosen = value if isinstance(value, list) else [value]
        return any(opt in chosen for opt in pred.includes)
    if pred.at_least is not None:
        if isinstance(question, SingleSelectQuestion):
            points = {o.id: o.points for o in question.options}
            return value in points and points[value] >= pred.at_least
        return is_number(value) and value >= pred.at_least
    return False


def applies(question: QuestionBase, answers: AnswerSet, by_id: Mapping[str, QuestionBase]) -> bool:
    """Whether the profile answers make a question apply (no depends_on: always)."""
    dep = question.depends_on
    if dep is None:
        return True
    return depends_holds(dep, answers, by_id)


def depends_holds(
    dep: DependsOn, answers: AnswerSet, by_id: Mapping[str, QuestionBase], depth: int = 0
) -> bool:
    """Whether a depends_on holds. A condition on a profile question that is itself hidden
    never holds: its answer is out of date, not merely unanswered."""

    def one(c: Condition) -> bool:
        q = by_id.get(c.question)
        if q is None or not holds(c, q, answers.value_of(c.question)):
            return False
        return q.depends_on is None or (depth < 8 and depends_holds(q.depends_on, answers, by_id, depth + 1))

    return all(one(c) for c in dep.all) and (not dep.any or any(one(c) for c in dep.any))


# --------------------------------------------------------------------------- answers


def check_value(question: QuestionBase, value: Value) -> str | None:
    """Why `value` is not a valid answer to `question`, or None when it is."""
    if isinstance(question, MaturityQuestion):
        if not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 5):
            return f"a maturity level 0-5 is needed, got {value!r}"
    elif isinstance(question, YesNoQuestion):
        if not isinstance(value, bool):
            return f"yes or no (true/false) is needed, got {value!r}"
    elif isinstance(question, PercentageQuestion):
        if not (is_number(value) and 0 <= value <= 100 and math.isfinite(value)):
            return f"a percentage 0-100 is needed, got {value!r}"
    elif isinstance(question, SingleSelectQuestion):
        ids = [o.id for o in question.options]
        if value not in ids or isinstance(value, bool):
            return f"one of {', '.join(ids)} is needed, got {value!r}"
    elif isinstance(question, MultiSelectQuestion):
        ids = {o.id: o for o in question.options}
        if not isinstance(value, list):
            return f"a list of option ids is needed, got {value!r}"
        unknown = [v for v in value if v not in ids]
        if unknown:
            return f"unknown option(s) {', '.join(map(str, unknown))}; choose from {', '.join(ids)}"
        if len(set(value)) != len(value):
            return "an option is chosen twice"
        exclusive = [v for v in value if ids[v].exclusive]
        if exclusive and len(value) > 1:
            return f"option {exclusive[0]} cannot be combined with others"
    elif isinstance(question, NumberQuestion):
        if not (is_number(value) and math.isfinite(value)):
            return f"a number is needed, got {value!r}"
        if question.min is not None and value < question.min:
            return f"{value} is below the minimum {question.min:g}"
        if question.max is not None and value > question.max:
            return f"{value} is above the maximum {question.max:g}"
    elif isinstance(question, TextQuestion):
        if not isinstance(value, str):
            return f"text is needed, got {value!r}"
        if question.max_length is not None and len(value) > question.max_length:
            return f"text is longer than {question.max_length} characters"
    return None


def check_answer(question: QuestionBase, answer: Answer) -> str | None:
    """Why an answer is not acceptable for a question, or None."""
    if answer.status == "na":
        if question.gate is not None:
            return "a gate cannot be answered 'not applicable'"
        if not question.allow_na:
            return "'not applicable' is not allowed for this question"
        return None
    if answer.status == "dont_know":
        return None
    if answer.value is None:
        return "status is 'answered' but no value is given"
    return check_value(question, answer.value)


def check_answers(q: Questionnaire, answers: AnswerSet) -> list[Problem]:
    """Every problem of an answer set against its questionnaire."""
    problems: list[Problem] = []
    ref = answers.questionnaire
    if ref.id != q.id:
        problems.append(Problem(f"answers are for questionnaire {ref.id!r}, not {q.id!r}", "questionnaire.id"))
    if ref.version != q.version:
        problems.append(
            Problem(f"answers are for version {ref.version}, not {q.version}", "questionnaire.version")
        )
    by_id = question_index(q)
    for qid, answer in answers.answers.items():
        question = by_id.get(qid)
        if question is None:
            problems.append(Problem(f"no question {qid!r} in {q.ref}", f"answers.{qid}"))
            continue
        why = check_answer(question, answer)
        if why:
            problems.append(Problem(why, f"answers.{qid}"))
    pillars = {p.id for p in q.pillars}
    for pid, t in answers.targets.items():
        if pid not in pillars:
            problems.append(Problem(f"no pillar {pid!r} in {q.ref}", f"targets.{pid}"))
        elif not (is_number(t) and 0 <= t <= 5):
            problems.append(Problem(f"target must lie in 0..5, got {t!r}", f"targets.{pid}"))
    return problems


def question_index(q: Questionnaire) -> dict[str, QuestionBase]:
    return {question.id: question for _, question in q.all_questions()}


# --------------------------------------------------------------------------- lint


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
) -> list[Problem]:
    """Every cross-field problem of a schema-valid questionnaire.

    `sources` resolves citations; None skips that check (a questionnaire on its own).
    """
    out: list[Problem] = []
    add = lambda where, msg: out.append(Problem(msg, where))  # noqa: E731

    for loc in required_locales:
        if loc not in q.locales:
            add("locales", f"locale {loc!r} is required")
    out.extend(_lint_texts(q, tuple(q.locales)))

    paths = list(question_paths(q))
    seen: dict[str, str] = {}
    for path, question, _ in paths:
        if question.id in seen:
            add(f"{path}.id", f"duplicate question id {question.id!r} (also at {seen[question.id]})")
        else:
            seen[question.id] = path
    seen_p: set[str] = set()
    for i, p in enumerate(q.pillars):
        if p.id in seen_p:
            add(f"pillars[{i}].id", f"duplicate pillar id {p.id!r}")
        seen_p.add(p.id)
        if p.weight <= 0:
            add(f"pillars[{i}].weight", f"weight must be > 0, got {p.weight:g}")
        if not p.questions:
            add(f"pillars[{i}].questions", "a pillar needs at least one question")
    if not q.pillars:
        add("pillars", "at least one pillar is needed")

    by_id = {question.id: question for _, question, _ in paths}
    profile_ids = {question.id for question in q.profile}
    for path, question, is_profile in paths:
        out.extend(_lint_question(path, question, is_profile))
        if question.depends_on is not None:
            out.extend(_lint_depends(f"{path}.depends_on", question.depends_on, by_id, profile_ids))
        if sources is not None:
            out.extend(_lint_citations(f"{path}.citations", question.citations, sources))
    out.extend(_lint_cycles(q))

    nlev = len(q.scoring.levels.thresholds)
    if nlev != 6:
        add("scoring.levels.thresholds", f"{nlev} levels, 6 needed (0 to 5)")

    seen_g: set[str] = set()
    for i, prog in enumerate(q.programmes):
        base = f"programmes[{i}]"
        if prog.id in seen_g:
            add(f"{base}.id", f"duplicate programme id {prog.id!r}")
        seen_g.add(prog.id)
        if sources is not None:
            out.extend(_lint_citations(f"{base}.citations", prog.citations, sources))
        for j, crit in enumerate(prog.criteria):
            where = f"{base}.criteria[{j}]"
            if crit.question is not None:
                target = by_id.get(crit.question)
                if target is None:
                    add(f"{where}.question", f"unknown question {crit.question!r}")
                else:
                    why = _lint_predicate(crit, target)
                    if why:
                        add(where, why)
            elif crit.pillar is not None and crit.pillar not in seen_p:
                add(f"{where}.pillar", f"unknown pillar {crit.pillar!r}")
            elif crit.at_least is not None and not 0 <= crit.at_least <= 5:
                add(f"{where}.at_least", f"a score threshold must lie in 0..5, got {crit.at_least:g}")
    return out


def _lint_question(path: str, question: QuestionBase, is_profile: bool) -> list[Problem]:
    out: list[Problem] = []
    add = lambda where, msg: out.append(Problem(msg, f"{path}{where}"))  # noqa: E731
    if question.weight <= 0:
        add(".weight", f"weight must be > 0, got {question.weight:g}")
    if question.gate is not None:
        if question.allow_na:
            add(".allow_na", "a gate cannot allow 'not applicable'; use depends_on to limit where it applies")
        if is_profile:
            add(".gate", "profile questions are not scored and cannot be gates")
        elif not question.scored:
            add(".gate", "an unscored question cannot be a gate")
        why = _lint_predicate(question.gate.pass_when, question)
        if why:
            add(".gate.pass_when", why)
    if isinstance(question, MaturityQuestion):
        n = len(question.levels)
        if n != 6:
            add(".levels", f"{n} levels, 6 needed")
        for i, lev in enumerate(question.levels[:5]):
            if not lev.next_step:
                add(f".levels[{i}].next_step", "levels 0-4 need the next step to the level above")
    if isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        if len(question.options) < 2:
            add(".options", "at least two options are needed")
        ids = [o.id for o in question.options]
        for dup in sorted({x for x in ids if ids.count(x) > 1}):
            add(".options", f"duplicate option id {dup!r}")
        if isinstance(question, MultiSelectQuestion) and not is_profile and question.options:
            if sum(o.points for o in question.options) <= 0:
                add(".options", "a scored multi select needs options with points")
    if isinstance(question, NumberQuestion):
        if question.min is not None and question.max is not None and question.min > question.max:
            add(".min", f"min {question.min:g} is above max {question.max:g}")
        if question.bands:
            starts = [b.start for b in question.bands]
            if any(b <= a for a, b in zip(starts, starts[1:])):
                add(".bands", "bands must be ascending by 'from'")
    return out


def _lint_predicate(pred: Predicate, question: QuestionBase) -> str | None:
    """Why a predicate can never be met by answers to `question` (or is malformed)."""
    t = pred.test
    kind = type(question).__name__
    option_ids = {o.id for o in getattr(question, "options", [])}
    if isinstance(question, YesNoQuestion):
        if t == "equals" and isinstance(pred.equals, bool):
            return None
        return "a yes/no question is tested with equals: true or false"
    if isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        values = {"equals": [pred.equals], "one_of": pred.one_of, "includes": pred.includes}.get(t)
        if values is not None:
            if isinstance(question, MultiSelectQuestion) and t != "includes":
                return "a multi select is tested with includes"
            bad = [v for v in values if v not in option_ids]
            return f"unknown option(s) {', '.join(map(str, bad))}" if bad else None
        if isinstance(question, SingleSelectQuestion):
            top = max((o.points for o in question.options), default=0)
            return None if pred.at_least <= top else f"no option has {pred.at_least:g} points"
        return "a multi select is tested with includes"
    if isinstance(question, (MaturityQuestion, PercentageQuestion, NumberQuestion)):
        if t == "at_least":
            top = 5 if isinstance(question, MaturityQuestion) else 100 if isinstance(
                question, PercentageQuestion) else question.max
            if top is not None and pred.at_least > top:
                return f"at_least {pred.at_least:g} can never be met (maximum {top:g})"
            return None
        if t in ("equals", "one_of"):
            values = [pred.equals] if t == "equals" else pred.one_of
            if all(is_number(v) for v in values):
                return None
        return f"a {kind} is tested with at_least or numeric equals"
    return f"a {kind} cannot be tested"


def _lint_depends(
    where: str, dep: DependsOn, by_id: Mapping[str, QuestionBase], profile_ids: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    groups = (("all", dep.all), ("any", dep.any))
    for group, conds in groups:
        for i, c in enumerate(conds):
            w = f"{where}.{group}[{i}]"
            if c.question not in by_id:
                out.append(Problem(f"unknown question {c.question!r}", w))
            elif c.question not in profile_ids:
                out.append(Problem(f"{c.question!r} is not a profile question; only profile answers decide", w))
            else:
                why = _lint_predicate(c, by_id[c.question])
                if why:
                    out.append(Problem(why, w))
    return out


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
                out.append(Problem(f"depends_on cycle: {' -> '.join(cycle)}", "profile"))
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
            out.append(Problem(f"citation {cite!r}: no source {sid!r} in seeds", f"{where}[{i}]"))
        elif fact and fact not in {f.id for f in src.facts}:
            out.append(Problem(f"citation {cite!r}: source {sid!r} has no fact {fact!r}", f"{where}[{i}]"))
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
            out.append(Problem(f"missing or empty locale {', '.join(missing)}", where))
    return out


def lint_source(src: Source, required_locales: tuple[str, ...] = REQUIRED_LOCALES) -> list[Problem]:
    """Every problem of one source file beyond its schema."""
    out = _lint_texts(src, required_locales)
    ids = [f.id for f in src.facts]
    for dup in sorted({x for x in ids if ids.count(x) > 1}):
        out.append(Problem(f"duplicate fact id {dup!r}", "facts"))
    for field in ("title", "summary", "issuer"):
        if not getattr(src, field):
            out.append(Problem(f"{field} is empty", field))
    return out
