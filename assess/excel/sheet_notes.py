"""What joins an answer's note besides its note cell: the text of columns the client added, and
comments (批注) on its row.

python-calamine gives no comments, so they are read from the sheet's comments part (`Package.comments`,
`comment_texts`): Excel starts a comment with its author's name ("张工:"), which is the author, not the
comment, and Excel 365 writes each threaded comment as a notice to older versions with the thread
inside. A text joins the note of the answer on its row, with a notice naming the cells; one beside
an answer not used, or on no question's row, is named as recorded nowhere. The levels a template
made with level notes puts on its cells are the tool's, not the client's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

from assess.excel import sheet_format as T
from assess.excel.a1 import Cell, col_index, col_letter
from assess.excel.sheet_values import cell_fault, cell_text
from assess.model import MaturityQuestion
from assess.problems import Msg, msg

if TYPE_CHECKING:
    from assess.answers import Answer
    from assess.excel.sheet_rows import RowReader

_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
MAX_COMMENTS = 2_000
"""Comments read from one sheet: far more than a sheet has questions."""


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _cell(ref: str | None) -> tuple[int, int] | None:
    m = _REF.match((ref or "").strip().upper())
    return (int(m.group(2)), col_index(m.group(1)) + 1) if m else None


def threaded_texts(root: Element) -> dict[tuple[int, int], str]:
    """The cells of a threaded-comments part (Excel 365's "New Comment"), each with its comment and
    replies in order, joined by " / "."""
    found: dict[tuple[int, int], list[str]] = {}
    for comment in (e for e in root.iter() if _local(e.tag) == "threadedComment"):
        cell = _cell(comment.get("ref"))
        text = " ".join("".join(t.text or "" for t in comment if _local(t.tag) == "text").split())
        if cell is not None and text and (cell in found or len(found) < MAX_COMMENTS):
            found.setdefault(cell, []).append(text)
    return {cell: " / ".join(texts) for cell, texts in found.items()}


def comment_texts(root: Element, threaded: dict[tuple[int, int], str] | None = None) -> dict[tuple[int, int], str]:
    """The cells (row, col), 1-based, of a comments part's comments, with their text, the author's
    name line that Excel puts first left out. Excel 365 writes each threaded comment here too, under
    an author `tc={…}`, as a notice to older versions with the thread inside: its text is taken from
    `threaded` (the thread's own part), else from after that notice."""
    authors = [(a.text or "").strip() for a in root.iter() if _local(a.tag) == "author"]
    found: dict[tuple[int, int], str] = {}
    for comment in (e for e in root.iter() if _local(e.tag) == "comment"):
        cell = _cell(comment.get("ref"))
        if cell is None:
            continue
        text = "".join(t.text or "" for t in comment.iter() if _local(t.tag) == "t").strip()
        author_at = comment.get("authorId", "")
        author = authors[int(author_at)] if author_at.isdigit() and int(author_at) < len(authors) else ""
        if author.startswith("tc="):
            text = (threaded or {}).get(cell) or _thread_in_notice(text)
        else:
            first, _, rest = text.partition("\n")
            if first.rstrip(":：").strip() in authors and first.rstrip().endswith((":", "：")):
                text = rest.strip()
        if text:
            found[cell] = " ".join(text.split())
        if len(found) >= MAX_COMMENTS:
            break
    return found


def _thread_in_notice(text: str) -> str:
    """The comment and replies of Excel 365's notice to older versions: the lines after its "Learn
    more" link, less their labels (Comment:, Reply:, in whatever language Excel wrote them)."""
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if "go.microsoft.com" in line), -1)
    kept = [line.strip() for line in lines[at + 1:] if line.strip()]
    return " / ".join(line for line in kept if not (line.endswith((":", "：")) and len(line) <= 16))


def comment_notices(reader: RowReader, out: dict[str, Answer]) -> None:
    """One notice naming the cells whose comments joined notes of answers used; one warning naming
    the others (beside answers not used, on no question's row), whose comments are recorded nowhere."""
    sheet = reader.answers_sheet
    kept = {(row, col) for qid, notes in reader.commented.items() if qid in out for _, row, col, _ in notes}
    # beside a blank answer, or on a remark's row, a comment is told with them (`sheet_checks`, `_unknown`)
    said = kept | {(row, col) for qid, notes in reader.commented.items() if _told(reader, qid)
                   for _, row, col, _ in notes}
    cells = sorted(reader.comments.get(sheet, {}), key=lambda cell: (cell[1], cell[0]))  # down each column
    used = [f"{col_letter(col - 1)}{row}" for row, col in cells if (row, col) in kept]
    lost = [f"{col_letter(col - 1)}{row}" for row, col in cells if (row, col) not in said]
    if used:
        reader.add(msg("sheet.comments_joined", count=len(used)), f"{sheet}!{','.join(used)}", "notice",
                   fix=msg("sheet.extra_column.fix"))
    if lost:
        reader.add(msg("sheet.comments_lost", count=len(lost)), f"{sheet}!{','.join(lost)}", "warning",
                   fix=msg("sheet.comments_lost.fix"))


