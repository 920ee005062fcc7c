"""`assess migrate` and `assess diff` on the bundled releases: a 1.0.0 answer file and a filled 1.0.0
answer sheet carried to 1.1.0, the original untouched, every answer not carried named."""

from __future__ import annotations

import json
import os

import pytest

from assess.answers import Answer
from assess.cli import main
from assess.content.answer_file import load_answers, save_answers
from assess.content.bundled import resolve
from tests.data.make_filled import random_answers, write_filled

OLD, NEW = "ai-manufacturing-2027@1.0.0", "ai-manufacturing-2027@1.1.0"


@pytest.fixture(scope="module")
def releases():
    return resolve(OLD), resolve(NEW)


@pytest.fixture
def answer_file(tmp_path, releases):
    (q, h), _ = releases
    answers = random_answers(q, h, seed=5)
    answers.answers["X-OLD"] = Answer(value=3)  # an answer no table lists
    path = tmp_path / "acme.json"
    save_answers(path, answers)
    return path


def test_an_answer_file_is_carried_into_a_new_file_and_the_original_is_untouched(answer_file, releases, capsys):
    before = answer_file.read_bytes()
    mtime = os.stat(answer_file).st_mtime_ns
    assert main(["migrate", str(answer_file)]) == 0
    out = capsys.readouterr().out
    new_path = answer_file.with_name("acme-1.1.0.json")
    assert answer_file.read_bytes() == before and os.stat(answer_file).st_mtime_ns == mtime
    carried = load_answers(new_path)
    _, (q2, h2) = releases
    assert (carried.questionnaire.version, carried.questionnaire.sha256) == ("1.1.0", h2)
    old = load_answers(answer_file)
    _accounted_for(q2, old, carried, out)
    assert "X-OLD: not carried: ai-manufacturing-2027@1.1.0 does not say where it goes" in out
    assert f"wrote {new_path}: " in out and f"carried from {OLD} to {NEW}" in out
    assert "the original is unchanged" in out
    assert "evidence state “verified” becomes “documented”" in out


def _accounted_for(q2, old, carried, out: str) -> None:
    """Every old answer is carried to a question its map names, or named in the output."""
    (table,) = q2.migrations
    maps = {m.old: m for m in table.questions}
    for qid in old.answers:
        m = maps.get(qid)
        if m is not None and any(t in carried.answers for t in m.to):
            continue
        assert f"{qid}: not carried" in out or f"{qid}：未延续" in out or f"{qid}: " in out, qid
    assert set(carried.answers) <= {t for m in table.questions for t in m.to}


def test_an_existing_output_is_not_replaced_without_force_and_the_input_never(answer_file, capsys):
    target = answer_file.with_name("acme-1.1.0.json")
    target.write_text("{}", encoding="utf-8")
    assert main(["migrate", str(answer_file)]) == 1
    assert "exists; use --force" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "{}"
    assert main(["migrate", str(answer_file), "--force"]) == 0
    assert load_answers(target).questionnaire.version == "1.1.0"
    before = answer_file.read_bytes()
    assert main(["migrate", str(answer_file), "-o", str(answer_file), "--force"]) == 2
    assert "would overwrite the original" in capsys.readouterr().err and answer_file.read_bytes() == before


def test_a_file_for_the_newest_release_has_nothing_to_carry(answer_file, capsys):
    assert main(["migrate", str(answer_file)]) == 0
    newest = answer_file.with_name("acme-1.1.0.json")
    capsys.readouterr()
    assert main(["migrate", str(newest)]) == 0
    assert "already for the newest release" in capsys.readouterr().out
    assert not newest.with_name("acme-1.1.0-1.1.0.json").exists()
    assert main(["migrate", str(answer_file), "--to", "1.0.0"]) == 2
    assert "carry forward only" in capsys.readouterr().err


def test_a_filled_1_0_0_sheet_is_read_under_its_release_then_carried(tmp_path, releases, capsys):
    (q, h), _ = releases
    (sheet,) = write_filled(q, h, tmp_path, 1, seed=9)
    expected = json.loads(sheet.with_suffix(".expected.json").read_text(encoding="utf-8"))
    out = tmp_path / "carried.json"
    assert main(["migrate", str(sheet), "-o", str(out), "--to", "1.1.0"]) == 0
    carried = load_answers(out)
    assert carried.questionnaire.version == "1.1.0"
    (table,) = releases[1][0].migrations
    maps = {m.old: m for m in table.questions}
    printed = capsys.readouterr().out
    for qid in expected["answers"]:
        assert any(t in carried.answers for t in maps[qid].to) or f"{qid}: " in printed, qid
    assert carried.company.name == expected["company"]["name"]


