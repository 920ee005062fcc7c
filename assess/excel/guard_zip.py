"""The guard's checks on a zip archive (an .xlsx), cheapest first, with the limits they enforce.

The member count, declared sizes, compression ratios, encryption flags, local headers, duplicate
and overlapping members; the format ([Content_Types].xml, an .ods mimetype, the workbook part, at
least one worksheet); macros and external links; then every member is inflated with a cap, never
trusting its declared size, its CRC checked, and every XML part scanned for a DTD (`<!DOCTYPE`,
`<!ENTITY`, which Excel and LibreOffice never write) and for encodings that would hide one from
the scan. Only the standard library: zipfile for the directory, zlib to inflate, expat for
[Content_Types].xml.

It does not parse the other XML: expat runs at about 150 MB/s, which would make the guard several
times slower on every file and over a second on the largest it lets through. Well-formedness is the
reader's to report (python-calamine raises `XmlError` with the position). The one exception is an
.ods's content.xml, whose repeated rows and cells are counted with expat (`guard_ods`): calamine
expands them all when it opens the file.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from xml.parsers.expat import ExpatError

from assess.excel.guard_ods import MAX_RANGE_CELLS, Expanded, OdsCells
from assess.problems import Msg, msg
from assess.text.format import printable

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


class Refused(Exception):
    """Internal control flow: caught in `check_workbook`, never seen by its callers."""

    def __init__(self, reason: str, message: Msg, part: str = "", advice: Msg | None = None) -> None:
        super().__init__(str(message))
        self.reason, self.message, self.part = reason, message, part
        self.advice = advice
        """What to do, where the reason's own advice (`guard.ADVICE`) does not fit."""


_ZIP_MAGIC = b"PK\x03\x04"
_END_MAGIC = b"PK\x05\x06"
_CHUNK_IN = 64 * 1024  # compressed bytes fed to zlib at a time
_CHUNK_OUT = 256 * 1024  # most bytes zlib may return at a time
_CONTENT_TYPES_CAP = MiB  # a real [Content_Types].xml is a few KB even with 500 parts
_CARRY = 16  # bytes kept across chunks so a pattern split between two is still seen
KEEP_PART_BYTES = 8 * MiB
"""Largest inflated part handed to the reader with `keep_parts` (the reader never reads a larger sheet)."""
KEEP_TOTAL_BYTES = 32 * MiB
"""Most inflated bytes handed to the reader in all: a file near the limits costs no more memory."""
_HEAD = 512  # first bytes of a part judged together: what it is, how it is encoded
_BANGS = 64  # "!"s of a window looked at one by one before searching it for "<!" (see `_XmlScan._scan`)
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
_OTHER_MAINS = {  # the kind of file, as a key of the catalogue's "guard.kind.*"
    "application/vnd.ms-excel.sheet.binary.macroenabled.main": "guard.kind.xlsb",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "guard.kind.docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "guard.kind.pptx",
}
_MACRO_TYPES = {"application/vnd.ms-office.vbaproject", "application/vnd.ms-excel.macrosheet+xml",
                "application/vnd.ms-excel.intlmacrosheet+xml"}


def xml_fault(part: str, e: Exception) -> Msg:
    """That `part`'s XML breaks, and where: its line and column, 1-based (expat's own reason is
    English and says nothing a client could act on)."""
    line, column = getattr(e, "position", None) or (getattr(e, "lineno", 0), getattr(e, "offset", 0))
    if not line:  # raised by a check of ours, not by the parser: no place to give
        return msg("guard.part_not_xml", part=part)
    return msg("guard.part_xml", part=part, line=line, column=(column or 0) + 1)


def _n(x: int) -> str:
    """A byte count or count as the messages show it: 1,076,059,382."""
    return f"{x:,}"


@dataclass(slots=True)
class _Span:
    info: zipfile.ZipInfo
    start: int  # local header
    data_start: int
    end: int


ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, struct.error, EOFError, NotImplementedError)
"""What zipfile raises for a damaged archive (NotImplementedError: a version or method no tool writes)."""


