"""The Excel gap report and its JSON and CSV twins.

`write_report(path, questionnaire, qhash, answers, locale=..., targets=..., redact=...,
input_sha256=...)` scores the answers, lays the sheets out (`assess.excel.report_layout`) and writes
them with xlsxwriter: Summary with native radar and bar charts on one printed page, Pillars with
conditional formatting, Roadmap and Answers as filterable tables with frozen headers,
Methodology, Provenance, and a hidden sheet with the embedded data that `assess verify` re-scores.
It is a plain function of its arguments, so the batch can call it from worker processes and the
TUI from a thread.

Every string is written as text: the workbook is created with `xlsx_text.WORKBOOK_OPTIONS`
(strings_to_formulas, strings_to_urls and strings_to_numbers off), and strings go through
`xlsx_text.write_text`, so a company name such as `=HYPERLINK(...)` or `<r>…</r>` stays the string
it is (shared/reference/excel-baseline.md, section 5c).
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.answers import AnswerSet
from assess.content.outputs import csv_cell, csv_writer, write_whole
from assess.excel import report_data
from assess.excel.report_layout import Report, Sheet, layout, prepare, report_time, title_of
from assess.excel.report_quality import render_slip, slip_locale
from assess.excel.xlsx_text import WORKBOOK_OPTIONS, write_text
from assess.model import Questionnaire
from assess.problems import Problem
from assess.text.report_labels import LOCALES, sheet_name, t

if TYPE_CHECKING:  # pragma: no cover
    from assess.content.keys import Signer

HEADER_TEXT_LIMIT = 70
"""Characters of the company name and of the questionnaire title in the printed header (Excel
allows 255 for the whole header, codes included)."""

# styles used by the layout -> xlsxwriter format properties
BASE = {"font_size": 10, "valign": "top"}
STYLES: dict[str, dict[str, Any]] = {
    "text": {},
    "wrap": {"text_wrap": True},
    "strong": {"bold": True},
    "strong_wrap": {"bold": True, "text_wrap": True},
    "label": {"bold": True, "font_color": "#404040"},
    "title": {"bold": True, "font_size": 15, "font_color": "#1F3864"},
    "heading": {"bold": True, "font_size": 11, "font_color": "#1F3864", "bottom": 1},
    "th": {"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "text_wrap": True, "border": 1},
    # right-aligned figures end in a blank the width of ")" (`_)`), so that a figure never runs into
    # the text of the cell after it ("2.53100%" on paper)
    "score": {"num_format": "0.00_)"},
    "score_left": {"num_format": "0.00", "align": "left"},
    "score_strong": {"num_format": "0.00_)", "bold": True},
    "exact": {"num_format": "0.0##_)"},
    "exact_strong": {"num_format": "0.0##_)", "bold": True},
    "big": {"num_format": "0.00", "bold": True, "font_size": 14, "align": "left"},
    "gap": {"num_format": "0.00_)"},
    "int": {"num_format": "0_)"},
    "int_left": {"num_format": "0", "bold": True, "align": "left"},
    "int_strong": {"num_format": "0_)", "bold": True},
    "pct": {"num_format": "0%_)"},
    "pct_left": {"num_format": "0%", "align": "left"},
    "pct_strong": {"num_format": "0%_)", "bold": True},
    "weight": {"num_format": "0.##_)"},
    "bad": {"font_color": "#C00000", "bold": True, "text_wrap": True},
    "bad_line": {"font_color": "#C00000", "bold": True},
    "bad_int": {"font_color": "#C00000", "bold": True, "num_format": "0", "align": "left"},
    "good": {"font_color": "#2E7D32", "bold": True},
    "good_int": {"font_color": "#2E7D32", "bold": True, "num_format": "0", "align": "left"},
    "muted": {"font_color": "#595959", "italic": True},
    "muted_note": {"font_color": "#595959", "italic": True, "text_wrap": True, "valign": "top"},
    "muted_wrap": {"font_color": "#7F7F7F", "italic": True, "text_wrap": True, "bg_color": "#F2F2F2"},
    "muted_weight": {"font_color": "#7F7F7F", "italic": True, "bg_color": "#F2F2F2", "num_format": "0.##_)"},
    "muted_row": {"font_color": "#7F7F7F", "italic": True, "bg_color": "#F2F2F2"},
    "para": {"text_wrap": True},
    "para_strong": {"text_wrap": True, "bold": True, "font_color": "#C00000"},
    "mono": {"font_name": "Consolas", "font_size": 9},
}


FILLED = frozenset(k for k, v in STYLES.items() if "bg_color" in v or "border" in v or "bottom" in v)


@dataclass(frozen=True, slots=True)
class ReportFiles:
    xlsx: Path
    json: Path | None = None
    csv: Path | None = None
    slip: Path | None = None
    """The return slip, when the read found anything to correct."""
    summary: Path | None = None
    """The one-page executive summary (HTML)."""


# --------------------------------------------------------------------------- entry points


def write_report(
    path: str | os.PathLike[str],
    questionnaire: Questionnaire,
    qhash: str,
    answers: AnswerSet,
    *,
    locale: str = "zh",
    targets: Mapping[str, float] | None = None,
    redact: bool = False,
    input_sha256: str | None = None,
    generated_at: str | None = None,
    twins: bool = False,
    problems: list[Problem] | None = None,
    rejected: dict[str, str] | None = None,
    sign: Signer | None = None,
    evidence_dir: Path | None = None,
    source: str = "",
) -> Path:
    """Write the gap report to `path` (an existing file is replaced whole) and return it.
    With `twins`, also write `<stem>.json` and `<stem>-roadmap.csv` beside it. `problems` and
    `rejected` are what reading the answer sheet found: shown in the report, and listed on a
    return slip beside it (`slip_path`) when there is anything to correct. With `sign`, the
    report is signed with that key (`assess.excel.report_sign`). With `evidence_dir`, the evidence
    files the answers name in it are hashed and listed."""
    report = prepare(questionnaire, qhash, answers, locale=locale, targets=dict(targets or {}), redact=redact,
                     input_sha256=input_sha256, generated_at=generated_at, problems=problems, rejected=rejected,
                     evidence_dir=evidence_dir)
    return write_files(Path(path), report, twins=twins, sign=sign, source=source).xlsx


def write_files(path: Path, report: Report, *, twins: bool = True, sign: Signer | None = None,
                source: str = "") -> ReportFiles:
    """Write a prepared report (signed with `sign` when given), its one-page summary, its return slip
    when the read found anything to correct (naming `source`, the file as its sender named it), and
    with `twins` its JSON and CSV, next to each other."""
    replace_file(path, render(report, sign))
    summary_at = summary_path(path, report.locale)
    replace_file(summary_at, render_summary(report, path.name))
    slip = render_slip(report, file=source, name=path.stem)
    slip_at = None
    if slip:
        slip_at = slip_path(path, slip_locale(report))
        replace_file(slip_at, slip)
    if not twins:
        return ReportFiles(path, slip=slip_at, summary=summary_at)
    json_path, csv_path = twin_paths(path)
    replace_file(json_path, render_json(report))
    replace_file(csv_path, render_csv(report))
    return ReportFiles(path, json_path, csv_path, slip_at, summary_at)


def summary_path(xlsx: Path, locale: str) -> Path:
    """Where a report's one-page summary goes: beside it, `<name>.summary.html` (`<name>.摘要.html`)."""
    return xlsx.with_name(f"{xlsx.stem}.{t('html.suffix', locale)}.html")


