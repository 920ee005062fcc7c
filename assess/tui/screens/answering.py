"""What the two screens that put questions to a respondent share: the assessment's pillar questions
and a card's questions answer with the same keys, the same answer control and the same note and
evidence fields. Each screen says how an answer is stored (`apply`) and saved (`commit`)."""

from __future__ import annotations

from textual import on
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widgets import Input

from assess.answers import Value
from assess.text.app_labels import t
from assess.tui.screens.base import AppScreen
from assess.tui.widgets.answer_control import AnswerControl
from assess.tui.widgets.field import Field


class AnsweringScreen(AppScreen):
    control: AnswerControl | None = None
    qid: str | None = None
    TYPING_SAVE_DELAY = 0.8
    """Seconds after the last key in the note or the references before they are saved: a crash while
    typing keeps them, without a save (and an undo step) for every character."""
    _typing_save: Timer | None = None

    def apply(self, qid: str, value: Value) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def order(self) -> list[str]:
        """The ids of the questions put, in the order they are asked."""
        raise NotImplementedError

    def show_question(self, qid: str, commit: bool = True) -> None:
        raise NotImplementedError

    def _step(self, delta: int) -> None:
        field = self.focused
        if isinstance(field, Field) and not field.left:
            # PgDn acts before the keys typed just ahead of it reach the field: step once they have
            field.call_later(self._step_from, field, delta)
            return
        self._step_now(delta)

    def _step_from(self, field: Field, delta: int) -> None:
        field.left = True
        self._step_now(delta)

    def _step_now(self, delta: int) -> None:
        order = self.order()
        if not order:
            return
        i = order.index(self.qid) if self.qid in order else -1
        j = min(max(i + delta, 0), len(order) - 1)
        if j != i:
            self.show_question(order[j])
        elif isinstance(self.focused, Field):
            self.focused.left = False  # the first or last question: nothing to move on to, keep typing here

    def action_next_question(self) -> None:
        self._step(+1)

    def action_prev_question(self) -> None:
        self._step(-1)

    def action_digit(self, n: int) -> None:
        """Answer at once (not through a message), so the answer is drawn in one frame."""
        if self.control is None:
            return
        value = self.control.digit(n)
        if value is None:
            self.app.notify(t("digit.not_here", self.lang), timeout=2)
            return
        self.apply(self.control.question.id, value)

    def action_yes_no(self, yes: bool) -> None:
        if self.control is None:
            return
        value = self.control.yes_no(yes)
        if value is None:
            self.app.notify(t("digit.not_here", self.lang), timeout=2)
            return
        self.apply(self.control.question.id, value)

    @on(AnswerControl.Answered)
    def _answered(self, event: AnswerControl.Answered) -> None:
        event.stop()
        self.apply(event.question_id, event.value)

    @on(AnswerControl.Left)
    def _left_field(self, event: AnswerControl.Left) -> None:
        event.stop()
        if event.step:
            self._step(event.step)
        else:
            self.query_one("#question-pane", VerticalScroll).focus()

    @on(Input.Submitted, "#note, #evidence")
    @on(Input.Blurred, "#note, #evidence")
    def _field_left(self, event: Input.Submitted | Input.Blurred) -> None:
        event.stop()
        self.commit()

    @on(Input.Changed, "#note, #evidence")
    def _typing(self, event: Input.Changed) -> None:
        """Save what is typed once typing pauses (a field shown for another question changes too:
        saving it then finds nothing new)."""
        event.stop()
        if not event.input.has_focus:
            return
        if self._typing_save is not None:
            self._typing_save.stop()
        self._typing_save = self.set_timer(self.TYPING_SAVE_DELAY, self.commit)

    def action_next_field(self) -> None:
        """Tab in the note goes to the references and from there back to the note: never out to where
        letters are commands, so a word typed on after Tab cannot mark the answer "don't know". Esc
        leaves them. Elsewhere (the answer field among them: leaving it answers) Tab moves on as usual."""
        fields = [f for f in self.query(Field) if f.id in ("note", "evidence") and not f.disabled]
        focused = self.focused
        if focused in fields:
            self.set_focus(fields[(fields.index(focused) + 1) % len(fields)])  # at once: see Field
        else:
            self.focus_next()

    def action_toggle_side(self) -> None:
        self.toggle_class("-side-toggled")
