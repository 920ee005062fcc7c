"""Field docstrings as JSON Schema descriptions, read only when a schema is asked for.

The models document each field with a docstring under it. Pydantic can collect those itself
(`use_attribute_docstrings`), but it does so while building every class: it reads and parses the
module's source at import, some 65 ms on each start of every command, scoring and the batch's
workers included, although only `assess schema` shows them. Here the same docstrings are read
when a model's JSON Schema is generated: each model names `describe_fields` as its
`json_schema_extra`, which fills in the description of every property that has none.
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from typing import Any

__all__ = ["describe_fields", "field_docstrings"]


@cache
def _module_docstrings(module_name: str) -> dict[str, dict[str, str]]:
    """Class name -> attribute -> docstring, for the top-level classes of a module."""
    module = sys.modules.get(module_name)
    try:
        source = inspect.getsource(module) if module is not None else ""
    except (OSError, TypeError):  # no source (a frozen or zip-imported build): no descriptions
        return {}
    out: dict[str, dict[str, str]] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        body = node.body
        for stmt, after in zip(body, body[1:]):
            if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                docs[stmt.target.id] = inspect.cleandoc(after.value.value)
        out[node.name] = docs
    return out


def field_docstrings(cls: type) -> dict[str, str]:
    """The docstring of each field of `cls`, inherited ones included (the nearest class wins)."""
    out: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass is object:
            continue
        out.update(_module_docstrings(klass.__module__).get(klass.__qualname__, {}))
    return out


def describe_fields(schema: dict[str, Any], cls: type) -> None:
    """`json_schema_extra` for the models: give each property without a description its field's
    docstring. Properties are found by field name or by alias (`by_alias` schemas)."""
    properties = schema.get("properties")
    if not isinstance(properties, dict):
        return
    docs = field_docstrings(cls)
    fields = getattr(cls, "model_fields", {})
    for name, doc in docs.items():
        info = fields.get(name)
        for key in (name, getattr(info, "alias", None)):
            prop = properties.get(key) if key else None
            if isinstance(prop, dict) and "description" not in prop:
                prop["description"] = doc
