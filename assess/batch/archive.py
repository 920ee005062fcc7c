"""A .zip of answer sheets in a batch: its members listed under the zip guard, each taken or refused by
its own name (`archive.zip/plant3.xlsx`), and a taken member's bytes inflated under caps.

The archive as a whole must pass the guard's end-record and member-count checks and declare no more
than the guard's total; then each member is judged alone, so one bad member does not cost the others:
a name that climbs out of the archive (`../x.xlsx`, `C:\\x.xlsx`, `/x.xlsx`), an archive inside the
archive (nesting stops at depth 1), an encrypted member, one that declares more than a workbook may
be, or a compression ratio of a bomb is refused by name. A member's declared size is a claim: it is
inflated in chunks that stop as soon as it proves larger (guard_zip), and its CRC is checked; then
its bytes go through the workbook guard like any file's.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from assess.excel.file_names import is_lock_file
from assess.excel.guard_zip import ZIP_ERRORS, Limits, Refused, _check_end_record, _inflate, _locate
from assess.problems import Msg, msg

MAX_ARCHIVE_BYTES = 100 * 1024 * 1024
"""Largest .zip of sheets read (its members are each held to the guard's 20 MB)."""
ARCHIVES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz")
"""Names of archives: inside an archive, refused (nesting depth 1); `.zip` alone is opened at the top."""
_OTHER_ARCHIVES = ((b"Rar!\x1a\x07", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"),
                   (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"))
"""How each archive format the batch does not open begins (a .rar is often renamed .zip)."""


def other_archive(path: Path) -> str | None:
    """The format of an archive the batch does not open (RAR, 7z, gzip...), from its first bytes;
    None for anything else."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return None  # reading it is the next step's to report
    return next((name for magic, name in _OTHER_ARCHIVES if head.startswith(magic)), None)


def is_package(members: list[Member]) -> bool:
    """Whether a .zip is itself an office file (an .xlsx, .ods or .docx saved or renamed as .zip,
    as mail and chat tools do): it holds `[Content_Types].xml` or `mimetype` at its root."""
    return any(m.name.lower() in ("[content_types].xml", "mimetype") for m in members)


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    """The member's name in the archive, as stored."""
    code: str = ""
    """Empty when taken; else why it is refused (a key of `refusal.*`)."""
    message: Msg | None = None
    fix: Msg | None = None


def _unsafe(name: str) -> bool:
    """A name that would land outside a folder it was extracted into."""
    parts = re.split(r"[\\/]", name)
    return (name.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", name)) or ".." in parts
            or "\0" in name)


def list_members(path: Path, limits: Limits) -> tuple[list[Member], Msg | None, str]:
    """The files in the archive at `path`, each taken or refused; or, when the archive as a whole is
    refused, ([], why, code). Files a sender did not mean to send come back with the code `left_out`
    gives them, to be named as left out; macOS's `__MACOSX/` copies as that one folder."""
    try:
        size = os.path.getsize(path)
        if size > MAX_ARCHIVE_BYTES:
            return [], msg("guard.too_large", size=f"{size:,}", limit=f"{MAX_ARCHIVE_BYTES:,}"), "too_large"
        data = path.read_bytes()
        _check_end_record(data, limits)
        infos = _open(data).infolist()
    except Refused as r:
        return [], r.message, r.reason
    except (OSError, *ZIP_ERRORS) as e:
        return [], msg("guard.zip_damaged", error=str(e)), "corrupt"
    if len(infos) > limits.max_members:
        return [], msg("guard.too_many_parts", count=f"{len(infos):,}", limit=f"{limits.max_members:,}"), \
            "too_many_parts"
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_bytes:
        return [], msg("guard.total_too_large", size=f"{total:,}", limit=f"{limits.max_total_bytes:,}"), \
            "uncompressed_too_large"
    out: list[Member] = []
    for info in infos:
        name = info.filename
        if info.is_dir():
            continue
        if name.startswith("__MACOSX/"):
            if not any(m.name == "__MACOSX/" for m in out):
                out.append(Member("__MACOSX/", "hidden_folder"))
            continue
        kind = left_out(name)
        out.append(Member(name, kind) if kind and not _unsafe(name) else _judge(info, name, limits))
    return out, None, ""


LEFT_OUT = ("hidden", "hidden_folder", "lock_file", "system_file")


def left_out(name: str) -> str | None:
    """Why a file (its path in a folder or a zip) is not one a sender meant to send: "lock_file" (an
    office suite's `~$…` or `.~lock…`), "system_file" (one Windows or macOS writes by itself:
    Thumbs.db, desktop.ini, .DS_Store, ._name), "hidden" (it or a folder on its path starts with a dot), or None."""
    parts = [part for part in re.split(r"[\\/]", name) if part]
    if parts and is_lock_file(parts[-1]):
        return "lock_file"
    if parts and (parts[-1].casefold() in _SYSTEM_FILES or parts[-1].startswith("._")):  # hidden on Windows, but
        return "system_file"  # not once copied or zipped; ._name is what a Mac keeps of name's attributes
    return "hidden" if any(part.startswith(".") and part not in (".", "..") for part in parts) else None


_SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store"})
"""Files Windows and macOS write into a folder by themselves (thumbnails, folder settings)."""


def _open(data: bytes) -> zipfile.ZipFile:
    """The archive, its names read as the tool that made it wrote them. A name without the format's
    UTF-8 flag is read as UTF-8 where it is valid UTF-8 (most tools now), else as GB18030 (Chinese
    Windows' own "compressed folder", WinRAR, 360压缩), else in the format's old default, cp437;
    one encoding for all the names of an archive, as one tool wrote them."""
    archive = zipfile.ZipFile(BytesIO(data))
    raw = [i.orig_filename.encode("cp437") for i in archive.infolist() if not i.flag_bits & 0x800]
    if all(name.isascii() for name in raw):
        return archive
    for encoding in ("utf-8", "gb18030"):
        try:
            for name in raw:
                name.decode(encoding)
        except UnicodeDecodeError:
            continue
        return zipfile.ZipFile(BytesIO(data), metadata_encoding=encoding)
    return archive


def _judge(info: zipfile.ZipInfo, name: str, limits: Limits) -> Member:
    bomb = msg("batch.archive.bomb.fix")
    if _unsafe(name):
        return Member(name, "unsafe_name", msg("batch.archive.unsafe_name"), msg("batch.archive.unsafe_name.fix"))
    if name.lower().endswith(ARCHIVES):
        return Member(name, "nested_archive", msg("batch.archive.nested"), msg("batch.archive.nested.fix"))
    if info.flag_bits & 0x1 or info.compress_type == 99:
        return Member(name, "encrypted", msg("guard.encrypted_part", part=name), msg("guard.fix.encrypted"))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return Member(name, "corrupt", msg("guard.compression_method", part=name, method=info.compress_type),
                      msg("guard.fix.corrupt"))
    if info.file_size > limits.max_file_bytes:
        return Member(name, "too_large", msg("guard.too_large", size=f"{info.file_size:,}",
                                             limit=f"{limits.max_file_bytes:,}"), bomb)
    if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * info.compress_size:
        ratio = f"{info.file_size / info.compress_size:,.0f}:1" if info.compress_size else "∞"
        return Member(name, "compression_ratio", msg("guard.part_ratio", part=name, ratio=ratio,
                                                     limit=f"{limits.max_ratio:g}:1"), bomb)
    return Member(name)


def read_member(path: Path, name: str, limits: Limits) -> bytes:
    """The member's bytes, inflated under the checks of `_judge` again (the archive may have changed
    since it was listed) and the guard's caps; raises `Refused`."""
    try:
        data = path.read_bytes()
        if len(data) > MAX_ARCHIVE_BYTES:
            raise Refused("too_large", msg("guard.too_large", size=f"{len(data):,}",
                                           limit=f"{MAX_ARCHIVE_BYTES:,}"))
        _check_end_record(data, limits)
        archive = _open(data)
        info = archive.getinfo(name)
    except (OSError, KeyError, *ZIP_ERRORS) as e:
        raise Refused("corrupt", msg("guard.zip_damaged", error=str(e))) from None
    judged = _judge(info, name, limits)
    if judged.code and judged.message is not None:
        raise Refused(judged.code, judged.message, name)
    span = _locate(data, info, getattr(archive, "start_dir", len(data)), archive.metadata_encoding or "cp437")
    out = bytearray()
    crc = 0
    for chunk in _inflate(data, span):
        crc = zlib.crc32(chunk, crc)
        out += chunk
    if crc != info.CRC:
        raise Refused("corrupt", msg("guard.checksum", part=name), name)
    return bytes(out)