def check_zip(data: bytes, limits: Limits, notes: list[Msg], kept: dict[str, bytes] | None = None,
              kinds: frozenset[str] | set[str] = frozenset({"xlsx"})) -> str:
    """Refuse (raise `Refused`) an archive that is not a safe workbook of one of `kinds` (xlsx,
    ods, xlsb); else add what is worth knowing to `notes` and, with `kept`, the XML parts of an
    .xlsx inflated, by member name. Returns the kind."""
    _check_end_record(data, limits)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except ZIP_ERRORS as error:
        raise Refused("corrupt", msg("guard.zip_damaged", error=str(error))) from None
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise Refused("too_many_parts", msg("guard.too_many_parts", count=_n(len(infos)),
                                            limit=_n(limits.max_members)))
    spans = _check_members(data, infos, limits, getattr(archive, "start_dir", len(data)))
    parts = {span.info.filename.lower(): span for span in spans}

    if "mimetype" in parts:
        mimetype = next(_inflate(data, parts["mimetype"]), b"")[:200]
        if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            if "ods" not in kinds:
                raise Refused("ods", msg("guard.ods"))
            # An .ods: every member inflated under the same caps, checked and its XML scanned for a
            # DTD, as an .xlsx's are; nothing kept (the reader's size checks are on the XLSX parts).
            if "content.xml" not in parts:
                raise Refused("not_workbook", msg("guard.no_ods_content"), "content.xml")
            for span in sorted(spans, key=lambda s: s.start):
                name = span.info.filename
                if not name.endswith("/"):
                    cells = OdsCells() if name.lower() == "content.xml" else None
                    _stream(data, span, _XmlScan(name, sniff=not name.lower().endswith(_XML_SUFFIXES)),
                            cap=span.info.file_size, cells=cells)
            return "ods"
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
            raise Refused("other_format", msg("guard.other_odf", kind=kind))
    types_span = parts.get("[content_types].xml")
    if types_span is None:
        raise Refused("not_workbook", msg("guard.no_content_types"))
    types_name = types_span.info.filename
    if types_span.info.file_size > _CONTENT_TYPES_CAP:
        raise Refused("part_too_large", msg("guard.content_types_too_large",
                                            size=_n(types_span.info.file_size)), types_name)
    types_xml = bytearray()
    _stream(data, types_span, _XmlScan(types_name), keep=types_xml)
    types = _ContentTypes(bytes(types_xml), types_name)
    workbook_kind = _check_structure(parts, types, limits, notes, kinds)

    if kept is not None:
        kept[types_name] = bytes(types_xml)
    budget = KEEP_TOTAL_BYTES
    for span in sorted(spans, key=lambda s: s.start):
        if span is types_span:
            continue
        name, size = span.info.filename, span.info.file_size
        kind = types.of(name)
        says_xml, worksheet = name.lower().endswith(_XML_SUFFIXES) or "xml" in kind, kind == _CT_WORKSHEET
        scan = _XmlScan(name, worksheet=worksheet, sniff=not says_xml)
        keep = bytearray() if kept is not None and says_xml and size <= min(budget, KEEP_PART_BYTES) else None
        _stream(data, span, scan, keep, cap=size)
        if keep is not None and kept is not None:
            kept[name] = bytes(keep)
            budget -= len(keep)
        if worksheet and not scan.dimension:
            if limits.require_dimension:
                raise Refused("no_dimension", msg("guard.no_dimension", part=name), name)
            notes.append(msg("guard.note.no_dimension", part=name))
    return workbook_kind


