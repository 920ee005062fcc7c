"""What a Chinese user reads says each concept with the glossary's one word: `assess score`, a gap
report, an answer sheet and a portfolio, all in Chinese (the default)."""

from __future__ import annotations

import re
from pathlib import Path

from assess.text.messages import entry
from tests.unit.test_glossary import SYNONYMS_ZH

ROOT = Path(__file__).resolve().parents[2]


def _forbidden_zh(text: str) -> list[str]:
    return [w for words in SYNONYMS_ZH.values() for w in words if w in text]


def test_a_chinese_score_report_template_and_portfolio_use_the_glossary(tmp_path, capsys, sample_answers):
    """`assess score --lang zh`, a zh gap report, a zh answer sheet and a zh portfolio: each says
    支柱 and 必备项, and none says the same things with other words."""
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    from assess.cli import main
    from assess.content.answer_file import save_answers

    answers = tmp_path / "acme.json"
    save_answers(answers, sample_answers)
    sample = ROOT / "tests" / "data" / "sample" / "questionnaire.yaml"

    assert main(["score", str(answers), "-q", str(sample), "--lang", "zh"]) in (0, 1)
    shown = capsys.readouterr().out
    assert "支柱" in shown and not _forbidden_zh(shown)

    report = tmp_path / "r.xlsx"
    assert main(["report", str(answers), "-q", str(sample), "--lang", "zh", "-o", str(report)]) == 0
    book = CalamineWorkbook.from_path(str(report))
    cells = " ".join(str(v) for name in book.sheet_names[:-1]
                     for row in book.get_sheet_by_name(name).to_python() for v in row)
    assert "支柱" in cells and "必备项" in cells and not _forbidden_zh(cells)

    sheet = tmp_path / "t.xlsx"
    assert main(["template", "-q", str(sample), "--lang", "zh", "-o", str(sheet)]) == 0
    wb = load_workbook(sheet)
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "支柱" in text and not _forbidden_zh(text)

    out = tmp_path / "batch"
    assert main(["batch", str(answers), "-q", str(sample), "--lang", "zh", "-o", str(out), "--no-reports"]) in (0, 1)
    printed = capsys.readouterr()
    book = CalamineWorkbook.from_path(str(out / "portfolio.xlsx"))
    cells = " ".join(str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python()
                     for v in row)
    assert "支柱" in cells and "必备项" in cells
    assert not _forbidden_zh(cells + printed.out + printed.err)
    assert not re.search(r"\b(error|warning|refused|scored)\b", printed.out), "a Chinese batch prints English"


def test_every_kind_of_refusal_has_words():
    """The batch's summary counts refusals by kind: each kind the guard, the reader or the batch can give
    is named in both languages, never shown as its code."""
    import inspect

    from assess.batch import run, worker
    from assess.excel import guard, sheet_reader

    kinds = set(guard.REASONS)
    for module in (run, worker, sheet_reader):
        kinds |= set(re.findall(r'(?:refused|_refusal)\(\w*,? ?"([a-z_]+)"', inspect.getsource(module)))
    kinds |= {"crashed", "timeout", "out_of_memory", "internal_error"}
    assert {"gap_report", "not_filled_in", "wrong_questionnaire", "not_answer_sheet"} <= kinds
    for kind in kinds:
        zh, en = entry(f"refusal.{kind}")
        assert zh and en and kind not in zh