def _told(reader: RowReader, qid: str) -> bool:
    """Whether what a question's row says beside its answer is told already, as not kept: the answer
    is blank (`RowReader.note_only`), or the row is a remark (`RowReader.remarks`)."""
    return qid in reader.note_only or qid in reader.remarks


def joined_note(reader: RowReader, qid: str, note: str) -> str:
    """An answer's note with the text of its row's added columns and comments after it, each line
    saying where it came from (客户说明: …, 批注 E12: …)."""
    if qid not in reader.extras and qid not in reader.commented:  # as nearly every row is
        return note
    lines = [note] if note else []
    lines += [f"{reader.headings.get((sheet, col)) or col_letter(col - 1)}: {text}"
              for sheet, _, col, text in reader.extras.get(qid, ())]
    lines += [f"{reader.comment_label} {col_letter(col - 1)}{row}: {text}"
              for _, row, col, text in reader.commented.get(qid, ())]
    return "\n".join(lines)


def note_notices(reader: RowReader, out: dict[str, Answer]) -> None:
    """The notices and warnings about what joined notes, once the answers used (`out`) are known."""
    _column_notices(reader, out)
    if reader.comments.get(reader.answers_sheet):
        comment_notices(reader, out)


def keep_extras(reader: RowReader, sheet: str, row: list[Any], r: int, rid: str, added: list[int]) -> None:
    """Keep the text of a row's added columns for its question's note; a refused text is named."""
    for c in added:
        v = row[c]
        if v is None or v == "":
            continue
        fault = cell_fault(v, "note")
        if fault is not None:  # left out of the note; the answer stands
            reader.left_out(fault, Cell(sheet, r + 1, c + 1))
            continue
        text = cell_text(v)
        if text:
            reader.extras.setdefault(rid.partition(T.SUB)[0], []).append((sheet, r + 1, c + 1, text))

def keep_comments(reader: RowReader, sheet: str, r: int, rid: str, comments: list[tuple[int, str]]) -> None:
    """Keep a row's comments for its question's note; a refused text is named and left out. The
    levels a template made with level notes puts on a maturity question's cell are its own."""
    question = reader.by_id.get(rid.partition(T.SUB)[0])
    ours = {" ".join(T.level_guide(question, loc).split()) for loc in reader.q.locales} \
        if isinstance(question, MaturityQuestion) else set()
    for col, text in sorted(comments):
        if text in ours:
            reader.comments[sheet].pop((r + 1, col), None)
            continue
        fault = cell_fault(text, "note")
        if fault is not None:  # named here, not again as not recorded
            reader.left_out(fault, Cell(sheet, r + 1, col))
            reader.comments[sheet].pop((r + 1, col), None)
        else:
            reader.commented.setdefault(rid.partition(T.SUB)[0], []).append((sheet, r + 1, col, text))


def _column_notices(reader: RowReader, out: dict[str, Answer]) -> None:
    """One notice for each added column whose text joined the notes of answers used."""
    used: dict[tuple[str, int], int] = {}
    lost: dict[tuple[str, int], list[int]] = {}  # beside answers not used: kept nowhere, so said
    for qid, texts in reader.extras.items():
        for sheet, row, col, _ in texts:  # each on its own row: an option's, for a multiple choice
            if qid in out:
                used[sheet, col] = used.get((sheet, col), 0) + 1
            elif not _told(reader, qid):
                lost.setdefault((sheet, col), []).append(row)
    for (sheet, col), count in used.items():
        letter = col_letter(col - 1)
        if (sheet, col) in reader.guide_cols:  # ours, named as such; the Company sheet has no note column
            reader.add(msg("sheet.guide_column", column=msg("sheet.column", column=letter),
                           guide=msg("sheet.column.guide"), count=count),
                       f"{sheet}!{letter}:{letter}", "notice", fix=msg("sheet.guide_column.fix"))
        else:
            reader.add(msg("sheet.extra_column", column=_column(reader, sheet, col), count=count),
                       f"{sheet}!{letter}:{letter}", "notice", fix=msg("sheet.extra_column.fix"))
    for (sheet, col), rows in lost.items():
        letter = col_letter(col - 1)
        reader.add(msg("sheet.extra_column_lost", column=_column(reader, sheet, col), count=len(rows)),
                   f"{sheet}!" + ",".join(f"{letter}{r}" for r in rows), "warning",
                   fix=msg("sheet.extra_column_lost.fix"))


def _column(reader: RowReader, sheet: str, col: int) -> Msg:
    """An added column as a message names it: its letter, with its heading when it has one (第 J 列“负责人”)."""
    heading = reader.headings.get((sheet, col), "")
    letter = col_letter(col - 1)
    return msg("sheet.column_headed", column=letter, heading=heading) if heading else msg("sheet.column", column=letter)
