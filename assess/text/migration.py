"""Carrying answers forward and the changes between releases, in words (zh/en): what `assess migrate`,
`assess diff`, the app and the batch say. The words are catalogue messages (`migrate.*`)."""

from __future__ import annotations

from typing import Any

from assess.diff import Diff, FieldChange, Item, ItemChange
from assess.migrate import Notice
from assess.model import Questionnaire, localize
from assess.problems import Msg, msg
from assess.text.format import NONE, join, number, yes_no
from assess.text.glossary import term
from assess.text.messages import say


def notice_text(n: Notice, locale: str) -> str:
    """One notice on one line."""
    return say(n.message, locale)


def notice_lines(notices: list[Notice], locale: str) -> list[str]:
    """Notices a line each; the many answers whose «evidence_state» only a reviewer may now set read
    as one line that names them all."""
    demoted = [n for n in notices if n.message.key == "migrate.verified_demoted"]
    if len(demoted) < 2:
        return [notice_text(n, locale) for n in notices]
    lines, first = [], True
    for n in notices:
        if n.message.key != "migrate.verified_demoted":
            lines.append(notice_text(n, locale))
        elif first:
            first = False
            questions = list(dict.fromkeys(str(d.message.arg("question")) for d in demoted))  # a split names one twice
            lines.append(say(msg("migrate.verified_demoted_many", questions=questions,
                                 release=n.message.arg("release")), locale))
    return lines


def notices_by_kind(notices: list[Notice]) -> tuple[list[Notice], list[Notice]]:
    """(carried with a change, not carried), each in the order found."""
    return [n for n in notices if n.carried], [n for n in notices if not n.carried]


def not_carried_count(notices: list[Notice]) -> tuple[int, int]:
    """(old «question»s, «target»s and cards) with something not carried: each counted once, however
    many of its new «question»s it missed."""
    places = {n.where for n in notices if not n.carried}
    questions = sum(1 for w in places if w.startswith("answers."))
    return questions, len(places) - questions


def not_carried_total(notices: list[Notice], locale: str) -> str:
    """The closing count of what was not carried, in words."""
    n, other = not_carried_count(notices)
    return say(msg("migrate.not_carried_count_other", n=n, other=other) if other
               else msg("migrate.not_carried_count", n=n), locale)


def to_answer_lines(q: Questionnaire, profile: list[str], gates: list[str], locale: str) -> list[str]:
    """What carrying leaves to answer in the new release: its «profile» «question»s first (they decide
    what applies), then its «gates», each by id and prompt under a heading; [] when nothing is left."""
    by_id = {qu.id: qu for _, qu in q.all_questions()}
    lines: list[str] = []
    for heading, ids in (("migrate.to_answer.profile", profile), ("migrate.to_answer.gates", gates)):
        if ids:
            lines.append(say(msg(heading), locale))
            lines.extend("  " + say(msg("migrate.to_answer.item", id=qid, prompt=by_id[qid].prompt), locale)
                         for qid in ids if qid in by_id)
    return lines


# --------------------------------------------------------------------------- values


def _value(v: Any, locale: str) -> str:
    """A field's value in words: yes/no, a number, a text in the language, a list, a condition."""
    if v is None:
        return NONE
    if isinstance(v, bool):
        return yes_no(v, locale)
    if isinstance(v, int | float):
        return number(v)
    if isinstance(v, dict):
        if "all" in v or "any" in v:
            return _depends(v, locale)
        if any(k in v for k in ("equals", "one_of", "includes", "at_least")):
            return _condition(v, locale)
        return localize(v, locale)
    if isinstance(v, list):
        return join((_value(x, locale) for x in v), locale)
    return str(v)


def _condition(c: dict[str, Any], locale: str) -> str:
    test = next(k for k in ("equals", "one_of", "includes", "at_least") if k in c)
    return say(Msg(f"migrate.diff.cond.{test}", (("question", c.get("question", "")),
                                                  ("value", _value(c[test], locale)))), locale).strip()


def _depends(d: dict[str, Any] | None, locale: str) -> str:
    if not d:
        return say(msg("migrate.diff.always"), locale)
    parts = [_condition(c, locale) for c in d.get("all", [])]
    alternatives = [_condition(c, locale) for c in d.get("any", [])]
    if alternatives:
        either = say(msg("migrate.diff.or"), locale).join(alternatives)
        parts.append(f"({either})" if parts else either)
    return say(msg("migrate.diff.and"), locale).join(parts)


def _section(section: str, locale: str, names: dict[str, Any] | None = None) -> str:
    """Where a question sits: its pillar's name (its id when the name is not known), or the profile."""
    if not section:
        return term("profile", locale)
    return localize(names[section], locale) if names and section in names else section


# --------------------------------------------------------------------------- fields


