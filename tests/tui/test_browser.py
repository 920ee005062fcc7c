"""`assess serve` in a real browser: headless Chromium (Debian's) through playwright.

The terminal draws into a canvas, so the test checks what the page and the app do: the page is
titled "assess", the address without its token is refused, the tokened one connects and receives
the first screen, keys typed in the browser reach the app (a new answer file appears, with the
company typed), and an export arrives as a browser download. A page of another site on the same
machine cannot open the app's WebSocket. The screenshots are kept in the test's tmp folder."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .helpers import SAMPLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)  # polling an external process and a browser; nothing to await
    raise AssertionError(f"timed out waiting for {what}")


def answered(answer_file: Path) -> int:
    """How many questions the saved file holds an answer to."""
    answers = json.loads(answer_file.read_text())["answers"]
    return sum(a.get("status") == "answered" for a in answers.values())


def can_connect(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def printed_address(out: Path) -> str | None:
    """The tokened address `assess serve` prints when it starts."""
    found = re.search(r"http://\S+/\?token=\S+", out.read_text(encoding="utf-8", errors="replace"))
    return found.group(0) if found else None


EVIL_PAGE = """<!DOCTYPE html><html><body><script>
  const ws = new WebSocket("ws://127.0.0.1:PORT/ws?width=80&height=24");
  ws.onopen = () => { document.title = "connected"; };
  ws.onerror = ws.onclose = () => { if (document.title !== "connected") document.title = "refused"; };
</script></body></html>"""


def other_site(folder: Path, app_port: int) -> tuple[http.server.HTTPServer, int]:
    """Another site on this machine (another port: the same site to the cookie), whose page tries
    to drive the app through its WebSocket."""
    folder.mkdir()
    (folder / "index.html").write_text(EVIL_PAGE.replace("PORT", str(app_port)), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.mark.slow
def test_serve_shows_the_app_in_headless_chromium(tmp_path, sample_answers):
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from assess.content.bundled import load_questionnaire
    from assess.excel.sheet_writer import write_template

    filled = write_template(tmp_path / "filled.xlsx", *load_questionnaire(SAMPLE), "en", sample_answers)
    port = free_port()
    data = tmp_path / "data"
    out = tmp_path / "serve.out"
    with out.open("wb") as stdout:
        server = subprocess.Popen(
            [sys.executable, "-m", "assess", "serve", "--port", str(port), "--data-dir", str(data),
             "--questionnaire", str(SAMPLE), "--lang", "en"],
            stdout=stdout, stderr=subprocess.DEVNULL,
        )
    evil, evil_port = other_site(tmp_path / "other-site", port)
    try:
        wait_for(lambda: can_connect(port), 30, "the server to listen")
        address = wait_for(lambda: printed_address(out), 30, "the tokened address")
        assert address.startswith(f"http://127.0.0.1:{port}/?token=")
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                context = browser.new_context(viewport={"width": 1200, "height": 800})
                requested: list[str] = []  # every address the app's pages ask for: this server's alone
                context.on("request", lambda request: requested.append(request.url))
                page = context.new_page()
                refused = page.goto(f"http://127.0.0.1:{port}/")
                assert refused.status == 403 and "access token" in page.content()
                page.goto(address)
                assert page.title() == "assess"
                page.wait_for_selector(".-first-byte", state="attached", timeout=60_000)
                page.wait_for_timeout(3000)  # the terminal draws into a canvas: give it time
                page.screenshot(path=str(tmp_path / "serve.png"))
                assert (tmp_path / "serve.png").stat().st_size > 10_000

                page.focus(".xterm-helper-textarea")  # where the terminal reads keys from
                page.keyboard.press("n")  # the Start screen takes it: a new assessment, the company first
                page.wait_for_timeout(3000)  # nothing is written until something is typed: give it time
                page.keyboard.type("ACME", delay=30)
                page.keyboard.press("Enter")  # the company name makes the answer file
                answer_file = wait_for(lambda: next(iter(data.glob("*.json")), None), 30, "a new answer file")
                wait_for(lambda: json.loads(answer_file.read_text())["company"]["name"] == "ACME", 30,
                         "the company name typed in the browser")
                page.screenshot(path=str(tmp_path / "serve-company.png"))

                # an export reaches the browser as a download. Each step waits for what it causes,
                # not for a fixed time: keys travel over a websocket to another process, which on a
                # loaded machine can take seconds to draw the next screen.
                before = answered(answer_file)
                page.keyboard.press("Escape")  # leave the company screen for the first question
                page.wait_for_timeout(1500)
                page.keyboard.press("2")  # answer it: the answer is saved at once
                wait_for(lambda: answered(answer_file) > before, 30, "the answer typed in the browser")
                page.keyboard.press("x")  # open the Export dialog (Enter exports)
                page.wait_for_timeout(1500)
                with page.expect_download(timeout=30_000) as download:
                    page.keyboard.press("Enter")
                saved = tmp_path / download.value.suggested_filename
                download.value.save_as(saved)
                assert saved.suffix == ".xlsx" and saved.read_bytes()[:2] == b"PK"

                # a second tab uploads a filled sheet from the page and imports it in its app; then it
                # quits, and the page says the session ended, in the server's language
                second = context.new_page()
                second.goto(address)
                second.wait_for_selector(".-first-byte", state="attached", timeout=60_000)
                second.wait_for_timeout(3000)
                second.set_input_files("#assess-upload input", str(filled))
                second.wait_for_function(
                    "document.getElementById('assess-upload-status').textContent.includes('Uploaded filled.xlsx')",
                    timeout=30_000)
                second.focus(".xterm-helper-textarea")
                second.keyboard.press("i")  # the uploaded sheets are offered
                second.wait_for_timeout(1500)
                second.keyboard.press("Enter")
                imported = wait_for(lambda: next(iter(data.glob("filled*.json")), None), 30, "the imported sheet")
                assert json.loads(imported.read_text())["answers"]["C01"]["value"] == 3
                second.wait_for_timeout(1500)
                second.keyboard.press("Control+q")
                second.wait_for_selector("body.-closed", state="attached", timeout=30_000)
                assert second.inner_text(".closed-dialog .message") == "This session has ended; every answer was saved."
                second.screenshot(path=str(tmp_path / "serve-ended.png"))
                assert requested and all(u.startswith(f"http://127.0.0.1:{port}/") for u in requested), requested

                # the same browser, its access cookie set, on another site's page: no WebSocket
                other = context.new_page()  # the same profile: the cookie goes with it
                other.goto(f"http://127.0.0.1:{evil_port}/")
                other.wait_for_function("document.title !== ''", timeout=30_000)
                assert other.title() == "refused"
            finally:
                browser.close()
    finally:
        evil.shutdown()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
