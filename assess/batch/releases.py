"""Which release a batch scores a file under: its own, when the batch's release carries answers
from it (scored under it all the same, with a notice naming the newer one), read in each worker once.
"""

from __future__ import annotations

import re
from typing import Any

from assess.model import SEMVER, Questionnaire

_OLDER: dict[tuple[str, str], tuple[Questionnaire, str] | None] = {}
"""Earlier releases loaded in this worker, by (id, version)."""


def older_release(q: Questionnaire, qid: str, version: str, sha256: str = "") -> tuple[Questionnaire, str] | None:
    """The bundled earlier release `qid@version` when `q` carries answers from it (so a file made for
    it is scored under it, with a notice), else None. A file whose pinned hash is not that release's
    text is not taken for it."""
    from assess.content.bundled import ContentError, resolve

    if qid != q.id or version == q.version or not re.fullmatch(SEMVER, version):
        return None  # a pin is the file's word, not a path: only a release number is looked up
    if _newer_ref(q, qid, version) is None:
        return None
    key = (qid, version)
    if key not in _OLDER:
        try:
            _OLDER[key] = resolve(f"{qid}@{version}")
        except ContentError:
            _OLDER[key] = None
    found = _OLDER[key]
    if found is None or (sha256 and sha256 != found[1]):
        return None
    return found


def _newer_ref(q: Questionnaire, qid: str, version: str) -> str | None:
    """`q`'s ref when answers to `qid@version` reach it through the bundled tables, else None."""
    from assess.content.bundled import ContentError, resolve
    from assess.content.carry import steps

    try:
        old, _ = resolve(f"{qid}@{version}")
    except ContentError:
        return None
    return q.ref if steps(old, (q, "")) is not None else None


def older_sheet(q: Questionnaire, data: bytes, parts: Any) -> tuple[Questionnaire, str] | None:
    from assess.excel.sheet_pin import pin_of_workbook

    pin = pin_of_workbook(data, parts)
    return None if pin is None else older_release(q, pin.id, pin.version, pin.sha256 or "")


def carries(q: Questionnaire, qid: str, version: str) -> bool:
    """Whether `q` says how answers to `qid@version` carry into it (an older release of the same)."""
    return qid == q.id and any(m.from_version == version for m in q.migrations)


def newest(q: Questionnaire) -> str:
    """The newest bundled release answers to `q` carry into, `id@version`, or ""."""
    from assess.content.carry import newest_for

    found = newest_for(q)
    return found[0].ref if found is not None else ""
