"""Carrying answers forward: an answer set made for one release of a questionnaire, moved to a later
release by the table the later release gives (`Questionnaire.migrations`).

`migrate(old_q, new_q, answers, sha256)` is pure: no I/O, no printing; the clock is read only when no
time is given. It never guesses. An answer goes where the table says, and only as a value the new
question accepts (`assess.rules` judges); every answer that does not go, and every answer that goes
changed, is named in a `Notice` whose words are catalogue messages (`migrate.*`). An old answer the
table does not list is not carried: the release does not say where it goes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from assess.answers import Answer, AnswerSet, Card, Change, QuestionnaireRef, Session, Shown, Value, utc_now
from assess.model import (
    EvidenceState,
    MaturityQuestion,
    Migration,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    QuestionMap,
    Questionnaire,
    Scalar,
    SingleSelectQuestion,
    YesNoQuestion,
)
from assess.problems import Msg, msg
from assess.rules import asked, check_answer, check_value, question_index


@dataclass(frozen=True, slots=True)
class Notice:
    """What became of one answer (or target, or card) that did not carry as it was."""

    where: str
    """The place in the old answer file: `answers.C07`, `targets.D`, `cards.scenarios`."""
    message: Msg
    """What happened and why, in catalogue words."""
    carried: bool
    """True: carried, but changed on the way (read it again); False: not carried."""


class MigrationError(Exception):
    """The two releases cannot be bridged: another questionnaire, or no table from the old release."""

    def __init__(self, message: Msg) -> None:
        self.message = message
        super().__init__(str(message))


def migration_from(new_q: Questionnaire, old_q: Questionnaire) -> Migration:
    """The table of `new_q` that carries answers to `old_q`; MigrationError when there is none."""
    if new_q.id != old_q.id:
        raise MigrationError(msg("migrate.other_questionnaire", old=old_q.ref, new=new_q.ref))
    for m in new_q.migrations:
        if m.from_version == old_q.version:
            return m
    raise MigrationError(msg("migrate.no_table", old=old_q.ref, new=new_q.ref,
                             known=[m.from_version for m in new_q.migrations] or ["—"]))


# --------------------------------------------------------------------------- values


def value_key(value: Scalar) -> str:
    """A value as a key of `QuestionMap.values`: as an answer file writes it (true, 3, 2.5, an option id)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_key(question: QuestionBase, key: str) -> Value:
    """The old value a `values` key stands for, or None when no answer to `question` is written so.
    An option id of a multi select stands for that option chosen (the table maps options one by one)."""
    if isinstance(question, YesNoQuestion):
        value: Value = {"true": True, "false": False}.get(key)
    elif isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        value = key
    elif isinstance(question, (MaturityQuestion, PercentageQuestion, NumberQuestion)):
        try:
            number = float(key)
        except ValueError:
            return None
        value = int(number) if number.is_integer() else number
    else:
        value = key
    if value is None:
        return None
    checked = [value] if isinstance(question, MultiSelectQuestion) else value
    return value if check_value(question, checked) is None else None


def map_value(target: QuestionBase, value: Value, values: Mapping[str, Scalar | list[str] | None]
              ) -> tuple[Value, str | None]:
    """(new value, None), or (None, the old value written as a key) when the table maps it to null.

    A list (multi select) is mapped option by option; a value the table does not list stays as it
    is. A single option id given to a multi select becomes a list of one."""
    if isinstance(value, list):
        out: list = []
        for v in value:
            key = value_key(v)
            new = values[key] if key in values else v
            if new is None:
                return None, key
            for x in new if isinstance(new, list) else [new]:
                if x not in out:
                    out.append(x)
        if not isinstance(target, MultiSelectQuestion) and len(out) == 1:
            return out[0], None
        return out, None
    if value is None:
        return None, None
    key = value_key(value)
    if key in values:
        new = values[key]
        if new is None:
            return None, key
        value = new
    if isinstance(target, MultiSelectQuestion) and isinstance(value, str):
        value = [value]
    return value, None


def shown(question: QuestionBase | None, value: Value) -> Shown:
    """A value for a notice, to be shown as its respondent saw it (an option's label, yes or no, the
    level with its descriptor). A `values` key of a multi select stands for that one option."""
    if isinstance(question, MultiSelectQuestion) and isinstance(value, str):
        value = [value]
    return Shown(question, value)


