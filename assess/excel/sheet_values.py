"""What a cell of an answer sheet says: text normalised, drop-down items read by their code, typed
numbers parsed. This converts; it does not judge. Whether a value is allowed (a level in range, a
percentage within 0-100, a known option, a text short enough) is `assess.rules.check_answer`'s
to say, the one rule the app and answer files use too.

Values are normalised before they are matched: NFKC (full-width digits and letters from Chinese
input methods), case, stray spaces, and a drop-down item may be given as its bare code (`3`, `yes`,
`na`) or its label alone. Free text (notes, evidence, text answers, the company's name) is kept as
typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from assess.answers import Value
from assess.excel import sheet_format as T
from assess.memo import per_object
from assess.model import (
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
)
from assess.problems import Msg, msg
from assess.text.clean import EVIDENCE_COUNT_MAX, FIELD_MAX, Kind, char_fault, text_fault
from assess.text.format import number
from assess.text.parse import parse_number, split_references, tidy_number


def norm(text: str) -> str:
    """NFKC, case-folded, spaces collapsed, curly quotes straightened, zero-width characters (pasted
    from web pages and chat apps, invisible in the cell) dropped: for matching codes."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    if not text.isprintable():
        text = _ZERO_WIDTH.sub("", text)
    return " ".join(text.casefold().split())


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@cache
def _t2s() -> Callable[[str], str] | None:
    try:
        import opencc  # loaded on the first word not found as typed: most sheets never need it
    except ImportError:  # pragma: no cover - a declared dependency; without it such words are refused, named
        return None
    return opencc.OpenCC("t2s").convert


def simplified(text: str) -> str:
    """Text in Traditional characters written in Simplified ones (對 → 对, 不適用 → 不适用, 三級 → 三级): a
    word typed in an answer, status or evidence-state cell with a Traditional input method is matched
    with the Simplified words the template gives. Asked of text not found as it is, and of a card's
    name (合计 or 暂无 in either script). Headings and question texts are not converted: a sheet whose
    headings were (WPS's 简转繁) is refused, named."""
    convert = _t2s() if not text.isascii() else None
    return convert(text) if convert is not None else text


def cell_text(v: object) -> str:
    """A cell as text, stripped; numbers without a spurious `.0`, dates as ISO 8601."""
    if isinstance(v, str):  # most cells
        return v.strip()
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, datetime | date | time):
        return v.isoformat()
    if isinstance(v, timedelta):  # as Excel shows a duration ([h]:mm:ss), not Python's "1 day, 6:00:00"
        seconds = round(v.total_seconds())
        hours, rest = divmod(abs(seconds), 3600)
        return f"{'-' if seconds < 0 else ''}{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return str(v).strip()


def cell_fault(v: object, kind: Kind) -> tuple[Msg, Msg] | None:
    """Why a cell's text is refused where it enters (`assess.text.clean`: characters no screen or
    workbook can take, a length over `kind`'s limit), with how to fix it; None when it is fine.
    An evidence cell may hold several references, one a line: each is checked when it is split
    (`evidence_fault`)."""
    if not isinstance(v, str):
        return None
    if not v or (len(v) <= FIELD_MAX and v.isprintable()):
        return None  # most cells: a printable string holds no control, surrogate or bidi character
    if kind == "evidence":
        return char_fault(v, multiline=True)
    return text_fault(v.strip(), kind)


def evidence_fault(refs: list[str]) -> tuple[Msg, Msg] | None:
    """Why a cell's evidence references are refused (too many, one too long), or None."""
    if len(refs) > EVIDENCE_COUNT_MAX:
        return (msg("clean.too_many", n=len(refs), limit=EVIDENCE_COUNT_MAX),
                msg("clean.too_many.fix", limit=EVIDENCE_COUNT_MAX))
    for ref in refs:
        fault = text_fault(ref, "evidence")
        if fault is not None:
            return fault
    return None


