"""Text cut to terminal cells (CJK characters take two cells, so len() is wrong). Numbers and
answered values are formatted by `assess.text.format`, as everywhere else."""

from __future__ import annotations

from rich.cells import cell_len


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending with … when cut."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def fit(text: str, width: int) -> str:
    """`text` cut (with …) or padded with spaces to exactly `width` cells."""
    out = clip(text, width)
    return out + " " * max(0, width - cell_len(out))
