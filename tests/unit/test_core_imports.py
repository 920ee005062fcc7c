"""The scoring core stays pure: importing it loads no UI, Excel or shell module."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ["assess.scoring", "assess.plan", "assess.migrate", "assess.diff", "assess.output.document",
        "assess.output.schema"]
FORBIDDEN = ["textual", "rich", "openpyxl", "xlsxwriter", "python_calamine", "assess.io", "assess.tui", "assess.cli"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_nothing_heavy(module):
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules or any(k.startswith(m + '.') for k in sys.modules)]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
