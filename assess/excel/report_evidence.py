"""The gap report's Evidence sheet: each evidence file the answers name, with its size and SHA-256
as hashed when the report was made (`assess.content.evidence`), laid out from the embedded data so
that `assess verify` checks it like every other sheet, and `assess verify --evidence DIR` checks the
files themselves against it.
"""

from __future__ import annotations

from assess.content.evidence import why_refused
from assess.excel.report_layout import Report, Sheet, clip
from assess.text.messages import say
from assess.text.report_labels import sheet_name, t

EVIDENCE_COLUMNS = (("col.question_id", 16), ("col.reference", 30), ("col.file", 30), ("col.size", 12),
                    ("col.sha256", 68), ("col.result", 30))
HEADER_ROW = 6
"""0-based row of the table's column titles; file i of the embedded list is on row HEADER_ROW + 1 + i."""
SHA_COL = 4


def evidence_sheets(report: Report) -> list[Sheet]:
    """The Evidence sheet, when the report was made with an evidence folder (else none)."""
    if not report.embedded.evidence:
        return []
    s = Sheet("evidence", sheet_name("evidence", report.locale), locale=report.locale)
    _evidence(report, s)
    s.finish()
    return [s]


def result_text(f: dict, loc: str) -> str:
    """What became of one reference, in the report's words."""
    if f["status"] != "refused":
        return t(f"evidence.{f['status']}", loc)
    return t("evidence.refused", loc, why=say(why_refused(f["why"]), loc))


def _evidence(r: Report, s: Sheet) -> None:
    loc = r.locale
    part = r.embedded.evidence
    files = part["files"]
    for col, (_, width) in enumerate(EVIDENCE_COLUMNS):
        s.widths[col] = width
    last = len(EVIDENCE_COLUMNS) - 1
    s.label(0, 0, "evidence.title", "title", folder=part["folder"])
    s.put(2, 0, t("evidence.intro", loc), "para", span=last)  # row 1 left empty: the large title needs it
    s.put(3, 0, f"assess verify REPORT.xlsx --evidence \"{part['folder']}\"", "mono", span=last)
    count = {k: sum(1 for f in files if f["status"] == k) for k in ("found", "not_found", "refused")}
    s.label(4, 0, "evidence.counts", "strong", found=count["found"], missing=count["not_found"],
            refused=count["refused"])
    row = HEADER_ROW
    s.table_header = row
    for col, (key, _) in enumerate(EVIDENCE_COLUMNS):
        s.label(row, col, key, "th")
    for f in files:
        row += 1
        bad = f["status"] != "found"
        cells = ((f["where"], "text"), (clip(f["reference"], loc), "wrap"), (f["file"], "wrap"), (f["size"], "int"),
                 (f["sha256"] or "", "mono"), (result_text(f, loc), "bad" if bad else "text"))
        for col, (value, style) in enumerate(cells):
            s.put(row, col, value, style)
    if not files:
        row += 1
        s.label(row, 0, "evidence.none_redacted" if r.meta.redact else "evidence.none", "muted")
    s.last_col = last
    s.marks["label_col"] = 1  # a row is named by its reference
