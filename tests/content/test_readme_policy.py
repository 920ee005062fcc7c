"""The README's table of each bundled release's scoring policy says what the files say."""

from __future__ import annotations

from pathlib import Path

from assess.content.bundled import load_questionnaire, releases
from assess.model import localize

README = Path(__file__).resolve().parents[2] / "README.md"


def _rows() -> dict[str, list[str]]:
    text = README.read_text("utf-8")
    section = text.split("### Policy of each bundled release", 1)[1]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ai-") and len(cells) == 10:
            rows[cells[0]] = cells[1:]
    return rows


def _expected(path: Path) -> list[str]:
    q, _ = load_questionnaire(path)
    p = q.scoring
    names = [localize(n, "zh") for n in p.levels.names]
    levels = f"{names[1]} … {names[-1]} at " + ", ".join(f"{t:g}" for t in p.levels.thresholds[1:])
    cap = f"pillar at {p.gate_cap:.1f}" if p.gates == "in_pillar" else f"overall level at {p.gate_level_cap}"
    d = p.evidence_discounts
    discounts = " / ".join(f"{d[k]:g}" if d[k] != 1 else "1.0" for k in sorted(d, key=lambda s: s.value))
    return [levels, p.dont_know, p.gates, cap, p.blank, discounts,
            "yes" if p.respondent_verifies else "no", "yes" if p.documented_names_evidence else "no",
            p.programmes_on]


def test_the_readme_states_every_bundled_releases_policy():
    rows = _rows()
    bundled = {r.ref: r.path for r in releases()}
    assert set(rows) == set(bundled)
    for ref, path in bundled.items():
        assert rows[ref] == _expected(path), ref
