"""The assessment: pillar list with live scores, the current question and its answer control,
note, evidence and evidence state, and a side panel with why it matters and the sources.

A pillar with repeatable groups that apply offers each after its questions: a stop that says
how many cards the group has and opens its cards screen (Enter)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, RadioSet, Static

from assess.model import QuestionBase, localize
from assess.session.store import PROFILE, Store
from assess.text import format as fmt
from assess.text.app_labels import t
from assess.tui import keymap, scores
from assess.tui.formatting import clip
from assess.tui.linebreak import Prose
from assess.tui.screens.answering import AnsweringScreen
from assess.tui.undone import undone_words
from assess.tui.widgets.answer_control import AnswerControl
from assess.tui.widgets.keybar import KeyBar, StatusLine, saved_text
from assess.tui.widgets.pillar_list import PillarList
from assess.tui.widgets.response_fields import ResponseFields
from assess.tui.widgets.side_panel import SidePanel

STOP = "cards:"
"""Prefix of a card group's stop in the question order (ids have no ':', so none is a question's)."""

STOP_ROWS = 5
"""Cards listed at a stop; the cards screen lists them all."""


def stop_of(group_id: str) -> str:
    return STOP + group_id


def group_of(stop: str | None) -> str | None:
    """The group id of a stop, None for a question id."""
    return stop[len(STOP):] if stop and stop.startswith(STOP) else None


class AssessmentScreen(AnsweringScreen):
    """Answering, one question at a time. Every change is saved before the next key is read."""

    KEYS = keymap.ASSESSMENT
    BINDINGS = keymap.bindings(KEYS)

    def __init__(self, store: Store, start: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.qid: str | None = None
        self._start = start
        self.assessment = scores.live(store.q, store.answers)
        self.control: AnswerControl | None = None
        self._stop_button: Button | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(id="topbar")
        with Horizontal(id="body"):
            yield PillarList(id="pillars")
            with VerticalScroll(id="question-pane"):
                yield Static(id="q-position")
                yield Static(id="q-prompt")
                yield Vertical(id="control-slot")
                yield StatusLine(id="q-status")
                yield ResponseFields(lang, self.store.evidence_states(), id="response")
            yield SidePanel(id="side")
        yield StatusLine(id="saved-line")
        yield KeyBar(self.KEYS, lang, id="keys")

    def on_mount(self) -> None:
        self.store.on_saved = lambda _store: self._show_saved()
        start = self._start
        if start is None or start not in self.store.by_id or not self.store.applies(self.store.by_id[start]):
            start = self.store.first_question()
        self.show_question(start)
        self._show_saved()

    def on_unmount(self) -> None:
        self.store.on_saved = None

    def on_screen_resume(self) -> None:
        self.store.on_saved = lambda _store: self._show_saved()
        self.call_after_refresh(self._focus_control)

    # ------------------------------------------------------------------ showing

    def order(self) -> list[str]:
        """Every applicable question, profile first, in order; each pillar's card groups that
        apply follow its questions, as stops."""
        out: list[str] = []
        for s in self.store.sections:
            out += [q.id for q in self.store.visible(s.id)]
            out += [stop_of(g.id) for g in self.store.card_groups(s.id)]
        return out

    def current_section(self) -> str | None:
        gid = group_of(self.qid)
        if gid is not None:
            return self.store.groups[gid][0].id if gid in self.store.groups else None
        return self.store.section_of.get(self.qid) if self.qid else None

    def _stop_applies(self, gid: str) -> bool:
        return gid in self.store.groups and any(
            g.id == gid for g in self.store.card_groups(self.store.groups[gid][0].id))

    def show_question(self, qid: str | None, commit: bool = True) -> None:
        """Show a question (None: the first one), rebuilding its control, or a card group's stop.
        `commit` first saves the fields of the question being left (not after an undo, which
        already changed it)."""
        if commit:
            self.commit()
        store, lang = self.store, self.lang
        gid = group_of(qid)
        if gid is not None:
            if self._stop_applies(gid):
                self._show_stop(gid)
                return
            qid = None
        self.query_one("#response", ResponseFields).display = True
        if qid is None or qid not in store.by_id:
            qid = store.first_question()
        self.qid = qid
        question = store.by_id.get(qid) if qid else None
        slot = self.query_one("#control-slot", Vertical)
        slot.remove_children()
        self.control = None
        if question is not None:
            self.control = AnswerControl(question, store.answer(question.id), lang, autofocus=True)
            slot.mount(self.control)
            store.set_position(question.id, lang)
        self._show_texts(question)
        self._show_response(question)
        self.show_side()
        self._show_pillars()
        self.query_one("#question-pane", VerticalScroll).scroll_home(animate=False)

    def show_side(self) -> None:
        question = self.store.by_id.get(self.qid) if self.qid else None
        self.query_one(SidePanel).show(question, self.lang, self.assess.sources)

    def sources_loaded(self) -> None:
        self.show_side()

    def _focus_control(self) -> None:
        if self.control is not None and self.control.is_mounted:
            self.control.focus_control()
        elif self._stop_button is not None and self._stop_button.is_mounted:
            self._stop_button.focus()

    def _show_stop(self, gid: str) -> None:
        """A card group's stop: what the group asks, its cards so far, and the way in."""
        store, lang = self.store, self.lang
        pillar, group = store.groups[gid]
        self.qid = stop_of(gid)
        cards = store.cards(gid)
        self.query_one("#q-position", Static).update(Prose(Text.assemble(
            (t("stop.position", lang, section=localize(pillar.name, lang)), "bold"),
            ("  " + t("cards.count", lang, n=len(cards), max=group.max_cards), "dim"))))
        prompt = Text.assemble((localize(group.name, lang), "bold"))
        if group.description:
            prompt.append("\n" + localize(group.description, lang))
        self.query_one("#q-prompt", Static).update(Prose(prompt))
        summary = Text()
        for card in cards[:STOP_ROWS]:
            done, total = store.card_progress(gid, card.key)
            summary.append(f"· {clip(card.key, 40)}  ")
            summary.append(t("cards.answered", lang, done=done, total=total) + "\n", style="dim")
        if len(cards) > STOP_ROWS:
            summary.append(t("cards.more", lang, n=len(cards) - STOP_ROWS) + "\n", style="dim")
        if not cards:
            summary.append(t("cards.none", lang, item=localize(group.item, lang)) + "\n", style="dim")
        slot = self.query_one("#control-slot", Vertical)
        slot.remove_children()
        self.control = None
        # classes, not ids: the children removed above leave only after this frame
        self._stop_button = Button(t("cards.open", lang), classes="open-cards", variant="primary", compact=True)
        slot.mount(Static(Prose(summary), classes="stop-cards"), self._stop_button)
        self.call_after_refresh(self._focus_control)
        self.query_one("#q-status", StatusLine).update(Text())
        self.query_one("#response", ResponseFields).display = False
        self.query_one(SidePanel).show(None, lang, self.assess.sources)
        self._show_pillars()
        self.query_one("#question-pane", VerticalScroll).scroll_home(animate=False)

    @on(Button.Pressed, ".open-cards")
    def _open_cards(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_open_cards()

    def action_open_cards(self) -> None:
        """The cards of the group whose stop is shown."""
        gid = group_of(self.qid)
        if gid is None:
            return
        from assess.tui.screens.cards import CardsScreen

        self.app.push_screen(CardsScreen(self.store, gid), callback=lambda _=None: self.refresh_all())

    def _show_texts(self, question: QuestionBase | None) -> None:
        store, lang = self.store, self.lang
        company = store.answers.company.name or t("start.unnamed", lang)
        self.query_one("#topbar", Static).update(
            Text.assemble((" assess ", "bold reverse"), " ", (company, "bold"), "  ",
                          (localize(store.q.title, lang), "dim"))
        )
        position = self.query_one("#q-position", Static)
        prompt = self.query_one("#q-prompt", Static)
        if question is None:
            position.update(t("q.none", lang))
            prompt.update("")
            return
        sid = store.section_of[question.id]
        vis = store.visible(sid)
        section_name = t("section.profile", lang) if sid == PROFILE else localize(store.section(sid).name, lang)
        i = next((k for k, q in enumerate(vis) if q.id == question.id), 0) + 1
        meta = Text(t("q.position", lang, section=section_name, i=i, n=len(vis)), style="bold")
        meta.append(f"  {question.id} · {t('type.' + question.type, lang)}", style="dim")  # type: ignore[attr-defined]
        if question.weight != 1:
            meta.append(" · " + t("q.weight", lang, w=fmt.number(question.weight)), style="dim")
        if question.allow_na:
            meta.append(" · " + t("q.allow_na", lang), style="dim")
        if question.gate is not None:  # the full basis is in the side panel and on Results
            basis = clip(localize(question.gate.basis, lang), 100)
            meta.append("\n" + t("q.gate", lang, basis=basis), style="bold magenta")
        position.update(Prose(meta))
        prompt.update(Prose(Text(localize(question.prompt, lang), style="bold")))

    def _show_response(self, question: QuestionBase | None) -> None:
        """Status line, evidence state, note and references of the current question."""
        store, lang = self.store, self.lang
        status = self.query_one("#q-status", StatusLine)
        fields = self.query_one("#response", ResponseFields)
        answer = store.answer(question.id) if question is not None else None
        if question is None:
            status.update(Text())
        elif answer is None:
            status.update(Text(t("status.unanswered", lang), style="dim italic"))
        else:
            answered = answer.status == "answered"
            line = Text(t(f"status.{answer.status}", lang), style="bold green" if answered else "bold")
            if answer.status == "answered":
                line.append(t("colon", lang) + fmt.value_text(question, answer.value, lang))
            r = self.assessment.questions.get(question.id)
            if r is not None and r.gate_failed:
                line.append("  " + t("gate." + r.gate_failed, lang), style="bold red")
            line.append("  " + fields.state_words(answer), style="bold")  # in words, not colour only
            if fields.shown_as_documented(answer):
                line.append("\n" + t("evidence.reviewer_only", lang), style="yellow")
            status.update(line)
        fields.show(answer)

    def _show_pillars(self) -> None:
        self.query_one(PillarList).show(self.store, self.assessment, self.lang, self.current_section())

    def _show_saved(self) -> None:
        self.query_one("#saved-line", StatusLine).update(saved_text(self.store, self.lang))

    def relabel(self) -> None:
        """The language changed: redraw every label and the question."""
        lang = self.lang
        self.query_one("#response", ResponseFields).relabel(lang)
        self.query_one(KeyBar).set_lang(lang)
        self.show_question(self.qid)
        self._show_saved()

    # ------------------------------------------------------------------ changes

    def rescore(self) -> None:
        self.assessment = scores.live(self.store.q, self.store.answers)

    def after_change(self, qid: str) -> None:
        """Re-score and redraw what an answer changes; keep the current question if it still applies."""
        self.rescore()
        if group_of(self.qid) is not None:  # a card group's stop: the profile may have hidden it
            self.show_question(self.qid, commit=False)
            return
        question = self.store.by_id.get(self.qid) if self.qid else None
        if question is not None and not self.store.applies(question):
            self.show_question(self._next_after(self.qid), commit=False)
            return
        if self.control is not None and qid == self.qid:
            self.control.show_answer(self.store.answer(qid))
        self._show_response(question)
        self._show_pillars()

    def _next_after(self, qid: str | None) -> str | None:
        """The applicable question that follows `qid` in questionnaire order (or the first one)."""
        all_ids = [q.id for s in self.store.sections for q in s.questions]
        if qid in all_ids:
            for other in all_ids[all_ids.index(qid) + 1:] + all_ids[: all_ids.index(qid)]:
                if self.store.applies(self.store.by_id[other]):
                    return other
        return self.store.first_question()

    @on(AnswerControl.Rejected)
    def _rejected(self, event: AnswerControl.Rejected) -> None:
        event.stop()
        self.query_one("#q-status", StatusLine).update(
            Text(t("status.invalid", self.lang, why=event.why), style="bold red")
        )

    def commit(self) -> None:
        """Save the typed answer, note and evidence of the current question if they changed."""
        if self.qid is None or self.qid not in self.store.by_id or not self.is_mounted:
            return
        qid = self.qid
        note, refs = self.query_one("#response", ResponseFields).typed()
        changed = False
        typed = self.control.typed_value() if self.control is not None else None
        if typed is not None and typed[0]:
            changed = self.store.set_value(qid, typed[1])
        changed = self.store.set_note(qid, note) or changed
        changed = self.store.set_evidence(qid, refs) or changed
        if changed:
            self.after_change(qid)

    @on(RadioSet.Changed, "#ev-state")
    def _evidence_state(self, event: RadioSet.Changed) -> None:
        event.stop()
        if self.qid not in self.store.by_id or event.pressed is None or event.pressed.id is None:
            return
        if self.store.set_evidence_state(self.qid, event.pressed.id.removeprefix("ev-")):
            self.after_change(self.qid)

    @on(PillarList.Chosen)
    def _pillar_chosen(self, event: PillarList.Chosen) -> None:
        event.stop()
        self.go_section(event.section_id)

    # ------------------------------------------------------------------ actions

    def apply(self, qid: str, value) -> None:
        """Save a value, re-score, redraw."""
        if self.store.set_value(qid, value):
            self.after_change(qid)

    def go_section(self, section_id: str) -> None:
        vis = self.store.visible(section_id)
        if not vis:
            self.app.notify(t("q.none", self.lang), timeout=2)
            return
        target = next((q.id for q in vis if not self.store.is_responded(q.id)), vis[0].id)
        self.show_question(target)

    def _step_section(self, delta: int) -> None:
        ids = [s.id for s in self.store.sections if self.store.visible(s.id)]
        current = self.current_section()
        i = ids.index(current) if current in ids else -1
        j = min(max(i + delta, 0), len(ids) - 1)
        if j != i:
            self.go_section(ids[j])

    def action_next_pillar(self) -> None:
        self._step_section(+1)

    def action_prev_pillar(self) -> None:
        self._step_section(-1)

    def action_first_unanswered(self) -> None:
        qid = self.store.first_unanswered()
        if qid is None:
            self.app.notify(t("all_answered", self.lang), timeout=3)
        else:
            self.show_question(qid)

    def action_not_applicable(self) -> None:
        question = self.store.by_id.get(self.qid) if self.qid else None
        if question is None:
            return
        if not question.allow_na or question.gate is not None:
            self.app.notify(t("na.not_allowed", self.lang), severity="warning", timeout=3)
            return
        if self.store.set_status(question.id, "na"):
            self.after_change(question.id)

    def action_dont_know(self) -> None:
        if self.qid in self.store.by_id and self.store.set_status(self.qid, "dont_know"):
            self.after_change(self.qid)

    def action_cycle_evidence(self) -> None:
        answer = self.store.answer(self.qid) if self.qid else None
        if answer is None:
            return
        state = self.query_one("#response", ResponseFields).next_state(answer)
        if self.store.set_evidence_state(self.qid, state):
            self.after_change(self.qid)

    def action_undo(self) -> None:
        self.commit()
        what = self.store.undo()
        if what is None:
            self.app.notify(t("undo.none", self.lang), timeout=2)
            return
        self.rescore()
        if what in self.store.by_id and self.store.applies(self.store.by_id[what]):
            self.show_question(what, commit=False)
        elif group_of(self.qid) is not None:
            self.after_change(self.qid or "")
        else:
            self.after_change(self.qid or "")
            self._show_texts(self.store.by_id.get(self.qid) if self.qid else None)
        self.app.notify(t("undo.done", self.lang, what=undone_words(self.store, what, self.lang)), timeout=2)

    def action_results(self) -> None:
        self.commit()
        from assess.tui.screens.results import ResultsScreen

        self.app.push_screen(ResultsScreen(self.store), callback=lambda _=None: self.refresh_all())

    def action_company(self) -> None:
        self.commit()
        from assess.tui.screens.company import CompanyScreen

        self.app.push_screen(CompanyScreen(self.store), callback=lambda _=None: self.refresh_all())

    def refresh_all(self) -> None:
        """Back from another screen: targets, company or language may have changed."""
        self.rescore()
        self.relabel()

    def action_leave_field(self) -> None:
        focused = self.focused
        if isinstance(focused, (Input, RadioSet)):
            self.commit()
            if self.control is not None and self.control.is_choice:
                self.control.focus_control()
            else:
                self.query_one("#question-pane", VerticalScroll).focus()
