"""Every file in a batch's folder is taken or refused by name: .xlsx, .xls, .ods (and WPS .et saved as
.xls) are scored; a .zip is opened under the zip guard and each member judged by its own name; a
PDF, a photo or notes are listed as not an answer file; the count equals the files sent."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from assess.answers import Answer, AnswerSet, Company
from assess.batch.inputs import collect_inputs
from assess.cli import main
from assess.content.bundled import load_questionnaire, ref_of
from assess.excel.guard import SHEET_KINDS, check_workbook
from assess.text.messages import say
from tests.conftest import DATA, SAMPLE

SHEETS = DATA / "sheets"
EXPECTED = json.loads((SHEETS / "plain-zh-0001.lo.expected.json").read_text("utf-8"))


def _sheet(kind: str) -> Path:
    return SHEETS / f"plain-zh-0001.lo.{kind}"


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_each_kind_reads_back_exactly(kind):
    from assess.excel.sheet_reader import read_answer_sheet

    _, _, got, problems = read_answer_sheet(_sheet(kind), str(SAMPLE))
    assert got.model_dump(mode="json") == EXPECTED
    assert [p.code for p in problems if p.severity != "notice"] == []
    assert "sheet.merges_unchecked" not in [p.code for p in problems]  # their merged cells are read


def test_guard_keeps_refusing_other_kinds_unless_asked():
    assert check_workbook(_sheet("xls")).reason == "legacy_xls"
    assert check_workbook(_sheet("ods")).reason == "ods"
    assert check_workbook(_sheet("xls"), kinds=SHEET_KINDS).kind == "xls"
    assert check_workbook(_sheet("ods"), kinds=SHEET_KINDS).kind == "ods"


def test_an_xls_whose_header_points_outside_the_file_is_refused():
    data = bytearray(_sheet("xls").read_bytes())
    data[0x2C:0x30] = (10_000).to_bytes(4, "little")  # more FAT sectors than the file has sectors
    assert check_workbook(bytes(data), kinds=SHEET_KINDS).reason == "ole2_bounds"
    data = bytearray(_sheet("xls").read_bytes())
    data[0x1E:0x20] = (20).to_bytes(2, "little")  # a sector of 1 MB
    assert check_workbook(bytes(data), kinds=SHEET_KINDS).reason == "ole2_bounds"


def _xlsb_shell(with_macros: bool = False) -> bytes:
    """The package of an .xlsb (binary parts not parsed by the guard)."""
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="bin" ContentType="application/vnd.ms-excel.worksheet"/>'
             '<Override PartName="/xl/workbook.bin" '
             'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
        z.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
        if with_macros:
            z.writestr("xl/vbaProject.bin", b"\xd0\xcf")
    return out.getvalue()


def test_xlsb_passes_the_zip_guard_and_macros_are_refused():
    assert check_workbook(_xlsb_shell()).reason == "other_format"  # not asked for: refused as today
    assert check_workbook(_xlsb_shell(), kinds=SHEET_KINDS).kind == "xlsb"
    assert check_workbook(_xlsb_shell(True), kinds=SHEET_KINDS).reason == "macros"


def test_an_xlsb_written_by_a_library_reads_back_exactly():
    """No Excel here, and LibreOffice has no .xlsb export filter ("no export filter"): this .xlsb was
    written by pyxlsbwriter 0.1.0 (`XlsbWriter.add_sheet` / `write_sheet`, one sheet per sheet of
    plain-zh-0001.lo.xlsx, its cell values as python-calamine reads them, empty cells as None). A
    real binary workbook, then, but not one from Excel: no styles of Excel's, no formulas."""
    from assess.excel.sheet_reader import read_answer_sheet

    sheet = SHEETS / "plain-zh-0001.pyxlsbwriter.xlsb"
    assert check_workbook(sheet, kinds=SHEET_KINDS).kind == "xlsb"
    _, _, got, problems = read_answer_sheet(sheet, str(SAMPLE))
    assert got.model_dump(mode="json") == EXPECTED
    assert [p.code for p in problems if p.severity != "notice"] == []
    # python-calamine gives no merged cells for an .xlsb: said once, never passed over in silence
    assert [p.code for p in problems].count("sheet.merges_unchecked") == 1


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("kinds")
    src = root / "in"
    src.mkdir()
    for kind in ("xlsx", "xls", "ods"):
        shutil.copy(_sheet(kind), src / f"plant-{kind}.{kind}")
    shutil.copy(_sheet("xls"), src / "wps.et")                         # WPS saving in .xls format
    (src / "wps-own.et").write_bytes(b"\x57\x50\x53\x00" + bytes(600))  # WPS's own format: not vettable
    (src / "scan.pdf").write_bytes(b"%PDF-1.4\n%...")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (src / "notes.txt").write_text("call back Tuesday", "utf-8")
    with zipfile.ZipFile(src / "plants.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.write(_sheet("xlsx"), "plant3.xlsx")
        z.write(_sheet("ods"), "sub/plant4.ods")
        z.writestr("../escape.xlsx", b"x")
        z.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
        z.writestr("bomb.xlsx", bytes(10 * 1024 * 1024))                # 10 MB of zeros: ratio ~1000:1
        z.writestr("letter.docx", b"x")
        z.writestr("__MACOSX/._plant3.xlsx", b"x")
    out = root / "out"
    code = main(["batch", str(src), "-q", str(SAMPLE), "-o", str(out), "--no-reports", "--jobs", "1",
                 "--lang", "en"])
    doc = json.loads((out / "portfolio.json").read_text("utf-8"))
    return {"code": code, "doc": doc, "files": {f["file"].replace("\\", "/").split("/in/")[-1]: f
                                                for f in doc["files"]}}


def test_every_kind_is_named_and_the_counts_match(folder):
    files = folder["files"]
    scored = {"plant-xlsx.xlsx", "plant-xls.xls", "plant-ods.ods", "wps.et", "plants.zip/plant3.xlsx",
              "plants.zip/sub/plant4.ods"}
    refused = {"wps-own.et": None, "scan.pdf": "other_file", "photo.jpg": "other_file",
               "notes.txt": "other_file", "plants.zip/../escape.xlsx": "unsafe_name",
               "plants.zip/inner.zip": "nested_archive", "plants.zip/bomb.xlsx": "compression_ratio",
               "plants.zip/letter.docx": "other_file"}
    assert set(files) == scored | set(refused)  # the macOS copy is not a file sent
    for name in scored:
        assert files[name]["status"] != "refused", (name, files[name]["problems"])
        assert files[name]["figures"]["overall"] == files["plant-xlsx.xlsx"]["figures"]["overall"]
    for name, code in refused.items():
        assert files[name]["status"] == "refused" and files[name]["problems"][0]["fix"], name
        assert code is None or files[name]["code"] == code, (name, files[name]["code"])
    assert "save it as Excel Workbook (.xlsx)" in files["wps-own.et"]["problems"][0]["fix"]
    summary = folder["doc"]["summary"]
    assert summary["files"] == len(files) == 14
    assert summary["ok"] + summary["problems"] == len(scored) and summary["refused"] == len(refused)
    assert folder["code"] == 1


def test_inputs_list_zip_members_by_name(tmp_path):
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as z:
        z.writestr("x.xlsx", b"x")
        z.writestr("/abs.xlsx", b"x")
    got = collect_inputs([tmp_path])
    shown = [i.display.replace("\\", "/") for i in got.files]
    assert shown[0].endswith("a.zip/x.xlsx") and shown[1].endswith("a.zip//abs.xlsx")
    assert got.files[0].refusal is None and got.files[1].refusal[0] == "unsafe_name"


def _gbk_zip(path: Path, members: dict[str, bytes]) -> None:
    """A .zip as Chinese Windows' own "compressed folder" writes it: names in GBK, without the
    format's UTF-8 flag (Python writes UTF-8, so each name is put in over an ASCII one as long)."""
    placeholders = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            stand_in = f"{i:0{len(raw)}d}"[-len(raw):].encode("ascii")
            placeholders[stand_in] = raw
            z.writestr(stand_in.decode("ascii"), data)
    data = path.read_bytes()
    for stand_in, raw in placeholders.items():
        assert data.count(stand_in) == 2  # the local header and the central directory
        data = data.replace(stand_in, raw)
    path.write_bytes(data)


def test_zip_names_written_in_gbk_read_as_written_and_hidden_files_are_named(tmp_path):
    """A plant's sheet zipped by Chinese Windows keeps its Chinese name, in the output and in its
    report's name; a hidden file, a hidden folder and macOS's copies are each named as left out."""
    src = tmp_path / "in"
    src.mkdir()
    _gbk_zip(src / "粤西.zip", {"湛江工厂.xlsx": _sheet("xlsx").read_bytes(), "说明.txt": b"x"})
    shutil.copy(_sheet("xlsx"), src / ".隐藏.xlsx")
    (src / ".DS_Store").write_bytes(b"\0")
    (src / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # Windows' thumbnails, an OLE2 file
    (src / ".git").mkdir()
    (src / ".git" / "HEAD").write_text("ref", "utf-8")
    with zipfile.ZipFile(src / "mac.zip", "w") as z:
        z.writestr("__MACOSX/._a.xlsx", b"x")
        z.writestr("__MACOSX/._b.xlsx", b"x")
        z.writestr(".DS_Store", b"x")
        z.writestr("._b.xlsx", b"x")  # what a Mac keeps of b.xlsx's attributes, outside __MACOSX
        z.writestr("sub/.git/a.xlsx", b"x")
        z.writestr(".~lock.a.xlsx#", b"x")
        z.writestr("sub/desktop.ini", b"x")
    got = collect_inputs([src])
    shown = sorted(i.display.replace("\\", "/").split("in/")[-1] for i in got.files)
    assert shown == ["粤西.zip/湛江工厂.xlsx", "粤西.zip/说明.txt"]
    assert next(i for i in got.files if i.display.endswith(".xlsx")).report_stem == "湛江工厂"
    skipped = sorted(say(m, "en").replace("\\", "/").split("in/")[-1] for m in got.skipped)
    assert skipped == [".DS_Store (a file Windows or macOS writes by itself)",  # not to be un-hidden and scored
                       ".git/ (a hidden folder)",
                       ".隐藏.xlsx (a hidden file: to score it, remove the '.' its name starts with)",
                       "Thumbs.db (a file Windows or macOS writes by itself)",
                       "mac.zip/.DS_Store (a file Windows or macOS writes by itself)",
                       "mac.zip/._b.xlsx (a file Windows or macOS writes by itself)",
                       "mac.zip/.~lock.a.xlsx# (a temporary file an office suite makes while a file is open)",
                       "mac.zip/__MACOSX/ (a hidden folder)",
                       "mac.zip/sub/.git/a.xlsx (a hidden file: to score it, remove the '.' its name starts with)",
                       "mac.zip/sub/desktop.ini (a file Windows or macOS writes by itself)"]
    out = tmp_path / "out"
    main(["batch", str(src), "-q", str(SAMPLE), "-o", str(out), "--no-reports", "--jobs", "1", "--quiet"])
    files = {f["file"].replace("\\", "/").split("in/")[-1]: f
             for f in json.loads((out / "portfolio.json").read_text("utf-8"))["files"]}
    assert files["粤西.zip/湛江工厂.xlsx"]["status"] != "refused" and files["粤西.zip/湛江工厂.xlsx"]["figures"]


def test_a_workbook_named_zip_is_read_and_other_archives_are_named_by_format(tmp_path):
    """Mail and chat tools rename an .xlsx to .zip or drop its extension; clients send .rar and .7z: the
    workbook is read as the one file it is (not refused part by part), and each other archive is named
    by its format."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(_sheet("xlsx"), src / "plant.xlsx")
    shutil.copy(_sheet("xlsx"), src / "微信收到.zip")
    shutil.copy(_sheet("xlsx"), src / "没有扩展名")  # a mail tool dropped its extension
    shutil.copy(_sheet("xlsx"), src / "答卷2025.11.30")  # and here, what follows the last dot names no format
    shutil.copy(_sheet("xlsx"), src / "华东重工答卷.v2")  # nor here
    with zipfile.ZipFile(src / "电子发票.ofd", "w") as z:  # a zip-based document of another kind: no answer file
        z.writestr("OFD.xml", "<ofd/>")
    with zipfile.ZipFile(src / "打包", "w") as z:  # so it did a .zip's
        z.write(_sheet("xlsx"), "丙厂.xlsx")
        z.write(_sheet("xlsx"), "丁厂答卷.v2")  # in a zip as beside it: the last dot names no format
        z.writestr("说明.v2", "请查收")  # and what is no workbook is named so
        answers = AnswerSet(questionnaire=ref_of(*load_questionnaire(SAMPLE)), company=Company(name="戊厂"),
                            answers={"C01": Answer(value=3)})
        z.writestr("己厂答卷2025.12.02", answers.model_copy(update={"company": Company(name="己厂")}).model_dump_json())
    (src / "戊厂答卷2025.12.01").write_text("\ufeff" + answers.model_dump_json(), "utf-8")  # an answer file so named
    (src / "客户.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(40))
    (src / "客户.7z").write_bytes(b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(40))
    (src / "其实是RAR.zip").write_bytes(b"Rar!\x1a\x07\x00" + bytes(40))
    out = tmp_path / "out"
    main(["batch", str(src), "-q", str(SAMPLE), "-o", str(out), "--no-reports", "--jobs", "1", "--quiet",
          "--lang", "zh"])
    doc = json.loads((out / "portfolio.json").read_text("utf-8"))
    files = {f["file"].replace("\\", "/").split("/in/")[-1]: f for f in doc["files"]}
    assert doc["summary"]["files"] == len(files) == 14
    assert files["打包/己厂答卷2025.12.02"]["company"] == "己厂" and files["打包/己厂答卷2025.12.02"]["figures"]
    assert files["电子发票.ofd"]["code"] == "other_file"
    for name in ("微信收到.zip", "没有扩展名", "答卷2025.11.30", "华东重工答卷.v2", "打包/丙厂.xlsx",
                 "打包/丁厂答卷.v2"):
        assert files[name]["figures"]["overall"] == files["plant.xlsx"]["figures"]["overall"]
    assert files["打包/说明.v2"]["status"] == "refused" and files["打包/说明.v2"]["problems"][0]["fix"]
    assert files["戊厂答卷2025.12.01"]["company"] == "戊厂" and files["戊厂答卷2025.12.01"]["figures"]
    for name, kind in (("客户.rar", "RAR"), ("客户.7z", "7z"), ("其实是RAR.zip", "RAR")):
        assert files[name]["code"] == "other_archive", name
        problem = files[name]["problems"][0]
        assert problem["message"].startswith(f"{kind} 格式的压缩包"), problem
        assert "解压" in problem["fix"]


def test_every_command_reads_a_workbook_renamed_or_without_its_extension(tmp_path, capsys):
    """What the batch reads, `score`, `report` and `verify --source` read too: an .xlsx that came back
    named .zip, or with its extension dropped, is a workbook, not JSON that fails at byte 12."""
    renamed, bare = tmp_path / "微信收到.zip", tmp_path / "答卷2025.11.30"
    for path in (renamed, bare):
        shutil.copy(_sheet("xlsx"), path)
        assert main(["score", str(path), "-q", str(SAMPLE), "--json", "--lang", "zh"]) == 0
        assert json.loads(capsys.readouterr().out)["overall"]["score"] is not None
    report = tmp_path / "r.xlsx"
    assert main(["report", str(renamed), "-q", str(SAMPLE), "-o", str(report), "--lang", "zh"]) == 0
    assert main(["verify", str(report), "--source", str(bare), "-q", str(SAMPLE)]) == 0
    # outputs named after the whole name, when its last dot starts no extension: .29 and .30 stay apart
    assert main(["import", str(bare), "-q", str(SAMPLE)]) in (0, 1)
    assert main(["report", str(bare), "-q", str(SAMPLE), "-o", f"{tmp_path / 'reports'}/"]) == 0
    assert (tmp_path / "答卷2025.11.30.json").is_file() and (tmp_path / "reports" / "答卷2025.11.30.xlsx").is_file()


def test_a_workbook_with_an_office_lock_file_beside_it_is_scored_with_a_warning(tmp_path):
    """`~$甲公司.xlsx` beside 甲公司.xlsx: someone has it open, and what the batch read is what was last
    saved. The lock file is left out; the workbook is scored, with a warning that says so."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("甲公司.xlsx", "乙公司.xlsx", "a-very-long-plant-name.xlsx"):
        shutil.copy(_sheet("xlsx"), src / name)
    (src / "~$甲公司.xlsx").write_bytes(b"\x05owner")
    (src / ".~lock.乙公司.xlsx#").write_text("owner,host", "utf-8")
    (src / "~$very-long-plant-name.xlsx").write_bytes(b"\x05owner")  # Office drops a long name's first two
    for name in ("华北重工_答卷.xlsx", "华南重工_答卷.xlsx"):  # a shortened lock two names end with: neither
        shutil.copy(_sheet("xlsx"), src / name)
    (src / "~$重工_答卷.xlsx").write_bytes(b"\x05owner")
    shutil.copy(_sheet("xlsx"), src / "ab.xlsx")  # a stale ~$b.xlsx is no lock of ab.xlsx (a short name is kept whole)
    (src / "~$b.xlsx").write_bytes(b"\x05owner")
    out = tmp_path / "out"
    main(["batch", str(src), "-q", str(SAMPLE), "-o", str(out), "--no-reports", "--jobs", "1", "--quiet",
          "--lang", "zh"])
    doc = json.loads((out / "portfolio.json").read_text("utf-8"))
    files = {Path(f["file"]).name: f for f in doc["files"]}
    assert set(files) == {"甲公司.xlsx", "乙公司.xlsx", "a-very-long-plant-name.xlsx", "华北重工_答卷.xlsx",
                          "华南重工_答卷.xlsx", "ab.xlsx"}
    # each lock file left out is named in the portfolio too, not on the screen only
    from openpyxl import load_workbook

    wb = load_workbook(out / "portfolio.xlsx", read_only=True)
    rows = [r for r in wb["问题"].iter_rows(min_row=2, values_only=True) if r[3] and "已跳过" in str(r[3])]
    assert len(rows) == 5 and any("~$甲公司.xlsx" in str(r[3]) and "临时文件" in str(r[3]) for r in rows)
    assert all(r[0] and Path(str(r[0])).name in str(r[3]) for r in rows)  # each under its file, as every row
    for name in ("华北重工_答卷.xlsx", "华南重工_答卷.xlsx", "ab.xlsx"):
        assert not [p for p in files[name]["problems"] if p["code"] == "batch.open_elsewhere"]
    for name, lock in (("甲公司.xlsx", "~$甲公司.xlsx"), ("乙公司.xlsx", ".~lock.乙公司.xlsx#"),
                       ("a-very-long-plant-name.xlsx", "~$very-long-plant-name.xlsx")):
        (warned,) = [p for p in files[name]["problems"] if p["code"] == "batch.open_elsewhere"]
        assert lock in warned["message"] and "未保存的修改没有读到" in warned["message"]
        assert files[name]["figures"] and files[name]["status"] == "problems"
    main(["batch", str(src / "甲公司.xlsx"), "-q", str(SAMPLE), "-o", str(tmp_path / "one"), "--no-reports",
          "--jobs", "1", "--quiet", "--lang", "zh"])  # named on its own, not found by walking its folder
    (one,) = json.loads((tmp_path / "one" / "portfolio.json").read_text("utf-8"))["files"]
    assert [p["code"] for p in one["problems"]] == ["batch.open_elsewhere"]


def test_the_count_on_screen_says_which_files_came_out_of_a_zip(tmp_path, capsys):
    """The folder shows one .zip where the batch counts what it holds: the title says so."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(_sheet("xlsx"), src / "甲厂.xlsx")
    with zipfile.ZipFile(src / "补交.zip", "w") as z:
        z.write(_sheet("xlsx"), "乙厂.xlsx")
        z.write(_sheet("xlsx"), "丙厂.xlsx")
    main(["batch", str(src), "-q", str(SAMPLE), "-o", str(tmp_path / "out"), "--no-reports", "--jobs", "1",
          "--lang", "zh"])
    said = "".join(capsys.readouterr().out.split())
    assert "3个文件（2个取自1个.zip压缩包），其中3个已评分" in said


def test_the_default_results_folder_is_named_by_the_local_time(monkeypatch):
    import time
    from datetime import datetime

    from assess.batch.run import default_outdir

    if hasattr(time, "tzset"):  # a clock eight hours off UTC, as in China
        monkeypatch.setenv("TZ", "CST-8")
        time.tzset()
    try:
        name = default_outdir().name
        made = datetime.strptime(name, "batch-%Y%m%d-%H%M%S")
        assert abs((datetime.now() - made).total_seconds()) < 60  # the consultant's clock, not UTC
    finally:
        monkeypatch.undo()
        if hasattr(time, "tzset"):
            time.tzset()
