"""The one-page executive summary beside each gap report: self-contained (no request of any kind),
every text escaped, in the report's language, traceable to the workbook by its hash, and one A4
page when a browser prints it (slow: Chromium headless)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest

from assess.answers import Company
from assess.content.bundled import resolve
from assess.excel.report_layout import prepare
from assess.excel.report_render import write_files
from assess.excel.verify import verify_report
from assess.text.format import score as fig
from tests.data.make_filled import random_answers

AT = "2026-03-01T08:00:00Z"
HOSTILE = '<script>alert("x")</script> & Söhne <img src=http://evil.example/x.png>'


@pytest.fixture(scope="module")
def bundled():
    return resolve("ai-manufacturing-2027@1.1.0")


def write(tmp_path, bundled, locale, seed=7, company=None):
    q, h = bundled
    answers = random_answers(q, h, seed, blank=0.1)
    if company is not None:
        answers = answers.model_copy(update={"company": Company(name=company, sector="<b>机械</b>", region="苏州")})
    report = prepare(q, h, answers, locale=locale, generated_at=AT, utc_offset=480)
    files = write_files(tmp_path / f"firm-{locale}-{seed}.xlsx", report, twins=False)
    return report, files


@pytest.mark.parametrize(("locale", "name"), [("zh", "firm-zh-7.摘要.html"), ("en", "firm-en-7.summary.html")])
def test_written_beside_the_report_in_its_language(tmp_path, bundled, locale, name):
    report, files = write(tmp_path, bundled, locale)
    assert files.summary == tmp_path / name
    page = files.summary.read_text("utf-8")
    d = report.doc
    assert f'lang="{"zh-CN" if locale == "zh" else "en"}"' in page
    assert fig(d["overall"]["score"]) in page and d["levels"][d["overall"]["level"]]["name"] in page
    assert all(p["name"] in page for p in d["pillars"])
    assert page.count("<svg") == sum(p["applicable"] for p in d["pillars"])  # a bar per pillar
    assert report.embedded.digest in page  # the same digest `assess verify` checks in the workbook
    assert f"{d['questionnaire']['id']}@{d['questionnaire']['version']}" in page
    assert files.xlsx.name in page and "2026-03-01 16:00 (UTC+8)" in page
    assert ("优先行动" if locale == "zh" else "Actions to take first") in page
    assert d["roadmap"][0]["question"] in page
    assert verify_report(files.xlsx).ok


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_self_contained_and_every_text_escaped(tmp_path, bundled, locale):
    _, files = write(tmp_path, bundled, locale, company=HOSTILE)
    page = files.summary.read_text("utf-8")
    shown = html.escape(HOSTILE, quote=True)
    assert shown in page  # the name as typed, as text
    assert not re.search(r"https?://", page.replace(shown, ""), re.I)  # the page itself names no address
    assert not re.search(r"<(script|link|img|iframe|object)\b", page, re.I)
    assert not re.search(r"\b(src|href)\s*=", page.replace(shown, ""), re.I)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Söhne" in page
    assert "&lt;b&gt;机械&lt;/b&gt;" in page
    assert '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"' in page
    assert "@page { size: A4" in page


def test_figures_round_as_the_workbook_shows_them():
    assert fig(1.125) == "1.13" and fig(2.0) == "2.00" and fig(0.004999) == "0.00"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
                    reason="Chromium is not installed")
@pytest.mark.parametrize("locale", ["zh", "en"])
@pytest.mark.parametrize("seed", [7, 11])
def test_prints_on_one_a4_page(tmp_path, bundled, locale, seed):
    _, files = write(tmp_path, bundled, locale, seed=seed, company="苏州精密机械制造股份有限公司第二分公司（工业园区）")
    pdf = tmp_path / "summary.pdf"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                           f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}",
                           files.summary.as_uri()], capture_output=True, text=True, timeout=120)
    assert pdf.exists(), done.stderr
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages == 1
    size = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", data)
    assert size and abs(float(size.group(1)) - 595) < 2 and abs(float(size.group(2)) - 842) < 2  # A4
