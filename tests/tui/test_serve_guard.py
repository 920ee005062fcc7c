"""`assess serve` refuses what is not the user's own browser: no token, a foreign Host (DNS
rebinding), a WebSocket from another site's page, one session too many. Driven over real HTTP on an
ephemeral port with aiohttp's test client; each session's app is a stand-in process."""

from __future__ import annotations

import inspect
import re
import shlex
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from textual_serve.server import Server

from assess.cli import serve_guard
from assess.cli.cmd_serve import page_templates, served_url
from assess.cli.main import build_parser, main
from assess.cli.serve_guard import GuardedServer, allowed_hosts, host_name

from .helpers import async_test

TOKEN = "t0ken-for-the-tests"
PUBLIC = "http://127.0.0.1:8000"
# A stand-in for the app: says it is a Textual app, then waits for the server to tell it to quit.
FAKE_APP = shlex.join([sys.executable, "-c",
                       "import sys; print('__GANGLION__', flush=True); sys.stdin.buffer.read(1)"])


def guarded(tmp_path, max_sessions: int = 4) -> GuardedServer:
    templates = page_templates("assess", tmp_path / "templates", PUBLIC)
    return GuardedServer(FAKE_APP, host="127.0.0.1", port=8000, title="assess", public_url=PUBLIC,
                         templates_path=templates, token=TOKEN, max_sessions=max_sessions,
                         hosts=allowed_hosts("127.0.0.1", PUBLIC))


class client_of:
    """An HTTP client of the guarded server, listening on an ephemeral loopback port."""

    def __init__(self, server: GuardedServer) -> None:
        self.server = server

    async def __aenter__(self) -> TestClient:
        self.client = TestClient(TestServer(await self.server._make_app(), host="127.0.0.1"))
        await self.client.start_server()
        return self.client

    async def __aexit__(self, *exc) -> None:
        await self.client.close()


def origin(client: TestClient) -> str:
    return f"http://127.0.0.1:{client.port}"


@async_test
async def test_without_the_token_every_address_is_refused_with_a_page_in_both_languages(tmp_path):
    async with client_of(guarded(tmp_path)) as client:
        for path in ("/", "/static/js/textual.js", "/download/x", "/?token=wrong"):
            response = await client.get(path)
            assert response.status == 403, path
        text = await response.text()
        assert "访问令牌" in text and "access token" in text


@async_test
async def test_the_token_opens_the_page_and_leaves_a_cookie_for_the_rest(tmp_path):
    async with client_of(guarded(tmp_path)) as client:
        page = await client.get(f"/?token={TOKEN}")
        assert page.status == 200
        assert "<title>assess</title>" in await page.text()
        cookie = page.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert page.headers["Referrer-Policy"] == "no-referrer"  # the token never leaves in a Referer
        script = await client.get("/static/js/textual.js")  # the cookie, no token in the address
        assert script.status == 200
        again = await client.get("/")
        assert again.status == 200


@async_test
async def test_a_foreign_host_is_refused_even_with_the_token(tmp_path):
    async with client_of(guarded(tmp_path)) as client:
        for host in ("attacker.example", f"attacker.example:{client.port}", "127.0.0.1.nip.io", ""):
            response = await client.get(f"/?token={TOKEN}", headers={"Host": host})
            assert response.status == 403, host
        assert "attacker.example" in await (await client.get(
            f"/?token={TOKEN}", headers={"Host": "attacker.example"})).text()
        for host in (f"localhost:{client.port}", f"127.0.0.1:{client.port}", f"[::1]:{client.port}"):
            assert (await client.get(f"/?token={TOKEN}", headers={"Host": host})).status == 200, host


@async_test
async def test_a_websocket_from_another_sites_page_is_refused(tmp_path):
    async with client_of(guarded(tmp_path)) as client:
        await client.get(f"/?token={TOKEN}")  # the cookie: the page of another site would have it sent too
        for foreign in ("http://evil.example", f"http://evil.example:{client.port}", "null", None):
            headers = {"Origin": foreign} if foreign else {}
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect("/ws", headers=headers)
            assert refused.value.status == 403, foreign


@async_test
async def test_a_websocket_needs_the_token_too(tmp_path):
    async with client_of(guarded(tmp_path)) as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers={"Origin": origin(client)})
        assert refused.value.status == 403


