"""Fixtures for the io tests (the hostile corpus, shared with the batch's tests, is in tests/conftest.py)."""

from __future__ import annotations

import pytest

from assess.content.bundled import resolve
from tests.conftest import DATA

CARDS = DATA / "sample" / "cards.yaml"
"""The sample questionnaire with card groups (repeatable groups) and programmes that judge them."""


@pytest.fixture(scope="session")
def cq():
    """(questionnaire, hash) of the sample with card groups."""
    return resolve(str(CARDS))
