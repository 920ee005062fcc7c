"""Every key of the app, per screen: what it does and what it is called.

A screen's Textual `BINDINGS`, its footer and its `?` dialog are all made from the one tuple of
`Key`s here, so a key cannot work without being listed, nor be listed without working.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """A key as the user reads it (`show`), the label key of what it does, and the action.

    `action` is run by the screen (`next_question`) or by the app (`app.quit`); `keys` are the
    Textual keys the screen binds to it, empty when the key is bound elsewhere (by the app, or by
    a widget, such as Enter in a list). `each` binds keys to actions one by one (the digits)."""

    show: str
    label: str
    action: str = ""
    keys: str = ""
    footer: bool = True
    """Shown in the footer; the `?` dialog shows every key."""
    urgent: str = ""
    """Keys bound with priority, before any widget sees them (PgDn inside a text field)."""
    each: tuple[tuple[str, str], ...] = ()
    on: str = ""
    """The ids (space-separated) of the widgets the key acts on: the footer offers it only while one has the focus."""

    @property
    def in_field(self) -> bool:
        """Whether the key still works while a text field has the focus: a letter, digit or sign is typed
        into the field instead, so the footer leaves those out there (Esc, Tab, PgDn, ctrl+… stay; → and
        ← step on from the ends of a number field)."""
        if self.urgent:
            return True
        for token in self.show.split("/"):
            typed = len(token) == 1 and token not in "→←" or (len(token) == 3 and token[1] == "-")  # "0-5"
            if not typed:
                return True
        return False

    @property
    def click(self) -> str:
        """What clicking the hint runs ("" when it is a key of a widget)."""
        if not self.action or not (self.keys or self.urgent or self.action.startswith("app.")):
            return ""
        return self.action if "." in self.action else f"screen.{self.action}"


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    """The Textual bindings of a screen (or of the app) from its keys."""
    out: list[Binding] = []
    for k in keys:
        if k.keys:
            out.append(Binding(k.keys, k.action, show=False))
        if k.urgent:
            out.append(Binding(k.urgent, k.action, show=False, priority=True))
        out += [Binding(key, action, show=False) for key, action in k.each]
    return out


# the app's own keys, working on every screen

APP = (
    Key("l", "key.lang", "switch_lang", keys="l,f2"),
    Key("t", "key.theme", "switch_theme", keys="t"),
    Key("?", "key.help", "show_keys", keys="question_mark,f1"),
    Key("x", "key.export", "export", keys="x"),
    Key("q", "key.quit", "quit", keys="q"),
    Key("ctrl+q", "key.quit", "quit", urgent="ctrl+q"),
)


def app_key(action: str, *, footer: bool = True, show: str = "") -> Key:
    """One of the app's keys as a screen lists it (the app binds it)."""
    k = next(k for k in APP if k.action == action and (not show or k.show == show))
    return replace(k, action=f"app.{action}", keys="", urgent="", footer=footer)


START = (
    Key("n", "key.new", "new", keys="n"),
    Key("o", "key.open", "open", keys="o"),
    Key("i", "key.import", "import", keys="i"),
    Key("enter", "key.resume", on="saved"),
    Key("enter", "key.choose", on="menu"),
    Key("r", "key.rename_file", "rename", keys="r", on="saved"),
    Key("d/Del", "key.delete", "delete", keys="d,delete", on="saved"),
    Key("tab", "key.fields", footer=False),
    app_key("switch_lang"),
    app_key("switch_theme", footer=False),
    app_key("show_keys"),
    app_key("quit", show="q"),
)

COMPANY = (
    Key("tab", "key.fields", "app.focus_next"),
    Key("enter", "key.confirm"),
    Key("esc", "key.continue", "done", keys="escape"),
    # letters are typed into the fields here: the language has its own key
    app_key("switch_lang", footer=False),
    Key("ctrl+l", "key.lang", "app.switch_lang", keys="ctrl+l"),
    app_key("show_keys", footer=False),
    app_key("quit", show="ctrl+q"),
)

