"""`assess validate`: every problem of questionnaires, seeds and the lock file, placed."""

from __future__ import annotations

from pathlib import Path

from assess.content.bundled import (
    ContentError,
    display_path,
    load_questionnaire,
    load_sources,
    lock_path,
    questionnaires_dir,
    read_lock,
    releases,
    seeds_dir,
)
from assess.content.checks import lint_questionnaire, lint_source
from assess.model import Questionnaire
from assess.problems import Problem, msg
from assess.sources import Source


def seeds_for(path: Path) -> Path | None:
    """The seeds folder a questionnaire cites: beside it, or one or two folders up."""
    path = Path(path).resolve()  # a bare "q.yaml" has folders above it too
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        if (folder / "seeds").is_dir():
            return folder / "seeds"
    return None


SourceCache = dict[Path, tuple[dict[str, Source], list[Problem]]]


def earlier_releases(path: Path, q: Questionnaire) -> dict[str, Questionnaire]:
    """The releases `q`'s migration tables start from that are at hand, by version: beside the file
    (`<folder>/<id>/<version>.yaml`), else bundled. One that does not load is left out: its own
    validation names its problems."""
    wanted = {m.from_version for m in q.migrations}
    found: dict[str, Questionnaire] = {}
    here = Path(path).resolve()
    for folder in dict.fromkeys([here.parent.parent, questionnaires_dir().resolve()]):
        for r in releases(folder):
            if r.id == q.id and r.version in wanted and r.version not in found and r.path.resolve() != here:
                try:
                    found[r.version] = load_questionnaire(r.path)[0]
                except ContentError:
                    continue
    return found


def validate_questionnaire(path: Path, sources_cache: SourceCache) -> list[Problem]:
    label = display_path(path)
    try:
        q, h = load_questionnaire(path)
    except ContentError as e:
        return e.problems
    seeds = seeds_for(path)
    sources = None
    if seeds is not None:
        if seeds not in sources_cache:
            sources_cache[seeds] = load_sources(seeds)
        sources = sources_cache[seeds][0]
    out = [p.at(label) for p in lint_questionnaire(q, sources, earlier=earlier_releases(path, q))]
    if seeds is None and any(question.citations for _, question in q.all_questions()):
        out.append(Problem(msg("content.no_seeds"), file=label, severity="warning"))
    out.extend(_check_lock(path, q.id, q.version, h, label))
    return out


def _check_lock(path: Path, qid: str, version: str, h: str, label: str) -> list[Problem]:
    folder = path.parent.parent
    if not (lock_path(folder).exists() or folder.resolve() == questionnaires_dir().resolve()):
        return []
    if path.stem != version or path.parent.name != qid:
        return [Problem(msg("content.file_name", expected=f"{qid}/{version}.yaml"), file=label)]
    try:
        lock = read_lock(folder)
    except ContentError as e:
        return e.problems
    recorded = lock.get(qid, {}).get(version)
    if recorded is None:
        return [Problem(msg("content.not_locked", release=f"{qid}@{version}", lock=LOCK_HINT), file=label,
                        fix=msg("content.not_locked.fix"))]
    if recorded != h:
        return [Problem(msg("content.release_changed", release=f"{qid}@{version}", now=h[:12], recorded=recorded[:12]),
                        file=label, fix=msg("content.release_changed.fix"))]
    return []


LOCK_HINT = "questionnaires/lock.json"


def validate(paths: list[Path] | None = None) -> tuple[list[Problem], int]:
    """(problems, files checked) for the given files and folders, or all bundled content."""
    problems: list[Problem] = []
    cache: SourceCache = {}
    files: list[tuple[str, Path]] = []
    if not paths:
        files += [("questionnaire", r.path) for r in releases()]
        files += [("seed", p) for p in sorted(seeds_dir().glob("*.yaml"))]
    for p in paths or []:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*.yaml")):
                files.append(("seed" if f.parent.name == "seeds" else "questionnaire", f))
        elif p.exists():
            files.append(("seed" if p.parent.name == "seeds" else "questionnaire", p))
        else:
            problems.append(Problem(msg("content.no_such_path"), file=str(p)))
    if not files and not problems:
        problems.append(Problem(msg("content.no_yaml", where=[str(p) for p in paths or []])))
    seen_seed_dirs: set[Path] = set()
    for kind, f in files:
        if kind == "questionnaire":
            problems.extend(validate_questionnaire(f, cache))
        elif f.parent not in seen_seed_dirs:
            seen_seed_dirs.add(f.parent)
            sources, load_problems = cache.setdefault(f.parent, load_sources(f.parent))
            problems.extend(load_problems)
            for sid, src in sources.items():
                label = display_path(f.parent / f"{sid}.yaml")
                problems.extend(p.at(label) for p in lint_source(src))
    return problems, len(files)


def record_lock() -> list[str]:
    """Record the hash of every bundled release not yet in the lock file; never overwrite one."""
    from assess.content.bundled import write_lock

    lock = read_lock()
    added = []
    for r in releases():
        if r.version not in lock.get(r.id, {}):
            _, h = load_questionnaire(r.path)
            lock.setdefault(r.id, {})[r.version] = h
            added.append(r.ref)
    if added:
        write_lock(lock)
    return added
