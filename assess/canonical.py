"""Canonical JSON and content hashes, shared by questionnaire hashing, reports and verify.

Canonical form of a validated model:
  1. `model_dump(mode="json", by_alias=True)` - every field, defaults included (nothing dropped);
  2. serialised with keys sorted, no insignificant white space, non-ASCII kept as is;
  3. encoded as UTF-8.
The hash is SHA-256 of the scheme id, a newline, then the canonical bytes, written as
lowercase hex. Recording the scheme id means a future change of method cannot be
confused with a change of content.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

HASH_SCHEME = "assess-c14n-1"


def canonical_bytes(data: BaseModel | Any) -> bytes:
    """The canonical UTF-8 JSON of a model or of plain JSON-able data."""
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json", by_alias=True)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(data: BaseModel | Any) -> str:
    """SHA-256 (hex) of the hash scheme id and the canonical bytes."""
    return digest_of_bytes(canonical_bytes(data))


def digest_of_bytes(canonical: bytes) -> str:
    """`digest` of data whose canonical bytes are already at hand."""
    h = hashlib.sha256()
    h.update(HASH_SCHEME.encode("ascii") + b"\n")
    h.update(canonical)
    return h.hexdigest()
