"""Carrying answers forward (`assess.migrate`) and the changes between releases (`assess.diff`), on a
small pair of releases built here and on the bundled 1.0.0 → 1.1.0."""

from __future__ import annotations

import random

import pytest

from assess.answers import Answer, AnswerSet
from assess.content.bundled import ref_of, resolve
from assess.diff import diff
from assess.migrate import MigrationError, migrate
from assess.model import (
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
)
from assess.rules import check_answers
from assess.text.migration import diff_lines, notice_lines, notice_text
from tests.migration_cases import AT, load, v1_answers, v1_data, v2_data


@pytest.fixture(scope="module")
def releases():
    return load(v1_data()), load(v2_data())


@pytest.fixture
def carried(releases):
    (q1, h1), (q2, h2) = releases
    old = v1_answers(q1, h1)
    before = old.model_dump()
    new, notices = migrate(q1, q2, old, h2, at=AT, by="assess migrate")
    assert old.model_dump() == before  # the old answers are left as they were
    return old, new, notices


def named(notices, where, carried=False):
    return [n for n in notices if n.where == where and n.carried == carried]


def test_the_new_answers_are_pinned_to_the_new_release_and_fit_it(releases, carried):
    (_, _), (q2, h2) = releases
    _, new, _ = carried
    assert (new.questionnaire.id, new.questionnaire.version, new.questionnaire.sha256) == ("sample", "1.1.0", h2)
    assert check_answers(q2, new) == []
    assert new.company.name == "苏州精密机械有限公司" and new.respondent.name == "李伟"


def test_every_old_answer_is_carried_or_named_with_why(carried):
    old, new, notices = carried
    went = {c.old.removeprefix("migrated from ").partition("@")[0] for c in new.history[len(old.history):]}
    for qid in old.answers:
        assert qid in went or named(notices, f"answers.{qid}"), qid
    assert went == {"P-SIZE", "P-EXPORT", "P-ROLES", "C01", "C02", "C03", "C05", "G01", "G02", "G04"}
    say = {n.where: notice_text(n, "en") for n in notices if not n.carried}
    assert "does not say where it goes" in say["answers.ZZ9"]  # never a guess
    assert "removed this question (remarks now go in the report)" in say["answers.G05"]
    assert "the former answer “Watermarking” does not carry" in say["answers.G03"]  # the label, not the id
    assert "watermarking no longer counts" in say["answers.G03"]
    assert "it takes the answer to C05" in say["answers.C04"]  # merged: the first answer given wins
    assert "pillar OLD" in say["targets.OLD"]


def test_each_kind_of_map(carried):
    _, new, notices = carried
    a = new.answers
    assert a["P-SIZE"].value == "sme" and a["G02"].value == "basic"  # retyped through values
    assert a["C03a"].value is True and a["C03b"].value is True  # split: to each
    assert a["C45"].value == 55  # merged: C04 said only "don't know", C05 gave an answer
    assert a["C01"].note == "容量计划 2026" and a["C01"].evidence == ["CP-2026.pdf"] and a["C01"].at == AT
    assert a["C01"].by == "李伟" and a["C01"].evidence_state.value == "documented"
    assert "C04" not in a and "G03" not in a and "G05" not in a and "ZZ9" not in a
    assert new.targets == {"C": 4}
    assert new.session.question == "C03a" and new.session.locale == "zh"
    changed = {n.where: notice_text(n, "en") for n in notices if n.carried and "verified" not in notice_text(n, "en")}
    assert "the answer “Small” now reads “SME”" in changed["answers.P-SIZE"]  # as the respondent saw it
    assert "reworded" in changed["answers.C02"] and "clearer wording" in changed["answers.C02"]
    assert "C03a, C03b" in changed["answers.C03"] and "C45" in changed["answers.C05"]


