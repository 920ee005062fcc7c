"""Results kept for the object they were computed from.

A batch reads every sheet against one questionnaire, and the app asks the same questions of it at
every key: its index of questions, its hash, the codes a cell may hold for each question, the
rows its template lays out and the steps a plan climbs from each answer are worth computing once.
Questionnaires and questions are frozen models, so a result stays right for as long as its object
lives. The object is kept with its result, so that its `id` cannot pass to another object meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def per_object(limit: int) -> Callable[[F], F]:
    """Keep `fn(obj, *args)` for `obj` (by identity) and `args` (by value, positional only), for at
    most `limit` of them at once: past that, all are forgotten and computed again as asked. The
    result is shared: a caller reads it and never changes it."""

    def decorate(fn: F) -> F:
        kept: dict[tuple[Hashable, ...], tuple[object, Any]] = {}

        @wraps(fn)
        def cached(obj: object, *args: Hashable) -> Any:
            key = (id(obj), *args)
            hit = kept.get(key)
            if hit is None:
                if len(kept) >= limit:
                    kept.clear()
                hit = kept[key] = (obj, fn(obj, *args))
            return hit[1]

        return cast(F, cached)

    return decorate
