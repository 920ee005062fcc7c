"""Write the SVG screenshots of the main screens into docs/ (run by hand):

    python tests/tui/docs_screenshots.py

Uses the bundled questionnaire with a made-up, partly answered assessment (deterministic), a
fixed clock, and a throw-away home folder so that the paths on screen read like a user's.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT))

HOME = Path(tempfile.mkdtemp(prefix="assess-docs-home-"))
os.environ["HOME"] = str(HOME)
os.environ.pop("ASSESS_DATA_DIR", None)
os.environ.pop("XDG_DATA_HOME", None)

from textual._doc import take_svg_screenshot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from assess.answers import Answer, AnswerSet, Change  # noqa: E402
from assess.content.answer_file import save_answers  # noqa: E402
from assess.content.bundled import ref_of, resolve  # noqa: E402
from assess.model import (  # noqa: E402
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
)
from assess.rules import applies, question_index  # noqa: E402
from assess.session.saved import data_dir  # noqa: E402
from assess.tui.app import make_app  # noqa: E402
from assess.tui.screens.base import AppScreen  # noqa: E402

CLOCK = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def value_for(question, rng: random.Random):
    if isinstance(question, MaturityQuestion):
        return rng.choice([1, 2, 2, 3, 3, 4])
    if isinstance(question, YesNoQuestion):
        return rng.random() < 0.7
    if isinstance(question, PercentageQuestion):
        return rng.choice([20, 40, 60, 75])
    if isinstance(question, SingleSelectQuestion):
        return rng.choice(question.options[: max(2, len(question.options) - 1)]).id
    if isinstance(question, MultiSelectQuestion):
        plain = [o.id for o in question.options if not o.exclusive]
        return plain[: rng.choice([1, 2, 3])]
    if isinstance(question, NumberQuestion):
        lo = question.min if question.min is not None else 0
        hi = question.max if question.max is not None else lo + 100
        return int(lo + (hi - lo) * rng.choice([0.1, 0.3, 0.5]))
    if isinstance(question, TextQuestion):
        return "—"
    return None


def make_answers(lang: str) -> Path:
    q, h = resolve(None)
    rng = random.Random(7)
    a = AnswerSet(questionnaire=ref_of(q, h))
    zh = lang == "zh"
    a.company.name = "江苏精工机械有限公司" if zh else "Jiangsu Precision Machinery Co."
    a.company.sector, a.company.region = ("装备制造", "江苏") if zh else ("Equipment", "Jiangsu")
    a.respondent.name, a.respondent.role = ("李伟", "数字化负责人") if zh else ("Li Wei", "Digital lead")
    by_id = question_index(q)
    shown = None
    for pillar_index, (pillar, question) in enumerate(q.all_questions()):
        if not applies(question, a, by_id):
            continue
        if pillar is not None and pillar.id == q.pillars[-2].id and shown is None:
            shown = question.id  # stop answering here: later pillars stay open
        if shown is not None:
            continue
        value = value_for(question, rng)
        if value is None:
            continue
        answer = Answer(value=value, at=CLOCK)
        if pillar is not None and pillar_index % 5 == 0:
            answer = Answer(status="dont_know", at=CLOCK)
        if pillar is not None and pillar_index % 4 == 1:
            answer.evidence_state = EvidenceState.documented
        a.answers[question.id] = answer
        a.history.append(Change(at=CLOCK, question=question.id, new=value))
    a.session.question = shown
    a.session.locale = lang
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"jiangsu-precision-{lang}.json"
    save_answers(path, a)
    return path


async def steady(pilot) -> None:
    app = pilot.app
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.content_ready.is_set() and not any(w.is_running for w in app.workers) \
                and getattr(app.screen, "listed", 0) is not None:
            break
    for field in app.screen.query(Input):
        field.cursor_blink = False
    if isinstance(app.screen, AppScreen):
        app.screen.sources_loaded()
    await pilot.pause()


def shot(name: str, app, size: tuple[int, int], keys: tuple[str, ...] = ()) -> None:
    async def before(pilot):
        await steady(pilot)
        if keys:
            await pilot.press(*keys)
            await steady(pilot)

    svg = take_svg_screenshot(app=app, terminal_size=size, run_before=before, title="assess")
    (DOCS / name).write_text(svg, encoding="utf-8")
    print("wrote", DOCS / name)


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    zh, en = make_answers("zh"), make_answers("en")
    clock = lambda: CLOCK  # noqa: E731
    shot("tui-start.svg", make_app(lang="zh", clock=clock), (120, 40))
    shot("tui-company.svg", make_app(en, lang="en", clock=clock), (80, 24), ("c",))
    shot("tui-assessment-zh.svg", make_app(zh, lang="zh", clock=clock), (120, 40))
    shot("tui-assessment-en-80x24.svg", make_app(en, lang="en", clock=clock), (80, 24))
    shot("tui-results-zh.svg", make_app(zh, lang="zh", clock=clock), (120, 40), ("r",))
    shot("tui-results-en-80x24.svg", make_app(en, lang="en", clock=clock), (80, 24), ("r",))
    shot("tui-export-en.svg", make_app(en, lang="en", clock=clock), (120, 40), ("r", "x"))
    shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    main()
