"""A client reads the options of a question by their names, not by the codes the sheet keeps: a fix
lists them as the drop-down shows them, and an option's name typed alone is that option."""

from __future__ import annotations

import pytest

from assess.content.bundled import resolve
from assess.excel.sheet_values import fix_for, option_names, parse_value
from assess.text.messages import say


@pytest.fixture(scope="module")
def questions():
    q, _ = resolve("ai-manufacturing-2027@1.1.0")
    return {x.id: x for _, x in q.all_questions()}


def test_a_fix_names_the_options_by_their_labels_in_the_users_language(questions):
    size = questions["PR-SIZE"]
    assert say(fix_for(size), "zh") == "请从下拉列表中选择“微型企业”、“小型企业”、“中型企业”、“大型企业”之一"
    assert say(fix_for(size), "en") == "choose one of 'Micro', 'Small', 'Medium', 'Large' from the drop-down"
    _, why, _ = parse_value(size, "中型")
    assert "medium" not in say(why, "zh") and "“中型企业”" in say(why, "zh")


@pytest.mark.parametrize("qid,typed,code", [("PR-SIZE", "中型企业", "medium"), ("PR-SIZE", "Medium", "medium"),
                                            ("M22", "全部办妥", "done"), ("M22", "尚未办理", "not_done"),
                                            ("M12", "集成级", "l3"), ("M12", "integrated", "l3"),
                                            ("M12", "三级", "l3"), ("D04", "稳健级", "robust"),
                                            ("D04", "三级", "robust")])
def test_an_option_s_name_typed_alone_is_that_option(questions, qid, typed, code):
    """The label without the explanation after it, where no other option of the question has it."""
    got, why, _ = parse_value(questions[qid], typed)
    assert why is None and got == code


@pytest.mark.parametrize("qid,typed", [("M22", "无需办理：尚未完成"), ("PR-SIZE", "中型企业：从业人员20人及以上"),
                                      ("M12", "集成级，规划级")])
def test_an_option_s_name_is_never_read_from_half_a_cell(questions, qid, typed):
    """A name read alone is read only as the whole cell: what follows it may say another option."""
    got, why, _ = parse_value(questions[qid], typed)
    assert got is None and why is not None


@pytest.mark.parametrize("typed,got", [("done — 部分办妥", None), ("done — 全部办妥", "done"), ("部分办妥", "partial")])
def test_an_option_s_short_name_in_a_drop_down_item_must_agree_with_its_code(questions, typed, got):
    """M22 is a gate: "done" with the name of "partly done" beside it passes nothing on a guess."""
    value, why, _ = parse_value(questions["M22"], typed)
    assert value == got and (why is None) == (got is not None)


def test_a_fix_lists_an_option_with_its_short_second_name(questions):
    fix = say(fix_for(questions["M12"]), "zh")
    assert "“三级（集成级）”" in fix and "“未评估”" in fix
    assert "“中型企业”" in say(fix_for(questions["PR-SIZE"]), "zh")  # a long explanation still left out


def test_a_fix_never_lists_a_name_that_would_split_when_typed_back(questions):
    """A multiple choice typed into one cell is split at 、 and commas: an option whose brackets list
    things is listed by its name alone."""
    names = [n["zh"] for n in option_names(questions["M03"])]
    assert "“面向具体任务的专用小模型”" in names and not any("、" in n for n in names)


def test_an_option_s_own_name_comes_before_another_s_second_name():
    from assess.model import Option, SingleSelectQuestion

    q = SingleSelectQuestion(id="X1", type="single", prompt={"zh": "数据平台？", "en": "Data platform?"},
                             options=[Option(id="own", label={"zh": "自建（本企业IT部门建设和运维）", "en": "Own"}),
                                      Option(id="cloud", label={"zh": "公有云（自建）", "en": "Public cloud (own)"})])
    assert parse_value(q, "自建")[0] == "own" and parse_value(q, "公有云")[0] == "cloud"


@pytest.mark.parametrize("ref", ["ai-manufacturing-2027@1.0.0", "ai-manufacturing-2027@1.1.0"])
def test_every_name_a_fix_offers_reads_back_as_its_option_and_no_shared_name_picks_one(ref):
    """实际运行数据 was offered as confirmed's name, and read as it, while system's own name is
    …统计的实际运行数据 too: a client typing it got the strongest option. Every name a fix offers now
    reads back as its own option, and a name two options share reads as neither."""
    from assess.model import SingleSelectQuestion

    q, _ = resolve(ref)
    asked = [x for _, x in q.all_questions()] + [x for _, g in q.card_groups() for x in g.questions]
    for x in (x for x in asked if isinstance(x, SingleSelectQuestion)):
        for option, names in zip(x.options, option_names(x), strict=True):
            for loc, name in names.items():
                assert parse_value(x, name[1:-1])[0] == option.id, (x.id, loc, name)
    measured = next(x for x in asked if x.id == "SC-MEASURED") if ref.endswith("1.1.0") else None
    if measured is not None:
        assert parse_value(measured, "实际运行数据")[0] is None
