"""Fill answer sheets as plants would, and have LibreOffice re-save them as a client's office suite does.

    python tests/data/make_filled.py -q tests/data/sample/questionnaire.yaml -o OUT --count 20 --resave
    python tests/data/make_filled.py --fixtures      # rebuild the committed fixtures in tests/data/sheets/

Each sheet comes from a seeded random answer set (`random_answers`), written by the template writer
pre-filled, then (variant `messy`) edited cell by cell through openpyxl the way people type: bare codes,
full-width digits from Chinese input methods, stray spaces and capitals, 'N/A'. Beside every sheet goes
`<name>.expected.json`, the answer file the reader must give back. With --resave, LibreOffice headless
(`soffice --headless --convert-to xlsx`, Debian package libreoffice-calc) re-saves them in chunks of 50,
since one call given hundreds of files stops silently after a few hundred; every output is checked to exist.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assess.answers import Answer, AnswerSet, Company, Respondent  # noqa: E402
from assess.content.answer_file import answers_json  # noqa: E402
from assess.content.bundled import load_questionnaire, ref_of  # noqa: E402
from assess.excel.sheet_format import ANSWERS, COMPANY  # noqa: E402
from assess.excel.sheet_writer import build_workbook  # noqa: E402
from assess.model import (  # noqa: E402
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    Questionnaire,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
)
from assess.rules import applies, question_index  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "sample" / "questionnaire.yaml"
FIXTURES = ROOT / "tests" / "data" / "sheets"
CHUNK = 50

CITIES = ["苏州", "宁波", "佛山", "东莞", "合肥", "成都", "青岛", "无锡", "长沙", "西安"]
TRADES = ["精密机械", "汽车零部件", "电子元器件", "纺织", "化工新材料", "家电", "食品", "医疗器械"]


def random_value(question, rng: random.Random):
    if isinstance(question, MaturityQuestion):
        return rng.randrange(len(question.levels))
    if isinstance(question, YesNoQuestion):
        return rng.random() < 0.6
    if isinstance(question, PercentageQuestion):
        return rng.choice([0, 5, 10, 20, 25, 40, 50, 60, 75, 80, 90, 100, 33.5])
    if isinstance(question, SingleSelectQuestion):
        return rng.choice(question.options).id
    if isinstance(question, MultiSelectQuestion):
        plain = [o.id for o in question.options if not o.exclusive]
        exclusive = [o.id for o in question.options if o.exclusive]
        if exclusive and rng.random() < 0.15:
            return [exclusive[0]]
        chosen = set(rng.sample(plain, rng.randint(1, len(plain))))
        return [o.id for o in question.options if o.id in chosen]
    if isinstance(question, NumberQuestion):
        lo = question.min if question.min is not None else 0
        hi = question.max if question.max is not None else 1000
        return int(rng.uniform(lo, min(hi, lo + 1000)))
    if isinstance(question, TextQuestion):
        return rng.choice(["", "按计划推进", "见附件说明", "2026年完成评估", "=not a formula"]) or "—"
    raise TypeError(type(question))


def random_answers(q: Questionnaire, h: str, seed: int, blank: float = 0.05) -> AnswerSet:
    """A plausible answer set: profile answered, most questions answered, some don't know / N/A,
    a few left blank, notes and evidence on some; answers to hidden questions left out."""
    rng = random.Random(seed)
    city, trade = rng.choice(CITIES), rng.choice(TRADES)
    answers = AnswerSet(
        questionnaire=ref_of(q, h),
        company=Company(name=f"{city}{trade}有限公司 {seed:04d}", sector=trade, region=city,
                        contact=f"lead{seed}@example.cn"),
        respondent=Respondent(name=f"填写人{seed}", role="数字化负责人"),
    )
    by_id = question_index(q)
    for question in q.profile:  # in order: a profile question may depend on an earlier one
        if applies(question, answers, by_id):
            answers.answers[question.id] = Answer(value=random_value(question, rng))
    for pillar in q.pillars:
        for question in pillar.questions:
            if not applies(question, answers, by_id):
                continue
            roll = rng.random()
            if roll < blank:
                continue  # left blank
            if roll < blank + 0.05:
                answers.answers[question.id] = Answer(status="dont_know")
                continue
            if roll < 0.14 and question.allow_na and question.gate is None:
                answers.answers[question.id] = Answer(status="na")
                continue
            value = random_value(question, rng)
            note = rng.choice(["", "", "", "已纳入年度计划", "@see appendix", "+续建项目"])
            evidence = rng.choice([[], [], [f"DOC-{seed}-{question.id}.pdf"], ["=HYPERLINK(\"http://x\",\"x\")"]])
            state = rng.choice(["declared", "declared", "documented", "verified"])
            answers.answers[question.id] = Answer(value=value, note=note, evidence=evidence, evidence_state=state)
    return answers


def _yes(item: str) -> bool:
    """Whether a yes/no drop-down item the template wrote says yes (是, Yes; yes — 是 on earlier sheets)."""
    from assess.excel.sheet_values import YES_WORDS, lookup

    return lookup(item, YES_WORDS) == "yes"


def messy(path: Path, q: Questionnaire, rng: random.Random) -> None:
    """Re-type some answer cells as people do (same meaning, other spelling), in place."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    by_id = question_index(q)
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    for name, value_col, status_col in ((ANSWERS, 5, 4), (COMPANY, 3, None)):
        ws = wb[name]
        for row in range(2, ws.max_row + 1):
            rid = ws.cell(row, 1).value
            cell = ws.cell(row, value_col)
            if not isinstance(rid, str) or cell.value in (None, ""):
                continue
            question = by_id.get(rid.partition(":")[0])
            v = cell.value
            if ":" in rid:
                cell.value = rng.choice(["YES", " yes ", "是", "y"]) if isinstance(v, str) and _yes(v) else v
            elif isinstance(question, MaturityQuestion) and isinstance(v, str):
                cell.value = rng.choice([v.split(" — ")[0], v.split(" — ")[0].translate(full), v.upper()])
            elif isinstance(question, YesNoQuestion) and isinstance(v, str):
                code = "yes" if _yes(v) else "no"
                # a typed TRUE/FALSE: LibreOffice stores it as the formula TRUE() or FALSE()
                cell.value = rng.choice([code.upper(), f" {code} ", "是" if code == "yes" else "否", code == "yes"])
            elif isinstance(question, SingleSelectQuestion) and isinstance(v, str):
                cell.value = rng.choice([v.split(" — ")[0].upper(), v.split(" — ")[0] + " "])
            elif isinstance(question, PercentageQuestion) and isinstance(v, (int, float)):
                cell.value = rng.choice([f"{v:g}".translate(full), f"{v:g}%", v])
            else:
                continue
            if isinstance(cell.value, str):
                cell.data_type = "s"
        if status_col:
            for row in range(2, ws.max_row + 1):
                cell = ws.cell(row, status_col)
                if isinstance(cell.value, str) and cell.value.startswith("na"):
                    cell.value = rng.choice(["N/A", "n/a", "不适用"])
                elif isinstance(cell.value, str) and cell.value.startswith("dont_know"):
                    cell.value = rng.choice(["Don't know", "不知道", "dont_know"])
    wb.save(path)


