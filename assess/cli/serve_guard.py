"""What stands between a browser and the app `assess serve` runs: an access token, the Host and
Origin checks and a limit on sessions, put in front of textual-serve's own routes.

textual-serve has none of these: any local user, any page the user's browser has open (through a
WebSocket, which no same-origin rule covers) and any site whose name is made to point at this
machine (DNS rebinding) could otherwise drive the app and read every saved assessment. So:
- every request must carry the token, in `?token=` or in the HttpOnly, SameSite=Strict cookie the
  first tokened page sets;
- every request must name this server in `Host` (the bound host, loopback names, --public-url's
  host, and, when bound to every address, IP literals and this machine's name: a rebinding attack
  needs a name of its own, never an IP literal);
- the WebSocket must come from a page of this server (`Origin`);
- at most `max_sessions` app processes run at once; the page says so when the limit is reached.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from assess.cli.cmd_serve import LOOPBACK_NAMES

TEXTUAL_SERVE_VERSION = "1.1.3"
"""The textual-serve release the two overrides below were written against; a test checks that its
`_make_app` and `on_startup` still take the arguments they take there."""

LOOPBACK = frozenset(LOOPBACK_NAMES | {"127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(32)


class HideToken(logging.Filter):
    """The request log names each address asked for: the token in it is shown as `…`, so that a log
    kept or passed on gives no one the way in."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "token=" in record.msg:
            record.msg = re.sub(r"token=[^&\s\"]*", "token=…", record.msg)
        return True


def host_name(header: str | None) -> str | None:
    """The name in a Host header, without port or brackets, lower case; None if unparsable."""
    if not header:
        return None
    header = header.strip().lower()
    if header.startswith("["):
        name, close, rest = header[1:].partition("]")
        if not close or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return None
    else:
        name, colon, port = header.rpartition(":")
        if not colon:
            name = port
        elif not port.isdigit() or ":" in name:
            return None
    name = name.rstrip(".")
    return name or None


def is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def allowed_hosts(host: str, public_url: str | None, machine_names: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a request's Host may give. `machine_names` count only when bound to every address."""
    names = set(LOOPBACK)
    bound = host.strip("[]").lower()
    if bound not in WILDCARDS:
        names.add(bound)
    else:
        names.update(n.lower() for n in machine_names if n)
    if public_url:
        public = urlsplit(public_url).hostname
        if public:
            names.add(public.lower())
    return frozenset(names)


def refusal_page(status: int, key: str, **values: object) -> web.Response:
    """A page in Chinese and English that says why the request was refused and what to do."""
    from assess.problems import msg
    from assess.text.messages import say

    parts = []
    for lang in ("zh", "en"):
        title = html.escape(say(msg("serve.refused_title"), lang))
        body = html.escape(say(msg(key, **values), lang))
        parts.append(f'<section lang="{lang}"><h1>{title}</h1><p>{body}</p></section>')
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>assess</title><style>"
            "body{font-family:sans-serif;max-width:42em;margin:4em auto;padding:0 1em;line-height:1.6}"
            "section+section{border-top:1px solid #ccc;margin-top:2em}</style></head><body>"
            + "".join(parts) + "</body></html>\n")
    response = web.Response(status=status, text=page, content_type="text/html", charset="utf-8")
    _harden(response, page=True)
    return response


def _harden(response: web.StreamResponse, page: bool) -> None:
    """Headers every answer carries: the token never leaves in a Referer, no other site frames the app;
    pages (not the script and fonts) are never kept in a cache."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if page:
        response.headers["Cache-Control"] = "no-store"


class GuardedServer(Server):
    """textual-serve's Server with the guard in front of every route."""

    def __init__(self, command: str, *, host: str, port: int, token: str, max_sessions: int,
                 hosts: frozenset[str], accept_ip_hosts: bool = False, uploads: Path | None = None,
                 lang: str = "zh", **kwargs) -> None:
        super().__init__(command, host=host, port=port, **kwargs)
        self.uploads = uploads
        self.lang = lang
        self.token = token
        self.max_sessions = max_sessions
        self.hosts = hosts
        self.accept_ip_hosts = accept_ip_hosts
        self.sessions = 0
        self.cookie = f"assess_token_{port}"  # cookies ignore ports: two servers must not share one
        self.announce: Callable[[], None] | None = None
        logging.getLogger("aiohttp.access").addFilter(HideToken())

    # textual-serve 1.1.3 builds its aiohttp application here with no way to add a middleware; the
    # application is not frozen until it starts, so the guard is put in front of the routes it made.
    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.middleware())
        if self.uploads is not None:
            from assess.cli.serve_upload import handle_upload

            folder, lang = self.uploads, self.lang

            async def upload(request: web.Request) -> web.StreamResponse:
                return await handle_upload(request, folder, lang)

            app.router.add_post("/upload", upload, name="upload")
        return app

    # textual-serve 1.1.3 prints its address here, without the token; ours prints the tokened one.
    async def on_startup(self, app: web.Application) -> None:
        if self.announce is not None:
            self.announce()

    def host_ok(self, header: str | None) -> bool:
        name = host_name(header)
        if name is None:
            return False
        return name in self.hosts or (self.accept_ip_hosts and is_ip(name))

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def origin_ok(self, request: web.Request) -> bool:
        """The WebSocket's page must be this server's: its origin is the one the request reached."""
        origin = (request.headers.get("Origin") or "").lower().rstrip("/")
        if not origin:
            return False
        served = {f"{scheme}://{request.host.lower()}" for scheme in ("http", "https")}
        public = urlsplit(self.public_url)
        if public.scheme and public.netloc:
            served.add(f"{public.scheme}://{public.netloc}".lower())
        return origin in served

    def middleware(self) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
        @web.middleware
        async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
            if not self.host_ok(request.headers.get("Host")):
                return refusal_page(403, "serve.bad_host", host=request.headers.get("Host", ""))
            by_query = self.token_ok(request.query.get("token"))
            if not by_query and not self.token_ok(request.cookies.get(self.cookie)):
                return refusal_page(403, "serve.no_token")
            route = request.match_info.route.name
            if route == "upload" and not self.origin_ok(request):  # only this server's page uploads
                return refusal_page(403, "serve.bad_origin", origin=request.headers.get("Origin", ""))
            if route == "websocket":
                if not self.origin_ok(request):
                    return refusal_page(403, "serve.bad_origin", origin=request.headers.get("Origin", ""))
                if self.sessions >= self.max_sessions:
                    return refusal_page(503, "serve.busy", n=self.max_sessions)
                self.sessions += 1  # one app process for as long as the socket lasts
                try:
                    return await handler(request)
                finally:
                    self.sessions -= 1
            if route == "index" and self.sessions >= self.max_sessions:
                return refusal_page(503, "serve.busy", n=self.max_sessions)
            response = await handler(request)
            if not response.prepared:
                _harden(response, page=route != "static")
                if by_query:
                    response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/",
                                        secure=self.public_url.startswith("https:"))
            return response

        return guard
