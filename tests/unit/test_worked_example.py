"""The worked example in the README's methodology section, checked literally: the answers are read from its
first table, and every figure of the other tables must be what `score` computes."""

from __future__ import annotations

import ast
import operator
import re
from pathlib import Path

import pytest
from scoring_cases import DK, NA, make, sample

from assess.model import MaturityQuestion, MultiSelectQuestion, NumberQuestion, PercentageQuestion, YesNoQuestion
from assess.plan import roadmap, shortest_path
from assess.rules import question_index
from assess.scoring import score

DOC = Path(__file__).resolve().parents[2] / "README.md"
Q = sample()
BY_ID = question_index(Q)
NONE = "—"


def table(name: str) -> list[dict[str, str]]:
    """The markdown table that follows `<!-- example:NAME -->`, as rows keyed by header."""
    text = DOC.read_text(encoding="utf-8")
    m = re.search(rf"<!-- example:{name} -->\n((?:\|.*\|\n)+)", text)
    assert m, f"no table {name!r} in {DOC}"
    lines = [line.strip().strip("|").split("|") for line in m.group(1).strip().splitlines()]
    header = [c.strip() for c in lines[0]]
    return [dict(zip(header, (c.strip() for c in row))) for row in lines[2:]]


def fmt(x: float | None) -> str:
    """How the document writes a figure: up to 4 decimals, no trailing zeros."""
    if x is None:
        return NONE
    return f"{x:.4f}".rstrip("0").rstrip(".")


def parse_answer(qid: str, cell: str):
    question = BY_ID[qid]
    if cell == "don't know":
        return DK
    if cell == "N/A":
        return NA
    if isinstance(question, YesNoQuestion):
        return {"yes": True, "no": False}[cell]
    if isinstance(question, MaturityQuestion):
        return int(cell)
    if isinstance(question, (PercentageQuestion, NumberQuestion)):
        return float(cell) if "." in cell else int(cell)
    if isinstance(question, MultiSelectQuestion):
        return [x.strip() for x in cell.split(",")]
    return cell


def example():
    values, states = {}, {}
    for row in table("answers"):
        qid = row["question"]
        if row["weight"] != NONE:
            assert float(row["weight"]) == BY_ID[qid].weight, qid
        if row["answer"] == NONE:
            continue
        values[qid] = parse_answer(qid, row["answer"])
        if row["evidence"] != NONE:
            states[qid] = row["evidence"]
    return score(Q, make(Q, values, states))


A = example()


@pytest.mark.parametrize("row", table("questions"), ids=lambda r: r["question"])
def test_question_figures(row):
    r = A.questions[row["question"]]
    counted = r.counted
    assert row["status"] == r.status
    assert row["score"] == fmt(r.score)
    assert row["counted"] == ("yes" if counted else "no")
    assert row["weight × score"] == fmt(r.weight * r.score if counted else None)
    assert row["evidence factor"] == fmt(r.evidence_factor if counted else None)
    assert row["weight × evidenced score"] == fmt(r.weight * r.evidenced if counted else None)
    assert row["gate"] == (r.gate_failed or NONE)


@pytest.mark.parametrize("row", table("pillars"), ids=lambda r: r["pillar"])
def test_pillar_figures(row):
    p = A.pillar(row["pillar"])
    assert row["Σ weight × score"] == fmt(p.points)
    assert row["Σ weight"] == fmt(p.counted_weight)
    assert row["mean"] == fmt(p.uncapped)
    assert row["gates failed"] == (", ".join(p.gates_failed) or NONE)
    assert row["score"] == fmt(p.score)
    assert row["level"] == str(p.level)
    assert row["Σ weight × evidenced"] == fmt(p.evidenced_points)
    assert row["evidenced mean"] == fmt(p.evidenced_uncapped)
    assert row["evidenced"] == fmt(p.evidenced)
    assert row["target"] == fmt(p.target)
    assert row["gap"] == fmt(p.gap)
    assert row["completion"] == fmt(p.completion)


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def arithmetic(text: str) -> float | None:
    """The value of a computation such as '(1 × 2.65 + 2 × 1) ÷ 3', or None for prose."""
    expr = text.replace("×", "*").replace("÷", "/").replace("−", "-")
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return None

    def ev(node):
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        raise ValueError(text)

    try:
        return ev(tree)
    except ValueError:
        return None


def test_overall_figures():
    rows = {r["figure"]: r for r in table("overall")}
    o = A.overall
    assert rows["score"]["value"] == fmt(o.score)
    assert rows["level"]["value"] == str(o.level)
    assert rows["evidenced"]["value"] == fmt(o.evidenced)
    assert rows["completion"]["value"] == fmt(o.completion)
    for r in rows.values():
        computed = arithmetic(r["computation"])
        if computed is not None:
            assert fmt(computed) == r["value"], r


def _show(v) -> str:
    if v is None:
        return NONE
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return ", ".join(v)
    return fmt(v) if isinstance(v, float) else str(v)


def test_shortest_path():
    path = shortest_path(A)
    rows = table("path")
    assert len(rows) == len(path.steps)
    for row, s in zip(rows, path.steps):
        assert row["order"] == str(s.order)
        assert (row["pillar"], row["question"]) == (s.pillar, s.question)
        assert (row["from"], row["to"]) == (_show(s.from_value), _show(s.to_value))
        assert row["gate"] == ("yes" if s.gate else "no")
    phases = {}
    for x in roadmap(A, path):
        phases.setdefault(x.phase, []).append(x.question)
    assert phases == {"now": ["G01"], "next": ["G04", "C03"], "later": ["C01", "G03", "C02"]}