_CODE_SPLIT = re.compile(r"\s*(?:—|–| - |:)\s*")
_DOT_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")
"""1.200 typed as text: 1.2 to most, 1200 where a dot groups thousands. Not guessed."""


def _dot_grouped(question: QuestionBase, x: float, text: str) -> tuple[float, Msg | None]:
    """1.200 read as the one of 1.2 and 1200 the question allows; refused when it allows both."""
    from assess.answers import Answer
    from assess.rules import check_answer

    large = round(x * 1000, 9)
    fits = [v for v in (x, large) if check_answer(question, Answer(value=tidy_number(v))) is None]
    if len(fits) == 1:
        return fits[0], None
    return x, msg("sheet.dot_grouped", text=text, small=number(x), large=number(large))
_TYPED_SPLIT = re.compile(r"\s*(?:—|–|\s-\s|:|：|\s－\s)\s*")
"""The same split of a cell as typed (before NFKC makes ： a colon): to quote what follows it."""


def code_part(text: str, normalised: bool = False) -> str:
    """What stands before the label of a drop-down item (`3 — 集成级` -> `3`), normalised."""
    return _halves(text if normalised else norm(text))[0]


def _table(entries: dict[str, str]) -> dict[str, str]:
    return {norm(k): v for k, v in entries.items() if k}


STATUS_WORDS = _table({
    **{c: c for c in T.STATUS_CODES},
    **{T.WORDS[f"status.{c}"][loc]: c for c in T.STATUS_CODES for loc in ("zh", "en")},
    "n/a": "na", "n.a.": "na", "not applicable": "na", "不涉及": "na",
    "dont know": "dont_know", "don't know": "dont_know", "do not know": "dont_know", "unknown": "dont_know",
    "dk": "dont_know", "不清楚": "dont_know", "不知道": "dont_know", "未知": "dont_know",
    "不确定": "dont_know", "not sure": "dont_know", "unsure": "dont_know", "不适用": "na", "na": "na",
    "answer": "answered", "已答": "answered", "回答": "answered", "已回答": "answered",
})
EVIDENCE_WORDS = _table({
    **{c: c for c in T.EVIDENCE_CODES},
    **{T.WORDS[f"evidence.{c}"][loc]: c for c in T.EVIDENCE_CODES for loc in ("zh", "en")},
    "声明": "declared", "文件": "documented", "有文件": "documented", "核实": "verified", "已核实": "verified",
    "stated": "declared",
    # the words of earlier answer sheets, which plants may still send back
    "仅声明": "declared", "stated only": "declared", "有文件支撑": "documented", "a document exists": "documented",
    "经第三方核实": "verified", "checked by a third party": "verified",
})
YES_WORDS = _table({"yes": "yes", "y": "yes", "true": "yes", "1": "yes", "是": "yes", "有": "yes", "对": "yes",
                    "是的": "yes", "对的": "yes", "不是的": "no", "不对": "no", "不": "no",
                    "正确": "yes", "√": "yes", "✓": "yes", "✔": "yes", "☑": "yes",
                    "no": "no", "n": "no", "false": "no", "0": "no", "否": "no", "无": "no", "没有": "no",
                    "不是": "no", "错": "no", "错误": "no", "×": "no", "✗": "no", "✘": "no", "✕": "no", "✖": "no",
                    "☒": "no"})
AMBIGUOUS_MARKS = frozenset({"x"})
"""A bare X: a tick in one culture, a cross (×, "no") in another. Refused, never guessed."""
ASKED_STATUS = frozenset({"na", "dont_know"})
"""The statuses a word typed into the answer cell can set (不适用, N/A, 不知道, don't know)."""
EVIDENCE_STATES = {s.value: s for s in EvidenceState}


