"""Problems travel with the firm in a batch: each report beside its return slip in the batch's
language, and a benchmark that leaves out duplicates and files read with errors, and says so."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from python_calamine import CalamineWorkbook

from assess.answers import Answer, AnswerSet, Company
from assess.cli import main
from assess.content.bundled import ref_of
from assess.excel.sheet_writer import build_workbook
from assess.text.portfolio_labels import label
from tests.conftest import SAMPLE


def firm(folder: Path, sample, name: str, company: str, c05: object = 55, locale: str = "zh") -> Path:
    """A sheet filled from the template, with C05 (a scored number) typed as the client typed it."""
    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name=company), answers={
        "P-SIZE": Answer(value="large"), "P-EXPORT": Answer(value=False), "P-ROLES": Answer(value=["user"]),
        "C01": Answer(value=3), "C02": Answer(value=40), "C04": Answer(value=12), "G01": Answer(value=True),
        "G02": Answer(status="na"), "G03": Answer(value=["encrypt"]), "G05": Answer(value="无")})
    wb = build_workbook(q, h, locale, answers)
    ws = wb["Answers"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == "C05":
            ws.cell(r, 5).value = c05
            if isinstance(c05, str):
                ws.cell(r, 5).data_type = "s"
    path = folder / name
    wb.save(path)
    return path


def folder_of_four(tmp_path: Path, sample) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = firm(inbox, sample, "a.xlsx", "甲厂")
    shutil.copy(first, inbox / "z-again.xlsx")  # the same file sent twice
    firm(inbox, sample, "b.xlsx", "乙厂", c05="很多")  # an answer the reader cannot use
    firm(inbox, sample, "c.xlsx", "丙厂")
    return inbox


def run(inbox: Path, out: Path, *more: str) -> dict:
    main(["batch", str(inbox), "-o", str(out), "-q", str(SAMPLE), "--jobs", "1", "--quiet", "--lang", "zh", *more])
    return json.loads((out / "portfolio.json").read_text("utf-8"))


def bench_text(out: Path) -> str:
    rows = CalamineWorkbook.from_path(str(out / "portfolio.xlsx")).get_sheet_by_name(
        label("sheet.benchmark", "zh")).to_python()
    return "\n".join(" ".join(str(v) for v in row if v not in ("", None)) for row in rows)


def test_benchmark_leaves_out_a_duplicate_and_a_file_with_errors_and_says_so(tmp_path, sample):
    out = tmp_path / "out"
    doc = run(folder_of_four(tmp_path, sample), out)
    counts = doc["benchmark_counts"]
    assert counts["firms"] == 2 and doc["benchmark"]["overall"]["n"] == 2
    assert sorted(Path(x["file"]).name for x in counts["left_out"]) == ["b.xlsx", "z-again.xlsx"]
    text = bench_text(out)
    assert "本对标统计 2 家企业" in text and "未计入的 2 份答卷" in text
    assert "a.xlsx 重复" in text and "有 1 个错误" in text
    assert "乙厂（" in text  # whose file is left out, by name
    rows = CalamineWorkbook.from_path(str(out / "portfolio.xlsx")).get_sheet_by_name(
        label("sheet.benchmark", "zh")).to_python()
    lines = [row for row in rows if str(row[0]).startswith("乙厂（")]
    # one cell a line, so that no reason beside it cuts the firm and its file short in print
    assert len(lines) == 1 and "）：" in lines[0][0] and not any(lines[0][1:])
    import zipfile

    with zipfile.ZipFile(out / "portfolio.xlsx") as z:  # the chart shows the firms counted, not all scored
        chart = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/charts/chart"))
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert "计入对标的企业".encode() in chart
    assert any(b"<rowBreaks" in x and b"<drawing" in x for x in sheets)  # printed whole, on a page of its own
    rank = {"error": 0, "warning": 1, "notice": 2}  # each file's problems: what to fix first, first
    for f in doc["files"]:
        order = [rank[p["severity"]] for p in f["problems"]]
        assert order == sorted(order), f["file"]
    left = {Path(x["file"]).name: x["company"] for x in counts["left_out"]}
    assert left == {"b.xlsx": "乙厂", "z-again.xlsx": "甲厂"}
    marks = {Path(f["file"]).name: f["in_benchmark"] for f in doc["files"]}
    assert marks == {"a.xlsx": True, "z-again.xlsx": False, "b.xlsx": False, "c.xlsx": True}
    # the firm with errors gets its report and, beside it, the slip to send back, in Chinese
    b = next(f for f in doc["files"] if Path(f["file"]).name == "b.xlsx")
    report = Path(b["report"])
    slip = report.with_name(f"{report.stem}-退回修改单.txt").read_text("utf-8-sig")
    assert "所填内容：很多" in slip and "如何改正：" in slip
    others = [p.read_text("utf-8-sig") for p in report.parent.glob("*退回修改单.txt")
              if p.name != f"{report.stem}-退回修改单.txt"]
    assert not any("很多" in text for text in others)  # each firm's slip carries that firm's problems only


def test_include_all_counts_every_scored_file(tmp_path, sample):
    out = tmp_path / "out"
    doc = run(folder_of_four(tmp_path, sample), out, "--include-all")
    assert doc["benchmark_counts"]["firms"] == 4 and doc["benchmark"]["overall"]["n"] == 4
    assert doc["benchmark_counts"]["left_out"] == []
    assert "本对标统计 4 家企业" in bench_text(out)


def test_a_sheet_refused_for_want_of_a_usable_answer_still_gets_its_return_slip(tmp_path, sample):
    """Every pillar answer typed and none usable: refused, not scored, but the client is still sent
    what to correct, cell by cell. A template sent back blank is said to be blank, not misread."""
    q, h = sample
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    wb = build_workbook(q, h, "zh", AnswerSet(questionnaire=ref_of(q, h), company=Company(name="丁厂"), answers={
        "P-SIZE": Answer(value="large"), "P-EXPORT": Answer(value=False), "P-ROLES": Answer(value=["user"])}))
    ws = wb["Answers"]
    typed = {"C01": "很好", "C02": "大约一半", "C03": "也许", "C04": "很多", "C05": "不少", "G01": "看情况",
             "G02": "差不多", "G05": None}
    for r in range(1, ws.max_row + 1):
        qid = ws.cell(r, 1).value
        if qid in typed and typed[qid] is not None:
            ws.cell(r, 5).value = typed[qid]
    wb.save(inbox / "丁厂.xlsx")
    build_workbook(q, h, "zh", None).save(inbox / "空白.xlsx")
    formulas = build_workbook(q, h, "zh", None)
    for r in range(1, formulas["Answers"].max_row + 1):
        if formulas["Answers"].cell(r, 1).value in ("C01", "C04"):
            formulas["Answers"].cell(r, 5).value = "=1+2"
    formulas.save(inbox / "公式.xlsx")
    doc = run(inbox, tmp_path / "out")
    files = {Path(f["file"]).name: f for f in doc["files"]}
    assert files["丁厂.xlsx"]["status"] == "refused" and "都没有可用的" in files["丁厂.xlsx"]["reason"]
    assert "都没有可用的" in files["公式.xlsx"]["reason"]  # formulas were typed: not a blank sheet
    assert "都没有可用的" not in files["空白.xlsx"]["reason"]
    slip = (tmp_path / "out" / "reports" / "丁厂-退回修改单.txt").read_text("utf-8-sig")
    assert slip.startswith("答卷退回修改单：丁厂")
    assert "所填内容：很多" in slip and "Answers!E" in slip and "如何改正：" in slip
    # the blank sheet's slip says it was blank, first and once, speaking to the plant: not a list of every
    # gate its blank profile leaves undecided, nor of every question left unanswered
    blank = (tmp_path / "out" / "reports" / "空白-退回修改单.txt").read_text("utf-8-sig")
    assert blank.count("第 ") == 1 and "什么都没有填写" in blank and "未作答" not in blank
    assert "请填写答卷，保存后重新发送" in blank and "请企业" not in blank
    # it says the sheet was not scored, not that some cells are to correct
    for text in (blank, slip):
        assert "未能评分：其中没有一个可用的答案" in text and "逐条修改对应单元格" not in text
    assert slip.index("都没有可用的") < slip.index("所填内容：很多")  # why it was refused comes first
    assert "道适用的题目未作答" in slip  # and what else is left to answer: refused, it is not blank


def test_a_firm_answered_under_another_release_is_left_out_of_the_benchmark_and_named(tmp_path):
    """A plant that filled last year's sheet is scored under its release, but its scores do not
    compare with this year's: the benchmark leaves it out and says why, unless --include-all."""
    from assess.content.bundled import resolve
    from tests.data.make_filled import write_filled

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed, release in enumerate(("1.0.0", "1.1.0")):
        q, h = resolve(f"ai-manufacturing-2027@{release}")
        (made,) = write_filled(q, h, tmp_path / release, 1, seed=seed, lang="zh", blank=0.0)
        shutil.copy(made, inbox / f"plant-{release}.xlsx")
    args = ["-q", "ai-manufacturing-2027@1.1.0"]
    doc = run(inbox, tmp_path / "out", *args, "--no-reports")
    rows = {Path(f["file"]).name: f for f in doc["files"]}
    old, new = rows["plant-1.0.0.xlsx"], rows["plant-1.1.0.xlsx"]
    assert old["figures"] and not old["in_benchmark"] and "1.0.0" in old["left_out"]
    assert new["in_benchmark"] and doc["benchmark"]["overall"]["n"] == 1
    assert "按 ai-manufacturing-2027@1.0.0 作答" in bench_text(tmp_path / "out")
    doc = run(inbox, tmp_path / "all", *args, "--no-reports", "--include-all")
    assert doc["benchmark"]["overall"]["n"] == 2
    # without --questionnaire: the newest release the files pin, though last year's sheet sorts first
    (inbox / "plant-1.0.0.xlsx").rename(inbox / "1-旧版.xlsx")
    main(["batch", str(inbox), "-o", str(tmp_path / "named"), "--jobs", "1", "--quiet", "--no-reports"])
    doc = json.loads((tmp_path / "named" / "portfolio.json").read_text("utf-8"))
    assert doc["questionnaire"]["version"] == "1.1.0"
    rows = {Path(f["file"]).name: f for f in doc["files"]}
    assert rows["plant-1.1.0.xlsx"]["status"] != "refused" and rows["plant-1.1.0.xlsx"]["in_benchmark"]
    assert rows["1-旧版.xlsx"]["figures"] and not rows["1-旧版.xlsx"]["in_benchmark"]


