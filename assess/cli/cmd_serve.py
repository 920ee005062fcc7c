"""assess serve: the assessment app in a browser (textual-serve), behind an access token printed at
start, on loopback unless --public is given (the guard itself is `assess.cli.serve_guard`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assess.problems import Msg

LOOPBACK_NAMES = {"localhost", "ip6-localhost", "ip6-loopback"}


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(sub: argparse._SubParsersAction) -> None:
    from assess.cli.common import positive_int

    p = sub.add_parser(
        "serve",
        help="serve the assessment app to a web browser",
        description="Serve the assessment app to a web browser with textual-serve. It prints an address "
        "holding a random access token; every page and connection needs it. It listens on loopback "
        "(127.0.0.1) unless --public is given with another --host. Exports reach the browser as downloads.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--public", action="store_true",
                   help="allow a non-loopback --host; anyone with the tokened address can read and change "
                        "answers, and there is no TLS: put it behind a reverse proxy that provides HTTPS")
    p.add_argument("--public-url", metavar="URL",
                   help="URL browsers use to reach the server, if not host:port (its host is then accepted)")
    p.add_argument("--max-sessions", type=positive_int, default=4, metavar="N",
                   help="browser sessions (app processes) at once; more are refused (default 4)")
    p.add_argument("--questionnaire", "-q", metavar="ID[@VERSION]|PATH", help="questionnaire for new assessments")
    p.add_argument("--lang", choices=["zh", "en"], default=None, help="starting language")
    p.add_argument("--data-dir", metavar="DIR", help="where answer files are kept")
    p.set_defaults(run=run)


def app_command(args: argparse.Namespace, windows: bool | None = None) -> str:
    """The command line textual-serve runs for each browser session, quoted for the shell that
    runs it (cmd.exe on Windows, where POSIX quotes would be taken literally)."""
    import os
    import shlex
    import subprocess
    import sys

    parts = [sys.executable, "-m", "assess", "tui"]
    if args.questionnaire:
        parts += ["--questionnaire", args.questionnaire]
    if args.lang:
        parts += ["--lang", args.lang]
    if args.data_dir:
        parts += ["--data-dir", args.data_dir]
    if os.name == "nt" if windows is None else windows:
        return subprocess.list2cmdline(parts)
    return shlex.join(parts)


FONT_FACES = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("STATIC/fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("STATIC/fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>"""

SAME_ORIGIN_SOCKET = """<script>
      // The WebSocket goes to the address this page was loaded from (textual-serve writes the
      // --public-url one), so that the access cookie goes with it and its Origin matches.
      (function () {
        var el = document.getElementById("terminal");
        var url = new URL(el.dataset.sessionWebsocketUrl, location.href);
        url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
        url.host = location.host;
        el.dataset.sessionWebsocketUrl = url.href;
      })();
    </script>
  </body>"""


def page_templates(title: str, target: Path, public_url: str = "", lang: str = "zh") -> Path:
    """textual-serve's page templates, written to `target` (the originals are untouched) with:
    - a <title>: its own page has none, so browsers would show the address;
    - nothing from the internet: its page takes Roboto Mono from fonts.googleapis.com, which
      mainland users cannot reach; the font files it ships are served from /static instead;
    - the script, styles and WebSocket on the page's own address, not --public-url's, so that a page
      opened as localhost still carries its access cookie to all of them;
    - its words ("Session ended.", "Restart") in the server's language, and a button that uploads a
      filled answer sheet for the app to import (`assess.cli.serve_upload`)."""
    import html
    import re
    from urllib.parse import urlsplit

    import textual_serve

    from assess.cli.serve_upload import page_parts

    words = page_parts(lang)

    package = Path(textual_serve.__file__).parent
    static = urlsplit(public_url).path.rstrip("/") + "/static"
    fonts = FONT_FACES.replace("STATIC", static) if (package / "static" / "fonts").is_dir() else ""
    target.mkdir(parents=True, exist_ok=True)
    for page in (package / "templates").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<title>" not in text:
            text = text.replace("<head>", f"<head>\n    <title>{html.escape(title)}</title>", 1)
        text = re.sub(r"<link\b[^>]*\bhref=\"https?://[^>]*>", "", text, flags=re.S)
        text = re.sub(r"<script\b[^>]*\bsrc=\"https?://[^>]*>\s*</script>", "", text, flags=re.S)
        text = text.replace("</head>", f"  {fonts}\n  </head>", 1)
        text = re.sub(r"\{\{\s*config\.static\.url\s*\}\}", static + "/", text)
        text = re.sub(r"<html\b[^>]*>", f'<html lang="{lang}">', text, count=1)
        text = text.replace(">Session ended.<", f">{words['ended']}<").replace(">Restart<", f">{words['restart']}<")
        text = text.replace(">Start<", f">{words['start']}<")
        text = text.replace("</body>", "  " + words["upload"] + "\n  </body>", 1)
        text = text.replace("</body>", SAME_ORIGIN_SOCKET, 1)
        (target / page.name).write_text(text, encoding="utf-8")
    return target