@async_test
async def test_one_session_too_many_gets_a_page_that_says_so(tmp_path):
    server = guarded(tmp_path, max_sessions=1)
    async with client_of(server) as client:
        await client.get(f"/?token={TOKEN}")
        first = await client.ws_connect("/ws", headers={"Origin": origin(client)})
        try:
            assert server.sessions == 1
            busy = await client.get("/")
            assert busy.status == 503
            text = await busy.text()
            assert "浏览器会话" in text and "browser sessions" in text and "--max-sessions" in text
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect("/ws", headers={"Origin": origin(client)})
            assert refused.value.status == 503
        finally:
            await first.close()
        for _ in range(100):  # the server stops the app process once the socket is closed
            if server.sessions == 0:
                break
            await __import__("asyncio").sleep(0.05)
        assert (await client.get("/")).status == 200


@async_test
async def test_the_page_loads_nothing_from_another_host(tmp_path):
    async with client_of(guarded(tmp_path)) as client:
        page = await (await client.get(f"/?token={TOKEN}")).text()
    assert "googleapis" not in page
    loads = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)|url\(\s*["']?([^"')]*)""", page)
    addresses = [a or b for a, b in loads]
    assert addresses and all(a.startswith("/static/") for a in addresses), addresses
    assert "fonts/RobotoMono" in page  # the font the page names is still there, served from here
    assert "{{" not in page


def test_the_request_log_does_not_show_the_token():
    import logging

    record = logging.LogRecord("aiohttp.access", logging.INFO, "", 0,
                               f'127.0.0.1 "GET /?token={TOKEN}&fontsize=16 HTTP/1.1" 200', None, None)
    serve_guard.HideToken().filter(record)
    assert TOKEN not in record.getMessage() and "fontsize=16" in record.getMessage()


def test_host_names_are_read_as_a_browser_sends_them():
    assert host_name("127.0.0.1:8000") == "127.0.0.1"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost.") == "localhost"
    assert host_name("example.org") == "example.org"
    assert host_name("") is None and host_name("[::1") is None and host_name("a:b:c") is None


def test_the_names_a_server_answers_to():
    assert allowed_hosts("127.0.0.1", None) >= {"127.0.0.1", "localhost", "::1"}
    assert "assess.example.cn" in allowed_hosts("0.0.0.0", "https://assess.example.cn/x")
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0", None, ("plant-pc",))
    assert "plant-pc" in allowed_hosts("0.0.0.0", None, ("plant-pc",))
    assert "plant-pc" not in allowed_hosts("10.0.0.5", None, ("plant-pc",))


def test_the_overridden_textual_serve_methods_still_take_what_they_took():
    """GuardedServer overrides Server._make_app and Server.on_startup as textual-serve
    TEXTUAL_SERVE_VERSION defines them; if a release changes them, re-read it before updating this."""
    assert list(inspect.signature(Server._make_app).parameters) == ["self"]
    assert inspect.iscoroutinefunction(Server._make_app)
    assert list(inspect.signature(Server.on_startup).parameters) == ["self", "app"]
    init = inspect.signature(Server.__init__).parameters
    assert {"command", "host", "port", "title", "public_url", "templates_path"} <= set(init)
    assert serve_guard.TEXTUAL_SERVE_VERSION == "1.1.3"


def test_the_printed_address_holds_a_token_and_public_says_what_it_exposes(tmp_path, monkeypatch, capsys):
    seen = {}

    def serve(self):  # instead of listening: print what would be printed, note what would be served
        seen["server"] = self
        self.announce()

    monkeypatch.setattr(GuardedServer, "serve", serve)
    assert main(["serve", "--host", "0.0.0.0", "--public", "--port", "8123", "--data-dir", str(tmp_path),
                 "--max-sessions", "2", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    token = seen["server"].token
    assert f":8123/?token={token}" in out and len(token) >= 32
    assert "at most 2 browser sessions" in out
    assert "no TLS" in err and "reverse proxy" in err and str(tmp_path) in err
    assert seen["server"].max_sessions == 2


def test_the_address_for_every_interface_names_this_machine(monkeypatch):
    monkeypatch.setattr("socket.gethostname", lambda: "plant-pc")
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--public", "--port", "9000"])
    assert served_url(args) == "http://plant-pc:9000"
    args = build_parser().parse_args(["serve", "--public-url", "https://assess.example.cn/"])
    assert served_url(args) == "https://assess.example.cn"


def test_a_port_in_use_is_a_message_not_a_traceback(capsys):
    import socket

    from assess.cli import main

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"cannot serve on 127.0.0.1:{port}" in err and "--port" in err and "Traceback" not in err
