"""Text as the app shows it: numbers, answered values, and text cut to terminal cells (CJK
characters take two cells, so len() is wrong)."""

from __future__ import annotations

from rich.cells import cell_len

from assess.answers import Value
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    QuestionBase,
    SingleSelectQuestion,
    YesNoQuestion,
    localize,
)
from assess.text.app_labels import t


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, ending with … when cut."""
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def fit(text: str, width: int) -> str:
    """`text` cut (with …) or padded with spaces to exactly `width` cells."""
    out = clip(text, width)
    return out + " " * max(0, width - cell_len(out))


def format_number(v: float) -> str:
    """3.0 as 3, 2.5 as 2.5."""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def value_text(question: QuestionBase, value: Value, lang: str) -> str:
    """An answered value as the respondent reads it."""
    if isinstance(question, MaturityQuestion) and isinstance(value, int):
        return f"{value} — {localize(question.levels[value].descriptor, lang)}" if 0 <= value < 6 else str(value)
    if isinstance(question, YesNoQuestion):
        return t("yes" if value else "no", lang)
    if isinstance(question, (SingleSelectQuestion, MultiSelectQuestion)):
        labels = {o.id: localize(o.label, lang) for o in question.options}
        chosen = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(v, str(v)) for v in chosen)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return str(value)
