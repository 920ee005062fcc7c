"""Checks over a whole filled sheet once its rows are read (`sheet_reader`): rows deleted, wording
edited, answers the profile hides or leaves to answer, what a questionnaire's policy asks of the
answers (a blank profile answer deciding a gate, evidence claimed without a document named), and,
per sheet, cells merged over several rows and rows hidden by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assess.answers import AnswerSet
from assess.excel import sheet_format as T
from assess.excel.a1 import col_letter
from assess.excel.sheet_cells import Rows, Span
from assess.excel.sheet_format import expected_rows
from assess.excel.sheet_pin import Pin, meta_fingerprints
from assess.excel.sheet_rows import COMPANY_FIELDS, Cell, RowReader
from assess.excel.sheet_values import cell_text
from assess.model import EvidenceState, Questionnaire
from assess.problems import msg
from assess.rules import asked_ids, counted_state, depends_state

MAX_LISTED = 20
"""At most this many ids are named in one aggregated problem (e.g. unanswered questions)."""


def sheet_checks(reader: RowReader, q: Questionnaire, pin: Pin, locale: str, answers: AnswerSet,
                 add: Callable[..., None], meta_rows: Rows, shown: dict[str, str],
                 out_of_view: dict[str, set[int]] | None = None) -> None:
    """Checks over the whole sheet: missing rows, edited wording, hidden and missing answers. `shown`:
    the Company and Answers sheets' names as found (a plant's copies, a renamed sheet): where the
    problems point; `out_of_view`: the rows of each the client cannot see (hidden, folded, filtered
    out), where a question left to answer is said to be."""
    expected = expected_rows(q, locale)
    # the rows of a sheet missing whole are not named one by one: its own error says it
    missing_rows = [rid for rid in expected if rid not in reader.seen and expected[rid][0] in shown]
    for rid in missing_rows[:MAX_LISTED]:
        sheet, row = expected[rid][:2]
        name = shown.get(sheet, sheet)  # the template's row, below any title typed above the headings
        reader.add(msg("sheet.row_missing", id=T.row_name(rid)),
                   f"{name}!A{row + reader.heads.get(name, 0)}", "warning", fix=msg("sheet.row_missing.fix"))
    if len(missing_rows) > MAX_LISTED:
        reader.add(msg("sheet.more_rows_missing", count=len(missing_rows) - MAX_LISTED,
                       ids=[T.row_name(rid) for rid in missing_rows[MAX_LISTED:MAX_LISTED * 3]]), "", "warning",
                   fix=msg("sheet.fresh.fix"))
    fingerprints = None
    for rid, (text, where) in reader.texts.items():
        known = expected.get(rid)
        if (known is not None and known[3] == text) or rid in reader.text_told:
            continue  # exactly as the template writes it, or already told what it holds instead
        if fingerprints is None:
            fingerprints = pin.fingerprints or meta_fingerprints(meta_rows)
        want = fingerprints.get(rid) or (known[2] if known is not None else None)
        if want and T.fingerprint(text) != want:
            reader.add(msg("sheet.text_edited", id=rid), where, "warning", fix=msg("sheet.text_edited.fix"))
    by_id = reader.by_id
    company = shown.get(T.COMPANY, T.COMPANY)  # the plant's own, as named: Company (2) for a second plant
    put = asked_ids(q, answers, by_id)  # the profile's answers, which decide it, are final by now
    # An answer scoring ignores costs the firm nothing: one to a question the profile leaves out is told
    # as a notice (and leaves `rejected`), one to a question asked for information only as a warning (the
    # client still corrects it); neither keeps the firm out of the benchmark.
    for i, p in enumerate(reader.problems):
        qids = reader.questions_of(p) if p.severity == "error" else ()
        if not qids:
            continue
        if all(qid not in put for qid in qids):  # questions the profile leaves out: ignored, usable or not
            reader.problems[i] = replace(p, severity="notice")
            reader.rejected.difference_update(qids)
        elif all(qid not in put or (qid in by_id and not by_id[qid].scored) for qid in qids):
            reader.problems[i] = replace(p, severity="warning")  # asked for information, never scored: still to correct
    for qid in answers.answers:
        if qid not in put:
            reader.add(msg("sheet.hidden_answered", question=qid), reader.where_of.get(qid), "notice",
                       fix=msg("sheet.hidden_answered.fix", sheet=company))
    _policy_checks(reader, q, answers, add, put, company)
    _notes_only(reader, put, add, company)
    for sheet, pool in ((T.COMPANY, q.profile), (T.ANSWERS, [question for p in q.pillars for question in p.questions])):
        missing = []
        for question in pool:
            if question.id in answers.answers or question.id in reader.rejected or question.id in reader.typed_beside:
                continue
            if sheet == T.ANSWERS and question.id in reader.note_only:  # told with its note, which is not kept
                continue  # (a profile answer left blank is named here too: it decides which questions apply)
            if (sheet == T.ANSWERS and not question.scored) or question.id not in put:
                continue
            if question.id not in reader.seen and not any(rid.startswith(question.id + T.SUB) for rid in reader.seen):
                continue  # its row is missing: already reported
            missing.append(question.id)
        if missing:  # every one named: the return slip is the plant's list of what is left to answer
            cells = []
            for qid in missing:
                c = reader.where_of.get(qid) or reader.seen.get(qid)
                if c is not None:
                    cells.append((c.col, c.row))
                elif qid in expected:
                    cells.append((1, expected[qid][1]))
            key = "sheet.unanswered_profile" if sheet == T.COMPANY else "sheet.unanswered"
            name = shown.get(sheet, sheet)
            unseen = [cell for cell in cells if cell[1] in (out_of_view or {}).get(sheet, ())]
            # cells the client cannot see: told to bring their rows back into view first
            fix = msg(key + ".fix_unseen", cells=_runs(unseen)) if unseen else msg(key + ".fix")
            add(msg(key, count=len(missing), ids=missing), f"{name}!{_runs(cells)}" if cells else name, "warning",
                fix=fix)
    if not reader.company.get("company.name"):
        c = reader.seen.get("company.name")
        where = str(Cell(c.sheet, c.row, 3)) if c is not None else company
        if not any(p.where == where for p in reader.problems):  # a formula there is told already
            add(msg("sheet.no_company_name"), where, "warning",
                fix=msg("sheet.no_company_name.fix", sheet=company))


def _notes_only(reader: RowReader, put: set[str], add: Callable[..., None], company: str) -> None:
    """Name, once for all, the questions with a note or evidence but no answer, whose text is not kept:
    a warning for those put to the firm (the slip asks for their answers), a notice for those its
    profile leaves out (不涉及 beside one of them is right, and nothing is asked of the client)."""
    for asked in (True, False):
        by_sheet: dict[str, list[tuple[str, Cell]]] = {}
        for qid, cell in reader.note_only.items():
            if (qid in put) == asked and qid not in reader.typed_beside:  # an answer typed beside is told so
                by_sheet.setdefault(cell.sheet, []).append((qid, cell))
        for sheet, noted in by_sheet.items():
            ids = [qid for qid, _ in noted]
            where = f"{sheet}!{_runs([(cell.col, cell.row) for _, cell in noted])}"
            if asked:  # the Company sheet has no status to choose 不清楚 in
                add(msg("sheet.notes_without_answer", count=len(ids), ids=ids), where, "warning",
                    fix=msg("sheet.unanswered_profile.fix" if sheet == company else "sheet.unanswered.fix"))
            else:
                add(msg("sheet.notes_not_asked", count=len(ids), ids=ids), where, "notice",
                    fix=msg("sheet.notes_not_asked.fix", sheet=company))


def _runs(cells: list[tuple[int, int]]) -> str:
    """Cells (1-based column, row) as A1 references in their order, each run of rows one under the
    other in one column written as a range: E10:E12,E27."""
    runs: list[list[int]] = []  # [column, first row, last row]
    for col, row in cells:
        if runs and runs[-1][0] == col and runs[-1][2] + 1 == row:
            runs[-1][2] = row
        else:
            runs.append([col, row, row])
    return ",".join(f"{col_letter(c - 1)}{a}" + (f":{col_letter(c - 1)}{b}" if b > a else "") for c, a, b in runs)


MAX_PLACEHOLDERS = 5
"""Placeholders (暂无, 待补充) quoted in the one warning about them."""


def _policy_checks(reader: RowReader, q: Questionnaire, answers: AnswerSet, add: Callable[..., None],
                   put: set[str], company: str = T.COMPANY) -> None:
    """What the 1.1.0 policy asks of a sheet: a blank profile answer that decides whether a gate
    applies is an error (the gate applies meanwhile), and a respondent's "verified" reads as
    documented, since only a reviewer verifies; "documented" with no document named counts as declared.
    One notice names the questions each applies to, of those that apply (`put`). `company`: the
    plant's Company sheet, as named."""
    by_id = reader.by_id
    if q.scoring.blank == "zero":
        gates: dict[str, list[str]] = {}  # a blank profile answer -> the gates it helps leave open
        for p in q.pillars:
            for question in p.questions:
                if question.gate is None or question.depends_on is None:
                    continue
                state, missing = depends_state(question.depends_on, answers, by_id)
                if state is None:
                    for m in missing:
                        if m not in reader.rejected:  # a refused answer is its own error
                            gates.setdefault(m, []).append(question.id)
        for m, open_gates in gates.items():  # one error for each blank, however many gates it decides
            where = str(reader.where_of.get(m) or reader.seen[m]) if m in reader.seen else company
            add(msg("sheet.gate_profile_blank", gate=open_gates, ids=[m]), where, "error",
                fix=msg("sheet.gate_profile_blank.fix", sheet=company))
    said: dict[str, list[str]] = {}  # one notice for each thing said of the claims, naming them all
    placeholders: dict[str, None] = {}  # what was written instead of a document (暂无, 待补充), as typed
    for qid, answer in list(answers.answers.items()):
        claimed = answer.evidence_state
        if claimed == EvidenceState.verified and not q.scoring.respondent_verifies:
            answers.answers[qid] = answer = answer.model_copy(update={"evidence_state": EvidenceState.documented})
        elif claimed != EvidenceState.documented:
            continue
        if qid not in put:  # a question the profile leaves out is not scored: its claim changes nothing
            continue
        state, why = counted_state(q.scoring, answer)
        if claimed == EvidenceState.verified:
            key = "sheet.self_verified_unnamed" if state == EvidenceState.declared else "sheet.self_verified"
        elif why == "unnamed":  # documented, but no document named: declared
            key = "sheet.documented_placeholder" if answer.evidence else "sheet.documented_unnamed"
            placeholders.update(dict.fromkeys(answer.evidence))
        else:
            continue
        said.setdefault(key, []).append(qid)
    for key, qids in said.items():
        givens = [g for qid in qids if (g := reader.main.get(qid)) is not None]
        cells = [(col, g.row) for g in givens if (col := reader.columns_of[g.sheet][2])]
        # evidence credit lost for want of a document's name is the client's to restore: on the slip
        severity = "notice" if key == "sheet.self_verified" else "warning"
        words = {"words": list(placeholders)[:MAX_PLACEHOLDERS]} if key == "sheet.documented_placeholder" else {}
        add(msg(key, count=len(qids), ids=qids, **words), f"{givens[0].sheet}!{_runs(cells)}" if givens else "",
            severity, fix=msg(key + ".fix"))


