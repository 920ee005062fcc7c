"""When a workbook says it was last saved: read from docProps/core.xml, or not at all."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assess.excel.core_props import saved_at


def core(modified: str) -> dict[str, bytes]:
    return {"docProps/core.xml": (
        '<cp:coreProperties xmlns:cp="c" xmlns:dcterms="d" xmlns:xsi="x"><dcterms:modified xsi:type="dcterms:W3CDTF">'
        f'{modified}</dcterms:modified></cp:coreProperties>').encode()}


@pytest.mark.parametrize("written,expected", [
    ("2026-11-20T06:03:00Z", datetime(2026, 11, 20, 6, 3, tzinfo=UTC)),
    ("2026-11-20T14:03:00+08:00", datetime(2026, 11, 20, 6, 3, tzinfo=UTC)),
    ("2026-11-20T06:03:00", datetime(2026, 11, 20, 6, 3, tzinfo=UTC)),  # no zone: UTC, as Excel means it
])
def test_a_save_time_is_read_in_any_zone(written, expected):
    assert saved_at(core(written)) == expected


@pytest.mark.parametrize("written", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T99:00:00Z",
                                     "yesterday", ""])
def test_a_time_no_save_was_made_at_is_no_save_time(written):
    """Year 1 (a writer's unset time), a clock years ahead or no time at all: said to be unknown,
    never compared (a far time once made the later copy's row fail)."""
    assert saved_at(core(written)) is None


def test_a_workbook_without_its_properties_has_no_save_time():
    assert saved_at({"xl/workbook.xml": b"<workbook/>"}) is None and saved_at(None) is None
