"""What the Export dialog can write, and the blocking writes its worker runs.

The JSON is the scoring output (`assess.output.document.assessment_to_dict`); the Excel gap report and the
pre-filled answer sheet come from the `assess.excel` writers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from assess.answers import AnswerSet
from assess.model import Questionnaire

Kind = Literal["report", "json", "template"]
KINDS: tuple[Kind, ...] = ("report", "json", "template")
SUFFIX = {"report": "-report.xlsx", "json": "-assessment.json", "template": "-answer-sheet.xlsx"}


@dataclass(frozen=True)
class ExportRequest:
    """What the Export dialog decided: which file, where, in which language."""

    kind: Kind
    path: Path
    lang: str


def default_path(answer_file: Path, kind: Kind, folder: Path | None = None) -> Path:
    """Beside the answer file (or in `folder`), named after it, never over an existing file."""
    folder = folder or answer_file.parent
    base = folder / (answer_file.stem + SUFFIX[kind])
    if not base.exists():
        return base
    stem, ext = base.name[: -len(Path(base).suffix)], base.suffix
    for n in range(2, 1000):
        candidate = folder / f"{stem}-{n}{ext}"
        if not candidate.exists():
            return candidate
    return folder / f"{stem}-{datetime.now():%Y%m%d%H%M%S}{ext}"


def write(request: ExportRequest, q: Questionnaire, sha256: str, answers: AnswerSet, answer_file: Path) -> Path:
    """Write the export (blocking: run it in a worker). Returns the path written."""
    path = Path(request.path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    if request.kind == "json":
        from assess.content.answer_file import write_atomic
        from assess.output.document import assessment_to_dict
        from assess.scoring import score

        data = assessment_to_dict(score(q, answers), request.lang)
        write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return path
    if request.kind == "report":
        import hashlib

        from assess.excel.report_render import write_report

        try:
            input_sha256 = hashlib.sha256(Path(answer_file).read_bytes()).hexdigest()
        except OSError:
            input_sha256 = None
        return Path(write_report(path, q, sha256, answers, locale=request.lang, input_sha256=input_sha256))
    from assess.excel.sheet_writer import write_template

    return Path(write_template(path, q, sha256, request.lang, answers))