def field_text(f: FieldChange, locale: str, pillar_names: dict[str, Any] | None = None) -> str:
    """One changed field of a question, pillar or programme (a section by its pillar's name when
    `pillar_names` has it)."""
    name, old, new = f.name, f.old, f.new
    if name == "context":
        return say(msg("migrate.diff.field.context_on" if new else "migrate.diff.field.context_off"), locale)
    if name == "type":
        old, new = (say(Msg(f"migrate.diff.type.{x}"), locale) for x in (old, new))
    elif name == "score_by":
        old, new = (say(Msg(f"migrate.diff.score_by.{x}"), locale) for x in (old, new))
    elif name == "section":
        old, new = _section(old, locale, pillar_names), _section(new, locale, pillar_names)
    elif name == "depends_on":
        old, new = _depends(old, locale), _depends(new, locale)
    elif name == "options.points":
        new = join((f"{_value(label, locale)} {number(a)} → {number(b)}" for label, a, b in new), locale)
    elif name == "levels":
        new = join((say(msg("migrate.diff.level", n=n), locale) for n in new), locale) if new else number(old)
    elif name == "bands":
        old, new = (join((f"{number(a)}: {number(b)}" for a, b in x), locale) if x else NONE for x in (old, new))
    elif name == "range":
        old, new = (f"{_value(x[0], locale)} – {_value(x[1], locale)}" for x in (old, new))
    return say(Msg(f"migrate.diff.field.{name}", (("old", _value(old, locale)), ("new", _value(new, locale)))),
               locale)


def policy_text(f: FieldChange, locale: str) -> str:
    """One changed field of the scoring policy."""
    name, old, new = f.name, f.old, f.new
    base, _, sub = name.partition(".")
    if base in ("dont_know", "gates", "blank", "programmes_on"):
        old, new = (say(Msg(f"migrate.diff.value.{base}.{x}"), locale) for x in (old, new))
    if base == "evidence_discounts":
        return say(msg("migrate.diff.policy.evidence_discounts", state=term(f"evidence.{sub}", locale),
                       old=_value(old, locale), new=_value(new, locale)), locale)
    key = f"migrate.diff.policy.{name}"
    try:
        return say(Msg(key, (("old", _value(old, locale)), ("new", _value(new, locale)))), locale)
    except KeyError:  # a policy field added after this text: named by its key, never left out
        return say(msg("migrate.diff.policy.other", name=name, old=_value(old, locale), new=_value(new, locale)),
                   locale)


# --------------------------------------------------------------------------- the diff


def _item(key: str, item: Item, locale: str, section: bool, names: dict[str, Any]) -> str:
    name = localize(item.name, locale)
    if section:
        name += say(msg("migrate.diff.in", section=_section(item.section, locale, names)), locale)
    if key == "migrate.diff.removed" and (item.to or item.why):  # where it went and why, as the table says
        key = "migrate.diff.removed" + ("_to" if item.to else "") + ("_why" if item.why else "")
    return "  " + say(msg(key, id=item.id, name=name, to=list(item.to), why=item.why or ""), locale)


def _changed(c: ItemChange, locale: str, names: dict[str, Any]) -> str:
    sep = "；" if locale == "zh" else "; "
    what = sep.join(field_text(f, locale, names) for f in c.fields)
    if any(f.name == "prompt" for f in c.fields):  # the wording change shows both prompts: not a third time
        return "  " + say(msg("migrate.diff.changed_reworded", id=c.item.id, what=what), locale)
    return "  " + say(msg("migrate.diff.changed", id=c.item.id, name=localize(c.item.name, locale), what=what), locale)


def diff_lines(d: Diff, locale: str) -> list[str]:
    """The diff in words, a line each: the title, then the policy, pillars, questions and programmes
    (added, removed, changed), then whether the later release carries answers forward."""
    lines = [say(msg("migrate.diff.title", old=d.old, new=d.new), locale)]
    if d.empty:
        lines.append(say(msg("migrate.diff.none"), locale))
    if d.policy:
        lines.append(say(msg("migrate.diff.policy"), locale))
        lines.extend("  " + policy_text(f, locale) for f in d.policy)
    sections = (
        ("migrate.diff.pillars", d.pillars_added, d.pillars_removed, d.pillars_changed, False),
        ("migrate.diff.questions", d.questions_added, d.questions_removed, d.questions_changed, True),
        ("migrate.diff.programmes", d.programmes_added, d.programmes_removed, d.programmes_changed, False),
    )
    for heading, added, removed, changed, section in sections:
        if not (added or removed or changed):
            continue
        lines.append(say(msg(heading), locale))
        lines.extend(_item("migrate.diff.added", i, locale, section, d.pillar_names) for i in added)
        lines.extend(_item("migrate.diff.removed", i, locale, section, d.pillar_names) for i in removed)
        lines.extend(_changed(c, locale, d.pillar_names) for c in changed)
    lines.append(say(msg("migrate.diff.migrates" if d.migrates else "migrate.diff.no_migration",
                         old=d.old, new=d.new), locale))
    return lines