# Why an old answer does not fit its new question, said of the question (the respondent never typed
# the value into it): `assess.rules` words its findings for someone who did.
_UNFIT = {"answer.level": "migrate.unfit.level", "answer.yes_no": "migrate.unfit.yes_no",
          "answer.percentage": "migrate.unfit.percentage", "answer.option": "migrate.unfit.no_option",
          "answer.options_list": "migrate.unfit.options", "answer.unknown_options": "migrate.unfit.options_missing",
          "answer.option_twice": "migrate.unfit.option_twice", "answer.exclusive": "migrate.unfit.exclusive",
          "answer.number": "migrate.unfit.number", "answer.below": "migrate.unfit.below",
          "answer.above": "migrate.unfit.above", "answer.text": "migrate.unfit.text",
          "answer.too_long": "migrate.unfit.too_long"}


def unfit(source: QuestionBase | None, why: Msg) -> Msg:
    """`assess.rules`' reason a value does not suit its new question, said of that question; an
    option it lacks is named by its label in `source`, the old question the respondent answered."""
    key = _UNFIT.get(why.key)
    if key is None:
        return why
    if why.key == "answer.unknown_options":
        return msg("migrate.unfit.options_missing", options=shown(source, why.arg("got")))
    args = {k: why.arg(k) for k in ("top", "min", "max", "n", "option") if why.arg(k) is not None}
    return msg(key, **args)


def display_of(answer: Answer) -> Value:
    """What the history records for an answer: its value, or its status when it has none."""
    return answer.value if answer.status == "answered" else answer.status


# --------------------------------------------------------------------------- one answer


@dataclass(frozen=True, slots=True)
class _Candidate:
    old: str
    answer: Answer
    kind: str


def _carry_one(m: QuestionMap, source: QuestionBase | None, target: QuestionBase, answer: Answer
               ) -> tuple[Answer | None, Msg | None]:
    """The answer as `target` receives it, or None and why it cannot (said without naming `target`:
    the notice names every target it failed for at once)."""
    new = answer.model_copy(deep=True)
    if answer.status == "answered":
        value = answer.value
        if m.values:  # retyped, or a split / merge / rewording that does not carry every value
            value, dropped = map_value(target, value, m.values)
            if dropped is not None:
                was = parse_key(source, dropped) if source is not None else None
                return None, msg("migrate.reason.value", value=shown(source, dropped if was is None else was))
        why = check_value(target, value)
        if why is not None:
            return None, msg("migrate.reason.unfit", value=shown(source, answer.value), fit=unfit(source, why))
        new.value = value
        return new, None
    why = check_answer(target, new)
    if why is not None:
        return None, msg("migrate.reason.status", status=Msg(f"migrate.status.{answer.status}"), why=why)
    return new, None


def _not_carried(m: QuestionMap, reason: Msg, to: list[str]) -> Msg:
    """One line for an old answer that does not go to `to`, every target named once; the table's
    reason is added when it has one (it says what to do instead)."""
    key = "migrate.not_carried" if to == [m.old] else "migrate.not_carried_to"
    if m.why and reason.key != "migrate.reason.no_target":
        return msg(key + "_why", question=m.old, to=to, reason=reason, why=m.why)
    return msg(key, question=m.old, to=to, reason=reason)


def _in_order(q: Questionnaire, given: Mapping[str, Answer]) -> Iterator[tuple[str, Answer]]:
    """The answers of a file in the order of its release's questions, then those it does not know."""
    known = [qu.id for _, qu in q.all_questions()]
    for qid in known:
        if qid in given:
            yield qid, given[qid]
    seen = set(known)
    for qid, answer in given.items():
        if qid not in seen:
            yield qid, answer


# --------------------------------------------------------------------------- the answer set


