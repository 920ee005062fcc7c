"""What a batch names its outputs after: each firm's gap report and return slip.

A report is named by its company, then its file, so that a consultant sending reports out can tell
whose each is even when clients kept the template's file name; a return slip names the file as its
sender named it, not where it sits on the consultant's disk.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assess.batch.inputs import Input


def report_stem(stem: str, company: str) -> str:
    """A firm's report name: its company's, then its file's, so a consultant sending reports out can
    tell whose each is even when clients kept the template's file name ("华东重工 ai-manufacturing-…").
    The file's part alone when it holds the company's name, or is itself a name the company's holds
    ("甲公司" for 甲公司有限公司), or when both would make too long a name for Windows. Unique in the
    batch: a file's part is (`collect_inputs`: `stem`) and holds no space, and a company's part holds
    none either."""
    name = re.sub(r"[^\w.\-]+", "_", unicodedata.normalize("NFKC", company)).strip("._-")
    while len(name.encode("utf-8")) > COMPANY_NAME_BYTES:
        name = name[:-1]
    file_part = stem.partition(" ")[0]
    if not name or name.casefold() in stem.casefold() or (
            len(file_part) >= 3 and not file_part.isdigit() and file_part.casefold() in name.casefold()):
        return stem
    joined = f"{name} {stem}"
    return joined if len(joined.encode("utf-8")) <= REPORT_NAME_BYTES else stem


COMPANY_NAME_BYTES = 60
"""Most bytes of a company's name in a report's name (20 Chinese characters)."""
REPORT_NAME_BYTES = 160
"""Most bytes of a report's name before its suffix: most file systems take 255 a name, and a report's
return slip adds "-退回修改单.txt" (22)."""


def sent_as(item: Input) -> str:
    """The file as its sender named it, for a return slip: its name without the folders it sits in
    here (which are the consultant's), and its plant's number when the file holds several."""
    name = PurePath((item.member or item.path.name).replace("\\", "/")).name
    return name if item.plant == 1 else f"{name} ({item.plant})"
