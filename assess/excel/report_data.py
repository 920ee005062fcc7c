"""What a gap report carries inside itself so that `assess verify` can recompute it.

The hidden embedded-data sheet holds one JSON document, the *payload*: the canonical answer file
(the format of `assess.answers.AnswerSet`, as redacted when the report is), the questionnaire
release it was scored with (id, version, content hash), the target overrides given to the report
command, and the few facts the report shows that are not derived from the
answers (language, redaction, time, tool version, SHA-256 of the input file). Its digest
(`assess.canonical.digest`) is written beside it. A worksheet cell holds at most 32,767 characters
(UTF-16 code units), so the text is cut into chunks of `CHUNK` code points, which stay under the
limit even when every character is outside the Basic Multilingual Plane.

Layout of the sheet (column A a key, column B its value):
    row 1  MARKER        FORMAT_VERSION
    row 2  "digest"      digest of the payload
    row 3  "chunks"      number of chunks n
    row 4 .. 3+n  i      chunk i of the payload text
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assess.answers import Answer, AnswerSet
from assess.canonical import canonical_bytes, digest, digest_of_bytes
from assess.content.evidence import parse_evidence
from assess.problems import Msg, Problem, msg
from assess.rules import DITTO, NO_DOCUMENT, names_document
from assess.text.clean import Unclean, check_json, json_loads

MARKER = "assess-report-data"
KIND = "assess/report-data"
FORMAT_VERSION = 1
CHUNK = 16_000
"""Code points per cell: at most 32,000 UTF-16 units, under Excel's 32,767."""
MAX_CHUNKS = 100_000
"""More chunks than any report holds (the workbook guard caps a sheet far below): a count read back
beyond it is damage, not data."""
FIRST_CHUNK_ROW = 3
"""0-based row of the first chunk."""


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """What the report shows that the answers do not determine."""

    locale: str
    redact: bool
    generated_at: str
    """UTC, ISO 8601 to the second, e.g. 2026-03-01T08:00:00Z."""
    tool_version: str
    input_sha256: str | None
    utc_offset: int | None = None
    """Minutes east of UTC of the clock the report was made by: its time is shown in that local time
    wherever it is opened or verified (None in reports made before: shown in UTC)."""

    def as_dict(self) -> dict[str, Any]:
        out = {
            "locale": self.locale,
            "redact": self.redact,
            "generated_at": self.generated_at,
            "tool_version": self.tool_version,
            "input_sha256": self.input_sha256,
        }
        if self.utc_offset is not None:
            out["utc_offset"] = self.utc_offset
        return out


@dataclass(frozen=True, slots=True)
class Embedded:
    """The embedded data, as written or as read back."""

    questionnaire: dict[str, str]
    """id, version and sha256 of the questionnaire release the report was scored with."""
    answers: AnswerSet
    targets: dict[str, float]
    meta: ReportMeta
    text: str
    """The payload as canonical JSON text."""
    digest: str
    answers_digest: str
    """Digest of the canonical answers alone (shown on the Provenance sheet)."""
    quality: dict[str, Any] = field(default_factory=dict)
    """What reading the firm's answer sheet found (left out of the payload when nothing):
    `rejected` question id -> what was typed for each answer not used, and `problems`, each with
    `severity`, `where`, `typed`, `message` and `fix` in the report's language."""
    evidence: dict[str, Any] = field(default_factory=dict)
    """The evidence files hashed when the report was made (`assess.content.evidence.hash_evidence`:
    `folder` and `files`), left out of the payload when the report was made without an evidence folder."""


WITHHELD = "—"
"""What a redacted report keeps of each evidence reference that names a document (`names_document`):
that there was one, not what it named. A policy that counts "documented" only with a named document
(`documented_names_evidence`) would otherwise score the shared version lower than the firm's own;
a reference naming none (暂无) is left out, as it counts for nothing."""
_NAMED = "(withheld)"
"""What a redacted report's `WITHHELD` is scored as: a document's name (a dash alone names none)."""


NAMES_NOTHING_SINCE = (0, 4, 0)
"""The tool version from which a placeholder such as 暂无 names no document (`names_document`). A report
made earlier counted every reference written as a name: it is re-scored (and its source redacted) so."""


