"""The workbook guard: look at a file before any workbook reader touches it.

Workbooks arrive from outside (answer sheets, reports to verify) and readers trust them too much: a
zip bomb costs python-calamine 5 GB, a sheet without `<dimension>` makes openpyxl's read-only mode
parse the whole sheet just to open it, and fastexcel ignores lying zip headers (the measurements are
in shared/reference/excel-baseline.md, section 5). So the guard reads the file once, checks it with
the standard library only, and either passes it, handing the bytes on to the reader, or refuses it
with a named reason and advice the sender can act on. It never raises.

What it checks, cheapest first: the size on disk; the signature (zip, OLE2 for encrypted workbooks
and .xls, anything else); the zip's member count, declared sizes, compression ratios, encryption
flags, local headers, duplicate and overlapping members; the format ([Content_Types].xml, an .ods
mimetype, the workbook part, at least one worksheet); macros and external links; then every member is
inflated with a cap, never trusting its declared size, its CRC checked, and every XML part scanned
for a DTD (`<!DOCTYPE`, `<!ENTITY`, which Excel and LibreOffice never write) and for encodings that
would hide one from the scan.

With `keep_parts`, a file that passes comes with the XML parts it inflated (`GuardResult.parts`), so
the reader inflates nothing twice. Parts small enough to come in one chunk (every part of an answer
sheet) are inflated by one call, with the same checks in the same order as the chunked path; the
verdict on a [Content_Types].xml and set of part names is remembered, since every sheet made from one
template by one office suite has the same.

It does not parse the XML: expat runs at about 150 MB/s, which would make the guard several times
slower on every file and over a second on the largest it lets through. Well-formedness is the
reader's to report (python-calamine raises `XmlError` with the position).
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING

# zlib-ng inflates a workbook's parts in about half the time the standard zlib takes, and checks
# their CRC-32 several times faster; it speaks zlib's interface, so the code below reads as zlib's.
from zlib_ng import zlib_ng as zlib

if TYPE_CHECKING:
    from collections.abc import Iterator

    from assess.problems import Problem

__all__ = ["ADVICE", "DEFAULT_LIMITS", "GuardResult", "Limits", "check_workbook"]

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What the guard lets through. The defaults are the baseline's measured limits; a real
    questionnaire is about 20 KB with parts under 70 KB, so they are generous."""

    max_file_bytes: int = 20 * MiB
    """Size of the file on disk."""
    max_members: int = 500
    """Members (parts) in the zip archive."""
    max_part_bytes: int = 50 * MiB
    """Uncompressed size of any one part."""
    max_total_bytes: int = 200 * MiB
    """Uncompressed size of all parts together."""
    max_ratio: float = 100.0
    """Uncompressed : compressed, for any part above `ratio_floor_bytes` (the baseline's rule) and
    for the whole archive above it (added here: else parts of exactly 1 MiB escape the rule)."""
    ratio_floor_bytes: int = MiB
    """Parts (and archives) up to this size are exempt from the ratio rule."""
    allow_macros: bool = False
    """Pass workbooks that carry VBA projects or Excel 4.0 macro sheets."""
    allow_external_links: bool = True
    """Pass workbooks that link to other workbooks (their values are cached copies; noted)."""
    require_dimension: bool = False
    """Refuse worksheets without `<dimension>` (harmless to python-calamine; openpyxl's read-only
    mode parses the whole sheet to size it)."""


DEFAULT_LIMITS = Limits()