def hidden_answers(reader: RowReader, sheet: str, rows: Rows, hidden: set[int]) -> None:
    """Name the rows of `sheet` (Company or Answers) hidden by hand that hold something typed: their
    answers are read as they stand, since a row holds one question's answer whether shown or not,
    but a client may have hidden a row to withdraw it, so the warning asks them to look."""
    if not hidden or sheet not in reader.columns_of:
        return
    value_col, status_col, state_col = reader.columns_of[sheet]
    cols = [c - 1 for c in (status_col, value_col, reader.note_cols.get(sheet), reader.evidence_cols.get(sheet),
                            state_col) if c]
    held = [(row, rid) for s, row, rid in reader.order if s == sheet and row in hidden
            and any(c < len(rows[row - 1]) and cell_text(rows[row - 1][c]) for c in cols)]
    if not held:
        return
    named = dict.fromkeys(rid.partition(T.SUB)[0] for _, rid in held)  # a field by its name (企业名称)
    ids = [T.row_name(rid) for rid in named]
    shown = ids[:MAX_LISTED] + (["…"] if len(ids) > MAX_LISTED else [])
    reader.add(msg("sheet.rows_hidden", count=len(ids), ids=shown),
               f"{sheet}!{_runs([(value_col, row) for row, _ in held])}", "warning", fix=msg("sheet.rows_hidden.fix"))


