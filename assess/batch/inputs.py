"""Which files a batch scores: the files and folders named, in the order given, each file once.

A folder contributes its answer sheets and answer files; what it holds besides (notes, office lock
files, the batch's own output, earlier batches' outputs) is left out, and every file left out that
a user might have expected to see scored is named in `Inputs.skipped` with why.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assess.problems import Msg, msg
from assess.text.format import printable

SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xls", ".ods", ".json")
"""Files a folder contributes. Other files (notes, PDFs) are left alone; .xls and .ods are taken so
that they are refused with a reason rather than skipped in silence."""


@dataclass(slots=True)
class Input:
    path: Path
    display: str
    """The path as the user named it (relative to the current folder when inside it)."""
    report_stem: str = ""
    """Unique stem of its per-firm report."""


@dataclass(slots=True)
class Inputs:
    files: list[Input] = field(default_factory=list)
    skipped: list[Msg] = field(default_factory=list)
    """Files left out, with why (lock files of office suites, earlier batch outputs)."""
    missing: list[str] = field(default_factory=list)
    """Paths given that do not exist."""


def _display(path: Path) -> str:
    """The path as shown: relative when inside the current folder; a name's control characters and
    undecodable bytes escaped, as every output (terminal, portfolio) can show them."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return printable(str(path))
    return printable(str(path) if rel.startswith("..") else rel)


def collect_inputs(paths: Sequence[str | Path], outdir: Path | None = None) -> Inputs:
    """Every file to score, in the order given (folders walked in sorted order), each once.

    A folder contributes its answer sheets and answer files (see SUFFIXES), not its hidden files,
    office lock files (`~$x.xlsx`), the batch's own `outdir`, nor earlier batch outputs (a folder
    holding a portfolio.json). A file named directly is always taken.
    """
    out = Inputs()
    seen: set[str] = set()
    out_resolved = outdir.resolve() if outdir is not None else None

    def take(p: Path, real: str | None = None, display: str | None = None) -> None:
        r = real if real is not None else str(p.resolve())
        if r in seen:
            return
        seen.add(r)
        out.files.append(Input(p, printable(display) if display is not None else _display(p)))

    for raw in paths:
        p = Path(raw)
        if p.is_file():
            take(p)
        elif p.is_dir():
            for folder, dirs, files in os.walk(p):
                here = Path(folder)
                # resolved once per folder: a file that is not a link resolves to it plus its name
                here_real = str(here.resolve())
                here_display = _display(here)
                keep = []
                for d in sorted(dirs):
                    if d.startswith("."):
                        continue
                    shown = _display(here / d) + os.sep
                    if out_resolved is not None and (here / d).resolve() == out_resolved:
                        out.skipped.append(msg("batch.skipped.this_output", path=shown))
                        continue
                    if any((here / d / marker).is_file() for marker in ("portfolio.json", "portfolio.partial.json")):
                        out.skipped.append(msg("batch.skipped.earlier_output", path=shown))
                        continue
                    keep.append(d)
                dirs[:] = keep
                for name in sorted(files):
                    f = here / name
                    if name.startswith((".", "~$")):
                        if name.startswith("~$") or name.startswith(".~lock"):
                            out.skipped.append(msg("batch.skipped.lock_file", path=_display(f)))
                        continue
                    if f.suffix.lower() in SUFFIXES:
                        real = str(f.resolve()) if os.path.islink(f) else os.path.join(here_real, name)
                        shown = str(f) if here_display.startswith("..") or os.path.isabs(here_display) else \
                            name if here_display == "." else os.path.join(here_display, name)
                        take(f, real, shown)
        else:
            out.missing.append(printable(str(raw)))
    taken: set[str] = set()
    for item in out.files:
        stem = re.sub(r"[^\w.\-]+", "_", item.path.stem).strip("._") or "file"
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        item.report_stem = name
    return out
