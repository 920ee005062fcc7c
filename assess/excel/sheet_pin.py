"""Which questionnaire release an answer sheet was made from: its hidden Meta sheet's pin (id,
version, content hash, language), the fingerprints of the rows' texts as written, and the names of
its card sheets. Read before the answers, to choose the release the sheet is scored under.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assess.answers import QuestionnaireRef
from assess.excel import sheet_format as T
from assess.excel.sheet_cells import MAX_SHARED_BYTES, MAX_SHEET_BYTES, Book, Package, Rows
from assess.excel.sheet_values import cell_text


@dataclass(slots=True)
class Pin:
    """What the Meta sheet says the sheet was made from."""

    format: str = ""
    id: str = ""
    version: str = ""
    sha256: str = ""
    locale: str = ""
    generator: str = ""
    """The tool version that wrote the template (`assess 0.6.0`)."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """Row id -> fingerprint of its text, as written."""
    cards: dict[str, str] = field(default_factory=dict)
    """Card group id -> the name of its sheet, as written."""

    def ref(self) -> QuestionnaireRef:
        return QuestionnaireRef(id=self.id, version=self.version, sha256=self.sha256)


_PIN_KEYS = {"format": "format", "questionnaire_id": "id", "questionnaire_version": "version",
             "questionnaire_sha256": "sha256", "locale": "locale", "generator": "generator"}


def read_pin(rows: Rows, fingerprints: bool = True) -> Pin:
    """The Meta sheet's keys and (unless not wanted) its row fingerprints."""
    pin = Pin()
    for row in rows:
        if len(row) >= 2 and row[0] in _PIN_KEYS:
            setattr(pin, _PIN_KEYS[row[0]], cell_text(row[1]))
        elif len(row) >= 3 and row[0] == T.CARD_SHEET and cell_text(row[1]) and cell_text(row[2]):
            pin.cards[cell_text(row[1])] = cell_text(row[2])
    if fingerprints:
        pin.fingerprints = meta_fingerprints(rows)
    return pin


def meta_fingerprints(rows: Rows) -> dict[str, str]:
    """Row id -> fingerprint of its text, from the Meta sheet."""
    out: dict[str, str] = {}
    for row in rows:
        if len(row) >= 2 and row[0] == T.FINGERPRINTS and isinstance(row[1], str):
            for pair in row[1].split(";"):
                rid, _, fp = pair.partition("=")
                if rid:
                    out[rid] = fp
    return out


def pin_of_workbook(data: bytes, parts: dict[str, bytes] | None = None) -> Pin | None:
    """What the Meta sheet of a workbook the guard has passed says it was made for (None: no Meta
    sheet, or unreadable)."""
    try:
        package = Package(data, parts)
        if package.shared > MAX_SHARED_BYTES or package.size(T.META) > MAX_SHEET_BYTES:
            return None
        book = Book(package)
        if T.META not in book.names:
            return None
        rows = book.rows(T.META)
    except Exception:  # a damaged or hostile file: its turn comes in the batch
        return None
    return read_pin(rows, fingerprints=False)