CARDS_LISTED_SINCE = (0, 5, 0)
"""The tool version from which the card answers a read did not use are listed with the questions'
(`sheet_format.card_answer_key`); a report made earlier lists the questions' alone."""


def made_before(meta: ReportMeta, version: tuple[int, int, int]) -> bool:
    """Whether a report was made by a version of the tool earlier than `version`."""
    parts = meta.tool_version.split("+")[0].split(".")[:3]
    return all(p.isdigit() for p in parts) and tuple(int(p) for p in parts) < version


DITTO_NAMES_NOTHING_SINCE = (0, 5, 0)
"""The tool version from which a ditto (同上) names no document (`rules.DITTO`); a report made
earlier counted it as a name."""

QUOTED_NAMES_NOTHING_SINCE = (0, 6, 0)
"""The tool version from which a placeholder however written (“同上”, 同 上, 待补充（月底前）) names no
document, nor does where one is (见微信群文件, 见上: `rules.ELSEWHERE`); a report made earlier counted
them as names."""


def named_as_made(meta: ReportMeta) -> Callable[[str], bool]:
    """Whether an evidence reference named a document by the rule of the version that made a report:
    before `NAMES_NOTHING_SINCE`, any reference written; before `DITTO_NAMES_NOTHING_SINCE`, any but
    a placeholder (暂无) as typed; before `QUOTED_NAMES_NOTHING_SINCE`, any but a placeholder or a
    ditto as typed; since, `names_document`."""
    if made_before(meta, NAMES_NOTHING_SINCE):
        return lambda e: bool(e.strip())
    if made_before(meta, DITTO_NAMES_NOTHING_SINCE):
        return lambda e: _named_unquoted(e, NO_DOCUMENT - DITTO)
    if made_before(meta, QUOTED_NAMES_NOTHING_SINCE):
        return lambda e: _named_unquoted(e, NO_DOCUMENT)
    return names_document


def _named_unquoted(reference: str, none: frozenset[str]) -> bool:
    """The rule before `QUOTED_NAMES_NOTHING_SINCE`: a reference names a document unless, as typed
    (its quotes, spaces and brackets kept), it is one of `none`, or a mark without a letter or digit."""
    text = unicodedata.normalize("NFKC", reference).strip().strip("。.,，:：;；").strip().casefold()
    return text not in none and any(ch.isalnum() for ch in text)


def _withheld(evidence: list[str], named: Callable[[str], bool] = names_document) -> list[str]:
    return [WITHHELD for e in evidence if named(e)]


def scored_answers(embedded: Embedded) -> AnswerSet:
    """The answers a report's figures are computed from: those embedded, except that in a redacted
    report each `WITHHELD` stands for a document's name, and counts as one; and that in a report made
    by an earlier rule (`named_as_made`: 暂无 before 0.4.0, 同上 before 0.5.0, “同上” and 见微信群 before
    0.6.0) what named a document then counts as a name, as it did."""
    answers = embedded.answers
    named_then = named_as_made(embedded.meta)
    legacy = named_then is not names_document
    if not (embedded.meta.redact or legacy):
        return answers

    def ref(e: str) -> str:
        withheld = embedded.meta.redact and e == WITHHELD
        return _NAMED if withheld or (legacy and named_then(e) and not names_document(e)) else e

    def named(a: Answer) -> Answer:
        return a.model_copy(update={"evidence": [ref(e) for e in a.evidence]})

    return answers.model_copy(update={
        "answers": {qid: named(a) for qid, a in answers.answers.items()},
        "cards": {gid: [card.model_copy(update={"answers": {qid: named(a) for qid, a in card.answers.items()}})
                        for card in group] for gid, group in answers.cards.items()}})


