"""The workbook guard: look at a file before any workbook reader touches it.

Workbooks arrive from outside (answer sheets, reports to verify) and readers trust them too much: a
zip bomb costs python-calamine 5 GB, a sheet without `<dimension>` makes openpyxl's read-only mode
parse the whole sheet just to open it, and fastexcel ignores lying zip headers (the measurements are
in shared/reference/excel-baseline.md, section 5). So the guard reads the file once, checks it with
the standard library only, and either passes it, handing the bytes on to the reader, or refuses it
with a named reason and advice the sender can act on. It never raises.

Here: the size on disk and the signature (zip, OLE2 for encrypted workbooks and .xls, anything
else, named as well as it can be), and which kinds of workbook a caller takes (`kinds`): the
default is .xlsx alone; the answer-sheet reader also takes .xls (and WPS .et saved as it), .ods and
.xlsb (`SHEET_KINDS`), which python-calamine reads. An .xls is an OLE2 compound file: its header's
bounds are checked here (sector size, FAT and directory within the file) without parsing it.
The archive checks are in `guard_zip`. With `keep_parts`, a file
that passes comes with the XML parts it inflated (`GuardResult.parts`), so the reader need not
inflate them again nor trust a second inflation to match what was checked.
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass, field

from assess.excel.guard_zip import Limits, MiB, Refused, check_zip
from assess.problems import Msg, Problem, msg, os_reason

__all__ = ["ADVICE", "DEFAULT_LIMITS", "SHEET_KINDS", "GuardResult", "Limits", "MiB", "check_workbook"]

DEFAULT_LIMITS = Limits()
SHEET_KINDS = frozenset({"xlsx", "xls", "ods", "xlsb"})
"""The kinds of workbook the answer-sheet reader takes (python-calamine reads them all)."""

REASONS = ("unreadable", "empty", "too_large", "not_xlsx", "legacy_xls", "encrypted", "ods", "other_format",
           "not_workbook", "corrupt", "too_many_parts", "part_too_large", "uncompressed_too_large",
           "compression_ratio", "size_mismatch", "dtd", "xml_encoding", "macros", "external_links",
           "no_dimension", "ole2_bounds", "ods_repeats")
ADVICE: dict[str, Msg] = {reason: msg(f"guard.fix.{reason}") for reason in REASONS}
"""What the sender of a file refused for each reason should do (the catalogue's `guard.fix.*`)."""

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, slots=True)
class GuardResult:
    """The guard's verdict on one file: passed (`ok`, with the bytes checked in `data`) or refused
    with a `reason` code, a `message` saying what is wrong and `advice` saying what to do."""

    path: str
    reason: str = ""
    """Empty when the file passed; otherwise one of the keys of `ADVICE`."""
    message: Msg | None = None
    advice: Msg | None = None
    part: str = ""
    """The zip member at fault, when there is one."""
    notes: tuple[Msg, ...] = ()
    """Things worth knowing about a file that passed (external links, a missing `<dimension>`)."""
    kind: str = ""
    """What a file that passed is: xlsx, xls, ods or xlsb (one of the `kinds` asked for)."""
    data: bytes | None = field(default=None, repr=False, compare=False)
    """The file's bytes as checked, for the reader (`CalamineWorkbook.from_filelike(BytesIO(data))`),
    so the file is read once and cannot change between check and read."""
    parts: dict[str, bytes] | None = field(default=None, repr=False, compare=False)
    """With `keep_parts`: the XML parts the guard inflated and checked, by member name (as in the
    zip). Only parts up to `guard_zip.KEEP_PART_BYTES` are kept, and at most
    `guard_zip.KEEP_TOTAL_BYTES` in all; a reader inflates any other part itself."""

    @property
    def ok(self) -> bool:
        return not self.reason

    def text(self, locale: str) -> str:
        """The verdict in `locale`: "passed", or what is wrong and what to do."""
        # imported here: the catalogue brings pydantic (its value formatting knows answers), which quadruples
        # the guard's import time and doubles its memory, for a check that needs only the standard library
        from assess.text.messages import say

        if self.ok:
            return say(msg("guard.passed"), locale)
        return say(msg("guard.verdict", message=self.message, advice=self.advice), locale)

    def __str__(self) -> str:
        return self.text("en")

    def as_problem(self) -> Problem | None:
        """The refusal as a `Problem` for reports, or None when the file passed."""
        if self.ok:
            return None
        return Problem(self.message, where=self.part, file=self.path,
                       fix=self.advice)


