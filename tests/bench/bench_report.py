"""Gap-report speed (run by hand): one report in process, and `assess report` as a whole process.

    python tests/bench/bench_report.py [--runs 50] [--cli-runs 15] [--questionnaire PATH] [--lang zh|en] [--compile]

Uses the bundled questionnaire when it exists, else the synthetic one of bench_scoring. Answers
are random but plausible (seeded), with notes and evidence on a third of them. Goals (issue 6):
one report <= 25 ms in process; `assess report` <= 0.4 s as a whole process.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scoring import random_answers, synthetic  # noqa: E402
from speed import line as speed_line  # noqa: E402

from assess.answers import AnswerSet, Company, Respondent  # noqa: E402
from assess.content.answer_file import save_answers  # noqa: E402
from assess.content.bundled import load_questionnaire, ref_of  # noqa: E402
from assess.excel.report_layout import prepare  # noqa: E402
from assess.excel.report_render import render, write_report  # noqa: E402
from assess.scoring import questionnaire_sha256  # noqa: E402

REAL = ROOT / "questionnaires" / "ai-manufacturing-2027" / "1.0.0.yaml"


def answers_for(q, h, seed: int = 7) -> AnswerSet:
    rng = random.Random(seed)
    a = random_answers(q, rng)
    given = {}
    for i, (qid, ans) in enumerate(a.answers.items()):
        if i % 3 == 0:
            ans = ans.model_copy(update={"note": "产线已部署视觉质检模型，月度复核。" * rng.randint(1, 4),
                                         "evidence": [f"DOC-{i:03d}.pdf"], "by": "张工"})
        given[qid] = ans
    return a.model_copy(update={
        "questionnaire": ref_of(q, h), "answers": given,
        "company": Company(name="苏州精密零部件有限公司", sector="汽车零部件", region="江苏"),
        "respondent": Respondent(name="张工", role="数字化负责人"),
    })


def fmt(xs: list[float], unit: float = 1000.0, suffix: str = "ms") -> str:
    xs = [x * unit for x in xs]
    digits = 3 if suffix == "s" else 1
    return f"{statistics.median(xs):.{digits}f} {suffix} ({min(xs):.{digits}f}-{max(xs):.{digits}f}, n={len(xs)})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--cli-runs", type=int, default=15)
    ap.add_argument("--questionnaire", type=Path, default=REAL if REAL.exists() else None)
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--compile", action="store_true",
                    help="byte-compile the assess package first, as installing it does (a checkout run with "
                         "PYTHONDONTWRITEBYTECODE=1 compiles every changed module at every start)")
    args = ap.parse_args()
    if args.compile:
        import compileall

        compileall.compile_dir(str(ROOT / "assess"), quiet=1)
    if args.questionnaire:
        q, h = load_questionnaire(args.questionnaire)
        name = str(args.questionnaire)
    else:
        q = synthetic()
        h = questionnaire_sha256(q)
        name = "synthetic"
    answers = answers_for(q, h)
    print(speed_line("start"))
    n_q = sum(len(p.questions) for p in q.pillars) + len(q.profile)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.xlsx"
        write_report(out, q, h, answers, locale=args.lang)  # warm: compile the questionnaire, import xlsxwriter
        report = prepare(q, h, answers, locale=args.lang)
        print(f"questionnaire: {name} ({n_q} questions), {len(report.doc['roadmap'])} roadmap actions, "
              f"{out.stat().st_size / 1024:.0f} KB workbook")
        whole, prep, rend = [], [], []
        for _ in range(args.runs):  # interleaved, so that both see the machine in the same state
            t0 = time.perf_counter()
            write_report(out, q, h, answers, locale=args.lang)
            whole.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            r = prepare(q, h, answers, locale=args.lang)
            t1 = time.perf_counter()
            render(r)
            prep.append(t1 - t0)
            rend.append(time.perf_counter() - t1)
        print(f"in process, write_report() (score + plan + layout + xlsxwriter + atomic write): {fmt(whole)}")
        print(f"  of which prepare() (score, plan, JSON shape): {fmt(prep)}; render(): {fmt(rend)}")

        src = Path(tmp) / "firm.json"
        save_answers(src, answers)
        cmd = [sys.executable, "-m", "assess", "report", str(src), "--lang", args.lang]
        if args.questionnaire and args.questionnaire != REAL:
            cmd += ["--questionnaire", str(args.questionnaire)]
        if not args.questionnaire:
            print("whole process: skipped (the synthetic questionnaire is not on disk)")
            return 0
        walls = []
        for i in range(args.cli_runs + 1):
            outdir = Path(tmp) / f"cli{i}"
            t0 = time.perf_counter()
            done = subprocess.run(cmd + ["-o", str(outdir / "r.xlsx")], capture_output=True, text=True,
                                  env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
            wall = time.perf_counter() - t0
            if done.returncode != 0:
                print(done.stderr)
                return 1
            if i:  # the first run warms the file cache
                walls.append(wall)
        print(f"whole process, assess report (interpreter start to exit, twins included): {fmt(walls, 1.0, 's')}")
    print(speed_line("end"))
    verdict_in = statistics.median(whole) * 1000 <= 25
    verdict_cli = statistics.median(walls) <= 0.4
    print(f"goals: in process <= 25 ms {'met' if verdict_in else 'NOT met'}; "
          f"whole process <= 0.4 s {'met' if verdict_cli else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