def test_a_respondents_verified_reads_documented_where_only_a_reviewer_verifies(carried):
    _, new, notices = carried
    assert new.answers["G01"].evidence_state.value == "documented"
    assert new.answers["G01"].evidence == ["MLPS-filing.pdf"]
    demoted = [n.where for n in notices if n.message.key == "migrate.verified_demoted"]
    assert sorted(demoted) == ["answers.C03", "answers.C03", "answers.G01"]
    line = notice_lines([n for n in notices if n.carried], "zh")
    assert any("只有审核人" in x and "：C03、G01" in x for x in line)


def test_the_history_keeps_the_old_and_adds_one_change_per_carried_answer(carried):
    old, new, _ = carried
    assert new.history[: len(old.history)] == old.history
    added = new.history[len(old.history):]
    assert len(added) == len(new.answers)
    c = next(c for c in added if c.question == "C03b")
    assert c.old == "migrated from C03@1.0.0" and c.new is True and c.at == AT and c.by == "assess migrate"


def test_a_value_the_new_question_refuses_is_not_carried_and_says_why(releases):
    (q1, h1), _ = releases
    data = v2_data()
    roles = data["profile"][2]
    roles["options"] = [o for o in roles["options"] if o["id"] != "builder"]
    q2, h2 = load(data)
    new, notices = migrate(q1, q2, v1_answers(q1, h1), h2, at=AT)
    assert "P-ROLES" not in new.answers
    (n,) = named(notices, "answers.P-ROLES")
    assert notice_text(n, "en") == ("P-ROLES: not carried: the former answer “User, Builder” does not fit: "
                                    "the new question lacks these options: Builder")
    assert notice_text(n, "zh") == "P-ROLES：未延续：原答案“使用者、开发者”不适用：新题目没有这些选项：开发者"


def test_an_old_answer_the_table_does_not_list_is_not_carried(releases):
    (q1, h1), _ = releases
    data = v2_data()
    data["migrations"][0]["questions"] = [m for m in data["migrations"][0]["questions"] if m["old"] != "C01"]
    q2, h2 = load(data)
    new, notices = migrate(q1, q2, v1_answers(q1, h1), h2, at=AT)
    assert "C01" not in new.answers
    assert notice_text(named(notices, "answers.C01")[0], "zh") == "C01：未延续：sample@1.1.0 没有说明它的去向"


def test_no_table_from_the_old_release_is_an_error_not_a_guess(releases):
    (q1, h1), (q2, h2) = releases
    data = v2_data()
    data["migrations"][0]["from"] = "0.9.0"
    q3, h3 = load(data)
    with pytest.raises(MigrationError) as e:
        migrate(q1, q3, v1_answers(q1, h1), h3)
    assert e.value.message.key == "migrate.no_table"
    other = v1_data()
    other["id"] = "other"
    with pytest.raises(MigrationError):
        migrate(load(other)[0], q2, v1_answers(q1, h1), h2)


# --------------------------------------------------------------------------- the bundled releases


def every_answer(q, h, seed: int = 11) -> AnswerSet:
    """An answer to every question of a release, whatever the profile says (some don't know)."""
    rng = random.Random(seed)
    out = AnswerSet(questionnaire=ref_of(q, h))
    for _, question in q.all_questions():
        if isinstance(question, MaturityQuestion):
            value = rng.randrange(6)
        elif isinstance(question, YesNoQuestion):
            value = rng.random() < 0.5
        elif isinstance(question, PercentageQuestion):
            value = rng.choice([0, 25, 50, 100])
        elif isinstance(question, SingleSelectQuestion):
            value = rng.choice(question.options).id
        elif isinstance(question, MultiSelectQuestion):
            plain = [o.id for o in question.options if not o.exclusive]
            value = rng.sample(plain, rng.randint(1, len(plain)))
        elif isinstance(question, NumberQuestion):
            value = question.min if question.min is not None else 0
        elif isinstance(question, TextQuestion):
            value = "见附件"
        if rng.random() < 0.1:
            out.answers[question.id] = Answer(status="dont_know")
        else:
            out.answers[question.id] = Answer(value=value, evidence_state=rng.choice(["declared", "verified"]))
    return out


