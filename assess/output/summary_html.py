"""The one-page executive summary that goes beside each gap report: a self-contained HTML file.

Result and level, a pillar chart (inline SVG), the gates, the actions to take first, the
questionnaire release and the report's hash (the digest of the workbook's embedded data, which
`assess verify` checks), in the report's language. It opens in any browser, offline: no script, no
web font, no request of any kind (the fonts are the system's: Microsoft YaHei on Windows, PingFang
SC on a Mac, Noto Sans CJK on Linux), and prints on one A4 page. Every text is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any

from assess.model import Questionnaire
from assess.output.actions import first_actions
from assess.text.format import percent, score
from assess.text.glossary import term
from assess.text.report_labels import sheet_name, t

MAX_GATES = 8
"""Gates listed by name; the rest are counted (the workbook lists them all)."""

FONTS = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", ' \
        '"Segoe UI", system-ui, sans-serif'

STYLE = """
@page { size: A4 portrait; margin: 11mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: %(fonts)s; font-size: 9.5pt; line-height: 1.35; color: #1a1a1a; margin: 0 auto;
       max-width: 186mm; }
h1 { font-size: 15pt; color: #1F3864; margin: 0 0 2pt; }
h2 { font-size: 11pt; color: #1F3864; border-bottom: 1px solid #1F3864; margin: 8pt 0 3pt; padding-bottom: 1pt; }
.who { color: #404040; margin: 0; }
.result { display: flex; gap: 14pt; align-items: baseline; flex-wrap: wrap; margin-top: 4pt; }
.big { font-size: 24pt; font-weight: bold; color: #1F3864; line-height: 1.1; }
p { margin: 3pt 0; }
.level { font-size: 14pt; font-weight: bold; }
.bad { color: #C00000; font-weight: bold; }
.good { color: #2E7D32; font-weight: bold; }
.muted { color: #595959; }
.facts { color: #404040; }
table { border-collapse: collapse; width: 100%%; }
th { text-align: left; font-weight: bold; color: #404040; border-bottom: 1px solid #999; padding: 2pt 4pt; }
td { padding: 1pt 4pt; vertical-align: middle; border-bottom: 1px solid #e4e4e4; }
td.name { width: 36%%; }
td.lvl { white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bar { width: 30%%; }
svg { display: block; width: 100%%; height: 14pt; }
.legend span { margin-right: 10pt; white-space: nowrap; }
.key { display: inline-block; width: 10pt; height: 7pt; margin-right: 3pt; vertical-align: middle; }
ol { margin: 0; padding-left: 16pt; }
li { margin-bottom: 3pt; break-inside: avoid; }
.where { color: #404040; font-size: 9pt; }
footer { margin-top: 8pt; border-top: 1px solid #999; padding-top: 4pt; font-size: 9pt; color: #404040;
         word-break: break-all; }
code { font-family: Consolas, "Courier New", monospace; font-size: 9pt; }
"""

SCORE, EVIDENCED, TARGET = "#1F77B4", "#9DC3E6", "#C00000"


def _e(x: Any) -> str:
    return escape(str(x), quote=True)


def _bar(p: dict[str, Any]) -> str:
    """A pillar's bar on the 0-5 scale: evidenced under claimed, the target as a red line."""
    def x(v: float) -> str:
        return f"{max(0.0, min(5.0, v)) * 60:.1f}"

    ticks = "".join(f'<line x1="{i * 60}" y1="0" x2="{i * 60}" y2="16" stroke="#d0d0d0" stroke-width="1"/>'
                    for i in range(6))
    return (f'<svg viewBox="0 0 300 16" preserveAspectRatio="none" role="img" aria-label="{_e(p["name"])}">'
            f'{ticks}<rect x="0" y="2" width="{x(p["score"])}" height="12" fill="{SCORE}"/>'
            f'<rect x="0" y="6" width="{x(p["evidenced"])}" height="4" fill="{EVIDENCED}"/>'
            f'<line x1="{x(p["target"])}" y1="0" x2="{x(p["target"])}" y2="16" stroke="{TARGET}" stroke-width="3"/>'
            "</svg>")


def render_summary_html(doc: dict[str, Any], questionnaire: Questionnaire, *, digest: str, made: str,
                        workbook: str, tool_version: str) -> str:
    """The summary page of the report whose JSON shape is `doc` (in its locale): `digest` is the
    embedded data's, `made` the report's time as shown, `workbook` the gap report's file name."""
    loc = doc["locale"]
    colon = "：" if loc == "zh" else ": "
    o, company = doc["overall"], doc["company"]
    levels = {lv["level"]: lv["name"] for lv in doc["levels"]}
    q = doc["questionnaire"]
    out = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if loc == "zh" else "en"}">\n<head>\n<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_e(t('html.title', loc, company=company['name'] or q['name']))}</title>",
           f"<style>{STYLE % {'fonts': FONTS}}</style>\n</head>\n<body>",
           f"<h1>{_e(t('summary.title', loc, title=q['name']))}</h1>"]
    who = " · ".join(_e(x) for x in (company["sector"], company["region"]) if x)
    out.append(f'<p class="who"><strong>{_e(company["name"])}</strong>{" · " + who if who else ""}</p>')
    out.append(f'<p class="who muted">{_e(t("summary.date", loc))}{colon}{_e(made)}</p>')

    # the result
    out.append(f'<div class="result"><span class="big">{score(o["score"])}</span>'
               f'<span class="muted">{_e(t("html.of5", loc))}</span>'
               f'<span class="level">{_e(levels.get(o["level"], o["level"]))}</span>')
    if o.get("compliance_first"):
        out.append(f'<span class="bad">{_e(term("compliance_first", loc))}</span>')
    out.append("</div>")
    applicable = [p for p in doc["pillars"] if p["applicable"]]
    below = sum(1 for p in applicable if p["gap"] > 0)
    audited = o.get("audited") is not None  # a reviewer has decided on answers: the audited figures too
    facts = [
        f'{_e(t("summary.evidenced", loc))} <strong>{score(o["evidenced"])}</strong>',
        *([f'{_e(t("summary.audited", loc))} <strong>{score(o["audited"])}</strong>'] if audited else []),
        f'{_e(t("summary.completion", loc))} <strong>{percent(o["completion"])}</strong>'
        f' ({_e(t("summary.answered", loc, responded=o["responded"], applicable=o["applicable_questions"]))})',
        f'{_e(t("summary.below_target", loc))} <strong>{below} / {len(applicable)}</strong>',
        f'{_e(t("summary.gates_n", loc))} <strong class="{"bad" if doc["gates_failed"] else "good"}">'
        f'{len(doc["gates_failed"])}</strong>',
    ]
    out.append(f'<p class="facts">{" · ".join(facts)}</p>')
    not_used = (doc.get("quality") or {}).get("not_used", 0)
    if not_used:  # answers typed but not used count 0: the reader of the page must know it
        key = "summary.not_used_n" if doc["policy"]["blank"] == "zero" else "summary.not_used_n_out"
        out.append(f'<p class="bad">{_e(t(key, loc, n=not_used, sheet=sheet_name("quality", loc)))}</p>')
    if o.get("compliance_first"):
        cap = levels.get(doc["policy"]["gate_level_cap"], "")
        out.append(f'<p class="bad">{_e(t("summary.compliance_first", loc, level=cap))}</p>')

    # the pillar chart
    out.append(f"<h2>{_e(t('summary.pillars', loc))}</h2>")
    out.append('<p class="legend muted">'
               f'<span><i class="key" style="background:{SCORE}"></i>{_e(t("col.score", loc))}</span>'
               f'<span><i class="key" style="background:{EVIDENCED}"></i>{_e(t("col.evidenced", loc))}</span>'
               f'<span><i class="key" style="background:{TARGET};width:3pt"></i>{_e(t("col.target", loc))}</span>'
               f'<span>0–5</span></p>')
    heads = (("col.pillar", ""), ("col.score", "num"), *((("col.audited", "num"),) if audited else ()), ("", ""),
             ("col.target", "num"), ("col.gap", "num"), ("col.level_name", ""))
    au_empty = '<td class="num"></td>' if audited else ""
    out.append("<table><thead><tr>" + "".join(f'<th class="{cls}">{_e(t(k, loc)) if k else ""}</th>'
                                              for k, cls in heads) + "</tr></thead><tbody>")
    for p in doc["pillars"]:
        if not p["applicable"]:
            out.append(f'<tr><td class="name">{_e(p["name"])}</td><td class="num"></td>{au_empty}<td class="bar"></td>'
                       f'<td class="num">{score(p["target"])}</td><td class="num"></td>'
                       f'<td class="muted">{_e(t("status.na", loc))}</td></tr>')
            continue
        gap = f'<span class="bad">{score(p["gap"])}</span>' if p["gap"] > 0 else score(p["gap"])
        au = f'<td class="num">{score(p["audited"])}</td>' if audited and p.get("audited") is not None else au_empty
        out.append(f'<tr><td class="name">{_e(p["name"])}</td><td class="num"><strong>{score(p["score"])}</strong></td>'
                   f'{au}<td class="bar">{_bar(p)}</td><td class="num">{score(p["target"])}</td>'
                   f'<td class="num">{gap}</td><td class="lvl">{_e(levels.get(p["level"], p["level"]))}</td></tr>')
    out.append("</tbody></table>")

    # the gates
    open_gates = [(g["question"], g["pillar"], t(f"reason.{g['reason']}", loc), True) for g in doc["gates_failed"]]
    open_gates += [(g["question"], g["pillar"], t("reason.unconfirmed", loc), False)
                   for g in doc["gates"] if g["state"] == "unconfirmed"]
    names = {p["id"]: p["name"] for p in doc["pillars"]}
    unconfirmed = len(open_gates) > len(doc["gates_failed"])
    out.append(f"<h2>{_e(t('summary.gates_open' if unconfirmed else 'summary.gates', loc))}</h2>")
    if not open_gates:
        out.append(f'<p class="good">{_e(t("summary.no_gates", loc))}</p>')
    else:
        items = [f'<span class="{"bad" if failed else ""}">{_e(qid)}</span> {_e(names.get(pillar, pillar))}'
                 f'{colon}{_e(reason)}' for qid, pillar, reason, failed in open_gates[:MAX_GATES]]
        out.append('<p>' + ("；" if loc == "zh" else "; ").join(items) + "</p>")
        if len(open_gates) > MAX_GATES:
            out.append(f'<p class="muted">{_e(t("html.more", loc, n=len(open_gates) - MAX_GATES, file=workbook))}</p>')

    # the actions to take first
    out.append(f"<h2>{_e(t('summary.first', loc))}</h2>")
    actions = first_actions(doc, questionnaire, loc)
    if not actions:
        out.append(f'<p class="good">{_e(t("summary.no_actions", loc))}</p>')
    else:
        out.append("<ol>")
        for a in actions:
            where = (f"{t('profile', loc)} · {a.question}" if a.phase == "profile"
                     else f"{a.pillar} · {a.question} · {t(f'phase.{a.phase}', loc)}")
            out.append(f'<li>{_e(a.text)}<br><span class="where">{_e(where)}</span></li>')
        out.append("</ol>")

    # where it comes from, and how to check it
    out.append("<footer>"
               f'{_e(t("summary.questionnaire", loc))}{colon}{_e(q["name"])} ({_e(q["id"])}@{_e(q["version"])})<br>'
               f'{_e(t("html.hash", loc))}{colon}<code>{_e(digest)}</code><br>'
               f'{_e(t("html.verify", loc, file=workbook, version=tool_version))}'
               "</footer>\n</body>\n</html>\n")
    return "\n".join(out)