def render_summary(report: Report, workbook: str) -> bytes:
    """The one-page summary's bytes (UTF-8), naming `workbook`, the gap report it goes with."""
    from assess.output.summary_html import render_summary_html

    return render_summary_html(report.doc, report.questionnaire, digest=report.embedded.digest,
                               made=report_time(report), workbook=workbook,
                               tool_version=report.meta.tool_version).encode("utf-8")


def slip_path(xlsx: Path, locale: str) -> Path:
    """Where a report's return slip goes: beside it, named in the slip's language."""
    return xlsx.with_name(f"{xlsx.stem}-{t('slip.suffix', locale)}.txt")


def replace_file(path: Path, data: bytes) -> None:
    """Write `data` whole over `path` (a temporary file renamed over it; a link there is replaced,
    never written through). Unlike answer files there is no fsync: a report can be made again from
    its answers, and fsync costs more (about 9 ms) than writing the workbook."""
    write_whole(path, data, durable=False)


def twin_paths(xlsx: Path) -> tuple[Path, Path]:
    return xlsx.with_suffix(".json"), xlsx.with_name(f"{xlsx.stem}-roadmap.csv")


def free_path(wanted: Path) -> Path:
    """`wanted`, or `<stem>-2.xlsx`, `<stem>-3.xlsx`... : the first name for which neither the
    workbook nor its twins exist. The workbook's name is reserved (created empty, exclusively) so
    that two processes never pick the same one."""
    wanted = Path(wanted)
    wanted.parent.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        candidate = wanted if n == 1 else wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}")
        taken = (*twin_paths(candidate), *(slip_path(candidate, loc) for loc in LOCALES),
                 *(summary_path(candidate, loc) for loc in LOCALES))
        if not any(p.exists() for p in taken):
            try:
                os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                return candidate
            except FileExistsError:
                pass
        n += 1


