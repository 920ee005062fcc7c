"""assess serve: the assessment app in a browser (textual-serve). No authentication: loopback
unless --public is given."""

from __future__ import annotations

import argparse

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
    p = sub.add_parser(
        "serve",
        help="serve the assessment app to a web browser",
        description="Serve the assessment app to a web browser with textual-serve. There is no "
        "authentication: it listens on loopback (127.0.0.1) unless --public is given with another --host. "
        "Exports reach the browser as downloads.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--public", action="store_true",
                   help="allow a non-loopback --host; anyone who can reach it can read and change answers")
    p.add_argument("--public-url", metavar="URL", help="URL browsers use to reach the server, if not host:port")
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


def titled_templates(title: str):
    """textual-serve's page templates with a <title>: its own page has none, so browsers would
    show the address. Written to a temporary folder at start-up; the originals are untouched."""
    import html
    import tempfile
    from pathlib import Path

    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates"
    target = Path(tempfile.mkdtemp(prefix="assess-serve-"))
    for page in source.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<title>" not in text:
            text = text.replace("<head>", f"<head>\n    <title>{html.escape(title)}</title>", 1)
        (target / page.name).write_text(text, encoding="utf-8")
    return target


def run(args: argparse.Namespace) -> int:
    import sys

    from assess.cli.common import EXIT_USAGE, env_lang, fail

    if args.lang is None:
        env_lang()  # each session's app inherits ASSESS_LANG: refuse a wrong one before serving
    if not is_loopback(args.host) and not args.public:
        return fail(f"--host {args.host} is not a loopback address; add --public to serve it "
                    "(there is no authentication)", EXIT_USAGE)
    if args.public and not is_loopback(args.host):
        print(f"warning: serving on {args.host}:{args.port} with no authentication: anyone who can reach "
              "this address can read and change the answers.", file=sys.stderr)
    import shutil

    from textual_serve.server import Server

    templates = titled_templates("assess")
    server = Server(app_command(args), host=args.host, port=args.port, title="assess", public_url=args.public_url,
                    templates_path=templates)
    try:
        server.serve()
    finally:
        shutil.rmtree(templates, ignore_errors=True)
    return 0