ASSESSMENT = (
    Key("0-5", "key.digits", each=tuple((str(n), f"digit({n})") for n in range(10))),
    Key("y/n", "key.yes_no", footer=False, each=(("y", "yes_no(True)"), ("n", "yes_no(False)"))),
    Key("→/PgDn", "key.next", "next_question", keys="right", urgent="pagedown"),
    Key("←/PgUp", "key.prev", "prev_question", keys="left", urgent="pageup"),
    Key("]", "key.next_pillar", "next_pillar", keys="]"),
    Key("[", "key.prev_pillar", "prev_pillar", keys="[", footer=False),
    Key("f", "key.unanswered", "first_unanswered", keys="f"),
    Key("a", "key.na", "not_applicable", keys="a"),
    Key("d", "key.dont_know", "dont_know", keys="d"),
    Key("e", "key.evidence", "cycle_evidence", keys="e", footer=False),
    Key("z", "key.undo", "undo", keys="z,ctrl+z"),
    Key("r", "key.results", "results", keys="r"),
    app_key("export", footer=False),
    Key("c", "key.company", "company", keys="c", footer=False),
    Key("i", "key.side", "toggle_side", keys="i", footer=False),
    Key("tab", "key.fields", "next_field", keys="tab", on="note evidence"),
    Key("enter", "key.answer_next", on="value"),
    Key("esc", "key.leave_field", "leave_field", keys="escape", on="value note evidence"),
    Key("enter", "key.open_cards", footer=False),
    app_key("switch_lang"),
    app_key("switch_theme", footer=False),
    app_key("show_keys"),
    app_key("quit", show="q"),
)

CARDS = (
    Key("n", "key.add_card", "add", keys="n,insert"),
    Key("enter", "key.open_card"),
    Key("r", "key.rename", "rename", keys="r"),
    Key("d/Del", "key.delete", "delete", keys="d,delete"),
    Key("z", "key.undo", "undo", keys="z,ctrl+z"),
    Key("esc", "key.back", "back", keys="escape"),
    app_key("export", footer=False),
    app_key("switch_lang"),
    app_key("switch_theme", footer=False),
    app_key("show_keys"),
    app_key("quit", show="q"),
)

CARD = (
    Key("0-5", "key.digits", each=tuple((str(n), f"digit({n})") for n in range(10))),
    Key("y/n", "key.yes_no", footer=False, each=(("y", "yes_no(True)"), ("n", "yes_no(False)"))),
    Key("→/PgDn", "key.next", "next_question", keys="right", urgent="pagedown"),
    Key("←/PgUp", "key.prev", "prev_question", keys="left", urgent="pageup"),
    Key("a", "key.na", "not_applicable", keys="a"),
    Key("d", "key.dont_know", "dont_know", keys="d"),
    Key("e", "key.evidence", "cycle_evidence", keys="e", footer=False),
    Key("z", "key.undo", "undo", keys="z,ctrl+z"),
    Key("enter", "key.answer_next", on="value"),
    Key("esc", "key.back", "back", keys="escape"),
    Key("i", "key.side", "toggle_side", keys="i", footer=False),
    Key("tab", "key.fields", "next_field", keys="tab", on="note evidence"),
    app_key("export", footer=False),
    app_key("switch_lang"),
    app_key("switch_theme", footer=False),
    app_key("show_keys"),
    app_key("quit", show="q"),
)

RESULTS = (
    Key("↓/PgDn", "key.read_on", "page_down", urgent="pagedown"),
    Key("↑/PgUp", "key.read_back", "page_up", urgent="pageup", footer=False),
    Key("enter", "key.target"),
    app_key("export"),
    Key("esc", "key.back", "back", keys="escape,b"),
    app_key("switch_lang"),
    app_key("switch_theme", footer=False),
    app_key("show_keys"),
    app_key("quit", show="q"),
)

# dialogs: no footer, their buttons say what they do

DIALOG = (Key("esc", "key.cancel", "cancel", keys="escape"),)
EXPORT = (*DIALOG, Key("1-3", "key.choose", each=tuple((str(n + 1), f"kind({n})") for n in range(3))))
UPGRADE = (*DIALOG, Key("c", "key.carry", "carry", keys="c"), Key("k", "key.keep", "keep", keys="k"))
CONFIRM = (Key("esc", "key.cancel", "cancel", keys="escape,n"), Key("y", "key.confirm", "confirm", keys="y"))
KEYS_DIALOG = (Key("esc", "button.close", "close", keys="escape,question_mark,q"),)
