"""Signed gap reports: who vouches for a report, checked by `assess verify`.

`assess report --sign KEY` signs, with the signer's Ed25519 key (`assess.content.keys`), a canonical
serialisation of what the report shows: the embedded data's digest, and every cell the layout
(`assess.excel.report_layout`) puts on the visible sheets, as sheet, cell, value and number format,
together with the signer's name. Verify lays the sheets out again from the embedded data, so it
re-derives the same bytes without trusting any visible cell; and it already compares every visible
cell with the layout, so a signature over the layout covers what a reader sees.

The signature goes on a second hidden sheet, outside the embedded data and its digest, so a report
without one (made before signing existed, or unsigned) reads as it always did:
    row 1  MARKER         FORMAT_VERSION
    row 2  "algorithm"    "Ed25519"
    row 3  "signer"       the signer's name
    row 4  "fingerprint"  the public key's fingerprint (`assess.content.keys.fingerprint`)
    row 5  "public_key"   the raw 32-byte public key, hex
    row 6  "signature"    the 64-byte signature, hex
Hex rather than base64: no '+', '/' or '=' for a spreadsheet to take for the start of a formula.
"""

from __future__ import annotations

from typing import Any

from assess.canonical import canonical_bytes
from assess.content.keys import PublicKey, Signer, fingerprint, verify
from assess.excel.a1 import a1
from assess.excel.report_layout import Report, Sheet
from assess.problems import Msg, Problem, msg

MARKER = "assess-report-signature"
KIND = "assess/report-signature"
FORMAT_VERSION = 1
ALGORITHM = "Ed25519"
FIELDS = ("algorithm", "signer", "fingerprint", "public_key", "signature")
"""Column A of rows 2 onwards, in order."""


def signed_bytes(report: Report, sheets: list[Sheet], signer: str) -> bytes:
    """What is signed: canonical JSON of the signer's name, the embedded data's digest, and each
    visible sheet's cells as [cell, value, number format] in the order the layout puts them."""
    from assess.excel.report_render import STYLES  # the writer's formats; xlsxwriter itself stays unloaded

    return canonical_bytes({
        "kind": KIND,
        "format_version": FORMAT_VERSION,
        "signer": signer,
        "data_digest": report.embedded.digest,
        "sheets": [{"name": s.name,
                    "cells": [[a1(c.row, c.col), c.value, STYLES[c.style].get("num_format", "General")]
                              for c in s.cells]}
                   for s in sheets],
    })


def rows(signer: Signer, report: Report, sheets: list[Sheet]) -> list[list[str | int]]:
    """The signature sheet's rows, from row 1."""
    public = signer.public
    signature = signer.sign(signed_bytes(report, sheets, signer.name))
    values = (ALGORITHM, signer.name, public.fingerprint, public.raw.hex(), signature.hex())
    return [[MARKER, FORMAT_VERSION], *([k, v] for k, v in zip(FIELDS, values, strict=True))]


def signature_sheet(names: list[str]) -> str | None:
    """The signature sheet among a workbook's sheet names, if any."""
    from assess.text.report_labels import SHEETS

    return next((n for n in names if n in SHEETS["signature"]), None)


class _Damaged(Exception):
    def __init__(self, row: int, message: Msg) -> None:
        self.row, self.message = row, message


def _cell(grid: list[list[Any]], r: int, c: int) -> Any:
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else ""


def _parse(grid: list[list[Any]]) -> dict[str, Any]:
    """The signature block's fields, the keys and signature as bytes; _Damaged names the row."""
    version = _cell(grid, 0, 1)
    if _cell(grid, 0, 0) != MARKER:
        raise _Damaged(0, msg("sign.block.marker"))
    if not isinstance(version, int | float) or isinstance(version, bool) or version != FORMAT_VERSION:
        raise _Damaged(0, msg("sign.block.format", format=repr(version), supported=FORMAT_VERSION))
    out: dict[str, Any] = {}
    for i, key in enumerate(FIELDS, 1):
        value = _cell(grid, i, 1)
        if _cell(grid, i, 0) != key or not isinstance(value, str) or not value:
            raise _Damaged(i, msg("sign.block.field", field=key))
        out[key] = value
    for r in range(len(FIELDS) + 1, len(grid)):
        if any(v not in ("", None) for v in grid[r]):
            raise _Damaged(r, msg("sign.block.after_last"))
    if out["algorithm"] != ALGORITHM:
        raise _Damaged(1, msg("sign.block.algorithm", algorithm=out["algorithm"]))
    for r, key, size in ((4, "public_key", 32), (5, "signature", 64)):
        try:
            out[key] = bytes.fromhex(out[key])
        except ValueError:
            out[key] = b""
        if len(out[key]) != size:
            raise _Damaged(r, msg("sign.block.field", field=key))
    return out


