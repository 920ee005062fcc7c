"""assess keygen: make a key pair for signing gap reports."""

from __future__ import annotations

import argparse

from assess.cli.common import add_lang_option
from assess.cli.words import h


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "keygen",
        help=h("keygen.help"),
        description=h("keygen.description"),
    )
    p.add_argument("name", metavar="NAME", help=h("keygen.name"))
    p.add_argument("--out", metavar="DIR", default=".", help=h("keygen.out"))
    p.add_argument("--passphrase", action="store_true",
                   help=h("keygen.passphrase"))
    add_lang_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from assess.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, say
    from assess.content.keys import generate, key_paths, name_problem
    from assess.problems import msg, os_reason
    from assess.text.format import printable

    name = args.name.strip()
    wrong = name_problem(name)
    if wrong is not None:
        raise UsageError(wrong)
    folder = Path(args.out)
    for path in key_paths(name, folder):  # refused before a passphrase is asked for
        if path.exists() or path.is_symlink():
            raise UsageError(msg("sign.key_exists", path=str(path)))
    passphrase = _passphrase() if args.passphrase else None
    try:
        key, pub, fingerprint = generate(name, folder, passphrase)
    except FileExistsError as e:
        raise UsageError(msg("sign.key_exists", path=e.filename)) from None
    except OSError as e:
        print(f"assess: {say(msg('cli.cannot_write', path=e.filename or str(folder), why=os_reason(e)))}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    print(say(msg("sign.keygen_done", name=name, fingerprint=fingerprint)))
    print(say(msg("sign.keygen_private", path=printable(str(key)))))
    print(say(msg("sign.keygen_public", path=printable(str(pub)))))
    return EXIT_OK


def _passphrase() -> str:
    """A new passphrase, typed twice on the terminal."""
    import getpass
    import sys

    from assess.cli.common import UsageError, say
    from assess.problems import msg

    if not sys.stdin.isatty():
        raise UsageError(msg("sign.passphrase_no_terminal"))
    first = getpass.getpass(say(msg("sign.new_passphrase")))
    if not first:
        raise UsageError(msg("sign.passphrase_empty"))
    if getpass.getpass(say(msg("sign.repeat_passphrase"))) != first:
        raise UsageError(msg("sign.passphrases_differ"))
    return first
