"""The batch's portfolio: one row per firm (per file, or per plant of a workbook holding several), in
input order, to portfolio.xlsx, .csv and .json.

The workbook is for people, in the batch's language: a Portfolio sheet, a Benchmark sheet (the
spread of each pillar's scores over the scored firms, with a chart) and a Problems sheet. The CSV
and the JSON are data for other programs: their keys and status words stay the same in every
language, their messages are in the batch's language. All three are written as results arrive
(xlsxwriter in constant-memory mode), so a batch of 10,000 files keeps only the benchmark's numbers.

While the batch runs they are `portfolio.partial.csv` and `.json` (the workbook is assembled at the
end); only a batch that went through renames them, whole, to their names. A batch stopped half way
leaves them named partial, with the workbook and a line that says how far it got: never a
portfolio that looks complete but lacks rows.
"""

from __future__ import annotations

import io
import json
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.answers import utc_stamp
from assess.batch.duplicates import duplicate_kind
from assess.batch.eligible import left_out as left_out_why
from assess.batch.portfolio_layout import (
    CONDITIONAL,
    FONT_PT,
    MARGIN_IN,
    TEXT_WIDTHS,
    UNWRAPPED,
    height,
    in_lines,
    title_height,
    turned,
    widths,
    words_fit,
)
from assess.content.outputs import create_new, csv_text, csv_writer, replace, sync_folder, whole_file
from assess.model import Questionnaire, localize
from assess.problems import Msg, msg
from assess.text.format import join
from assess.text.glossary import term
from assess.text.messages import by_severity, problem_fields, say
from assess.text.messages.refusal import MESSAGES as REFUSALS
from assess.text.portfolio_labels import label

if TYPE_CHECKING:
    from assess.batch.inputs import Input
    from assess.batch.worker import FileResult

def benchmark(values: list[float]) -> dict[str, float] | None:
    """n, min, quartiles (inclusive method, as Excel's QUARTILE.INC), median, max, mean."""
    if not values:
        return None
    if len(values) == 1:
        v = values[0]
        q1 = med = q3 = v
    else:
        q1, med, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return {"n": len(values), "min": min(values), "q1": q1, "median": med, "q3": q3, "max": max(values),
            "mean": statistics.fmean(values)}


BENCH_KEYS = ("n", "min", "q1", "median", "q3", "max", "mean")
OVERALL = ("overall", "overall_evidenced", "overall_audited")
"""The benchmark's overall figures, after the pillars (the audited one only where firms were reviewed)."""


@dataclass(slots=True)
class Row:
    """One file's row, made ready in full before any of it is written (`Portfolio.prepare`), so
    that a result that cannot be put into words fails before the files hold half of it."""

    status: str
    duplicate: bool
    cells: list[tuple[int, str, Any]]
    """(column, kind, value): kind is status, text or a number format's name."""
    problems: list[dict[str, str]]
    csv: list[Any]
    json: str
    values: dict[str, float] = field(default_factory=dict)
    """The scores it adds to the benchmark, by pillar id (and overall, overall_evidenced)."""
    left_out: str = ""
    """Why the benchmark leaves its scores out, in the portfolio's language ("" when counted)."""
    file: str = ""
    audited: bool = False
    company: str = ""
    """It has an audited figure (a reviewer decided on some of its answers)."""


PROBLEM_WIDTHS = (24, 7, 16, 56, 46)
"""Columns of the Problems sheet: file, severity, cell, problem, fix (wrapped: one page wide)."""


