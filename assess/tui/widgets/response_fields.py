"""Evidence state, note and evidence references of one answer: the rows under an answer control,
on the assessment and on a card alike.

The evidence states offered are those a respondent may choose: "verified" is left out where only
a reviewer sets it, and an answer that already says "verified" is shown as documented (the
screen says why, `shown_as_documented`). The fields only show; the screen saves through the store.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet

from assess.answers import Answer
from assess.model import EvidenceState
from assess.text.app_labels import t
from assess.text.clean import EVIDENCE_COUNT_MAX, EVIDENCE_REF_MAX, NOTE_MAX, typed
from assess.text.parse import split_references
from assess.tui.widgets.field import Field


class StateButton(RadioButton):
    """An evidence state: the chosen one is marked ● and the others ○, seen without colour (a
    monochrome terminal, a colour-blind reader, a printout of the screen)."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:  # noqa: N802 - the name Textual reads
        return "●" if self.value else "○"




class ResponseFields(Vertical):
    DEFAULT_CSS = "ResponseFields { height: auto; }"

    def __init__(self, lang: str, states: Sequence[EvidenceState] = tuple(EvidenceState), **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.states = [s.value for s in states]

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(id="evidence-row", classes="response-row"):
            yield Label(t("evidence.state", lang), id="ev-label", classes="row-label")
            with RadioSet(id="ev-state", compact=True):
                for s in self.states:
                    yield StateButton(t(f"evidence.{s}", lang), id=f"ev-{s}")
        with Horizontal(classes="response-row"):
            yield Label(t("field.note", lang), id="note-label", classes="row-label")
            # as long as an answer file may hold; Tab back into a field must not select it for a stray key to replace
            yield Field(id="note", max_length=NOTE_MAX, compact=True, select_on_focus=False)
        with Horizontal(classes="response-row"):
            yield Label(t("field.evidence", lang), id="evidence-label", classes="row-label")
            yield Field(id="evidence", max_length=EVIDENCE_COUNT_MAX * EVIDENCE_REF_MAX, compact=True,
                        select_on_focus=False)

    def relabel(self, lang: str) -> None:
        self.lang = lang
        self.query_one("#ev-label", Label).update(t("evidence.state", lang))
        for s in self.states:
            self.query_one(f"#ev-{s}", RadioButton).label = t(f"evidence.{s}", lang)
        self.query_one("#note-label", Label).update(t("field.note", lang))
        self.query_one("#evidence-label", Label).update(t("field.evidence", lang))

    def shown_state(self, answer: Answer | None) -> str:
        """The state the choices show: the answer's, or documented for a "verified" not offered here."""
        state = answer.evidence_state.value if answer else EvidenceState.declared.value
        return state if state in self.states else EvidenceState.documented.value

    def shown_as_documented(self, answer: Answer | None) -> bool:
        """Whether the answer says "verified" where a respondent cannot: shown as documented."""
        return answer is not None and answer.evidence_state.value not in self.states

    def next_state(self, answer: Answer) -> str:
        """The state after the shown one, in order, wrapping (the `e` key)."""
        return self.states[(self.states.index(self.shown_state(answer)) + 1) % len(self.states)]

    def show(self, answer: Answer | None) -> None:
        """Show an answer's fields: editable once the question has a response."""
        lang = self.lang
        note = self.query_one("#note", Input)
        refs = self.query_one("#evidence", Input)
        radios = self.query_one("#ev-state", RadioSet)
        responded = answer is not None
        for widget in (note, refs, radios):
            widget.disabled = not responded
        note.placeholder = t("field.note_placeholder" if responded else "field.answer_first", lang)
        refs.placeholder = t("field.evidence_placeholder" if responded else "field.answer_first", lang)
        want_note = answer.note if answer else ""
        saved_refs = answer.evidence if answer else []
        want_refs = "; ".join(saved_refs)
        # a field being typed in that already says what is saved is left as typed (saved while
        # typing: "a; " must not lose its "; " before the next reference is typed)
        if note.value != want_note and not (note.has_focus and typed(note.value, "note") == want_note):
            note.value = want_note
        if refs.value != want_refs and not (refs.has_focus and split_references(refs.value) == saved_refs):
            refs.value = want_refs
        button = self.query_one(f"#ev-{self.shown_state(answer)}", RadioButton)
        if not button.value:
            with radios.prevent(RadioSet.Changed):
                button.value = True

    def typed(self) -> tuple[str, list[str]]:
        """The note and the evidence references as typed (references split at ; or ；)."""
        return self.query_one("#note", Input).value, split_references(self.query_one("#evidence", Input).value)

    def state_words(self, answer: Answer) -> str:
        """The evidence state shown, in words (for the status line: not only a coloured mark)."""
        return t("evidence.now", self.lang, state=t(f"evidence.{self.shown_state(answer)}", self.lang))
