"""The open assessment: questionnaire, answers and answer file, saved after every change.

Screens never touch the AnswerSet directly: they call a `Store` method, which changes the
answers, appends to the change history, remembers how to undo, and saves the file atomically
before returning. So nothing is ever unsaved, and a crash loses at most the change in flight.
No Textual here: the store is tested, and driven by the crash-safety test, on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from assess.answers import Answer, AnswerSet, Card, Change, Value, utc_now
from assess.content.answer_file import save_answers
from assess.content.bundled import ref_of
from assess.model import CardGroup, EvidenceState, Pillar, QuestionBase, Questionnaire, Text, TextQuestion
from assess.problems import Msg, msg, os_reason
from assess.rules import asked, check_answer, check_card_key, check_value, group_applies, question_index
from assess.session.lock import AnswerFileLock
from assess.text.clean import EVIDENCE_COUNT_MAX, typed

PROFILE = "profile"
"""Section id of the profile questions, shown before the pillars."""

Status = Literal["answered", "na", "dont_know"]
CompanyField = Literal["company.name", "company.sector", "company.region", "company.contact",
                       "respondent.name", "respondent.role"]


@dataclass(frozen=True)
class Section:
    """A run of questions shown together: the profile, or one pillar."""

    id: str
    name: Text
    questions: tuple[QuestionBase, ...]
    pillar: Pillar | None


class CardRefused(ValueError):
    """A card edit the store refuses (a key that is empty or taken, a full group, a value the
    question does not accept); `why` says so in catalogue words. Nothing was changed or saved."""

    def __init__(self, why: Msg):
        super().__init__(str(why))
        self.why = why


CARD_STATES = (EvidenceState.declared, EvidenceState.documented)
"""What a respondent may say of a card answer's evidence: only a reviewer sets "verified"."""


def card_label(group_id: str, key: str, qid: str = "", field: str = "") -> str:
    """How the history names a card, or one of its answers: 'cards.scenarios[Line 3].SC-KPI'."""
    return f"cards.{group_id}[{key}]" + (f".{qid}" if qid else "") + (f".{field}" if field else "")


def display_of(answer: Answer | None) -> Value:
    """What the history records for an answer: its value, or its status when it has none."""
    if answer is None:
        return None
    return answer.value if answer.status == "answered" else answer.status


def slug(text: str) -> str:
    """A file-name-safe form of a company name (CJK kept)."""
    s = re.sub(r"[^\w.-]+", "-", text.strip(), flags=re.UNICODE).strip("-.")
    return s[:40] or "assessment"