def workbook_magic(path: str | os.PathLike[str]) -> str | None:
    """How a file begins, if as a workbook might: "zip" (.xlsx, .ods, .xlsb, and any zip) or "ole2"
    (.xls, and other old Office files); None otherwise, or if it cannot be read. Only a hint of what to
    try: the guard decides."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return None
    return "zip" if head.startswith(_ZIP_MAGIC) else "ole2" if head.startswith(_CFB_MAGIC) else None


def check_workbook(source: str | os.PathLike[str] | bytes, *, limits: Limits = DEFAULT_LIMITS,
                   name: str | None = None, keep_parts: bool = False,
                   kinds: frozenset[str] | set[str] = frozenset({"xlsx"})) -> GuardResult:
    """Check a workbook (a path, or its bytes) before any reader opens it. Never raises.

    With `keep_parts`, a file that passes comes with the XML parts already inflated (`parts`, for
    .xlsx only). `kinds` are the kinds of workbook taken (`SHEET_KINDS` for answer sheets); any
    other is refused with advice to save it as .xlsx."""
    label = name or ("<bytes>" if isinstance(source, bytes | bytearray) else os.fspath(source))
    notes: list[Msg] = []
    kept: dict[str, bytes] | None = {} if keep_parts else None
    try:
        data = bytes(source) if isinstance(source, bytes | bytearray) else _read(source, limits)
        kind = _check(data, limits, notes, kept, kinds)
    except Refused as refusal:
        return GuardResult(label, refusal.reason, refusal.message, refusal.advice or ADVICE[refusal.reason],
                           refusal.part, tuple(notes))
    except Exception as error:  # a shape of damage the checks did not foresee: refuse, never raise
        return GuardResult(label, "corrupt", msg("guard.damaged", error=f"{type(error).__name__}: {error}"),
                           ADVICE["corrupt"], "", tuple(notes))
    return GuardResult(label, notes=tuple(notes), kind=kind, data=data, parts=kept)


def _read(path: str | os.PathLike[str], limits: Limits) -> bytes:
    try:
        info = os.stat(path)  # ValueError: a NUL in the path
        if not stat.S_ISREG(info.st_mode):
            raise Refused("unreadable", msg("guard.not_a_file"))
        _check_size(info.st_size, limits)
        with open(path, "rb") as handle:
            # as many bytes as stat said, and (it may have grown since) any more up to the limit; a
            # size hint of the whole limit would allocate 20 MB for every 40 kB file
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limits.max_file_bytes + 1 - len(data))
    except (OSError, ValueError) as error:
        raise Refused("unreadable", msg("guard.unreadable", error=os_reason(error))) from None
    _check_size(len(data), limits)
    return data


def _check_size(size: int, limits: Limits) -> None:
    if size == 0:
        raise Refused("empty", msg("guard.empty"))
    if size > limits.max_file_bytes:
        raise Refused("too_large", msg("guard.too_large", size=f"{size:,}", limit=f"{limits.max_file_bytes:,}"))


def _check(data: bytes, limits: Limits, notes: list[Msg], kept: dict[str, bytes] | None = None,
           kinds: frozenset[str] | set[str] = frozenset({"xlsx"})) -> str:
    _check_size(len(data), limits)
    if data.startswith(_ZIP_MAGIC):
        return check_zip(data, limits, notes, kept, kinds)
    elif data.startswith(_CFB_MAGIC):
        if "xls" in kinds:  # bounds first: the names below are read by following the header
            _check_ole2_bounds(data)
        reason, message = _classify_ole2(data)
        if reason == "legacy_xls" and "xls" in kinds and message.key == "guard.legacy_xls":
            return "xls"
        raise Refused(reason, message)
    elif data.startswith(_EMPTY_ZIP_MAGIC):
        raise Refused("not_workbook", msg("guard.empty_zip"))
    else:
        what = _sniff(data)  # a CSV or text export, saved as .xlsx, would still lack the workbook's other sheets
        raise Refused("not_xlsx", msg("guard.not_xlsx", what=msg(what)),
                      advice=msg("guard.fix.text") if what in ("guard.kind.text", "guard.kind.utf16") else None)


# ---------------------------------------------------------------------------------------------
# Files that are not zips


def _sniff(data: bytes) -> str:
    """What a file without a zip or OLE2 signature probably is: a key of the catalogue's `guard.kind.*`."""
    head = data[:2048]
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "guard.kind.utf16"
    if text.startswith((b"<!doctype html", b"<html")) or b"<table" in text or b"<html" in text:
        return "guard.kind.html"
    if text.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
            return "guard.kind.xml2003"
        return "guard.kind.xml"
    if text.startswith(b"%pdf"):
        return "guard.kind.pdf"
    if text.startswith(b"{\\rtf"):
        return "guard.kind.rtf"
    if b"\0" not in head:
        return "guard.kind.text"
    return "guard.kind.binary"


