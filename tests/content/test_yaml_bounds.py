"""Questionnaire and seed YAML is bounded before anything is built: no anchors or aliases (a small
file of them stands for billions of objects), limited size, depth and entry count; each refusal
names the file, the line and the fix."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assess.cli import main
from assess.content import yaml_file
from assess.content.bundled import load_questionnaire, load_sources, releases
from assess.content.yaml_file import ContentError
from assess.text.messages import problem_text
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]

HEAD = "schema: assess/questionnaire/1\nid: bomb\nversion: 1.0.0\nlocales: [zh, en]\ntitle: {zh: 炸弹, en: Bomb}\n"


def alias_bomb(n: int = 1000) -> str:
    """~12 KB standing for 10^9 options: a pillar, a question and an option each repeated n times."""
    options = "[&o {id: o, label: {zh: 甲, en: A}}" + ", *o" * n + "]"
    questions = "[&q {id: C01, type: single, prompt: {zh: 题, en: Q}, options: " + options + "}" + ", *q" * n + "]"
    return HEAD + "pillars: [&p {id: C, name: {zh: 算力, en: Compute}, weight: 1, questions: " + questions + "}" + \
        ", *p" * n + "]\n"


CHILD = """
import json, sys, time
from assess.content.bundled import resolve
from assess.content.yaml_file import ContentError
from assess.text.messages import problem_text
t = time.perf_counter()
try:
    resolve(sys.argv[1])
    out = {"problems": []}
except ContentError as e:
    out = {"problems": [problem_text(p, lang) for p in e.problems for lang in ("zh", "en")]}
out["seconds"] = time.perf_counter() - t
print(json.dumps(out, ensure_ascii=False))
"""


def _limit_memory() -> None:  # in the child, before it runs: a bomb that goes off fails, never swaps
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_an_alias_bomb_given_as_a_questionnaire_is_refused_in_under_a_second(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 40_000
    run = subprocess.run([sys.executable, "-c", CHILD, str(bomb)], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=30,
                         preexec_fn=_limit_memory if sys.platform != "win32" else None)
    assert run.returncode == 0, run.stderr[-2000:]
    got = json.loads(run.stdout)
    assert got["seconds"] < 1.0
    zh, en = got["problems"]
    assert en == (f"{bomb}: 6:11: YAML anchor &p: questionnaire and seed files take no anchors (&) or aliases (*) "
                  "→ remove &p and write the content out in full wherever *p refers to it")
    assert zh.startswith(f"{bomb}: 6:11：YAML 锚点 &p：问卷和来源文件不接受锚点（&）与别名（*）")


def _problem(path: Path, load=load_questionnaire) -> str:
    with pytest.raises(ContentError) as e:
        load(path)
    (p,) = e.value.problems
    return problem_text(p, "en")


def test_an_alias_without_its_anchor_on_the_same_line_is_named_where_it_is_used(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "q.yaml"
    path.write_text(text.replace("title: {zh: 示例问卷, en: Sample questionnaire}",
                                 "title: {zh: 示例问卷, en: Sample questionnaire}\nx: *t"), encoding="utf-8")
    line = text[: text.index("\ndescription:")].count("\n") + 2
    assert _problem(path) == (f"{path}: {line}:4: YAML alias *t: questionnaire and seed files take no anchors (&) or "
                              "aliases (*) → replace *t with the content it refers to, written out")


def test_deep_nesting_is_refused_at_its_line_before_any_object_is_built(tmp_path, monkeypatch):
    path = tmp_path / "deep.yaml"
    path.write_text(HEAD + "description: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    built = []
    monkeypatch.setattr(yaml_file.yaml, "load", lambda *a, **k: built.append(a))
    assert _problem(path) == (f"{path}: 6:53: nested more than 40 levels deep → questionnaire and seed files nest at "
                              "most 40 levels: check the indentation and the brackets here")
    assert not built


def test_a_seed_file_is_bounded_the_same_way(tmp_path):
    (tmp_path / "plan.yaml").write_text("id: plan\ntitle: &t {zh: 规划, en: Plan}\nalso: *t\n", encoding="utf-8")
    sources, problems = load_sources(tmp_path)
    assert sources == {} and [p.where for p in problems] == ["2:8"]
    assert "YAML anchor &t" in problem_text(problems[0], "en")


def test_too_many_entries_and_too_large_a_file_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_text(HEAD + "tags: [" + ", ".join(["x"] * 300) + "]\n", encoding="utf-8")
    monkeypatch.setattr(yaml_file, "MAX_NODES", 250)
    assert _problem(path).startswith(f"{path}: 6:")
    assert "more than 250 YAML entries" in _problem(path)
    monkeypatch.setattr(yaml_file, "MAX_BYTES", 1000)
    assert _problem(path) == (f"{path}: the file is too large (0.0 MiB; the limit is 0.0 MiB) → questionnaire and "
                              "seed files are never this large: check that this is the right file")


def test_the_cli_names_the_file_and_line_of_a_refused_questionnaire(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSESS_LANG", "zh")
    path = tmp_path / "q.yaml"
    path.write_text(HEAD + "description: &d {zh: 说明, en: About}\n", encoding="utf-8")
    assert main(["template", "-q", str(path), "-o", str(tmp_path / "s.xlsx")]) == 1
    assert f"{path}: 6:14：YAML 锚点 &d" in capsys.readouterr().err


@pytest.mark.parametrize("release", releases(), ids=lambda r: r.ref)
def test_the_bundled_questionnaires_pass_the_bounds(release):
    yaml_file.read_yaml(release.path)  # raises if any anchor, alias or bound is met