RESAVE = "open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx)"
ADVICE: dict[str, str] = {
    "unreadable": "check the path and that the file can be read",
    "empty": "the file has no content: ask the sender to save it again and resend it",
    "too_large": "an answer sheet is normally well under 1 MB: remove pictures or extra sheets, "
                 "or start again from the template",
    "not_xlsx": RESAVE,
    "legacy_xls": "it is an old Excel 97-2003 file: " + RESAVE,
    "encrypted": "remove the password (File > Info > Protect Workbook) and save again as .xlsx",
    "ods": "it is an OpenDocument spreadsheet: in LibreOffice use File > Save As and choose "
           "Excel 2007-365 (.xlsx)",
    "other_format": "this is not a spreadsheet: send the workbook itself, saved as .xlsx",
    "not_workbook": "this is not an Excel workbook: send the answer sheet itself, saved as .xlsx",
    "corrupt": "the file is damaged: ask for it again; if it still opens in Excel, save a fresh "
               "copy as .xlsx",
    "too_many_parts": "a workbook needs a few dozen parts at most: " + RESAVE + " from a fresh copy",
    "part_too_large": "refused as a possible zip bomb: if the file is genuine, delete unused rows "
                      "and sheets and save again",
    "uncompressed_too_large": "refused as a possible zip bomb: if the file is genuine, delete "
                              "unused rows and sheets and save again",
    "compression_ratio": "refused as a possible zip bomb: if the file is genuine, delete unused "
                         "rows and sheets and save again",
    "size_mismatch": "the zip headers misstate the sizes (a zip-bomb technique): do not open "
                     "this file; ask for it again",
    "dtd": "the XML declares entities (a DTD), which Excel never writes and attacks use "
           "(billion laughs, external entities): do not open this file; ask for it again",
    "xml_encoding": "Excel and LibreOffice write XML as UTF-8: " + RESAVE,
    "macros": "save it as Excel Workbook (.xlsx), which drops the macros, and send that",
    "external_links": "break the links (Data > Edit Links > Break Link) and save again",
    "no_dimension": RESAVE + ", which records each sheet's used range",
}

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK_IN = 64 * 1024  # compressed bytes fed to zlib at a time
_CHUNK_OUT = 256 * 1024  # most bytes zlib may return at a time
_CONTENT_TYPES_CAP = MiB  # a real [Content_Types].xml is a few KB even with 500 parts
_CARRY = 16  # bytes kept across chunks so a pattern split between two is still seen
KEEP_PART_BYTES = 8 * MiB
"""Largest inflated part handed to the reader with `keep_parts` (the reader never reads a larger sheet)."""
KEEP_TOTAL_BYTES = 32 * MiB
"""Most inflated bytes handed to the reader in all: a file near the limits costs no more memory."""
_HEAD = 512  # first bytes of a part judged together: what it is, how it is encoded
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ASCII_COMPATIBLE = {b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1",
                     b"latin1", b"windows-1252", b"cp1252"}

_CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_CT_EXTERNAL_LINK = "application/vnd.openxmlformats-officedocument.spreadsheetml.externallink+xml"
_SPREADSHEET_MAINS = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": False,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": False,
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": True,  # value: carries macros
    "application/vnd.ms-excel.template.macroenabled.main+xml": True,
    "application/vnd.ms-excel.addin.macroenabled.main+xml": True,
}
_OTHER_MAINS = {
    "application/vnd.ms-excel.sheet.binary.macroenabled.main": "an Excel binary workbook (.xlsb)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
        "a Word document (.docx)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        "a PowerPoint presentation (.pptx)",
}
_MACRO_TYPES = {"application/vnd.ms-office.vbaproject", "application/vnd.ms-excel.macrosheet+xml",
                "application/vnd.ms-excel.intlmacrosheet+xml"}


@dataclass(frozen=True, slots=True)
class GuardResult:
    """The guard's verdict on one file: passed (`ok`, with the bytes checked in `data`) or refused
    with a `reason` code, a `message` saying what is wrong and `advice` saying what to do."""

    path: str
    reason: str = ""
    """Empty when the file passed; otherwise one of the keys of `ADVICE`."""
    message: str = ""
    advice: str = ""
    part: str = ""
    """The zip member at fault, when there is one."""
    notes: tuple[str, ...] = ()
    """Things worth knowing about a file that passed (external links, a missing `<dimension>`)."""
    data: bytes | None = field(default=None, repr=False, compare=False)
    """The file's bytes as checked, for the reader (`CalamineWorkbook.from_filelike(BytesIO(data))`),
    so the file is read once and cannot change between check and read."""
    parts: dict[str, bytes] | None = field(default=None, repr=False, compare=False)
    """With `keep_parts`: the XML parts the guard inflated and checked, by member name (as in the
    zip), so a reader need not inflate them again. Only parts up to `KEEP_PART_BYTES` are kept, and
    at most `KEEP_TOTAL_BYTES` in all; a reader inflates any other part itself."""

    @property
    def ok(self) -> bool:
        return not self.reason

    def __str__(self) -> str:
        return "passed" if self.ok else f"{self.message}: {self.advice}"

    def as_problem(self) -> Problem | None:
        """The refusal as a `Problem` for reports, or None when the file passed."""
        if self.ok:
            return None
        from assess.problems import Problem

        return Problem(self.message, where=self.part, file=self.path, fix=self.advice)


class _Refused(Exception):
    """Internal control flow: caught in `check_workbook`, never seen by callers."""

    def __init__(self, reason: str, message: str, part: str = "") -> None:
        super().__init__(message)
        self.reason, self.message, self.part = reason, message, part


