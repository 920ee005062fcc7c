"""Hostile workbooks for the fuzz run: filled answer sheets and gap reports, broken cell by cell,
part by part and at the zip level. See `tests.fuzz.generate`."""

from __future__ import annotations

import io
import random
import re
import tempfile
import warnings
import zipfile
from functools import cache
from pathlib import Path

from tests.fuzz.generate import CARDS, ODD_TEXT, SAMPLE, Case, questionnaire


@cache
def base_sheet(seed: int, lang: str, variant: str, which: str) -> bytes:
    from tests.data.make_filled import write_filled

    q, h = questionnaire(SAMPLE if which == "sample" else CARDS)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_filled(q, h, Path(tmp), 1, seed=seed, lang=lang, variant=variant)[0]
        return _steady(path.read_bytes(), now=True)


def odd_cell(rng: random.Random, limit: int) -> object:
    return rng.choice([
        "=1/0", "=A1", "=REPT(\"x\",32767)", "=HYPERLINK(\"http://x\",\"x\")", "=SUM(A:A)", "=INDIRECT(\"Meta!A1\")",
        "x" * rng.choice([255, 32_767, min(limit, 200_000)]), "长" * 40_000, "😀" * 1000, -1, 10 ** 15, 1e308,
        -1e308, 2.5, 7, 1e-300, True, False, "N/A", "#N/A", "#DIV/0!", "", " ", "3 — 集成级", "yes — 是",
        "99 — x", "\u202e", "١٢", "２", "1,000", "50%", "5e3", "0x1F"] + [t for t in ODD_TEXT if t.isprintable()])


def odd_link(rng: random.Random, limit: int) -> str:
    return rng.choice([
        "证据/质检 报告.pdf", "../../etc/passwd", "..\\..\\x.pdf", "file:///C:/证据/a.pdf", "https://x.cn/a%20b?c=1&d=2",
        "#Answers!A1", "#'Meta'!B2", "%E8%AF%81%E6%8D%AE/%ZZ.pdf", "mailto:a@b.cn", "javascript:alert(1)", "=1+1",
        "\\\\server\\share\\a.pdf", "a" * rng.choice([300, min(limit, 100_000)]), "\u202egnp.exe", "x\ny", ""])


def _cells(data: bytes, rng: random.Random, limit: int) -> tuple[bytes, str]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an earlier step may have broken a part openpyxl reads
        wb = load_workbook(io.BytesIO(data))
    done = []
    for _ in range(rng.randint(1, 12)):
        ws = wb[rng.choice(wb.sheetnames)]
        row = rng.randint(1, max(2, ws.max_row + rng.choice([0, 0, 3])))
        col = rng.randint(1, max(2, ws.max_column))
        value = odd_cell(rng, limit)
        try:
            ws.cell(row, col).value = value
            if rng.random() < 0.3:  # a link (Ctrl+K) on it, or on the row's evidence cell (G on Answers)
                ws.cell(row, rng.choice([col, 7])).hyperlink = odd_link(rng, limit)
            if rng.random() < 0.2:  # a comment (批注), which joins a question's note
                from openpyxl.comments import Comment

                text = odd_cell(rng, limit)
                ws.cell(row, col).comment = Comment(text if isinstance(text, str) and text else "批注", "作者")
            if rng.random() < 0.15:  # the row hidden by hand, or by a filter left on
                ws.row_dimensions[row].hidden = True
                if rng.random() < 0.3:
                    ws.auto_filter.ref = ws.auto_filter.ref or f"A1:H{max(2, ws.max_row)}"
                    ws.auto_filter.add_filter_column(rng.randint(0, 7), [str(value)[:20]])
        except Exception:  # openpyxl refuses some characters; the XML edits below bring them in
            continue
        done.append(f"{ws.title}!R{row}C{col}")
    out = io.BytesIO()
    wb.save(out)
    return _steady(out.getvalue()), "cells " + ",".join(done[:6])


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _rezip(members: list[tuple[str, bytes]]) -> bytes:
    """An archive of `members`, with fixed times inside and out: a seed gives the same bytes any day."""
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")  # duplicated names are the point
        for name, body in members:
            if name == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", body)
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


