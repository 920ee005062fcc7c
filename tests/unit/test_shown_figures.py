"""A figure reads the same on every screen: the command line, the app and the HTML summary show a
score or a share as the gap report, in Excel or WPS, shows the same stored number."""

from __future__ import annotations

import pytest

from assess.text.format import percent, score


@pytest.mark.parametrize("stored,shown", [
    (2.945, "2.95"),  # a hair under 2.945 in binary: Python's own rounding gives 2.94
    (1.335, "1.34"),
    (0.125, "0.13"),
    (3.0, "3.00"),
    (4.999, "5.00"),
    (0.0, "0.00"),
    (-0.001, "0.00"),  # never "-0.00"
])
def test_a_score_is_rounded_as_a_spreadsheet_rounds_it(stored, shown):
    assert score(stored) == shown


@pytest.mark.parametrize("share,shown", [(0.125, "13%"), (0.145, "15%"), (0.875, "88%"), (1.0, "100%"),
                                          (0.0, "0%"), (0.994, "99%")])
def test_a_share_is_rounded_as_a_spreadsheet_rounds_it(share, shown):
    assert percent(share) == shown

