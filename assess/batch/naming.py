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
    name = file_part_of(company)  # as the company writes it: 华东重工（集团）, not 华东重工(集团)
    while len(name.encode("utf-8")) > COMPANY_NAME_BYTES:
        name = name[:-1]
    file_part, _, plant = unicodedata.normalize("NFKC", stem).partition(" ")
    # a second plant's report keeps its company's name whole: it is what tells the plants apart
    short = not _PLANT.fullmatch(plant) and len(file_part) >= 3 and not file_part.isdigit() \
        and file_part.casefold() in unicodedata.normalize("NFKC", name).casefold()
    if not name or _holds(stem, name) or short:
        return _within(stem)
    joined = f"{name} {stem}"
    return joined if len(joined.encode("utf-8")) <= REPORT_NAME_BYTES else _within(stem)


def _within(stem: str) -> str:
    """A file's part of a report's name, cut to `REPORT_NAME_BYTES` when the client's own name is longer
    (80 Chinese characters is no rare subject line), with a short digest of the whole that keeps two
    such names apart."""
    if len(stem.encode("utf-8")) <= REPORT_NAME_BYTES:
        return stem
    import hashlib

    tag = "~" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:6]
    cut = stem
    while len((cut + tag).encode("utf-8")) > REPORT_NAME_BYTES:
        cut = cut[:-1]
    return cut + tag


def _holds(stem: str, name: str) -> bool:
    """Whether a file's name already says the company's: 甲公司 in 甲公司-最终版; a Latin name as a
    word of its own (MAN is not in ai-manufacturing)."""
    # in either's brackets: 华东重工（集团） in 华东重工(集团)答卷
    stem, name = unicodedata.normalize("NFKC", stem), unicodedata.normalize("NFKC", name)
    if not name.isascii():
        return name.casefold() in stem.casefold()
    return re.search(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", stem, re.IGNORECASE) is not None


def file_part_of(text: str) -> str:
    """`text` as part of a file name every system takes: what Windows forbids in a name (<>:"/\\|?*,
    control characters) and white space each become "_" (so no part holds a space, which keeps
    "company file" names apart), no dot, dash or "_" at either end, and never a name Windows keeps
    for a device (CON, NUL, COM0, COM1, ...). Everything else stays as written: 精工电子（苏州+无锡）."""
    name = _UNSAFE.sub("_", text).strip("._- ")
    return f"_{name}" if name.partition(".")[0].upper() in _DEVICES else name


_PLANT = re.compile(r"\(\d+\)")
"""What a batch adds to the name of a file's second plant and after: `plants (2)`."""
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f\s]+')
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL",
                      *(f"{d}{i}" for d in ("COM", "LPT") for i in (*"0123456789", *"¹²³"))})

COMPANY_NAME_BYTES = 60
"""Most bytes of a company's name in a report's name (20 Chinese characters)."""
REPORT_NAME_BYTES = 160
"""Most bytes of a report's name before its suffix: most file systems take 255 a name, and a report's
return slip adds "-退回修改单.txt" (22)."""


def sent_as(item: Input, locale: str) -> str:
    """The file as its sender named it, for a return slip: its name without the folders it sits in
    here (which are the consultant's), and, when the file holds several plants, which plant's sheets
    the slip is about, in words."""
    from assess.text.report_labels import t

    name = PurePath((item.member or item.path.name).replace("\\", "/")).name
    return name if item.plant == 1 else t("slip.file_plant", locale, file=name, n=item.plant)