# --------------------------------------------------------------------------- the workbook


def render(report: Report, sign: Signer | None = None) -> bytes:
    """The workbook's bytes; with `sign`, a hidden signature sheet after the embedded data."""
    from xlsxwriter import Workbook

    buffer = io.BytesIO()
    wb = Workbook(buffer, {"in_memory": True, **WORKBOOK_OPTIONS})
    formats: dict[str, Any] = {}

    def fmt(style: str) -> Any:
        f = formats.get(style)
        if f is None:
            f = formats[style] = wb.add_format({**BASE, **STYLES[style]})
        return f

    q = report.doc["questionnaire"]
    company = report.doc["company"]["name"]
    wb.set_properties({
        "title": t("summary.title", report.locale, title=q["name"]),
        "subject": f"{q['id']}@{q['version']}",
        "company": company,
        "comments": f"assess gap report; embedded data digest {report.embedded.digest}",
        "created": _created(report.meta.generated_at),
    })
    header = _header(company, title_of(report), report.locale)
    footer = "&L" + _escape(t("footer", report.locale, version=report.meta.tool_version,
                              at=report_time(report))) + "&R&A"
    sheets = layout(report)
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        for col, width in sheet.widths.items():
            ws.set_column(col, col, width)
        for c in sheet.cells:
            v = c.value
            f = formats.get(c.style) or fmt(c.style)
            if c.span:
                ws.merge_range(c.row, c.col, c.row, c.span, "", f)
            if isinstance(v, str) and v:
                write_text(ws, c.row, c.col, v, f)
            elif v is None or isinstance(v, str):
                if c.style in FILLED:  # an empty cell matters only where it shows a fill or border
                    ws.write_blank(c.row, c.col, None, f)
            else:
                ws.write_number(c.row, c.col, v, f)
        muted = fmt("muted_row")
        heights = row_heights(sheet)
        unset = dict(heights)
        for row in sheet.marks.get("muted_rows", ()):  # hidden and N/A questions: greyed, empty cells too
            ws.set_row(row, unset.pop(row, None), muted)
        for row, height in unset.items():
            ws.set_row(row, height)
        _print_setup(ws, sheet, header, footer, heights)
        decorate = _DECORATE.get(sheet.key)
        if decorate is not None:
            decorate(wb, ws, sheet, report, fmt)
    data = wb.add_worksheet(sheet_name("data", report.locale))
    data.set_column(0, 0, 12)
    data.set_column(1, 1, 120)
    _write_rows(data, report_data.rows(report.embedded))
    data.hide()
    if sign is not None:
        from assess.excel.report_sign import rows as signature_rows

        signed = wb.add_worksheet(sheet_name("signature", report.locale))
        signed.set_column(0, 0, 12)
        signed.set_column(1, 1, 130)
        _write_rows(signed, signature_rows(sign, report, sheets))
        signed.hide()
    wb.worksheets()[0].activate()
    wb.close()
    return buffer.getvalue()