def lookup(text: str, table: dict[str, Any], names: dict[str, int] | None = None,
           labels: dict[str, Any] | None = None) -> Any:
    """The code a cell means in `table`: its whole text, or its code part, or its label part; None
    when it means none, or when its code and its label name two different ones (`yes — 否`: a
    drop-down item with one half typed over is not guessed at). `names`: the level names a
    maturity item's label may be; `labels`, other names a label may give (an option's short name). A
    bare code or a drop-down item as written (`3 — 集成级`) is found before any normalising, as most
    cells are; a word in Traditional characters, as its Simplified one."""
    found = _lookup(text, table, names, labels)
    if found is None and (plain := simplified(text)) != text:
        found = _lookup(plain, table, names, labels)
    return found


def _lookup(text: str, table: dict[str, Any], names: dict[str, int] | None,
            labels: dict[str, Any] | None) -> Any:
    head, _, tail = text.partition(T.SEP)
    found = table.get(head)
    if found is None:
        n = norm(text)
        if n in table:
            return table[n]
        head, tail = _halves(n)
        found = table.get(head)
        if found is None:  # the label alone, after a dash, unless the part before it names another
            head, _, tail = (part.strip() for part in n.partition(T.SEP.strip()))
            found = table.get(tail) if tail else None
            tail = head
    if tail and _label(tail, table, names, labels) != found:
        return None  # 是 - 计划中, 不适用：部分产线适用: what follows may undo it, and is not guessed at
    return found


def half_fault(text: str, table: dict[str, Any], names: dict[str, int] | None = None,
               labels: dict[str, Any] | None = None) -> Msg | None:
    """Why a cell whose first half names a value of `table` is not read as it: its second half names
    another (`yes — 否`), or none (`是 - 计划中`: an answer with a condition, whether it holds cannot be
    told); None when the first half names nothing."""
    head, tail = _halves(norm(text))
    found = table.get(head)
    if found is None or not tail:
        return None
    return _half_fault(text, _label(tail, table, names, labels), found)


def _half_fault(text: str, second: Any, first: Any) -> Msg | None:
    if second is None:
        typed = _TYPED_SPLIT.split(text.strip(), maxsplit=1)
        head, extra = (typed[0], typed[1]) if len(typed) > 1 else (text, "")
        return msg("sheet.qualified", text=text, head=head, extra=extra)
    return msg("sheet.contradicts", text=text) if second != first else None


def _halves(n: str) -> tuple[str, str]:
    """A normalised drop-down item's code and label ("" when it has none)."""
    parts = _CODE_SPLIT.split(n, maxsplit=1)
    return parts[0], parts[1].strip() if len(parts) > 1 else ""


def _label(label: str, table: dict[str, Any], names: dict[str, int] | None,
           labels: dict[str, Any] | None = None) -> Any:
    """What one half of a drop-down item names: an option, or with `names` a level (by its name, as
    written or normalised, or by its number: `L2`, `二级`)."""
    found = table.get(label)
    if found is None and names:
        found = names.get(label)  # a level's name as the template writes it
    if found is None:
        n = norm(label)
        found = table.get(n)
        if found is None and labels:
            found = labels.get(n)
        if found is None and names is not None:
            found = names.get(n)
            if found is None:
                found = names.get(n.replace(" ", ""))
            if found is None:
                found = level_number(n)
    return found


@per_object(4096)  # building them costs a third of reading a sheet's answers
def option_codes(question: QuestionBase) -> dict[str, Any]:
    """How cell text maps to a question's values: level numbers and descriptors, option ids and labels."""
    codes: dict[str, Any] = {}
    if isinstance(question, MaturityQuestion):
        for i, lev in enumerate(question.levels):
            codes[str(i)] = i
            for text in lev.descriptor.values():
                codes.setdefault(norm(text), i)
    elif isinstance(question, SingleSelectQuestion | MultiSelectQuestion):
        for o in question.options:
            codes[norm(o.id)] = o.id
        for o in question.options:
            for text in o.label.values():
                codes.setdefault(norm(text), o.id)
                codes.setdefault(text, o.id)  # as the template writes it: found without normalising
    return codes


