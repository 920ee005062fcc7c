"""Which scored firms the benchmark counts: the rules the portfolio applies, in one place, which the
duplicate check consults too (a company's copy left out for its own reason cannot stand in for it).

A duplicate is the portfolio's to add; the rules here are a firm's own: errors in its read, another
release's scores, fewer than half of its questions answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assess.batch.worker import FileResult

MIN_COMPLETION = 0.5
"""Least share of its questions a firm answered to count in the benchmark: below it, its score says
more about what it skipped than about the firm (blanks count 0 under one policy, and are left out of
the mean under another, where answering only one's strong questions would lift it)."""


def left_out(r: FileResult, release: str) -> tuple[str, dict[str, Any]] | None:
    """Why a scored firm stays out of a benchmark of `release` (`id@version`) by itself, as a label
    key of `assess.text.portfolio_labels` and its arguments; None when it counts (or is not scored)."""
    f = r.figures
    if not f:
        return None
    errors = r.counts()[0]
    if errors:
        return "bench.why.errors", {"n": errors}
    if r.release and r.release != release:
        return "bench.why.release", {"release": r.release, "batch": release}
    if f["completion"] < MIN_COMPLETION:
        return "bench.why.incomplete", {"answered": f.get("responded", 0), "applicable": f.get("applicable", 0)}
    return None