def _write_rows(ws: Any, rows: list[list[str | int]]) -> None:
    """A hidden sheet's rows of text and numbers, from A1 (text always as text)."""
    for r, row in enumerate(rows):
        for col, v in enumerate(row):
            if isinstance(v, str):
                write_text(ws, r, col, v)
            else:
                ws.write_number(r, col, v)


# --------------------------------------------------------------------------- row heights
# Neither LibreOffice nor Excel reliably grows a row to fit wrapped text written by xlsxwriter (the
# PDF showed overlapping lines), so each row with wrapped text gets a height from an estimate of
# its line count: a greedy word wrap by display width, where a CJK character counts 2 and another
# 1, a unit being 6.7 px (half a 10 pt CJK glyph; Latin letters are narrower, so Latin rows come
# out a little roomy rather than clipped).

WRAPPED = frozenset(k for k, v in STYLES.items() if v.get("text_wrap"))
LINE_PT = 12.75
"""Height of one line of 10 pt Latin text, in points."""
CJK_LINE_PT = 14.5
"""Height of one line of 10 pt text with CJK characters: the CJK fonts' lines are further apart
(at 12.75 the last line of a long Chinese cell was cut off in LibreOffice's PDF)."""
PAD_PT = 4.0
UNIT_PX = 6.7
"""Pixels of one unit of display width at 10 pt."""
LATIN = 0.9
"""Units a character of a Latin word takes on average (Calibri's letters are narrower than its '0');
a space takes half that."""


_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")
"""Wide characters (East Asian Width W and F): CJK, kana, hangul, full-width forms."""
_AMBIGUOUS = re.compile("[\u00a7\u00b0\u00b7\u00d7\u00f7\u2010-\u203b\u2190-\u21ff\u2460-\u24ff\u25a0-\u26ff]")
"""Quotes, dashes, dots, arrows and signs that a CJK font draws wide (Width A)."""


def display_width(text: str) -> int:
    """Units of width `text` takes: 2 for a wide character (CJK, full-width forms; and, in text
    with any, the quotes and dots a CJK font draws wide), 1 for another."""
    if text.isascii():
        return len(text)
    wide = len(_WIDE.findall(text))
    return len(text) + wide + (len(_AMBIGUOUS.findall(text)) if wide else 0)


def column_px(width: float) -> int:
    """A column `width` wide (Excel's unit, the width of '0') in pixels, as Excel draws it."""
    return int(width * 7 + 5)


_NO_BREAK_BEFORE = "、，。；：！？）】”’"
"""What an office suite never starts a line with: it stays at the end of the line before."""
_UNIT = re.compile(r"[A-Za-z0-9_.%+\-]+(?:[、，][A-Za-z0-9_.%+\-]+)*[、，]?|.", re.S)
"""What a line breaks between in a run with CJK: any CJK character, but a Latin word or a figure
(M03, 2026, 62%) whole, and a list of them joined by 、 (C01、C02) too, as LibreOffice keeps it."""