def served_url(args: argparse.Namespace) -> str:
    """The address browsers use, without the token: --public-url, else the bound one (this machine's
    name when bound to every address, where 0.0.0.0 would lead nowhere)."""
    import socket

    if args.public_url:
        return args.public_url.rstrip("/")
    host = args.host
    if host.strip("[]") in ("0.0.0.0", "::", ""):
        host = socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}" if args.port == 80 else f"http://{host}:{args.port}"


def run(args: argparse.Namespace) -> int:
    import os
    import shutil
    import socket
    import sys
    import tempfile

    from assess.cli.common import EXIT_USAGE, env_lang, fail, lang_of, say
    from assess.cli.serve_guard import WILDCARDS, GuardedServer, allowed_hosts, new_token
    from assess.problems import msg
    from assess.session.saved import EXPORTS_ENV, UPLOADS_ENV

    if args.lang is None:
        env_lang()  # each session's app inherits ASSESS_LANG: refuse a wrong one before serving
    if not is_loopback(args.host) and not args.public:
        return fail(msg("serve.not_loopback", host=args.host), EXIT_USAGE)
    try:  # a port in use is the user's to change: say so before the server starts, not as a traceback
        socket.create_server((args.host.strip("[]"), args.port)).close()
    except OSError as e:
        return fail(_port_refused(e, args.host, args.port), EXIT_USAGE)
    wildcard = args.host.strip("[]") in WILDCARDS
    machine = (socket.gethostname(), socket.getfqdn()) if wildcard else ()
    url = served_url(args)
    token = new_token()

    def announce() -> None:
        print(say(msg("serve.open")), flush=True)
        print(f"    {url}/?token={token}", flush=True)
        print(say(msg("serve.sessions", n=args.max_sessions)), flush=True)
        if wildcard:
            print(say(msg("serve.wildcard", name=socket.gethostname())), flush=True)
        if args.public:
            from assess.session.saved import data_dir

            where = f"{args.host}:{args.port}"
            folder = args.data_dir or str(data_dir())
            print(say(msg("serve.public", where=where, data=folder)), file=sys.stderr, flush=True)

    # One private folder for this server: the page templates, and the exports of every browser session
    # (each app removes its own when its session ends; whatever is left goes when the server stops).
    root = Path(tempfile.mkdtemp(prefix="assess-serve-"))
    exports = root / "exports"
    exports.mkdir()
    uploads = root / "uploads"  # sheets uploaded from the page, waiting for an app to import them
    uploads.mkdir()
    os.environ[EXPORTS_ENV] = str(exports)
    os.environ[UPLOADS_ENV] = str(uploads)
    lang = lang_of(args)
    templates = page_templates("assess", root / "templates", url, lang)
    server = GuardedServer(app_command(args), host=args.host, port=args.port, title="assess", public_url=url,
                           templates_path=templates, token=token, max_sessions=args.max_sessions,
                           hosts=allowed_hosts(args.host, url, machine), accept_ip_hosts=wildcard,
                           uploads=uploads, lang=lang)
    server.announce = announce
    try:
        server.serve()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


def _port_refused(e: OSError, host: str, port: int) -> Msg:
    """Why the server cannot listen there, with what to do: a port in use, an address this computer
    does not have, or a port the system keeps for itself (below 1024, or reserved on Windows)."""
    import errno

    from assess.problems import msg, os_reason

    if e.errno == errno.EADDRINUSE:
        return msg("serve.port_in_use", host=host, port=port)
    if e.errno == errno.EADDRNOTAVAIL:
        return msg("serve.address_not_here", host=host)
    if e.errno in (errno.EACCES, errno.EPERM):
        return msg("serve.port_reserved", host=host, port=port)
    return msg("serve.cannot_listen", host=host, port=port, why=os_reason(e))