@per_object(4096)
def short_codes(question: SingleSelectQuestion | MultiSelectQuestion) -> dict[str, str]:
    """An option's name alone (中型企业 for 中型企业（从业人员300人及以上…）), or what its label's closing
    brackets hold (集成级 for 三级（集成级）), or either half of a label in two (稳健级 for 三级 稳健级),
    where no other option has it, nor holds it in its own name: read only as a whole cell,
    never as half of one (`无需办理：尚未完成` is not 无需办理). An option's name comes before another's
    second name: 自建 stays 自建（本企业…） where 公有云（自建） says it too."""
    owners: dict[str, set[str]] = {}
    seconds: dict[str, set[str]] = {}
    for o in question.options:
        for text in o.label.values():
            owners.setdefault(norm(_short(text)), set()).add(o.id)
            bracketed = _BRACKETED.fullmatch(text.strip())
            if bracketed:
                seconds.setdefault(norm(bracketed.group(1)), set()).add(o.id)
            halves = text.split()
            if len(halves) == 2 and not text.isascii():  # 三级 稳健级: each half names it
                for half in halves:
                    seconds.setdefault(norm(half), set()).add(o.id)
    for name, ids in seconds.items():
        owners.setdefault(name, ids)
    taken = option_codes(question)
    labels = [(o.id, norm(_short(text))) for o in question.options for text in o.label.values()]
    # 实际运行数据 names confirmed (实际运行数据，并经…核对) but is also what system's own name says it counts
    # (…统计的实际运行数据): a name another option's own name holds is no one's (one in its brackets is)
    return {name: owner for name, ids in owners.items() if name and len(ids) == 1 and name not in taken
            and not any(name in label for other, label in labels if other != (owner := next(iter(ids))))}


def _short(label: str) -> str:
    """An option's label without what explains it: `中型企业（从业人员300人及以上…）` -> `中型企业`."""
    return _EXPLAINED.split(label, maxsplit=1)[0].strip()


_EXPLAINED = re.compile(r"[（(：:；;，,]")
_BRACKETED = re.compile(r".+?[（(]([^（()）]+)[）)]")
_LISTED = re.compile(r"[,，、;；\n]")
"""What separates the options typed into one cell (`sheet_rows`: a multiple choice's own cell)."""


@per_object(4096)
def listed_labels(question: MultiSelectQuestion) -> list[tuple[str, str]]:
    """(label, option id) of each option whose label holds a separator of a typed list (排产、物流与供应链),
    longest first: found whole in a cell before the cell is split into options."""
    found = {text.strip(): o.id for o in question.options for text in o.label.values() if _LISTED.search(text)}
    return sorted(found.items(), key=lambda item: -len(item[0]))


def option_ids(question: SingleSelectQuestion | MultiSelectQuestion) -> list[str]:
    return [o.id for o in question.options]


def option_names(question: SingleSelectQuestion | MultiSelectQuestion) -> list[dict[str, str]]:
    """The options as a client reads them in a fix, each by its label's name in either language,
    quoted: a name may hold a comma or a 、 of its own."""
    quote = {"zh": "“{}”", "en": "'{}'"}
    codes, shorts = option_codes(question), short_codes(question)

    def shown(option: str, label: str) -> str:  # a name that would not read back as this option: the label
        named = _named(label)
        readable = (lookup(named, codes, labels=shorts) or shorts.get(norm(named))) == option
        return named if named == label.strip() or readable else label.strip()

    return [{loc: quote.get(loc, "{}").format(shown(o.id, text)) for loc, text in o.label.items()}
            for o in question.options]


def _named(label: str) -> str:
    """An option's label as a fix lists it: without a long explanation, but with a short second name
    in brackets (三级（集成级）), which is read as the option too (`short_codes`)."""
    bracketed = _BRACKETED.fullmatch(label.strip())
    if bracketed and len(bracketed.group(1)) <= 12 and not _LISTED.search(bracketed.group(1)):
        return label.strip()  # not （视觉、时序等）: a multiple choice typed as listed would split there
    return _short(label) or label