def redact_answers(answers: AnswerSet, named: Callable[[str], bool] = names_document) -> AnswerSet:
    """The answers without notes, evidence references and people's names, for sharing outside
    the company: respondent and contact names, each answer's (and each card answer's) note and
    author, what each evidence reference names (each becomes `WITHHELD`), and the change history
    (which names authors and carries old values) go, and so do a reviewer's name and comment.
    Nothing scored changes: values, statuses, evidence states, how many documents back an answer,
    review decisions and corrected values, card keys and dates stay. `named`: which references name
    a document (each kept as a dash), by the rule of the version that redacts (`named_as_made`)."""
    cleaned = {
        qid: a.model_copy(update={"note": "", "evidence": _withheld(a.evidence, named), "by": "", "review": (
            a.review.model_copy(update={"by": "", "comment": ""}) if a.review is not None else None)})
        for qid, a in answers.answers.items()
    }
    cards = {
        gid: [card.model_copy(update={"answers": {
            qid: a.model_copy(update={"note": "", "evidence": _withheld(a.evidence, named), "by": ""})
            for qid, a in card.answers.items()}})
            for card in group]
        for gid, group in answers.cards.items()
    }
    return answers.model_copy(
        update={
            "answers": cleaned,
            "cards": cards,
            "respondent": answers.respondent.model_copy(update={"name": ""}),
            "company": answers.company.model_copy(update={"contact": ""}),
            "history": [],
        }
    )


def quality_of(problems: list[Problem], rejected: dict[str, str], locale: str, redact: bool = False
               ) -> dict[str, Any]:
    """The data-quality part of the payload: the problems in `locale`'s words, errors first, and
    the answers not used with what was typed ({} when there is nothing to say). Redacted, a problem
    on a cell holding a note, evidence or a name says where it is, not what the cell held."""
    from assess.text.messages import by_severity, say

    def hidden(p: Problem) -> bool:
        return redact and p.private

    rows = [{"severity": p.severity, "where": p.where, "typed": "" if hidden(p) else p.typed,
             "message": say(msg("report.quality_private") if hidden(p) else p.message, locale),
             "fix": say(p.fix, locale) if p.fix and not hidden(p) else ""} for p in by_severity(problems)]
    if not rows and not rejected:
        return {}
    return {"rejected": {str(k): str(v) for k, v in sorted(rejected.items())}, "problems": rows}


def build(answers: AnswerSet, targets: dict[str, float], meta: ReportMeta, questionnaire: dict[str, str],
          quality: dict[str, Any] | None = None, evidence: dict[str, Any] | None = None) -> Embedded:
    """The payload for these (already redacted, if asked) answers, with its digest; `quality` as
    `quality_of` makes it, `evidence` as `assess.content.evidence.hash_evidence` does."""
    dumped = answers.model_dump(mode="json", by_alias=True)
    payload = {
        "kind": KIND,
        "format_version": FORMAT_VERSION,
        "questionnaire": dict(questionnaire),
        "answers": dumped,
        "targets": {k: float(v) for k, v in sorted(targets.items())},
        "report": meta.as_dict(),
    }
    if quality:  # absent when the read found nothing: such reports are the same bytes as before
        payload["quality"] = quality
    if evidence:  # likewise absent when no evidence folder was given
        payload["evidence"] = evidence
    raw = canonical_bytes(payload)
    return Embedded(dict(questionnaire), answers, dict(payload["targets"]), meta, raw.decode("utf-8"),
                    digest_of_bytes(raw), digest(dumped), dict(quality or {}), dict(evidence or {}))


def chunks(text: str) -> list[str]:
    return [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]


def rows(e: Embedded) -> list[list[str | int]]:
    """The sheet's rows, from row 1."""
    parts = chunks(e.text)
    return [[MARKER, FORMAT_VERSION], ["digest", e.digest], ["chunks", len(parts)]] + [
        [i, part] for i, part in enumerate(parts, 1)
    ]


