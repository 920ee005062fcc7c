"""The command-line tests read the English words (`ASSESS_LANG=en`); the Chinese ones, which are the
default, are checked by tests that ask for them (tests/unit/test_glossary.py, tests/cli/test_language.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("ASSESS_LANG", "en")
