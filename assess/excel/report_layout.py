"""What each sheet of the gap report shows, cell by cell, as plain values.

One function builds the layout from a questionnaire, an assessment and the embedded data; the
writer (`assess.excel.report_render`) puts it into a workbook with xlsxwriter, and `assess.excel.verify`
rebuilds it from the embedded data and compares it with the cells it reads back. So what is
written and what is checked cannot drift apart.

Every figure comes from `assess.output.assessment_to_dict` (the report's JSON twin); nothing here
computes a score. No xlsxwriter here: verify must not pay for importing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assess import __version__
from assess.answers import AnswerSet, Value
from assess.canonical import HASH_SCHEME
from assess.excel import report_data
from assess.excel.a1 import a1
from assess.model import (
    QuestionBase,
    Questionnaire,
    localize,
)
from assess.output.document import assessment_to_dict
from assess.plan import CardResult, card_results
from assess.problems import Problem
from assess.rules import check_answer
from assess.scoring import Assessment, score
from assess.text.format import local_datetime, value_text
from assess.text.report_labels import paragraph, sheet_name, t

TEXT_LIMIT = 600
"""Longest note, evidence list or text answer shown in a cell; the rest stays in the embedded data
(a row taller than a page cannot be printed)."""

CellValue = str | int | float | None


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    value: CellValue
    style: str = "text"
    span: int = 0
    """Last column of a merged range starting here (0: not merged)."""


@dataclass(slots=True)
class Sheet:
    key: str
    """summary, pillars, roadmap, answers, methodology, provenance."""
    name: str
    cells: list[Cell] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    last_col: int = 0
    last_row: int = 0
    table_header: int | None = None
    """Row of the column titles of the sheet's main table (frozen, filtered, repeated on print)."""
    marks: dict[str, Any] = field(default_factory=dict)
    """Places the writer decorates: chart data, conditional-format ranges, rows to shade."""

    def put(self, row: int, col: int, value: CellValue, style: str = "text", span: int = 0) -> None:
        self.cells.append(Cell(row, col, value, style, span))

    def finish(self) -> None:
        """Extend `last_row` and `last_col` over every cell put."""
        for c in self.cells:
            if c.row > self.last_row:
                self.last_row = c.row
            if c.col > self.last_col:
                self.last_col = c.col
            if c.span > self.last_col:
                self.last_col = c.span

    def label(self, row: int, col: int, key: str, style: str = "label", **values: object) -> None:
        self.put(row, col, t(key, self.locale, **values), style)

    locale: str = "zh"


@dataclass(slots=True)
class Report:
    """Everything one report shows: the inputs, the assessment, its data and the embedded data."""

    questionnaire: Questionnaire
    qhash: str
    assessment: Assessment
    doc: dict[str, Any]
    """`assessment_to_dict` of the assessment in the report's locale: the JSON twin."""
    embedded: report_data.Embedded
    cards: dict[str, list[CardResult]] = field(default_factory=dict)
    """`assess.plan.card_results`: each programme's judgement of its card group's cards."""
    slip: tuple[str, dict[str, Any]] | None = None
    """The return slip's language and its problems (`quality_of`), when the sheet was filled in
    another language than the report's: the slip goes back to the client, in the client's words."""

    @property
    def locale(self) -> str:
        return self.embedded.meta.locale

    @property
    def meta(self) -> report_data.ReportMeta:
        return self.embedded.meta