class Store:
    """One assessment open for editing. Hold its lock before writing (see `open`)."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        sha256: str,
        answers: AnswerSet,
        path: Path,
        *,
        clock: Callable[[], datetime] = utc_now,
        lock: AnswerFileLock | None = None,
    ):
        self.q = questionnaire
        self.sha256 = sha256
        self.answers = answers
        self.path = Path(path)
        self.clock = clock
        self.lock = lock
        self.by_id = question_index(questionnaire)
        self.sections: list[Section] = [Section(PROFILE, {}, tuple(questionnaire.profile), None)] + [
            Section(p.id, p.name, tuple(p.questions), p) for p in questionnaire.pillars
        ]
        self.section_of: dict[str, str] = {
            question.id: s.id for s in self.sections for question in s.questions
        }
        self.groups: dict[str, tuple[Pillar, CardGroup]] = {g.id: (p, g) for p, g in questionnaire.card_groups()}
        self._undo: list[tuple[str, object]] = []
        self.saved_at: datetime | None = None
        self.save_error: Msg | str | None = None
        self.on_saved: Callable[[Store], None] | None = None
        self.draft = False
        """A new assessment not yet written: nothing answered, no file, no lock."""

    # ------------------------------------------------------------------ opening

    @classmethod
    def new(cls, q: Questionnaire, sha256: str, path: Path, *, locale: str = "zh",
            clock: Callable[[], datetime] = utc_now) -> Store:
        """A fresh assessment meant for `path`, held in memory: the file (and its lock) is written with
        the first answer or company field, so that opening "new" and leaving writes nothing."""
        answers = AnswerSet(questionnaire=ref_of(q, sha256))
        answers.session.locale = locale
        store = cls(q, sha256, answers, path, clock=clock)
        store.draft = True
        return store

    @classmethod
    def open(cls, q: Questionnaire, sha256: str, answers: AnswerSet, path: Path, *,
             clock: Callable[[], datetime] = utc_now, lock: AnswerFileLock | None = None) -> Store:
        """An existing assessment, locked (LockedError when another window has it).

        Pass the lock when it was taken before the file was read, as resuming must: otherwise
        another window could save between our read and our lock, and we would overwrite it."""
        lock = (lock or AnswerFileLock(path)).acquire()
        return cls(q, sha256, answers, path, clock=clock, lock=lock)

    def close(self) -> None:
        if self.save_error is not None:
            self.save()  # one more try before letting go of the file
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # ------------------------------------------------------------------ reading

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def applies(self, question: QuestionBase) -> bool:
        return asked(self.q, question, self.answers, self.by_id)

    def visible(self, section_id: str) -> list[QuestionBase]:
        """The questions of a section that the profile makes apply, in order."""
        return [q for q in self.section(section_id).questions if self.applies(q)]

    def answer(self, qid: str) -> Answer | None:
        return self.answers.answers.get(qid)

    def is_responded(self, qid: str) -> bool:
        """Whether a question has a usable response: a valid answer, N/A or don't know.

        An invalid answer (say, text where a level belongs, from an edited file) counts as
        unanswered, as scoring counts it, so that `f` finds it."""
        a = self.answers.answers.get(qid)
        question = self.by_id.get(qid)
        return a is not None and question is not None and check_answer(question, a) is None

    def progress(self, section_id: str) -> tuple[int, int]:
        """(responded, applicable) questions of a section."""
        vis = self.visible(section_id)
        return sum(1 for q in vis if self.is_responded(q.id)), len(vis)

    def first_unanswered(self, after: str | None = None) -> str | None:
        """The first applicable question without a response, searching on from `after`, wrapping."""
        order = [q.id for s in self.sections for q in s.questions if self.applies(q)]
        start = order.index(after) + 1 if after in order else 0
        for qid in order[start:] + order[:start]:
            if not self.is_responded(qid):
                return qid
        return None

    def first_question(self) -> str | None:
        for s in self.sections:
            vis = self.visible(s.id)
            if vis:
                return vis[0].id
        return None

    @property
    def by(self) -> str:
        return self.answers.respondent.name

    def evidence_states(self) -> tuple[EvidenceState, ...]:
        """The evidence states a respondent may choose for an ordinary question: all three, or
        without "verified" when the questionnaire's policy leaves that to a reviewer."""
        if self.q.scoring.respondent_verifies:
            return tuple(EvidenceState)
        return CARD_STATES

    # ------------------------------------------------------------------ changing answers

    def _answer_copy(self, qid: str) -> Answer:
        current = self.answers.answers.get(qid)
        return current.model_copy(deep=True) if current is not None else Answer()

    def _put(self, qid: str, key: str, new: Answer, old_display: Value, new_display: Value) -> None:
        previous = self.answers.answers.get(qid)
        now = self.clock()
        new.at = now
        new.by = self.by
        self.answers.answers[qid] = new
        self._undo.append(("answer", (qid, previous)))
        self.answers.history.append(Change(at=now, by=self.by, question=key, old=old_display, new=new_display))
        if new.review is not None and key != f"{qid}.note":
            # a reviewer decided on the answer as it was, with its evidence: changed, it is not reviewed
            self.answers.history.append(Change(at=now, by=self.by, question=f"{qid}.review", old=new.review.decision))
            new.review = None
        self.save()

    def set_value(self, qid: str, value: Value) -> bool:
        """Answer a question with a value. False (and nothing saved) when it is unchanged."""
        if isinstance(value, str) and isinstance(self.by_id.get(qid), TextQuestion):
            value = typed(value, "text", self.by_id[qid].max_length)  # type: ignore[union-attr]
        previous = self.answers.answers.get(qid)
        if previous is not None and previous.status == "answered" and previous.value == value \
                and type(previous.value) is type(value):
            return False
        new = self._answer_copy(qid)
        new.status, new.value = "answered", value
        self._put(qid, qid, new, display_of(previous), value)
        return True

    def set_status(self, qid: str, status: Status) -> bool:
        """Mark a question N/A or don't know (the value is dropped)."""
        previous = self.answers.answers.get(qid)
        if previous is not None and previous.status == status:
            return False
        new = self._answer_copy(qid)
        new.status, new.value = status, None
        self._put(qid, qid, new, display_of(previous), status)
        return True

    def set_note(self, qid: str, note: str) -> bool:
        """Set the note of an answered (or N/A, or don't know) question; notes need a response."""
        note = typed(note, "note")
        previous = self.answers.answers.get(qid)
        if previous is None or previous.note == note:
            return False
        new = self._answer_copy(qid)
        new.note = note
        self._put(qid, f"{qid}.note", new, previous.note, note)
        return True

    def set_evidence(self, qid: str, refs: list[str]) -> bool:
        refs = _refs(refs)
        previous = self.answers.answers.get(qid)
        if previous is None or previous.evidence == refs:
            return False
        new = self._answer_copy(qid)
        new.evidence = list(refs)
        self._put(qid, f"{qid}.evidence", new, "; ".join(previous.evidence), "; ".join(refs))
        return True

    def set_evidence_state(self, qid: str, state: EvidenceState | str) -> bool:
        state = EvidenceState(state)
        previous = self.answers.answers.get(qid)
        if previous is None or previous.evidence_state == state:
            return False
        new = self._answer_copy(qid)
        new.evidence_state = state
        self._put(qid, f"{qid}.evidence_state", new, previous.evidence_state.value, state.value)
        return True

    # ------------------------------------------------------------------ cards

    def card_groups(self, section_id: str) -> list[CardGroup]:
        """The repeatable groups asked with a pillar, as the profile makes them apply."""
        pillar = self.section(section_id).pillar
        if pillar is None:
            return []
        return [g for g in pillar.cards if group_applies(self.q, pillar, g, self.answers, self.by_id)]

    def group(self, group_id: str) -> CardGroup:
        if group_id not in self.groups:
            raise CardRefused(msg("answer.unknown_card_group", group=group_id, questionnaire=self.q.ref))
        return self.groups[group_id][1]

    def cards(self, group_id: str) -> list[Card]:
        """A group's cards, in the order entered."""
        return self.answers.cards.get(group_id, [])

    def card(self, group_id: str, key: str) -> Card | None:
        return next((c for c in self.cards(group_id) if c.key == key), None)

    def card_answer(self, group_id: str, key: str, qid: str) -> Answer | None:
        card = self.card(group_id, key)
        return card.answers.get(qid) if card is not None else None

    def card_progress(self, group_id: str, key: str) -> tuple[int, int]:
        """(responded, asked) questions of a card; an invalid answer counts as not responded."""
        group, card = self.group(group_id), self.card(group_id, key)
        got = card.answers if card is not None else {}
        done = sum(1 for q in group.questions if q.id in got and check_answer(q, got[q.id]) is None)
        return done, len(group.questions)

    def _card_change(self, group_id: str, label: str, old: Value, new: Value,
                     change: Callable[[list[Card]], None]) -> None:
        """Apply `change` to a copy of the group's cards, then record, remember for undo, save."""
        previous = [c.model_copy(deep=True) for c in self.cards(group_id)]
        had = group_id in self.answers.cards
        cards = [c.model_copy(deep=True) for c in previous]
        change(cards)
        self.answers.cards[group_id] = cards
        self._undo.append(("cards", (group_id, previous if had else None, label, old, new)))
        self.answers.history.append(Change(at=self.clock(), by=self.by, question=label, old=old, new=new))
        self.save()

    def add_card(self, group_id: str, key: str) -> str:
        """Add a card named `key` (trimmed) at the end of its group; returns the key as saved.
        CardRefused when the name is empty or taken, or the group is full."""
        group, key = self.group(group_id), typed(key.strip(), "field")
        cards = self.cards(group_id)
        if len(cards) >= group.max_cards:
            raise CardRefused(msg("answer.card_limit", max=group.max_cards))
        why = check_card_key(key, [c.key for c in cards])
        if why:
            raise CardRefused(why)
        self._card_change(group_id, card_label(group_id, key), None, key, lambda cs: cs.append(Card(key=key)))
        return key

    def rename_card(self, group_id: str, key: str, new_key: str) -> bool:
        """Rename a card (its answers stay). False when the name is unchanged."""
        new_key = typed(new_key.strip(), "field")
        self._need_card(group_id, key)
        if new_key == key:
            return False
        why = check_card_key(new_key, [c.key for c in self.cards(group_id) if c.key != key])
        if why:
            raise CardRefused(why)

        def rename(cards: list[Card]) -> None:
            next(c for c in cards if c.key == key).key = new_key

        self._card_change(group_id, card_label(group_id, key), key, new_key, rename)
        return True

    def delete_card(self, group_id: str, key: str) -> bool:
        """Delete a card and its answers (undo brings them back). False when there is no such card."""
        if self.card(group_id, key) is None:
            return False

        def delete(cards: list[Card]) -> None:
            cards.remove(next(c for c in cards if c.key == key))

        self._card_change(group_id, card_label(group_id, key), key, None, delete)
        return True

    def _need_card(self, group_id: str, key: str, qid: str | None = None) -> QuestionBase | None:
        group = self.group(group_id)
        if self.card(group_id, key) is None:
            raise CardRefused(msg("answer.unknown_card", group=group_id, name=key))
        if qid is None:
            return None
        question = next((q for q in group.questions if q.id == qid), None)
        if question is None:
            raise CardRefused(msg("answer.unknown_card_question", group=group_id, question=qid))
        return question

    def _card_put(self, group_id: str, key: str, qid: str, field: str, old: Value, new: Value,
                  edit: Callable[[Answer], None]) -> None:
        def put(cards: list[Card]) -> None:
            card = next(c for c in cards if c.key == key)
            current = card.answers.get(qid)
            answer = current.model_copy(deep=True) if current is not None else Answer()
            edit(answer)
            answer.at, answer.by = self.clock(), self.by
            card.answers[qid] = answer

        self._card_change(group_id, card_label(group_id, key, qid, field), old, new, put)

    def set_card_value(self, group_id: str, key: str, qid: str, value: Value) -> bool:
        """Answer a card's question. CardRefused when the question does not accept the value."""
        question = self._need_card(group_id, key, qid)
        assert question is not None
        if isinstance(value, str) and isinstance(question, TextQuestion):
            value = typed(value, "text", question.max_length)
        why = check_value(question, value)
        if why:
            raise CardRefused(why)
        previous = self.card_answer(group_id, key, qid)
        if previous is not None and previous.status == "answered" and previous.value == value \
                and type(previous.value) is type(value):
            return False

        def edit(a: Answer) -> None:
            a.status, a.value = "answered", value

        self._card_put(group_id, key, qid, "", display_of(previous), value, edit)
        return True

    def set_card_status(self, group_id: str, key: str, qid: str, status: Status) -> bool:
        """Mark a card's question N/A (where allowed) or don't know."""
        question = self._need_card(group_id, key, qid)
        assert question is not None
        why = check_answer(question, Answer(status=status))
        if why:
            raise CardRefused(why)
        previous = self.card_answer(group_id, key, qid)
        if previous is not None and previous.status == status:
            return False

        def edit(a: Answer) -> None:
            a.status, a.value = status, None

        self._card_put(group_id, key, qid, "", display_of(previous), status, edit)
        return True

    def set_card_note(self, group_id: str, key: str, qid: str, note: str) -> bool:
        """Set the note of a card answer (a note needs a response, as for ordinary questions)."""
        note = typed(note, "note")
        self._need_card(group_id, key, qid)
        previous = self.card_answer(group_id, key, qid)
        if previous is None or previous.note == note:
            return False
        self._card_put(group_id, key, qid, "note", previous.note, note, lambda a: setattr(a, "note", note))
        return True

    def set_card_evidence(self, group_id: str, key: str, qid: str, refs: list[str]) -> bool:
        refs = _refs(refs)
        self._need_card(group_id, key, qid)
        previous = self.card_answer(group_id, key, qid)
        if previous is None or previous.evidence == refs:
            return False
        self._card_put(group_id, key, qid, "evidence", "; ".join(previous.evidence), "; ".join(refs),
                       lambda a: setattr(a, "evidence", list(refs)))
        return True

    def set_card_evidence_state(self, group_id: str, key: str, qid: str, state: EvidenceState | str) -> bool:
        """Declared or documented; CardRefused for "verified", which only a reviewer sets."""
        state = EvidenceState(state)
        self._need_card(group_id, key, qid)
        if state not in CARD_STATES:
            raise CardRefused(msg("answer.card_verified"))
        previous = self.card_answer(group_id, key, qid)
        if previous is None or previous.evidence_state == state:
            return False
        self._card_put(group_id, key, qid, "evidence_state", previous.evidence_state.value, state.value,
                       lambda a: setattr(a, "evidence_state", state))
        return True

    # ------------------------------------------------------------------ other fields

    def set_field(self, name: CompanyField, value: str) -> bool:
        """Set a company or respondent field, e.g. 'company.name'."""
        value = typed(value, "field")
        group, attr = name.split(".")
        obj = getattr(self.answers, group)
        old = getattr(obj, attr)
        if old == value:
            return False
        setattr(obj, attr, value)
        self._undo.append(("field", (name, old)))
        self.answers.history.append(Change(at=self.clock(), by=self.by, question=name, old=old, new=value))
        self.save()
        return True

    def set_target(self, pillar_id: str, value: float | None) -> bool:
        """Override a pillar's target (None: back to the questionnaire's default)."""
        old = self.answers.targets.get(pillar_id)
        if old == value:
            return False
        if value is None:
            self.answers.targets.pop(pillar_id, None)
        else:
            self.answers.targets[pillar_id] = float(value)
        self._undo.append(("target", (pillar_id, old)))
        self.answers.history.append(
            Change(at=self.clock(), by=self.by, question=f"targets.{pillar_id}", old=old, new=value)
        )
        self.save()
        return True

    def set_position(self, qid: str | None, locale: str | None = None) -> None:
        """Remember the question on screen (and the language) so that resume returns there."""
        session = self.answers.session
        changed = False
        if qid is not None and session.question != qid:
            session.question = qid
            changed = True
        if locale is not None and session.locale != locale:
            session.locale = locale
            changed = True
        if changed:
            self.save()

    # ------------------------------------------------------------------ undo

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Revert the latest change of this session; returns what it touched (a question id,
        'company.name', 'targets.C', 'cards.scenarios[Line 3].SC-KPI'), or None when there is nothing
        to undo. The history keeps both the change and its reversal."""
        if not self._undo:
            return None
        kind, data = self._undo.pop()
        now = self.clock()
        if kind == "cards":
            group_id, previous, label, old, new = data  # type: ignore[misc]
            if previous is None:
                self.answers.cards.pop(group_id, None)
            else:
                self.answers.cards[group_id] = previous
            self.answers.history.append(Change(at=now, by=self.by, question=label, old=new, new=old))
            self.save()
            return label
        if kind == "answer":
            qid, previous = data  # type: ignore[misc]
            current = self.answers.answers.get(qid)
            if previous is None:
                self.answers.answers.pop(qid, None)
            else:
                self.answers.answers[qid] = previous
            self.answers.history.append(
                Change(at=now, by=self.by, question=qid, old=display_of(current), new=display_of(previous))
            )
            self.save()
            return qid
        if kind == "field":
            name, old = data  # type: ignore[misc]
            group, attr = name.split(".")
            obj = getattr(self.answers, group)
            current = getattr(obj, attr)
            setattr(obj, attr, old)
            self.answers.history.append(Change(at=now, by=self.by, question=name, old=current, new=old))
            self.save()
            return name
        pillar_id, old = data  # type: ignore[misc]
        current = self.answers.targets.get(pillar_id)
        if old is None:
            self.answers.targets.pop(pillar_id, None)
        else:
            self.answers.targets[pillar_id] = old
        self.answers.history.append(
            Change(at=now, by=self.by, question=f"targets.{pillar_id}", old=current, new=old)
        )
        self.save()
        return f"targets.{pillar_id}"

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        """Write the answer file atomically (temp file, fsync, rename), mode 0600. A new assessment is
        written once something is answered (its place or language alone is no reason to)."""
        if self.draft:
            if not self.answers.history:
                return
            try:
                self._claim()
            except OSError as e:  # the folder cannot be written: kept in memory, tried again with the next change
                self.save_error = os_reason(e)
                if self.on_saved is not None:
                    self.on_saved(self)
                return
        try:
            save_answers(self.path, self.answers)
        except OSError as e:
            # Keep the change in memory and say so on screen; the next change (or quitting)
            # tries again. A crash here would lose the very answer we failed to write.
            self.save_error = os_reason(e)
            if self.on_saved is not None:
                self.on_saved(self)
            return
        self.save_error = None
        self.saved_at = self.clock()
        if self.on_saved is not None:
            self.on_saved(self)


    def _claim(self) -> None:
        """Lock the file a new assessment is to be written to: its name, when another window has taken
        it since (two started in the same second), moves on to the next free one."""
        from assess.session.lock import LockedError
        from assess.session.opening import free_path

        stem, locked = self.path.stem, set[Path]()
        while True:
            if self.path.exists() or self.path in locked:
                self.path = free_path(self.path.parent, stem, taken=locked)
            try:
                lock = AnswerFileLock(self.path).acquire()
            except LockedError:  # another window took this name a moment ago, and has not written it yet
                locked.add(self.path)
                continue
            if not self.path.exists():
                break
            lock.release()
        self.lock, self.draft = lock, False


def _refs(refs: list[str]) -> list[str]:
    """Evidence references as the app saves them: each made writable, empty ones and any beyond the
    count limit dropped (a file the app saves must open again)."""
    return [r for r in (typed(x, "evidence") for x in refs) if r.strip()][:EVIDENCE_COUNT_MAX]