def test_a_firm_that_answered_less_than_half_is_left_out_of_the_benchmark_and_named(tmp_path, sample):
    """Two questions answered of eight: its score says what it skipped, not where it stands (and,
    where blanks leave the mean, answering only one's strong questions would lift it)."""
    q, h = sample
    inbox = folder_of_four(tmp_path, sample)
    sparse = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="戊厂"), answers={
        "P-SIZE": Answer(value="large"), "P-EXPORT": Answer(value=False), "P-ROLES": Answer(value=["user"]),
        "C01": Answer(value=5), "G01": Answer(value=True)})
    build_workbook(q, h, "zh", sparse).save(inbox / "d.xlsx")
    out = tmp_path / "out"
    doc = run(inbox, out)
    d = next(f for f in doc["files"] if Path(f["file"]).name == "d.xlsx")
    assert d["figures"]["completion"] < 0.5 and d["status"] != "refused"
    assert d["in_benchmark"] is False and doc["benchmark"]["overall"]["n"] == 2
    (why,) = [x["why"] for x in doc["benchmark_counts"]["left_out"] if Path(x["file"]).name == "d.xlsx"]
    applicable = d["figures"]["applicable"]
    assert why == f"{applicable} 道题目只答了 {d['figures']['responded']} 道，不到一半"
    assert "d.xlsx" in bench_text(out)
    assert run(inbox, tmp_path / "all", "--include-all")["benchmark"]["overall"]["n"] == 5


