"""Evidence cells with a hyperlink (Ctrl+K): a client shows a document's name and links the file or
page to it. The link is the reference an auditor follows and a batch finds in the firm's evidence
folder, so it is read beside the text shown; a link inside the workbook leads to no document."""

from __future__ import annotations

import zipfile

from assess.cli.main import main
from assess.excel import report_data
from assess.excel.sheet_format import ANSWERS
from assess.excel.sheet_links import hyperlinks, target_text
from assess.text.report_labels import sheet_name
from tests.cli.test_report_evidence import rows_of
from tests.conftest import SAMPLE
from tests.excel import test_cards as cards
from tests.excel import test_sheet_reader as base
from tests.excel.test_sheet_reader import make, put, read

full_answers = base.full_answers
EVIDENCE = "G"  # the Answers sheet's evidence column


def link(ws, rid: str, text: str, target: str) -> str:
    ref = put(ws, rid, EVIDENCE, text)
    ws[ref].hyperlink = target
    return ref


def test_a_document_linked_to_its_name_is_read_as_one_more_reference(tmp_path, sample, full_answers):
    def edit(wb):
        link(wb[ANSWERS], "C01", "质检报告", "证据/质检 报告.pdf")
        link(wb[ANSWERS], "C04", "能耗台账\n设备清单", "https://pan.example.cn/s/能耗?id=7&v=2")
        link(wb[ANSWERS], "C05", "https://mes.example.cn/report/12", "https://mes.example.cn/report/12")
        link(wb[ANSWERS], "G05", "台账.xlsx", "证据\\台账.xlsx")  # its file's name shown: one reference

    _, _, got, problems = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].evidence == ["质检报告", "证据/质检 报告.pdf"]
    assert got.answers["C04"].evidence == ["能耗台账", "设备清单", "https://pan.example.cn/s/能耗?id=7&v=2"]
    assert got.answers["C05"].evidence == ["https://mes.example.cn/report/12"]  # a typed address, linked by Excel
    assert got.answers["G05"].evidence == ["证据\\台账.xlsx"]
    assert not [p for p in problems if p.severity == "error"]


def test_a_link_to_a_place_in_the_workbook_leaves_the_text_as_shown(tmp_path, sample, full_answers):
    def edit(wb):
        link(wb[ANSWERS], "C01", "见附表", "#'Company'!A1")

    _, _, got, _ = read(make(tmp_path, sample, full_answers, edit))
    assert got.answers["C01"].evidence == ["见附表"]


def test_a_card_s_evidence_link_is_read_too(tmp_path, cq):
    def fill(wb):
        ws = wb["典型场景"]
        for col, value in (("A", "视觉质检"), ("C", "是"), (cards.EVIDENCE, "验收报告")):
            cards.typed(ws, f"{col}4", value)
        ws[f"{cards.EVIDENCE}4"].hyperlink = "验收/视觉质检验收.pdf"

    _, _, got, _ = cards.read_answer_sheet(cards.make(tmp_path, cq, cards.profile(cq), fill), cards.Q)
    (card,) = got.cards["scenarios"]
    assert card.answers["S-LIVE"].evidence == ["验收报告", "验收/视觉质检验收.pdf"]


def test_a_batch_finds_a_linked_document_in_the_firm_s_evidence_folder(tmp_path, sample, full_answers, capsys):
    def edit(wb):
        link(wb[ANSWERS], "C01", "容量计划", "证据/容量计划2026.pdf")

    sheet = make(tmp_path, sample, full_answers, edit, name="苏州精工.xlsx")
    folder = tmp_path / "evidence" / "苏州精工" / "证据"
    folder.mkdir(parents=True)
    (folder / "容量计划2026.pdf").write_bytes(b"%PDF-1.4 plan")
    out = tmp_path / "out"
    code = main(["batch", "--jobs", "1", str(sheet), "-q", str(SAMPLE), "-o", str(out),
                 "--evidence", str(tmp_path / "evidence"), "--include-all"])
    capsys.readouterr()
    assert code in (0, 1)
    data = report_data.parse(rows_of(out / "reports" / "苏州精工.xlsx", sheet_name("data", "zh")), "data").evidence
    assert {f["reference"]: f["status"] for f in data["files"]}["证据/容量计划2026.pdf"] == "found"


def test_link_targets_read_as_references():
    assert target_text("%E8%AF%81%E6%8D%AE/a%20b.pdf") == "证据/a b.pdf"
    assert target_text("../证据/a.pdf", up_one=True) == "证据/a.pdf"  # LibreOffice's, from the file itself
    assert target_text("../证据/a.pdf") == "../证据/a.pdf"  # Excel's: a folder beside the workbook's
    assert target_text("https://x.cn/a%20b") == "https://x.cn/a%20b"
    assert target_text("D:/证据/a.pdf") == "D:/证据/a.pdf"


def test_a_link_over_a_whole_column_reaches_only_the_used_range():
    xml = (b'<hyperlinks><hyperlink ref="G1:G1048576" r:id="rId1"/><x:hyperlink ref="H2" x:id="rId2"/>'
           b'<hyperlink ref="A1" r:id="rId9"/><hyperlink ref="B3" location="Sheet2!A1" r:id="rId1"/></hyperlinks>')
    found = hyperlinks(xml, {"rId1": "a.pdf", "rId2": "b.pdf"}, height=40, width=9)
    assert len(found) == 41 and found[40, 7] == "a.pdf" and found[2, 8] == "b.pdf"
    assert (1, 1) not in found and (3, 2) not in found  # no such relationship; a place in a workbook


def test_a_link_whose_relationships_are_missing_or_damaged_keeps_the_text(tmp_path, sample, full_answers):
    def edit(wb):
        link(wb[ANSWERS], "C01", "质检报告", "证据/质检报告.pdf")

    path = make(tmp_path, sample, full_answers, edit)
    for damage in (None, b"<Relationships><Relationship"):
        broken = tmp_path / f"broken-{damage is None}.xlsx"
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
            for info in src.infolist():
                if info.filename.endswith(".rels") and b"/hyperlink" in src.read(info):
                    if damage is not None:
                        dst.writestr(info, damage)
                    continue
                dst.writestr(info, src.read(info))
        _, _, got, _ = read(broken)
        assert got.answers["C01"].evidence == ["质检报告"]


def test_a_range_listed_over_and_over_is_walked_only_up_to_the_limit():
    """A crafted sheet lists one 9,900-cell range 200,000 times: reading stopped at 10,000 cells found,
    so it walked them all again for each copy (minutes). The walk itself is now bounded: what comes
    after the limit is not read."""
    from assess.excel.sheet_links import MAX_LINKED_CELLS

    xml = b'<hyperlink ref="A1:CV99" r:id="rId1"/>' * 1000 + b'<hyperlink ref="CW1" r:id="rId1"/>'
    found = hyperlinks(xml, {"rId1": "a.pdf"}, height=99, width=101)
    assert len(found) == 99 * 100 and (1, 101) not in found and 99 * 100 < MAX_LINKED_CELLS


def test_a_link_is_kept_unless_the_text_already_lists_it_whole():
    from assess.excel.sheet_links import linked

    assert linked("质检报告.pdf", "报告.pdf") == "质检报告.pdf\n报告.pdf"  # another file, though its name is inside
    assert linked("a.pdf；证据/b.pdf", "证据/b.pdf") == "a.pdf；证据/b.pdf"
    assert linked("https://x.cn/a b", "https://x.cn/a%20b") == "https://x.cn/a b"
