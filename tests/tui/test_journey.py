"""The manufacturer's journey, driven by key presses as a user would, awaiting workers."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Input

from assess.content.answer_file import load_answers
from assess.text.glossary import term
from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.company import CompanyScreen
from assess.tui.screens.export_dialog import ExportDialog
from assess.tui.screens.imported_dialog import ImportedDialog
from assess.tui.screens.results import ResultsScreen
from assess.tui.screens.start import StartScreen
from assess.tui.screens.target_dialog import TargetDialog
from assess.tui.widgets.keybar import KeyBar

from .helpers import async_test, sample_app, settle


def only_file(folder):
    files = sorted(folder.glob("*.json"))
    assert len(files) == 1, files
    return files[0]


COMPANY = {"company-name": "ACME Machinery", "company-sector": "Machinery", "company-region": "Jiangsu",
           "respondent-name": "Li Wei", "respondent-role": "Digital lead"}


async def start_new(pilot, by_keys: bool = False, **fields):
    """New assessment; the company fields are filled in directly (typing them is not what the
    tests are about). With `by_keys`, Enter moves through them and the last Enter continues (the
    whole journey does this); otherwise the screen continues as that last Enter would."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, StartScreen)
    await pilot.press("n")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompanyScreen)
    for field_id, value in (COMPANY | fields).items():
        screen.query_one(f"#{field_id}", Input).value = value
    if by_keys:
        await pilot.press(*["enter"] * len(COMPANY))
    else:
        screen.action_done()
    await settle(pilot)
    assert isinstance(pilot.app.screen, AssessmentScreen)