def test_the_console_says_how_many_firms_the_benchmark_counts_and_leaves_out(tmp_path, sample, capsys):
    """The median on screen is the benchmark's: the screen says over how many firms, and how many it
    leaves out, so that a reader does not take it for every firm scored."""
    main(["batch", str(folder_of_four(tmp_path, sample)), "-o", str(tmp_path / "out"), "-q", str(SAMPLE),
          "--jobs", "1", "--lang", "zh", "--no-reports"])
    out = capsys.readouterr().out
    assert re.search(r"企业：计入对标\s*│\s*2\b", out) and re.search(r"企业：未计入对标（原因见汇总表）\s*│\s*2\b", out)
    assert "对标：总体得分中位数（最低–最高）" in out


def test_when_the_benchmark_counts_no_firm_the_console_and_json_say_so(tmp_path, sample, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    firm(inbox, sample, "b.xlsx", "乙厂", c05="很多")
    firm(inbox, sample, "d.xlsx", "丁厂", c05="不少")
    main(["batch", str(inbox), "-o", str(tmp_path / "out"), "-q", str(SAMPLE), "--jobs", "1", "--lang", "zh",
          "--no-reports"])
    out = capsys.readouterr().out
    assert re.search(r"企业：计入对标\s*│\s*0\b", out) and re.search(r"企业：未计入对标（原因见汇总表）\s*│\s*2\b", out)
    doc = json.loads((tmp_path / "out" / "portfolio.json").read_text("utf-8"))
    assert doc["summary"]["bench_left_out"] == 2 and doc["benchmark_counts"]["firms"] == 0


def test_the_return_slip_names_every_question_left_unanswered(tmp_path):
    """A plant that skipped dozens of questions finds each of them on its slip, and each cell, not the
    first twenty and an ellipsis."""
    from assess.content.bundled import resolve
    from tests.data.make_filled import write_filled

    q, h = resolve("ai-manufacturing-2027@1.1.0")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (made,) = write_filled(q, h, tmp_path / "made", 1, seed=7, lang="zh", blank=0.4)
    shutil.copy(made, inbox / "plant.xlsx")
    run(inbox, tmp_path / "out", "-q", "ai-manufacturing-2027@1.1.0")
    (slip,) = (tmp_path / "out" / "reports").glob("*退回修改单.txt")
    text = slip.read_text("utf-8-sig")
    found = re.search(r"【警告】Answers!(\S+)\r?\n   问题：(\d+) 道适用的题目未作答（会降低完成度）：(\S+)", text)
    assert found is not None, text
    cells, said, ids = found.group(1).split(","), found.group(2), found.group(3).split("、")
    assert int(said) > 20 and len(ids) == int(said) and "…" not in ids
    rows = [int(r) for c in cells for r in range(int(re.sub(r"\D", "", c.split(":")[0])),
                                                     int(re.sub(r"\D", "", c.split(":")[-1])) + 1)]
    assert len(rows) == int(said)  # one cell per question, runs written as ranges (E10:E12)


def test_the_return_slip_speaks_the_language_the_sheet_was_filled_in(tmp_path, sample):
    """A Chinese consultant's batch, one plant sent the English template: its report is in Chinese for
    the consultant, its slip in English for the plant, which chose Yes/No from English drop-downs.
    A sheet refused as unusable is sent back in its own language too."""
    q, h = sample
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    firm(inbox, sample, "pacific.xlsx", "Pacific Robotics", c05="lots", locale="en")
    blank = build_workbook(q, h, "en", AnswerSet(questionnaire=ref_of(q, h), company=Company(name="Delta"), answers={
        "P-SIZE": Answer(value="large"), "P-EXPORT": Answer(value=False), "P-ROLES": Answer(value=["user"])}))
    for r in range(1, blank["Answers"].max_row + 1):
        if blank["Answers"].cell(r, 1).value in ("C01", "C04"):
            blank["Answers"].cell(r, 5).value = "plenty"
    blank.save(inbox / "delta.xlsx")
    run(inbox, tmp_path / "out")
    reports = tmp_path / "out" / "reports"
    assert sorted(p.name for p in reports.glob("*.txt")) == ["delta-to-correct.txt", "pacific-to-correct.txt"]
    slip = (reports / "pacific-to-correct.txt").read_text("utf-8-sig")
    assert "'lots' is not a number" in slip and "退回" not in slip and "如何改正" not in slip
    refused = (reports / "delta-to-correct.txt").read_text("utf-8-sig")
    assert "plenty" in refused and "如何改正" not in refused
    rows = CalamineWorkbook.from_path(str(reports / "pacific.xlsx")).get_sheet_by_name("数据质量").to_python()
    assert any("“lots”不是数字" in str(v) for row in rows for v in row)  # the report: the consultant's language


def test_a_file_refused_for_what_the_plant_can_put_right_gets_a_return_slip(tmp_path, sample):
    """A sheet saved with a password, an empty file and a CSV renamed .xlsx each go back with a slip
    saying what to send instead; a photo beside them is no answer file, and gets none."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    firm(inbox, sample, "good.xlsx", "甲厂")
    (inbox / "空文件.xlsx").write_bytes(b"")
    (inbox / "导出数据.xlsx").write_text("编号,答案\nC01,3\n", "utf-8")
    (inbox / "encrypted.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    (inbox / "现场照片.jpg").write_bytes(b"\xff\xd8\xff photo")
    from tests.excel.hostile import build_corpus

    (inbox / "宏.xlsm").write_bytes(build_corpus(tmp_path / "hostile", ["macro.xlsm"])["macro"].read_bytes())
    (inbox / "broken.json").write_text('{"x": 1', "utf-8")  # an answer file: the consultant's, no slip
    doc = run(inbox, tmp_path / "out")
    files = {Path(f["file"]).name: f for f in doc["files"]}
    reports = tmp_path / "out" / "reports"
    slips = {p.name for p in reports.glob("*.txt")}
    for name in ("空文件", "导出数据", "encrypted"):
        assert files[f"{name}.xlsx"]["status"] == "refused"
        assert f"{name}-退回修改单.txt" in slips, slips
        text = (reports / f"{name}-退回修改单.txt").read_text("utf-8-sig")
        refusal = files[f"{name}.xlsx"]["problems"][0]
        assert refusal["message"] in text and f"文件：{name}.xlsx" in text and "未能评分" in text
        assert "对方" not in text and "单元格" not in text  # said to the plant, about the file
    # a CSV export named .xlsx: saving it as .xlsx would be refused again, for want of the other sheets
    assert "请改用原来的 Excel 工作簿（.xlsx）" in (reports / "导出数据-退回修改单.txt").read_text("utf-8-sig")
    assert "另存为新的 .xlsx" in (reports / "encrypted-退回修改单.txt").read_text("utf-8-sig")
    assert not [s for s in slips if s.startswith(("现场照片", "broken"))]
    macro = (reports / "宏-退回修改单.txt").read_text("utf-8-sig")  # said of the file, not of a part inside it
    assert "文件：宏.xlsm" in macro and ".xml" not in macro
