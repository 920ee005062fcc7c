"""The answer control fitted to a question's type, posting `Answered` when the answer changes.

maturity: the six levels with their descriptors (digits 0-5); yes/no (y, n); single and multi
select (digits pick option N); percentage, number and text: a field that commits on Enter or when
left. The control only reports; the screen saves through the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList

from assess.answers import Answer, Value
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    SingleSelectQuestion,
    YesNoQuestion,
    localize,
)
from assess.rules import check_value
from assess.text import format as fmt
from assess.text.app_labels import t
from assess.text.clean import TEXT_MAX
from assess.text.messages import say
from assess.text.parse import parse_number, tidy_number
from assess.tui.widgets.choice_list import ChoiceList
from assess.tui.widgets.field import Field


class NumberField(Field):
    """A number or percentage field: → at the end of it and ← at its start step to the next or previous
    question, as they do everywhere else on the screen (inside the text they move the cursor)."""

    @dataclass
    class Step(Message):
        field: NumberField
        delta: int

        @property
        def control(self) -> NumberField:
            return self.field

    def action_cursor_right(self, select: bool = False) -> None:
        if not select and self.cursor_at_end:
            self.left = leaves(self)
            self.post_message(self.Step(self, +1))
        else:
            super().action_cursor_right(select)

    def action_cursor_left(self, select: bool = False) -> None:
        if not select and self.cursor_at_start:
            self.left = leaves(self)
            self.post_message(self.Step(self, -1))
        else:
            super().action_cursor_left(select)

    async def action_submit(self) -> None:
        self.left = leaves(self)
        await super().action_submit()


class TextField(Field):
    async def action_submit(self) -> None:
        self.left = leaves(self)
        await super().action_submit()


def leaves(field: Field) -> bool:
    """Whether confirming the field moves on: yes unless what it holds is refused (then it keeps the focus)."""
    control = next((a for a in field.ancestors if isinstance(a, AnswerControl)), None)
    result = control.typed_value() if control is not None else None
    return control is not None and (result is None or result[0])


class AnswerControl(Vertical):
    """One question's answer control."""

    DEFAULT_CSS = """
    AnswerControl { height: auto; }
    AnswerControl ChoiceList { height: auto; max-height: 24; }
    AnswerControl .field-row { height: auto; }
    AnswerControl .field-row Input { width: 1fr; max-width: 40; }
    AnswerControl .field-row Label { padding: 0 1; color: $text-muted; }
    """

    @dataclass
    class Answered(Message):
        """The respondent gave a valid value."""

        question_id: str
        value: Value

    @dataclass
    class Rejected(Message):
        """A typed value is not acceptable; `why` says so in the current language."""

        question_id: str
        why: str

    def __init__(self, question: QuestionBase, answer: Answer | None, lang: str, *, autofocus: bool = False,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.autofocus = autofocus
        self.question = question
        self.lang = lang
        self.answer = answer
        self.values: list[Value] = []
        """Choice controls: the value of each row."""

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        q, lang = self.question, self.lang
        if isinstance(q, MaturityQuestion):
            self.values = list(range(len(q.levels)))
            yield ChoiceList([localize(lv.descriptor, lang) for lv in q.levels],
                             keys=[str(i) for i in self.values], chosen=self._chosen(), id="choices")
        elif isinstance(q, YesNoQuestion):
            self.values = [True, False]
            yield ChoiceList([t("yes", lang), t("no", lang)], keys=["y", "n"], chosen=self._chosen(), id="choices")
        elif isinstance(q, (SingleSelectQuestion, MultiSelectQuestion)):
            self.values = [o.id for o in q.options]
            yield ChoiceList([localize(o.label, lang) for o in q.options], multi=isinstance(q, MultiSelectQuestion),
                             chosen=self._chosen(), id="choices")
        else:
            with Horizontal(classes="field-row"):
                numeric = isinstance(q, (PercentageQuestion, NumberQuestion))
                yield (NumberField if numeric else TextField)(
                    value=self._text_value(),
                    placeholder=t("field.value" if numeric else "field.text", lang),
                    max_length=min(getattr(q, "max_length", None) or TEXT_MAX, TEXT_MAX),
                    compact=True,
                    id="value",
                )
                yield Label(self._hint(), markup=False)  # a unit from the questionnaire, such as "[kWh]"

    def on_mount(self) -> None:
        if self.autofocus:
            self.focus_control()

    def _hint(self) -> str:
        q, lang = self.question, self.lang
        if isinstance(q, PercentageQuestion):
            return "% (0–100)"
        if isinstance(q, NumberQuestion):
            unit = localize(q.unit, lang) if q.unit else ""
            # a bound not set is not shown: "范围 …–…" tells a respondent nothing
            if q.min is not None and q.max is not None:
                bounds = t("field.range", lang, lo=fmt.number(q.min), hi=fmt.number(q.max))
            elif q.min is not None:
                bounds = t("field.min", lang, lo=fmt.number(q.min))
            elif q.max is not None:
                bounds = t("field.max", lang, hi=fmt.number(q.max))
            else:
                bounds = ""
            return f"{unit} {bounds}".strip()
        return t("field.commit_hint", lang)

    def _current(self) -> Value:
        a = self.answer
        return a.value if a is not None and a.status == "answered" else None

    def _chosen(self) -> set[int]:
        v = self._current()
        if v is None:
            return set()
        if isinstance(self.question, MultiSelectQuestion) and isinstance(v, list):
            return {i for i, x in enumerate(self.values) if x in v}
        return {i for i, x in enumerate(self.values) if x == v and type(x) is type(v)}

    def _text_value(self) -> str:
        v = self._current()
        if v is None:
            return ""
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return fmt.number(v)
        return str(v)

    # ------------------------------------------------------------------ updating

    def show_answer(self, answer: Answer | None) -> None:
        """Reflect an answer changed elsewhere (undo, N/A, don't know) without rebuilding."""
        self.answer = answer
        if self.values:
            self.query_one(ChoiceList).set_chosen(self._chosen())
        else:
            field = self.query_one("#value", Input)
            if field.value != self._text_value():
                field.value = self._text_value()

    def focus_control(self) -> None:
        # keys pressed fast may have moved on already: a control removed before it was built has nothing to focus
        found = self.query(ChoiceList) if self.values else self.query("#value")
        if not found:
            return
        target = found.first()
        target.focus()
        if self.values and isinstance(target, ChoiceList):
            chosen = sorted(self._chosen())
            if chosen:
                target.highlighted = chosen[0]
            elif target.highlighted is None:
                target.highlighted = 0

    @property
    def is_choice(self) -> bool:
        return bool(self.values)

    # ------------------------------------------------------------------ answering

    def value_at(self, index: int) -> Value:
        """The answer that choosing row `index` gives (toggling it, for multi select); None when
        there is no such row. The row is highlighted."""
        if not self.values or not 0 <= index < len(self.values):
            return None
        self.query_one(ChoiceList).highlighted = index
        q = self.question
        if isinstance(q, MultiSelectQuestion):
            current = self._current()
            chosen = list(current) if isinstance(current, list) else []
            oid = self.values[index]
            exclusive = {o.id for o in q.options if o.exclusive}
            if oid in chosen:
                chosen.remove(oid)
            elif oid in exclusive:
                chosen = [oid]
            else:
                chosen = [x for x in chosen if x not in exclusive] + [oid]
            return [x for x in self.values if x in chosen]
        return self.values[index]

    def pick(self, index: int) -> bool:
        """Choose row `index` and post `Answered`. False when there is no such row."""
        value = self.value_at(index)
        if value is None:
            return False
        self.post_message(self.Answered(self.question.id, value))
        return True

    def digit(self, n: int) -> Value:
        """The answer a digit key gives: a maturity level, or option N (1-based) of a select,
        1/0 for yes/no; None when digits do not answer this question."""
        q = self.question
        if isinstance(q, MaturityQuestion):
            return self.value_at(n)
        if isinstance(q, (SingleSelectQuestion, MultiSelectQuestion)) and n >= 1:
            return self.value_at(n - 1)
        if isinstance(q, YesNoQuestion) and n in (0, 1):
            return self.value_at(0 if n == 1 else 1)
        return None

    def yes_no(self, yes: bool) -> Value:
        if isinstance(self.question, YesNoQuestion):
            return self.value_at(0 if yes else 1)
        return None

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index)

    @dataclass
    class Left(Message):
        """The field was confirmed: the screen moves the focus on (`step` questions on, 0: off the field)."""

        step: int = 0

    @on(Input.Submitted, "#value")
    @on(Input.Blurred, "#value")
    @on(NumberField.Step, "#value")
    def _typed(self, event: Input.Submitted | Input.Blurred | NumberField.Step) -> None:
        event.stop()
        result = self.typed_value()
        self.commit()
        if isinstance(event, Input.Blurred) or (result is not None and not result[0]):
            return  # a value refused keeps the focus, for the respondent to correct it
        if isinstance(event, NumberField.Step):
            self.post_message(self.Left(event.delta))
        else:  # Enter: answered, and the next question follows
            self.post_message(self.Left(1))

    def commit(self) -> None:
        """Post what the field holds, if it differs from the saved answer."""
        result = self.typed_value()
        if result is None:
            return
        ok, value = result
        if ok:
            self.post_message(self.Answered(self.question.id, value))
        else:
            self.post_message(self.Rejected(self.question.id, str(value)))

    def typed_value(self) -> tuple[bool, Value] | None:
        """What the field holds when it differs from the saved answer: (True, value) when valid,
        (False, why) when not; None for choice controls and unchanged or empty fields."""
        if self.values or not self.is_mounted:
            return None
        field = self.query_one("#value", Input)
        text = field.value.strip()
        if text == "" or text == self._text_value():
            return None
        q, lang = self.question, self.lang
        value: Value
        if isinstance(q, (PercentageQuestion, NumberQuestion)):
            # read as the answer sheet reads it: "４０", "1,000" and "40 %" are numbers
            number = parse_number(text, percent_sign=isinstance(q, PercentageQuestion))
            if number is None:
                return False, t("invalid.number", lang)
            value = tidy_number(number)
        else:
            value = field.value
        why = check_value(q, value)
        if why:
            return False, say(why, lang)  # the one rule's own words, in the app's language
        return True, value
