"""Chinese reads as Chinese is typeset: no line of question or help text starts with closing
punctuation or ends with opening punctuation, and no number, date or document number is split
across lines, on every question of the questionnaire, at 80×24 and 120×40, in both languages."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from assess.text.linebreak import break_lines
from assess.tui.screens.card import CardScreen
from assess.tui.widgets.choice_list import ChoiceList

from .helpers import RELEASE, async_test, new_assessment, release_app, settle

NO_START = set("，。、；：！？）」』》〉】〕,;:!?)")
NO_END = set("（「『《〈【〔(")
DIGIT_SPLIT = re.compile(r"\d$")
PROSE = ("q-position", "q-prompt", "side-body")


def lines_of(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e in break_lines(text, width)]


# ---------------------------------------------------------------------------- the rule itself

def test_closing_punctuation_goes_with_the_character_before_it():
    lines = lines_of("贵企业是否已经建立数据治理制度，并指定了负责人？", 30)
    assert lines == ["贵企业是否已经建立数据治理制", "度，并指定了负责人？"]


def test_opening_punctuation_goes_with_the_character_after_it():
    lines = lines_of("请按《中小企业划型标准规定》填写", 6)
    assert all(line[-1] not in NO_END for line in lines), lines
    assert "".join(lines) == "请按《中小企业划型标准规定》填写"


def test_numbers_dates_and_document_numbers_stay_whole():
    text = "按工信部联企业〔2011〕300号，到2027年3月1日推广500个场景，投入1,000.5万元"
    for width in range(16, 40):  # from the widest piece up
        lines = lines_of(text, width)
        assert "".join(lines) == text, width
        joined = "|".join(lines)
        for whole in ("〔2011〕300号", "2027年3月1日", "500", "1,000.5"):
            assert whole in joined, (width, lines)


def test_english_breaks_at_spaces_and_drops_them():
    assert lines_of("Which size class is your company in?", 12) == ["Which size", "class is", "your company", "in?"]


def test_a_word_wider_than_the_line_is_still_shown_whole_across_lines():
    assert lines_of("abcdefghijkl", 5) == ["abcde", "fghij", "kl"]


# ---------------------------------------------------------------------------- on screen

def texts_on_screen(screen) -> dict[str, list[str]]:
    """Each text widget's visible lines, as drawn on the screen (its content area cut out of the
    screen's rows, so a wide character or a scrollbar is seen as the user sees it)."""
    rows = screen._compositor.render_strips()  # the composed screen, as sent to the terminal
    visible = screen._compositor.visible_widgets
    out: dict[str, list[str]] = {}
    for widget, (_region, clip) in visible.items():
        prose = isinstance(widget, Static) and (widget.id in PROSE or widget.has_class("stop-cards"))
        if not (prose or isinstance(widget, ChoiceList)):
            continue
        area = widget.content_region.intersection(clip)
        out[widget.id or "stop"] = [rows[y].crop(area.x, area.right).text for y in range(area.y, area.bottom)]
    return out


def typography_faults(texts: dict[str, list[str]]) -> list[str]:
    faults = []
    for name, lines in texts.items():
        for i, line in enumerate(lines):
            text = line.strip()
            if not text:
                continue
            if text[0] in NO_START:
                faults.append(f"{name}: line starts with {text[0]!r}: {line!r}")
            if text[-1] in NO_END:
                faults.append(f"{name}: line ends with {text[-1]!r}: {line!r}")
            following = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if DIGIT_SPLIT.search(text) and following[:1].isdigit():
                faults.append(f"{name}: number split: {line!r} / {lines[i + 1]!r}")
    return faults


def prompt_shown_whole(screen, texts) -> str | None:
    """The question as drawn has every character of the question (a dropped one is a fault)."""
    from assess.model import localize

    question = screen.control.question if screen.control is not None else None
    if question is None:
        return None
    want = localize(question.prompt, screen.lang).replace(" ", "")
    got = "".join(texts.get("q-prompt", [])).replace(" ", "")
    return None if got == want else f"{question.id}: drawn {got!r}, asked {want!r}"


async def faults_of_every_question(pilot, screen, prefix: str = "") -> tuple[list[str], int]:
    """Each question of a question screen shown in turn: the typography faults on screen and the
    prompts not drawn whole, and how many questions were shown."""
    faults: list[str] = []
    seen = 0
    for qid in screen.order():
        screen.show_question(qid)
        await pilot.pause()
        texts = texts_on_screen(screen)
        for _ in range(10):  # on a loaded machine the new prompt may not be laid out after one pause
            if texts.get("q-prompt"):
                break
            await pilot.pause(0.05)
            texts = texts_on_screen(screen)
        faults += [f"{prefix}{qid}: {f}" for f in typography_faults(texts)]
        if (fault := prompt_shown_whole(screen, texts)) is not None:
            faults.append(fault)
        seen += 1
    return faults, seen