def _classify_ole2(data: bytes) -> tuple[str, Msg]:
    """An OLE2 compound file is an encrypted OOXML package, a Word/PowerPoint 97 file, or
    (otherwise, as the baseline has it) a legacy workbook."""
    names = {name.upper() for name in _ole2_stream_names(data)}
    if names & {"ENCRYPTIONINFO", "ENCRYPTEDPACKAGE"}:
        return "encrypted", msg("guard.encrypted")
    if names & {"WORKBOOK", "BOOK"}:
        return "legacy_xls", msg("guard.legacy_xls")
    if "WORDDOCUMENT" in names:
        return "other_format", msg("guard.not_spreadsheet", what=msg("guard.kind.word97"))
    if "POWERPOINT DOCUMENT" in names:
        return "other_format", msg("guard.not_spreadsheet", what=msg("guard.kind.ppt97"))
    return "legacy_xls", msg("guard.ole2")


_MAX_DIRECTORY_ENTRIES = 4096
"""Directory entries an .xls may have: a workbook has about ten streams; more is not a workbook."""


def _check_ole2_bounds(data: bytes) -> None:
    """The OLE2 header's figures, checked against the file (a reader trusting them allocates or
    loops by them): sector size 512 or 4096, mini sectors of 64 bytes, no more FAT sectors than the
    file has sectors, FAT and directory sectors inside the file, the directory's chain finite and
    its entries few. Not a parser: the streams themselves are python-calamine's to read."""
    bad = msg("guard.ole2_bounds")
    if len(data) < 512:
        raise Refused("ole2_bounds", bad)
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise Refused("ole2_bounds", bad)
    size = 1 << shift
    sectors = (len(data) - size) // size if len(data) > size else 0
    fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
    next_difat, difat_count = struct.unpack_from("<II", data, 0x44)
    if not 0 < fat_count <= sectors or first_dir >= sectors or difat_count > sectors:
        raise Refused("ole2_bounds", bad)
    if fat_count * (size // 4) < sectors:  # the FAT must be able to map every sector
        raise Refused("ole2_bounds", bad)
    head = struct.unpack_from("<109I", data, 0x4C)
    if any(s >= sectors for s in head[:min(fat_count, 109)]):
        raise Refused("ole2_bounds", bad)
    if difat_count and next_difat >= sectors:
        raise Refused("ole2_bounds", bad)
    fat = b"".join(data[(s + 1) * size:(s + 2) * size] for s in head[:min(fat_count, 109)])
    sector, seen = first_dir, 0
    while sector < sectors:  # the directory chain, as far as the first FAT sectors map it
        seen += 1
        if seen * (size // 128) > _MAX_DIRECTORY_ENTRIES:
            raise Refused("ole2_bounds", bad)
        if (sector + 1) * 4 > len(fat):
            break
        sector = struct.unpack_from("<I", fat, sector * 4)[0]
    if sector < 0xFFFFFFFA and sector >= sectors and sector != 0xFFFFFFFE:
        raise Refused("ole2_bounds", bad)


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
