"""The command line's own words for `score`, `compare` and `explain`, in Chinese and English.
Questionnaire text comes from the questionnaire; concepts come from the glossary («pillar», …)."""

from __future__ import annotations

from assess.text.glossary import table

LABELS = table({
    "dont_know.zero": ("计 0 分并计入分母", "scores 0 and counts"),
    "dont_know.exclude": ("不计入分母", "leaves the denominator"),
    "colon": ("：", ": "),
    "overall": ("«overall»", "«Overall»"),
    "score": ("«score»", "«score»"),
    "level": ("«level»", "«level»"),
    "target": ("«target»", "«target»"),
    "gap": ("«gap»", "«gap»"),
    "evidenced": ("«evidenced»", "«evidenced»"),
    "completion": ("«completion»", "«completion»"),
    "pillar": ("«pillar»", "«pillar»"),
    "gates": ("«gates»", "«gates»"),
    "gates_failed": ("«gates_failed»", "«Gates_failed»"),
    "compliance": ("«compliance»（«gates»）", "«Compliance» («gates»)"),
    "gates_tally": ("{passed} 项«gate.passed» · {failed} 项«gate.failed» · {unconfirmed} 项«gate.unconfirmed»",
                    "{passed} «gate.passed» · {failed} «gate.failed» · {unconfirmed} «gate.unconfirmed»"),
    "compliance_first": ("«compliance_first»：有«gate»未通过，总体等级最高按 {level} 计",
                         "«compliance_first»: a «gate» fails, so the overall level is held at {level} at most"),
    "unconfirmed": ("«gate.unconfirmed»：仅有自述，补上文件后才计入专项", "«gate.unconfirmed»: declared only; programmes count it once documented"),
    "pending": ("{n} 道«question»先按 0 分计，因为决定它们是否适用的«profile»题目未答：{ids}",
                "{n} «question»(s) count 0 for now, because the «profile» answers that decide whether they apply are "
                "blank: {ids}"),
    "waits_on": ("按适用计，因«profile»题目未答：{ids}", "treated as applying: «profile» not answered: {ids}"),
    "roadmap": ("«roadmap»（前 {n} 项，共 {total} 项）", "«Roadmap» (first {n} of {total})"),
    "phase": ("阶段", "phase"),
    "question": ("«question»", "«question»"),
    "from_to": ("现状 → 目标", "from → to"),
    "action": ("行动", "action"),
    "path": ("«shortest_path»", "«Shortest_path»"),
    "steps": ("{n} 步", "{n} step(s)"),
    "unreachable": ("目标无法达到", "target out of reach"),
    "programmes": ("«programmes»", "«Programmes»"),
    "ready": ("«ready»", "«ready»"),
    "not_ready": ("«not_ready»", "«not_ready»"),
    "none": ("无", "none"),
    "now": ("«phase.now»", "«phase.now»"),
    "next": ("«phase.next»", "«phase.next»"),
    "later": ("«phase.later»", "«phase.later»"),
    "not_applicable": ("不适用", "not applicable"),
    "capped": ("因 {gates} «capped»为 {cap:g}", "«capped» at {cap:g} by {gates}"),
    "company": ("«company»", "«Company»"),
    "questionnaire": ("«questionnaire»", "«Questionnaire»"),
    "claimed": ("«claimed»", "«claimed»"),
    "not_met": ("«reason.not_met»", "«reason.not_met»"),
    "dont_know": ("«status.dont_know»", "«status.dont_know»"),
    "unanswered": ("«status.unanswered»", "«status.unanswered»"),
    "value": ("«answer»", "«answer»"),
    "weight": ("«weight»", "«weight»"),
    "points": ("«weight» × «score»", "«weight» × «score»"),
    "factor": ("证据系数", "evidence factor"),
    "excluded": ("未计入", "Left out"),
    "formula": ("{num:g} ÷ {den:g} = {mean:g}", "{num:g} ÷ {den:g} = {mean:g}"),
    "source": ("来源", "source"),
    "default": ("问卷默认值", "questionnaire default"),
    "answers": ("«answer_file»", "«answer_file»"),
    "override": ("--target", "--target"),
    "na": ("«status.na»", "«status.na»"),
    "hidden": ("«status.hidden»", "«status.hidden»"),
    "invalid": ("«status.invalid»", "«status.invalid»"),
    "unscored": ("不计分", "not scored"),
    "before": ("之前", "before"),
    "after": ("之后", "after"),
    "delta": ("变化", "change"),
    "moved": ("有变化的«question»", "«Question»s that moved"),
    "added": ("新增", "Added"),
    "removed": ("删除", "Removed"),
    "newly_passed": ("新通过的«gate»", "«Gates» newly passed"),
    "newly_failed": ("新未通过的«gate»", "«Gates» newly failed"),
    "policy_dont_know": ("“«status.dont_know»”规则：{p}", "«status.dont_know» policy: {p}"),
})


def labels(locale: str) -> dict[str, str]:
    """Every label in `locale` (zh, else English), by key."""
    i = 0 if locale == "zh" else 1
    return {key: pair[i] for key, pair in LABELS.items()}