def test_a_full_1_0_0_answer_file_carries_to_1_1_0_each_answer_carried_or_named():
    q1, h1 = resolve("ai-manufacturing-2027@1.0.0")
    q2, h2 = resolve("ai-manufacturing-2027@1.1.0")
    old = every_answer(q1, h1)
    assert len(old.answers) == len(q1.all_questions())
    new, notices = migrate(q1, q2, old, h2, at=AT)
    assert new.questionnaire.version == "1.1.0" and new.questionnaire.sha256 == h2
    assert check_answers(q2, new) == []
    went = {c.old.removeprefix("migrated from ").partition("@")[0] for c in new.history}
    dropped = {n.where.removeprefix("answers.") for n in notices if not n.carried}
    assert went | dropped >= set(old.answers)
    for n in notices:  # every notice has words in both languages
        assert notice_text(n, "zh") and notice_text(n, "en")


def test_the_diff_of_the_bundled_releases_names_the_policy_changes():
    q1, _ = resolve("ai-manufacturing-2027@1.0.0")
    q2, _ = resolve("ai-manufacturing-2027@1.1.0")
    d = diff(q1, q2)
    policy = {f.name: (f.old, f.new) for f in d.policy}
    assert policy["gates"] == ("in_pillar", "separate")
    assert policy["blank"] == ("leaves_out", "zero")
    assert policy["respondent_verifies"] == (True, False)
    assert policy["programmes_on"] == ("claimed", "evidenced")
    assert d.migrates
    en = "\n".join(diff_lines(d, "en"))
    assert "how gates count: counted in their pillar" in en and "an unanswered question: left out → scores 0" in en
    zh = "\n".join(diff_lines(d, "zh"))
    assert "必备项的计法" in zh and "未作答的题目：不计入 → 计 0 分" in zh and "assess migrate" in zh


def test_the_diff_lists_questions_pillars_and_programmes_added_removed_and_changed(releases):
    (q1, _), (q2, _) = releases
    d = diff(q1, q2)
    assert [i.id for i in d.questions_added] == ["C03a", "C03b", "C45", "D01"]
    assert [i.id for i in d.questions_removed] == ["C03", "C04", "C05", "G05"]
    changed = {c.item.id: {f.name for f in c.fields} for c in d.questions_changed}
    assert changed == {"P-SIZE": {"options.added", "options.removed"}, "C02": {"prompt"},
                       "G02": {"options.added", "options.removed"}, "G03": {"options.removed"}}
    assert [i.id for i in d.pillars_added] == ["D"]
    assert {c.item.id: [(f.name, f.old, f.new) for f in c.fields] for c in d.pillars_changed} == {
        "G": [("weight", 2, 3)]}
    assert [c.item.id for c in d.programmes_changed] == ["benchmark"]
    for locale in ("zh", "en"):
        lines = diff_lines(d, locale)
        assert any("D01" in x for x in lines) and any("G05" in x for x in lines)
    en = "\n".join(diff_lines(d, "en"))
    assert "~ G Security governance: weight 2 → 3" in en and "+ D01 Is there a data catalogue? (Data) (added)" in en
    assert "- G05 Other remarks (Security governance) (removed: remarks now go in the report)" in en
    assert "- C03 Is there a fallback mode? (Compute) (removed; now asked in C03a, C03b)" in en
    assert "~ C02: reworded: “Share of inference you could keep running” → “Share of inference you could keep " \
           "running if cut off”" in en  # the old wording and the new
    assert "~ G03 Model protection: options removed: Watermarking" in en  # options by label, not id
    zh = "\n".join(diff_lines(d, "zh"))
    assert "（算力）（新增）" in zh and "措辞有变：“" in zh and "” → “" in zh


