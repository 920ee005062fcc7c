"""Results: overall score and level, pillars against target, gates failed with their basis,
claimed vs evidenced, the roadmap, the shortest path and programme readiness. Targets are
changed here (saved in the answer file) and everything updates."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assess.model import SingleSelectQuestion, localize
from assess.session.store import Store
from assess.text import format as fmt
from assess.text.app_labels import t
from assess.tui import keymap, scores
from assess.tui.formatting import fit
from assess.tui.linebreak import Prose
from assess.tui.screens.base import AppScreen
from assess.tui.widgets.bars import score_bar
from assess.tui.widgets.keybar import KeyBar

ROADMAP_ROWS = 12


class TargetList(OptionList):
    """The pillars, one highlighted to change its target. ↓ past the last one and ↑ before the first
    scroll the results, so that the page reads on with the arrow keys alone."""

    def _page(self) -> VerticalScroll:
        return self.screen.query_one("#results", VerticalScroll)

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted >= self.option_count - 1:
            self._page().scroll_down(animate=False)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        page = self._page()
        hidden_above = page.scroll_y > self.virtual_region.y  # the list's top is scrolled out of view
        if (hidden_above or not self.highlighted) and page.scroll_y > 0:
            page.scroll_up(animate=False)
            return
        super().action_cursor_up()


class ResultsScreen(AppScreen):
    KEYS = keymap.RESULTS
    BINDINGS = keymap.bindings(KEYS)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.assessment = scores.live(store.q, store.answers)
        self.plan: scores.Plan | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results"):
            yield Static(id="overall")
            yield Static(id="pillars-heading", classes="section-heading")
            yield TargetList(id="targets")
            yield Static(id="gates")
            yield Static(id="roadmap")
            yield Static(id="path")
            yield Static(id="programmes")
        yield KeyBar(self.KEYS, self.lang, id="keys")

    def on_mount(self) -> None:
        self.refresh_results()
        self.query_one("#targets", OptionList).focus()

    def relabel(self) -> None:
        self.query_one(KeyBar).set_lang(self.lang)
        self.refresh_results(rescore=False)

    def refresh_results(self, rescore: bool = True) -> None:
        if rescore or self.plan is None:
            self.assessment = scores.live(self.store.q, self.store.answers)
            self.plan = scores.plan(self.assessment)
        self._overall()
        self._pillars()
        self._gates()
        self._roadmap()
        self._path()
        self._programmes()

    # ------------------------------------------------------------------ sections

    def pillar_name(self, pid: str) -> str:
        for p in self.store.q.pillars:
            if p.id == pid:
                return localize(p.name, self.lang)
        return pid

    def _overall(self) -> None:
        a, lang, q = self.assessment, self.lang, self.store.q
        o = a.overall
        text = Text()
        company = self.store.answers.company.name or t("start.unnamed", lang)
        text.append(f"{t('results.heading', lang)} · {company}\n", style="bold")
        text.append(f"{t('results.overall', lang)} ", style="bold")
        text.append(f"{fmt.score(o.score)} / 5", style="bold cyan")
        text.append(f"  {t('results.level', lang)} {fmt.level(o.level, lang, scores.level_name(q, o.level, lang))}",
                    style="bold")
        text.append(f"  {t('results.completion', lang)} {fmt.percent(o.completion)}\n")
        text.append(t("results.claimed_vs", lang, c=fmt.score(o.claimed), e=fmt.score(o.evidenced)), style="dim")
        if o.audited is not None:  # a reviewer has decided on answers (assess review --apply)
            text.append(t("results.audited_score", lang, a=fmt.score(o.audited)), style="bold")
        pending = [r for r in a.questions.values() if r.waits_on and not r.gate]
        if pending:
            ids = self._profile_names(sorted({m for r in pending for m in r.waits_on}))
            text.append("\n" + t("results.pending", lang, n=len(pending), ids=ids), style="yellow")
        if o.compliance_first:
            cap = q.scoring.gate_level_cap
            held = fmt.level(cap, lang, scores.level_name(q, cap, lang))
            text.append("\n" + t("results.compliance_first", lang, level=held),
                        style="bold red")
        if o.responded == 0:
            text.append("\n" + t("results.nothing_answered", lang), style="yellow")
        self.query_one("#overall", Static).update(Prose(text))

    def _pillars(self) -> None:
        a, lang, q = self.assessment, self.lang, self.store.q
        self.query_one("#pillars-heading", Static).update(Text(t("results.pillars", lang), style="bold"))
        width = max(40, (self.size.width or self.app.size.width or 80) - 6)  # less the list's border
        bar_w = 20 if width >= 100 else 8
        # the names take the room the figures leave (score, target, gap and level need ~40 cells)
        longest = max((cell_len(self.pillar_name(p.id)) for p in a.pillars), default=10)
        name_w = max(12, min(longest, width - bar_w - (52 if width >= 100 else 34)))
        options = []
        for p in a.pillars:
            name = self.pillar_name(p.id)
            line = Text()
            line.append(fit(name, name_w))
            line.append(" ")
            if not p.applicable:
                line.append(t("status.na", lang), style="dim")
                options.append(Option(line, id=p.id))
                continue
            line.append_text(score_bar(p.score, p.target, bar_w))
            line.append(f" {fmt.score(p.score)}", style="bold")
            line.append(f"/{fmt.number(p.target)}")
            marker = "*" if p.target_source != "default" else ""
            line.append(marker, style="bold yellow")
            line.append(f" {t('results.gap', lang)} {fmt.score(p.gap)}", style="red" if p.gap > 0 else "green")
            line.append(f" {scores.level_name(q, p.level, lang)}", style="dim")
            if width >= 100:
                line.append(f"  {t('results.evidenced', lang)} {fmt.score(p.evidenced)}", style="dim")
                if p.audited is not None:
                    line.append(f"  {t('results.audited', lang)} {fmt.score(p.audited)}", style="dim")
                line.append(f"  {fmt.percent(p.completion)}", style="dim")
            if p.capped:
                line.append(f" {t('results.capped', lang)}", style="bold red")
            options.append(Option(line, id=p.id))
        targets = self.query_one("#targets", OptionList)
        keep = targets.highlighted
        targets.set_options(options)
        if options:
            targets.highlighted = keep if keep is not None and keep < len(options) else 0

    def _gates(self) -> None:
        a, lang = self.assessment, self.lang
        text = Text(t("results.gates", lang) + "\n", style="bold")
        unconfirmed = [r for r in a.questions.values() if r.unconfirmed]
        if not a.gates_failed and not unconfirmed:
            text.append(t("results.gates_none", lang), style="green")
        by_id = self.store.by_id
        for g in a.gates_failed:
            question = by_id[g.question]
            basis = localize(question.gate.basis, lang) if question.gate else ""
            text.append(f"✗ {g.question} ", style="bold red")
            text.append(f"{self.pillar_name(g.pillar)} · {t('gate.' + g.reason, lang)}\n", style="red")
            text.append(f"  {localize(question.prompt, lang)}\n")
            waits = a.questions[g.question].waits_on
            if waits:
                text.append("  " + t("results.waits_on", lang, ids=self._profile_names(waits)) + "\n", style="yellow")
            text.append(f"  {basis}\n", style="dim")
        for r in unconfirmed:
            text.append(f"? {r.id} ", style="bold yellow")
            text.append(f"{self.pillar_name(r.pillar)} · {t('results.unconfirmed', lang)}\n", style="yellow")
            text.append(f"  {localize(by_id[r.id].prompt, lang)}\n")
        self.query_one("#gates", Static).update(Prose(text))

    def _roadmap(self) -> None:
        lang = self.lang
        assert self.plan is not None
        actions = self.plan.roadmap
        text = Text(t("results.roadmap", lang), style="bold")
        if not actions:
            text.append("\n" + t("results.roadmap_none", lang), style="green")
        table = Table.grid(padding=(0, 1))
        for _ in range(4):
            table.add_column()
        table.columns[3].overflow = "fold"
        for action in actions[:ROADMAP_ROWS]:
            question = self.store.by_id[action.question]
            rec = scores.recommendation(question, action.from_value, action.to_value, lang)
            table.add_row(
                Text(t("phase." + action.phase, lang), style="bold red" if action.phase == "now" else "bold"),
                Text(action.question, style="dim"),
                Text(f"{fmt.score(action.from_score)}→{fmt.score(action.to_score)}"),
                Text(rec),
            )
        self.query_one("#roadmap", Static).update(_group(text, table if actions else None,
                                                          self._more(len(actions) - ROADMAP_ROWS)))

    def _path(self) -> None:
        lang = self.lang
        assert self.plan is not None
        path = self.plan.path
        text = Text(t("results.path", lang, n=len(path.steps)), style="bold")
        if not path.steps:
            text.append("\n" + t("results.path_none", lang), style="green")
        for pp in path.pillars:
            if not pp.reachable:
                text.append("\n" + t("results.path_unreachable", lang, pillar=self.pillar_name(pp.pillar)),
                            style="yellow")
        table = Table.grid(padding=(0, 1))
        for _ in range(4):
            table.add_column()
        table.columns[3].overflow = "fold"
        for step in path.steps[:ROADMAP_ROWS]:
            question = self.store.by_id[step.question]
            before = fmt.value_text(question, step.from_value, lang) if step.from_value is not None else "—"
            after = fmt.value_text(question, step.to_value, lang)
            table.add_row(
                Text(f"{step.order}.", style="bold"),
                Text(step.question, style="dim"),
                Text(self.pillar_name(step.pillar), style="dim"),
                Text(f"{before} → {after}"),
            )
        self.query_one("#path", Static).update(_group(text, table if path.steps else None,
                                                       self._more(len(path.steps) - ROADMAP_ROWS)))

    def _programmes(self) -> None:
        lang, q = self.lang, self.store.q
        assert self.plan is not None
        text = Text(t("results.programmes", lang) + "\n", style="bold")
        if not self.plan.programmes:
            text.append(t("results.programmes_none", lang), style="dim")
        defs = {p.id: p for p in q.programmes}
        for res in self.plan.programmes:
            prog = defs[res.id]
            ok = res.ready
            text.append("✓ " if ok else "✗ ", style="bold green" if ok else "bold red")
            text.append(localize(prog.name, lang), style="bold")
            text.append(f" · {t('programme.ready' if ok else 'programme.not_ready', lang)}\n",
                        style="green" if ok else "red")
            for c in res.failed:
                crit = prog.criteria[c.index]
                line = self._criterion(c) + (t("criterion.unbacked", lang) if c.unbacked else "")
                # the condition on a line of its own, why the programme asks it on the next
                text.append(f"  - {line}\n")
                text.append(f"    {localize(crit.reason, lang)}\n", style="dim")
            if prog.cards is not None and res.cards_met < res.cards_needed:
                group = next((g for _, g in q.card_groups() if g.id == prog.cards.group), None)
                name = localize(group.name, lang) if group is not None else prog.cards.group
                text.append("  - " + t("criterion.cards", lang, group=name, met=res.cards_met,
                                       needed=res.cards_needed) + "\n", style="dim")
        self.query_one("#programmes", Static).update(Prose(text))

    def _profile_names(self, ids: list[str]) -> str:
        """Profile questions as a respondent finds them: id and the start of the prompt."""
        out = []
        for qid in ids:
            prompt = localize(self.store.by_id[qid].prompt, self.lang) if qid in self.store.by_id else ""
            short = fit(prompt, 18 if self.lang == "zh" else 30).rstrip()
            out.append(f"{qid}（{short}）" if self.lang == "zh" else f"{qid} ({short})")
        return "、".join(out) if self.lang == "zh" else "; ".join(out)

    def _criterion(self, c) -> str:
        """A criterion not met, as a sentence: "M02 的回答不低于 50%（现为 30%）"."""
        lang = self.lang
        if c.kind == "gates":
            return t("criterion.gates", lang, ids=fmt.join(c.actual or [], lang))
        if c.kind in ("overall", "pillar"):
            x = fmt.score(c.expected) if isinstance(c.expected, float) else fmt.number(c.expected)
            now = t("criterion.now", lang, value=fmt.score(c.actual)) if isinstance(c.actual, float) else ""
            if c.kind == "overall":
                return t("criterion.overall", lang, x=x) + now
            return t("criterion.pillar", lang, name=self.pillar_name(c.subject), x=x) + now
        question = self.store.by_id.get(c.subject)

        def shown(v: object) -> str:
            if question is not None and question.type == "maturity" and isinstance(v, int | float):
                return fmt.level(int(v), lang)
            return fmt.value_text(question, v, lang)  # type: ignore[arg-type]

        expected, test = c.expected, c.test
        if isinstance(question, SingleSelectQuestion) and test == "at_least" and isinstance(expected, int | float):
            # an option's points are the questionnaire's: the respondent knows the options that reach them
            expected, test = [o.id for o in question.options if o.points >= expected], "one_of"
        if isinstance(expected, list):
            x = fmt.join((t("criterion.quoted", lang, x=shown(v)) for v in expected), lang)
        else:
            x = shown(expected)
        key = f"criterion.{test}" if test in ("at_least", "equals", "one_of", "includes") else "criterion.equals"
        now = (t("criterion.now", lang, value=fmt.value_text(question, c.actual, lang)) if c.actual is not None
               else t("criterion.unanswered", lang))
        return t(key, lang, qid=c.subject, x=x) + now

    def _more(self, n: int) -> Text | None:
        return Text(t("results.more", self.lang, n=n), style="dim") if n > 0 else None

    # ------------------------------------------------------------------ targets

    @on(OptionList.OptionSelected, "#targets")
    def _edit_target(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pid = event.option.id
        if pid is None:
            return
        from assess.tui.screens.target_dialog import TargetDialog

        pillar = next(p for p in self.store.q.pillars if p.id == pid)
        current = self.assessment.pillar(pid).target

        def chosen(value: float | None | str) -> None:
            if value is None:
                return
            new = None if value == "default" else float(value)
            if self.store.set_target(pid, new):
                self.refresh_results()
                shown = fmt.number(new if new is not None else pillar.target)
                self.app.notify(t("target.saved", self.lang, pillar=self.pillar_name(pid), value=shown), timeout=3)

        self.app.push_screen(
            TargetDialog(self.pillar_name(pid), current, float(pillar.target), self.lang), callback=chosen
        )

    def action_page_down(self) -> None:
        self.query_one("#results", VerticalScroll).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one("#results", VerticalScroll).scroll_page_up(animate=False)

    def action_back(self) -> None:
        self.dismiss(None)


def _group(head: Text, table: Table | None, tail: Text | None):
    from rich.console import Group

    parts = [head]
    if table is not None:
        parts.append(table)
    if tail is not None:
        parts.append(tail)
    return Group(*parts)
