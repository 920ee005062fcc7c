"""What the answer sheet shows by itself as it is filled, with no macros: questions the profile
makes not applicable grey out (conditional formats whose formulas read the Company sheet's answer
cells), a blank profile answer that decides a gate is marked as required, and rows are tall enough
for their wrapped text (neither Excel nor LibreOffice grows a row for text written by openpyxl, so
a printed question would be cut).

The formulas follow `assess.rules.depends_state`: a condition is decided false when its profile
answer is given and fails, or when the profile question it tests is itself not applicable; a blank
answer leaves it undecided, and under the policy `blank: zero` an undecided question applies, so
only a decided "no" greys a row out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from assess.excel.sheet_format import COMPANY, SUB, Row, item, yes_no_items
from assess.model import (
    Condition,
    DependsOn,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    QuestionBase,
    Questionnaire,
    SingleSelectQuestion,
    localize,
)

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

GREY_FILL, GREY_FONT, REQUIRED_FILL = "E7E7E7", "A6A6A6", "F8CBAD"
LINE_HEIGHT = 16.0
"""Points per wrapped line: 11-point text, with room for the taller CJK fallback fonts."""


def _text(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


class Formulas:
    """Excel formulas over the Company sheet's answer cells, for one questionnaire and locale."""

    def __init__(self, q: Questionnaire, locale: str, company_rows: dict[str, int]):
        self.q, self.locale, self.rows = q, locale, company_rows
        self.by_id = {x.id: x for x in q.profile}
        self.yes = yes_no_items(locale)

    def _cell(self, rid: str) -> str:
        return f"{COMPANY}!$C${self.rows[rid]}"

    def _given(self, question: QuestionBase) -> str:
        """The profile question is answered."""
        if isinstance(question, MultiSelectQuestion):
            cells = [self._cell(f"{question.id}{SUB}{o.id}") for o in question.options]
            return "(" + "+".join(f"LEN({c})" for c in cells) + ")>0"
        return f"LEN({self._cell(question.id)})>0"

    def _is(self, question: QuestionBase, value: object) -> str:
        """The profile answer equals `value`."""
        cell = self._cell(question.id)
        if isinstance(value, bool):  # the drop-down's item, or its code or label typed alone
            forms = {self.yes[0 if value else 1], "yes" if value else "no"}
            return "OR(" + ",".join(f"{cell}={_text(x)}" for x in sorted(forms)) + ")"
        if isinstance(question, SingleSelectQuestion):
            label = next((localize(o.label, self.locale) for o in question.options if o.id == value), "")
            forms = {item(str(value), label), str(value), " ".join(label.split()) or str(value)}
            return "OR(" + ",".join(f"{cell}={_text(x)}" for x in sorted(forms)) + ")"
        if isinstance(question, MaturityQuestion) and isinstance(value, int):
            return f"IFERROR(VALUE(LEFT({cell},1)),-1)={value}"
        if isinstance(value, (int, float)):
            return f"{cell}={_num(value)}"
        return f"{cell}={_text(str(value))}"

    def _holds(self, c: Condition, question: QuestionBase) -> str:
        if c.equals is not None:
            return self._is(question, c.equals)
        if c.one_of is not None:
            return "OR(" + ",".join(self._is(question, v) for v in c.one_of) + ")"
        if c.includes is not None:
            if isinstance(question, MultiSelectQuestion):
                return "OR(" + ",".join(f"{self._cell(f'{question.id}{SUB}{o}')}={_text(x)}"
                                        for o in c.includes for x in sorted({self.yes[0], "yes"})) + ")"
            return "OR(" + ",".join(self._is(question, v) for v in c.includes) + ")"
        assert c.at_least is not None
        if isinstance(question, SingleSelectQuestion):
            good = [o.id for o in question.options if o.points is not None and o.points >= c.at_least]
            return "OR(" + ",".join(self._is(question, v) for v in good) + ")" if good else "FALSE"
        cell = self._cell(question.id)
        if isinstance(question, MaturityQuestion):
            return f"IFERROR(VALUE(LEFT({cell},1)),-1)>={_num(c.at_least)}"
        if isinstance(question, NumberQuestion):
            return f"AND(ISNUMBER({cell}),{cell}>={_num(c.at_least)})"
        return "FALSE"

    def _fails(self, c: Condition, depth: int) -> str | None:
        """The condition is decided false, or None when it never is."""
        question = self.by_id.get(c.question)
        if question is None or (not isinstance(question, MultiSelectQuestion) and question.id not in self.rows):
            return None
        own = f"AND({self._given(question)},NOT({self._holds(c, question)}))"
        if question.depends_on is not None and depth < 8:
            hidden = self.not_applicable(question.depends_on, depth + 1)
            if hidden:
                return f"OR({hidden},{own})"
        return own

    def not_applicable(self, dep: DependsOn | None, depth: int = 0) -> str | None:
        """A formula true when the profile answers decide that `dep` does not hold; None without one."""
        if dep is None:
            return None
        parts = [f for f in (self._fails(c, depth) for c in dep.all) if f]
        anys = [self._fails(c, depth) for c in dep.any]
        if dep.any and all(anys):
            parts.append("AND(" + ",".join(f for f in anys if f) + ")")
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "OR(" + ",".join(parts) + ")"

    def gate_deciders(self) -> list[QuestionBase]:
        """Profile questions whose answers decide whether a gate applies (nested conditions too)."""
        out: dict[str, QuestionBase] = {}

        def visit(dep: DependsOn | None, depth: int) -> None:
            for c in dep.conditions() if dep is not None and depth < 8 else []:
                question = self.by_id.get(c.question)
                if question is not None and question.id not in out:
                    out[question.id] = question
                    visit(question.depends_on, depth + 1)

        for p in self.q.pillars:
            for question in p.questions:
                if question.gate is not None:
                    visit(question.depends_on, 0)
        return list(out.values())