def test_every_field_a_diff_can_name_has_words(releases):
    """Questions changed in every way the diff knows, rendered in both languages."""
    (q1, _), _ = releases
    data = v1_data()
    p = data["profile"]
    p[0]["depends_on"] = {"all": [{"question": "P-EXPORT", "equals": True}]}
    c = data["pillars"][0]["questions"]
    c[0]["levels"][2]["descriptor"] = {"zh": "有台账和计划", "en": "Register and plan"}
    c[0]["weight"] = 3
    c[1]["type"] = "number"
    c[2]["context"] = True
    c[3]["min"] = 1
    c[4]["bands"][1]["score"] = 3
    g = data["pillars"][1]["questions"]
    g[0]["gate"]["basis"] = {"zh": "《网络安全法》第二十一条", "en": "Cybersecurity Law Art. 21"}
    g[0]["gate"]["pass_when"] = {"one_of": [True]}
    g[1]["allow_na"] = False
    g[1]["options"][1]["points"] = 3
    g[1]["options"][1]["label"] = {"zh": "有正式制度", "en": "A formal policy"}
    g[2]["score_by"] = "best"
    g[3].pop("depends_on")
    g[4]["gate"] = {"basis": {"zh": "依据", "en": "basis"}, "pass_when": {"equals": "x"}}
    data["pillars"][1]["depends_on"] = {"any": [{"question": "P-SIZE", "equals": "large"},
                                                {"question": "P-ROLES", "includes": ["builder"]}]}
    data["pillars"][0]["target"] = 4
    data["programmes"][0]["name"] = {"zh": "标杆", "en": "Benchmark"}
    data["scoring"].update(dont_know="exclude", gate_cap=2, gate_level_cap=3, programmes_on="evidenced")
    data["scoring"]["evidence_discounts"]["declared"] = 0.4
    data["scoring"]["levels"]["thresholds"] = [0, 1, 2, 3, 4, 4.5]
    q2, _ = load(data)
    d = diff(q1, q2)
    names = {f.name for c in d.questions_changed for f in c.fields}
    assert names >= {"depends_on", "levels", "weight", "type", "context", "range", "bands", "gate.basis",
                     "gate.pass_when", "allow_na", "options.points", "options.changed", "score_by", "gate.added"}
    for locale in ("zh", "en"):
        text = "\n".join(diff_lines(d, locale))
        assert "{" not in text and "migrate." not in text
    en = "\n".join(diff_lines(d, "en"))
    assert "applies when: always → P-EXPORT = yes" in en
    assert "applies when: always → P-SIZE = large or P-ROLES includes builder" in en
    assert "factor for “declared” evidence: 0.5 → 0.4" in en
    assert "“don't know”: scores 0 → left out of the mean" in en
    assert "option points A formal policy 2 → 3" in en and "level descriptors changed: level 2" in en
    assert "等级描述有变：第 2 级" in "\n".join(diff_lines(d, "zh"))


def test_any_table_content_writers_may_write_carries_or_names_every_answer(releases):
    """Tables drawn at random (any kind, any targets, values of any shape): migrate never fails,
    every old answer is carried or named, and what is carried fits the new release."""
    (q1, h1), _ = releases
    base = v2_data()
    new_ids = [qu["id"] for qu in base["profile"]] + [qu["id"] for p in base["pillars"] for qu in p["questions"]]
    samples = [True, False, 0, 3, 40, 55.5, "sme", "basic", "none", "x", ["encrypt"], ["user", "zz"], None]
    old_keys = ["true", "false", "0", "3", "40", "small", "large", "policy", "watermark", "user", "builder"]
    rng = random.Random(7)
    for _ in range(150):
        table = []
        for m in base["migrations"][0]["questions"]:
            kind = rng.choice(["same", "reworded", "split", "merged", "retyped", "removed"])
            entry = {"old": m["old"], "kind": kind}
            if kind != "removed":
                entry["to"] = rng.sample(new_ids, rng.choice([1, 1, 2]))
            if kind == "retyped":
                entry["values"] = {k: rng.choice(samples) for k in rng.sample(old_keys, 3)}
            if rng.random() < 0.7:
                table.append(entry)
        data = dict(base, migrations=[{"from": "1.0.0", "questions": table}])
        q2, h2 = load(data)
        old = v1_answers(q1, h1)
        new, notices = migrate(q1, q2, old, h2, at=AT)
        assert check_answers(q2, new) == []
        went = {c.old.removeprefix("migrated from ").partition("@")[0] for c in new.history[len(old.history):]}
        dropped = {n.where.removeprefix("answers.") for n in notices if not n.carried}
        assert set(old.answers) <= went | dropped
        for n in notices:
            assert "{" not in notice_text(n, "zh") + notice_text(n, "en")


