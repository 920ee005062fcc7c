"""Lets the unit tests import their shared builders (scoring_cases.py) in every import mode."""

import sys
from pathlib import Path

_here = str(Path(__file__).resolve().parent)
if _here not in sys.path:
    sys.path.insert(0, _here)