_LEVEL = re.compile(r"(?:l|lv|lvl|level|等级|级别|第)?\s*(\d{1,2}|[零〇一二三四五六七八九十])\s*级?")
_HAN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"〇": 0}

@per_object(64)
def level_names(names: list[dict[str, str]]) -> dict[str, int]:
    """The questionnaire's level names (`集成级`, `Integrated`), normalised, -> their level."""
    table: dict[str, int] = {}
    for i, name in enumerate(names):
        for text in name.values():
            n = norm(text)
            table.setdefault(n, i)
            table.setdefault(n.replace(" ", ""), i)  # L3推广, typed without the space
            numbered = _NUMBERED.fullmatch(n)
            if numbered:  # the word of a numbered name alone: 推广 for L3 推广
                table.setdefault(numbered[1], i)
    return table


_NUMBERED = re.compile(r"l\d+\s*(\D.*)")


@per_object(8)
def reading_names(q: Questionnaire) -> dict[str, int]:
    """The level names a cell may give (`level_names`): this release's, and its other bundled releases'
    where this one does not use the name (3 — 集成级, as the 1.0.0 template named level 3)."""
    from assess.content.bundled import other_releases

    table = dict(level_names(q.scoring.levels.names))
    for other in other_releases(q):
        for name, level in level_names(other.scoring.levels.names).items():
            table.setdefault(name, level)
    return table


def level_number(text: str) -> int | None:
    """The level `3`, `3级`, `三级`, `L3`, `Level 3` or `第三级` stands for (normalised text), or None."""
    m = _LEVEL.fullmatch(text)
    if m is None:
        return None
    d = m.group(1)
    return int(d) if d.isdigit() else _HAN_DIGITS[d]


def status_word(text: str) -> str | None:
    """The status (na, dont_know) a word typed into an answer cell sets (不适用, N/A, 不知道), or None."""
    code = (STATUS_WORDS.get(norm(text)) or STATUS_WORDS.get(norm(simplified(text)))) if text else None
    return code if code in ASKED_STATUS else None


def _maturity(question: MaturityQuestion, raw: object, text: str, names: dict[str, int] | None) -> Value:
    if not isinstance(raw, str):
        x = parse_number(raw)
        return int(x) if x is not None and x.is_integer() else None
    table = option_codes(question)
    level = lookup(text, table, names)
    if level is not None:
        return level
    n = norm(text)
    whole = _level_of(n, table, names)
    if whole is not None:
        return whole
    x = parse_number(n, percent_sign=False)
    if x is not None and x.is_integer() and "." in n:  # 3.0, as a number stored as text reads
        return int(x)
    head, tail = _halves(n)
    first = _level_of(head, table, names)
    # "2 — L3 推广" names two levels, "4 - 目标" a level and a condition: neither is guessed at
    return first if first is not None and (not tail or _level_of(tail, table, names) == first) else None


def _level_fault(question: MaturityQuestion, text: str, names: dict[str, int] | None) -> Msg | None:
    """Why a level cell whose first half names a level is not read as it (`half_fault`)."""
    head, tail = _halves(norm(text))
    table = option_codes(question)
    first = _level_of(head, table, names)
    if first is None or first >= len(question.levels) or not tail:  # 7 — 超级级 is no level at all
        return None
    return _half_fault(text, _level_of(tail, table, names), first)


def _level_of(text: str, table: dict[str, Any], names: dict[str, int] | None) -> int | None:
    """The level a normalised text names: a descriptor, a number (3, 三级, L3) or a level's name."""
    found = table.get(text)
    if found is None:
        found = level_number(text)
    if found is None and names:
        found = names.get(text)
    return found


