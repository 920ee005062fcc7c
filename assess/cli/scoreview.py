"""Shared by `assess score`, `compare` and `explain`: load and score an answer file, and draw
the results with rich. Imported only from inside those commands' `run`, so `assess --help`
never loads rich."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from assess.cli.common import parse_targets
from assess.model import localize
from assess.plan import recommendation
from assess.rules import question_index
from assess.text import format as fmt
from assess.text.cli_labels import labels
from assess.text.format import value_text
from assess.text.glossary import term

if TYPE_CHECKING:  # pragma: no cover
    from assess.plan import Action, Comparison, CriterionResult, ProgrammeResult, ShortestPath, Trace
    from assess.problems import Problem
    from assess.scoring import Assessment

BAR_WIDTH = 12


def load_and_score(
    path: str, args: argparse.Namespace, questionnaire: str | None = None
) -> tuple[Assessment, list[Problem]]:
    """Load an answer file (or filled sheet) with its questionnaire (`questionnaire`, else
    --questionnaire, else its pin) and score it with the --target overrides. Raises
    ContentError / UsageError for the caller to report."""
    from assess.cli.common import load_answers_and_questionnaire
    from assess.scoring import score

    name = questionnaire or getattr(args, "questionnaire", None)
    q, _h, answers, problems = load_answers_and_questionnaire(path, name if isinstance(name, str) else None)
    targets = parse_targets(getattr(args, "target", []) or [], q)
    return score(q, answers, targets), problems


def fig(x: float | None) -> str:
    return "—" if x is None else fmt.score(x)


def bar(score: float, target: float | None, width: int = BAR_WIDTH) -> Text:
    """A bar of the score on 0-5 with the target marked."""
    filled = round(score / 5 * width)
    mark = None if target is None else min(width - 1, round(target / 5 * width))
    out = Text()
    for i in range(width):
        if i == mark:
            out.append("┃", style="bold yellow")
        elif i < filled:
            out.append("█", style="green")
        else:
            out.append("░", style="dim")
    return out


def criterion_text(c: CriterionResult, locale: str = "en", pillar_names: dict[str, str] | None = None) -> str:
    """A failed criterion in a few characters: `C04 ≥ 3`, `安全治理 ≥ 3`, `总体 ≥ 2.5`, `G01 = 是`,
    `必备项 ✗ C07`: a pillar by its name (`pillar_names`), in the reader's language."""
    if c.kind == "gates":
        return f"{term('gates', locale)} ✗ {'/'.join(c.actual or [])}"  # type: ignore[arg-type]
    subject = term("overall", locale) if c.kind == "overall" or not c.subject else c.subject
    if c.kind == "pillar" and c.subject:
        subject = (pillar_names or {}).get(c.subject, c.subject)
    expected = c.expected
    if isinstance(expected, bool):
        expected = term("yes" if expected else "no", locale)
    elif isinstance(expected, float):
        expected = fmt.number(expected)
    elif isinstance(expected, list):
        expected = "/".join(map(str, expected))
    sign = {"at_least": "≥", "equals": "=", "one_of": "∈", "includes": "∋"}.get(c.test, c.test)
    return f"{subject} {sign} {expected}"


NAME_CELLS = 14
"""Terminal cells a pillar's name takes in the score table before it breaks (7 Chinese characters)."""


def _name(text: str) -> Text:
    """A pillar's name for the score table, broken where Chinese allows (no line starting with 、)."""
    from assess.text.linebreak import wrap

    return Text("\n".join(wrap(text, NAME_CELLS)))


def _broken(text: str, indent: int, style: str) -> Text:
    """A paragraph broken into lines for the terminal by the Chinese rules (rich would start a line
    with 、 or split 〔2022〕166号), to be shown `indent` cells in."""
    import shutil

    from assess.text.linebreak import wrap

    width = max(20, shutil.get_terminal_size((100, 24)).columns - indent - 1)
    return Text("\n".join(wrap(text, width)), style=style)


def level_name(a: Assessment, level: int, locale: str) -> str:
    return localize(a.questionnaire.scoring.levels.names[level], locale)


