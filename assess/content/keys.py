"""Signing keys: Ed25519 key pairs for signing gap reports, as files a person can keep and pass on.

`assess keygen NAME` writes two text files:
    NAME.key  the private key (PEM, PKCS#8; passphrase-protected when asked), readable by its owner
              only where the system has such permissions;
    NAME.pub  the public key (PEM), to hand to whoever checks the reports (`assess verify --trust`).
Both start with a comment line `# assess-signer: NAME` that carries the signer's name (PEM readers
skip text before the block), and the public file with the key's fingerprint, to compare by eye or
over the phone: the first 16 hex digits of the SHA-256 of the raw 32-byte public key, in fours.

The `cryptography` library is imported inside the functions: `assess --help` must not load it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assess.problems import Msg, Problem, msg, os_reason

if TYPE_CHECKING:  # pragma: no cover
    from assess.content.yaml_file import ContentError

NAME_LINE = "# assess-signer: "
FINGERPRINT_LINE = "# fingerprint: "
KEY_SUFFIX, PUB_SUFFIX = ".key", ".pub"
KEY_FILE_MAX = 64 * 1024
"""Far more than any PEM key file: a larger file is not a key, and is not read whole."""
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
"""Characters a file name cannot hold on Windows (or anywhere, for the slash)."""
_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----.*?-----END \1-----", re.S)


def fingerprint(raw_public: bytes) -> str:
    """The short fingerprint of a raw public key: '1a2b 3c4d 5e6f 7a8b'."""
    h = hashlib.sha256(raw_public).hexdigest()[:16]
    return " ".join(h[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True, slots=True)
class PublicKey:
    name: str
    raw: bytes
    """The 32 bytes of the Ed25519 public key."""
    path: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)


@dataclass(frozen=True, slots=True)
class Signer:
    """A loaded private key and its signer's name. Plain bytes, so that it can be handed to the
    batch's worker processes (each signs the reports it writes)."""

    name: str
    private: bytes = field(repr=False)
    """The 32-byte Ed25519 private key."""

    def _key(self):  # noqa: ANN202 - a cryptography type, imported lazily
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.private)

    @property
    def public(self) -> PublicKey:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        raw = self._key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey(self.name, raw)

    def sign(self, data: bytes) -> bytes:
        return self._key().sign(data)


def verify(raw_public: bytes, signature: bytes, data: bytes) -> bool:
    """Whether `signature` is the Ed25519 signature of `data` by this public key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(raw_public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def name_problem(name: str) -> Msg | None:
    """Why a signer's name cannot be used (it is written on one line of a key file), or None."""
    from assess.text.clean import text_fault

    if not name.strip():
        return msg("sign.name_empty")
    fault = text_fault(name, "field")
    return None if fault is None else fault[0]


def key_paths(name: str, folder: Path) -> tuple[Path, Path]:
    """Where `keygen` writes NAME's key pair: NAME.key and NAME.pub, with the characters a file name
    cannot hold replaced by '_'."""
    stem = _UNSAFE.sub("_", name).strip(" .") or "signer"
    return folder / f"{stem}{KEY_SUFFIX}", folder / f"{stem}{PUB_SUFFIX}"


