"""The review workbook's own words (`assess review`), in Chinese and English: its sheet names,
the reviewer's cells, column titles and the decisions of the drop-down. Concepts come from the
glossary; questionnaire text from the questionnaire."""

from __future__ import annotations

from assess.text.glossary import pair, table

SHEETS: dict[str, tuple[str, str]] = {
    "review": ("审核表", "Review"),
    "data": ("审核数据", "Review data"),
}
"""Sheet names of the review workbook (never those of an answer sheet or a gap report)."""

DECISIONS = ("accepted", "insufficient", "rejected")

LABELS: dict[str, tuple[str, str]] = table({
    "title": ("«review»表：{company}", "«Review»: {company}"),
    "questionnaire": ("«questionnaire»：{title}（{ref}）", "«Questionnaire»: {title} ({ref})"),
    "reviewer": ("«reviewer»", "«Reviewer»"),
    "date": ("审核日期", "Review date"),
    "digest": ("«answer»摘要（核对用）", "Digest of the «answer»s (to check)"),
    "intro": ("请逐行填写黄色单元格：在“«decision»”中选择«decision.accepted»、«decision.insufficient»或«decision.rejected»；"
              "若核实后的答案与自评不同，在“调整后的答案”中填写（仅限«decision.accepted»）；可在“审核意见”中说明理由。"
              "不要修改其他单元格：它们是被审核的内容，改动后本表将被拒收。未填写«decision»的行按未审核计。",
              "Fill in the yellow cells row by row: choose «decision.accepted», «decision.insufficient» or "
              "«decision.rejected» under '«Decision»'; where the answer you checked differs from the claim, write it "
              "under 'Corrected answer' («decision.accepted» only); explain in 'Comment'. Do not change the other "
              "cells: they are what is reviewed, and an edit makes this workbook «refused». A row without a "
              "«decision» counts as not reviewed."),
    "col.id": ("编号", "ID"),
    "col.pillar": ("«pillar»", "«Pillar»"),
    "col.question": ("«question»", "«Question»"),
    "col.claimed": ("«answer»（«claimed»）", "«Answer» («claimed»)"),
    "col.score": ("«claimed_score»", "«Claimed_score»"),
    "col.evidence_state": ("«evidence_state»", "«Evidence_state»"),
    "col.evidence": ("«evidence»", "«Evidence»"),
    "col.note": ("«note»", "«Note»"),
    "col.decision": ("«decision»", "«Decision»"),
    "col.value": ("调整后的答案", "Corrected answer"),
    "col.comment": ("审核意见", "Comment"),
    "decision.accepted": pair("decision.accepted"),
    "decision.insufficient": pair("decision.insufficient"),
    "decision.rejected": pair("decision.rejected"),
    "err.title": ("无效的«decision»", "Not a «decision»"),
    "err.list": ("请从下拉列表中选择", "Choose from the drop-down list"),
})


def t(key: str, locale: str, **values: object) -> str:
    zh, en = LABELS[key]
    text = zh if locale == "zh" else en
    return text.format(**values) if values else text


def sheet_name(key: str, locale: str) -> str:
    zh, en = SHEETS[key]
    return zh if locale == "zh" else en
