"""Hostile inputs for the fuzz run, built from a seed: answer files, questionnaire YAML, answer sheets.

    python -m tests.fuzz.generate OUTDIR [--count N] [--seed S]     # writes the cases, one file each

Every case starts from something valid (a seeded answer set from `tests/data/make_filled.py`, the
sample questionnaire, a filled answer sheet) and is then broken the way a careless program, a
person or an attacker would break it: wrong types, huge, negative and NaN numbers, deep nesting,
lone surrogates and control characters, unknown ids and cards, very long strings, duplicated keys,
byte order marks, invalid UTF-8, YAML aliases and tags, formulas and odd values in cells, damaged
zip archives. The same seed gives the same bytes, so a failure is replayed from its seed and index.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script, not with -m
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "tests" / "data" / "sample" / "questionnaire.yaml"
CARDS = ROOT / "tests" / "data" / "sample" / "cards.yaml"
KiB, MiB = 1024, 1024 * 1024
SMALL = 2 * KiB
"""The longest odd string where many are written at once (one string per file may be as long as the limit)."""


@dataclass(frozen=True)
class Case:
    """One generated input: `kind` is answers (.json), questionnaire (.yaml), sheet (a filled answer
    sheet, .xlsx) or report (a gap report, .xlsx).
    `questionnaire` is the file to score it against (None: the one it pins)."""

    name: str
    kind: str
    data: bytes
    mutation: str
    questionnaire: Path | None = None

    @property
    def suffix(self) -> str:
        return {"answers": ".json", "questionnaire": ".yaml"}.get(self.kind, ".xlsx")

    @property
    def filename(self) -> str:
        return self.name + self.suffix


# ---------------------------------------------------------------------------------------------
# JSON with what json.dumps will not write: duplicated keys, raw text

class Dup:
    """An object written with its keys as given, repeats included."""

    def __init__(self, pairs: list[tuple[str, object]]):
        self.pairs = pairs


class Raw:
    """Text written into the JSON as it is."""

    def __init__(self, text: str):
        self.text = text


def dumps(obj: object, ascii_only: bool = True) -> str:
    """JSON text; Raw and Dup are put in through placeholders, so that json.dumps does the bulk fast."""
    raws: dict[str, str] = {}
    nonce = f"{random.getrandbits(64):016x}"

    def placeholder(o: object) -> str:
        if isinstance(o, Raw):
            text = o.text
        elif isinstance(o, Dup):
            text = "{" + ", ".join(f"{json.dumps(k, ensure_ascii=ascii_only)}: {dumps(v, ascii_only)}"
                                   for k, v in o.pairs) + "}"
        else:
            raise TypeError(type(o))
        token = f"@@{nonce}-{len(raws)}@@"
        raws[f'"{token}"'] = text
        return token

    if isinstance(obj, (Raw, Dup)):
        return placeholder(obj) and next(iter(raws.values()))
    text = json.dumps(obj, ensure_ascii=ascii_only, default=placeholder)  # NaN and Infinity as JavaScript writes
    if raws:
        text = re.sub(f'"@@{nonce}-\\d+@@"', lambda m: raws[m.group(0)], text)
    return text


def text_bytes(text: str) -> bytes:
    """UTF-8, lone surrogates written as their (invalid) three bytes."""
    return text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------
# Odd values

ODD_TEXT = ["", " ", "\x00", "a\x00b", "\x1b[31mred\x1b[0m", "\ud800", "x\udfffy", "\u202etxt.exe", "\ufeff",
            "=1+1", "=HYPERLINK(\"http://x\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1)", "-1", "NaN", "null",
            "\u0000\u0001\u0002\u0007\u0008\u000b\u000c\u000e\u001f\u007f\u0085\u2028\u2029", "😀" * 10,
            "２０", "3 — 集成级", "yes", "是", "../../etc/passwd", "C:\\Windows\\system32", "%s%n%x", "{0}{}",
            "<script>alert(1)</script>", "\t\r\n", "ｙｅｓ", "1e309", "0x10", "true", "2026-13-45T99:99:99"]


def odd_number(rng: random.Random) -> object:
    return rng.choice([0, -0.0, -1, -10 ** 30, 10 ** 18, 2 ** 63, 2 ** 64 + 1, 10 ** 400, Raw("9" * 5000), 1e308,
                       -1e308, 5e-324, float("nan"), float("inf"), float("-inf"), 0.1 + 0.2, 6, 5.000001, 101, 100000.5,
                       Raw("1e999"), Raw("-1e999"), Raw("1" * 200), Raw("-0")])


def long_text(rng: random.Random, limit: int) -> str:
    size = min(rng.choice([300, 5000, 40 * KiB, limit]), limit)
    unit = rng.choice(["a", "长", "😀", "\u0301", "x\ud800", "\x01", "=A1&", "\r\n"])
    return (unit * (size // len(unit.encode("utf-8", "surrogatepass")) + 1))[:size]


def deep(rng: random.Random, limit: int = MiB) -> Raw:
    depth = max(1, min(rng.choice([64, 500, 1000, 5000, 100_000]), limit // 8))
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}"), ('{"answers":', "}")])
    return Raw(opener * depth + "1" + closer * depth)


def odd_value(rng: random.Random, limit: int) -> object:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(ODD_TEXT)
    if roll < 0.55:
        return odd_number(rng)
    if roll < 0.65:
        return long_text(rng, limit)
    if roll < 0.7:
        return deep(rng, limit)
    return rng.choice([None, True, False, [], {}, [None], [1, "a", None], {"value": 3}, ["x"] * 1000,
                       list(range(5000)), {"\ud800": 1}, {"": ""}, [[["nested"]]], {"status": "answered"}])


# ---------------------------------------------------------------------------------------------
# Valid starting points

@cache
def questionnaire(path: Path):
    from assess.content.bundled import load_questionnaire

    return load_questionnaire(path)


@cache
def bundled(name: str | None = None):
    from assess.content.bundled import resolve

    return resolve(name)


def base_answers(rng: random.Random) -> tuple[dict, Path | None]:
    """A valid answer file as a dict, and the questionnaire to score it with (None: bundled)."""
    from tests.data.make_filled import random_answers

    which = rng.choice(["sample", "sample", "cards", "bundled", "1.0.0"])
    if which in ("bundled", "1.0.0"):  # answers for the frozen release go through migrate as well
        q, h = bundled(None if which == "bundled" else "ai-manufacturing-2027@1.0.0")
        path = None
    else:
        path = SAMPLE if which == "sample" else CARDS
        q, h = questionnaire(path)
    answers = random_answers(q, h, rng.randrange(10_000)).model_dump(mode="json")
    for pillar in q.pillars:
        for group in pillar.cards:
            cards = []
            for i in range(rng.randint(0, 3)):
                qs = {qq.id: {"value": _plausible(qq, rng)} for qq in group.questions}
                cards.append({"key": f"产线{i + 1}", "answers": qs})
            answers.setdefault("cards", {})[group.id] = cards
    return answers, path


def _plausible(question, rng: random.Random) -> object:
    from tests.data.make_filled import random_value

    try:
        return random_value(question, rng)
    except TypeError:
        return "—"


# ---------------------------------------------------------------------------------------------
# Answer files

def _slots(obj: object, path: tuple = ()) -> list[tuple]:
    """Every place in a JSON tree a value could be swapped: (path, container, key)."""
    out = []
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for k, v in items:
        out.append((path + (k,), obj, k))
        out.extend(_slots(v, path + (k,)))
    return out


def copies(obj: object, n: int) -> list:
    """`n` separate copies, so that a later swap in one does not change them all."""
    return json.loads(json.dumps([obj] * n))


def _swap(doc: dict, rng: random.Random, limit: int) -> str:
    path, container, key = rng.choice(_slots(doc))
    container[key] = odd_value(rng, limit)
    return "swap " + ".".join(map(str, path))


def _drop(doc: dict, rng: random.Random, _limit: int) -> str:
    path, container, key = rng.choice(_slots(doc))
    del container[key]
    return "drop " + ".".join(map(str, path))


def _unknown_ids(doc: dict, rng: random.Random, limit: int) -> str:
    answers = doc.setdefault("answers", {})
    for _ in range(rng.randint(1, 50)):
        qid = rng.choice(["X99", "c01", " C01", "C01 ", "Ｃ０１", "C01:encrypt", "", "\ud800", "P-SIZE\x00",
                          "__proto__", "constructor", f"Q{rng.randrange(10 ** 6)}", "C" * 5000])
        answers[qid] = rng.choice([{"value": 3}, {"status": "na"}, {}, {"value": odd_value(rng, SMALL)}])
    doc["targets"] = {rng.choice(["C", "G", "ZZ", ""]): odd_number(rng) for _ in range(3)}
    return "unknown ids"


def _cards(doc: dict, rng: random.Random, limit: int) -> str:
    cards = doc.setdefault("cards", {})
    group = rng.choice(list(cards) + ["nope", "", "scenarios"])
    same = {"key": rng.choice(["A", "", " ", "\x00", long_text(rng, limit)]), "answers": {"SC-X": {"value": 1}}}
    cards[group] = rng.choice([[same, same], copies(dict(same, key="A"), 5000), [{}], [{"key": None}], "cards",
                               {"key": "A"},
                               [{"key": "A", "answers": {"C01": {"value": 3}}}],
                               [{"key": "A", "answers": {"": {"status": "na"}}}, same]])
    return f"cards {group!r}"


def _dup_keys(doc: dict, rng: random.Random, limit: int) -> str:
    target = rng.choice(["top", "answers", "answer"])
    if target == "top":
        pairs = list(doc.items()) + [("questionnaire", odd_value(rng, limit)), ("format_version", 2)]
        rng.shuffle(pairs)
        doc.clear()
        doc["__dup__"] = Dup(pairs)
        return "duplicated top-level keys"
    answers = doc.get("answers") or {"C01": {"value": 1}}
    if target == "answers":
        qid = rng.choice(list(answers))
        doc["answers"] = Dup(list(answers.items()) + [(qid, {"value": odd_value(rng, limit)})])
        return f"answer {qid} given twice"
    qid = rng.choice(list(answers))
    one = answers[qid] if isinstance(answers[qid], dict) else {}
    answers[qid] = Dup(list(one.items()) + [("value", odd_value(rng, limit)), ("status", "na")])
    return f"keys of answer {qid} given twice"


def _history(doc: dict, rng: random.Random, limit: int) -> str:
    at = rng.choice(["2026-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0000-00-00", "", 10 ** 20, -1,
                     "2026-01-01T00:00:00+99:00", "1970-01-01", None])
    many = rng.choice([1, 10, 5000])
    def value():  # noqa: E306 - small ones when there are many
        return odd_value(rng, limit) if many == 1 else rng.choice(ODD_TEXT + [-1, 1e308, 10 ** 30, None, ["a"]])
    entry = {"at": at, "question": rng.choice(["C01", "", "\x00"]), "old": value(), "new": value()}
    doc["history"] = [entry] if many == 1 else copies(entry, many)
    for a in (doc.get("answers") or {}).values():
        if isinstance(a, dict) and rng.random() < 0.3:
            a["at"] = at
    return "odd history and times"


def _pin(doc: dict, rng: random.Random, limit: int) -> str:
    ref = doc.setdefault("questionnaire", {})
    if isinstance(ref, dict):
        field = rng.choice(["id", "version", "sha256"])
        ref[field] = rng.choice(["", "../sample", "ai-manufacturing-2027", "9.9.9", "1.1.0", "0" * 64,
                                 odd_value(rng, limit)])
        return f"pin {field}"
    return "pin"


def _evidence(doc: dict, rng: random.Random, limit: int) -> str:
    for a in (doc.get("answers") or {}).values():
        if isinstance(a, dict):
            a["evidence"] = rng.choice([[long_text(rng, SMALL)], ["=cmd()"] * 3000, [""], "file.pdf", [None]])
            a["evidence_state"] = rng.choice(["verified", "VERIFIED", "unknown", "", 3, None])
            a["note"] = rng.choice(ODD_TEXT)
            a["status"] = rng.choice(["answered", "na", "dont_know", "unanswered", "hidden", "", None, 1])
    return "evidence, notes and status"


def _company(doc: dict, rng: random.Random, limit: int) -> str:
    doc["company"] = {k: rng.choice(ODD_TEXT + [long_text(rng, SMALL)])
                      for k in ("name", "sector", "region", "contact")}
    doc["company"]["name"] = rng.choice([long_text(rng, limit), doc["company"]["name"]])
    doc["respondent"] = {"name": rng.choice(ODD_TEXT), "role": rng.choice(ODD_TEXT)}
    doc["session"] = {"question": odd_value(rng, limit), "locale": rng.choice(["fr", "", "zh", None])}
    return "company, respondent and session"


def _values_by_type(doc: dict, rng: random.Random, limit: int) -> str:
    for a in (doc.get("answers") or {}).values():
        if isinstance(a, dict) and rng.random() < 0.5:
            a["value"] = odd_value(rng, SMALL)
            a["status"] = "answered"
    return "odd values"


def _not_an_object(doc: dict, rng: random.Random, limit: int) -> str:
    doc.clear()
    doc["__raw__"] = rng.choice([[], "answers", 3, None, deep(rng), Raw(""), Raw("{"), Raw("{}{}"), Raw("NaN"),
                                 {"kind": "assess/assessment"}, {"kind": "assess/portfolio", "files": []},
                                 {"kind": odd_value(rng, limit)}, {"format_version": odd_value(rng, limit)}])
    return "not an answer object"


TREE_MUTATIONS: list[Callable[[dict, random.Random, int], str]] = [
    _swap, _swap, _swap, _drop, _unknown_ids, _cards, _dup_keys, _history, _pin, _evidence, _company,
    _values_by_type, _values_by_type, _not_an_object]


def _bytes_mutation(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    if len(data) < 2:
        return data, ""
    roll = rng.randrange(12)
    if roll == 0:
        return b"\xef\xbb\xbf" + data, "UTF-8 BOM"
    if roll == 1:
        return data.decode("utf-8", "surrogatepass").encode("utf-16", "surrogatepass"), "UTF-16 with BOM"
    if roll == 2:
        at = data.find(b'"', rng.randrange(max(1, len(data))))
        return data[:at + 1] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf"]) \
            + data[at + 1:], "invalid UTF-8 in a string"
    if roll == 3:
        return data[:rng.randrange(max(1, len(data)))], "cut short"
    if roll == 4:
        return data + rng.choice([b"\x00", b"garbage", b"}", b"\n\n{}"]), "trailing bytes"
    if roll == 5:
        raw = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw), "flipped bytes"
    if roll == 6:
        return data.replace(b"\n", b"\r\n"), "CRLF"
    if roll == 7:
        return rng.choice([b"", b"\xef\xbb\xbf", b" ", b"\x00" * 100, b"PK\x03\x04"]), "nearly empty"
    return data, ""


def answer_case(index: int, rng: random.Random, limit: int) -> Case:
    doc, qpath = base_answers(rng)
    done = []
    chosen = rng.sample(TREE_MUTATIONS, rng.choice([1, 1, 2, 3]))
    for mutate in sorted(chosen, key=lambda m: m in (_dup_keys, _not_an_object)):  # those two end the tree
        if "__raw__" in doc or "__dup__" in doc:
            break
        try:
            done.append(mutate(doc, rng, limit))
        except (TypeError, AttributeError, KeyError, IndexError, ValueError):  # an earlier one swapped its spot
            done.append(f"({mutate.__name__} not applied)")
    if "__raw__" in doc:
        text = dumps(doc["__raw__"])
    elif "__dup__" in doc:
        text = dumps(doc["__dup__"])
    else:
        text = dumps(doc, ascii_only=rng.random() < 0.5)
    data, how = _bytes_mutation(text_bytes(text), rng) if rng.random() < 0.35 else (text_bytes(text), "")
    if len(data) > 16 * limit:  # mutations can multiply a long string; keep the file within bounds
        data, how = data[:16 * limit], f"{how}; cut at {16 * limit} bytes".lstrip("; ")
    mutation = "; ".join(done + ([how] if how else []))
    return Case(f"answers-{index:05d}", "answers", data, mutation, qpath)


# ---------------------------------------------------------------------------------------------
# Questionnaire YAML

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))

YAML_TEXTS = {
    "billion laughs": "schema: assess/questionnaire/1\n" + LAUGHS + "id: *i\n",
    "laughs in a field": LAUGHS + "schema: assess/questionnaire/1\nid: x\nversion: 1.0.0\nlocales: [zh, en]\n"
                         "title: {zh: *i, en: x}\n",
    "recursive alias": "schema: assess/questionnaire/1\nid: x\nversion: 1.0.0\npillars: &p [*p]\n",
    "recursive mapping": "&m {schema: assess/questionnaire/1, id: x, version: 1.0.0, profile: *m}\n",
    "python object": "!!python/object/apply:os.system [\"echo pwned\"]\n",
    "python name": "schema: !!python/name:os.system\nid: x\n",
    "python tuple": "schema: assess/questionnaire/1\nid: !!python/tuple [a, b]\n",
    "binary": "schema: assess/questionnaire/1\nid: !!binary aGVsbG8=\nversion: 1.0.0\n",
    "set and omap": "schema: assess/questionnaire/1\nid: !!set {a, b}\nversion: !!omap [{a: 1}]\n",
    "timestamp": "schema: assess/questionnaire/1\nid: x\nversion: 2026-01-01\nlocales: [zh, en]\n",
    "deep flow": "[" * 20_000 + "]" * 20_000 + "\n",
    "deep mapping": "".join(f"{' ' * i}k:\n" for i in range(1000)) + " " * 1000 + "v\n",
    "deep flow mapping": "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
    "merge keys": "base: &b {zh: 名, en: name}\ntitle: {<<: *b}\nschema: assess/questionnaire/1\n",
    "many documents": "---\nid: a\n---\nid: b\n",
    "empty": "",
    "null document": "~\n",
    "a list": "- 1\n- 2\n",
    "a string": "just text\n",
    "tabs": "schema:\tassess/questionnaire/1\n\tid: x\n",
    "unknown tag": "schema: !Ref assess\n",
    "huge int": "schema: assess/questionnaire/1\nid: x\nversion: " + "9" * 10_000 + "\n",
    "bad escape": 'schema: "\\ud800\\x00"\n',
    "control char": "schema: assess/questionnaire/1\nid: \x07\n",
}


def _plain(value: object) -> object:
    """An odd value as YAML can write it."""
    if isinstance(value, Raw):
        nested: object = 1
        for _ in range(min(value.text.count("["), 200)):
            nested = [nested]
        return nested if value.text[:1] in "[{" else float(value.text) if "e" in value.text else 10 ** 300
    if isinstance(value, int) and abs(value) > 10 ** 4000:
        return 10 ** 300
    return value


def _yaml_tree(rng: random.Random, limit: int) -> tuple[str, str]:
    """The sample questionnaire with its tree broken, dumped back to YAML."""
    import yaml

    doc = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    done = []
    for _ in range(rng.choice([1, 1, 2, 4])):
        slots = _slots(doc)
        path, container, key = rng.choice(slots)
        roll = rng.random()
        if roll < 0.5:
            container[key] = _plain(odd_value(rng, limit))
            done.append("swap " + ".".join(map(str, path)))
        elif roll < 0.65:
            del container[key]
            done.append("drop " + ".".join(map(str, path)))
        elif roll < 0.8 and isinstance(container, list):
            container.extend([container[key]] * rng.choice([1, 2, 2000]))  # duplicated ids, or very many
            done.append("repeat " + ".".join(map(str, path)))
        else:
            if isinstance(container, dict):
                container[rng.choice(["extra", "depends_on", "gate", "bands", "cards", "weight"])] = \
                    _plain(odd_value(rng, limit)) if rng.random() < 0.5 else {"question": "P-SIZE", "equals": "large"}
            done.append("add beside " + ".".join(map(str, path)))
    text = yaml.safe_dump(doc, allow_unicode=rng.random() < 0.5, sort_keys=False, width=10 ** 6)
    return text, "; ".join(done)


def _huge_questionnaire(rng: random.Random, limit: int) -> tuple[str, str]:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index("      - id: G05")
    block = text[start:text.index("scoring:")]
    copies = max(1, limit // len(block.encode("utf-8")))
    many = "".join(block.replace("G05", f"G{i + 10:06d}") for i in range(copies))
    return text[:start] + many + text[text.index("scoring:"):], f"{copies} extra questions"


def questionnaire_case(index: int, rng: random.Random, limit: int) -> Case:
    roll = rng.random()
    if roll < 0.35:
        mutation = rng.choice(sorted(YAML_TEXTS))
        text = YAML_TEXTS[mutation]
    elif roll < 0.4:
        text, mutation = _huge_questionnaire(rng, limit)
    else:
        text, mutation = _yaml_tree(rng, limit)
    data = text_bytes(text)
    if rng.random() < 0.2:
        data, how = _bytes_mutation(data, rng)
        mutation += f"; {how}" if how else ""
    return Case(f"questionnaire-{index:05d}", "questionnaire", data, mutation)


# ---------------------------------------------------------------------------------------------

def _makers() -> dict[str, Callable[[int, random.Random, int], Case]]:
    from tests.fuzz.workbooks import report_case, sheet_case

    return {"answers": answer_case, "questionnaire": questionnaire_case, "sheet": sheet_case, "report": report_case}


MIX = {"answers": 0.6, "questionnaire": 0.14, "sheet": 0.16, "report": 0.1}


def generate(count: int, seed: int = 0, *, mix: dict[str, float] | None = None, limit: int = 2 * MiB):
    """`count` cases, in order; case i depends only on (seed, i), so any one can be rebuilt alone.
    `mix` is the share of each kind; `limit` the largest size of a long string or a huge file."""
    kinds, weights = zip(*(mix or MIX).items())
    for i in range(count):
        yield case(i, seed, kinds, weights, limit)


def case(i: int, seed: int, kinds: tuple = (), weights: tuple = (), limit: int = 2 * MiB) -> Case:
    rng = random.Random(f"{seed}:{i}")
    kind = rng.choices(kinds or tuple(MIX), weights or tuple(MIX.values()))[0]
    return _makers()[kind](i, rng, limit)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for c in generate(args.count, args.seed):
        (out / c.filename).write_bytes(c.data)
        print(f"{c.filename}\t{len(c.data)}\t{c.mutation}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

