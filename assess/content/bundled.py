"""Bundled content: where questionnaires and seeds live, the lock file, and how a
questionnaire is named on the command line (`ID[@VERSION]` or a path)."""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from assess.answers import QuestionnaireRef
from assess.canonical import HASH_SCHEME, canonical_bytes, digest, digest_of_bytes
from assess.content.yaml_file import ContentError, load_model, parse_yaml, read_content_bytes, validate_model
from assess.model import Questionnaire
from assess.problems import Problem, msg
from assess.sources import Source

DEFAULT_ID = "ai-manufacturing-2027"
LOCK_NAME = "lock.json"


def content_root() -> Path:
    """The folder holding `questionnaires/` and `seeds/`.

    An installed wheel carries them inside the package (`assess/_content`); a source
    checkout keeps them at the repository root, beside the package.
    """
    packaged = resources.files("assess") / "_content"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2]


def questionnaires_dir() -> Path:
    return content_root() / "questionnaires"


def seeds_dir() -> Path:
    return content_root() / "seeds"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", version))


@dataclass(frozen=True)
class Release:
    """A questionnaire file found in a questionnaires folder."""

    id: str
    version: str
    path: Path

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def releases(folder: Path | None = None) -> list[Release]:
    """Every `<id>/<version>.yaml` under the folder, sorted by id then version."""
    folder = folder or questionnaires_dir()
    found = [
        Release(p.parent.name, p.stem, p)
        for p in folder.glob("*/*.yaml")
        if re.fullmatch(r"\d+\.\d+\.\d+", p.stem)
    ]
    return sorted(found, key=lambda r: (r.id, version_key(r.version)))


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> tuple[Questionnaire, str]:
    label = display_path(Path(path))
    raw = read_content_bytes(Path(path), label)
    cached = _disk_cache_get(raw)
    if cached is not None:
        return cached
    q = validate_model(Questionnaire, parse_yaml(raw, label), label)
    result = (q, digest(q))
    _disk_cache_put(raw, result)
    return result


CACHE_FORMAT = "json-1"
"""In the cache key: entries of an earlier format (pickles, once) are never opened."""


def _cache_file(raw: bytes) -> Path | None:
    """Where a validated questionnaire is kept, keyed by the file's bytes and the code that read it.

    Reading and validating the bundled YAML costs ~90 ms of a ~320 ms `assess score`; reading an
    entry back ~15 ms. An entry is the questionnaire's canonical JSON: data, validated again on
    every read, never code. The key covers the file content, the versions of assess and pydantic
    and the SHA-256 of assess/model.py, so an edit of either, or an upgrade, misses.
    """
    if os.environ.get("ASSESS_NO_CACHE"):
        return None
    import hashlib

    import pydantic
    from platformdirs import user_cache_dir

    from assess import __version__

    code = f"|{__version__}|{_schema_code()}|{pydantic.VERSION}|{HASH_SCHEME}|{CACHE_FORMAT}"
    key = hashlib.sha256(raw + code.encode()).hexdigest()
    return Path(user_cache_dir("assess")) / "questionnaires" / f"{key}.json"


@lru_cache(maxsize=1)
def _schema_code() -> str:
    """A digest of the schema's source: an edit to model.py between releases misses the cache."""
    import hashlib

    from assess import model

    try:
        return hashlib.sha256(Path(model.__file__).read_bytes()).hexdigest()
    except OSError:
        return "unknown"


def _trusted(st: os.stat_result, folder: bool) -> bool:
    """A folder (or regular file) that is not a link, of our own, that nobody else can write.

    Where there are no POSIX owners (Windows), the per-user cache folder's own access rules stand
    and only the kind of entry is checked: an entry is data, validated on reading, so at worst
    another questionnaire would be refused or rebuilt, never run."""
    if not (stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)):
        return False
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def _folder_trusted(path: Path, create: bool = False) -> bool:
    """The cache folder and its parent are ours alone (made so, owner-only, when `create`)."""
    for folder in (path.parent.parent, path.parent):
        try:
            st = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                return False
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
            st = os.lstat(folder)
        if not _trusted(st, folder=True):
            return False
    return True


def _disk_cache_get(raw: bytes) -> tuple[Questionnaire, str] | None:
    try:
        path = _cache_file(raw)
        if path is None or not _folder_trusted(path):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not _trusted(os.fstat(fh.fileno()), folder=False):
                return None
            body = fh.read()
            q = Questionnaire.model_validate_json(body)
    except Exception:  # a missing, stale or damaged entry is simply rebuilt
        return None
    # The entry is the canonical bytes (checked when written), so their hash is the content hash,
    # at a fifth of the cost of dumping the model again.
    return q, digest_of_bytes(body)


def _disk_cache_put(raw: bytes, value: tuple[Questionnaire, str]) -> None:
    from assess.content.answer_file import write_atomic

    q, h = value
    body = canonical_bytes(q)
    try:
        if digest_of_bytes(body) != h or Questionnaire.model_validate_json(body) != q:
            return  # an entry must read back as exactly this questionnaire and hash, or none is kept
        path = _cache_file(raw)
        if path is not None and _folder_trusted(path, create=True):
            write_atomic(path, body, mode=0o600)
    except (OSError, ValueError):
        pass  # a read-only home or full disk costs speed, never correctness