def check(book: Any, names: list[str], report: Report, result: Any, trust: list[PublicKey] | None) -> None:
    """Check a report's signature, if it has one, and put what was found in `result.summary`
    ("signature": status unsigned, signed or bad, with signer, fingerprint and whether a trusted key
    made it). A bad or damaged signature is a problem; so, when keys are trusted, is a report not
    signed by one of them. `book` is the `assess.excel.sheet_cells.Book` verify has read."""
    from python_calamine import CalamineError

    from assess.excel.report_layout import layout
    from assess.excel.sheet_cells import TooLarge, read_error

    label = result.path
    sheet = signature_sheet(names)
    if sheet is None:
        result.summary["signature"] = {"status": "unsigned"}
        if trust:
            result.problems.append(Problem(msg("sign.unsigned_untrusted"), file=label,
                                           fix=msg("sign.untrusted.fix")))
        return
    found: dict[str, Any] = {"status": "bad"}
    result.summary["signature"] = found
    try:
        block = _parse(book.rows(sheet))
    except _Damaged as e:
        result.problems.append(Problem(e.message, f"{sheet}!{a1(e.row, 0)}", label, fix=msg("sign.bad.fix")))
        return
    except TooLarge as e:
        result.problems.append(Problem(msg("report.range_too_large", sheet=e.sheet, row=f"{e.top:,}", column=e.width),
                                       f"{sheet}!A1", label, fix=msg("sign.bad.fix")))
        return
    except CalamineError as e:
        result.problems.append(Problem(msg("sign.block.unreadable", error=read_error(e)), sheet, label,
                                       fix=msg("sign.bad.fix")))
        return
    raw = block["public_key"]
    found.update(signer=block["signer"], fingerprint=fingerprint(raw))
    if block["fingerprint"] != found["fingerprint"]:
        result.problems.append(Problem(msg("sign.block.fingerprint", stored=block["fingerprint"],
                                           actual=found["fingerprint"]), f"{sheet}!{a1(3, 1)}", label,
                                       fix=msg("sign.bad.fix")))
        return
    if not verify(raw, block["signature"], signed_bytes(report, layout(report), block["signer"])):
        from assess import __version__

        made = report.embedded.meta.tool_version
        if made != __version__:  # signed as that version lays a report out: this one cannot tell
            result.problems.append(Problem(msg("sign.other_version", name=block["signer"],
                                               fingerprint=found["fingerprint"], made=made, checked=__version__),
                                           f"{sheet}!{a1(5, 1)}", label, fix=msg("sign.other_version.fix", made=made)))
            return
        result.problems.append(Problem(msg("sign.bad", name=block["signer"], fingerprint=found["fingerprint"]),
                                       f"{sheet}!{a1(5, 1)}", label, fix=msg("sign.bad.fix")))
        return
    found["status"] = "signed"
    if trust is not None:
        by = next((k for k in trust if k.raw == raw), None)
        found["trusted"] = by is not None
        if by is None:
            result.problems.append(Problem(msg("sign.untrusted", name=block["signer"],
                                               fingerprint=found["fingerprint"]), file=label,
                                           fix=msg("sign.untrusted.fix")))
        else:
            found["trusted_key"] = by.path


def status(summary: dict[str, Any]) -> Msg | None:
    """The line `assess verify` prints about the signature (None when it was not checked)."""
    found = summary.get("signature")
    if found is None:
        return None
    if found["status"] == "unsigned":
        return msg("sign.status.unsigned")
    if found["status"] == "bad":
        return msg("sign.status.bad")
    name, fp = found["signer"], found["fingerprint"]
    # The signature holds for the report as laid out from its data: when the cells shown, or the
    # source given, differ, say that it vouches for other content than the file's, not "signed by".
    trusted = msg("sign.status.trusted_key", file=found["trusted_key"]) if found.get("trusted") else ""
    if summary.get("shown_differs"):
        return msg("sign.status.changed", name=name, fingerprint=fp, trusted=trusted)
    if summary.get("source_differs"):
        return msg("sign.status.other_source", name=name, fingerprint=fp, trusted=trusted)
    if found.get("trusted"):
        return msg("sign.status.trusted", name=name, fingerprint=fp, file=found["trusted_key"])
    return msg("sign.status.signed", name=name, fingerprint=fp)