def text_lines(text: str, width_chars: float, bold: bool = False) -> int:
    """Lines that `text` takes in a column `width_chars` wide (Excel's unit: the width of '0').
    Latin words wrap whole; a run with CJK characters breaks between characters, never inside a
    Latin word or a figure, nor before a closing mark."""
    room = max((column_px(width_chars) - 6) / UNIT_PX, 2.0)  # less the padding
    bold_room = room / 1.08 if bold else room  # bold Latin letters are wider; CJK glyphs are not
    if len(text) * LATIN <= bold_room and "\n" not in text and text.isascii():
        return 1
    lines, used = 0, 0.0

    def place(w: float, may_break: bool = True) -> None:
        """Put a piece `w` wide on the line, going on to the next where it does not fit."""
        nonlocal lines, used
        if used + w > room and used > 0 and may_break:
            lines += 1
            used = 0.0
        while w > room:
            lines += 1
            w -= room
        used += w

    for para in text.split("\n"):
        lines += 1
        used = 0.0
        for word in para.split(" "):
            w: float = display_width(word)
            if w != len(word):  # with CJK: unit by unit (`_UNIT`)
                for unit in _UNIT.findall(word):
                    place(display_width(unit), unit not in _NO_BREAK_BEFORE)
            else:
                place(w * LATIN * room / bold_room)
            used += LATIN / 2
    return lines


def row_heights(sheet: Sheet) -> dict[int, float]:
    """Rows that need more than one line's height, with the height they need (points): wrapped
    text over several lines, and titles."""
    need: dict[int, float] = {}
    widths = sheet.widths
    for c in sheet.cells:
        if c.style == "title":
            need[c.row] = max(need.get(c.row, 0.0), TITLE_PT)
        if c.style in WRAPPED and isinstance(c.value, str) and c.value:
            width = widths.get(c.col, 8.43)
            if c.span:  # a merged range: its columns' pixels, in the unit of one column
                width = (sum(column_px(widths.get(col, 8.43)) for col in range(c.col, c.span + 1)) - 5) / 7
            height = wrapped_height(c.value, width, bool(STYLES[c.style].get("bold")))
            if height is not None and height > need.get(c.row, 0.0):
                need[c.row] = height
    return need


def wrapped_height(text: str, width_chars: float, bold: bool = False) -> float | None:
    """The height (points) a cell `width_chars` wide needs for `text` wrapped at 10 pt, or None
    when one line does."""
    n = text_lines(text, width_chars, bold)
    if n <= 1:
        return None
    return n * (CJK_LINE_PT if display_width(text) != len(text) else LINE_PT) + PAD_PT


TITLE_PT = 22.0
"""Height of a row with a 15 pt title."""