_NOW = re.compile(rb"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _steady(data: bytes, now: bool = False) -> bytes:
    """A workbook a writer just saved, with its save times fixed (with `now`, every time in its parts:
    the answer sheet records when it was made)."""
    return _rezip([(i.filename, _NOW.sub(b"2026-01-01T00:00:00Z", b) if now else b) for i, b in _members(data)])


def _xml(data: bytes, rng: random.Random, limit: int) -> tuple[bytes, str]:
    """Edit the XML of one part: control characters, odd numbers, broken or deep markup."""
    members = [(i.filename, b) for i, b in _members(data)]
    idx = rng.choice([i for i, (n, _b) in enumerate(members) if n.endswith(".xml")])
    name, body = members[idx]
    roll = rng.randrange(6)
    if roll == 0:
        body = re.sub(rb"<t([^>]*)>[^<]*</t>", lambda m: b"<t" + m.group(1) + b">" + rng.choice(
            [b"\x01\x02", b"&#0;", b"&#xD800;", b"\xff\xfe", b"&bogus;", b"x" * (limit // 4), b"]]>"]) + b"</t>",
            body, count=rng.randint(1, 20))
        how = "odd text"
    elif roll == 1:
        body = re.sub(rb"<v>[^<]*</v>", lambda m: b"<v>" + rng.choice(
            [b"NaN", b"1e999", b"-0", b"abc", b"9" * 400, b"", b"-1", b"99999999"]) + b"</v>", body,
            count=rng.randint(1, 20))
        how = "odd numbers and shared-string indexes"
    elif roll == 2:
        body = body[:rng.randrange(max(1, len(body)))]
        how = "cut short"
    elif roll == 3:
        body = body.replace(b"<sheetData>", b"<sheetData>" + b"<row>" * 50_000, 1)
        how = "deep markup"
    elif roll == 4:
        body = body.replace(b'r="', b'r="ZZZZZ', rng.randint(1, 5))
        how = "odd cell references"
    else:
        body = re.sub(rb'<row r="\d+"', lambda m: b'<row r="' + str(rng.choice([0, -1, 1048577, 2 ** 40])).encode()
                      + b'"', body, count=rng.randint(1, 3))
        how = "odd row numbers"
    members[idx] = (name, body)
    return _rezip(members), f"{how} in {name}"


def _zip_level(data: bytes, rng: random.Random, _limit: int) -> tuple[bytes, str]:
    members = [(i.filename, b) for i, b in _members(data)]
    roll = rng.randrange(7)
    if roll == 0:
        victim = rng.choice(members)[0]
        return _rezip([m for m in members if m[0] != victim]), f"without {victim}"
    if roll == 1:
        twin = rng.choice(members)
        return _rezip(members + [(twin[0], b"<x/>")]), f"{twin[0]} twice"
    if roll == 2:
        return data[:rng.randrange(len(data))], "cut short"
    if roll == 3:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 30)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw), "flipped bytes"
    if roll == 4:
        return rng.choice([b"junk", b"\x00" * 512]) + data, "junk before the archive"
    if roll == 5:
        return _rezip(members + [("../../evil.xml", b"<x/>"), ("xl/worksheets/\u202esheet9.xml", b"")]), \
            "odd member names"
    a, b = rng.sample(range(len(members)), 2)
    members[a], members[b] = (members[a][0], members[b][1]), (members[b][0], members[a][1])
    return _rezip(members), f"{members[a][0]} and {members[b][0]} swapped"


def sheet_case(index: int, rng: random.Random, limit: int) -> Case:
    which = rng.choice(["sample", "sample", "cards"])
    data = base_sheet(rng.randrange(4), rng.choice(["zh", "en"]), rng.choice(["plain", "messy"]), which)
    done = []
    for step in rng.sample([_cells, _cells, _xml, _zip_level], rng.choice([1, 1, 2])):
        try:
            data, how = step(data, rng, limit)
        except Exception as e:  # an earlier step broke the archive past what openpyxl or zipfile read
            how = f"({step.__name__} not applied: {type(e).__name__})"
        done.append(how)
    return Case(f"sheet-{index:05d}", "sheet", data, "; ".join(done), SAMPLE if which == "sample" else CARDS)




@cache
def base_report(seed: int, lang: str, redact: bool) -> bytes:
    """A gap report on seeded answers to the sample questionnaire, as `assess report` writes it."""
    from assess.excel.report_layout import prepare
    from assess.excel.report_render import write_files
    from tests.data.make_filled import random_answers

    q, h = questionnaire(SAMPLE)
    report = prepare(q, h, random_answers(q, h, seed), locale=lang, redact=redact, input_sha256="0" * 64,
                     generated_at="2026-01-01T00:00:00Z")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.xlsx"
        write_files(path, report, twins=False)
        return _steady(path.read_bytes())


def report_case(index: int, rng: random.Random, limit: int) -> Case:
    data = base_report(rng.randrange(3), rng.choice(["zh", "en"]), rng.random() < 0.3)
    done = []
    for step in rng.sample([_cells, _xml, _xml, _zip_level], rng.choice([1, 1, 2])):
        try:
            data, how = step(data, rng, limit)
        except Exception as e:  # an earlier step broke the archive past what openpyxl or zipfile read
            how = f"({step.__name__} not applied: {type(e).__name__})"
        done.append(how)
    return Case(f"report-{index:05d}", "report", data, "; ".join(done), SAMPLE)