def yes_no(raw: object) -> tuple[bool | None, Msg | None]:
    """What a yes/no cell says (是, 否, yes, N, ✓, ×, TRUE...), or None with why: a bare X is named
    as the ambiguous mark it is, never guessed."""
    if isinstance(raw, bool):
        return raw, None
    text = cell_text(raw)
    # a bare X, alone or as the first half of an item ("X — 是"): ambiguous whatever follows it
    mark = text[:1] in "xXｘＸ" and _halves(norm(text))[0] in AMBIGUOUS_MARKS
    code = None if mark else lookup(text, YES_WORDS)
    if code is None:
        if mark:
            return None, msg("sheet.ambiguous_mark", text=text)
        return None, half_fault(text, YES_WORDS) or msg("sheet.not_yes_no", text=text)
    return code == "yes", None


def _units(question: QuestionBase) -> list[str]:
    """A number question's unit in each language (none: asked in a unit the client chose)."""
    unit = getattr(question, "unit", None)
    return list(unit.values()) if isinstance(unit, dict) else [unit] if unit else []


def _counted(question: QuestionBase) -> bool:
    """Whether a number question counts in a unit of its own (个, 个月, 处), which a per cent is not. One
    without a unit may be asked in one the client chose ("in the unit given above": 漏检率, %)."""
    units = _units(question)
    return not isinstance(question, PercentageQuestion) and bool(units) and not any("%" in u for u in units)


def _in_months(question: QuestionBase) -> bool:
    """Whether a number question counts months (个月, months)."""
    return any("月" in u or "month" in u.lower() for u in _units(question))


def parse_value(question: QuestionBase, raw: object, *, percent: bool = False,
                names: dict[str, int] | None = None) -> tuple[Value, Msg | None, Msg | None]:
    """(value, why the cell cannot be read as a value of the question's kind, a warning): the cell
    converted. Whether the value is allowed is `rules.check_answer`'s to judge. `percent`: the
    cell has a percent number format (Excel stores a typed 62% as 0.62); `names`: the
    questionnaire's level names (`level_names`). Text in Traditional characters that reads as
    nothing is read as its Simplified text (三級, 對, a drop-down item converted); if that reads as
    nothing either, the reason given is the text's as typed."""
    got = _parse_value(question, raw, percent, names)
    if got[1] is not None and isinstance(raw, str) and (plain := simplified(raw)) != raw:
        again = _parse_value(question, plain, percent, names)
        if again[1] is None:
            return again
    return got


