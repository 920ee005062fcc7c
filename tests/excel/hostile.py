"""A corpus of hostile, broken and valid workbooks, built from code.

The workbook guard's tests, the batch's tests and the benchmarks all use it, so nothing hostile is
committed as a binary. Every case names the refusal reason the guard should give (`""`: it passes).

    python -m tests.excel.hostile OUTDIR        # writes every case, prints name, size, expectation

Zip archives and OLE2 (CFB) containers are written by hand here, not with `zipfile`, so a case can
lie in its headers, overlap its members or carry a DTD exactly as an attacker would.
"""

from __future__ import annotations

import functools
import random
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024

# ---------------------------------------------------------------------------------------------
# Zip archives written by hand


@dataclass(frozen=True)
class Member:
    """One zip member as stored: `payload` is already compressed when `method` is 8 (deflate).

    `size` and `crc` are what the headers declare; they may lie on purpose.
    """

    name: str
    payload: bytes
    method: int
    crc: int
    size: int
    flags: int = 0


def deflated(name: str, data: bytes, level: int = 6) -> Member:
    """A member holding `data`, raw-deflated, with honest headers."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    payload = compressor.compress(data) + compressor.flush()
    return Member(name, payload, 8, zlib.crc32(data), len(data))


def stored(name: str, data: bytes) -> Member:
    """A member holding `data` uncompressed (method 0), with honest headers."""
    return Member(name, data, 0, zlib.crc32(data), len(data))


def local_header(member: Member) -> bytes:
    """A member's local header, name included (its payload follows it)."""
    name = member.name.encode("utf-8")
    return struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, member.flags | 0x800, member.method, 0,
                       0x21, member.crc, len(member.payload), member.size, len(name), 0) + name


def central_entry(member: Member, offset: int) -> bytes:
    """A member's central-directory entry, pointing at the local header at `offset`."""
    name = member.name.encode("utf-8")
    return struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, member.flags | 0x800,
                       member.method, 0, 0x21, member.crc, len(member.payload), member.size,
                       len(name), 0, 0, 0, 0, 0, offset) + name


def end_record(count: int, directory: bytes, directory_offset: int) -> bytes:
    """The classic end-of-central-directory record (a count over 65,535 is written as 0xFFFF)."""
    count = min(count, 0xFFFF)
    return struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(directory),
                       directory_offset, 0)


def zip_bytes(members: list[Member], *, declared_count: int | None = None,
              offsets: dict[int, int] | None = None) -> bytes:
    """A zip archive of `members`, in order.

    `declared_count` overrides the entry count in the end record; `offsets` maps a member's index to
    the local-header offset its central entry should point at (to make members overlap).
    """
    body = bytearray()
    local_offsets = []
    for member in members:
        local_offsets.append(len(body))
        body += local_header(member) + member.payload
    directory = b"".join(central_entry(member, (offsets or {}).get(i, local_offsets[i]))
                         for i, member in enumerate(members))
    count = len(members) if declared_count is None else declared_count
    return bytes(body) + directory + end_record(count, directory, len(body))


# ---------------------------------------------------------------------------------------------
# The parts of a minimal SpreadsheetML workbook

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_SHARED = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CT_MACROSHEET = "application/vnd.ms-excel.macrosheet+xml"
CT_EXTERNAL = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
CT_VBA = "application/vnd.ms-office.vbaProject"
CT_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
RT_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_SHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
RT_SHARED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"

XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SHEET_OPEN = XML_DECL + f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'.encode()
DIMENSION = b'<dimension ref="A1:B2"/>'
SHEET_DATA = (b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>3</v></c></row>'
              b'<row r="2"><c r="A2" t="inlineStr"><is><t>\xe5\x90\x88\xe8\xa7\x84</t></is></c>'
              b'<c r="B2"><v>1.5</v></c></row></sheetData>')
SHARED_STRINGS = (XML_DECL + f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1">'.encode()
                  + b"<si><t>Q1.1</t></si></sst>")


def sheet_xml(*, dimension: bool = True, data: bytes = SHEET_DATA) -> bytes:
    """A small worksheet part, with or without its `<dimension>`."""
    return SHEET_OPEN + (DIMENSION if dimension else b"") + data + b"</worksheet>"


def content_types(overrides: dict[str, str], defaults: dict[str, str] | None = None) -> bytes:
    """`[Content_Types].xml` with the usual rels/xml defaults plus `overrides` (part → type)."""
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml",
                "xml": "application/xml", **(defaults or {})}
    text = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    text += "".join(f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in defaults.items())
    text += "".join(f'<Override PartName="/{part}" ContentType="{ct}"/>'
                    for part, ct in overrides.items())
    return XML_DECL + (text + "</Types>").encode()