def generate(name: str, folder: Path, passphrase: str | None = None) -> tuple[Path, Path, str]:
    """Make a key pair for `name` in `folder` (created if need be) and return the private and public
    key files and the fingerprint. Never overwrites: FileExistsError names the file already there."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    from assess.content.outputs import write_whole

    key_path, pub_path = key_paths(name, folder)
    for p in (key_path, pub_path):
        if p.exists() or p.is_symlink():
            raise FileExistsError(17, "exists", str(p))
    key = Ed25519PrivateKey.generate()
    protect = BestAvailableEncryption(passphrase.encode("utf-8")) if passphrase else NoEncryption()
    private_pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, protect).decode("ascii")
    public = key.public_key()
    print_ = fingerprint(public.public_bytes(Encoding.Raw, PublicFormat.Raw))
    public_pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode("ascii")
    # the private key is created 0600 (owner only) where the system has such modes; written whole
    write_whole(key_path, f"{NAME_LINE}{name}\n{private_pem}".encode())
    write_whole(pub_path, f"{NAME_LINE}{name}\n{FINGERPRINT_LINE}{print_}\n{public_pem}".encode(), mode=0o644)
    return key_path, pub_path, print_


def _refuse(path: Path | str, message: Msg, fix: Msg) -> ContentError:
    from assess.content.yaml_file import ContentError  # it loads the YAML library: only when refusing

    return ContentError([Problem(message, file=str(path), fix=fix)])


def _read(path: Path, fix: Msg) -> tuple[str, str, str]:
    """A key file's signer name ('' when it has none), its PEM block and the block's label."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(KEY_FILE_MAX + 1)
    except OSError as e:
        raise _refuse(path, msg("sign.unreadable", error=os_reason(e)), fix) from None
    text = raw.decode("utf-8-sig", "replace") if len(raw) <= KEY_FILE_MAX else ""  # Notepad may add a BOM
    block = _BLOCK.search(text)
    if block is None:
        raise _refuse(path, msg("sign.not_a_key"), fix)
    name = ""
    for line in text[: block.start()].splitlines():
        if line.startswith(NAME_LINE):
            name = line[len(NAME_LINE):].strip()
            break
    if name and name_problem(name) is not None:
        name = ""
    return name, block.group(0), block.group(1)


def _kind(key: object) -> str:
    """A key's algorithm as a person knows it: RSA, EllipticCurve, Ed448..."""
    return re.sub(r"(Private|Public)Key$", "", type(key).__name__.lstrip("_")) or "?"


def load_signer(path: str | Path, ask: Callable[[], str | None] | None = None) -> Signer:
    """The private key in `path` with its signer's name (else the file's stem). An encrypted key's
    passphrase comes from `ask` (None from it, or no `ask`: refused, saying why). Anything else than
    an Ed25519 private key is refused naming the file and what to give instead."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        load_pem_private_key,
    )

    path = Path(path)
    fix = msg("sign.private.fix")
    name, pem, label = _read(path, fix)
    if "PUBLIC" in label:
        raise _refuse(path, msg("sign.public_given"), msg("sign.public_given.fix", file=path.name))
    if "PRIVATE" not in label:
        raise _refuse(path, msg("sign.not_a_key"), fix)
    password = None
    if "ENCRYPTED" in label:
        password = ask() if ask is not None else None
        if password is None:
            raise _refuse(path, msg("sign.needs_passphrase"), msg("sign.needs_passphrase.fix"))
    try:
        key = load_pem_private_key(pem.encode("ascii", "replace"), password.encode("utf-8") if password else None)
    except (ValueError, TypeError):
        if password is not None:  # the library cannot tell a wrong passphrase from a damaged key
            raise _refuse(path, msg("sign.wrong_passphrase"), msg("sign.wrong_passphrase.fix")) from None
        raise _refuse(path, msg("sign.not_a_key"), fix) from None
    except UnsupportedAlgorithm:
        raise _refuse(path, msg("sign.not_a_key"), fix) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise _refuse(path, msg("sign.not_ed25519", kind=_kind(key)), fix)
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return Signer(name or path.stem, raw)


def load_public(path: str | Path) -> PublicKey:
    """The public key in `path` (a .pub file from `assess keygen`, or any PEM Ed25519 public key),
    with its signer's name (else the file's stem). A private key given here is refused: a checker
    never needs it, and it must not travel."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key

    path = Path(path)
    fix = msg("sign.public.fix")
    name, pem, label = _read(path, fix)
    if "PRIVATE" in label:
        raise _refuse(path, msg("sign.private_given"), msg("sign.private_given.fix"))
    try:
        key = load_pem_public_key(pem.encode("ascii", "replace"))
    except (ValueError, UnsupportedAlgorithm):
        raise _refuse(path, msg("sign.not_a_key"), fix) from None
    if not isinstance(key, Ed25519PublicKey):
        raise _refuse(path, msg("sign.not_ed25519", kind=_kind(key)), fix)
    return PublicKey(name or path.stem, key.public_bytes(Encoding.Raw, PublicFormat.Raw), str(path))