def check_workbook(source: str | os.PathLike[str] | bytes, *, limits: Limits = DEFAULT_LIMITS,
                   name: str | None = None, keep_parts: bool = False) -> GuardResult:
    """Check a workbook (a path, or its bytes) before any reader opens it. Never raises.

    With `keep_parts`, a file that passes comes with the XML parts already inflated (`parts`)."""
    label = name or ("<bytes>" if isinstance(source, bytes | bytearray) else os.fspath(source))
    notes: list[str] = []
    kept: dict[str, bytes] | None = {} if keep_parts else None
    try:
        data = bytes(source) if isinstance(source, bytes | bytearray) else _read(source, limits)
        _check(data, limits, notes, kept)
    except _Refused as refusal:
        return GuardResult(label, refusal.reason, refusal.message, ADVICE[refusal.reason],
                           refusal.part, tuple(notes))
    except Exception as error:  # a shape of damage the checks did not foresee: refuse, never raise
        return GuardResult(label, "corrupt", f"damaged file ({type(error).__name__}: {error})",
                           ADVICE["corrupt"], "", tuple(notes))
    return GuardResult(label, notes=tuple(notes), data=data, parts=kept)


def _read(path: str | os.PathLike[str], limits: Limits) -> bytes:
    try:
        info = os.stat(path)  # ValueError: a NUL in the path
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("unreadable", "not a regular file")
        _check_size(info.st_size, limits)
        with open(path, "rb") as handle:
            # as many bytes as stat said, and (it may have grown since) any more up to the limit; a
            # size hint of the whole limit would allocate 20 MB for every 40 kB file
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limits.max_file_bytes + 1 - len(data))
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise _Refused("unreadable", f"cannot read the file ({reason})") from None
    _check_size(len(data), limits)
    return data


def _check_size(size: int, limits: Limits) -> None:
    if size == 0:
        raise _Refused("empty", "empty file")
    if size > limits.max_file_bytes:
        raise _Refused("too_large", f"file too large: {size:,} bytes (limit "
                                    f"{limits.max_file_bytes:,})")


def _check(data: bytes, limits: Limits, notes: list[str], kept: dict[str, bytes] | None = None) -> None:
    _check_size(len(data), limits)
    if data.startswith(_ZIP_MAGIC):
        _check_zip(data, limits, notes, kept)
    elif data.startswith(_CFB_MAGIC):
        raise _Refused(*_classify_ole2(data))
    elif data.startswith(_EMPTY_ZIP_MAGIC):
        raise _Refused("not_workbook", "not a workbook: an empty zip archive")
    else:
        raise _Refused("not_xlsx", f"not an .xlsx workbook: {_sniff(data)}")


# ---------------------------------------------------------------------------------------------
# Files that are not zips


def _sniff(data: bytes) -> str:
    """What a file without a zip or OLE2 signature probably is, for the message."""
    head = data[:2048]
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "a UTF-16 text file (such as Excel's 'Unicode text')"
    if text.startswith((b"<!doctype html", b"<html")) or b"<table" in text or b"<html" in text:
        return "an HTML page (some systems export HTML tables named .xls or .xlsx)"
    if text.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
            return "an Excel 2003 XML spreadsheet"
        return "an XML file"
    if text.startswith(b"%pdf"):
        return "a PDF document"
    if text.startswith(b"{\\rtf"):
        return "an RTF document"
    if b"\0" not in head:
        return "a text or CSV file"
    return "a file of an unknown binary format"


def _classify_ole2(data: bytes) -> tuple[str, str]:
    """An OLE2 compound file is an encrypted OOXML package, a Word/PowerPoint 97 file, or
    (otherwise, as the baseline has it) a legacy workbook."""
    names = {name.upper() for name in _ole2_stream_names(data)}
    if names & {"ENCRYPTIONINFO", "ENCRYPTEDPACKAGE"}:
        return "encrypted", "encrypted workbook"
    if names & {"WORKBOOK", "BOOK"}:
        return "legacy_xls", "an Excel 97-2003 workbook (.xls), not .xlsx"
    if "WORDDOCUMENT" in names:
        return "other_format", "not a spreadsheet: a Word 97-2003 document"
    if "POWERPOINT DOCUMENT" in names:
        return "other_format", "not a spreadsheet: a PowerPoint 97-2003 presentation"
    return "legacy_xls", "an Office 97-2003 (OLE2) file, not .xlsx"


