"""The side panel: why a question matters, typical evidence and its sources."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from assess.model import QuestionBase, localize
from assess.sources import Source
from assess.text.app_labels import t
from assess.tui.linebreak import Prose


def citation_text(cite: str, sources: Mapping[str, Source] | None, lang: str) -> str:
    """`source#fact` as a reader wants it: the source's title (and the fact), else the id."""
    sid, _, fact = cite.partition("#")
    src = (sources or {}).get(sid)
    if src is None:
        return cite
    out = localize(src.title, lang)
    if src.document_number:
        out += f"（{src.document_number}）" if lang == "zh" else f" ({src.document_number})"
    if fact:
        for f in src.facts:
            if f.id == fact:
                out += ("：" if lang == "zh" else ": ") + localize(f.text, lang)
                break
    return out


class SidePanel(VerticalScroll, can_focus=False):
    """Collapses (by the screen's CSS) when the terminal is narrower than 100 columns."""

    def compose(self):
        yield Static(id="side-body")

    def show(self, question: QuestionBase | None, lang: str, sources: Mapping[str, Source] | None) -> None:
        body = Text()
        if question is not None:
            if question.gate is not None:
                body.append(t("side.gate", lang) + "\n", style="bold magenta")
                body.append(localize(question.gate.basis, lang) + "\n\n")
            for title, text in (("side.why", localize(question.help, lang)),
                                ("side.evidence", localize(question.evidence, lang))):
                body.append(t(title, lang) + "\n", style="bold")
                body.append((text or t("side.none", lang)) + "\n\n")
            body.append(t("side.citations", lang) + "\n", style="bold")
            if question.citations:
                for cite in question.citations:
                    body.append("- " + citation_text(cite, sources, lang) + "\n")
            else:
                body.append(t("side.none", lang) + "\n")
        self.query_one("#side-body", Static).update(Prose(body))
        self.scroll_home(animate=False)
