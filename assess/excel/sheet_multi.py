"""A multiple choice as a sheet gives it: 是 or 否 on each option row, or the options typed as a list into
the question's own row (`研发设计、排产、物流与供应链`), the two checked against each other when both are
given. Which option a sub-row's id names, and where the option rows are, for the problems."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from assess.excel.a1 import col_letter
from assess.excel.sheet_values import (
    AMBIGUOUS_MARKS,
    YES_WORDS,
    cell_text,
    half_fault,
    listed_labels,
    lookup,
    norm,
    option_codes,
    option_names,
    short_codes,
)
from assess.model import MultiSelectQuestion
from assess.problems import msg

if TYPE_CHECKING:
    from assess.excel.sheet_rows import Cell, Given, RowReader


def option_of(question: MultiSelectQuestion, opt: str) -> str | None:
    """The option a sub-row's id names: its id as written, or differing only in case or width."""
    if any(o.id == opt for o in question.options):
        return opt
    option = option_codes(question).get(norm(opt))
    return option if option is not None and norm(option) == norm(opt) else None


def options_range(options: dict[str, tuple[Any, Cell]]) -> str:
    """The cells of a multiple choice's option rows, as one range: `Answers!E10:E13`."""
    cells = sorted((c for _, c in options.values()), key=lambda c: (c.sheet, c.col, c.row))
    first, last = cells[0], cells[-1]
    return str(first) if first == last else f"{first}:{col_letter(last.col - 1)}{last.row}"


def read_multi(reader: RowReader, question: MultiSelectQuestion, given: Given | None,
           subs: dict[str, tuple[Any, Cell]], value_cell: Cell | None) -> tuple[list[str] | None, bool]:
    """(the chosen option ids, or None when nothing was given; whether what was given is usable)."""
    qid = question.id
    chosen: list[str] = []
    given_on_rows = False
    ok = True
    for o in question.options:
        if o.id not in subs:
            continue
        raw, cell = subs[o.id]
        text = cell_text(raw)
        if not text:
            continue
        given_on_rows = True
        yes = raw if isinstance(raw, bool) else lookup(text, YES_WORDS)
        if yes is None:
            why = (msg("sheet.ambiguous_mark", text=text) if norm(text) in AMBIGUOUS_MARKS
                   else half_fault(text, YES_WORDS)
                   or msg("sheet.option_not_yes_no", question=qid, option=o.label, text=text))
            reader.add(why, cell, fix=msg("sheet.option_not_yes_no.fix"))
            ok = False
        elif yes is True or yes == "yes":
            chosen.append(o.id)
    typed = cell_text(given.value) if given else ""
    if typed:
        codes, shorts = option_codes(question), short_codes(question)
        picked = []
        for label, option in listed_labels(question):  # 排产、物流与供应链 is one option, not two
            typed = re.sub(f"(?<![^,，、;；\n]){re.escape(label)}(?![^,，、;；\n])", option, typed)
        for t in (t.strip() for t in re.split(r"[,，、;；\n]+", typed)):
            if not t:
                continue
            code = lookup(t, codes, labels=shorts) or shorts.get(norm(t))
            if code is None:
                why = half_fault(t, codes, labels=shorts) or msg("sheet.typed_not_option", question=qid, text=t)
                reader.add(why, value_cell, fix=msg("sheet.typed_not_option.fix", options=option_names(question)))
                ok = False
            else:
                picked.append(code)
        if given_on_rows and set(picked) != set(chosen):
            reader.add(msg("sheet.typed_differs", question=qid), value_cell, fix=msg("sheet.typed_differs.fix"))
            ok = False
        elif not given_on_rows:
            chosen = [o.id for o in question.options if o.id in picked]
            given_on_rows = bool(picked)
    none = next((o for o in question.options if o.exclusive), None)
    every_row_no = len(subs) == len(question.options) and all(cell_text(v) for v, _ in subs.values())
    if ok and given_on_rows and not chosen and none is not None and every_row_no \
            and not (given is not None and cell_text(given.status)):  # 不清楚 beside them says why
        # 否 on every row, 以上都没有 too: neither something nor nothing applies, which cannot be
        reader.add(msg("sheet.multi_all_no", question=qid, none=none.label), options_range(subs),
                 fix=msg("sheet.multi_all_no.fix", none=none.label))
        ok = False
    return (chosen if given_on_rows else None), ok
