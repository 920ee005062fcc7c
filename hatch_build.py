"""Build hook: compiles the optional C reader of answer-sheet cells (assess/io/_cells.c).

The reader works without it, in pure Python, only slower (see assess/io/sheet_reader.py), so a
machine without a C compiler still installs `assess`: the hook says why it could not compile and
carries on. A wheel that holds the module is tagged for this Python and platform; an editable
install gets the module beside its source, so that the checkout imports it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("assess") / "io" / "_cells.c"
MODULE = "assess.io._cells"


def compile_cells(root: Path, out: Path) -> Path:
    """Compile the module into `out` with the compiler and flags this Python was built with; returns
    the built file. The source's SHA-256 is compiled in, so that a stale build can be told apart."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    digest = hashlib.sha256((root / SOURCE).read_bytes()).hexdigest()
    ext = Extension(MODULE, [SOURCE.as_posix()], define_macros=[("CELLS_SOURCE_SHA256", f'"{digest}"')],
                    extra_compile_args=[] if sys.platform == "win32" else ["-O2"])
    dist = Distribution({"name": "assess", "ext_modules": [ext]})
    cmd = build_ext(dist)
    cmd.build_lib, cmd.build_temp = str(out), str(out / "obj")
    here = os.getcwd()
    os.chdir(root)  # setuptools wants the sources relative to the project
    try:
        cmd.ensure_finalized()
        cmd.run()
    finally:
        os.chdir(here)
    return Path(cmd.get_ext_fullpath(MODULE))


class CellsBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":  # an earlier build beside the source would be imported instead
            for stale in (root / SOURCE).parent.glob("_cells.*"):
                if stale.suffix in (".so", ".pyd"):
                    stale.unlink()
        if os.environ.get("ASSESS_PURE_PYTHON", "").strip().lower() not in ("", "0", "false", "no"):
            return
        self.scratch = scratch = Path(tempfile.mkdtemp(prefix="assess-cells-"))
        try:
            built = compile_cells(root, scratch)
        except Exception as e:  # no compiler or headers: the pure-Python reader is used
            self.app.display_warning(f"the C cell reader was not built ({type(e).__name__}: {e}); "
                                     "assess will read answer sheets in pure Python, more slowly")
            return
        target = (root / SOURCE).parent / built.name
        if version == "editable":
            shutil.copy2(built, target)
        else:
            build_data["force_include"][str(built)] = target.relative_to(root).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