def load_questionnaire(path: Path) -> tuple[Questionnaire, str]:
    """A validated questionnaire and its content hash (cached per file state)."""
    path = Path(path).resolve()
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ContentError([Problem(msg("content.questionnaire_missing"), file=str(path))]) from None
    return _load_cached(str(path), st.st_mtime_ns, st.st_size)


def display_path(path: Path) -> str:
    """A path as users should read it: relative to the content root or the current folder."""
    path = Path(path)
    for base in (content_root(), Path.cwd()):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def load_sources(folder: Path | None = None) -> tuple[dict[str, Source], list[Problem]]:
    """Every seed file, by id, plus the problems of those that do not load."""
    folder = folder or seeds_dir()
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            src = load_model(Source, path, display_path(path))
        except ContentError as e:
            problems.extend(e.problems)
            continue
        if src.id in sources:
            problems.append(Problem(msg("content.duplicate_source", id=src.id), "id", display_path(path)))
        elif src.id != path.stem:
            problems.append(
                Problem(msg("content.source_name", id=src.id, stem=path.stem), "id", display_path(path))
            )
        sources[src.id] = src
    return sources, problems


# --------------------------------------------------------------------------- lock file


def lock_path(folder: Path | None = None) -> Path:
    return (folder or questionnaires_dir()) / LOCK_NAME


def read_lock(folder: Path | None = None) -> dict[str, dict[str, str]]:
    """{id: {version: sha256}} of released questionnaires; empty if there is no lock file."""
    path = lock_path(folder)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ContentError([Problem(msg("content.lock_json", detail=str(e)), file=display_path(path))]) from None
    if data.get("hash_scheme") != HASH_SCHEME:
        raise ContentError(
            [Problem(msg("content.lock_scheme", got=str(data.get("hash_scheme")), expected=HASH_SCHEME),
                     "hash_scheme", display_path(path))]
        )
    return data.get("released", {})


def write_lock(released: dict[str, dict[str, str]], folder: Path | None = None) -> None:
    from assess.content.answer_file import write_atomic

    ordered = {
        qid: dict(sorted(versions.items(), key=lambda kv: version_key(kv[0])))
        for qid, versions in sorted(released.items())
    }
    body = {"hash_scheme": HASH_SCHEME, "released": ordered}
    text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    write_atomic(lock_path(folder), text.encode("utf-8"), mode=0o644)


# --------------------------------------------------------------------------- naming


class QuestionnaireNotFound(ContentError):
    pass


def _names_a_file(name: str) -> bool:
    """Whether `--questionnaire` (or an `ID@VERSION` made from a file's own pin) names a YAML file."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        return True
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # too long for a file name, or one the system refuses: an id, not a file
        return False


def other_releases(q: Questionnaire) -> list[Questionnaire]:
    """The other bundled releases of `q`'s questionnaire, newest first (those that load)."""
    out = []
    for release in reversed(releases()):
        if release.id == q.id and release.version != q.version:
            try:
                out.append(resolve(release.ref)[0])
            except ContentError:
                continue
    return out


def resolve(name: str | None = None, pinned: QuestionnaireRef | None = None) -> tuple[Questionnaire, str]:
    """The questionnaire meant by `--questionnaire`, by an answer file's pin, or the newest bundled.

    `name` is `ID`, `ID@VERSION` or a path to a YAML file. With a pin and no name, the pinned
    id and version are loaded and the hash must match.
    """
    if name and _names_a_file(name):
        q, h = load_questionnaire(Path(name))
        # A file named by hand has not been through `assess validate`: refuse it with every error,
        # rather than score against a questionnaire that breaks its own rules.
        from assess.content.checks import lint_questionnaire
        from assess.content.lint import seeds_for

        seeds = seeds_for(Path(name))
        sources = load_sources(seeds)[0] if seeds is not None else None
        problems = [p.at(name) for p in lint_questionnaire(q, sources) if p.severity == "error"]
        if problems:
            raise ContentError(problems)
        return q, h
    if name:
        qid, _, version = name.partition("@")
    elif pinned is not None:
        qid, version = pinned.id, pinned.version
    else:
        qid, version = DEFAULT_ID, ""
    candidates = [r for r in releases() if r.id == qid and (not version or r.version == version)]
    if not candidates:
        known = [r.ref for r in releases()] or ["—"]
        wanted = f"{qid}@{version}" if version else qid
        raise QuestionnaireNotFound(
            [Problem(msg("content.not_bundled", wanted=wanted, known=known),
                     fix=msg("content.not_bundled.fix"))]
        )
    q, h = load_questionnaire(candidates[-1].path)
    if pinned is not None and not name and pinned.sha256 and pinned.sha256 != h:
        raise QuestionnaireNotFound(
            [Problem(msg("content.other_text", release=f"{pinned.id}@{pinned.version}", pinned=pinned.sha256[:12],
                         bundled=h[:12]), fix=msg("content.other_text.fix"))]
        )
    return q, h


def ref_of(q: Questionnaire, h: str) -> QuestionnaireRef:
    return QuestionnaireRef(id=q.id, version=q.version, sha256=h)