def _check_end_record(data: bytes, limits: Limits) -> None:
    """Refuse archives whose end record claims too many members, or a directory too large for
    the allowed number, before `zipfile` builds an object per entry (a 20 MB file can hold
    250,000). The figures are those `zipfile` will use: the zip64 record's when there is one."""
    end = data.rfind(_END_MAGIC, max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise Refused("corrupt", msg("guard.zip_no_end"))
    count, directory_size = struct.unpack_from("<HI", data, end + 10)
    locator, record = end - 20, end - 20 - 56
    if record >= 0 and data[locator:locator + 4] == b"PK\x06\x07" and data[record:record + 4] == b"PK\x06\x06":
        count, directory_size = struct.unpack_from("<QQ", data, record + 32)
    if count > limits.max_members:
        raise Refused("too_many_parts", msg("guard.too_many_parts", count=_n(count), limit=_n(limits.max_members)))
    if directory_size > limits.max_members * 512:
        raise Refused("too_many_parts", msg("guard.directory_too_large", size=_n(directory_size),
                                            limit=_n(limits.max_members)))


def _check_members(data: bytes, infos: list[zipfile.ZipInfo], limits: Limits,
                   directory_start: int) -> list[_Span]:
    """Declared sizes, ratios, flags and placement of every member, before inflating any."""
    seen: set[str] = set()
    spans = []
    total = compressed = 0
    for info in infos:
        name = info.filename
        if name.lower() in seen:
            raise Refused("corrupt", msg("guard.duplicate_part", part=name), name)
        seen.add(name.lower())
        if info.flag_bits & 0x1 or info.compress_type == 99:
            raise Refused("encrypted", msg("guard.encrypted_part", part=name), name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused("corrupt", msg("guard.compression_method", part=name, method=info.compress_type), name)
        if info.file_size > limits.max_part_bytes:
            raise Refused("part_too_large", msg("guard.part_too_large", part=name, size=_n(info.file_size),
                                                limit=_n(limits.max_part_bytes)), name)
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * info.compress_size:
            raise Refused("compression_ratio", msg("guard.part_ratio", part=name,
                                                   ratio=_ratio(info.file_size, info.compress_size),
                                                   limit=f"{limits.max_ratio:g}:1"), name)
        total += info.file_size
        compressed += info.compress_size
        spans.append(_locate(data, info, directory_start))
    if total > limits.max_total_bytes:
        raise Refused("uncompressed_too_large", msg("guard.total_too_large", size=_n(total),
                                                    limit=_n(limits.max_total_bytes)))
    if total > limits.ratio_floor_bytes and total > limits.max_ratio * compressed:
        raise Refused("compression_ratio", msg("guard.archive_ratio", ratio=_ratio(total, compressed),
                                               limit=f"{limits.max_ratio:g}:1"))
    ordered = sorted(spans, key=lambda s: s.start)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise Refused("corrupt", msg("guard.overlap", first=before.info.filename, second=after.info.filename),
                          after.info.filename)
    return spans


def _ratio(size: int, compressed: int) -> str:
    return f"{size / compressed:,.0f}:1" if compressed else "∞"


def _locate(data: bytes, info: zipfile.ZipInfo, directory_start: int, encoding: str = "cp437") -> _Span:
    """Where a member's compressed bytes are, checked against its local header. `encoding`: the one
    the archive's names without the UTF-8 flag were read in."""
    start, name = info.header_offset, info.filename
    if data[start:start + 4] != _ZIP_MAGIC:
        raise Refused("corrupt", msg("guard.no_local_header", part=name), name)
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    local_name = data[start + 30:start + 30 + name_length]
    central_name = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else encoding)
    if local_name != central_name:
        local = printable(local_name[:80].decode("utf-8", "replace"))  # the file's bytes, shown safely
        raise Refused("corrupt", msg("guard.local_name", part=name, local=local), name)
    data_start = start + 30 + name_length + extra_length
    end = data_start + info.compress_size
    if end > min(len(data), directory_start):
        raise Refused("corrupt", msg("guard.part_past_end", part=name), name)
    return _Span(info, start, data_start, end)


def _inflate(data: bytes, span: _Span) -> Iterator[bytes]:
    """The member's bytes, in chunks, refusing as soon as they prove larger than declared:
    the declared size is a claim to test, not a length to trust."""
    info = span.info
    name, declared = info.filename, info.file_size
    raw = memoryview(data)[span.data_start:span.end]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) != declared:
            raise Refused("size_mismatch", msg("guard.size_stored", part=name, size=_n(len(raw)),
                                               declared=_n(declared)), name)
        for offset in range(0, len(raw), _CHUNK_OUT):
            yield bytes(raw[offset:offset + _CHUNK_OUT])
        return
    produced = 0
    try:
        for chunk in _deflated_chunks(raw, name):
            produced += len(chunk)
            if produced > declared:
                raise Refused("size_mismatch", msg("guard.size_more", part=name, declared=_n(declared)), name)
            yield chunk
    except zlib.error:  # zlib's own reason ("invalid distance too far back") is nothing a client can act on
        raise Refused("corrupt", msg("guard.part_damaged", part=name), name) from None
    if produced != declared:
        raise Refused("size_mismatch", msg("guard.size_differs", part=name, size=_n(produced),
                                           declared=_n(declared)), name)


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
        raise Refused("corrupt", msg("guard.part_ends_early", part=name), name)


