"""Fixed data for the snapshot tests and the docs screenshots: a partly answered assessment of
the sample questionnaire in a fixed folder, opened at a fixed question with a fixed clock."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, Input

from assess.answers import Answer, AnswerSet, Change
from assess.content.answer_file import save_answers
from assess.content.bundled import load_questionnaire, ref_of
from assess.tui.screens.base import AppScreen

from .helpers import FIXED, SAMPLE, sample_app, settle

FOLDER = Path("/tmp/assess-snapshots")
"""Shown on screen, so it must not vary between runs. Each snapshot has a folder of its own in it,
so that snapshots taken at the same time by parallel test processes do not clear each other's."""


def prepare(lang: str, name: str) -> Path:
    """A fresh folder FOLDER/`name` holding one answer file; returns its path."""
    folder = FOLDER / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    q, h = load_questionnaire(SAMPLE)
    a = AnswerSet(questionnaire=ref_of(q, h))
    a.company.name = "江苏精工机械有限公司" if lang == "zh" else "Jiangsu Precision Machinery Co."
    a.company.sector = "装备制造" if lang == "zh" else "Equipment"
    a.company.region = "江苏" if lang == "zh" else "Jiangsu"
    a.respondent.name = "李伟" if lang == "zh" else "Li Wei"
    a.respondent.role = "数字化负责人" if lang == "zh" else "Digital lead"
    answers = {
        "P-SIZE": Answer(value="large"),
        "P-EXPORT": Answer(value=True),
        "P-ROLES": Answer(value=["user"]),
        "C01": Answer(value=3, note="2026 容量计划" if lang == "zh" else "capacity plan 2026",
                      evidence=["CP-2026.pdf"], evidence_state="documented"),
        "C02": Answer(value=40),
        "C03": Answer(status="dont_know"),
        "G01": Answer(value=False),
        "G02": Answer(status="na"),
        "G03": Answer(value=["encrypt", "access"]),
    }
    for qid, ans in answers.items():
        ans.at = FIXED
        a.answers[qid] = ans
        a.history.append(Change(at=FIXED, question=qid, new=ans.value if ans.status == "answered" else ans.status))
    a.targets = {"G": 3.5}
    a.session.question = "C01"
    a.session.locale = lang
    path = folder / "jiangsu-precision.json"
    save_answers(path, a)
    return path


def app_for(lang: str, name: str):
    path = prepare(lang, name)
    return sample_app(path.parent, path=path, lang=lang)


def start_app(lang: str, name: str):
    prepare(lang, name)
    return sample_app(FOLDER / name, lang=lang)


async def steady(pilot) -> None:
    """All workers done, no blinking cursor: the screen no longer changes."""
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    if isinstance(pilot.app.screen, AppScreen):  # the sources are loaded now: draw the side panel with them
        pilot.app.screen.sources_loaded()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    # a table sizes its columns to rows added since the last frame only when it next goes idle, which
    # on a busy machine can come after the pauses above: wait for it, or the columns are still as
    # narrow as their titles
    for table in pilot.app.screen.query(DataTable):
        for _ in range(100):
            if not table._require_update_dimensions:
                break
            await pilot.pause()
        else:
            raise AssertionError(f"table #{table.id} never sized its columns")
        table.refresh(layout=True)  # and paint it at those widths before the shot
    await pilot.pause()


async def to_results(pilot) -> None:
    await settle(pilot)
    await pilot.press("r")
    await steady(pilot)
