"""The words every surface uses for answer statuses, evidence states and must-haves.

The answer sheet, the app, the gap report and the command line each have their own label
tables, but a plant manager who reads 不清楚 in the app must find 不清楚 in the sheet and the
report too; these shared terms are the one place to change them.
"""

from __future__ import annotations

TERMS: dict[str, tuple[str, str]] = {
    "status.answered": ("已作答", "answered"),
    "status.na": ("不适用", "N/A"),
    "status.dont_know": ("不清楚", "don't know"),
    "evidence.declared": ("自述", "declared"),
    "evidence.documented": ("有文件", "documented"),
    "evidence.verified": ("经核实", "verified"),
    "gate": ("必备项", "must-have"),
    "gates_failed": ("未通过的必备项", "must-haves failed"),
}


def term(key: str, locale: str) -> str:
    """A shared term in `locale` (zh, else English)."""
    zh, en = TERMS[key]
    return zh if locale == "zh" else en


def pair(key: str, capitalise: bool = False) -> tuple[str, str]:
    """(zh, en) of a term, for label tables kept as pairs."""
    zh, en = TERMS[key]
    return zh, (en[:1].upper() + en[1:]) if capitalise else en


def mapping(key: str) -> dict[str, str]:
    """{zh: ..., en: ...} of a term, for label tables kept as mappings."""
    zh, en = TERMS[key]
    return {"zh": zh, "en": en}