def with_formulas(path: Path) -> dict[str, str]:
    """Type formulas into some answer and note cells, in place: what the reader must refuse to use.
    Returns cell -> formula."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[ANSWERS]
    typed = {}
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for qid, col, formula in (("C02", "E", "=20+20"), ("C01", "F", '=HYPERLINK("http://example.com","click")'),
                              ("C04", "E", "=SUM(1,2)")):
        ref = f"{col}{rows[qid]}"
        ws[ref] = formula  # openpyxl stores a string starting with = as a live formula
        typed[f"{ANSWERS}!{ref}"] = formula
    wb.save(path)
    return typed


def write_filled(q: Questionnaire, h: str, outdir: Path, count: int, *, seed: int = 1, lang: str = "zh",
                 variant: str = "plain", prefix: str = "filled", blank: float = 0.05) -> list[Path]:
    """`count` filled sheets and their expected answer files in `outdir`."""
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        s = seed + i
        answers = random_answers(q, h, s, blank)
        answers.session.locale = lang
        path = outdir / f"{prefix}-{s:04d}.xlsx"
        build_workbook(q, h, lang, answers).save(path)
        if variant == "messy":
            messy(path, q, random.Random(s))
        path.with_suffix(".expected.json").write_text(answers_json(answers), encoding="utf-8")
        paths.append(path)
    return paths


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def resave(paths: list[Path], outdir: Path, chunk: int = CHUNK) -> list[Path]:
    """LibreOffice's re-save of each file into `outdir` (same names); raises if any is missing."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice is not installed (Debian: apt-get install -y libreoffice-calc)")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        for _attempt in range(3):
            todo = [p for p in paths if not (outdir / p.name).exists()]
            if not todo:
                break
            for start in range(0, len(todo), chunk):
                part = todo[start:start + chunk]
                subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                                "--convert-to", "xlsx", "--outdir", str(outdir), *map(str, part)],
                               check=False, capture_output=True, timeout=600)
    missing = [p.name for p in paths if not (outdir / p.name).exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {len(missing)} file(s): {', '.join(missing[:5])}")
    for p in paths:
        expected = p.with_suffix(".expected.json")
        if expected.exists():
            shutil.copy(expected, outdir / expected.name)
    return [outdir / p.name for p in paths]


def build_fixtures() -> None:
    """The small re-saved files committed in tests/data/sheets/ (for the fast suite)."""
    q, h = load_questionnaire(SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        made = []
        made += write_filled(q, h, Path(tmp), 2, seed=1, lang="zh", prefix="plain-zh")
        made += write_filled(q, h, Path(tmp), 1, seed=3, lang="en", prefix="plain-en")
        made += write_filled(q, h, Path(tmp), 3, seed=4, lang="zh", variant="messy", prefix="messy-zh")
        formula = write_filled(q, h, Path(tmp), 1, seed=7, lang="zh", prefix="formula-zh")
        with_formulas(formula[0])
        made += formula
        FIXTURES.mkdir(parents=True, exist_ok=True)
        for old in FIXTURES.glob("*.lo.*"):
            old.unlink()
        for p in resave(made, Path(tmp) / "lo"):
            stem = p.name.removesuffix(".xlsx")
            shutil.copy(p, FIXTURES / f"{stem}.lo.xlsx")
            shutil.copy(p.with_suffix(".expected.json"), FIXTURES / f"{stem}.lo.expected.json")
    print(f"wrote {len(made)} re-saved sheets to {FIXTURES}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-q", "--questionnaire", default=str(SAMPLE), help="questionnaire YAML (default: the sample)")
    ap.add_argument("-o", "--output", help="folder for the filled sheets")
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    ap.add_argument("--variant", choices=["plain", "messy"], default="plain")
    ap.add_argument("--resave", action="store_true", help="re-save with LibreOffice into OUTPUT/resaved/")
    ap.add_argument("--fixtures", action="store_true", help="rebuild the committed fixtures")
    args = ap.parse_args(argv)
    if args.fixtures:
        build_fixtures()
        return 0
    if not args.output:
        ap.error("name the output folder with -o")
    q, h = load_questionnaire(Path(args.questionnaire))
    out = Path(args.output)
    paths = write_filled(q, h, out, args.count, seed=args.seed, lang=args.lang, variant=args.variant)
    print(f"wrote {len(paths)} filled sheets to {out}")
    if args.resave:
        done = resave(paths, out / "resaved")
        print(f"LibreOffice re-saved {len(done)} sheets into {out / 'resaved'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
