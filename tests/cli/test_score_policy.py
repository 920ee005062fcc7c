"""`assess score` on questionnaire 1.1.0 says what its policy does: compliance first while a gate
fails, unconfirmed gates, questions that count 0 while a profile answer is blank, and a pillar the
profile rules out as not applicable."""

from __future__ import annotations

from assess.answers import Answer, AnswerSet
from assess.cli import main
from assess.content.answer_file import save_answers
from assess.content.bundled import ref_of, resolve


def _file(tmp_path, answers: dict[str, Answer]):
    q, h = resolve("ai-manufacturing-2027@1.1.0")
    path = tmp_path / "plant.json"
    save_answers(path, AnswerSet(questionnaire=ref_of(q, h), answers=answers))
    return path


def test_score_names_compliance_first_pending_questions_and_not_applicable(tmp_path, capsys):
    doc = lambda v: Answer(value=v, evidence_state="documented")  # noqa: E731
    path = _file(tmp_path, {
        "PR-MARKETS": doc(["none"]), "PR-OVERSEAS-SITES": doc(False), "PR-SELF-HOSTED": doc(True),
        "G01": doc(False),  # a gate failed
        "D01": Answer(value=True),  # passed on a declaration: unconfirmed
        "C02": doc(60),
    })
    main(["score", str(path)])
    out = capsys.readouterr().out
    assert "compliance first" in out and "G01" in out
    assert "D01" in out and "unconfirmed: declared only" in out
    assert "count 0 for now" in out and "PR-OUTBOUND" in out
    assert "not applicable" in out  # the overseas pillar


def test_in_chinese(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSESS_LANG", "zh")
    path = _file(tmp_path, {"PR-MARKETS": Answer(value=["none"]), "PR-OVERSEAS-SITES": Answer(value=False),
                            "PR-SELF-HOSTED": Answer(value=True), "G01": Answer(value=False)})
    main(["score", str(path)])
    out = capsys.readouterr().out
    assert "合规优先" in out and "不适用" in out and "先按 0 分计" in out


def test_gates_are_placed_by_pillar_name_in_the_users_language(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSESS_LANG", "zh")
    path = _file(tmp_path, {"G01": Answer(value=False), "D01": Answer(value=True)})
    main(["score", str(path)])
    out = capsys.readouterr().out
    assert "G01 (安全治理)" in out and "D01 (数据集)" in out  # a failed and an unconfirmed gate
    assert "(security)" not in out and "(data)" not in out
    # the programmes' criteria and the path to the targets name pillars and the overall score in words
    assert "安全治理 ≥ 3" in out and "总体 ≥ 3" in out and "算力供给：" in out
    assert "security ≥" not in out and "overall ≥" not in out and "compute：" not in out


def test_explain_keeps_a_gate_apart_without_a_cap_it_does_not_apply(tmp_path, capsys):
    """Under `gates: separate` a failed gate holds the overall level, not its pillar: explain says
    why the gates are left out of the mean, in words, and shows no cap."""
    path = _file(tmp_path, {"G01": Answer(value=False, evidence_state="documented"),
                            "G02": Answer(value=True, evidence_state="documented")})
    main(["explain", str(path), "security", "--lang", "zh"])
    out = capsys.readouterr().out
    assert "G02 (必备项，单列，不计入均值)" in out and "G01 (必备项，单列，不计入均值)" in out
    assert "(answered)" not in out and "封顶" not in out
