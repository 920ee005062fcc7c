"""The command-line tests read the English words (`ASSESS_LANG=en`); the Chinese ones, which are the
default, are checked by tests that ask for them (tests/unit/test_glossary.py, tests/cli/test_language.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("ASSESS_LANG", "en")


@pytest.fixture(autouse=True)
def piped_width(monkeypatch):
    """The width a command picks when its output goes to a file or a pipe, whatever runs the tests
    (a test runner's worker process sets COLUMNS)."""
    monkeypatch.delenv("COLUMNS", raising=False)
