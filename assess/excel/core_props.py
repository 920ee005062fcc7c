"""When a workbook says it was last saved: the `modified` time of its docProps/core.xml, which Excel,
WPS and LibreOffice set at every save. A plant that sends its sheet again (v2, 最终版) sends a copy saved
later; the batch says which copy that is, so that the consultant keeps the right one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

_MODIFIED = re.compile(rb"<(?:[\w.-]+:)?modified\b[^>]*>\s*([0-9][0-9T:.+\-Z ]{9,40}?)\s*<")


def saved_at(parts: Mapping[str, bytes] | None) -> datetime | None:
    """The time the workbook was last saved, from the parts the guard inflated (None when it does
    not say, or says it in a form that is not a time)."""
    core = next((data for name, data in (parts or {}).items() if name.lower() == "docprops/core.xml"), None)
    found = _MODIFIED.search(core) if core else None
    if found is None:
        return None
    try:
        at = datetime.fromisoformat(found.group(1).decode("ascii").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    at = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    # a time no save was made at (year 1, as some writers leave it unset; a clock years ahead) says nothing
    return at if EARLIEST <= at <= datetime.now(UTC) + timedelta(days=1) else None


EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
"""Before any workbook a plant sends back was saved: an earlier time is a writer's placeholder."""