def migrate(old_q: Questionnaire, new_q: Questionnaire, answers: AnswerSet, sha256: str, *,
            at: datetime | None = None, by: str = "") -> tuple[AnswerSet, list[Notice]]:
    """A new answer set pinned to `new_q` (whose content hash is `sha256`) and a notice for every answer
    not carried or carried changed. `answers` is left as it was. `at` and `by` are recorded in the
    history: one change per carried answer, after the old history.

    Raises MigrationError when `new_q` gives no table from `old_q`'s release."""
    table = migration_from(new_q, old_q)
    at = at or utc_now()
    old_version = old_q.version
    maps: dict[str, QuestionMap] = {}
    for m in table.questions:
        maps.setdefault(m.old, m)
    new_by_id = question_index(new_q)
    old_by_id = question_index(old_q)
    notices: list[Notice] = []
    note = lambda where, message, carried=False: notices.append(Notice(where, message, carried))  # noqa: E731

    # every old answer goes where its map says, if it may
    candidates: dict[str, list[_Candidate]] = {}
    for old_id, answer in _in_order(old_q, answers.answers):
        where = f"answers.{old_id}"
        m = maps.get(old_id)
        if m is None:
            note(where, msg("migrate.no_map", question=old_id, release=new_q.ref))
            continue
        if m.kind == "removed":
            note(where, msg("migrate.removed_why", question=old_id, release=new_q.ref, why=m.why) if m.why
                 else msg("migrate.removed", question=old_id, release=new_q.ref))
            continue
        failed: list[tuple[Msg, list[str]]] = []  # one reason, every target it holds for
        for tid in m.to:
            target = new_by_id.get(tid)
            if target is None:
                why: Msg | None = msg("migrate.reason.no_target", release=new_q.ref)
            else:
                carried, why = _carry_one(m, old_by_id.get(old_id), target, answer)
                if carried is not None:
                    candidates.setdefault(tid, []).append(_Candidate(old_id, carried, m.kind))
                    continue
            same = next((ts for r, ts in failed if r == why), None)
            if same is None:
                failed.append((why, [tid]))
            else:
                same.append(tid)
        for why, tids in failed:
            note(where, _not_carried(m, why, tids))

    # one answer per new question: the first given wins (an answer before a mere status)
    demote = old_q.scoring.respondent_verifies and not new_q.scoring.respondent_verifies
    new_answers: dict[str, Answer] = {}
    history = [c.model_copy(deep=True) for c in answers.history]
    sources: dict[str, str] = {}
    for tid in (qu.id for _, qu in new_q.all_questions()):
        cands = candidates.get(tid)
        if not cands:
            continue
        win = next((c for c in cands if c.answer.status == "answered"), cands[0])
        for c in cands:
            if c is not win:
                note(f"answers.{c.old}", msg("migrate.merged_lost", question=c.old, to=tid, winner=win.old))
        answer = win.answer
        if demote and answer.evidence_state == EvidenceState.verified:
            answer.evidence_state = EvidenceState.documented
            note(f"answers.{win.old}", msg("migrate.verified_demoted", question=win.old, to=tid, release=new_q.ref),
                 True)
        new_answers[tid] = answer
        sources[tid] = win.old
        history.append(Change(at=at, by=by, question=tid, old=f"migrated from {win.old}@{old_version}",
                              new=display_of(answer)))
    notices.extend(_changed(maps, sources, answers, new_answers, old_by_id, new_by_id))

    targets, cards = _targets_and_cards(old_q, new_q, answers, notices, history, at, by, demote)
    session_q = answers.session.question
    moved = maps.get(session_q or "")
    new_session = Session(question=moved.to[0] if moved and moved.to and moved.to[0] in new_by_id else None,
                          locale=answers.session.locale)
    out = AnswerSet(
        questionnaire=QuestionnaireRef(id=new_q.id, version=new_q.version, sha256=sha256),
        company=answers.company.model_copy(deep=True), respondent=answers.respondent.model_copy(deep=True),
        answers=new_answers, cards=cards, targets=targets, session=new_session, history=history)
    return out, notices


def still_to_answer(old_q: Questionnaire, new_q: Questionnaire, old: AnswerSet, new: AnswerSet
                    ) -> tuple[list[str], list[str]]:
    """What carrying leaves for the respondent to answer in `new_q`: (profile questions, gates), each
    in the release's order, that hold no answer after carrying and are asked of this firm. A question
    the old file had left blank under the same id is not new to them and is not listed; a gate left
    blank scores as failed under a policy that counts blanks, so none may go unmentioned."""
    old_ids = {qu.id for _, qu in old_q.all_questions()}
    by_id = question_index(new_q)
    profile: list[str] = []
    gates: list[str] = []
    for pillar, qu in new_q.all_questions():
        if qu.id in new.answers or (qu.id in old_ids and qu.id not in old.answers):
            continue
        if (pillar is None or qu.gate is not None) and asked(new_q, qu, new, by_id):
            (profile if pillar is None else gates).append(qu.id)
    return profile, gates