def test_migrate_speaks_chinese_by_default(answer_file, capsys, monkeypatch):
    monkeypatch.delenv("ASSESS_LANG")
    assert main(["migrate", str(answer_file)]) == 0
    out = capsys.readouterr().out
    assert "X-OLD：未延续：ai-manufacturing-2027@1.1.0 没有说明它的去向" in out
    assert "条答案从 ai-manufacturing-2027@1.0.0 延续到 ai-manufacturing-2027@1.1.0" in out
    assert "原文件未改动" in out


def test_diff_of_the_bundled_releases_in_words(capsys):
    assert main(["diff", OLD, NEW]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Changes from {OLD} to {NEW}")
    assert "how gates count: counted in their pillar, a failed one caps it → kept apart" in out
    assert "the respondent may mark an answer verified: yes → no" in out
    assert "programmes judged on: claimed score → evidenced score" in out
    assert main(["diff", "1.0.0", "1.1.0", "--lang", "zh"]) == 0
    assert "填写人可以自己标记“经核实”：是 → 否" in capsys.readouterr().out


def test_diff_takes_questionnaire_files_and_names_an_unknown_release(tmp_path, capsys):
    from tests.migration_cases import v1_data, v2_data, write

    old, new = write(tmp_path, v1_data()), write(tmp_path, v2_data())
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "- G05 Other remarks (Security governance) (removed: remarks now go in the report)" in out
    assert "says how answers to sample@1.0.0 carry" in out
    assert main(["diff", OLD, "ai-manufacturing-2027@9.9.9"]) == 1
    assert "9.9.9 is not bundled" in capsys.readouterr().err


def test_migrate_counts_questions_and_lists_what_is_left_to_answer(tmp_path, releases, capsys, monkeypatch):
    monkeypatch.delenv("ASSESS_LANG")
    (q, h), _ = releases
    answers = random_answers(q, h, seed=5)
    answers.answers.update(C07=Answer(value=False), A03=Answer(value=False), M04=Answer(value=True))
    path = tmp_path / "plant.json"
    save_answers(path, answers)
    assert main(["migrate", str(path)]) == 0
    out = capsys.readouterr().out
    dropped = out.split("未延续的答案：\n", 1)[1].split("\n已写入", 1)[0].splitlines()
    assert sum(1 for line in dropped if line.startswith("  C07：")) == 1
    assert "  C07：未延续到 C20、C21、C22：新版本不沿用原答案“否”" in out and "“false”" not in out
    assert f"{len(dropped)} 道题目的答案未延续（原因见上）" in out  # one per question, not per new question
    profile = out.index("新版本企业画像中还需回答的题目")
    gates = out.index("新版本中还需回答的必备项")
    assert profile < out.index("  PR-SELF-HOSTED 贵企业是否") < gates < out.index("  C20 ")


def test_diff_names_pillars_card_groups_and_options_as_users_know_them(capsys):
    assert main(["diff", OLD, NEW, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "（算力供给）（新增）" in out and "（compute）" not in out
    assert "新增卡片组 典型应用场景" in out and "scenarios" not in out
    assert "等级描述有变：第 0 级" in out and "选项分值 自建机房中的GPU/NPU服务器 3 → 1" in out
    assert "- C16 推理效率优化（压缩模型、提高吞吐、降低单位成本）做到了哪一步？（算力供给）（删去：推理优化属于" in out
    assert "~ C09：措辞有变：“上一季度，自有AI加速卡的平均利用率是多少？” → “上一季度，贵企业自有或租用的" in out


def test_migrate_force_refuses_an_answer_file_open_in_the_app(answer_file, releases, capsys):
    from assess.session.opening import open_answer_file

    target = answer_file.with_name("acme-1.1.0.json")
    assert main(["migrate", str(answer_file)]) == 0
    before = target.read_bytes()
    store = open_answer_file(target, releases[1])
    capsys.readouterr()
    try:
        assert main(["migrate", str(answer_file), "--force"]) == 1
        assert f"{target} is open in the assess app (process {os.getpid()}@" in capsys.readouterr().err
        assert target.read_bytes() == before
    finally:
        store.close()
    assert main(["migrate", str(answer_file), "--force"]) == 0