def test_bundled_notices_name_each_old_question_once_in_the_respondents_words():
    """One line per old question however many new ones it misses; values as the respondent chose them
    (是/否, option labels, levels); a value that does not fit is the new question's doing, not theirs."""
    q1, h1 = resolve("ai-manufacturing-2027@1.0.0")
    q2, h2 = resolve("ai-manufacturing-2027@1.1.0")
    old = AnswerSet(questionnaire=ref_of(q1, h1))
    for qid, value in {"C07": False, "M04": True, "A03": False, "A11": 4, "PR-OVERSEAS-CLOUD": True,
                       "O10": ["other_market_cert"]}.items():
        old.answers[qid] = Answer(value=value)
    _, notices = migrate(q1, q2, old, h2, at=AT)
    dropped = {}
    for n in notices:
        if not n.carried:
            dropped.setdefault(n.where, []).append(notice_text(n, "zh"))
    assert all(len(lines) == 1 for lines in dropped.values()), dropped
    assert dropped["answers.C07"][0].startswith("C07：未延续到 C20、C21、C22：新版本不沿用原答案“否”（")
    assert dropped["answers.M04"][0].startswith("M04：未延续到 M22、M23：新版本不沿用原答案“是”")
    assert dropped["answers.O10"][0].startswith("O10：未延续：新版本不沿用原答案“其他目标市场的检测认证机构”")
    (a11,) = dropped["answers.A11"]
    assert a11.startswith("A11：未延续到 A19：原答案“4 级”不适用：新题目只能答“是”或“否”（")
    assert "填的是" not in a11
    changed = {n.where: notice_text(n, "zh") for n in notices if n.carried}
    assert "答案“是”改记为“境外的云服务或模型接口" in changed["answers.PR-OVERSEAS-CLOUD"]
    assert "true" not in " ".join(changed.values()) + " ".join(x for v in dropped.values() for x in v)


def test_what_carrying_leaves_to_answer_profile_first_then_gates():
    from assess.migrate import still_to_answer

    q1, h1 = resolve("ai-manufacturing-2027@1.0.0")
    q2, h2 = resolve("ai-manufacturing-2027@1.1.0")
    old = every_answer(q1, h1)
    old.answers["C07"] = Answer(value=False)
    new, _ = migrate(q1, q2, old, h2, at=AT)
    profile, gates = still_to_answer(q1, q2, old, new)
    old_ids = {qu.id for _, qu in q1.all_questions()}
    assert "PR-SELF-HOSTED" in profile and "PR-AGENTS" in profile  # new in 1.1.0, so blank after carrying
    assert "C20" in gates  # C07's "no" did not carry: the gate it became is open
    by_id = {qu.id: qu for _, qu in q2.all_questions()}
    assert all(by_id[g].gate is not None and g not in new.answers for g in gates)
    assert not (set(profile) & old_ids - set(old.answers))  # left blank before: not news to them
    blank = old.model_copy(deep=True)
    del blank.answers["C01"]
    assert "C01" not in still_to_answer(q1, q2, blank, migrate(q1, q2, blank, h2, at=AT)[0])[1]