def _changed(maps: Mapping[str, QuestionMap], sources: Mapping[str, str], old: AnswerSet,
             new: Mapping[str, Answer], old_by_id: Mapping[str, QuestionBase],
             new_by_id: Mapping[str, QuestionBase]) -> Iterable[Notice]:
    """Notices for answers carried but not as they were: to another id, split, reworded or retyped."""
    went: dict[str, list[str]] = {}
    for tid, oid in sources.items():
        went.setdefault(oid, []).append(tid)
    for oid, tids in went.items():
        m = maps[oid]
        where = f"answers.{oid}"
        before = old.answers[oid]
        if m.kind == "retyped":
            for tid in tids:
                after = new[tid]
                if after.status == "answered" and (after.value != before.value
                                                   or type(after.value) is not type(before.value)):
                    yield Notice(where, msg("migrate.retyped", question=oid, to=tid,
                                            old=shown(old_by_id.get(oid), before.value),
                                            new=shown(new_by_id.get(tid), after.value)), True)
                elif tid != oid:
                    yield Notice(where, msg("migrate.moved", question=oid, to=tid), True)
        elif m.kind == "split" or len(tids) > 1:
            yield Notice(where, msg("migrate.split", question=oid, to=tids), True)
        elif m.kind == "merged":
            yield Notice(where, msg("migrate.merged", question=oid, to=tids[0]), True)
        elif m.kind == "reworded":
            yield Notice(where, msg("migrate.reworded_why", question=oid, to=tids[0], why=m.why) if m.why
                         else msg("migrate.reworded", question=oid, to=tids[0]), True)
        elif tids[0] != oid:
            yield Notice(where, msg("migrate.moved", question=oid, to=tids[0]), True)


def _targets_and_cards(old_q: Questionnaire, new_q: Questionnaire, answers: AnswerSet, notices: list[Notice],
                       history: list[Change], at: datetime, by: str, demote: bool
                       ) -> tuple[dict[str, float], dict[str, list[Card]]]:
    """Targets of pillars that still exist; cards of groups that still exist, each answer checked
    against the group's question of the same id (card questions are stable by id, like all ids)."""
    pillars = {p.id for p in new_q.pillars}
    targets = {}
    for pid, value in answers.targets.items():
        if pid in pillars:
            targets[pid] = value
        else:
            notices.append(Notice(f"targets.{pid}", msg("migrate.target_dropped", pillar=pid, release=new_q.ref),
                                  False))
    groups = {g.id: g for _, g in new_q.card_groups()}
    cards: dict[str, list[Card]] = {}
    for gid, items in answers.cards.items():
        group = groups.get(gid)
        if group is None:
            if items:
                notices.append(Notice(f"cards.{gid}", msg("migrate.group_dropped", group=gid, n=len(items),
                                                          release=new_q.ref), False))
            continue
        by_id = {qu.id: qu for qu in group.questions}
        kept: list[Card] = []
        for i, card in enumerate(items):
            where = f"cards.{gid}[{i}]"
            if len(kept) >= group.max_cards:
                notices.append(Notice(where, msg("migrate.card_over", group=gid, card=card.key, n=group.max_cards),
                                      False))
                continue
            new_card = Card(key=card.key)
            for qid, answer in card.answers.items():
                question = by_id.get(qid)
                why = msg("migrate.card_no_question", group=gid, card=card.key, question=qid) if question is None \
                    else check_answer(question, answer)
                if why is not None:
                    notices.append(Notice(f"{where}.answers.{qid}",
                                          msg("migrate.card_not_carried", card=card.key, question=qid, why=why),
                                          False))
                    continue
                carried = answer.model_copy(deep=True)
                if demote and carried.evidence_state == EvidenceState.verified:
                    carried.evidence_state = EvidenceState.documented
                    notices.append(Notice(f"{where}.answers.{qid}", msg(
                        "migrate.verified_demoted", question=f"{card.key}/{qid}", to=qid, release=new_q.ref), True))
                new_card.answers[qid] = carried
                history.append(Change(at=at, by=by, question=f"cards.{gid}.{card.key}.{qid}",
                                      old=f"migrated from {gid}.{qid}@{old_q.version}", new=display_of(carried)))
            kept.append(new_card)
        cards[gid] = kept
    return targets, cards