def _stream(data: bytes, span: _Span, scan: _XmlScan, keep: bytearray | None = None,
            cap: int = _CONTENT_TYPES_CAP, cells: OdsCells | None = None) -> None:
    """Inflate one member through `scan` (and into `keep`, at most `cap` bytes; and through `cells`,
    an .ods's content.xml, after `scan` has passed each chunk), then check its CRC."""
    crc = 0
    name = span.info.filename
    try:
        for chunk in _inflate(data, span):
            crc = zlib.crc32(chunk, crc)
            scan.feed(chunk)
            if cells is not None:
                cells.feed(chunk)
            if keep is not None:
                if len(keep) + len(chunk) > cap:
                    raise Refused("part_too_large", msg("guard.part_grows", part=name), name)
                keep += chunk
        scan.close()
        if cells is not None:
            cells.close()
    except Expanded as e:  # before the reader expands it
        raise Refused("ods_repeats", msg("guard.ods_repeats", sheet=e.sheet, rows=_n(e.rows), columns=_n(e.columns),
                                         limit=_n(MAX_RANGE_CELLS)), name) from None
    except ExpatError as e:
        scan.close()  # a DTD expat met before the byte scan judged the part's head: refused as one
        raise Refused("corrupt", xml_fault(name, e), name) from None
    if crc != span.info.CRC:
        raise Refused("corrupt", msg("guard.checksum", part=name), name)


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
            raise Refused("corrupt", xml_fault(part, error), part) from None

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


_CT_XLSB = "application/vnd.ms-excel.sheet.binary.macroenabled.main"
_CT_XLSB_SHEET = "application/vnd.ms-excel.worksheet"