def _ole2_stream_names(data: bytes) -> set[str]:
    """Names in an OLE2 file's directory, following its FAT; as many as can be read from a
    damaged file. Every loop is bounded by the number of sectors in the file."""
    names: set[str] = set()
    try:
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            return names
        size = 1 << shift
        sectors = len(data) // size
        fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
        next_difat, difat_count = struct.unpack_from("<II", data, 0x44)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        for _ in range(min(difat_count, sectors)):
            if next_difat >= sectors:
                break
            block = struct.unpack_from(f"<{size // 4}I", data, (next_difat + 1) * size)
            fat_sectors.extend(block[:-1])
            next_difat = block[-1]
        fat: list[int] = []
        for sector in fat_sectors[:min(fat_count, sectors)]:
            if sector >= sectors:
                break
            fat.extend(struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size))
        sector = first_dir
        for _ in range(sectors):
            if sector >= sectors:
                break
            base = (sector + 1) * size
            for entry in range(base, min(base + size, len(data) - 127), 128):
                length, kind = struct.unpack_from("<HB", data, entry + 64)
                if kind in (1, 2, 5) and 2 <= length <= 64:
                    names.add(data[entry:entry + length - 2].decode("utf-16-le", "replace"))
            sector = fat[sector] if sector < len(fat) else sectors
    except struct.error:
        pass
    return names


# ---------------------------------------------------------------------------------------------
# Zip archives


@dataclass(slots=True)
class _Span:
    info: zipfile.ZipInfo
    start: int  # local header
    data_start: int
    end: int


def _check_zip(data: bytes, limits: Limits, notes: list[str], kept: dict[str, bytes] | None = None) -> None:
    _check_end_record(data, limits)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, struct.error, EOFError) as error:
        raise _Refused("corrupt", f"damaged or truncated zip archive ({error})") from None
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise _Refused("too_many_parts", f"{len(infos):,} parts in the archive (limit "
                                         f"{limits.max_members:,})")
    spans = _check_members(data, infos, limits, getattr(archive, "start_dir", len(data)))
    parts = {span.info.filename.lower(): span for span in spans}

    if "mimetype" in parts:
        mimetype = next(_inflate(data, parts["mimetype"]), b"")[:200]
        if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            raise _Refused("ods", "an OpenDocument spreadsheet (.ods), not .xlsx")
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
            raise _Refused("other_format", f"not a spreadsheet: an OpenDocument {kind} file")
    types_span = parts.get("[content_types].xml")
    if types_span is None:
        raise _Refused("not_workbook", "not a workbook: a zip archive without [Content_Types].xml")
    if types_span.info.file_size > _CONTENT_TYPES_CAP:
        raise _Refused("part_too_large", f"[Content_Types].xml declares "
                       f"{types_span.info.file_size:,} bytes", types_span.info.filename)
    types_xml = bytearray()
    _stream(data, types_span, _XmlScan(types_span.info.filename), keep=types_xml)
    types_bytes = bytes(types_xml)
    kinds = _structure(types_bytes, types_span.info.filename, parts, limits, notes)

    if kept is not None:
        kept[types_span.info.filename] = types_bytes
    budget = KEEP_TOTAL_BYTES
    for span in sorted(spans, key=lambda s: s.start):
        if span is types_span:
            continue
        name = span.info.filename
        says_xml, worksheet = kinds[name]
        info = span.info
        if info.compress_size <= _CHUNK_IN and info.file_size < _CHUNK_OUT:
            # small (every part of a real answer sheet): one call, the same checks in the same order
            body, dimension = _check_small(data, span, worksheet, not says_xml)
            if kept is not None and says_xml and len(body) <= budget:
                kept[name] = body
                budget -= len(body)
        else:
            scan = _XmlScan(name, worksheet=worksheet, sniff=not says_xml)
            keep = bytearray() if (kept is not None and says_xml and info.file_size <= min(budget, KEEP_PART_BYTES)) \
                else None
            _stream(data, span, scan, keep, cap=info.file_size)
            dimension = scan.dimension
            if keep is not None:
                kept[name] = bytes(keep)
                budget -= len(keep)
        if worksheet and not dimension:
            if limits.require_dimension:
                raise _Refused("no_dimension", f"worksheet {name} has no <dimension>", name)
            notes.append(f"{name} has no <dimension>: openpyxl's read-only mode would parse the "
                         "whole sheet to size it")