class EmbeddedError(Exception):
    """The embedded data is missing, damaged or edited."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _cell(grid: list[list[Any]], r: int, c: int) -> Any:
    if r < len(grid) and c < len(grid[r]):
        return grid[r][c]
    return ""


def parse(grid: list[list[Any]], sheet: str) -> Embedded:
    """Read the embedded data back from the sheet's cells (rows of values from A1), checking
    the layout and the digest; EmbeddedError names the cell at fault."""

    def fail(message: Msg, row: int, col: int = 1, fix: Msg | None = None) -> EmbeddedError:
        return EmbeddedError(Problem(message, f"{sheet}!{'AB'[col]}{row + 1}", fix=fix or msg("report.data.fix")))

    if _cell(grid, 0, 0) != MARKER:
        raise fail(msg("report.data.none"), 0, 0, msg("report.no_data_sheet.fix"))
    version = _cell(grid, 0, 1)
    if not isinstance(version, int | float) or int(version) != FORMAT_VERSION:
        raise fail(msg("report.data.format", format=repr(version), supported=FORMAT_VERSION), 0,
                   fix=msg("report.newer.fix"))
    stored = _cell(grid, 1, 1)
    count = _cell(grid, 2, 1)
    if not isinstance(count, int | float) or not 1 <= count <= MAX_CHUNKS or int(count) != count:
        raise fail(msg("report.data.count", count=repr(count)), 2)
    count = int(count)
    parts = []
    for i in range(count):
        r = FIRST_CHUNK_ROW + i
        if _cell(grid, r, 0) in ("", None) and _cell(grid, r, 1) in ("", None):
            raise fail(msg("report.data.chunk_missing", chunk=i + 1, count=count), r)
        part = _cell(grid, r, 1)
        if not isinstance(part, str):
            raise fail(msg("report.data.not_text"), r)
        parts.append(part)
    for r in range(FIRST_CHUNK_ROW + count, len(grid)):
        if any(v not in ("", None) for v in grid[r]):
            raise fail(msg("report.data.after_last"), r, 0)
    text = "".join(parts)
    try:  # parsed without recursion limits to meet, or integers too long for Python to read
        payload = json_loads(text)
    except json.JSONDecodeError as e:
        raise fail(msg("report.data.json", error=e.msg), FIRST_CHUNK_ROW) from None
    except Unclean as e:  # nested too deep
        why = e.problems[0].message
        raise fail(why if isinstance(why, Msg) else msg("report.data.json", error=why), FIRST_CHUNK_ROW) from None
    numbers = check_json(payload, None)
    if numbers:
        why = numbers[0].message
        raise fail(why if isinstance(why, Msg) else msg("report.data.json", error=why), FIRST_CHUNK_ROW)
    actual = digest(payload)
    if actual != stored:
        raise fail(msg("report.data.digest", stored=str(stored)[:16], actual=actual[:16]), 1)
    if not isinstance(payload, dict) or payload.get("kind") != KIND:
        raise fail(msg("report.data.kind"), FIRST_CHUNK_ROW)
    try:
        ref = {k: str(payload["questionnaire"][k]) for k in ("id", "version", "sha256")}
        answers = AnswerSet.model_validate(payload["answers"])
        targets = {str(k): float(v) for k, v in payload.get("targets", {}).items()}
        r = payload["report"]
        offset = r.get("utc_offset")
        if offset is not None and (isinstance(offset, bool) or not -1440 < int(offset) < 1440):
            raise ValueError(f"utc_offset {offset!r} is not minutes east of UTC")
        meta = ReportMeta(str(r["locale"]), bool(r["redact"]), str(r["generated_at"]), str(r["tool_version"]),
                          r.get("input_sha256"), None if offset is None else int(offset))
        quality = _quality(payload.get("quality") or {})
        evidence = parse_evidence(payload.get("evidence"))
    except Exception as e:  # pydantic errors, missing keys, wrong types: one message
        raise fail(msg("report.data.incomplete", error=f"{type(e).__name__}: {str(e).splitlines()[0]}"),
                   FIRST_CHUNK_ROW) from None
    return Embedded(ref, answers, targets, meta, text, actual, digest(answers), quality, evidence)


QUALITY_FIELDS = ("severity", "where", "typed", "message", "fix")


def _quality(q: Any) -> dict[str, Any]:
    """The data-quality part read back, every value text (a wrong shape raises, named by `parse`)."""
    if not isinstance(q, dict):
        raise TypeError("quality is not an object")
    if not q:
        return {}
    rejected = {str(k): str(v) for k, v in dict(q["rejected"]).items()}
    problems = [{k: str(p[k]) for k in QUALITY_FIELDS} for p in q["problems"]]
    return {"rejected": rejected, "problems": problems}
