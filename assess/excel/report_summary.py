"""The Summary sheet of a gap report. Its first printed page is what management reads: who and what,
the overall figures (and "compliance first" while a gate fails), the pillar table that the radar and
gap charts beside it read, and the actions to take first; a page break, then the gates that fail or
are unconfirmed and each programme's readiness with what is not met. Laid out as cells, like every
sheet (`assess.excel.report_layout`), so that `assess verify` can rebuild and compare it."""

from __future__ import annotations

from assess.excel.report_layout import CellValue, Report, Sheet, level_name, report_time, title_of, yes_no
from assess.model import CardRule, localize
from assess.output.actions import first_actions
from assess.plan import CardResult, cards_meeting
from assess.text.glossary import term
from assess.text.report_labels import sheet_name, t


def summary(r: Report, s: Sheet) -> None:
    """The first page: company, overall figures, the pillar table the charts read, gates, programmes."""
    loc, d = r.locale, r.doc
    o = d["overall"]
    s.widths = dict(SUMMARY_WIDTHS)
    s.put(0, 0, t("summary.title", loc, title=d["questionnaire"]["name"]), "title")
    company = d["company"]
    rows: list[tuple[str, CellValue, str]] = [  # long texts wrap short of the radar chart
        ("summary.company", company["name"], "strong_wrap"),
        ("summary.sector", " · ".join(x for x in (company["sector"], company["region"]) if x), "wrap"),
        ("summary.date", report_time(r), "text"),
        ("summary.questionnaire", title_of(r), "wrap"),
        ("summary.overall", o["score"], "big"),
        ("summary.evidenced", o["evidenced"], "score_left"),
        *([("summary.audited", o["audited"], "score_left")] if o.get("audited") is not None else []),
        ("summary.level", o["level"], "int_left"),
        ("summary.completion", o["completion"], "pct_left"),
    ]
    row = 1
    at = {}
    for key, value, style in rows:
        s.label(row, 0, key)
        s.put(row, 1, value, style, span=CHARTS_COL - 2 if style.endswith("wrap") else 0)
        at[key] = row
        row += 1
    s.put(at["summary.level"], 2, level_name(r, o["level"]), "strong")
    if o.get("compliance_first"):  # a cell of its own: beside the level name, it would wrap
        s.put(at["summary.level"], 3, term("compliance_first", loc), "bad_line")
    s.put(at["summary.completion"], 2, t("summary.answered", loc, responded=o["responded"],
                                         applicable=o["applicable_questions"]), "muted")
    applicable = [p for p in d["pillars"] if p["applicable"]]
    below = sum(1 for p in applicable if p["gap"] > 0)
    s.label(row, 0, "summary.below_target")
    s.put(row, 1, below, "bad_int" if below else "good_int")
    s.put(row, 2, t("summary.below_target_n", loc, n=below, total=len(applicable)), "muted")
    row += 1
    s.label(row, 0, "summary.gates_n")
    n_gates = len(d["gates_failed"])
    s.put(row, 1, n_gates, "bad_int" if n_gates else "good_int")
    states = [g["state"] for g in d["gates"]]
    s.put(row, 2, t("summary.gates_tally", loc, passed=states.count("passed"), failed=states.count("failed"),
                    unconfirmed=states.count("unconfirmed")), "muted")
    if r.embedded.quality:  # the first page says what of the sheet was not used, and where to see why
        from assess.excel.report_quality import counts, rejected

        row += 1
        n = len(rejected(r))
        errors, warnings = counts(r)
        s.label(row, 0, "summary.not_used")
        s.put(row, 1, n, "bad_int" if n else "good_int")
        quality = sheet_name("quality", loc)
        key = "summary.not_used_n" if d["policy"]["blank"] == "zero" else "summary.not_used_n_out"
        s.put(row, 2, t(key, loc, n=n, sheet=quality) if n else  # wrapped up to the chart, never under it
              t("summary.problems_n", loc, errors=errors, warnings=warnings, sheet=quality), "muted_note", span=6)
    if o.get("compliance_first"):
        row += 1
        s.put(row, 0, t("summary.compliance_first", loc, level=level_name(r, d["policy"]["gate_level_cap"])),
              "bad", span=6)
    row += 2

    # pillar table: the charts read it
    s.label(row, 0, "summary.pillars", "heading")
    row += 1
    for col, key in enumerate(("col.pillar", "col.score", "col.evidenced", "col.target", "col.gap", "col.level",
                               "col.level_name")):
        s.label(row, col, key, "th")
    first = row + 1
    for p in d["pillars"]:
        row += 1
        s.put(row, 0, chart_name(p["name"]), "wrap")
        if not p["applicable"]:  # the profile rules it out: no figure to show or to chart, only the word
            s.put(row, 3, p["target"], "score")
            s.put(row, 6, t("status.na", loc), "muted")
            continue
        s.put(row, 1, p["score"], "score")
        s.put(row, 2, p["evidenced"], "score")
        s.put(row, 3, p["target"], "score")
        s.put(row, 4, p["gap"], "gap")
        s.put(row, 5, p["level"], "int")
        s.put(row, 6, level_name(r, p["level"]), "text")
    s.marks["pillar_rows"] = (first, row)
    s.marks["charts"] = {"radar": [(CHART_NAMES_COL, col) for col in RADAR_COLS], "bar": [(CHART_NAMES_COL, GAP_COL)]}
    # the radar beside the figures and the table, as tall as they are
    s.marks["radar_at"] = (0, CHARTS_COL)
    s.marks["radar_px"] = max(RADAR_MIN_PX, ROW_PX * (row + 1) + 6)

    # the actions to take first, across the page below: the end of page 1
    row = _first(r, s, row + 2)
    s.marks["page_break"] = row + 1

    # page 2: the gaps' bar chart, then must-haves and programmes across the page
    s.marks["bar_at"] = (row + 1, 0)
    s.marks["bar_px"] = bar_px = 60 + 44 * len(d["pillars"])  # room for every pillar's name on three lines
    row += 1 + -(-bar_px // ROW_PX) + 1
    unconfirmed = [g for g in d["gates"] if g["state"] == "unconfirmed"]
    s.label(row, 0, "summary.gates_open" if unconfirmed else "summary.gates", "heading")
    row += 1
    if not d["gates_failed"] and not unconfirmed:
        s.label(row, 0, "summary.no_gates", "good")
    else:
        _header_bar(s, row, {0: "col.question_id", 1: "col.pillar", 3: "col.reason", 6: "col.basis"})
        names = {p["id"]: p["name"] for p in d["pillars"]}
        waits = {g["question"]: g["waits_on"] for g in d["gates"]}
        rows_ = [(g["question"], g["pillar"], t(f"reason.{g['reason']}", loc), g["basis"]["text"], "bad")
                 for g in d["gates_failed"]]
        rows_ += [(g["question"], g["pillar"], t("reason.unconfirmed", loc), g["basis"]["text"], "text")
                  for g in unconfirmed]
        for qid, pillar, reason, basis_text, style in rows_:
            row += 1
            if waits.get(qid):
                reason += "\n" + t("waits_on", loc, ids="、".join(waits[qid]) if loc == "zh" else ", ".join(waits[qid]))
            s.put(row, 0, qid, "bad_line" if style == "bad" else "text")
            s.put(row, 1, names[pillar], "bad" if style == "bad" else "wrap", span=2)
            s.put(row, 3, reason, "bad" if style == "bad" else "wrap", span=5)
            s.put(row, 6, basis_text, "bad" if style == "bad" else "wrap", span=SUMMARY_LAST_COL)
    row += 2
    s.label(row, 0, "summary.programmes", "heading")
    row += 1
    if not d["programmes"]:
        s.label(row, 0, "summary.no_programmes", "muted")
    else:
        _header_bar(s, row, {0: "col.programme", 3: "col.ready", 4: "col.criteria"})
        rules = {prog.id: prog.cards for prog in r.questionnaire.programmes}
        for pr in d["programmes"]:
            row += 1
            s.put(row, 0, pr["name"], "wrap", span=2)
            s.put(row, 3, yes_no(pr["ready"], loc), "good" if pr["ready"] else "bad_line")
            unmet = [c["text"] for c in pr["criteria"] if not c["met"]]
            unmet.extend(_cards_unmet(r, rules.get(pr["id"]), r.cards.get(pr["id"], [])))
            text = t("summary.unmet", loc) + "\n".join(unmet) if unmet else t("summary.all_met", loc)
            s.put(row, 4, text, "wrap", span=SUMMARY_LAST_COL)
    s.last_col = max(s.last_col, SUMMARY_LAST_COL)


CHART_NAME_WIDTH = 24
"""The longest line of a pillar's name in the charts (in widths of '0'): the radar draws each name on
one line unless it holds line breaks, and a long English name on one line shrank the radar, and
LibreOffice its labels to 6 pt."""


def chart_name(name: str) -> str:
    """A pillar's name as the pillar table shows it and the charts read it: a long Latin name in lines
    of at most CHART_NAME_WIDTH characters (a Chinese name of that length is short enough as it is)."""
    import textwrap

    if len(name) <= CHART_NAME_WIDTH or not name.isascii():
        return name
    return "\n".join(textwrap.wrap(name, CHART_NAME_WIDTH))


def _first(r: Report, s: Sheet, row: int) -> int:
    """The actions to take first (`assess.output.actions.first_actions`) from `row`, and where the
    rest is; returns the last row used."""
    loc = r.locale
    s.label(row, 0, "summary.first", "heading")
    s.put(row, 1, t("summary.rest", loc, sheet=sheet_name("roadmap", loc)), "muted")  # beside it: no row of its own
    actions = first_actions(r.doc, r.questionnaire, loc)
    row += 1
    if not actions:
        s.label(row, 0, "summary.no_actions", "good")
    else:
        s.label(row, 0, "col.first_where", "th")
        s.put(row, 1, t("col.step", loc), "th", span=SUMMARY_LAST_COL)
        for a in actions:
            row += 1
            where = (f"{t('profile', loc)} · {a.question}" if a.phase == "profile"
                     else f"{a.pillar} · {a.question}\n{t(f'phase.{a.phase}', loc)}")
            s.put(row, 0, where, "wrap")
            s.put(row, 1, a.text, "wrap", span=SUMMARY_LAST_COL)
    return row


def _cards_unmet(r: Report, rule: CardRule | None, results: list[CardResult]) -> list[str]:
    """A programme's card rule in the Summary's list of what is not met, when it is not."""
    if rule is None or cards_meeting(results) >= rule.at_least:
        return []
    from assess.excel.report_cards import card_sheet_names

    group = next((g for _, g in r.questionnaire.card_groups() if g.id == rule.group), None)
    item = localize(group.item, r.locale) if group is not None else rule.group
    sheet = card_sheet_names(r).get(rule.group, rule.group)
    return [t("summary.cards_unmet", r.locale, item=item, n=cards_meeting(results), needed=rule.at_least,
              sheet=sheet)]


SUMMARY_LAST_COL = 16
"""The Summary's last column: the charts reach it, and long texts below them are merged up to it."""
CHARTS_COL = 8
"""First column of the charts, right of the pillar table."""
SUMMARY_WIDTHS = {0: 30, 1: 9, 2: 9, 3: 8, 4: 8, 5: 6, 6: 12, 7: 1, **{c: 5 for c in range(CHARTS_COL, 17)}}
"""Column widths: the first page (table, charts, actions) prints on one A4 landscape page at full size."""
ROW_PX = 20
"""Pixels of a row of one line (15 pt)."""
RADAR_MIN_PX = 280
CHART_NAMES_COL = 0
"""Column of the Summary's pillar table that the charts take their categories (pillar names) from."""
RADAR_COLS = (1, 2, 3)
"""Columns the radar plots: score, evidenced score, target."""
GAP_COL = 4
"""Column the bar chart of gaps plots."""


def _header_bar(s: Sheet, row: int, titles: dict[int, str]) -> None:
    """Column titles across the Summary, blanks between them."""
    for col in range(SUMMARY_LAST_COL + 1):
        if col in titles:
            s.label(row, col, titles[col], "th")
        else:
            s.put(row, col, "", "th")
