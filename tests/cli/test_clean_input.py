"""Text is clean at the door: a lone surrogate, a control character, an over-long text, a huge
number or JSON nested without end is refused where it enters, naming its field or cell and the fix,
never a traceback; whatever a user supplied reaches the terminal escaped; what is let in can be
written and verified."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from assess.answers import Answer, AnswerSet, Company, Respondent
from assess.cli import main
from assess.content.answer_file import load_answers, parse_answers
from assess.content.bundled import ContentError, ref_of
from assess.excel.sheet_format import ANSWERS, COMPANY
from assess.excel.sheet_writer import build_workbook
from assess.scoring import score
from assess.text.clean import EVIDENCE_REF_MAX, FIELD_MAX, FILE_MAX, NOTE_MAX, TEXT_MAX
from assess.text.format import printable
from tests.conftest import SAMPLE

Q = ["-q", str(SAMPLE)]
ESC = "\x1b"


def answer_json(sample, **company) -> str:
    q, h = sample
    a = AnswerSet(questionnaire=ref_of(q, h), company=Company(name=company.get("name", "Good Works")),
                  answers={"P-SIZE": Answer(value="large"), "C01": Answer(value=3, note="capacity plan")})
    return a.model_dump_json()


def refused(label: str, text: str | bytes) -> list[str]:
    with pytest.raises(ContentError) as e:
        parse_answers(text, label)
    return [f"{p.where}|{p.code}|{p.fix.key if p.fix else ''}" for p in e.value.problems]


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_lone_surrogate_is_refused_with_its_field(sample):
    escaped = answer_json(sample).replace('"capacity plan"', '"plan \\ud800"')
    assert refused("a.json", escaped) == ["answers.C01.note|clean.surrogate|clean.surrogate.fix"]
    raw = answer_json(sample).replace("capacity plan", "plan X").encode().replace(b"X", b"\xed\xa0\x80")
    assert [p.split("|")[1] for p in refused("a.json", raw)] == ["clean.not_text"]


def test_score_of_a_lone_surrogate_is_a_message_not_a_traceback(tmp_path, sample, capsys):
    path = tmp_path / "broken.json"
    path.write_text(answer_json(sample).replace('"Good Works"', '"Good \\udc80Works"'), "utf-8")
    code, text = run(capsys, "score", str(path), *Q, "--lang", "en")
    assert code == 1
    assert "company.name" in text and "half a character" in text and "Traceback" not in text
    code, text = run(capsys, "score", str(path), *Q, "--lang", "zh")
    assert code == 1 and "残缺字符" in text


def test_a_batch_scores_the_other_files_and_names_the_broken_ones(tmp_path, sample):
    folder = tmp_path / "in"
    folder.mkdir()
    good = answer_json(sample)
    (folder / "a-good.json").write_text(good, "utf-8")
    (folder / "m-escaped.json").write_text(good.replace('"Good Works"', '"Bad \\ud800"'), "utf-8")
    (folder / "m-raw.json").write_bytes(good.replace("Good Works", "BadX").encode().replace(b"X", b"\xed\xa0\x80"))
    (folder / "z-good.json").write_text(good.replace("Good Works", "Other Works"), "utf-8")
    out = tmp_path / "out"
    code = main(["batch", "--jobs", "1", str(folder), *Q, "-o", str(out), "--no-reports", "--lang", "en", "--quiet"])
    assert code == 1
    doc = json.loads((out / "portfolio.json").read_text("utf-8"))
    status = {f["file"].rsplit("/", 1)[-1].rsplit("\\", 1)[-1]: f["status"] for f in doc["files"]}
    assert status == {"a-good.json": "ok", "m-escaped.json": "refused", "m-raw.json": "refused",
                      "z-good.json": "ok"}
    assert (out / "portfolio.xlsx").stat().st_size > 1000
    text = json.dumps(doc)
    assert "company.name" in text and "clean.surrogate" in text and "clean.not_text" in text


def test_an_escape_sequence_in_a_company_name_never_reaches_the_terminal(tmp_path, sample, capsys):
    path = tmp_path / "evil.json"
    path.write_text(answer_json(sample).replace('"Good Works"', '"Evil\\u001b[2J\\u001b]0;owned\\u0007"'), "utf-8")
    code, text = run(capsys, "score", str(path), *Q, "--lang", "en")
    assert code == 1 and ESC not in text and "\x07" not in text
    assert "company.name" in text and "U+001B" in text
    # from an answer sheet (Excel writes a control character as _x001B_, which readers decode)
    q, h = sample
    wb = build_workbook(q, h, "en", AnswerSet(questionnaire=ref_of(q, h), company=Company(name="X")))
    cell = next(c for row in wb[COMPANY].iter_rows() for c in row if c.value == "X")
    cell.value = "Evil_x001B_[31mRED"
    sheet = tmp_path / "evil.xlsx"
    wb.save(sheet)
    code, text = run(capsys, "score", str(sheet), *Q, "--lang", "en")
    assert ESC not in text and f"{COMPANY}!{cell.coordinate}" in text and "control character" in text


def test_printed_names_show_their_control_characters_escaped(sample):
    from assess.cli.scoreview import summary

    q, h = sample
    answers = AnswerSet(questionnaire=ref_of(q, h), company=Company(name="Evil\x1b[31m\u202eRED\r"))
    con = Console(record=True, width=200, force_terminal=False)
    con.print(summary(score(q, answers), "en"))
    shown = con.export_text()
    assert "Evil\\x1b[31m\\u202eRED\\x0d" in shown and ESC not in shown
    assert printable("a\tb\nc\x1b", lines=True) == "a\tb\nc\\x1b"


def test_every_character_refused_in_text_is_one_a_screen_cannot_print():
    """Text that prints is taken without a closer look (`str.isprintable`, nearly every cell and
    field): so no character the rule refuses may be a printable one. Each refused kind is also
    refused where it sits in an otherwise printable text."""
    from assess.text.clean import _FAULT_LINE, text_fault

    assert not [hex(ord(c)) for c in map(chr, range(0x110000)) if c.isprintable() and _FAULT_LINE.search(c)]
    for ch in ("\x00", "\x1b", "\x85", "\u202e", "\u2067", "\ufffe", "\ud800"):
        assert text_fault(f"第3车间{ch}质检", "note") is not None, hex(ord(ch))
    assert text_fault("第一行\n第二行", "note") is None and text_fault("第一行\n第二行", "field") is not None


def test_deep_json_and_a_huge_integer_are_refused_with_a_message(tmp_path, sample, capsys):
    deep = tmp_path / "deep.json"
    deep.write_text('{"a":' * 1000 + "1" + "}" * 1000, "utf-8")
    code, text = run(capsys, "score", str(deep), *Q, "--lang", "en")
    assert code == 1 and "nests deeper than 32 levels" in text and "Traceback" not in text
    big = tmp_path / "big.json"
    big.write_text(answer_json(sample).replace('"value":3', '"value":' + "9" * 5000), "utf-8")
    code, text = run(capsys, "score", str(big), *Q, "--lang", "en")
    assert code == 1 and "answers.C01.value" in text and "5,000 characters" in text
    assert [p.split("|")[1] for p in refused("n.json", answer_json(sample).replace('"value":3', '"value":NaN'))] \
        == ["clean.number"]
    # nesting without a run of brackets is found too; brackets inside strings are text, not nesting
    assert refused("d.json", '{"a":' + '[[],' * 40 + "1" + "]" * 40 + "}") == ["|clean.too_deep|clean.too_deep.fix"]
    assert parse_answers(answer_json(sample).replace("capacity plan", "[" * 100), "x").answers["C01"].note == "[" * 100


@pytest.mark.parametrize("field,limit,fix", [
    ("note", NOTE_MAX, "clean.too_long.fix.note"),
    ("evidence", EVIDENCE_REF_MAX, "clean.too_long.fix.evidence"),
    ("company", FIELD_MAX, "clean.too_long.fix.field"),
])
def test_an_over_long_text_is_refused_with_its_limit(sample, field, limit, fix):
    q, h = sample
    long = "长" * (limit + 1)
    if field == "company":
        a = AnswerSet(questionnaire=ref_of(q, h), company=Company(name=long))
        where = "company.name"
    else:
        a = AnswerSet(questionnaire=ref_of(q, h),
                      answers={"C01": Answer(value=3, **({"note": long} if field == "note" else {"evidence": [long]}))})
        where = "answers.C01.note" if field == "note" else "answers.C01.evidence[0]"
    with pytest.raises(ContentError) as e:
        parse_answers(a.model_dump_json(), "x.json")
    [p] = e.value.problems
    assert (p.where, p.code, p.fix.key, p.message.arg("limit")) == (where, "clean.too_long", fix, limit)
    at_limit = a.model_dump_json().replace(long, long[:limit])
    assert long[:limit] in parse_answers(at_limit, "x.json").model_dump_json()


def test_an_over_long_note_on_a_sheet_is_refused_at_its_cell(tmp_path, sample, capsys):
    q, h = sample
    wb = build_workbook(q, h, "en", AnswerSet(questionnaire=ref_of(q, h),
                                              answers={"C01": Answer(value=3, note="n")}))
    cell = next(c for row in wb[ANSWERS].iter_rows() for c in row if c.value == "n")
    cell.value = "n" * (NOTE_MAX + 1)
    path = tmp_path / "long.xlsx"
    wb.save(path)
    code, text = run(capsys, "score", str(path), *Q, "--lang", "en")
    assert f"{ANSWERS}!{cell.coordinate}: too long: {NOTE_MAX + 1} characters, at most {NOTE_MAX}" in text


def test_an_answer_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(FILE_MAX + 1)
    with pytest.raises(ContentError) as e:
        load_answers(path)
    assert [p.code for p in e.value.problems] == ["clean.file_too_large"]


def test_a_report_with_texts_at_their_limits_verifies(tmp_path, sample, capsys):
    q, h = sample
    a = AnswerSet(
        questionnaire=ref_of(q, h),
        company=Company(name="名" * FIELD_MAX, sector="S" * FIELD_MAX, region="R" * FIELD_MAX),
        respondent=Respondent(name="人" * FIELD_MAX),
        answers={"P-SIZE": Answer(value="large"),
                 "C01": Answer(value=3, note="注\n" * (NOTE_MAX // 2), evidence=["E" * EVIDENCE_REF_MAX] * 20,
                               by="B" * FIELD_MAX),
                 "G05": Answer(value="文" * TEXT_MAX)},
    )
    src = tmp_path / "answers.json"
    src.write_text(a.model_dump_json(), "utf-8")
    out = tmp_path / "report.xlsx"
    code, text = run(capsys, "report", str(src), *Q, "-o", str(out), "--lang", "en")
    assert code in (0, 1) and out.exists(), text
    code, text = run(capsys, "verify", str(out), *Q, "--lang", "en")
    assert code == 0, text
    # a company name too long for a cell is refused at the door, not cut in the report
    src.write_text(a.model_copy(update={"company": Company(name="L" * 40_000)}).model_dump_json(), "utf-8")
    code, text = run(capsys, "report", str(src), *Q, "-o", str(tmp_path / "cut.xlsx"), "--lang", "en")
    assert code == 1 and "company.name: too long: 40000 characters, at most 200" in text
    assert not (tmp_path / "cut.xlsx").exists()


def test_an_answer_given_twice_in_an_answer_file_is_refused_not_decided_by_the_last(tmp_path, capsys):
    from assess.cli import main
    from assess.content.bundled import ref_of, resolve

    q, h = resolve("ai-manufacturing-2027@1.1.0")
    ref = ref_of(q, h).model_dump_json()
    path = tmp_path / "twice.json"
    path.write_text('{"format_version": 1, "questionnaire": ' + ref
                    + ', "answers": {"C02": {"value": 90}, "C02": {"value": 10}}}', "utf-8")
    assert main(["score", str(path)]) != 0
    err = capsys.readouterr().err
    assert "“C02” appears twice" in err and "Traceback" not in err