def _check_structure(parts: dict[str, _Span], types: _ContentTypes, limits: Limits, notes: list[Msg],
                     kinds: frozenset[str] | set[str] = frozenset({"xlsx"})) -> str:
    """The right kind of package, with a workbook and a worksheet; macros; external links. The kind."""
    main_types = set(types.overrides.values())
    if _CT_XLSB in main_types and "xlsb" in kinds:
        # An .xlsb is the .xlsx package with binary parts: the same member checks have run and every
        # part is inflated and checked below; what it holds is python-calamine's to parse. Its main
        # type says "macro-enabled" for every .xlsb, so macros are told by a VBA part, as in .xlsx.
        if "xl/workbook.bin" not in parts:
            raise Refused("not_workbook", msg("guard.no_workbook_part_bin"), "xl/workbook.bin")
        if not any(types.of(name) == _CT_XLSB_SHEET or name.startswith("xl/worksheets/") for name in parts):
            raise Refused("not_workbook", msg("guard.no_worksheet"))
        if not limits.allow_macros:
            for lowered, span in parts.items():
                if lowered.endswith("vbaproject.bin") or lowered.startswith("xl/macrosheets/"):
                    raise Refused("macros", msg("guard.macros", part=span.info.filename), span.info.filename)
        return "xlsb"
    if not main_types & _SPREADSHEET_MAINS.keys():
        for kind, what in _OTHER_MAINS.items():
            if kind in main_types:
                raise Refused("other_format", msg("guard.not_xlsx", what=msg(what)))
        raise Refused("not_workbook", msg("guard.no_workbook_type"))
    workbook_type = types.of("xl/workbook.xml")
    if "xl/workbook.xml" not in parts or workbook_type not in _SPREADSHEET_MAINS:
        raise Refused("not_workbook", msg("guard.no_workbook_part"), "xl/workbook.xml")
    if not any(types.of(name) == _CT_WORKSHEET for name in parts):
        raise Refused("not_workbook", msg("guard.no_worksheet"))
    if not limits.allow_macros:
        if _SPREADSHEET_MAINS[workbook_type]:
            raise Refused("macros", msg("guard.xlsm"), "xl/workbook.xml")
        for lowered, span in parts.items():
            if (lowered.endswith("vbaproject.bin") or lowered.startswith("xl/macrosheets/")
                    or types.of(lowered) in _MACRO_TYPES):
                name = span.info.filename
                raise Refused("macros", msg("guard.macros", part=name), name)
    links = sorted(span.info.filename for lowered, span in parts.items()
                   if (lowered.startswith("xl/externallinks/") and lowered.endswith(".xml"))
                   or types.of(lowered) == _CT_EXTERNAL_LINK)
    if links:
        if not limits.allow_external_links:
            raise Refused("external_links", msg("guard.external_links", parts=links), links[0])
        notes.append(msg("guard.note.external_links", parts=links))
    return "xlsx"


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
            raise Refused("xml_encoding", msg("guard.utf16", part=self.part), self.part)
        text = head.removeprefix(b"\xef\xbb\xbf")
        if self._sniff and not text.lstrip(b" \t\r\n").startswith(b"<"):
            self._skip = True  # binary (an image, printer settings): nothing to scan
        elif text.startswith(b"<?xml"):
            self._check_declaration(text)
        return head

    def _check_declaration(self, text: bytes) -> None:
        end = text.find(b"?>")
        if end < 0:
            raise Refused("corrupt", msg("guard.declaration", part=self.part), self.part)
        _, found, rest = text[:end].partition(b"encoding")
        rest = rest.lstrip(b" \t\r\n").removeprefix(b"=").lstrip(b" \t\r\n")
        if found and rest[:1] in (b'"', b"'"):
            value = rest[1:].split(rest[:1], 1)[0]
            if value.strip().lower() not in _ASCII_COMPATIBLE:
                shown = value.decode("ascii", "replace")[:40]
                raise Refused("xml_encoding", msg("guard.encoding", part=self.part, encoding=shown), self.part)

    def _scan_chunk(self, chunk: bytes) -> None:
        window = self._carry + chunk if self._carry else chunk
        self._scan(window, final=False)
        if self.dimension is None:
            self._find_dimension(window)
        self._carry = window[-_CARRY:]

    def _scan(self, window: bytes, *, final: bool) -> None:
        bang = window.find(b"!")
        if bang < 0:  # memchr: 20 times faster than looking for "<!", and the usual case
            return
        # A sheet's "!"s are few (a formula's Company!C5, in the template's conditional formats):
        # each is found by memchr and the byte before it looked at, 7 times faster than searching
        # for "<!", whose "<" begins every tag. A window with many is searched for "<!" after all.
        for _ in range(_BANGS):
            if bang > 0 and window[bang - 1] == 0x3C and not self._markup(window, bang - 1, final):  # "<"
                return
            bang = window.find(b"!", bang + 1)
            if bang < 0:
                return
        at = window.find(b"<!", bang - 1)
        while at >= 0:
            if not self._markup(window, at, final):
                return
            at = window.find(b"<!", at + 2)

    def _markup(self, window: bytes, at: int, final: bool) -> bool:
        """Judge the "<!" at `at`: a comment or CDATA passes, anything else (a DTD, an entity) is
        refused; False when it is too near the window's end to tell (the carry brings it into the
        next window)."""
        if not final and at + 9 > len(window):
            return False
        follows = window[at + 2:at + 9]
        if not (follows.startswith(b"--") or follows.startswith(b"[CDATA[")):
            declared = follows.split(b" ")[0].decode("ascii", "replace") or "…"
            raise Refused("dtd", msg("guard.dtd", part=self.part, declared="<!" + declared), self.part)
        return True

    def _find_dimension(self, window: bytes) -> None:
        sheet_data = window.find(b"sheetData")
        dimension = window.find(b"dimension", 0, sheet_data if sheet_data >= 0 else len(window))
        if dimension >= 0:
            self.dimension = True
        elif sheet_data >= 0:
            self.dimension = False