def _check_end_record(data: bytes, limits: Limits) -> None:
    """Refuse archives whose end record claims too many members, or a directory too large for
    the allowed number, before `zipfile` builds an object per entry (a 20 MB file can hold
    250,000). The figures are those `zipfile` will use: the zip64 record's when there is one."""
    end = data.rfind(_EMPTY_ZIP_MAGIC, max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise _Refused("corrupt", "damaged or truncated zip archive (no end-of-archive record)")
    count, directory_size = struct.unpack_from("<HI", data, end + 10)
    locator, record = end - 20, end - 20 - 56
    if record >= 0 and data[locator:locator + 4] == b"PK\x06\x07" and data[record:record + 4] == b"PK\x06\x06":
        count, directory_size = struct.unpack_from("<QQ", data, record + 32)
    if count > limits.max_members:
        raise _Refused("too_many_parts", f"{count:,} parts in the archive (limit "
                                         f"{limits.max_members:,})")
    if directory_size > limits.max_members * 512:
        raise _Refused("too_many_parts", f"a zip directory of {directory_size:,} bytes, more than "
                                         f"{limits.max_members:,} parts could need")


def _check_members(data: bytes, infos: list[zipfile.ZipInfo], limits: Limits,
                   directory_start: int) -> list[_Span]:
    """Declared sizes, ratios, flags and placement of every member, before inflating any."""
    seen: set[str] = set()
    spans = []
    total = compressed = 0
    for info in infos:
        name = info.filename
        if name.lower() in seen:
            raise _Refused("corrupt", f"two parts named {name}: readers would disagree on which "
                                      "one counts", name)
        seen.add(name.lower())
        if info.flag_bits & 0x1 or info.compress_type == 99:
            raise _Refused("encrypted", f"encrypted workbook (part {name} is encrypted)", name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _Refused("corrupt", f"part {name} uses compression method {info.compress_type}, "
                                      "which Excel never writes", name)
        if info.file_size > limits.max_part_bytes:
            raise _Refused("part_too_large", f"part {name} declares {info.file_size:,} bytes "
                           f"uncompressed (limit {limits.max_part_bytes:,})", name)
        if info.file_size > limits.ratio_floor_bytes and (
                info.file_size > limits.max_ratio * info.compress_size):
            raise _Refused("compression_ratio", f"part {name} expands "
                           f"{_ratio(info.file_size, info.compress_size)} (limit "
                           f"{limits.max_ratio:g}:1)", name)
        total += info.file_size
        compressed += info.compress_size
        spans.append(_locate(data, info, directory_start))
    if total > limits.max_total_bytes:
        raise _Refused("uncompressed_too_large", f"the parts declare {total:,} bytes uncompressed "
                       f"(limit {limits.max_total_bytes:,})")
    if total > limits.ratio_floor_bytes and total > limits.max_ratio * compressed:
        raise _Refused("compression_ratio", f"the archive expands {_ratio(total, compressed)} "
                       f"(limit {limits.max_ratio:g}:1)")
    ordered = sorted(spans, key=lambda s: s.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise _Refused("corrupt", f"parts {before.info.filename} and {after.info.filename} "
                           "overlap (a zip-bomb technique)", after.info.filename)
    return spans


def _ratio(size: int, compressed: int) -> str:
    return f"{size / compressed:,.0f}:1" if compressed else "from nothing"


def _locate(data: bytes, info: zipfile.ZipInfo, directory_start: int) -> _Span:
    """Where a member's compressed bytes are, checked against its local header."""
    start = info.header_offset
    if data[start:start + 4] != _ZIP_MAGIC:
        raise _Refused("corrupt", f"part {info.filename} has no local header where the directory "
                                  "says", info.filename)
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    local_name = data[start + 30:start + 30 + name_length]
    central_name = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
    if local_name != central_name:
        raise _Refused("corrupt", f"part {info.filename} is named {local_name[:80]!r} in its "
                                  "local header", info.filename)
    data_start = start + 30 + name_length + extra_length
    end = data_start + info.compress_size
    if end > min(len(data), directory_start):
        raise _Refused("corrupt", f"damaged or truncated zip archive (part {info.filename} runs "
                                  "past its end)", info.filename)
    return _Span(info, start, data_start, end)


def _inflate(data: bytes, span: _Span) -> Iterator[bytes]:
    """The member's bytes, in chunks, refusing as soon as they prove larger than declared:
    the declared size is a claim to test, not a length to trust."""
    info = span.info
    name, declared = info.filename, info.file_size
    raw = memoryview(data)[span.data_start:span.end]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) != declared:
            raise _Refused("size_mismatch", f"part {name} stores {len(raw):,} bytes but declares "
                                            f"{declared:,}", name)
        for offset in range(0, len(raw), _CHUNK_OUT):
            yield bytes(raw[offset:offset + _CHUNK_OUT])
        return
    produced = 0
    try:
        for chunk in _deflated_chunks(raw, name):
            produced += len(chunk)
            if produced > declared:
                raise _Refused("size_mismatch", f"part {name} holds more than the {declared:,} "
                                                "bytes it declares (a zip-bomb technique)", name)
            yield chunk
    except zlib.error as error:
        raise _Refused("corrupt", f"part {name} is damaged ({error})", name) from None
    if produced != declared:
        raise _Refused("size_mismatch", f"part {name} holds {produced:,} bytes but declares "
                                        f"{declared:,}", name)


def _deflated_chunks(raw: memoryview, name: str) -> Iterator[bytes]:
    """Inflate `raw`, never asking zlib for more than `_CHUNK_OUT` bytes at a time."""
    inflater = zlib.decompressobj(-15)
    for offset in range(0, len(raw), _CHUNK_IN):
        pending = raw[offset:offset + _CHUNK_IN]
        while pending and not inflater.eof:
            yield inflater.decompress(pending, _CHUNK_OUT)
            pending = inflater.unconsumed_tail
        if inflater.eof:
            return
    while not inflater.eof:  # output zlib still holds after the last input
        chunk = inflater.decompress(b"", _CHUNK_OUT)
        if not chunk:
            break
        yield chunk
    if not inflater.eof:
        raise _Refused("corrupt", f"part {name} is damaged (its compressed data ends early)", name)


def _stream(data: bytes, span: _Span, scan: _XmlScan, keep: bytearray | None = None,
            cap: int = _CONTENT_TYPES_CAP) -> None:
    """Inflate one member through `scan` (and into `keep`, at most `cap` bytes), then check its CRC."""
    crc = 0
    for chunk in _inflate(data, span):
        crc = zlib.crc32(chunk, crc)
        scan.feed(chunk)
        if keep is not None:
            if len(keep) + len(chunk) > cap:
                raise _Refused("part_too_large", f"{span.info.filename} is too large",
                               span.info.filename)
            keep += chunk
    scan.close()
    if crc != span.info.CRC:
        name = span.info.filename
        raise _Refused("corrupt", f"part {name} is damaged (checksum mismatch)", name)


def _check_small(data: bytes, span: _Span, worksheet: bool, sniff: bool) -> tuple[bytes, bool | None]:
    """`_stream` for a part whose compressed bytes fit one input chunk and whose declared size is
    below one output chunk: inflated by a single call, with the same checks in the same order (so
    the same verdict and message on any file), without the generators. Returns the part's bytes
    and, for a worksheet, whether `<dimension>` comes before `<sheetData>`."""
    info = span.info
    name, declared = info.filename, info.file_size
    if info.compress_type == zipfile.ZIP_STORED:
        body = data[span.data_start:span.end]
        if len(body) != declared:
            raise _Refused("size_mismatch", f"part {name} stores {len(body):,} bytes but declares "
                                            f"{declared:,}", name)
        eof = True
    else:
        inflater = zlib.decompressobj(-15)
        try:
            body = inflater.decompress(data[span.data_start:span.end], _CHUNK_OUT)
        except zlib.error as error:
            raise _Refused("corrupt", f"part {name} is damaged ({error})", name) from None
        if len(body) > declared:
            raise _Refused("size_mismatch", f"part {name} holds more than the {declared:,} "
                                            "bytes it declares (a zip-bomb technique)", name)
        eof = inflater.eof
    scan = _XmlScan(name, worksheet=worksheet, sniff=sniff)
    if body:
        scan.feed(body)
    if not eof:
        raise _Refused("corrupt", f"part {name} is damaged (its compressed data ends early)", name)
    if len(body) != declared:
        raise _Refused("size_mismatch", f"part {name} holds {len(body):,} bytes but declares "
                                        f"{declared:,}", name)
    scan.close()
    if zlib.crc32(body) != info.CRC:
        raise _Refused("corrupt", f"part {name} is damaged (checksum mismatch)", name)
    return body, scan.dimension


# ---------------------------------------------------------------------------------------------
# Content types and structure


class _ContentTypes:
    """[Content_Types].xml (already scanned for a DTD): the content type of each part."""

    def __init__(self, xml: bytes, part: str) -> None:
        from xml.parsers import expat

        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._element
        try:
            parser.Parse(xml, True)
        except expat.ExpatError as error:
            raise _Refused("corrupt", f"[Content_Types].xml is not well-formed ({error})",
                           part) from None

    def _element(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        content = attributes.get("ContentType", "").strip().lower()
        if local == "Default":
            self.defaults[attributes.get("Extension", "").lower()] = content
        elif local == "Override":
            self.overrides[attributes.get("PartName", "").lstrip("/").lower()] = content

    def of(self, name: str) -> str:
        """The part's type: its override, else the default for its extension, else ""."""
        lowered = name.lower()
        found = self.overrides.get(lowered)
        return found if found is not None else self.defaults.get(lowered.rpartition(".")[2], "")


_STRUCTURES: dict[tuple[bytes, tuple[str, ...], Limits],
                  tuple[_Refused | None, tuple[str, ...], dict[str, tuple[bool, bool]]]] = {}
"""Verdicts of `_check_structure`, by [Content_Types].xml, part names and limits: every sheet made from
one template by one office suite has the same, so each worker works it out once."""


def _structure(types_xml: bytes, types_name: str, parts: dict[str, _Span], limits: Limits,
               notes: list[str]) -> dict[str, tuple[bool, bool]]:
    """`_check_structure`, remembered; returns for each part (by name) whether it is XML by its name or
    type, and whether it is a worksheet."""
    key = (types_xml, tuple(span.info.filename for span in parts.values()), limits)
    cacheable = len(types_xml) <= 16 * 1024 and len(parts) <= 100  # a real one: 2 kB, 16 parts
    got = _STRUCTURES.get(key) if cacheable else None
    if got is None:
        refusal: _Refused | None = None
        added: list[str] = []
        kinds: dict[str, tuple[bool, bool]] = {}
        try:
            types = _ContentTypes(types_xml, types_name)
            _check_structure(parts, types, limits, added)
            for span in parts.values():
                name = span.info.filename
                kind = types.of(name)
                kinds[name] = (name.lower().endswith(_XML_SUFFIXES) or "xml" in kind, kind == _CT_WORKSHEET)
        except _Refused as error:
            refusal = error
        got = (refusal, tuple(added), kinds)
        if cacheable:
            if len(_STRUCTURES) >= 64:
                _STRUCTURES.clear()
            _STRUCTURES[key] = got
    refusal, added_notes, kinds = got
    notes.extend(added_notes)
    if refusal is not None:
        raise _Refused(refusal.reason, refusal.message, refusal.part)
    return kinds


def _check_structure(parts: dict[str, _Span], types: _ContentTypes, limits: Limits,
                     notes: list[str]) -> None:
    """The right kind of package, with a workbook and a worksheet; macros; external links."""
    main_types = set(types.overrides.values())
    if not main_types & _SPREADSHEET_MAINS.keys():
        for kind, what in _OTHER_MAINS.items():
            if kind in main_types:
                raise _Refused("other_format", f"not an .xlsx workbook: {what}")
        raise _Refused("not_workbook", "not a workbook: no workbook part in [Content_Types].xml")
    workbook_type = types.of("xl/workbook.xml")
    if "xl/workbook.xml" not in parts or workbook_type not in _SPREADSHEET_MAINS:
        raise _Refused("not_workbook", "not a workbook: xl/workbook.xml is missing", "xl/workbook.xml")
    if not any(types.of(name) == _CT_WORKSHEET for name in parts):
        raise _Refused("not_workbook", "not a workbook: it has no worksheet")
    if not limits.allow_macros:
        if _SPREADSHEET_MAINS[workbook_type]:
            raise _Refused("macros", "a macro-enabled workbook (.xlsm)", "xl/workbook.xml")
        for lowered, span in parts.items():
            if (lowered.endswith("vbaproject.bin") or lowered.startswith("xl/macrosheets/")
                    or types.of(lowered) in _MACRO_TYPES):
                name = span.info.filename
                raise _Refused("macros", f"a workbook with macros ({name})", name)
    links = sorted(span.info.filename for lowered, span in parts.items()
                   if (lowered.startswith("xl/externallinks/") and lowered.endswith(".xml"))
                   or types.of(lowered) == _CT_EXTERNAL_LINK)
    if links:
        if not limits.allow_external_links:
            raise _Refused("external_links", f"links to other workbooks ({', '.join(links)})", links[0])
        notes.append(f"links to other workbooks ({', '.join(links)}): their values are cached "
                     "copies, never fetched")


# ---------------------------------------------------------------------------------------------
# Scanning XML parts


class _XmlScan:
    """Fed a part's bytes chunk by chunk: refuses markup declarations (`<!` other than comments
    and CDATA, so any DOCTYPE or ENTITY in any case) and encodings that would hide them from this
    byte scan. For worksheets it also notes whether `<dimension>` comes before `<sheetData>`.

    What the part is and how it is encoded are decided on its first `_HEAD` bytes (or all of it,
    if shorter), never on the first chunk alone: zlib may hand back a first chunk of one byte."""

    __slots__ = ("part", "worksheet", "dimension", "_head", "_carry", "_skip", "_sniff")

    def __init__(self, part: str, *, worksheet: bool = False, sniff: bool = False) -> None:
        self.part = part
        self.worksheet = worksheet
        self.dimension: bool | None = None if worksheet else True
        self._head: bytearray | None = bytearray()  # None once the first bytes are judged
        self._carry = b""
        self._skip = False
        # A part whose name and type do not say XML is scanned only if its bytes begin like XML:
        # readers follow relationships, not file extensions.
        self._sniff = sniff

    def feed(self, chunk: bytes) -> None:
        if self._head is not None:
            if not self._head and len(chunk) >= _HEAD:
                chunk = self._judge(chunk)  # the first chunk holds the head: judged in place, not copied
            else:
                self._head += chunk
                if len(self._head) < _HEAD:
                    return
                chunk = self._judge()
        if not self._skip:
            self._scan_chunk(chunk)

    def close(self) -> None:
        if self._head is not None:
            chunk = self._judge()
            if not self._skip:
                self._scan_chunk(chunk)
        if not self._skip:
            self._scan(self._carry, final=True)
        if self.dimension is None:
            self.dimension = False

    def _judge(self, first: bytes | None = None) -> bytes:
        """Decide from the first bytes (`first`, else those gathered) whether to scan, and refuse
        hidden encodings."""
        head = first if first is not None else bytes(self._head or b"")
        self._head = None
        wide = head.startswith((b"\xff\xfe", b"\xfe\xff", b"\0\0\xfe\xff", b"<\0", b"\0<", b"\0\0\0<"))
        if wide or (not self._sniff and b"\0" in head[:4]):
            raise _Refused("xml_encoding", f"{self.part} is encoded as UTF-16 or UTF-32", self.part)
        text = head.removeprefix(b"\xef\xbb\xbf")
        if self._sniff and not text.lstrip(b" \t\r\n").startswith(b"<"):
            self._skip = True  # binary (an image, printer settings): nothing to scan
        elif text.startswith(b"<?xml"):
            self._check_declaration(text)
        return head

    def _check_declaration(self, text: bytes) -> None:
        end = text.find(b"?>")
        if end < 0:
            raise _Refused("corrupt", f"the XML declaration of {self.part} does not end", self.part)
        _, found, rest = text[:end].partition(b"encoding")
        rest = rest.lstrip(b" \t\r\n").removeprefix(b"=").lstrip(b" \t\r\n")
        if found and rest[:1] in (b'"', b"'"):
            value = rest[1:].split(rest[:1], 1)[0]
            if value.strip().lower() not in _ASCII_COMPATIBLE:
                shown = value.decode("ascii", "replace")[:40]
                raise _Refused("xml_encoding", f"{self.part} declares encoding {shown!r}", self.part)

    def _scan_chunk(self, chunk: bytes) -> None:
        window = self._carry + chunk if self._carry else chunk
        self._scan(window, final=False)
        if self.dimension is None:
            self._find_dimension(window)
        self._carry = window[-_CARRY:]

    def _scan(self, window: bytes, *, final: bool) -> None:
        if window.find(b"!") < 0:  # memchr: 20 times faster than looking for "<!", and the usual case
            return
        at = window.find(b"<!")
        while at >= 0:
            if not final and at + 9 > len(window):
                return  # too near the end to tell: the carry brings it into the next window
            follows = window[at + 2:at + 9]
            if not (follows.startswith(b"--") or follows.startswith(b"[CDATA[")):
                declared = follows.split(b" ")[0].decode("ascii", "replace") or "…"
                raise _Refused("dtd", f"a DTD in {self.part} (<!{declared})", self.part)
            at = window.find(b"<!", at + 2)

    def _find_dimension(self, window: bytes) -> None:
        sheet_data = window.find(b"sheetData")
        dimension = window.find(b"dimension", 0, sheet_data if sheet_data >= 0 else len(window))
        if dimension >= 0:
            self.dimension = True
        elif sheet_data >= 0:
            self.dimension = False