def prepare(
    questionnaire: Questionnaire,
    qhash: str,
    answers: AnswerSet,
    *,
    locale: str = "zh",
    targets: dict[str, float] | None = None,
    redact: bool = False,
    input_sha256: str | None = None,
    generated_at: str | None = None,
    problems: list[Problem] | None = None,
    rejected: dict[str, str] | None = None,
    evidence_dir: Path | None = None,
    utc_offset: int | None = None,
) -> Report:
    """Score the answers (redacted first when asked) and gather what the report shows; `problems`
    and `rejected` are what reading the answer sheet found (`assess.excel.sheet_reader.read_checked`),
    shown on the report's data-quality sheet; the answers' evidence files in `evidence_dir` are
    hashed and listed on its Evidence sheet. `utc_offset` (minutes east of UTC) is the local time
    its date is shown in: by default this machine's at that moment."""
    if redact:
        answers = report_data.redact_answers(answers)
    evidence = None
    if evidence_dir is not None:
        from assess.content.evidence import hash_evidence

        evidence = hash_evidence(evidence_dir, answers)
    if generated_at is None:
        from assess.answers import utc_stamp

        generated_at = utc_stamp()
    if utc_offset is None:
        local = _moment(generated_at).astimezone().utcoffset()
        utc_offset = int(local.total_seconds() // 60) if local is not None else 0
    meta = report_data.ReportMeta(locale, redact, generated_at, __version__, input_sha256, utc_offset)
    ref = {"id": questionnaire.id, "version": questionnaire.version, "sha256": qhash}
    quality = report_data.quality_of(list(problems or ()), dict(rejected or {}), locale, redact)
    embedded = report_data.build(answers, dict(targets or {}), meta, ref, quality, evidence)
    report = from_embedded(questionnaire, qhash, embedded)
    client = answers.session.locale
    if quality and client != locale and client in questionnaire.locales:
        report.slip = client, report_data.quality_of(list(problems or ()), dict(rejected or {}), client, redact)
    return report


def from_embedded(questionnaire: Questionnaire, qhash: str, embedded: report_data.Embedded) -> Report:
    """The report that this embedded data describes (what verify recomputes)."""
    a = score(questionnaire, report_data.scored_answers(embedded), embedded.targets or None)
    doc = assessment_to_dict(a, embedded.meta.locale)
    if embedded.quality:
        _mark_invalid(doc, embedded.quality)
    return Report(questionnaire, qhash, a, doc, embedded, card_results(a))


def _mark_invalid(doc: dict[str, Any], quality: dict[str, Any]) -> None:
    """The JSON twin as the report shows it: an answer given but not used is invalid, not
    unanswered, and the read's findings go with it."""
    rejected = quality["rejected"]
    for x in (*doc["questions"], *doc["roadmap"]):
        if x.get("id", x.get("question")) in rejected and x["status"] == "unanswered":
            x["status"] = "invalid"
    doc["quality"] = {"not_used": len(rejected), "rejected": dict(rejected),
                      "problems": [dict(p) for p in quality["problems"]]}


# --------------------------------------------------------------------------- values as shown


def _moment(generated_at: str) -> datetime:
    """A report's recorded UTC time as a datetime (the epoch if it cannot be read)."""
    try:
        at = datetime.fromisoformat(generated_at.replace("Z", "+00:00"))
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def report_time(report: Report) -> str:
    """When the report was made, in the local time of the machine that made it (UTC for a report
    that did not record its offset): the same text wherever it is opened or verified."""
    return shown_time(report, _moment(report.meta.generated_at))


def shown_time(report: Report, at: datetime | None) -> str:
    """A moment the report records (made, answered, reviewed) in the local time its date is shown in
    ("" for none)."""
    if at is None:
        return ""
    offset = report.meta.utc_offset
    return local_datetime(at if at.tzinfo is not None else at.replace(tzinfo=UTC), offset if offset is not None else 0)


def _num(x: float) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def cell_name(sheet: Sheet, cell: Cell) -> str:
    """A figure's cell named as a reader of the report finds it, in the report's language: the title
    of its column and the label of its row ("得分 · 算力"); "" for a label, which names itself."""
    label_col = sheet.marks.get("label_col", 0)
    if cell.style == "th" or cell.col == label_col:
        return ""
    at = {(c.row, c.col): c for c in sheet.cells}
    row_label = at.get((cell.row, label_col))
    title = next((c for r in range(cell.row - 1, -1, -1) if (c := at.get((r, cell.col))) is not None
                  and c.style == "th"), None)
    return " · ".join(str(x.value) for x in (title, row_label) if x is not None and x.value not in ("", None))


def chart_ranges(sheet: Sheet) -> dict[str, list[tuple[str, str]]]:
    """Each Summary chart's series as (categories, values) ranges with the sheet's name, unquoted
    and unanchored, e.g. ('摘要!A16:A21', '摘要!B16:B21'): what the writer plots and verify checks."""
    first, last = sheet.marks["pillar_rows"]

    def span(col: int) -> str:
        return f"{sheet.name}!{a1(first, col)}:{a1(last, col)}"

    return {chart: [(span(names), span(values)) for names, values in series]
            for chart, series in sheet.marks["charts"].items()}


def clip(text: str, locale: str, limit: int = TEXT_LIMIT) -> str:
    """At most `limit` characters of `text`, saying how many more there are."""
    if len(text) <= limit:
        return text
    return text[:limit] + t("more", locale, n=len(text) - limit)


def show_value(question: QuestionBase | None, value: Value, locale: str) -> str:
    """An answer's value as a reader wants it (`assess.text.format.value_text`), empty for none, and
    cut to what a printed cell can hold."""
    return "" if value is None else clip(value_text(question, value, locale), locale)


def yes_no(flag: bool, locale: str) -> str:
    return t("yes" if flag else "no", locale)


# --------------------------------------------------------------------------- the sheets


def layout(report: Report) -> list[Sheet]:
    """The visible sheets, in order (the hidden embedded-data sheet is `report_data.rows`): a card
    sheet per card group asked or given cards (`assess.excel.report_cards`) after Answers."""
    from assess.excel.report_cards import card_sheets  # they build on this module
    from assess.excel.report_evidence import evidence_sheets
    from assess.excel.report_quality import quality_sheets
    from assess.excel.report_summary import summary

    out = []
    from assess.excel.report_review import review_sheets

    builds = (("summary", summary), ("pillars", _pillars), ("roadmap", _roadmap), ("answers", _answers),
              ("methodology", _methodology), ("provenance", _provenance))
    for key, build in builds:
        sheet = Sheet(key, sheet_name(key, report.locale), locale=report.locale)
        build(report, sheet)
        sheet.finish()
        out.append(sheet)
        if key == "answers":
            out.extend(card_sheets(report))
            out.extend(quality_sheets(report))
            out.extend(evidence_sheets(report))
            out.extend(review_sheets(report))
    return out


def level_name(report: Report, level: int) -> str:
    return report.doc["levels"][level]["name"]


def _status_text(status: str, res: Any, loc: str) -> str:
    """A question's status, saying when it applies only because a profile answer is blank."""
    out = t(f"status.{status}", loc)
    if res is not None and res.waits_on:
        out += "\n" + t("waits_on", loc, ids=", ".join(res.waits_on))
    return out


def _state_text(given: Any, res: Any, loc: str) -> str:
    """The evidence state as counted: a respondent's own "verified" reads as documented, and says so."""
    if given is None:
        return ""
    if res is not None and res.unnamed_document:
        return t("state.declared", loc) + t("state.unnamed", loc)
    if res is not None and res.self_verified:
        return t("state.documented", loc) + t("state.self_verified", loc)
    return t(f"state.{given.evidence_state.value}", loc)


def title_of(report: Report) -> str:
    q = report.doc["questionnaire"]
    return f"{q['name']} ({q['id']}@{q['version']})"


PILLAR_COLUMNS = (
    ("col.id", 8), ("col.pillar", 22), ("col.weight", 8), ("col.applicable", 7), ("col.claimed", 9),
    ("col.evidenced", 9), ("col.uncapped", 9), ("col.level", 6), ("col.level_name", 12), ("col.target", 8),
    ("col.target_source", 14), ("col.gap", 8), ("col.completion", 11), ("col.responded", 8),
    ("col.applicable_questions", 9), ("col.gates_failed", 16),
)


def _table_header(s: Sheet, columns: tuple[tuple[str, float], ...]) -> None:
    """The first row of a table sheet: each column's title and width; printed atop every page."""
    s.table_header = 0
    for col, (key, width) in enumerate(columns):
        s.label(0, col, key, "th")
        s.widths[col] = width


def _pillars(r: Report, s: Sheet) -> None:
    loc, d = r.locale, r.doc
    audited = d["overall"].get("audited") is not None  # a reviewer has decided: the audited figures, last
    _table_header(s, PILLAR_COLUMNS + ((("col.audited", 9),) if audited else ()))
    row = 0
    for p in d["pillars"]:
        row += 1
        pid = p["id"]
        cells = (
            (pid, "text"), (p["name"], "wrap"), (p["weight"], "weight"),
            (yes_no(p["applicable"], loc), "text"), (p["score"], "score"),
            (p["evidenced"], "score"), (p["uncapped"], "score"),
            (p["level"], "int"),
            (level_name(r, p["level"]) if p["applicable"] else t("status.na", loc), "text"),
            (p["target"], "score"), (t(f"source.{p['target_source']}", loc), "text"),
            (p["gap"], "gap"), (p["completion"], "pct"),
            (p["responded"], "int"), (p["applicable_questions"], "int"),
            (", ".join(p["gates_failed"]), "bad" if p["gates_failed"] else "text"),
            *([(p["audited"], "score")] if audited else []),
        )
        for col, (value, style) in enumerate(cells):
            s.put(row, col, value, style)
    s.marks["data_rows"] = (1, row)
    row += 1
    o = d["overall"]
    s.label(row, 0, "overall", "strong")
    for col, value, style in (
        (4, o["score"], "score_strong"),
        (5, o["evidenced"], "score_strong"),
        (7, o["level"], "int_strong"),
        (8, level_name(r, o["level"]), "strong"),
        (12, o["completion"], "pct_strong"),
        (13, o["responded"], "int_strong"),
        (14, o["applicable_questions"], "int_strong"),
        *([(len(PILLAR_COLUMNS), o["audited"], "score_strong")] if audited else []),
    ):
        s.put(row, col, value, style)


ROADMAP_COLUMNS = (
    ("col.rank", 6), ("col.phase", 20), ("col.pillar", 14), ("col.question_id", 15), ("col.question", 36),
    ("col.current_needed", 30), ("col.current_score", 8), ("col.needed_score", 8), ("col.steps", 6),
    ("col.gain", 7), ("col.step", 38), ("col.citations", 20),
)


def _roadmap(r: Report, s: Sheet) -> None:
    from assess.excel.citations import citation_titles
    from assess.output.actions import action_text

    loc, d, q = r.locale, r.doc, r.questionnaire
    by_id = {question.id: question for _, question in q.all_questions()}
    names = {p["id"]: p["name"] for p in d["pillars"]}
    _table_header(s, ROADMAP_COLUMNS)
    row = 0
    for x in d["roadmap"]:
        row += 1
        qid = x["question"]
        question = by_id[qid]
        typed = r.embedded.quality.get("rejected", {}).get(qid) if x["status"] == "invalid" else None
        current = (show_value(question, x["from"], loc) if x["from"] is not None
                   else t("invalid_typed", loc, typed=typed) if typed is not None else t(f"status.{x['status']}", loc))
        cells = (
            (x["rank"], "int"), (t(f"phase.{x['phase']}", loc), "bad" if x["phase"] == "now" else "text"),
            (names[x["pillar"]], "wrap"), (qid, "text"), (localize(question.prompt, loc), "wrap"),
            (f"{current} → {show_value(question, x['to'], loc)}", "wrap"), (x["from_score"], "score"),
            (x["to_score"], "score"), (x["steps"], "int"), (x["gain"], "score"),
            (action_text(x, question, loc), "wrap"), (citation_titles(x["citations"], loc), "wrap"),
        )
        for col, (value, style) in enumerate(cells):
            s.put(row, col, value, style)
    s.last_col = len(ROADMAP_COLUMNS) - 1
    s.marks["data_rows"] = (1, row)


ANSWER_COLUMNS = (
    ("col.section", 14), ("col.id", 17), ("col.question", 42), ("col.status", 14),
    ("col.answer", 28), ("col.points", 8), ("col.how_scored", 30), ("col.score", 7), ("col.evidenced", 8),
    ("col.weight", 7), ("col.evidence_state", 11), ("col.evidence", 20), ("col.note", 32), ("col.by", 12),
    ("col.at", 22),
)
REDACTED_COLUMNS = {11, 12, 13}
AUDIT_COLUMNS = (("col.audited", 8), ("col.decision", 11))
"""Answers columns shown once a reviewer has decided on any answer."""


def _answers(r: Report, s: Sheet) -> None:
    from assess.excel.report_derive import how_scored, points

    loc, q, a = r.locale, r.questionnaire, r.assessment
    answers = r.embedded.answers.answers
    redact = r.meta.redact
    audited = a.overall.audited is not None  # a reviewer has decided: the audited score and the decision, last
    columns = ANSWER_COLUMNS + (AUDIT_COLUMNS if audited else ())
    s.table_header = 0
    for col, (key, width) in enumerate(columns):
        title = t(key, loc) + (t("removed", loc) if redact and col in REDACTED_COLUMNS else "")
        s.put(0, col, title, "th")
        s.widths[col] = 11 if redact and col in REDACTED_COLUMNS else width
    results = a.questions
    rejected = r.embedded.quality.get("rejected", {})
    muted: list[int] = []
    row = 0
    for pillar, question in q.all_questions():
        row += 1
        qid = question.id
        given = answers.get(qid)
        res = results.get(qid)
        if res is not None:
            status = res.status
        elif given is None:
            status = "unanswered"
        else:
            status = "invalid" if check_answer(question, given) is not None else given.status
        if qid in rejected and status == "unanswered":  # given, but not used: never shown as a skip
            status = "invalid"
        quiet = status in ("hidden", "na")
        if quiet:
            muted.append(row)
        text_style = "muted_wrap" if quiet else "wrap"
        section = localize(pillar.name, loc) if pillar is not None else t("profile", loc)
        value = given.value if given is not None and given.status == "answered" else None
        cells: list[tuple[CellValue, str]] = [
            (section, text_style), (qid, "muted_row" if quiet else "text"),
            (localize(question.prompt, loc), text_style),
            (_status_text(status, res, loc), "muted_wrap" if quiet else ("bad" if status == "invalid" else "wrap")),
            (t("invalid_typed", loc, typed=rejected[qid]) if qid in rejected and value is None
             else show_value(question, value, loc), "bad" if qid in rejected else text_style),
            (points(question, res), "weight"), (how_scored(question, res, loc), text_style),
            (res.score if res is not None else None, "score"),
            (res.evidenced if res is not None else None, "score"),
            # a gate kept apart from capability weighs nothing in any score: no weight shown
            (question.weight if pillar is not None and not (res is not None and res.compliance) else None,
             "muted_weight" if quiet else "weight"),
            (_state_text(given, res, loc), text_style),
            (clip("; ".join(given.evidence), loc) if given is not None and not redact else "", text_style),
            (clip(given.note, loc) if given is not None else "", text_style),
            (given.by if given is not None else "", text_style),
            (shown_time(r, given.at) if given is not None else "", text_style),
        ]
        if audited:
            review = res.review if res is not None else None
            cells += [(res.audited if res is not None else None, "score"),
                      (t(f"decision.{review.decision}", loc) if review is not None else "",
                       "bad" if review is not None and review.decision == "rejected" else text_style)]
        for col, (v, style) in enumerate(cells):
            s.put(row, col, v, style)
    s.last_col = len(columns) - 1
    s.marks["data_rows"] = (1, row)
    s.marks["muted_rows"] = muted
    s.marks["label_col"] = 1  # a row is named by its question id


def _methodology(r: Report, s: Sheet) -> None:
    loc, d = r.locale, r.doc
    policy = d["policy"]
    s.widths = {0: 96, 1: 14, 2: 14, 3: 18}
    s.label(0, 0, "meth.title", "title")
    row = 1
    if r.meta.redact:
        row += 1
        s.put(row, 0, paragraph("redacted", loc), "para_strong")
    values = {"gate_cap": _num(policy["gate_cap"]), "dont_know": t(f"dont_know.{policy['dont_know']}", loc),
              "gate_level_cap": policy.get("gate_level_cap", 2)}
    # each paragraph in the variant the questionnaire's policy calls for (1.0.0 keeps its own words)
    variants = {
        "applicability": "zero" if policy.get("blank") == "zero" else "",
        "pillar": "separate" if policy.get("gates") == "separate" else "",
        "overall": "separate" if policy.get("gates") == "separate" else "",
        "evidenced": "reviewer" if policy.get("respondent_verifies") is False else "",
        "programmes": "evidenced" if policy.get("programmes_on") == "evidenced" else "",
    }
    audited = ("audited",) if d["overall"].get("audited") is not None else ()  # said where it is shown
    for key in ("question", "applicability", "pillar", "overall", "level", "evidenced", *audited, "programmes",
                "targets", "roadmap"):
        row += 1
        variant = variants.get(key)
        s.put(row, 0, paragraph(f"{key}.{variant}" if variant else key, loc, **values), "para")

    row += 2
    s.label(row, 0, "meth.levels", "heading")
    row += 1
    s.label(row, 0, "col.level_name", "th")
    s.label(row, 1, "col.level", "th")
    s.label(row, 2, "col.threshold", "th")
    for lv in d["levels"]:
        row += 1
        s.put(row, 0, lv["name"], "text")
        s.put(row, 1, lv["level"], "int")
        s.put(row, 2, lv["threshold"], "score")

    row += 2
    s.label(row, 0, "meth.discounts", "heading")
    row += 1
    s.label(row, 0, "col.evidence_state", "th")
    s.label(row, 1, "col.factor", "th")
    for state, factor in policy["evidence_discounts"].items():
        row += 1
        s.put(row, 0, t(f"state.{state}", loc), "text")
        s.put(row, 1, factor, "weight")

    row += 2
    s.label(row, 0, "meth.policy", "heading")
    row += 1
    if policy.get("gates") == "separate":
        s.label(row, 0, "meth.gate_level_cap", "text")
        s.put(row, 1, policy["gate_level_cap"], "int")
    else:
        s.label(row, 0, "meth.gate_cap", "text")
        s.put(row, 1, policy["gate_cap"], "score")
    row += 1
    s.label(row, 0, "meth.dont_know", "text")
    s.put(row, 1, t(f"dont_know.{policy['dont_know']}", loc), "text")

    row += 2
    s.label(row, 0, "meth.pillars", "heading")
    row += 1
    for col, key in enumerate(("col.pillar", "col.weight", "col.target", "col.target_source")):
        s.label(row, col, key, "th")
    for p in d["pillars"]:
        row += 1
        pid = p["id"]
        s.put(row, 0, f"{pid} {p['name']}", "text")
        s.put(row, 1, p["weight"], "weight")
        s.put(row, 2, p["target"], "score")
        s.put(row, 3, t(f"source.{p['target_source']}", loc), "text")

    from assess.excel.report_derive import worked_example

    s.widths.update({4: 10, 5: 18})
    row = worked_example(r, s, row + 2)
    row += 2
    s.label(row, 0, "meth.verify_title", "heading")
    row += 1
    s.put(row, 0, paragraph("proves", loc), "para")
    row += 1
    s.put(row, 0, paragraph("not_proves", loc), "para")
    s.table_header = None


MONO = frozenset({"prov.questionnaire_hash", "prov.input_sha256", "prov.answers_digest", "prov.data_digest"})
"""Provenance rows shown in a fixed-width font: hashes, read and compared character by character."""


def _provenance(r: Report, s: Sheet) -> None:
    loc, q, meta, e = r.locale, r.questionnaire, r.meta, r.embedded
    s.widths = {0: 34, 1: 72}
    s.label(0, 0, "prov.title", "title")
    targets = "; ".join(f"{k}={_num(v)}" for k, v in sorted(e.targets.items())) or t("none", loc)
    rows = (
        ("prov.questionnaire_id", q.id),
        ("prov.questionnaire_version", q.version),
        ("prov.questionnaire_hash", r.qhash),
        ("prov.hash_scheme", HASH_SCHEME),
        ("prov.tool", f"assess {meta.tool_version}"),
        ("prov.generated_at", meta.generated_at),
        ("prov.input_sha256", meta.input_sha256 or t("prov.unknown", loc)),
        ("prov.answers_digest", e.answers_digest),
        ("prov.data_digest", e.digest),
        ("prov.redacted", yes_no(meta.redact, loc)),
        ("prov.language", meta.locale),
        ("prov.targets", targets),
    )
    row = 1
    for key, value in rows:
        row += 1
        s.label(row, 0, key)
        s.put(row, 1, value, "mono" if key in MONO else "text")
    row += 2
    s.label(row, 0, "prov.verify")
    s.put(row, 1, "assess verify REPORT.xlsx", "mono")
