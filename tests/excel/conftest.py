"""Fixtures for the io tests: the hostile corpus, built once per session from code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.excel.hostile import build_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every case of `tests.excel.hostile.CASES`, written to a temporary folder: stem → path."""
    return build_corpus(tmp_path_factory.mktemp("hostile"))
