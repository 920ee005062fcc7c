"""One word per concept: every table of words uses the glossary's, every message the code can raise
has Chinese and English words with the same blanks, and what users read says the same."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import pytest

from assess.text import glossary, messages
from assess.text.glossary import TERMS, expand

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "assess"

SYNONYMS_ZH = {
    "pillar": ["维度", "领域", "方面"],
    "gate": ["门槛"],
    "claimed": ["自报"],
    "evidenced": ["举证", "证据得分", "有证据"],
    "profile": ["企业概况"],
    "answer_file": ["答卷文件"],
}
"""Words users once met for a concept the glossary names otherwise."""

SYNONYMS_EN = {"gate": ["must-have", "Must-have"], "pillar": [" dimension"]}
"""(`<dimension>`, the XML element the guard names, is not the concept.)"""

TABLE_MODULES = ["assess.text.report_labels", "assess.text.sheet_labels", "assess.text.cli_labels",
                 "assess.text.app_labels", "assess.text.portfolio_labels", "assess.text.review_labels",
                 "assess.text.cli_help"]


def _tables() -> dict[str, dict[str, tuple[str, str]]]:
    out = {}
    for name in TABLE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        for attr in ("LABELS", "SHEETS", "METHODOLOGY", "_WORDS", "MESSAGES", "HELP"):
            table = getattr(module, attr, None)
            if isinstance(table, dict):
                out[f"{name}.{attr}"] = {k: v for k, v in table.items() if isinstance(v, tuple)}
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        out[module.__name__] = module.MESSAGES
    return out


TABLES = _tables()


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_the_glossary_gives_each_concept_two_words_and_no_word_two_concepts():
    for key, (zh, en) in TERMS.items():
        assert zh.strip() and en.strip(), key
    # a word may name a concept and its plural (支柱 for pillar and pillars), nothing else
    by_word: dict[str, set[str]] = {}
    for key, (zh, _) in TERMS.items():
        by_word.setdefault(zh, set()).add(key.rstrip("s"))
    assert {w: keys for w, keys in by_word.items() if len(keys) > 1} == {}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_tables_spell_no_concept_with_another_word(name):
    for key, (zh, en) in TABLES[name].items():
        assert "«" not in zh + en, f"{name}[{key}]: a term left unexpanded"
        for concept, words in SYNONYMS_ZH.items():
            for word in words:
                assert word not in zh, f"{name}[{key}]: {word!r} where the glossary says {TERMS[concept][0]!r}"
        for concept, words in SYNONYMS_EN.items():
            for word in words:
                assert word not in en, f"{name}[{key}]: {word!r} where the glossary says {TERMS[concept][1]!r}"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_both_languages_leave_the_same_blanks(name):
    for key, (zh, en) in TABLES[name].items():
        assert zh.strip() and en.strip(), f"{name}[{key}]"
        assert _fields(zh) == _fields(en), f"{name}[{key}]: zh fills {_fields(zh)}, en {_fields(en)}"


def _keys_in_code() -> dict[str, set[str]]:
    """Every message key the package's code passes to msg(...), with the names of the values it gives."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, set()).update(k.arg for k in node.keywords if k.arg)
    return found


def test_every_message_the_code_raises_has_words_for_its_values():
    keys = _keys_in_code()
    assert len(keys) > 50
    for key, given in sorted(keys.items()):
        zh, en = messages.entry(key)  # KeyError: a message without words
        assert _fields(zh) <= given, f"{key}: the text needs {_fields(zh) - given}, the code gives {given}"


def test_messages_render_in_the_language_asked_for():
    from assess.problems import Problem, msg

    p = Problem(msg("answer.na_on_gate"), "Answers!D7", "a.xlsx", fix=msg("content.not_bundled.fix"))
    zh, en = messages.problem_text(p, "zh"), messages.problem_text(p, "en")
    assert "必备项" in zh and "不适用" in zh and "a.xlsx: Answers!D7" in zh
    assert "gate" in en and "not applicable" in en and "--questionnaire PATH" in en
    assert messages.say(msg("answer.unknown_options", got=["x", "y"], options=["a", "b"]), "zh").count("、") == 2


def test_expand_refuses_a_term_the_glossary_lacks():
    with pytest.raises(KeyError):
        expand("«pilar»", "zh")
    assert expand("«Pillar» and «pillar»", "en") == "Pillar and pillar"
    assert glossary.term("gate", "zh") == "必备项"
