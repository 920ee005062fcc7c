"""A text field whose keys act in the order they were typed, and that hands on the keys typed after
it was left.

Textual runs a field's own keys (Ctrl+U, Backspace, ←, Enter …) only once the key has travelled up
to the app, while letters and digits are typed at once: a respondent typing Ctrl+U, 1, 2, Enter fast
saw "12" typed, then cleared by the late Ctrl+U, and Enter moved on with nothing saved. Here the
field runs its own keys as they arrive.

Keys typed fast after Enter or Tab reach the field before the next question is shown: once the field is
`left` they are handed back to the app, which gives them to what has the focus now, instead of
being typed into the answer just left."""

from __future__ import annotations

from textual import events
from textual.events import Focus
from textual.widgets import Input


class Field(Input):
    left = False
    """Set when the respondent moved on from this field: keys still arriving belong elsewhere."""

    async def _on_key(self, event: events.Key) -> None:
        if self.left:
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):  # the screen's keys, but they decide where what follows goes
            event.stop()
            event.prevent_default()
            step = getattr(self.screen, "action_next_field", None) if event.key == "tab" else None
            if step is not None:
                step()
            elif event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            self.left = self.screen.focused is not self
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority:  # priority keys were run by the app before the field saw them
                event.stop()
                event.prevent_default()
                self._restart_blink()
                await self.run_action(binding.action)
                return
        await super()._on_key(event)

    def _on_focus(self, event: Focus) -> None:
        self.left = False  # the respondent came back to it (the note and references stay on screen)
        super()._on_focus(event)