def relationships(targets: list[tuple[str, str]]) -> bytes:
    """A `.rels` part relating to each (type, target) in turn as rId1, rId2, …"""
    rels = "".join(f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
                   for i, (kind, target) in enumerate(targets, start=1))
    return XML_DECL + f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'.encode()


def workbook_parts(*, sheet: bytes | None = None, shared: bytes | None = SHARED_STRINGS,
                   main_type: str = CT_SHEET_MAIN, extra: dict[str, bytes] | None = None,
                   extra_types: dict[str, str] | None = None) -> dict[str, bytes]:
    """The parts of a one-sheet workbook that python-calamine and openpyxl both read.

    `sheet` replaces the worksheet part, `shared` the shared strings (None leaves them out);
    `extra` adds parts and `extra_types` their content-type overrides.
    """
    overrides = {"xl/workbook.xml": main_type, "xl/worksheets/sheet1.xml": CT_WORKSHEET}
    book_rels = [(RT_SHEET, "worksheets/sheet1.xml")]
    if shared is not None:
        overrides["xl/sharedStrings.xml"] = CT_SHARED
        book_rels.append((RT_SHARED, "sharedStrings.xml"))
    overrides.update(extra_types or {})
    workbook = (XML_DECL + f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'.encode()
                + b'<sheet name="Answers" sheetId="1" r:id="rId1"/></sheets></workbook>')
    parts = {
        "[Content_Types].xml": content_types(overrides),
        "_rels/.rels": relationships([(RT_DOC, "xl/workbook.xml")]),
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": relationships(book_rels),
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts.update(extra or {})
    return parts


def xlsx_bytes(parts: dict[str, bytes], replace: dict[str, Member] | None = None) -> bytes:
    """A zip of `parts`, each deflated honestly unless `replace` gives a hand-made member."""
    replace = replace or {}
    return zip_bytes([replace.get(name) or deflated(name, data) for name, data in parts.items()])


# ---------------------------------------------------------------------------------------------
# Entity attacks


def _laughs_dtd() -> bytes:
    """lol1 … lol9, each ten of the one before: 10^9 "lol"s once expanded."""
    lines = [b'<!DOCTYPE lolz [', b' <!ENTITY lol0 "lol">']
    for level in range(1, 10):
        lines.append(b' <!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10))
    return b"\n".join(lines) + b"\n]>\n"


LAUGHS_DTD = _laughs_dtd()
XXE_DTD = b'<!DOCTYPE foo [\n <!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>\n'


def _with_dtd(dtd: bytes, root_and_rest: bytes) -> bytes:
    return XML_DECL + dtd + root_and_rest


def sheet_with_entity(dtd: bytes, entity: bytes) -> bytes:
    """A worksheet whose DTD declares entities and whose A1 uses `entity`."""
    body = (f'<worksheet xmlns="{MAIN_NS}">'.encode() + DIMENSION
            + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + entity
            + b"</t></is></c></row></sheetData></worksheet>")
    return _with_dtd(dtd, body)


def shared_with_entity(dtd: bytes, entity: bytes) -> bytes:
    """Shared strings whose DTD declares entities and whose first string is `entity`."""
    body = f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>'.encode() + entity + b"</t></si></sst>"
    return _with_dtd(dtd, body)


# ---------------------------------------------------------------------------------------------
# Zip bombs: one chunk of sheet rows deflated once, its deflate blocks repeated

BOMB_HEAD = SHEET_OPEN + b"<sheetData>"  # no <dimension>, no r= attributes, as in the baseline
BOMB_TAIL = b"</sheetData></worksheet>"


def _rows_chunk(size: int = MiB) -> bytes:
    """At least `size` bytes of identical rows of 200 numeric cells (about 235:1 deflated)."""
    row = b"<row>" + b"".join(b"<c><v>%d</v></c>" % (column % 10) for column in range(200)) + b"</row>"
    return row * -(-size // len(row))


def _full_flush(data: bytes, level: int = 9) -> bytes:
    """Deflate blocks for `data` that stand alone: they end byte-aligned and refer to nothing
    before them, so copies can be concatenated into one valid stream."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


@functools.cache  # three bombs share one GiB of rows: its CRC is computed once
def repeated_deflate(head: bytes, chunk: bytes, copies: int, tail: bytes) -> tuple[bytes, int, int]:
    """(deflate stream, CRC-32, size) of head + chunk * copies + tail, without building it."""
    finisher = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = (_full_flush(head) + _full_flush(chunk) * copies
              + finisher.compress(tail) + finisher.flush())
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return stream, crc, len(head) + len(chunk) * copies + len(tail)


def bomb_sheet(copies: int, *, declare: int | None = None, crc_of_prefix: bool = False) -> Member:
    """The worksheet member of a bomb: `copies` MiB of rows.

    `declare` writes a smaller uncompressed size in the headers (lying headers); with
    `crc_of_prefix` the CRC is that of the declared prefix, so a reader that stops at the
    declared size sees a correct checksum.
    """
    chunk = _rows_chunk()
    stream, crc, size = repeated_deflate(BOMB_HEAD, chunk, copies, BOMB_TAIL)
    if declare is not None and crc_of_prefix:
        prefix = (BOMB_HEAD + chunk * (declare // len(chunk) + 1))[:declare]
        crc = zlib.crc32(prefix)
    return Member("xl/worksheets/sheet1.xml", stream, 8, crc, size if declare is None else declare)


def filler_members(count: int, size: int = MiB) -> list[Member]:
    """`count` parts of exactly `size` bytes of rows, each deflated at about 300:1."""
    chunk = _rows_chunk(size)[:size]
    stream, crc, length = repeated_deflate(b"", chunk, 1, b"")
    return [Member(f"xl/media/fill{i}.xml", stream, 8, crc, length) for i in range(count)]


def at_limits_sheets(count: int = 4, size: int = 50 * MiB - 64 * 1024) -> dict[str, Member]:
    """Worksheets just inside the default limits (≤ 50 MiB each, about 90:1): the guard's worst
    honest case."""
    rng = random.Random(11)
    cells = []
    total = 0
    while total < MiB:  # mostly repeated cells with a sprinkling of random ones: about 90:1
        cell = (b"<c><v>%d</v></c>" % rng.randrange(10**9)) if rng.random() < 0.018 else b"<c><v>1</v></c>"
        cells.append(cell)
        total += len(cell)
    chunk = b"<row>" + b"".join(cells) + b"</row>"
    copies = (size - len(BOMB_HEAD) - len(BOMB_TAIL)) // len(chunk)
    stream, crc, length = repeated_deflate(BOMB_HEAD, chunk, copies, BOMB_TAIL)
    return {f"xl/worksheets/sheet{i}.xml": Member(f"xl/worksheets/sheet{i}.xml", stream, 8, crc, length)
            for i in range(1, count + 1)}


# ---------------------------------------------------------------------------------------------
# OLE2 compound files (legacy .xls, encrypted OOXML), written by hand

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file (512-byte sectors) holding `streams` under the root storage.

    Streams are padded to 4096 bytes so all of them live in regular sectors (no mini stream);
    siblings are chained by their right pointers in sorted order, a valid if unbalanced tree.
    """
    sector = 512
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    data = bytearray()
    fat: list[int] = []
    starts = {}
    padded = {name: content.ljust(4096, b"\0") for name, content in streams.items()}
    for name in names:
        content = padded[name]
        count = -(-len(content) // sector)
        starts[name] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(ENDOFCHAIN)
        data += content.ljust(count * sector, b"\0")

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0" if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, left, right, child,
                           b"\0" * 16, 0, 0, 0, start, size)

    entries = [entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1 if names else NOSTREAM, ENDOFCHAIN, 0)]
    for i, name in enumerate(names, start=1):
        right = i + 1 if i < len(names) else NOSTREAM
        entries.append(entry(name, 2, NOSTREAM, right, NOSTREAM, starts[name], len(padded[name])))
    while len(entries) % (sector // 128):
        entries.append(entry("", 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0))  # unused slots
    directory = b"".join(entries)
    first_dir = len(fat)
    dir_count = len(directory) // sector
    fat.extend(range(first_dir + 1, first_dir + dir_count))
    fat.append(ENDOFCHAIN)
    data += directory
    fat_count = 1
    while len(fat) + fat_count > fat_count * (sector // 4):
        fat_count += 1
    first_fat = len(fat)
    fat.extend([FATSECT] * fat_count)
    fat.extend([FREESECT] * (fat_count * (sector // 4) - len(fat)))
    data += struct.pack(f"<{len(fat)}I", *fat)
    difat = list(range(first_fat, first_fat + fat_count)) + [FREESECT] * (109 - fat_count)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII109I", CFB_MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6,
                         b"\0" * 6, 0, fat_count, first_dir, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0,
                         *difat)
    return header + bytes(data)


def cfb_header_only() -> bytes:
    """Just the 512-byte header of a compound file, pointing at no directory."""
    return struct.pack("<8s16sHHHHH6sIIIIIIIII109I", CFB_MAGIC, b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6,
                       b"\0" * 6, 0, 0, ENDOFCHAIN, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0,
                       *([FREESECT] * 109))


BIFF8_BOF = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0206)
BIFF_EOF = struct.pack("<HH", 0x000A, 0)

AGILE_INFO = (struct.pack("<HHI", 4, 4, 0x40) + XML_DECL
              + b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
                b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
                b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
                b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>')


def encrypted_ooxml() -> bytes:
    """What Excel writes for a password-protected .xlsx: an OLE2 file with EncryptionInfo and
    EncryptedPackage streams (the package itself is noise here)."""
    package = struct.pack("<Q", 8192) + random.Random(3).randbytes(8192)
    return cfb_bytes({"EncryptionInfo": AGILE_INFO, "EncryptedPackage": package})


# ---------------------------------------------------------------------------------------------
# Other formats that arrive named .xlsx

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def ods_bytes() -> bytes:
    """A minimal OpenDocument spreadsheet: `mimetype` stored first, then content and manifest."""
    content = (XML_DECL + b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
               b'xmlns:office:1.0" office:version="1.2"><office:body><office:spreadsheet/>'
               b"</office:body></office:document-content>")
    manifest = (XML_DECL + b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                b'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
                b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                b"</manifest:manifest>")
    return zip_bytes([stored("mimetype", ODS_MIMETYPE), deflated("content.xml", content),
                      deflated("META-INF/manifest.xml", manifest)])


def docx_bytes() -> bytes:
    """A minimal Word document: OOXML, but not a workbook."""
    document = (XML_DECL + b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                b'2006/main"><w:body/></w:document>')
    return zip_bytes([
        deflated("[Content_Types].xml", content_types({"word/document.xml": CT_DOCX_MAIN})),
        deflated("_rels/.rels", relationships([(RT_DOC, "word/document.xml")])),
        deflated("word/document.xml", document),
    ])


# ---------------------------------------------------------------------------------------------
# Valid workbooks made by the libraries the project uses


def valid_xlsxwriter(path: Path) -> None:
    """A questionnaire-like workbook from xlsxwriter, with the project's safe options."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False})
    answers = book.add_worksheet("Answers")
    answers.write_row(0, 0, ["id", "pillar", "question", "status", "value", "note"])
    for row in range(1, 41):
        answers.write_row(row, 0, [f"Q{row}", "数字化", "是否建立了设备台账？" * 3, "answered",
                                   f"{row % 5} — 集成级", "=HYPERLINK(\"http://x\")"])
    meta = book.add_worksheet("Meta")
    meta.write_row(0, 0, ["questionnaire", "smm", "1.0", "a" * 64])
    meta.hide()
    book.close()


def valid_openpyxl(path: Path) -> None:
    """A template-like workbook from openpyxl: a validation list, protection, a hidden sheet."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    answers = book.active
    answers.title = "Answers"
    answers.append(["id", "pillar", "question", "status", "value"])
    for row in range(1, 41):
        answers.append([f"Q{row}", "Digital", "Is there an asset register? " * 3, "answered", row % 5])
    validation = DataValidation(type="list", formula1='"answered,N/A,don\'t know"', allow_blank=True)
    answers.add_data_validation(validation)
    validation.add("D2:D41")
    answers.protection.sheet = True
    meta = book.create_sheet("Meta")
    meta.append(["questionnaire", "smm", "1.0"])
    meta.sheet_state = "hidden"
    book.save(path)


def _valid_bytes(tmp: Path) -> bytes:
    """The xlsxwriter workbook's bytes (the base of the truncation cases)."""
    valid_xlsxwriter(tmp)
    return tmp.read_bytes()


# ---------------------------------------------------------------------------------------------
# The corpus


@dataclass(frozen=True)
class Case:
    """One file of the corpus: its file name, the guard's expected reason ("" = passes), and what
    it stands for."""

    filename: str
    expect: str
    about: str
    make: Callable[[Path], bytes | None]

    @property
    def name(self) -> str:
        return self.filename.rsplit(".", 1)[0]


def _corrupt_sheet_bytes(_: Path) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i * 7919 % 1000)
                    for i in range(1, 400))
    parts = workbook_parts(sheet=sheet_xml(data=b"<sheetData>" + rows + b"</sheetData>"))
    member = deflated("xl/worksheets/sheet1.xml", parts["xl/worksheets/sheet1.xml"])
    payload = bytearray(member.payload)
    middle = len(payload) // 2
    payload[middle:middle + 4] = bytes(b ^ 0x5A for b in payload[middle:middle + 4])
    bad = Member(member.name, bytes(payload), 8, member.crc, member.size)
    return xlsx_bytes(parts, {member.name: bad})


def _bomb(_: Path) -> bytes:
    return xlsx_bytes(workbook_parts(shared=None), {"xl/worksheets/sheet1.xml": bomb_sheet(1024)})


def _lying_bomb(_: Path) -> bytes:
    member = bomb_sheet(1024, declare=100_000)
    return xlsx_bytes(workbook_parts(shared=None), {member.name: member})


def _lying_bomb_prefix_crc(_: Path) -> bytes:
    member = bomb_sheet(1024, declare=100_000, crc_of_prefix=True)
    return xlsx_bytes(workbook_parts(shared=None), {member.name: member})


def _ratio_bomb(_: Path) -> bytes:
    return xlsx_bytes(workbook_parts(shared=None), {"xl/worksheets/sheet1.xml": bomb_sheet(20)})


def _parts(extra: list[Member]) -> bytes:
    base = workbook_parts()
    return zip_bytes([deflated(name, data) for name, data in base.items()] + extra)


def _many_parts(_: Path) -> bytes:
    return _parts([stored(f"xl/media/p{i}.txt", b"x") for i in range(495)])


def _many_parts_lying_count(_: Path) -> bytes:
    base = workbook_parts()
    members = [deflated(n, d) for n, d in base.items()] + [stored(f"p{i}", b"") for i in range(2000)]
    return zip_bytes(members, declared_count=6)


def with_zip64_end(archive: bytes, claim: int | None = None) -> bytes:
    """`archive` with zip64 end records, as streaming writers emit them: the classic record says
    "see zip64" (0xFFFF), the zip64 record gives the count (`claim`, if it is to lie)."""
    _, directory_size, directory_offset = struct.unpack_from("<HII", archive, len(archive) - 12)
    count = len(member_names(archive)) if claim is None else claim
    zip64_record = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count,
                               directory_size, directory_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, len(archive) - 22, 1)
    classic = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return archive[:-22] + zip64_record + locator + classic


def member_names(archive: bytes) -> list[str]:
    """The member names the central directory holds, read without zipfile."""
    _, directory_size, directory_offset = struct.unpack_from("<HII", archive, len(archive) - 12)
    names, at = [], directory_offset
    while at < directory_offset + directory_size:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", archive, at + 28)
        names.append(archive[at + 46:at + 46 + name_length].decode())
        at += 46 + name_length + extra_length + comment_length
    return names


def _many_parts_zip64(_: Path) -> bytes:
    """200,006 members in 17 MB, the zip64 end record claiming 6: zipfile would spend a second
    and 140 MB building a ZipInfo per entry before anyone counted them."""
    members = [deflated(n, d) for n, d in workbook_parts().items()]
    members += [stored(f"{i:x}", b"") for i in range(200_000)]
    return with_zip64_end(zip_bytes(members), claim=6)


def _duplicate_names(_: Path) -> bytes:
    return _parts([deflated("xl/worksheets/sheet1.xml", sheet_xml(data=b"<sheetData/>"))])


def _overlapping(_: Path) -> bytes:
    """sheet2's central entry points at sheet1's local header: two names, one body."""
    members = [deflated(n, d) for n, d in workbook_parts().items()]
    sheet1 = next(i for i, m in enumerate(members) if m.name == "xl/worksheets/sheet1.xml")
    members.append(Member("xl/worksheets/sheet2.xml", members[sheet1].payload, 8,
                          members[sheet1].crc, members[sheet1].size))
    sheet1_offset = sum(len(local_header(m)) + len(m.payload) for m in members[:sheet1])
    return zip_bytes(members, offsets={len(members) - 1: sheet1_offset})


def _overlapping_quoted(_: Path) -> bytes:
    """A stored member whose body is another member, local header and all (the "quoted" overlap
    of the better zip bombs): every header is consistent, only the spans overlap."""
    members = [deflated(n, d) for n, d in workbook_parts().items()]
    inner = deflated("xl/media/inner.xml", b"<x/>" * 1000)
    outer = stored("xl/media/outer.bin", local_header(inner) + inner.payload)
    body = bytearray()
    offsets = []
    for member in [*members, outer]:
        offsets.append(len(body))
        body += local_header(member) + member.payload
    offsets.append(offsets[-1] + len(local_header(outer)))  # inner's header lies inside outer
    directory = b"".join(central_entry(m, o) for m, o in zip([*members, outer, inner], offsets,
                                                             strict=True))
    return bytes(body) + directory + end_record(len(offsets), directory, len(body))


def _encrypted_member(_: Path) -> bytes:
    parts = workbook_parts()
    member = deflated("xl/worksheets/sheet1.xml", parts["xl/worksheets/sheet1.xml"])
    secret = Member(member.name, member.payload, 8, member.crc, member.size, flags=0x1)
    return xlsx_bytes(parts, {member.name: secret})


def _bzip2_member(_: Path) -> bytes:
    import bz2

    parts = workbook_parts()
    data = parts["xl/worksheets/sheet1.xml"]
    odd = Member("xl/worksheets/sheet1.xml", bz2.compress(data), 12, zlib.crc32(data), len(data))
    return xlsx_bytes(parts, {odd.name: odd})


def _many_small_bombs(count: int) -> Callable[[Path], bytes]:
    def make(_: Path) -> bytes:
        return _parts(filler_members(count))
    return make


def _at_limits(_: Path) -> bytes:
    sheets = at_limits_sheets()
    parts = workbook_parts(shared=None)
    overrides = {name: CT_WORKSHEET for name in sheets}
    parts["[Content_Types].xml"] = content_types({"xl/workbook.xml": CT_SHEET_MAIN, **overrides})
    members = [deflated(n, d) for n, d in parts.items() if n != "xl/worksheets/sheet1.xml"]
    return zip_bytes(members + list(sheets.values()))


def _xlsm(_: Path) -> bytes:
    vba = cfb_bytes({"dir": b"\x01\x00", "PROJECT": b'ID="{00000000}"\r\nModule=Module1\r\n'})
    return xlsx_bytes(workbook_parts(main_type=CT_MACRO_MAIN, extra={"xl/vbaProject.bin": vba},
                                     extra_types={"xl/vbaProject.bin": CT_VBA}))


def _vba_hidden(_: Path) -> bytes:
    """vbaProject.bin present, but the content types claim a plain workbook."""
    vba = cfb_bytes({"PROJECT": b"Module=Module1\r\n"})
    return xlsx_bytes(workbook_parts(extra={"xl/vbaProject.bin": vba}))


def _macrosheet(_: Path) -> bytes:
    macro = (XML_DECL + b'<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
             b"<sheetData/></xm:macrosheet>")
    return xlsx_bytes(workbook_parts(extra={"xl/macrosheets/sheet1.xml": macro},
                                     extra_types={"xl/macrosheets/sheet1.xml": CT_MACROSHEET}))


def _external_link(_: Path) -> bytes:
    link = (XML_DECL + f'<externalLink xmlns="{MAIN_NS}"><externalBook xmlns:r="{REL_NS}" '
            'r:id="rId1"/></externalLink>'.encode())
    rels = (XML_DECL + f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}'
            '/externalLinkPath" Target="file:///C:/secret/book.xlsx" TargetMode="External"/>'
            "</Relationships>".encode())
    return xlsx_bytes(workbook_parts(
        extra={"xl/externalLinks/externalLink1.xml": link,
               "xl/externalLinks/_rels/externalLink1.xml.rels": rels},
        extra_types={"xl/externalLinks/externalLink1.xml": CT_EXTERNAL}))


def _not_a_workbook(_: Path) -> bytes:
    return zip_bytes([deflated("readme.txt", b"quarterly figures\n"),
                      deflated("data/answers.csv", b"id,value\nQ1,3\n")])


def _no_worksheet(_: Path) -> bytes:
    parts = workbook_parts()
    parts["[Content_Types].xml"] = content_types({"xl/workbook.xml": CT_SHEET_MAIN})
    del parts["xl/worksheets/sheet1.xml"]
    return xlsx_bytes(parts)


def _dtd_in(part: str, content: bytes) -> Callable[[Path], bytes]:
    def make(_: Path) -> bytes:
        return xlsx_bytes(workbook_parts(), {part: deflated(part, content)})
    return make


def _utf16_laughs(_: Path) -> bytes:
    text = sheet_with_entity(LAUGHS_DTD, b"&lol9;").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return xlsx_bytes(workbook_parts(sheet=text.encode("utf-16")))


EMPTY_STORED_BLOCK = b"\x00\x00\x00\xff\xff"  # a non-final stored block of 0 bytes


def late_deflated(name: str, data: bytes, empty_blocks: int = 20_000) -> Member:
    """`data` deflated behind `empty_blocks` empty blocks (100 kB of them by default), so the first
    chunks an inflater returns are empty: a guard that judges a part by its first chunk is blind."""
    honest = deflated(name, data)
    return Member(name, EMPTY_STORED_BLOCK * empty_blocks + honest.payload, 8, honest.crc, honest.size)


def _utf16_laughs_late(_: Path) -> bytes:
    sheet = sheet_with_entity(LAUGHS_DTD, b"&lol9;").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    member = late_deflated("xl/worksheets/sheet1.xml", sheet.encode("utf-16"))
    return xlsx_bytes(workbook_parts(), {member.name: member})


def _laughs_in_binary_named_part(_: Path) -> bytes:
    laughs = sheet_with_entity(LAUGHS_DTD, b"&lol9;")
    name = "xl/worksheets/sheet9.bin"
    return xlsx_bytes(workbook_parts(extra={name: laughs}), {name: late_deflated(name, laughs)})


def _lowercase_doctype(_: Path) -> bytes:
    sheet = sheet_with_entity(XXE_DTD.replace(b"<!DOCTYPE", b"<!doctype"), b"&xxe;")
    return xlsx_bytes(workbook_parts(sheet=sheet))


def _malformed_sheet(_: Path) -> bytes:
    return xlsx_bytes(workbook_parts(sheet=sheet_xml(data=b'<sheetData><row r="1"><c r="A1"><v>1</c>'
                                                     b"</row></sheetData>")))


def _csv(_: Path) -> bytes:
    return "id,status,value\nQ1.1,answered,3 — 集成级\nQ1.2,N/A,\n".encode("utf-8-sig")


def _html(_: Path) -> bytes:
    return (b"<!DOCTYPE html>\n<html><head><meta charset='utf-8'></head><body><table>"
            b"<tr><td>id</td><td>value</td></tr><tr><td>Q1</td><td>3</td></tr></table></body></html>")


def _truncated(fraction: float | None) -> Callable[[Path], bytes]:
    def make(path: Path) -> bytes:
        data = _valid_bytes(path)
        return data[: int(len(data) * fraction)] if fraction is not None else data[:-10]
    return make


CASES: tuple[Case, ...] = (
    # valid: must pass
    Case("valid_xlsxwriter.xlsx", "", "a questionnaire-like workbook written by xlsxwriter",
         valid_xlsxwriter),
    Case("valid_openpyxl.xlsx", "", "a template-like workbook written by openpyxl (validation, "
         "protection, hidden sheet)", valid_openpyxl),
    Case("valid_minimal.xlsx", "", "the smallest workbook the readers accept, written by hand",
         lambda _: xlsx_bytes(workbook_parts())),
    Case("no_dimension.xlsx", "", "a sheet without <dimension> (passes with a note; refused when "
         "Limits.require_dimension)", lambda _: xlsx_bytes(workbook_parts(sheet=sheet_xml(dimension=False)))),
    Case("malformed_sheet_xml.xlsx", "", "a sound zip whose sheet XML has a mismatched tag (passes: "
         "well-formedness is the reader's to report)", _malformed_sheet),
    Case("external_link.xlsx", "", "a link to another workbook (passes with a note; refused when "
         "not Limits.allow_external_links)", _external_link),
    Case("at_limits.xlsx", "", "four 50 MiB sheets at about 90:1, just inside every default limit: "
         "the guard's slowest honest case", _at_limits),
    # not a workbook at all
    Case("empty.xlsx", "empty", "a file of 0 bytes", lambda _: b""),
    Case("csv_renamed.xlsx", "not_xlsx", "a CSV file named .xlsx", _csv),
    Case("html_renamed.xlsx", "not_xlsx", "an HTML table named .xlsx", _html),
    Case("legacy.xls", "legacy_xls", "an Excel 97-2003 file: OLE2 with a Workbook stream",
         lambda _: cfb_bytes({"Workbook": BIFF8_BOF + BIFF_EOF})),
    Case("legacy_renamed.xlsx", "legacy_xls", "the same, renamed .xlsx",
         lambda _: cfb_bytes({"Workbook": BIFF8_BOF + BIFF_EOF})),
    Case("cfb_header_only.xls", "legacy_xls", "an OLE2 header and nothing else", lambda _: cfb_header_only()),
    Case("word97_renamed.xlsx", "other_format", "a Word 97-2003 document (OLE2, WordDocument stream)",
         lambda _: cfb_bytes({"WordDocument": b"\xec\xa5", "1Table": b""})),
    Case("encrypted.xlsx", "encrypted", "a password-protected workbook: OLE2 with EncryptionInfo and "
         "EncryptedPackage", lambda _: encrypted_ooxml()),
    Case("spreadsheet.ods", "ods", "an OpenDocument spreadsheet", lambda _: ods_bytes()),
    Case("ods_renamed.xlsx", "ods", "the same, renamed .xlsx", lambda _: ods_bytes()),
    Case("docx_renamed.xlsx", "other_format", "a Word document named .xlsx", lambda _: docx_bytes()),
    Case("not_a_workbook.xlsx", "not_workbook", "a zip of a text file and a CSV", _not_a_workbook),
    Case("no_worksheet.xlsx", "not_workbook", "a workbook part but no worksheet", _no_worksheet),
    # damaged
    Case("truncated_half.xlsx", "corrupt", "a valid workbook cut in half", _truncated(0.5)),
    Case("truncated_tail.xlsx", "corrupt", "a valid workbook missing its last 10 bytes", _truncated(None)),
    Case("corrupt_sheet_bytes.xlsx", "corrupt", "4 bytes flipped inside the compressed sheet",
         _corrupt_sheet_bytes),
    Case("duplicate_names.xlsx", "corrupt", "two members named xl/worksheets/sheet1.xml", _duplicate_names),
    Case("overlapping.xlsx", "corrupt", "two central entries sharing one local header", _overlapping),
    Case("overlapping_quoted.xlsx", "corrupt", "a member whose stored body holds another member",
         _overlapping_quoted),
    Case("bzip2_member.xlsx", "corrupt", "a member compressed with bzip2 (method 12)", _bzip2_member),
    # active content and policy
    Case("macro.xlsm", "macros", "a macro-enabled workbook with xl/vbaProject.bin", _xlsm),
    Case("macro_renamed.xlsx", "macros", "vbaProject.bin inside a workbook that claims to be plain .xlsx",
         _vba_hidden),
    Case("macrosheet.xlsx", "macros", "an Excel 4.0 (XLM) macro sheet", _macrosheet),
    Case("encrypted_member.xlsx", "encrypted", "a zip member with the traditional-encryption flag",
         _encrypted_member),
    # entity attacks
    Case("laughs_sheet.xlsx", "dtd", "billion laughs (lol9) in the worksheet",
         _dtd_in("xl/worksheets/sheet1.xml", sheet_with_entity(LAUGHS_DTD, b"&lol9;"))),
    Case("laughs_shared_strings.xlsx", "dtd", "billion laughs in sharedStrings.xml",
         _dtd_in("xl/sharedStrings.xml", shared_with_entity(LAUGHS_DTD, b"&lol9;"))),
    Case("xxe_sheet.xlsx", "dtd", "an external entity (file:///etc/hostname) in the worksheet",
         _dtd_in("xl/worksheets/sheet1.xml", sheet_with_entity(XXE_DTD, b"&xxe;"))),
    Case("xxe_shared_strings.xlsx", "dtd", "an external entity in sharedStrings.xml",
         _dtd_in("xl/sharedStrings.xml", shared_with_entity(XXE_DTD, b"&xxe;"))),
    Case("dtd_content_types.xlsx", "dtd", "a DOCTYPE in [Content_Types].xml",
         _dtd_in("[Content_Types].xml", XML_DECL + XXE_DTD + content_types(
             {"xl/workbook.xml": CT_SHEET_MAIN, "xl/worksheets/sheet1.xml": CT_WORKSHEET,
              "xl/sharedStrings.xml": CT_SHARED})[len(XML_DECL):])),
    Case("dtd_lowercase.xlsx", "dtd", "<!doctype …> in lower case (expat refuses it, other parsers may "
         "not)", _lowercase_doctype),
    Case("laughs_utf16.xlsx", "xml_encoding", "billion laughs in a UTF-16 sheet, past a byte scan for "
         "'<!DOCTYPE'", _utf16_laughs),
    Case("laughs_utf16_late.xlsx", "xml_encoding", "the UTF-16 sheet behind 100 kB of empty deflate "
         "blocks, so its first inflated chunk is empty", _utf16_laughs_late),
    Case("laughs_binary_name_late.xlsx", "dtd", "billion laughs in a part named .bin with no XML "
         "content type, behind empty deflate blocks", _laughs_in_binary_named_part),
    # bombs and limits
    Case("zip_bomb.xlsx", "part_too_large", "1 GiB of sheet XML in a few MB, honest headers", _bomb),
    Case("zip_bomb_lying.xlsx", "size_mismatch", "the same bomb declaring 100 kB (CRC of the whole)",
         _lying_bomb),
    Case("zip_bomb_lying_crc.xlsx", "size_mismatch", "the same bomb declaring 100 kB with the CRC of "
         "those 100 kB, so stopping at the declared size finds no fault", _lying_bomb_prefix_crc),
    Case("ratio_bomb.xlsx", "compression_ratio", "a 20 MiB sheet at about 300:1 (under the part cap)",
         _ratio_bomb),
    Case("small_bombs_total.xlsx", "uncompressed_too_large", "250 parts of 1 MiB at 300:1 each (each "
         "exempt from the ratio rule): 250 MiB in all", _many_small_bombs(250)),
    Case("small_bombs_ratio.xlsx", "compression_ratio", "150 parts of 1 MiB at 300:1: within the total, "
         "but the archive as a whole is a bomb", _many_small_bombs(150)),
    Case("many_parts.xlsx", "too_many_parts", "501 members", _many_parts),
    Case("many_parts_lying_count.xlsx", "too_many_parts", "2,006 members, the end record claiming 6",
         _many_parts_lying_count),
    Case("many_parts_zip64.xlsx", "too_many_parts", "200,006 members in 17 MB, a zip64 end record "
         "claiming 6", _many_parts_zip64),
)


def build_case(case: Case, directory: Path) -> Path:
    """Write one case into `directory` and return its path."""
    path = directory / case.filename
    data = case.make(path)
    if data is not None:
        path.write_bytes(data)
    return path


def build_corpus(directory: str | Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write every case (or those named, by file name or stem) into `directory`; name → path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    wanted = set(names or ())
    return {case.name: build_case(case, directory) for case in CASES
            if not wanted or case.name in wanted or case.filename in wanted}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python -m tests.excel.hostile OUTDIR", file=sys.stderr)
        return 2
    paths = build_corpus(argv[0])
    for case in CASES:
        size = paths[case.name].stat().st_size
        print(f"{case.filename:32} {size:>10,}  {case.expect or 'passes':24} {case.about}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