def add_conditional_formats(q: Questionnaire, locale: str, ws_company: Worksheet, ws_answers: Worksheet,
                            company: Iterable[tuple[Row, int]], answers: Iterable[tuple[Row, int]],
                            last_col: str = "I") -> None:
    """Grey out the rows the profile makes not applicable; mark required blank profile answers."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    company = list(company)
    rows = {row.id: r for row, r in company}
    f = Formulas(q, locale, rows)
    grey = {"fill": PatternFill(start_color=GREY_FILL, end_color=GREY_FILL, fill_type="solid"),
            "font": Font(color=GREY_FONT)}

    def grey_out(ws: Worksheet, placed: list[tuple[Row, int]], last: str) -> None:
        spans: dict[str, list[str]] = {}
        for row, r in placed:
            question = row.question
            if question is None:
                continue
            deps = [question.depends_on]
            if row.pillar is not None:
                deps.insert(0, row.pillar.depends_on)
            parts = [x for x in (f.not_applicable(d) for d in deps) if x]
            if parts:
                formula = parts[0] if len(parts) == 1 else "OR(" + ",".join(parts) + ")"
                spans.setdefault(formula, []).append(f"A{r}:{last}{r}")
        for formula, refs in spans.items():
            ws.conditional_formatting.add(" ".join(refs), FormulaRule(formula=[formula], stopIfTrue=False, **grey))

    grey_out(ws_answers, list(answers), last_col)
    grey_out(ws_company, company, "D")
    if q.scoring.blank == "zero":
        required = PatternFill(start_color=REQUIRED_FILL, end_color=REQUIRED_FILL, fill_type="solid")
        for question in f.gate_deciders():
            if isinstance(question, MultiSelectQuestion):
                first = rows[f"{question.id}{SUB}{question.options[0].id}"]
                last = rows[f"{question.id}{SUB}{question.options[-1].id}"]
                ref, formula = f"C{first}:C{last}", f"COUNTA($C${first}:$C${last})=0"
            elif question.id in rows:
                ref, formula = f"C{rows[question.id]}", f"LEN($C${rows[question.id]})=0"
            else:
                continue
            ws_company.conditional_formatting.add(ref, FormulaRule(formula=[formula], fill=required))


def text_width(text: str) -> int:
    """Width of `text` in Excel's unit: two for a full-width character, one for the others."""
    return sum(2 if len(ch.encode("utf-8")) >= 3 else 1 for ch in text)


def lines_of(text: str, width: float) -> int:
    """Lines `text` takes wrapped in a column `width` wide; a tenth to spare for breaks at words."""
    room = max(1.0, width - 1.5)
    return sum(max(1, -(-int(text_width(line) * 1.1) // int(room))) for line in text.split("\n"))


def fit_rows(ws: Worksheet, widths: dict[str, float], first_row: int = 1) -> None:
    """Set each row's height to hold its wrapped text in full."""
    for r in range(first_row, ws.max_row + 1):
        lines = 1
        for letter, width in widths.items():
            value = ws[f"{letter}{r}"].value
            if isinstance(value, str) and value:
                lines = max(lines, lines_of(value, width))
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines + 4
