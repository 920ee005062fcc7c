"""What an undo touched, in the words the respondent knows it by: "已撤销：PR-ROLES" named a code
nobody on the shop floor reads. A question is named by the start of its prompt, a card by its
name, a company field by its label, a target by its pillar."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assess.model import localize
from assess.text.app_labels import t
from assess.tui.formatting import clip

if TYPE_CHECKING:  # pragma: no cover
    from assess.session.store import Store

WIDTH = 30
"""Cells of a prompt shown in the notice: enough to know the question by."""

CARD = re.compile(r"cards\.(?P<group>[^\[]+)\[(?P<key>.*)\](?:\.(?P<qid>[^.]+))?(?:\.\w+)?")


def undone_words(store: Store, what: str, lang: str) -> str:
    if what in store.by_id:
        return "“" + clip(localize(store.by_id[what].prompt, lang), WIDTH) + "”"
    qid = what.split(".")[0]  # a question's note or references: 'A01.note'
    if qid in store.by_id:
        return undone_words(store, qid, lang)
    card = CARD.fullmatch(what)
    if card is not None:
        words = "“" + clip(card["key"], WIDTH) + "”"
        try:
            group = store.group(card["group"])
        except (KeyError, ValueError, LookupError):
            return words
        question = next((q for q in group.questions if q.id == card["qid"]), None)
        if question is not None:
            words += " · “" + clip(localize(question.prompt, lang), WIDTH) + "”"
        return words
    from assess.tui.screens.company import FIELDS

    label = dict(FIELDS).get(what)  # type: ignore[call-overload]
    if label is not None:
        return t(label, lang)
    if what.startswith("targets."):
        pillar = what.removeprefix("targets.")
        section = next((s for s in store.sections if s.id == pillar), None)
        name = localize(section.name, lang) if section is not None else pillar
        return t("undo.target", lang, pillar=name)
    return what