def summary(a: Assessment, locale: str, top: int = 5, path: ShortestPath | None = None,
            actions: list[Action] | None = None, programmes: list[ProgrammeResult] | None = None) -> Group:
    """The rich summary of `assess score`."""
    L = labels(locale)
    q = a.questionnaire
    by_id = question_index(q)
    parts: list[RenderableType] = []
    company = a.answers.company.name
    head = Text()
    if company:
        head.append(f"{L['company']}{L['colon']}", style="dim").append(fmt.printable(company) + "\n")
    head.append(f"{L['questionnaire']}{L['colon']}", style="dim").append(f"{localize(q.title, locale)} ({q.ref})")
    parts.append(head)
    o = a.overall
    ov = Text()
    ov.append(f"\n{L['overall']}{L['colon']}", style="bold").append(fmt.score(o.score), style="bold")
    ov.append(f"  {fmt.level(o.level, locale, level_name(a, o.level, locale))}")
    if o.compliance_first:
        ov.append(f"  {term('compliance_first', locale)}", style="bold red")
    ov.append(f"  ·  {L['evidenced']} {fmt.score(o.evidenced)}")
    if o.audited is not None:  # a reviewer has decided on answers: the figure only a review makes
        ov.append(f"  ·  {L['audited']} {fmt.score(o.audited)}", style="bold")
    ov.append(f"  ·  {L['completion']} {fmt.percent(o.completion)}")
    pending = [r for r in a.questions.values() if r.waits_on and not r.gate]
    if pending:
        ids = sorted({m for r in pending for m in r.waits_on})
        ov.append("\n" + L["pending"].format(n=len(pending), ids=", ".join(ids)), style="yellow")
    parts.append(ov)

    import shutil

    # under 100 columns the level's number stands alone (its name is on the overall line and the
    # legend): with names, an English table cuts figures short at 80 columns
    narrow = shutil.get_terminal_size((100, 24)).columns < 100
    t = Table(box=None, pad_edge=False, header_style="bold", collapse_padding=True)
    t.add_column(L["pillar"], no_wrap=True)  # names come broken by the Chinese rules (`_name`)
    t.add_column("", no_wrap=True, min_width=BAR_WIDTH)
    audited = o.audited is not None
    for col in (L["score"], L["level"], L["target"], L["gap"], L["evidenced"], *([L["audited"]] * audited),
                L["completion"]):
        # a figure never loses a digit
        t.add_column(col, justify="left" if col == L["level"] else "right", no_wrap=True, min_width=4)
    # the failed gates give way first on a narrow terminal
    t.add_column(L["gates"], style="bold red", max_width=16, overflow="fold")
    for p, pillar in zip(a.pillars, q.pillars):
        name = _name(localize(pillar.name, locale))
        gates = ", ".join(p.gates_failed)
        if not p.applicable:
            t.add_row(name, Text(L["not_applicable"], style="dim"), "", "", "", "", "", *([""] * audited), "", "")
            continue
        named = level_name(a, p.level, locale)
        if narrow:  # the number alone, written as the release writes it ("L2" where its names carry one)
            named = f"L{p.level}" if named.startswith(f"L{p.level}") else ""
        shown_level = fmt.level(p.level, locale, named)
        t.add_row(name, bar(p.score, p.target), fmt.score(p.score), shown_level,
                  fmt.number(p.target), Text(fig(p.gap), style="red" if p.gap > 0 else "green"), fmt.score(p.evidenced),
                  *([fig(p.audited)] * audited), fmt.percent(p.completion), gates)
    parts.append(t)

    gates = [r for r in a.questions.values() if r.gate and r.status != "hidden"]
    pillar_names = {p.id: localize(p.name, locale) for p in q.pillars}  # a gate's pillar by name, in the user's words
    if gates and q.scoring.gates == "separate":
        unconfirmed = [r for r in gates if r.unconfirmed]
        c = Text(f"\n{L['compliance']}{L['colon']}", style="bold")
        c.append(L["gates_tally"].format(passed=len(gates) - len(a.gates_failed) - len(unconfirmed),
                                         failed=len(a.gates_failed), unconfirmed=len(unconfirmed)))
        if o.compliance_first:
            cap = q.scoring.gate_level_cap
            c.append("\n  " + L["compliance_first"].format(level=fmt.level(cap, locale, level_name(a, cap, locale))),
                     style="red")
        for r in unconfirmed:
            c.append(f"\n  {r.id} ({pillar_names[r.pillar]}) ", style="bold").append(L["unconfirmed"], style="yellow")
        parts.append(c)
    if a.gates_failed:
        from rich.padding import Padding

        parts.append(Text(f"\n{L['gates_failed']}", style="bold red"))
        for gf in a.gates_failed:
            basis = localize(by_id[gf.question].gate.basis, locale)  # type: ignore[union-attr]
            g = Text(f"{gf.question} ({pillar_names[gf.pillar]}) ", style="bold").append(L[gf.reason], style="")
            waits = a.questions[gf.question].waits_on
            parts.append(Padding(g, (0, 0, 0, 2)))
            # the basis, and what the gate waits on, wrap under the gate, not back at the margin
            parts.append(Padding(_broken(basis, 4, "dim"), (0, 0, 0, 4)))
            if waits:
                parts.append(Padding(_broken(L["waits_on"].format(ids=", ".join(waits)), 4, "yellow"), (0, 0, 0, 4)))

    if programmes:
        pr = Text(f"\n{L['programmes']}", style="bold")
        names = {p.id: p for p in q.programmes}
        for r in programmes:
            pr.append(f"\n  {localize(names[r.id].name, locale)}{L['colon']}")
            pr.append(L["ready"] if r.ready else L["not_ready"], style="green" if r.ready else "yellow")
            met = len(r.criteria) - len(r.failed)
            pr.append(f" ({met}/{len(r.criteria)})", style="dim")
            if r.failed:
                pr.append("  " + ", ".join(criterion_text(c, locale, pillar_names) for c in r.failed), style="yellow")
            if r.cards_met < r.cards_needed:
                pr.append(f"  {term('cards', locale)} {r.cards_met}/{r.cards_needed}", style="yellow")
        parts.append(pr)

    if path is not None:
        sp = Text(f"\n{L['path']}{L['colon']}", style="bold").append(L["steps"].format(n=len(path.steps)))
        for pp in path.pillars:
            steps = L["steps"].format(n=pp.steps)
            sp.append(f"\n  {pillar_names.get(pp.pillar, pp.pillar)}{L['colon']}{fmt.score(pp.score)} → "
                      f"{fmt.score(pp.projected)} ({steps})")
            if not pp.reachable:
                sp.append(f" {L['unreachable']}", style="yellow")
        parts.append(sp)

    if actions:
        shown = actions[:top]
        rt = Table(title=L["roadmap"].format(n=len(shown), total=len(actions)), title_justify="left", box=None,
                   pad_edge=False, header_style="bold", title_style="bold")
        for col in ("#", L["phase"], L["question"], L["from_to"], L["action"]):
            rt.add_column(col, overflow="fold")
        for x in shown:
            question = by_id[x.question]
            rt.add_row(str(x.rank), L[x.phase], f"{x.pillar}/{x.question}",
                       f"{value_text(question, x.from_value, locale)} → {value_text(question, x.to_value, locale)}",
                       recommendation(question, x.from_value, x.to_value, locale))
        parts.append(Text(""))
        parts.append(rt)
    return Group(*parts)


