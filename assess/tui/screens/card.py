"""One card: its group's questions, one at a time, answered with the controls of the assessment
(digits, y/n, typed values, a N/A, d don't know), with note, evidence references and evidence
state. A respondent says declared or documented; only a reviewer sets "verified".

Every answer goes through the store, which checks it, saves it and records it; a value the
question does not accept is refused with the store's reason on the status line.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, RadioSet, Static

from assess.answers import Value
from assess.model import QuestionBase, localize
from assess.session.store import CARD_STATES, CardRefused, Store
from assess.text import format as fmt
from assess.text.app_labels import t
from assess.text.messages import say
from assess.tui import keymap
from assess.tui.linebreak import Prose
from assess.tui.screens.answering import AnsweringScreen
from assess.tui.undone import undone_words
from assess.tui.widgets.answer_control import AnswerControl
from assess.tui.widgets.keybar import KeyBar, StatusLine, saved_text
from assess.tui.widgets.response_fields import ResponseFields
from assess.tui.widgets.side_panel import SidePanel


class CardScreen(AnsweringScreen):
    KEYS = keymap.CARD
    BINDINGS = keymap.bindings(KEYS)

    def __init__(self, store: Store, group_id: str, key: str) -> None:
        super().__init__()
        self.store = store
        self.group_id = group_id
        self.key = key
        self.group = store.group(group_id)
        self.questions: dict[str, QuestionBase] = {q.id: q for q in self.group.questions}
        self.qid: str | None = None
        self.control: AnswerControl | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="body"):
            with VerticalScroll(id="question-pane"):
                yield Static(id="q-position")
                yield Static(id="q-prompt")
                yield Vertical(id="control-slot")
                yield StatusLine(id="q-status")
                yield ResponseFields(self.lang, CARD_STATES, id="response")
            yield SidePanel(id="side")
        yield StatusLine(id="saved-line")
        yield KeyBar(self.KEYS, self.lang, id="keys")

    def on_mount(self) -> None:
        self.store.on_saved = self._saved
        self._show_saved()
        first = next((q.id for q in self.group.questions if not self._responded(q.id)), self.group.questions[0].id)
        self.show_question(first)

    def on_screen_resume(self) -> None:
        self.store.on_saved = self._saved
        self.call_after_refresh(self._focus_control)

    def on_unmount(self) -> None:
        if self.store.on_saved == self._saved:
            self.store.on_saved = None

    def _saved(self, _store: Store) -> None:
        self._show_saved()

    def _show_saved(self) -> None:
        self.query_one("#saved-line", StatusLine).update(saved_text(self.store, self.lang))

    def _responded(self, qid: str) -> bool:
        from assess.rules import check_answer

        answer = self.store.card_answer(self.group_id, self.key, qid)
        return answer is not None and check_answer(self.questions[qid], answer) is None

    def _answer(self, qid: str | None):
        return self.store.card_answer(self.group_id, self.key, qid) if qid else None

    # ------------------------------------------------------------------ showing

    def order(self) -> list[str]:
        return list(self.questions)

    def show_question(self, qid: str, commit: bool = True) -> None:
        """Show one of the card's questions, rebuilding its control (the same as the assessment's)."""
        if commit:
            self.commit()
        self.qid = qid
        question = self.questions[qid]
        slot = self.query_one("#control-slot", Vertical)
        slot.remove_children()
        self.control = AnswerControl(question, self._answer(qid), self.lang, autofocus=True)
        slot.mount(self.control)
        self._show_texts(question)
        self._show_response(question)
        self.query_one(SidePanel).show(question, self.lang, self.assess.sources)
        self.query_one("#question-pane", VerticalScroll).scroll_home(animate=False)

    def sources_loaded(self) -> None:
        if self.qid is not None:
            self.query_one(SidePanel).show(self.questions[self.qid], self.lang, self.assess.sources)

    def _focus_control(self) -> None:
        if self.control is not None and self.control.is_mounted:
            self.control.focus_control()

    def _show_texts(self, question: QuestionBase) -> None:
        store, lang = self.store, self.lang
        company = store.answers.company.name or t("start.unnamed", lang)
        self.query_one("#topbar", Static).update(
            Text.assemble((" assess ", "bold reverse"), " ", (company, "bold"), "  ",
                          (localize(store.q.title, lang), "dim")))
        ids = list(self.questions)
        meta = Text(t("card.position", lang, group=localize(self.group.name, lang), name=self.key,
                      i=ids.index(question.id) + 1, n=len(ids)), style="bold")
        meta.append(f"  {question.id} · {t('type.' + question.type, lang)}", style="dim")  # type: ignore[attr-defined]
        if question.allow_na:
            meta.append(" · " + t("q.allow_na", lang), style="dim")
        self.query_one("#q-position", Static).update(Prose(meta))
        self.query_one("#q-prompt", Static).update(Prose(Text(localize(question.prompt, lang), style="bold")))

    def _show_response(self, question: QuestionBase, why: str | None = None) -> None:
        lang = self.lang
        answer = self._answer(question.id)
        fields = self.query_one("#response", ResponseFields)
        if why is not None:
            line = Text(t("status.invalid", lang, why=why), style="bold red")
        elif answer is None:
            line = Text(t("status.unanswered", lang), style="dim italic")
        else:
            answered = answer.status == "answered"
            line = Text(t(f"status.{answer.status}", lang), style="bold green" if answered else "bold")
            if answered:
                line.append(t("colon", lang) + fmt.value_text(question, answer.value, lang))
            line.append("  " + fields.state_words(answer), style="bold")  # in words, not colour only
            if fields.shown_as_documented(answer):
                line.append("\n" + t("evidence.reviewer_only", lang), style="yellow")
        self.query_one("#q-status", StatusLine).update(line)
        fields.show(answer)

    def relabel(self) -> None:
        self.query_one("#response", ResponseFields).relabel(self.lang)
        self.query_one(KeyBar).set_lang(self.lang)
        if self.qid is not None:
            self.show_question(self.qid)
        self._show_saved()

    # ------------------------------------------------------------------ changes

    def _edit(self, change, *args) -> bool:
        """Run a store edit of this card; a refusal is shown, not raised."""
        try:
            return bool(change(self.group_id, self.key, *args))
        except CardRefused as e:
            if self.qid is not None:
                self._show_response(self.questions[self.qid], why=say(e.why, self.lang))
            return False

    def after_change(self) -> None:
        if self.qid is None:
            return
        if self.store.card(self.group_id, self.key) is None:  # undone: the card is gone
            self.app.notify(t("card.gone", self.lang), severity="warning", timeout=4)
            self.dismiss(None)
            return
        if self.control is not None:
            self.control.show_answer(self._answer(self.qid))
        self._show_response(self.questions[self.qid])

    def apply(self, qid: str, value: Value) -> None:
        if self._edit(self.store.set_card_value, qid, value):
            self.after_change()

    def commit(self) -> None:
        """Save the typed value, note and references of the question on screen if they changed."""
        if self.qid is None or not self.is_mounted or self.store.card(self.group_id, self.key) is None:
            return
        qid = self.qid
        note, refs = self.query_one("#response", ResponseFields).typed()
        changed = False
        typed = self.control.typed_value() if self.control is not None else None
        if typed is not None and typed[0]:
            changed = self._edit(self.store.set_card_value, qid, typed[1])
        changed = self._edit(self.store.set_card_note, qid, note) or changed
        changed = self._edit(self.store.set_card_evidence, qid, refs) or changed
        if changed:
            self.after_change()

    @on(AnswerControl.Rejected)
    def _rejected(self, event: AnswerControl.Rejected) -> None:
        event.stop()
        if self.qid is not None:
            self._show_response(self.questions[self.qid], why=event.why)

    @on(RadioSet.Changed, "#ev-state")
    def _evidence_state(self, event: RadioSet.Changed) -> None:
        event.stop()
        if self.qid is None or event.pressed is None or event.pressed.id is None:
            return
        if self._edit(self.store.set_card_evidence_state, self.qid, event.pressed.id.removeprefix("ev-")):
            self.after_change()

    # ------------------------------------------------------------------ actions

    def action_not_applicable(self) -> None:
        if self.qid is None:
            return
        if not self.questions[self.qid].allow_na:
            self.app.notify(t("na.not_allowed", self.lang), severity="warning", timeout=3)
            return
        if self._edit(self.store.set_card_status, self.qid, "na"):
            self.after_change()

    def action_dont_know(self) -> None:
        if self.qid is not None and self._edit(self.store.set_card_status, self.qid, "dont_know"):
            self.after_change()

    def action_cycle_evidence(self) -> None:
        answer = self._answer(self.qid)
        if answer is None or self.qid is None:
            return
        state = self.query_one("#response", ResponseFields).next_state(answer)
        if self._edit(self.store.set_card_evidence_state, self.qid, state):
            self.after_change()

    def action_undo(self) -> None:
        self.commit()
        what = self.store.undo()
        if what is None:
            self.app.notify(t("undo.none", self.lang), timeout=2)
            return
        self.app.notify(t("undo.done", self.lang, what=undone_words(self.store, what, self.lang)), timeout=2)
        self.after_change()

    def action_back(self) -> None:
        """Esc leaves a field first (saving it), then the card."""
        if isinstance(self.focused, (Input, RadioSet)):
            self.commit()
            if self.control is not None and self.control.is_choice:
                self.control.focus_control()
            else:
                self.query_one("#question-pane", VerticalScroll).focus()
            return
        self.commit()
        self.dismiss(None)
