"""What every full screen of the app offers the app, declared once.

The app speaks to its screens through these methods only (relabel after a language switch,
commit before an export or quitting, sources loaded), and screens reach the app through the
typed `assess` property, so neither side looks the other up by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import Screen

from assess.tui.keymap import Key

if TYPE_CHECKING:  # pragma: no cover
    from assess.tui.app import AssessApp


class AppScreen(Screen[None]):
    KEYS: ClassVar[tuple[Key, ...]] = ()
    """The screen's keys (assess.tui.keymap): its bindings, footer and `?` dialog."""

    @property
    def assess(self) -> AssessApp:
        return cast("AssessApp", self.app)

    @property
    def lang(self) -> str:
        return self.assess.lang

    def relabel(self) -> None:
        """The language changed: redraw every label."""

    def commit(self) -> None:
        """Save what is being typed (before an export, or quitting): nothing is ever unsaved."""

    def sources_loaded(self) -> None:
        """The policy sources questions cite are loaded: show them where they are named."""
