"""Comments (批注) a client put on a question's cells instead of writing in the note column.

python-calamine gives no comments, so they are read from the sheet's comments part (`Package.comments`):
each comment on a question's row joins that answer's note, as an added column's text does, with a
notice naming the cells; one beside an answer not used is named as not recorded. Excel starts a
comment with its author's name ("张工:"): that line is the author, not the comment.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element

from assess.excel.a1 import col_index, col_letter
from assess.problems import msg

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
    cells = sorted(reader.comments.get(sheet, {}), key=lambda cell: (cell[1], cell[0]))  # down each column
    used = [f"{col_letter(col - 1)}{row}" for row, col in cells if (row, col) in kept]
    lost = [f"{col_letter(col - 1)}{row}" for row, col in cells if (row, col) not in kept]
    if used:
        reader.add(msg("sheet.comments_joined", count=len(used)), f"{sheet}!{','.join(used)}", "notice",
                   fix=msg("sheet.extra_column.fix"))
    if lost:
        reader.add(msg("sheet.comments_lost", count=len(lost)), f"{sheet}!{','.join(lost)}", "warning",
                   fix=msg("sheet.comments_lost.fix"))
