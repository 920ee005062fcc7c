"""The disk cache of validated questionnaires: canonical JSON, validated again on every read, kept
only in a folder of the user's own that nobody else can write; what a loader could execute (a
pickle, as the cache once held) is never run."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path

import pytest

from assess.content import bundled as content
from assess.content.bundled import load_questionnaire
from tests.conftest import SAMPLE

POSIX_OWNERS = pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder owners and modes are POSIX; Windows "
                                  "keeps the per-user cache folder's own access rules")


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda name: str(tmp_path / name))
    monkeypatch.delenv("ASSESS_NO_CACHE", raising=False)
    content._load_cached.cache_clear()
    yield tmp_path
    content._load_cached.cache_clear()


def fresh_load():
    content._load_cached.cache_clear()
    return load_questionnaire(SAMPLE)


class Payload:
    """Unpickling this makes a folder: proof that a loader ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def _plant(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _pickle_path(raw: bytes) -> Path:
    """Where the cache kept its pickles, by the key it used then."""
    import hashlib

    import pydantic
    from platformdirs import user_cache_dir

    from assess import __version__
    from assess.canonical import HASH_SCHEME

    code = f"|{__version__}|{content._schema_code()}|{pydantic.VERSION}|{HASH_SCHEME}"
    key = hashlib.sha256(raw + code.encode()).hexdigest()
    return Path(user_cache_dir("assess")) / "questionnaires" / f"{key}.pickle"


def test_a_pickle_where_the_cache_lives_or_lived_is_never_run(cache_home, sample):
    raw = SAMPLE.read_bytes()
    marker = cache_home / "payload-ran"
    payload = pickle.dumps(Payload(marker))
    for path in (_pickle_path(raw), content._cache_file(raw)):
        _plant(path, payload)
    assert fresh_load() == sample
    assert not marker.exists()
    entry = content._cache_file(raw)  # rebuilt over the planted bytes, as data
    assert json.loads(entry.read_bytes())["id"] == "sample"
    assert not hasattr(os, "getuid") or stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_an_entry_is_validated_again_when_read(cache_home, sample):
    raw = SAMPLE.read_bytes()
    fresh_load()
    entry = content._cache_file(raw)
    data = json.loads(entry.read_bytes())
    data["pillars"][0]["run"] = "os.system"  # valid JSON, not a valid questionnaire (an unknown field)
    _plant(entry, json.dumps(data).encode())
    assert content._disk_cache_get(raw) is None
    assert fresh_load() == sample


def test_a_hit_is_the_same_questionnaire_and_hash_as_a_fresh_load(cache_home, sample):
    fresh_load()
    assert content._disk_cache_get(SAMPLE.read_bytes()) == sample


@POSIX_OWNERS
@pytest.mark.parametrize("level", ["questionnaires", "assess"])
def test_a_cache_folder_others_could_write_is_not_used(cache_home, level):
    raw = SAMPLE.read_bytes()
    fresh_load()
    entry = content._cache_file(raw)
    assert content._disk_cache_get(raw) is not None
    folder = entry.parent if level == "questionnaires" else entry.parent.parent
    os.chmod(folder, 0o770)
    assert content._disk_cache_get(raw) is None  # not read
    entry.unlink()
    fresh_load()
    assert not entry.exists()  # nor written


@POSIX_OWNERS
def test_the_cache_folder_is_made_for_its_owner_alone(cache_home):
    old = os.umask(0o002)  # a shared-group umask would otherwise make it group-writable
    try:
        fresh_load()
    finally:
        os.umask(old)
    entry = content._cache_file(SAMPLE.read_bytes())
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert content._disk_cache_get(SAMPLE.read_bytes()) is not None


@POSIX_OWNERS
def test_the_disk_cache_ignores_files_others_could_write(cache_home, monkeypatch):
    content._load_cached.cache_clear()
    raw = SAMPLE.read_bytes()
    first = content._load_cached(str(SAMPLE), 1, 1)  # validates, then stores
    cache_file = content._cache_file(raw)
    assert cache_file.is_file() and stat.S_IMODE(os.stat(cache_file).st_mode) == 0o600
    assert content._disk_cache_get(raw)[1] == first[1]
    os.chmod(cache_file, 0o666)
    assert content._disk_cache_get(raw) is None  # world-writable: not trusted
    os.chmod(cache_file, 0o600)
    cache_file.rename(cache_file.with_suffix(".real"))
    cache_file.symlink_to(cache_file.with_suffix(".real"))
    assert content._disk_cache_get(raw) is None  # a link: not followed


@POSIX_OWNERS
def test_the_disk_cache_ignores_group_writable_files(cache_home, monkeypatch):
    raw = SAMPLE.read_bytes()
    content._disk_cache_put(raw, load_questionnaire(SAMPLE))
    cache_file = content._cache_file(raw)
    assert content._disk_cache_get(raw) is not None
    os.chmod(cache_file, 0o620)
    assert content._disk_cache_get(raw) is None


def test_the_cache_key_covers_the_bytes_of_model_py(cache_home, tmp_path, monkeypatch):
    import hashlib

    from assess import model

    content._schema_code.cache_clear()
    source = Path(model.__file__).read_bytes()
    assert content._schema_code() == hashlib.sha256(source).hexdigest()
    raw = SAMPLE.read_bytes()
    before = content._cache_file(raw)
    assert content._schema_code.cache_info().misses == 1  # read once per process, not once per load
    edited = tmp_path / "model.py"
    edited.write_bytes(source + b"\n# a new field would go here\n")
    monkeypatch.setattr(model, "__file__", str(edited))
    content._schema_code.cache_clear()
    try:
        assert content._cache_file(raw) != before
    finally:
        content._schema_code.cache_clear()


def test_an_entry_written_before_model_py_changed_is_not_loaded(cache_home, monkeypatch):
    raw = SAMPLE.read_bytes()
    monkeypatch.setattr(content, "_schema_code", lambda: "old model")
    content._disk_cache_put(raw, load_questionnaire(SAMPLE))
    assert content._disk_cache_get(raw) is not None
    monkeypatch.setattr(content, "_schema_code", lambda: "new model")
    assert content._disk_cache_get(raw) is None