def trace_view(t: Trace, a: Assessment, locale: str) -> Group:
    """The rich rendering of `assess explain`."""
    L = labels(locale)
    q = a.questionnaire
    by_id = question_index(q)
    parts: list[RenderableType] = []
    overall = t.subject == "overall"
    if overall:
        title = L["overall"]
    else:
        title = next(localize(p.name, locale) for p in q.pillars if p.id == t.subject) + f" ({t.subject})"
    parts.append(Text(title, style="bold"))
    table = Table(box=None, pad_edge=False, header_style="bold", collapse_padding=True)
    audited = t.audited is not None  # a reviewer has decided on answers: each input's audited figure too
    if overall:
        cols = [L["pillar"], L["score"], L["weight"], L["points"], L["evidenced"]]
    else:
        cols = [L["question"], L["value"], L["score"], L["weight"], L["points"], L["factor"], L["evidenced"]]
    cols += [L["audited"]] * audited
    for c in cols:
        table.add_column(c, justify="left" if c in (cols[0], L["value"]) else "right")
    for c in t.contributions:
        figures = [fmt.number(c.score), fmt.number(c.weight), fmt.number(round(c.points, 6))]
        au = ["—" if c.audited is None else fmt.number(round(c.audited, 6))] * audited
        if overall:
            table.add_row(c.id, *figures, fmt.number(c.evidenced), *au)
        else:
            shown = value_text(by_id[c.id], c.value, locale) if c.status == "answered" else L[c.status]
            table.add_row(c.id, Text(fmt.printable(shown)), *figures, fmt.number(c.evidence_factor),
                          fmt.number(round(c.evidenced, 6)), *au)
    parts.append(table)
    if t.exclusions:
        ex = Text(f"{L['excluded']}{L['colon']}", style="dim")
        ex.append(", ".join(f"{e.id} ({L.get(e.reason, e.reason)})" for e in t.exclusions))
        parts.append(ex)
    lines = Text()
    mean = t.numerator / t.denominator if t.denominator else 0.0
    lines.append(f"{L['score']}{L['colon']}").append(L["formula"].format(num=round(t.numerator, 6), den=t.denominator,
                                                              mean=round(mean, 6)))
    for c in t.caps:
        basis = localize(by_id[c.question].gate.basis, locale)  # type: ignore[union-attr]
        lines.append("\n  ").append(L["capped"].format(cap=c.cap, gates=c.question), style="red")
        lines.append(f" ({L[c.reason]}; {basis})")
    lines.append(f"\n= {fmt.number(t.score)}  ·  {L['evidenced']} {fmt.number(t.evidenced)}")
    if audited:
        lines.append(f"  ·  {L['audited']} {fmt.number(t.audited)}", style="bold")  # type: ignore[arg-type]
    lines.append(f"\n{L['level']}{L['colon']}{fmt.level(t.level, locale, level_name(a, t.level, locale))} "
                 f"(≥ {fmt.number(t.thresholds[t.level])}; {' / '.join(fmt.number(x) for x in t.thresholds)})")
    c = L["colon"]
    if t.target is not None:
        target, score, gap = fmt.number(t.target), fmt.number(t.score), fmt.number(t.gap)
        lines.append(f"\n{L['target']}{c}{target} ({L['source']}{c}{L[t.target_source or 'default']})"
                     f"  ·  {L['gap']}{c}max(0, {target} − {score}) = {gap}")
    policy = L["policy_dont_know"].format(p=L[f"dont_know.{t.dont_know}"])
    lines.append(f"\n{L['completion']}{c}{fmt.percent(t.completion)}  ·  {policy}")
    parts.append(lines)
    return Group(*parts)


