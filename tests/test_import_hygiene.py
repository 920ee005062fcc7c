"""The core stays pure, and `assess --help` stays light."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["textual", "rich", "openpyxl", "xlsxwriter", "python_calamine", "yaml"]
CORE = ["assess.model", "assess.sources", "assess.answers", "assess.canonical", "assess.memo", "assess.problems",
        "assess.rules", "assess.scoring", "assess.plan", "assess.migrate", "assess.diff", "assess.output.document",
        "assess.output.schema"]


def loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_core_imports_no_ui_excel_or_io():
    """All the core modules in one interpreter: if together they load none of these, none of them
    does alone. A failure names the core modules that load one."""
    banned = HEAVY + ["assess.io", "assess.tui", "assess.cli"]

    def heavy(mods: set[str]) -> set[str]:
        return {m for m in mods for h in banned if m == h or m.startswith(h + ".")}

    if heavy(loaded_after("\n".join(f"import {m}" for m in CORE))):
        culprits = {m: sorted(heavy(loaded_after(f"import {m}"))) for m in CORE}
        raise AssertionError({m: bad for m, bad in culprits.items() if bad})


def test_help_loads_no_heavy_library():
    mods = loaded_after("import contextlib, io\nfrom assess.cli import main\n"
                        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])")
    heavy = [h for h in ["textual", "openpyxl", "xlsxwriter", "python_calamine", "rich", "pydantic", "cryptography"]
             if h in mods]
    assert heavy == []
