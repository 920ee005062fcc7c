"""The blank answer sheet printed through a real office suite: LibreOffice headless renders it to
PDF (A4, fitted to the page width) and the longest question of the Answers sheet appears in full,
in both languages; with default row heights the same text is cut. Needs `soffice` and `pdftotext`;
run with `pytest -m slow`."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from assess.content.bundled import resolve
from assess.excel.sheet_writer import write_template
from assess.model import localize

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice (soffice) or pdftotext is not installed"),
]


def printed(path: Path) -> str:
    """The text of the sheet printed to PDF by LibreOffice, with every space and line break gone."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
                       check=False, capture_output=True, timeout=600)
    pdf = path.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_the_longest_question_prints_in_full(tmp_path, locale):
    q, h = resolve("ai-manufacturing-2027")
    longest = max((localize(x.prompt, locale) for p in q.pillars for x in p.questions), key=len)
    tail = re.sub(r"\s+", "", longest)[-14:]
    text = printed(write_template(tmp_path / f"template-{locale}.xlsx", q, h, locale))
    assert tail in text, f"{tail!r} missing from the printed sheet"