class Portfolio:
    """portfolio.xlsx, .csv and .json, written as results arrive (in input order); the caller holds
    the folder's lock (`assess.batch.lock`)."""

    def __init__(self, outdir: Path, q: Questionnaire, sha256: str, locale: str, include_all: bool = False) -> None:
        import xlsxwriter

        from assess.excel.xlsx_text import WORKBOOK_OPTIONS

        self.q = q
        self.locale = locale
        self.include_all = include_all
        """Count duplicates and files with errors in the benchmark too."""
        self.counted = 0
        self.left_out: list[tuple[str, str, str]] = []
        """(file, company, why) of each scored row the benchmark leaves out."""
        """(file, why) of each scored file the benchmark leaves out."""
        self.pillars = [p.id for p in q.pillars]
        self.values: dict[str, list[float]] = {pid: [] for pid in [*self.pillars, *OVERALL]}
        self.any_audited = False
        """Some firm's answers have a review: the audited column shows (it is hidden otherwise)."""
        self.outdir = outdir
        self.xlsx_path, self.csv_path, self.json_path = (outdir / f"portfolio.{x}" for x in ("xlsx", "csv", "json"))
        self.partial_paths = [outdir / f"portfolio.partial.{x}" for x in ("xlsx", "csv", "json")]
        for old in self.partial_paths:  # an earlier batch's, stopped half way: this batch takes their place
            if old.is_symlink() or old.exists():
                old.unlink()
        # the workbook's file is named when it is closed (`_save_book`): until then its rows are in
        # xlsxwriter's temporary files, so a batch that is killed leaves no workbook that looks whole
        self.book = b = xlsxwriter.Workbook(None, {"constant_memory": True, **WORKBOOK_OPTIONS})
        # every cell at 10 pt, set at the top: the Portfolio sheet is laid out for it (`portfolio_layout`)
        base = {"font_size": FONT_PT, "valign": "top"}
        self.f_head = b.add_format({**base, "bold": True, "bg_color": "#DDE4EE", "text_wrap": True})
        self.f_num = b.add_format({**base, "num_format": "0.00"})
        self.f_pct = b.add_format({**base, "num_format": "0%"})
        self.f_int = b.add_format({**base, "align": "center"})  # a level apart from its name beside it
        self.f_text = b.add_format(base)
        self.f_wrap = b.add_format({**base, "text_wrap": True})
        self.f_status = {
            "refused": b.add_format({**base, "text_wrap": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
            "problems": b.add_format({**base, "text_wrap": True, "font_color": "#9C5700", "bg_color": "#FFEB9C"}),
            "ok": b.add_format({**base, "text_wrap": True, "font_color": "#006100", "bg_color": "#C6EFCE"}),
        }
        self.ws = b.add_worksheet(label("sheet.portfolio", locale))
        self.ws_bench = b.add_worksheet(label("sheet.benchmark", locale))
        self.ws_prob = b.add_worksheet(label("sheet.problems", locale))
        self.columns = (["file", "company", "status", "errors", "warnings", "completion", "overall",
                         "overall_evidenced", "overall_audited", "level", "level_name"]
                        + [x for pid in self.pillars for x in (pid, f"{pid}_evidenced")]
                        + ["gates_failed", "top_gaps", "reason", "benchmark", "duplicate_of", "code", "newer_release",
                           "report", "sha256"])
        heads = [label(c, locale) for c in self.columns[:11]]
        for p in q.pillars:
            name = localize(p.name, locale)
            heads += [label("pillar", locale, name=name), label("pillar_evidenced", locale, name=name)]
        heads += [label(c, locale) for c in self.columns[len(heads):]]
        self.widths = widths(self.columns, heads)
        at = self.columns.index("level_name")
        self.widths[at] = words_fit([*(localize(n, locale) for n in q.scoring.levels.names),
                                     term("compliance_first", locale)], self.widths[at])
        at = self.columns.index("code")  # the refusal's kind: none of its words broken ("spreadsheet")
        self.widths[at] = words_fit([say(Msg(k), locale) for k in REFUSALS], self.widths[at])
        self.filled: set[str] = set()
        """The columns some row has a value in (those of `CONDITIONAL` that none has are hidden)."""
        self._sheet_heads()
        # titles wrap, rather than widen their columns; the figures' run upwards when too long across
        self.ws.set_row(0, title_height(self.columns, heads, self.widths))
        f_up = b.add_format({**base, "bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "rotation": 90,
                             "valign": "bottom", "align": "center"})
        up = turned(self.columns, heads)
        for i, h in enumerate(heads):
            self.ws.write_string(0, i, h, f_up if up and self.columns[i] not in TEXT_WIDTHS else self.f_head)
        self.row = 1
        self.prob_row = 1
        # on paper up to whether the benchmark counts it (which names any duplicate); the duplicate's path,
        # the refusal's kind, the newer release, the report's path and the hash are for the screen
        self.print_cols = self.columns.index("benchmark")

        self.csv_file = io.TextIOWrapper(create_new(self.partial_paths[1]), encoding="utf-8-sig", newline="")
        self.csv = csv_writer(self.csv_file)
        self.csv.writerow(self.columns)
        self.json_file = io.TextIOWrapper(create_new(self.partial_paths[2]), encoding="utf-8", newline="")
        head = {"kind": "assess/portfolio", "format_version": 1,
                "questionnaire": {"id": q.id, "version": q.version, "sha256": sha256},
                "locale": locale,
                "generated_at": utc_stamp()}
        self.json_file.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "files": [\n')
        self.first_json = True
        self.counts = {"ok": 0, "problems": 0, "refused": 0}
        self.duplicates = 0

    def _sheet_heads(self) -> None:
        """Column widths, frozen titles and print setup of the three sheets."""
        for i, w in enumerate(self.widths):
            self.ws.set_column(i, i, w)
        self.ws.freeze_panes(1, 2)
        self.ws.hide_gridlines(0)  # printed too: a figure right-aligned beside a text left-aligned ran into it
        # printed: every sheet one A4 landscape page across, as many down as it takes, the titles atop
        # each page; the Portfolio's narrow columns and wrapped titles keep its text at about 8 pt or more
        # (`portfolio_layout.printed_pt`); the problems each beside their file and cell
        for sheet in (self.ws, self.ws_bench, self.ws_prob):
            sheet.set_landscape()
            sheet.set_paper(9)  # A4
            sheet.repeat_rows(0)
            sheet.fit_to_pages(1, 0)
            sheet.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.6, bottom=0.6)
        for i, key in enumerate(("file", "prob.severity", "prob.where", "prob.message", "prob.fix")):
            self.ws_prob.write_string(0, i, label(key, self.locale), self.f_head)
        for i, w in enumerate(PROBLEM_WIDTHS):
            self.ws_prob.set_column(i, i, w)
        self.ws_prob.freeze_panes(1, 1)

    def add(self, item: Input, r: FileResult, duplicate_of: str = "") -> None:
        """One file's row (results must come in input order)."""
        self.emit(self.prepare(item, r, duplicate_of))

    def prepare(self, item: Input, r: FileResult, duplicate_of: str = "") -> Row:
        """One file's row, ready to write; writes nothing (so it may fail for this file alone)."""
        locale = self.locale
        e, w, _ = r.counts()
        f = r.figures or {}
        reason = say(r.reason, locale) if r.reason else ""
        row: dict[str, Any] = {
            "file": item.display, "company": r.company, "status": r.status, "errors": e, "warnings": w,
            "duplicate_of": duplicate_of, "code": r.code, "reason": reason, "report": r.report, "sha256": r.sha256,
            "newer_release": r.newer,
        }
        values: dict[str, float] = {}
        if f:
            row.update(completion=f["completion"], overall=f["overall"], overall_evidenced=f["overall_evidenced"],
                       level=f["level"], level_name=f["level_name"],
                       gates_failed=join(f["gates_failed"], locale), top_gaps=join(f["top_gaps"], locale))
            values.update(overall=f["overall"], overall_evidenced=f["overall_evidenced"])
            if f.get("overall_audited") is not None:
                row["overall_audited"] = values["overall_audited"] = f["overall_audited"]
            for pid, p in f["pillars"].items():
                if p["applicable"]:
                    row[pid] = p["score"]
                    row[f"{pid}_evidenced"] = p["evidenced"]
                    values[pid] = p["score"]
        left_out = ""
        if values:  # a duplicate, a file read with errors or another release's scores would skew it: out unless asked
            why = left_out_why(r, self.q.ref)
            if duplicate_of:  # the same answers again, one company answering otherwise, or a copied sheet
                left_out = label(f"bench.why.{duplicate_kind(r)}", locale, other=duplicate_of)
            elif why is not None:
                left_out = label(why[0], locale, **why[1])
            row["benchmark"] = label("bench.in", locale) if not left_out or self.include_all else \
                label("bench.out", locale, why=left_out)
            if self.include_all:
                left_out = ""
        if r.status not in self.counts:
            raise ValueError(f"unknown status {r.status!r}")
        cells: list[tuple[int, str, Any]] = []
        for x, c in enumerate(self.columns):
            v = row.get(c)
            if v is None or v == "":
                continue
            if c == "status":
                cells.append((x, "status", label(f"status.{r.status}", locale)))
            elif c in ("gates_failed", "top_gaps"):  # in a narrow column: two ids to a line
                cells.append((x, "text", in_lines(f[c], locale)))
            elif c == "code":  # the workbook is read by people: the kind in words (CSV and JSON keep the code)
                cells.append((x, "text", say(Msg(f"refusal.{v}"), locale)))
            elif c == "benchmark" and left_out:
                cells.append((x, "status", v))
            elif isinstance(v, str):
                cells.append((x, "text", v))
            else:
                cells.append((x, "pct" if c == "completion" else "num" if isinstance(v, float) else "int", v))
        problems = [problem_fields(p, locale) for p in by_severity(r.problems)]  # what to fix first, first
        out: list[Any] = []
        for c in self.columns:
            v = row.get(c)
            if v is None:
                out.append("")
            elif isinstance(v, str):
                out.append(csv_text(v))
            elif isinstance(v, float):
                out.append(f"{v:.6g}" if c == "completion" else f"{v:.4f}".rstrip("0").rstrip("."))
            else:
                out.append(v)
        doc = {"file": item.display, "company": r.company, "status": r.status, "code": r.code or None,
               "reason": reason or None, "sha256": r.sha256 or None, "duplicate_of": duplicate_of or None,
               "report": r.report or None, "newer_release": r.newer or None, "figures": f or None,
               "problems": [{k: v for k, v in p.items() if k != "file"} for p in problems],
               "in_benchmark": (not left_out) if values else None, "left_out": left_out or None}
        problem_rows = [{**p, "file": item.display, "severity": term(f"severity.{p['severity']}", locale)}
                        for p in problems]
        return Row(r.status, bool(duplicate_of), cells, problem_rows, out, json.dumps(doc, ensure_ascii=False),
                   values, left_out, item.display, "overall_audited" in values, r.company)

    def emit(self, row: Row) -> None:
        """Write a prepared row to the three files."""
        from assess.excel.report_render import wrapped_height
        from assess.excel.xlsx_text import write_text

        self.counts[row.status] += 1
        self.duplicates += row.duplicate
        self.any_audited = self.any_audited or row.audited
        if row.left_out:
            self.left_out.append((row.file, row.company, row.left_out))
        elif row.values:
            self.counted += 1
            for sid, v in row.values.items():
                self.values[sid].append(v)
        ws, y = self.ws, self.row
        formats = {"pct": self.f_pct, "num": self.f_num, "int": self.f_int}
        ws.set_row(y, height((v, self.widths[x]) for x, kind, v in row.cells
                             if kind in ("status", "text") and self.columns[x] not in UNWRAPPED))
        for x, kind, v in row.cells:
            self.filled.add(self.columns[x])
            if kind == "status":
                ws.write_string(y, x, v, self.f_status["refused" if x == len(self.columns) - 1 else row.status])
            elif kind == "text":
                write_text(ws, y, x, v, self.f_text if self.columns[x] in UNWRAPPED else self.f_wrap)
            else:
                ws.write_number(y, x, v, formats[kind])
        self.row += 1
        for p in row.problems:
            pw, py = self.ws_prob, self.prob_row
            texts = ((0, p["file"]), (2, p["where"]), (3, p["message"]), (4, p["fix"]))
            heights = [wrapped_height(v, PROBLEM_WIDTHS[x]) for x, v in texts if v]
            pw.set_row(py, max((h for h in heights if h is not None), default=None))  # as tall as its text
            write_text(pw, py, 0, p["file"], self.f_wrap)
            pw.write_string(py, 1, p["severity"], self.f_wrap)
            for x, key in ((2, "where"), (3, "message"), (4, "fix")):
                if p[key]:
                    write_text(pw, py, x, p[key], self.f_wrap)
            self.prob_row += 1
        self.csv.writerow(row.csv)
        self.json_file.write(("" if self.first_json else ",\n") + row.json)
        self.first_json = False

    def close(self, summary: dict[str, Any]) -> dict[str, Any]:
        """Write the Benchmark sheet and the JSON tail; close every file. Returns the benchmark."""
        from assess.excel.xlsx_text import write_text

        locale = self.locale
        subjects = [(pid, label("pillar", locale, name=localize(p.name, locale)))
                    for pid, p in zip(self.pillars, self.q.pillars)]
        subjects += [(k, label(f"bench.{k}", locale)) for k in OVERALL]
        bench = {sid: benchmark(self.values[sid]) for sid, _ in subjects}
        if not self.values["overall_audited"]:  # no firm counted has a review: no audited row to show
            subjects.pop()
        if not self.any_audited:  # the column is there for the CSV's programs; people see it only when filled
            col = self.columns.index("overall_audited")
            self.ws.set_column(col, col, self.widths[col], None, {"hidden": True})
        for name in CONDITIONAL:  # no duplicate and no refusal in this batch: their columns would print empty
            if name not in self.filled:
                col = self.columns.index(name)
                self.ws.set_column(col, col, self.widths[col], None, {"hidden": True})
        ws = self.ws_bench
        ws.write_string(0, 0, label("bench.subject", locale), self.f_head)
        for i, k in enumerate(BENCH_KEYS, start=1):
            ws.write_string(0, i, label(f"bench.{k}", locale), self.f_head)
        ws.set_column(0, 0, 30)
        ws.set_column(1, len(BENCH_KEYS), 10)
        for y, (sid, name) in enumerate(subjects, start=1):
            ws.set_row(y, height([(name, 30)]))  # a long pillar name wraps rather than hide under the figures
            write_text(ws, y, 0, name, self.f_wrap)
            b = bench[sid]
            if b is None:
                continue
            for x, k in enumerate(BENCH_KEYS, start=1):
                ws.write_number(y, x, b[k], self.f_text if k == "n" else self.f_num)
        y = len(subjects) + 2  # how many firms it counts, and which it left out and why
        ws.write_string(y, 0, label("bench.counts", locale, n=self.counted), self.f_head)
        if self.include_all:
            write_text(ws, y + 1, 0, label("bench.all", locale))
            y += 1
        elif self.left_out:
            y += 1
            write_text(ws, y, 0, label("bench.left_out", locale, n=len(self.left_out)))
            for file, company, why in self.left_out:  # whose, then which file, then why: one line, never cut
                y += 1  # by a cell beside it
                firm = label("bench.left_out_firm", locale, company=company, file=file) if company else file
                write_text(ws, y, 0, label("bench.left_out_line", locale, firm=firm, why=why))
        self._chart(y)
        for file, text in zip(summary["skipped_files"], summary["skipped"], strict=True):
            # what the folder shows and no row is: named, as left out
            write_text(self.ws_prob, self.prob_row, 0, file, self.f_wrap)
            write_text(self.ws_prob, self.prob_row, 1, term("severity.notice", locale), self.f_wrap)
            write_text(self.ws_prob, self.prob_row, 3, say(msg("batch.summary.skipped", what=text), locale),
                       self.f_wrap)
            self.prob_row += 1
        if self.row > 1:
            self.ws.autofilter(0, 0, self.row - 1, len(self.columns) - 1)
            self.ws.print_area(0, 0, self.row - 1, self.print_cols)
        if self.prob_row > 1:
            self.ws_prob.autofilter(0, 0, self.prob_row - 1, 4)
        self._save_book(self.xlsx_path)
        self._finish_text(self.csv_file)
        tail = {"benchmark": bench, "benchmark_counts": {
            "firms": self.counted, "include_all": self.include_all,
            "left_out": [{"file": f, "company": c, "why": why} for f, c, why in self.left_out]}, "summary": summary}
        self.json_file.write("\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
        self._finish_text(self.json_file)
        # each file whole under its name; the JSON last, as it marks the folder as a batch's output
        replace(self.partial_paths[1], self.csv_path)
        replace(self.partial_paths[2], self.json_path)
        sync_folder(self.outdir)
        return bench

    def _save_book(self, path: Path) -> None:
        """Assemble the workbook into a temporary file and rename it to `path`."""
        with whole_file(path, mode=0o644) as fh:
            self.book.filename = fh  # xlsxwriter writes to whatever `filename` is when it closes
            self.book.close()

    @staticmethod
    def _finish_text(fh: io.TextIOWrapper) -> None:
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()

    def _chart(self, rows: int) -> None:
        """The Benchmark sheet's chart: min, quartiles and max as columns, the mean as a marker, for the
        pillars and the overall claimed score."""
        last = len(self.pillars)
        sheet = label("sheet.benchmark", self.locale)
        chart = self.book.add_chart({"type": "column"})
        colours = {"min": "#C9D3E0", "q1": "#93A9C9", "median": "#3A6EA5", "q3": "#93A9C9", "max": "#C9D3E0"}
        for k, colour in colours.items():
            col = BENCH_KEYS.index(k) + 1
            chart.add_series({"name": [sheet, 0, col], "categories": [sheet, 1, 0, last + 1, 0],
                              "values": [sheet, 1, col, last + 1, col], "fill": {"color": colour}})
        mean = self.book.add_chart({"type": "line"})
        col = BENCH_KEYS.index("mean") + 1
        mean.add_series({"name": [sheet, 0, col], "categories": [sheet, 1, 0, last + 1, 0],
                         "values": [sheet, 1, col, last + 1, col], "line": {"none": True},
                         "marker": {"type": "diamond", "size": 8, "fill": {"color": "#C0504D"}}})
        chart.combine(mean)
        chart.set_title({"name": label("bench.title", self.locale)})
        chart.set_y_axis({"min": 0, "max": 5, "major_unit": 1})
        chart.set_size({"width": 760, "height": 380})
        self.ws_bench.insert_chart(rows + 3, 0, chart)
        # printed on a page of its own: below the figures and the firms left out it would be cut across two
        self.ws_bench.set_h_pagebreaks([rows + 2])

    def abort(self, total: int) -> list[Path]:
        """After an interruption: close what is open, say in the workbook and the JSON how far the
        batch got, and return the files left, all named partial."""
        done = self.row - 1
        note = say(msg("batch.partial.note", done=done, total=total), self.locale)
        left = []
        for fh in (self.csv_file, self.json_file):
            try:
                if fh is self.json_file and not fh.closed:
                    fh.write("\n], " + json.dumps({"incomplete": {"done": done, "total": total, "note": note}},
                                                  ensure_ascii=False)[1:] + "\n")
                fh.close()
            except (OSError, ValueError):
                pass
        try:
            self.ws.write_string(self.row + 1, 0, note, self.f_status["refused"])
            self.ws_bench.write_string(0, 0, note, self.f_status["refused"])
            self._save_book(self.partial_paths[0])
        except Exception:  # a book that cannot be finished is left out; the CSV and JSON are kept
            pass
        for path in self.partial_paths:
            if path.is_file() and not path.is_symlink():
                left.append(path)
        return left
