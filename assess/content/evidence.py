"""Evidence files: the answers' evidence references that name files in an evidence folder, hashed
(SHA-256) when a gap report is made and checked again by `assess verify --evidence DIR`.

A reference names a file when it carries a path separator or ends in an extension ("CP-2026.pdf",
"证据\\能耗台账.xlsx"); a link or a record number ("https://…", "备案号 3201-15") is not looked for.
A file reference is read only inside the folder: an absolute path, a drive, `..`, a link that
leads out of the folder, a device name such as NUL, and anything that is not a plain file are
refused, as is a file over `MAX_BYTES`. Each outcome is kept as plain data (`as_dict`), the part of
the report's embedded data (`assess.excel.report_data`) that the Evidence sheet shows.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assess.answers import AnswerSet
from assess.problems import Msg, msg

MAX_BYTES = 200 * 1024 * 1024
"""Largest evidence file hashed (200 MB: a scanned certificate or a video of a line is far smaller)."""
CHUNK = 1 << 20

Status = Literal["found", "not_found", "refused"]
Why = Literal["", "absolute", "outside", "odd", "not_file", "too_big", "unreadable"]
"""Why a reference was refused: an absolute path or drive, a way out of the folder (`..` or a link),
an odd name (control characters, a device name, a stream), not a plain file, too big, unreadable."""

WHYS = ("", "absolute", "outside", "odd", "not_file", "too_big", "unreadable")

_LINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))})


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    where: str
    """The question id, or `group[key].question` for a card's answer."""
    reference: str
    """The reference as the answer gives it."""
    file: str
    """The path inside the folder, '/'-separated ("" when refused before it was read)."""
    status: Status
    size: int | None = None
    sha256: str | None = None
    why: Why = ""

    def as_dict(self) -> dict[str, Any]:
        return {"where": self.where, "reference": self.reference, "file": self.file, "status": self.status,
                "size": self.size, "sha256": self.sha256, "why": self.why}


def is_file_reference(reference: str) -> bool:
    """Whether a reference names a file (a separator or an extension), not a link or a record number."""
    text = reference.strip()
    if not text or _LINK.search(text):
        return False
    return "/" in text or "\\" in text or bool(_EXTENSION.search(text))


def references(answers: AnswerSet) -> list[tuple[str, str]]:
    """(where, reference) of every file reference of the answers and their cards, in file order."""
    out = [(qid, ref) for qid, a in answers.answers.items() for ref in a.evidence]
    for gid, group in answers.cards.items():
        for card in group:
            out += [(f"{gid}[{card.key}].{qid}", ref) for qid, a in card.answers.items() for ref in a.evidence]
    return [(where, ref) for where, ref in out if is_file_reference(ref)]


def locate(folder: Path, reference: str) -> tuple[Path | None, str, Why]:
    """(path, relative name, why refused) of a reference inside `folder`; the path is None when refused."""
    text = reference.strip().replace("\\", "/")
    if _CONTROL.search(text):
        return None, "", "odd"
    if text.startswith("/") or _DRIVE.match(text):
        return None, "", "absolute"
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if ".." in parts:
        return None, "", "outside"
    if not parts or any(":" in p or p.split(".")[0].rstrip(" ").upper() in _DEVICES for p in parts):
        return None, "", "odd"  # an NTFS stream (a:b) or a device: never a document
    name = "/".join(parts)
    root = folder.resolve()
    path = root.joinpath(*parts)
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return None, name, "odd"
    if not real.is_relative_to(root):
        return None, name, "outside"
    return real, name, ""


def hash_file(path: Path) -> tuple[int, str] | Why:
    """(size, SHA-256) of a plain file within `MAX_BYTES`, or why it cannot be hashed."""
    try:
        # no wait on a pipe, no following a link put in place since `locate` resolved the path
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(path) from None
    except OSError:
        return "unreadable"
    info = os.fstat(fd)  # the file opened, not a name that may have changed since
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        os.close(fd)
        return "not_file" if not stat.S_ISREG(info.st_mode) else "too_big"
    with os.fdopen(fd, "rb") as f:
        h, size = hashlib.sha256(), 0
        while chunk := f.read(CHUNK):
            size += len(chunk)
            if size > MAX_BYTES:  # grew while read
                return "too_big"
            h.update(chunk)
    return size, h.hexdigest()


def examine(folder: Path, where: str, reference: str) -> EvidenceFile:
    """One reference looked for in `folder`."""
    path, name, why = locate(folder, reference)
    if path is None:
        return EvidenceFile(where, reference, name, "refused", why=why)
    try:
        got = hash_file(path)
    except FileNotFoundError:
        return EvidenceFile(where, reference, name, "not_found")
    if isinstance(got, str):
        return EvidenceFile(where, reference, name, "refused", why=got)  # type: ignore[arg-type]
    return EvidenceFile(where, reference, name, "found", got[0], got[1])


def hash_evidence(folder: Path, answers: AnswerSet) -> dict[str, Any]:
    """The evidence part of a report's embedded data: the folder's name and each file reference's outcome."""
    files = [examine(folder, where, ref).as_dict() for where, ref in references(answers)]
    return {"folder": folder.resolve().name, "files": files}


def parse_evidence(part: Any) -> dict[str, Any]:
    """The evidence part read back from embedded data ({} when absent); a wrong shape raises."""
    if not part:
        return {}
    if not isinstance(part, dict) or not isinstance(part.get("files"), list):
        raise TypeError("evidence is not an object with a list of files")
    files = []
    for f in part["files"]:
        size, sha = f["size"], f["sha256"]
        if (f["status"] not in ("found", "not_found", "refused") or f.get("why", "") not in WHYS
                or (size is not None and not isinstance(size, int))):
            raise TypeError("evidence file entry is malformed")
        files.append({"where": str(f["where"]), "reference": str(f["reference"]), "file": str(f["file"]),
                      "status": f["status"], "size": size, "sha256": None if sha is None else str(sha),
                      "why": str(f.get("why", ""))})
    return {"folder": str(part.get("folder", "")), "files": files}


Change = Literal["missing", "changed", "refused"]


def recheck(folder: Path, listed: dict[str, Any]) -> list[tuple[int, Change, EvidenceFile]]:
    """Each file the report lists as found that is not the same in `folder` now: (its index in the
    list, what became of it, what was found)."""
    out: list[tuple[int, Change, EvidenceFile]] = []
    for i, f in enumerate(listed.get("files", [])):
        if f["status"] != "found":
            continue
        now = examine(folder, f["where"], f["reference"])
        if now.status == "not_found":
            out.append((i, "missing", now))
        elif now.status == "refused":
            out.append((i, "refused", now))
        elif (now.size, now.sha256) != (f["size"], f["sha256"]):
            out.append((i, "changed", now))
    return out


def why_refused(why: str) -> Msg:
    """Why a reference was refused, in words."""
    return msg(f"evidence.why.{why or 'odd'}", mb=MAX_BYTES // (1024 * 1024))
