"""`assess score` read on an 80-column terminal, the width of a Windows console by default."""

from __future__ import annotations

import pytest
from rich.console import Console

from assess.answers import AnswerSet, Company
from assess.cli.scoreview import summary
from assess.content.bundled import ref_of, resolve
from assess.model import localize
from assess.scoring import score


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_figures_stay_whole_and_no_line_starts_with_closing_punctuation(monkeypatch, locale):
    monkeypatch.setenv("COLUMNS", "80")
    q, h = resolve()  # the newest bundled release, with the longest pillar names
    a = score(q, AnswerSet(questionnaire=ref_of(q, h), company=Company(name="甲厂")))
    con = Console(width=80, record=True, color_system=None)
    con.print(summary(a, locale))
    lines = con.export_text().splitlines()
    table = lines[next(i for i, line in enumerate(lines) if line.startswith(("支柱", "pillar"))):]  # and all below
    assert not any(line.lstrip().startswith(("、", "，", "。")) for line in table)
    for p in q.pillars:  # each pillar's row shows the start of its name and its whole target
        first = localize(p.name, locale)[:4]
        row = next(line for line in table if line.startswith(first))
        assert "…" not in row
        assert f" {p.target:g} " in row or f" {p.target:.2f} " in row