def _created(generated_at: str) -> Any:
    from datetime import datetime

    try:
        return datetime.fromisoformat(generated_at.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _escape(text: str) -> str:
    """Text for a print header: '&' starts a control code, so it is doubled."""
    return text.replace("&", "&&")


def _short(text: str, limit: int = HEADER_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _header(company: str, title: str, locale: str) -> str:
    return f"&L{_escape(_short(company))}&C{_escape(_short(title))}&R{t('page', locale)}"


PAGE_PX = (1045, 664)
"""A4 landscape inside the margins below, in pixels at 96 an inch (297 x 210 mm less 0.8 x 1.35 in)."""
DEFAULT_ROW_PT = 15.0
CJK_ROW_PT = 15.75
"""A row of one line with CJK text: LibreOffice makes it taller than the default."""
LO_WIDER = 1.06
"""LibreOffice draws a column some 5% wider than Excel does (measured on its PDF, with Carlito)."""


def summary_scale(sheet: Sheet, heights: dict[int, float]) -> int:
    """The print scale (%) at which the Summary's first page (down to its page break) fits one A4
    landscape page: 100 when it fits at full size (10 pt text prints at 10 pt)."""
    width = sum(column_px(sheet.widths.get(c, 8.43)) for c in range(sheet.last_col + 1)) * LO_WIDER
    cjk = {c.row for c in sheet.cells if isinstance(c.value, str) and display_width(c.value) != len(c.value)}
    rows = sum(heights.get(r, CJK_ROW_PT if r in cjk else DEFAULT_ROW_PT)
               for r in range(sheet.marks["page_break"])) * 4 / 3
    tall = max(rows, sheet.marks["radar_px"] + 8)  # the chart's own height, were rows shorter
    return min(100, int(100 * min(PAGE_PX[0] / width, (PAGE_PX[1] - 12) / tall)))


def _print_setup(ws: Any, sheet: Sheet, header: str, footer: str, heights: dict[int, float]) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
    ws.set_header(header, {"margin": 0.3})
    ws.set_footer(footer, {"margin": 0.3})
    ws.print_area(0, 0, sheet.last_row, sheet.last_col)
    if sheet.table_header is not None:
        ws.repeat_rows(sheet.table_header)
    if "page_break" in sheet.marks:
        # a scale, not "fit to page": a fit overrides page breaks, and shrank the whole Summary onto
        # one page in tiny type; page 1 holds what management reads at full size, the rest follows
        ws.set_print_scale(summary_scale(sheet, heights))
        ws.set_h_pagebreaks([sheet.marks["page_break"]])
    else:
        ws.fit_to_pages(1, 0)  # as wide as one page, as many pages down as needed


def _summary(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    ws.hide_gridlines(2)
    top, left = sheet.marks["radar_at"]
    radar_width = sum(column_px(sheet.widths[c]) for c in range(left, sheet.last_col + 1)) - 8  # to the page's edge
    first, last = sheet.marks["pillar_rows"]
    name = sheet.name
    charts = sheet.marks["charts"]  # (names column, values column) of each series, as verify checks them

    def span(col: int) -> list[Any]:
        return [name, first, col, last, col]

    loc = report.locale
    radar = wb.add_chart({"type": "radar", "subtype": "with_markers"})
    looks = (("#1F77B4", "col.score", {}), ("#FF9F1C", "col.evidenced", {}),
             ("#C00000", "col.target", {"dash_type": "dash"}))
    for (names, values), (color, key, dash) in zip(charts["radar"], looks, strict=True):
        radar.add_series({
            "name": t(key, loc),
            "categories": span(names),
            "values": span(values),
            "line": {"color": color, "width": 2.25, **dash},
            "marker": {"type": "circle", "size": 5, "fill": {"color": color}, "border": {"color": color}},
        })
    radar.set_title({"name": t("summary.radar", loc), "name_font": {"size": 11}})
    radar.set_y_axis({"min": 0, "max": 5, "major_unit": 1, "num_font": {"size": 10}})
    radar.set_x_axis({"num_font": {"size": 10}})
    radar.set_legend({"position": "bottom", "font": {"size": 10}})
    radar.set_size({"width": radar_width, "height": sheet.marks["radar_px"]})
    ws.insert_chart(top, left, radar, {"x_offset": 4, "y_offset": 4})

    bar = wb.add_chart({"type": "bar"})
    ((names, values),) = charts["bar"]
    bar.add_series({
        "name": t("col.gap", loc),
        "categories": span(names),
        "values": span(values),
        "fill": {"color": "#C00000"},
        "data_labels": {"value": True, "num_format": "0.00", "font": {"size": 10}},
    })
    bar.set_title({"name": t("summary.bar", loc), "name_font": {"size": 11}})
    bar.set_x_axis({"min": 0, "max": 5, "major_unit": 1, "num_font": {"size": 10}})
    bar.set_y_axis({"reverse": True, "num_font": {"size": 10}, "interval_unit": 1})
    bar.set_legend({"none": True})
    bar_top, bar_left = sheet.marks["bar_at"]
    bar_width = sum(column_px(sheet.widths[c]) for c in range(bar_left, left - 1))  # as wide as the pillar table
    bar.set_size({"width": bar_width, "height": sheet.marks["bar_px"]})
    ws.insert_chart(bar_top, bar_left, bar, {"x_offset": 4, "y_offset": 4})
    ws.conditional_format(first, values, last, values, {"type": "cell", "criteria": ">", "value": 0,
                                              "format": wb.add_format({"font_color": "#C00000", "bold": True})})


def _pillars(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    first, last = sheet.marks["data_rows"]
    ws.freeze_panes(1, 2)
    if last < first:
        return
    for col in (4, 5, 6):
        ws.conditional_format(first, col, last, col, {
            "type": "3_color_scale", "min_type": "num", "min_value": 0, "mid_type": "num", "mid_value": 2.5,
            "max_type": "num", "max_value": 5, "min_color": "#F8696B", "mid_color": "#FFEB84",
            "max_color": "#63BE7B"})
    ws.conditional_format(first, 11, last, 11, {"type": "cell", "criteria": ">", "value": 0,
                                                "format": wb.add_format({"bg_color": "#FFC7CE",
                                                                         "font_color": "#9C0006"})})
    ws.conditional_format(first, 11, last, 11, {"type": "cell", "criteria": "<=", "value": 0,
                                                "format": wb.add_format({"bg_color": "#C6EFCE",
                                                                         "font_color": "#006100"})})
    ws.conditional_format(first, 12, last, 12, {"type": "data_bar", "min_type": "num", "min_value": 0,
                                                "max_type": "num", "max_value": 1, "bar_color": "#5B9BD5",
                                                "bar_solid": True})


def _table(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any, freeze_cols: int = 0) -> None:
    first, last = sheet.marks["data_rows"]
    ws.freeze_panes(1, freeze_cols)
    ws.autofilter(0, 0, max(last, first - 1), sheet.last_col)


def _roadmap(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    _table(wb, ws, sheet, report, fmt, 0)
    first, last = sheet.marks["data_rows"]
    if last >= first:
        ws.conditional_format(first, 10, last, 10, {"type": "data_bar", "bar_color": "#5B9BD5", "bar_solid": True})


def _answers(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    _table(wb, ws, sheet, report, fmt, 2)


def _cards(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    first, last = sheet.marks["data_rows"]
    ws.freeze_panes(1, 1)
    if last >= first:  # the cards' table only: the programmes' tables below it are not filtered
        ws.autofilter(0, 0, last, len([c for c in sheet.cells if c.row == 0]) - 1)


def _review(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    first, last = sheet.marks["data_rows"]
    ws.freeze_panes(first, 1)
    ws.autofilter(first - 1, 0, max(last, first - 1), sheet.last_col)


def _quality(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    ws.hide_gridlines(2)


def _methodology(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    ws.hide_gridlines(2)


def _provenance(wb: Any, ws: Any, sheet: Sheet, report: Report, fmt: Any) -> None:
    ws.hide_gridlines(2)


_DECORATE = {
    "summary": _summary,
    "pillars": _pillars,
    "roadmap": _roadmap,
    "answers": _answers,
    "cards": _cards,
    "quality": _quality,
    "review": _review,
    "methodology": _methodology,
    "provenance": _provenance,
}


# --------------------------------------------------------------------------- twins


def render_json(report: Report) -> bytes:
    """The JSON twin: the assessment in the shape of `assess.output.document` (schema: `assess schema
    --assessment`), in the report's language."""
    return (json.dumps(report.doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


CSV_COLUMNS = ("rank", "phase", "pillar", "question", "status", "from", "to", "from_score", "to_score", "steps",
               "gain", "gate", "citations", "text")


def _csv_value(v: Any) -> Any:
    return csv_cell(";".join(map(str, v)) if isinstance(v, list) else v)


def render_csv(report: Report) -> bytes:
    """The roadmap as CSV: stable English column names, the `text` column in the report's
    language; UTF-8 with a byte-order mark, so that Excel reads Chinese correctly."""
    out = io.StringIO()
    w = csv_writer(out)
    w.writerow(CSV_COLUMNS)
    for x in report.doc["roadmap"]:
        w.writerow([_csv_value(x[k]) for k in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")