SLOW = pytest.mark.slow  # each pages through 130 questions on screen (CI runs them; the rule below runs every time)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_question_and_choice_breaks_well_at_the_widths_the_app_gives_them(lang):
    """The rule over every text of the release the app shows (prompts, help, choices), at widths of
    the 80x24 and 120x40 layouts: what the screen sweeps below check on screen, in a second."""
    from assess.content.bundled import resolve
    from assess.model import localize

    q, _ = resolve(RELEASE)
    texts = []
    for _, question in q.all_questions():
        texts.append(localize(question.prompt, lang))
        texts.append(localize(getattr(question, "help", None) or "", lang))
        texts.extend(localize(o.label, lang) for o in getattr(question, "options", ()))
        texts.extend(localize(level.descriptor, lang) for level in getattr(question, "levels", ()) or ())
    faults = []
    for width in (44, 52, 70, 96):
        for text in filter(None, texts):
            faults += typography_faults({f"{width}": lines_of(text, width)})
    assert texts and not faults, faults[:5]


@pytest.mark.parametrize(("lang", "size"), [
    pytest.param("zh", (80, 24), id="zh-80x24", marks=SLOW),
    pytest.param("zh", (120, 40), id="zh-120x40", marks=SLOW),
    pytest.param("en", (80, 24), id="en-80x24", marks=SLOW),
    pytest.param("en", (120, 40), id="en-120x40", marks=SLOW),
])
@async_test
async def test_every_question_reads_well_at_each_size_in_each_language(tmp_path, lang, size):
    app = release_app(tmp_path, lang="en" if lang == "zh" else "zh")
    async with app.run_test(size=size) as pilot:
        screen = await new_assessment(pilot)
        app.action_switch_lang()  # the language the user switched to, as with `l`
        await pilot.pause()
        assert app.lang == lang
        faults, seen = await faults_of_every_question(pilot, screen)
        assert seen >= 120
        assert not faults, "\n".join(faults[:20])


@async_test
async def test_after_switching_to_chinese_the_question_is_drawn_whole_at_once(tmp_path):
    app = release_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_assessment(pilot)
        for qid in ("PR-SIZE", "C12", "S01"):
            if qid not in screen.order():
                continue
            screen.show_question(qid)
            await pilot.pause()
            await pilot.press("escape", "l")  # leave any field, then switch: the key, as a user does
            await pilot.pause()
            texts = texts_on_screen(screen)
            assert prompt_shown_whole(screen, texts) is None, (qid, texts.get("q-prompt"))
            assert not typography_faults(texts), typography_faults(texts)
            await pilot.press("l")
            await pilot.pause()


@SLOW  # pages through every card question of the release
@async_test
async def test_every_card_question_reads_well_in_chinese_at_80x24(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_assessment(pilot)
        store = app.store
        faults: list[str] = []
        for gid in store.groups:
            key = store.add_card(gid, "一号车间")
            app.push_screen(CardScreen(store, gid, key))
            await settle(pilot)
            card = app.screen
            assert isinstance(card, CardScreen)
            faults += (await faults_of_every_question(pilot, card, f"{gid}/"))[0]
            card.dismiss(None)
            await settle(pilot)
        assert not faults, "\n".join(faults[:20])


def every_static_on_screen(screen) -> dict[str, list[str]]:
    rows = screen._compositor.render_strips()
    out: dict[str, list[str]] = {}
    for n, (widget, (_region, clip)) in enumerate(screen._compositor.visible_widgets.items()):
        if isinstance(widget, Static):
            area = widget.content_region.intersection(clip)
            out[f"{widget.id or type(widget).__name__}#{n}"] = [
                rows[y].crop(area.x, area.right).text for y in range(area.y, area.bottom)]
    return out


@async_test
async def test_the_company_form_and_the_keys_dialog_read_well_in_chinese_on_a_narrow_terminal(tmp_path):
    app = release_app(tmp_path)
    async with app.run_test(size=(44, 24)) as pilot:  # their sentences take several lines
        await settle(pilot)
        app.new_assessment()
        await settle(pilot)
        texts = every_static_on_screen(app.screen)
        assert sum(len([x for x in lines if x.strip()]) for lines in texts.values()) >= 4
        assert not typography_faults(texts), typography_faults(texts)
        app.screen.dismiss(None)
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        texts = every_static_on_screen(app.screen)
        assert not typography_faults(texts), typography_faults(texts)
