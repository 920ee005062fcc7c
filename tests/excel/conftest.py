"""Fixtures for the io tests: the hostile corpus, built once per session from code."""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.content.bundled import resolve
from tests.conftest import DATA
from tests.excel.hostile import build_corpus

CARDS = DATA / "sample" / "cards.yaml"
"""The sample questionnaire with card groups (repeatable groups) and programmes that judge them."""


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case of `tests.excel.hostile.CASES`, written to a temporary folder: stem → path."""
    return build_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def cq():
    """(questionnaire, hash) of the sample with card groups."""
    return resolve(str(CARDS))