def _delta_text(before: float | None, after: float | None, delta: float | None) -> Iterator[str | Text]:
    yield fig(before)
    yield fig(after)
    if delta is None:
        yield "—"
    else:
        yield Text(f"{delta:+.2f}", style="green" if delta > 0 else "red" if delta < 0 else "")


def comparison_view(c: Comparison, before: Assessment, after: Assessment, locale: str) -> Group:
    """The rich rendering of `assess compare`."""
    L = labels(locale)
    parts: list[RenderableType] = [Text(f"{c.before} → {c.after}", style="bold")]
    t = Table(box=None, pad_edge=False, header_style="bold")
    # Either side reviewed: the audited figures beside the claimed ones, "—" on a side without a review.
    audited = c.overall.audited.before is not None or c.overall.audited.after is not None
    au_cols = [f"{L['audited']} {L['before']}", f"{L['audited']} {L['after']}", f"{L['audited']} {L['delta']}"]
    for col in (L["pillar"], L["before"], L["after"], L["delta"], L["level"], *(au_cols * audited)):
        t.add_column(col, justify="left" if col == L["pillar"] else "right")
    for p in [c.overall, *c.pillars]:
        name = L["overall"] if p.id == "overall" else p.id
        lv = f"{'—' if p.level_before is None else p.level_before} → {'—' if p.level_after is None else p.level_after}"
        au = [*_delta_text(p.audited.before, p.audited.after, p.audited.delta)] if audited else []
        t.add_row(name, *_delta_text(p.score.before, p.score.after, p.score.delta), lv, *au)
    parts.append(t)
    if c.moved:
        by_b = question_index(before.questionnaire)
        by_a = question_index(after.questionnaire)
        m = Table(title=L["moved"], title_justify="left", title_style="bold", box=None, pad_edge=False,
                  header_style="bold")
        for col in (L["question"], L["before"], L["after"], L["delta"]):
            m.add_column(col, overflow="fold")
        for mv in c.moved:
            vb = value_text(by_b[mv.id], mv.value_before, locale) if mv.status_before == "answered" else L.get(
                mv.status_before, mv.status_before)
            va = value_text(by_a[mv.id], mv.value_after, locale) if mv.status_after == "answered" else L.get(
                mv.status_after, mv.status_after)
            d = mv.score.delta
            m.add_row(f"{mv.pillar}/{mv.id}", vb, va, "—" if d is None else f"{d:+g}")
        parts.append(m)
    extra = Text()
    for key, items in (("added", c.added), ("removed", c.removed), ("newly_passed", c.gates_newly_passed),
                       ("newly_failed", c.gates_newly_failed)):
        if items:
            extra.append(f"{L[key]}{L['colon']}", style="bold").append(", ".join(items) + "\n")
    if extra:
        parts.append(extra)
    return Group(*parts)
