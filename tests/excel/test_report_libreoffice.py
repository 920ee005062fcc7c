"""A gap report as LibreOffice sees it: it converts to PDF without error, and a LibreOffice
re-save (what a client's office suite does) still verifies. Needs `soffice` (Debian
libreoffice-calc); run with `pytest -m slow`."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from assess.answers import Answer
from assess.excel.report_render import write_report
from assess.excel.verify import verify_report
from tests.conftest import SAMPLE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def soffice(tmp_path, target: str, source, outdir):
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile: no clash with a running office
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", target,
         "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    out = outdir / (source.stem + "." + target.split(":")[0])
    assert out.exists(), f"LibreOffice wrote nothing: {done.stdout} {done.stderr}"  # it can fail silently
    return out


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_report_converts_to_pdf_and_survives_a_resave(tmp_path, sample, sample_answers, locale):
    q, h = sample
    answers = sample_answers.model_copy(update={"answers": {**sample_answers.answers, "G01": Answer(value=False)}})
    report = write_report(tmp_path / f"report-{locale}.xlsx", q, h, answers, locale=locale)
    pdf = soffice(tmp_path, "pdf", report, tmp_path / "pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    resaved = soffice(tmp_path, "xlsx", report, tmp_path / "resaved")
    result = verify_report(resaved, str(SAMPLE))
    assert result.ok, [str(p) for p in result.problems]
    if not shutil.which("pdfinfo"):  # said, not passed over: the pages are not counted here
        pytest.skip("pdfinfo (poppler-utils) is not installed: the printed pages are not counted")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 6  # one per visible sheet at least; the Summary fits on one