def merged_over_rows(reader: RowReader, sheet: str, rows: Rows, ranges: list[Span]) -> None:
    """Name each merged cell (0-based ranges, as python-calamine gives them) that spans the input
    cells of several rows: its content sits in the first row only, and which rows it was meant for
    cannot be told. Over an answer, status or evidence-state column none of those rows' answers is
    used; over notes, evidence or the company's fields only, they count for the first row, with a
    warning."""
    if sheet not in reader.columns_of:
        return
    answer_cols = {c for c in reader.columns_of[sheet] if c}
    text_cols = reader.private_cols.get(sheet, set())
    ids = {row: rid for s, row, rid in reader.order if s == sheet}
    for (r1, c1), (r2, c2) in ranges:
        cols = set(range(c1 + 1, c2 + 2))
        spanned = [rid for row in range(r1 + 1, r2 + 2) if (rid := ids.get(row))]
        if r2 <= r1 or len(spanned) < 2 or not (cols & (answer_cols | text_cols)):
            continue
        where = f"{sheet}!{col_letter(c1)}{r1 + 1}:{col_letter(c2)}{r2 + 1}"
        qids = list(dict.fromkeys(rid.partition(T.SUB)[0] for rid in spanned if rid not in COMPANY_FIELDS))
        if cols & answer_cols and qids:  # company fields are text, read as the warning below says
            reader.conflicted.update(qids)
            # a merge from the heading row down holds the heading: nothing was typed
            content = cell_text(rows[r1][c1]) if r1 + 1 in ids and c1 < len(rows[r1]) else ""
            for qid in qids:  # what each of them shows as typed: the merge's content, and where it is
                reader.merged_over.setdefault(qid, (content, where.partition("!")[2]))
            reader.add(msg("sheet.merged", count=r2 - r1 + 1, questions=qids), where, fix=msg("sheet.merged.fix"))
            reader.about(reader.problems[-1], tuple(qids))
        else:
            reader.add(msg("sheet.merged_text", count=r2 - r1 + 1, question=spanned[0]), where,
                       "warning", fix=msg("sheet.merged.fix"))