@async_test
async def test_whole_journey_by_keys(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_new(pilot, by_keys=True)
        screen = app.screen
        store = app.store
        assert screen.qid == "P-SIZE"
        assert store.answers.company.name == "ACME Machinery"
        assert store.answers.respondent.role == "Digital lead"

        # profile: single by digit, yes/no by key, multi by digits (toggle)
        await pilot.press("2", "right", "y", "right", "1", "2")
        await settle(pilot)
        assert store.answer("P-SIZE").value == "large"
        assert store.answer("P-EXPORT").value is True
        assert store.answer("P-ROLES").value == ["user", "builder"]
        assert "G04" in screen.order()

        # next pillar: maturity by digit, percentage typed, don't know, number typed
        await pilot.press("]")
        await settle(pilot)
        assert screen.qid == "C01"
        before = screen.assessment.pillar("C").score
        await pilot.press("4")
        await settle(pilot)
        assert store.answer("C01").value == 4
        assert screen.assessment.pillar("C").score > before  # live score

        await pilot.press("right")
        await settle(pilot)
        assert screen.qid == "C02"
        await pilot.press(*"40", "enter")  # Enter in a number field answers and moves on
        await settle(pilot)
        assert store.answer("C02").value == 40
        assert screen.qid == "C03"

        await pilot.press("d")
        await settle(pilot)
        assert store.answer("C03").status == "dont_know"

        await pilot.press("pagedown", *"16", "right", *"45.5", "enter")  # → at the end of the number too
        await settle(pilot)
        assert store.answer("C04").value == 16
        assert store.answer("C05").value == 45.5
        assert screen.qid == "G01"

        # security pillar: gate yes, N/A, multi with an exclusive option, text
        await pilot.press("y", "pagedown", "a")
        await settle(pilot)
        assert store.answer("G01").value is True
        assert store.answer("G02").status == "na"
        await pilot.press("pagedown", "1", "4")
        await settle(pilot)
        assert store.answer("G03").value == ["none"]  # exclusive replaces the others
        await pilot.press("pagedown", "n", "pagedown")
        screen.query_one("#value", Input).value = "All good"
        await pilot.press("enter")
        await settle(pilot)
        assert store.answer("G04").value is False
        assert store.answer("G05").value == "All good"

        # note, evidence references and evidence state on G01
        await pilot.press("escape")
        await pilot.press("[")  # back to the first unanswered question of... the previous pillar
        await settle(pilot)
        screen.show_question("G01")
        await settle(pilot)
        await pilot.press("e", "e")
        await settle(pilot)
        assert store.answer("G01").evidence_state.value == "verified"
        await pilot.click("#note")
        screen.query_one("#note", Input).value = "graded in 2025"
        await pilot.press("tab")  # leaving the field saves it
        # a Chinese semicolon too, and file names listed with 、 as the answer sheet reads them
        screen.query_one("#evidence", Input).value = "MLPS-cert.pdf、定级报告.pdf；filing 123"
        await pilot.press("enter")
        await settle(pilot)
        assert store.answer("G01").note == "graded in 2025"
        assert store.answer("G01").evidence == ["MLPS-cert.pdf", "定级报告.pdf", "filing 123"]

        # undo the last change (the evidence references)
        await pilot.press("escape", "z")
        await settle(pilot)
        assert store.answer("G01").evidence == []

        # every change was saved at once
        saved = load_answers(store.path)
        assert saved.answers["C02"].value == 40
        assert saved.answers["G01"].note == "graded in 2025"
        assert len(saved.history) > 15
        assert all(store.answer(q).at is not None for q in store.answers.answers)


@async_test
async def test_profile_change_hides_and_shows_questions(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        screen = app.screen
        await pilot.press("right", "y")
        await settle(pilot)
        assert "G04" in screen.order()
        assert app.store.progress("G") == (0, 5)
        await pilot.press("n")
        await settle(pilot)
        assert "G04" not in screen.order()
        assert app.store.progress("G") == (0, 4)
        await pilot.press("z")  # undo brings it back
        await settle(pilot)
        assert "G04" in screen.order()


@async_test
async def test_invalid_input_is_refused_and_not_saved(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        app.screen.show_question("C02")
        await settle(pilot)
        await pilot.press(*"140", "enter")
        await settle(pilot)
        assert app.store.answer("C02") is None
        assert "from 0 to 100" in str(app.screen.query_one("#q-status").render())


@async_test
async def test_quit_and_resume_at_the_same_question(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        await pilot.press("1", "]", "3", "right", *"25")  # C02 typed, not yet confirmed
        await pilot.press("ctrl+q")  # quitting commits the field being edited
        await pilot.pause()
    path = only_file(tmp_path)
    saved = load_answers(path)
    assert saved.session.question == "C02"
    assert saved.answers["C02"].value == 25

    again = sample_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = again.screen.query_one(DataTable)
        assert table.row_count == 1
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.qid == "C02"
        assert again.store.answers.answers.keys() == saved.answers.keys()
        assert again.store.answer("C01").value == 3


@async_test
async def test_second_window_cannot_open_a_locked_assessment(tmp_path):
    first = sample_app(tmp_path)
    async with first.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        path = first.store.path
        second = sample_app(tmp_path, path=path)
        async with second.run_test(size=(80, 24), notifications=True) as pilot2:
            await settle(pilot2)
            assert isinstance(second.screen, StartScreen)
            messages = [n.message for n in second._notifications]
            assert any("open in another window" in m for m in messages), messages


@async_test
async def test_results_and_changing_a_target(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_new(pilot)
        await pilot.press("1", "]", "3")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        assert results.assessment.pillar("C").target == 3
        text = str(results.query_one("#gates").render())
        assert "G01" in text and "Cybersecurity Law Art. 23" in text
        assert results.plan.path.steps
        await pilot.press("enter")  # the highlighted pillar: C
        await settle(pilot)
        assert isinstance(app.screen, TargetDialog)
        await pilot.press(*"4.5", "enter")  # the current value is selected: typing replaces it
        await settle(pilot)
        assert results.assessment.pillar("C").target == 4.5
        assert load_answers(app.store.path).targets == {"C": 4.5}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)


@async_test
async def test_export_report_json_and_answer_sheet(tmp_path):
    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_new(pilot)
        await pilot.press("2", "]", "3")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#kind-json").value = True
        await settle(pilot)
        out = tmp_path / "out" / "acme.json"
        dialog.query_one("#export-path").value = str(out)
        await pilot.click("#ok")
        await settle(pilot)
        data = json.loads(out.read_text(encoding="utf-8"))
        assert {p["id"] for p in data["pillars"]} == {"C", "G"}

        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#kind-template").value = True
        await settle(pilot)
        sheet = tmp_path / "out" / "acme.xlsx"
        dialog.query_one("#export-path").value = str(sheet)
        await pilot.press("enter")
        await settle(pilot)
        if isinstance(app.screen, ExportDialog):  # Enter on the radio set picks; confirm
            await pilot.click("#ok")
            await settle(pilot)
        assert sheet.exists() and sheet.read_bytes()[:2] == b"PK"

        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert dialog.kind == "report"  # the first choice, when this version can write it
        report = tmp_path / "out" / "acme-report.xlsx"
        dialog.query_one("#export-path").value = str(report)
        await pilot.click("#ok")
        await settle(pilot)
        assert report.exists() and report.read_bytes()[:2] == b"PK"


@async_test
async def test_language_switch_anytime(tmp_path):
    app = sample_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert "新建" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        screen = app.screen
        assert term("profile", "zh") in str(screen.query_one("#q-position").render())
        await pilot.press("escape", "l")
        await settle(pilot)
        assert "Profile" in str(screen.query_one("#q-position").render())
        assert app.store.path.exists() is False  # nothing answered yet: no file
        await pilot.press("1")
        await settle(pilot)
        assert load_answers(app.store.path).session.locale == "en"


@async_test
async def test_the_mouse_works_too(tmp_path):
    from assess.tui.widgets.choice_list import ChoiceList
    from assess.tui.widgets.pillar_list import PillarList

    app = sample_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_new(pilot)
        screen = app.screen
        pillars = screen.query_one(PillarList)
        await pilot.click(PillarList, offset=(2, 2 * pillars.rows.index("G") + 1))  # the pillar's row
        await settle(pilot)
        assert screen.qid == "G01"
        await pilot.click(ChoiceList, offset=(3, 1))  # the first choice (below the top border): yes
        await settle(pilot)
        assert app.store.answer("G01").value is True
        keys = screen.query_one(KeyBar)
        lines = str(keys.render()).splitlines()
        row = next(i for i, line in enumerate(lines) if "results" in line)
        await pilot.click(KeyBar, offset=(lines[row].index("results"), row))
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)


@async_test
async def test_import_a_filled_excel_sheet(tmp_path, sample_answers):
    from assess.content.bundled import load_questionnaire
    from assess.excel.sheet_writer import write_template

    from .helpers import SAMPLE

    q, h = load_questionnaire(SAMPLE)
    sheet = write_template(tmp_path / "filled.xlsx", q, h, "en", sample_answers)
    data = tmp_path / "data"
    app = sample_app(data, path=sheet)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # the sheet gave no company name: told first, over the answers it opened
        assert isinstance(app.screen, ImportedDialog)
        assert "Company!C2" in "\n".join(str(w.render()) for w in app.screen.query("Static"))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert app.store.path.parent == data
        assert app.store.answer("C01").value == 3
        assert app.store.answer("G03").value == ["encrypt", "access"]
    assert load_answers(only_file(data)).answers["C02"].value == 40


@async_test
async def test_numbers_are_read_as_the_answer_sheet_reads_them(tmp_path):
    """Thousands separators, full-width digits from a Chinese input method, a per cent sign."""
    app = sample_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new(pilot)
        screen = app.screen
        for qid, typed, value in (("C04", "1,000", 1000), ("C02", "４０ %", 40)):
            screen.show_question(qid)
            await settle(pilot)
            screen.query_one("#value", Input).value = typed
            await pilot.press("enter")
            await settle(pilot)
            assert app.store.answer(qid).value == value, typed


@async_test
async def test_a_sheet_that_cannot_be_read_is_refused_in_the_users_language(tmp_path):
    sheet = tmp_path / "not-a-workbook.xlsx"
    sheet.write_bytes(b"this is no zip file")
    data = tmp_path / "data"
    app = sample_app(data, path=sheet, lang="zh")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)  # the app goes on; nothing was opened
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("无法打开") and "not-a-workbook.xlsx" in m for m in messages), messages
    assert not list(data.glob("*.json"))


@async_test
async def test_results_show_the_audited_score_of_reviewed_answers(tmp_path, sample_answers):
    from assess.answers import Review
    from assess.content.answer_file import save_answers

    answers = sample_answers.model_copy(deep=True)
    answers.answers["C01"] = answers.answers["C01"].model_copy(update={"review": Review(decision="rejected")})
    path = tmp_path / "audited.json"
    save_answers(path, answers)
    app = sample_app(tmp_path / "data", path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        o = app.screen.assessment.overall
        assert o.audited is not None and o.audited < o.evidenced  # the rejected answer counts 0
        assert f"audited score {o.audited:.2f}" in str(app.screen.query_one("#overall").render())