def _parse_value(question: QuestionBase, raw: object, percent: bool,
                 names: dict[str, int] | None) -> tuple[Value, Msg | None, Msg | None]:
    text = cell_text(raw)
    if isinstance(raw, datetime | date | time | timedelta) and not isinstance(question, TextQuestion):
        return None, msg("sheet.date_typed", text=text), None  # Excel's reading of 1-3 or 3/5
    if isinstance(question, MaturityQuestion):
        level = _maturity(question, raw, text, names)
        if level is None:
            why = _level_fault(question, text, names)
            if why is not None:
                return None, why, None
            return None, msg("sheet.not_level", text=text, top=len(question.levels) - 1), None
        return level, None, None
    if isinstance(question, YesNoQuestion):
        yes, why = yes_no(raw)
        return yes, why, None
    if isinstance(question, NumberQuestion | PercentageQuestion):
        if isinstance(raw, str) and not raw.isprintable():  # "3" pasted with a zero-width space is 3
            raw = _ZERO_WIDTH.sub("", raw)
        x = parse_number(raw)
        if x is None:
            return None, msg("sheet.not_number", text=text), None
        plain = unicodedata.normalize("NFKC", raw).strip().rstrip("%").strip() if isinstance(raw, str) else ""
        if _DOT_GROUPED.fullmatch(plain):
            x, why = _dot_grouped(question, x, text)
            if why is not None:
                return None, why, None
        if percent and not isinstance(raw, str) and not isinstance(question, PercentageQuestion):
            # the cell shows 55%: whether the number or the per cent was meant cannot be told
            return None, msg("sheet.percent_on_number", shown=f"{number(round(x * 100, 9))}%"), None
        if isinstance(raw, str) and raw.rstrip().endswith(("%", "％")) and _counted(question):
            return None, msg("sheet.percent_typed_on_number", text=text), None  # 60% of what, as a count?
        if 1990 <= x < 2100 and _in_months(question):  # 2023.03: the month it began, not how many months
            return None, msg("sheet.month_typed", text=text), None
        if isinstance(question, PercentageQuestion):
            if percent and not isinstance(raw, str):
                if x > 1:  # 62 typed where the format makes it 6200% (LibreOffice, WPS: Excel adds the %)
                    return None, msg("sheet.percent_over", typed=number(x), shown=f"{number(round(x * 100, 9))}%"), None
                x = round(x * 100, 9)  # the cell shows 62%; it holds 0.62
                text = f"{number(x)}%"
            elif 0 < x <= 1 and not (isinstance(raw, str) and raw.rstrip().endswith(("%", "％"))):
                return None, msg("sheet.bare_fraction", text=text, percent=number(x * 100)), None
        return tidy_number(x), None, None
    if isinstance(question, SingleSelectQuestion):
        shorts = short_codes(question)
        code = lookup(text, option_codes(question), labels=shorts) or shorts.get(norm(text))
        if code is None:
            why = half_fault(text, option_codes(question), labels=shorts)
            if why is not None:
                return None, why, None
            return None, msg("sheet.not_option", text=text, options=option_names(question)), None
        return code, None, None
    if isinstance(question, TextQuestion):
        return (raw.strip() if isinstance(raw, str) else text), None, None
    return None, msg("sheet.not_in_sheet"), None


def fix_for(question: QuestionBase, why: Msg | None = None) -> Msg:
    """How to give a valid answer to `question` in its value cell (`why`: what was wrong, when the fix
    depends on it)."""
    if why is not None and why.key == "answer.exclusive":  # a multi select: one choice or the others
        return msg("sheet.fix.exclusive", option=why.arg("option"))
    if why is not None and why.key == "sheet.percent_over":  # typing a bare number again would fail again
        return msg("sheet.percent_over.fix", typed=why.arg("typed"))
    if why is not None and why.key in ("sheet.percent_on_number", "sheet.percent_typed_on_number", "sheet.month_typed"):
        return msg(why.key + ".fix")
    if why is not None and why.key == "sheet.bare_fraction":
        return msg("sheet.bare_fraction.fix", text=why.arg("text"), percent=why.arg("percent"))
    if why is not None and why.key == "sheet.dot_grouped":
        return msg("sheet.dot_grouped.fix", small=why.arg("small"), large=why.arg("large"))
    if why is not None and why.key == "sheet.qualified":
        return msg("sheet.qualified.fix")
    if isinstance(question, MaturityQuestion):
        return msg("sheet.fix.level", top=len(question.levels) - 1)
    if isinstance(question, YesNoQuestion):
        return msg("sheet.fix.yes_no")
    if isinstance(question, PercentageQuestion):
        return msg("sheet.fix.percent")
    if isinstance(question, NumberQuestion):
        if question.min is not None and question.max is not None:
            return msg("sheet.fix.number_range", low=number(question.min), high=number(question.max))
        if question.min is not None:
            return msg("sheet.fix.number_min", low=number(question.min))
        if question.max is not None:
            return msg("sheet.fix.number_max", high=number(question.max))
        return msg("sheet.fix.number")
    if isinstance(question, SingleSelectQuestion | MultiSelectQuestion):
        return msg("sheet.fix.option", options=option_names(question))
    if isinstance(question, TextQuestion):
        return msg("sheet.fix.shorten") if question.max_length else msg("sheet.fix.text")
    return msg("sheet.fix.dropdown")


def evidence_list(v: object) -> list[str]:
    """Evidence references from one cell (`split_references`)."""
    return split_references(cell_text(v))
