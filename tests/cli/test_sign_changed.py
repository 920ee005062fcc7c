"""A signed report whose cells were edited after signing, or that was made from other answers than
the --source given, fails; and its signature line says the signature vouches for other content than
the file shows, never just "signed by NAME, a trusted key"."""

from __future__ import annotations

import openpyxl
import pytest

from assess.answers import Answer
from assess.cli import main
from assess.content.answer_file import save_answers
from tests.conftest import SAMPLE

Q = ["-q", str(SAMPLE)]


@pytest.fixture
def signed(tmp_path, sample_answers, capsys):
    """(signed report, Alice's public key, the answer file it was made from)."""
    assert main(["keygen", "Alice", "--out", str(tmp_path / "keys")]) == 0
    answers = tmp_path / "acme.json"
    save_answers(answers, sample_answers)
    out = tmp_path / "reports" / "signed.xlsx"
    assert main(["report", str(answers), *Q, "-o", str(out), "--sign", str(tmp_path / "keys" / "Alice.key")]) == 0
    capsys.readouterr()
    return out, tmp_path / "keys" / "Alice.pub", answers


def _verify(capsys, *argv):
    code = main(["verify", *map(str, argv), *Q])
    out = capsys.readouterr()
    return code, out.out, out.err


def _signature_line(out: str, report) -> str:
    return next(line for line in out.splitlines() if line.startswith(f"{report}: ") and "signature" in line)


def test_an_untouched_signed_report_reads_as_signed_by_a_trusted_key(signed, capsys):
    report, pub, _ = signed
    code, out, _ = _verify(capsys, report, "--trust", pub)
    assert code == 0
    assert "signed by Alice" in out and "a trusted key" in out and "changed" not in out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cell_edited_after_signing_makes_the_signature_line_say_so(signed, tmp_path, capsys, lang):
    report, pub, _ = signed
    wb = openpyxl.load_workbook(report)
    wb.worksheets[1]["E2"].value = 4.99  # a pillar's claimed score, improved by hand
    edited = tmp_path / "reports" / "edited.xlsx"
    wb.save(edited)
    code = main(["verify", str(edited), *Q, "--trust", str(pub), "--lang", lang])
    out = capsys.readouterr()
    assert code == 1
    if lang == "en":
        line = _signature_line(out.out, edited)
        assert "holds only for the content as signed" in line and "changed after signing" in line
        assert not line.startswith(f"{edited}: signed by")
    else:
        assert "本身有效，但它担保的是签名时的内容" in out.out and "在签名后被改动过" in out.out
        assert "已由 Alice" not in out.out
    assert "Pillars!E2" in out.err  # the report was made in English: its sheets keep their names


def test_a_source_with_other_answers_makes_the_signature_line_say_so(signed, tmp_path, sample_answers, capsys):
    report, pub, _ = signed
    other = tmp_path / "other.json"
    save_answers(other, sample_answers.model_copy(update={"answers": {**sample_answers.answers,
                                                                      "C02": Answer(value=100)}}))
    code, out, err = _verify(capsys, report, "--trust", pub, "--source", other)
    assert code == 1
    line = _signature_line(out, report)
    assert "other answers than the file given with --source" in line and "a trusted key" in line
    assert "C02" in err


def test_the_source_it_was_made_from_keeps_the_signature_line_plain(signed, capsys):
    report, pub, answers = signed
    code, out, _ = _verify(capsys, report, "--trust", pub, "--source", answers)
    assert code == 0
    assert "signed by Alice" in out and "--source" not in out


def test_a_row_hidden_after_signing_makes_the_signature_line_say_so(signed, tmp_path, capsys):
    """Not a value changed, but what a reader sees: a pillar's row hidden."""
    report, pub, _ = signed
    wb = openpyxl.load_workbook(report)
    wb.worksheets[1].row_dimensions[2].hidden = True
    hidden = tmp_path / "reports" / "hidden.xlsx"
    wb.save(hidden)
    code, out, err = _verify(capsys, hidden, "--trust", pub)
    assert code == 1 and "Pillars" in err
    assert "changed after signing" in _signature_line(out, hidden)


def test_a_report_signed_under_another_version_s_layout_is_not_called_tampered(tmp_path, sample_answers, capsys,
                                                                                monkeypatch):
    """A report signed by an older assess, whose layout worded a label otherwise: this version cannot
    re-derive what was signed, and says so, naming the version to verify with; it never calls the
    report changed after signing."""
    import assess.excel.report_layout as report_layout
    from assess.text import report_labels

    assert main(["keygen", "Alice", "--out", str(tmp_path / "keys")]) == 0
    answers = tmp_path / "acme.json"
    save_answers(answers, sample_answers)
    out = tmp_path / "old.xlsx"
    with monkeypatch.context() as m:  # what the older version made: its number, one title worded otherwise
        m.setattr(report_layout, "__version__", "0.1.9")
        zh, en = report_labels.LABELS["summary.pillars"]
        m.setitem(report_labels.LABELS, "summary.pillars", (zh + "（旧）", en + " (old)"))
        assert main(["report", str(answers), *Q, "-o", str(out), "--sign", str(tmp_path / "keys" / "Alice.key"),
                     "--lang", "en"]) == 0
    capsys.readouterr()
    code, said, err = _verify(capsys, out, "--lang", "en")
    out_text = said + err
    assert code == 1
    assert "changed after signing" not in out_text, out_text
    line = next(line for line in out_text.splitlines() if "signs the report as" in line)
    assert "Alice" in line and "assess 0.1.9 lays it out" in line and "verify the report with assess 0.1.9" in line
