"""What reading a firm's answer sheet found, shown to the firm itself: the report's data-quality
sheet and the return slip the consultant sends back.

Both are laid out from the embedded data's `quality` part (`assess.excel.report_data.quality_of`),
so that `assess verify` rebuilds the sheet from what the report carries, and the slip says exactly
what the sheet says. The slip is plain text (UTF-8 with a byte-order mark, Windows line ends): it
opens with a double click in Notepad on any Windows, in WPS, and in a phone's or WeChat's file
preview, which a workbook does not always; and a short list needs no table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assess.excel.report_layout import Report, Sheet
from assess.excel.sheet_format import card_answer_of
from assess.model import localize
from assess.text.glossary import term
from assess.text.report_labels import sheet_name, t

if TYPE_CHECKING:
    from assess.problems import Problem

QUALITY_COLUMNS = (("col.severity", 8), ("col.where", 16), ("col.typed", 24), ("col.problem", 50), ("col.fix", 50))


def rejected(report: Report) -> dict[str, str]:
    """Question id -> what was typed, for each answer given but not used."""
    return report.embedded.quality.get("rejected", {})


def counts(report: Report) -> tuple[int, int]:
    """(errors, warnings) the read found."""
    problems = report.embedded.quality.get("problems", [])
    return (sum(1 for p in problems if p["severity"] == "error"),
            sum(1 for p in problems if p["severity"] == "warning"))


def quality_sheets(report: Report) -> list[Sheet]:
    """The data-quality sheet, when the read found anything (else none)."""
    if not report.embedded.quality:
        return []
    s = Sheet("quality", sheet_name("quality", report.locale), locale=report.locale)
    _quality(report, s)
    s.finish()
    return [s]


def _quality(r: Report, s: Sheet) -> None:
    loc = r.locale
    not_used = rejected(r)
    problems = r.embedded.quality.get("problems", [])
    for col, (_, width) in enumerate(QUALITY_COLUMNS):
        s.widths[col] = width
    s.label(0, 0, "quality.title", "title")
    s.put(1, 0, t("quality.intro", loc), "para", span=len(QUALITY_COLUMNS) - 1)
    row = 3
    s.label(row, 0, "quality.not_used", "heading", n=len(not_used))
    if not not_used:
        row += 1
        s.label(row, 0, "quality.none", "muted")
    else:
        row += 1
        s.label(row, 1, "col.id", "th")
        s.label(row, 2, "col.typed", "th")
        for key, typed in not_used.items():
            row += 1
            s.put(row, 1, _named(r, key), "text" if card_answer_of(key) is None else "wrap")  # a card's: long
            s.put(row, 2, t("invalid_typed", loc, typed=typed), "bad")
    row += 2
    s.label(row, 0, "quality.problems", "heading", n=len(problems))
    row += 1
    for col, (key, _) in enumerate(QUALITY_COLUMNS):
        s.label(row, col, key, "th")
    for p in problems:
        row += 1
        severity = p["severity"]
        cells = (term(f"severity.{severity}", loc), p["where"], p["typed"], p["message"], p["fix"])
        for col, value in enumerate(cells):
            style = "bad" if severity == "error" and col == 0 else "wrap"
            s.put(row, col, value, style)
    s.marks["label_col"] = 1  # a row is named by its cell


def _named(r: Report, key: str) -> str:
    """A question's id, or for a card's answer its group and card, and its question on a line of its
    own (典型场景 · 冲压件视觉质检 / S-LIVE): the column is an id's width."""
    card = card_answer_of(key)
    if card is None:
        return key
    group, question, name = card
    if not question:  # a whole card row not read, by its cell (典型场景!A5), as the problems name it
        return name
    groups = {g.id: g for _, g in r.questionnaire.card_groups()}
    shown = localize(groups[group].name, r.locale) if group in groups else group
    return f"{shown} · {name}\n{question}"


def slip_locale(report: Report) -> str:
    """The return slip's language: the sheet's, which the client filled in (`Report.slip`)."""
    return report.slip[0] if report.slip else report.locale


def slip_text(report: Report, file: str = "", name: str = "") -> str:
    """The return slip: every problem of the read, what was typed and the fix, in the language the
    sheet was filled in ("" when the read found nothing to correct: errors and warnings only). Its
    title names the company, or `name` (the sheet's, as its report is named) when the sheet gave none."""
    quality = report.slip[1] if report.slip else report.embedded.quality
    return _slip(quality.get("problems", []), report.doc["company"]["name"] or name, slip_locale(report), file)


def refusal_slip(problems: list[Problem], company: str, locale: str, name: str, file: str = "",
                 intro: str = "slip.intro_not_scored") -> bytes:
    """The return slip of a sheet not scored: for want of a usable answer, or (`intro` "slip.intro_refused")
    a file that could not be read at all, or ("slip.intro_plant") a plant of a workbook lacking one of
    its sheets. Its problems are worded as a report's slip words them (b"" when there is nothing to
    correct); `file`, the file as sent."""
    from assess.text.messages import say

    rows = [{"severity": p.severity, "where": p.where, "typed": "" if p.private else p.typed,
             "message": say(p.message, locale), "fix": say(p.fix, locale)} for p in problems]
    text = _slip(rows, company or name, locale, file, intro)
    return text.encode("utf-8-sig") if text else b""


def _slip(problems: list[dict[str, str]], company: str, locale: str, file: str = "", intro: str = "slip.intro") -> str:
    loc = locale
    problems = [p for p in problems if p["severity"] != "notice"]
    if not problems:
        return ""
    lines = [t("slip.title", loc, company=company or "—")]
    if file:
        lines.append(t("slip.file", loc, file=file))
    lines += ["", t(intro, loc), ""]
    for n, p in enumerate(problems, 1):
        lines.append(t("slip.item", loc, n=n, severity=term(f"severity.{p['severity']}", loc),
                       where=p["where"] or "—"))
        if p["typed"]:
            lines.append(t("slip.typed", loc, typed=p["typed"]))
        lines.append(t("slip.problem", loc, text=p["message"]))
        if p["fix"]:
            lines.append(t("slip.fix", loc, text=p["fix"]))
        lines.append("")
    return "\r\n".join(lines)


def render_slip(report: Report, file: str = "", name: str = "") -> bytes:
    """The slip's bytes: UTF-8 with a byte-order mark (Notepad and WPS then read Chinese right)."""
    text = slip_text(report, file, name)
    return text.encode("utf-8-sig") if text else b""
