"""The review loop (`assess review`): what is wrong with a review workbook or its source."""

from assess.text.glossary import table

MESSAGES = table({
    "review.not_review": ("这不是 assess review 生成的审核表：没有工作表“{sheet}”", "this is not a review workbook made by "
                          "assess review: there is no sheet '{sheet}'"),
    "review.not_review.fix": ("请用 `assess review «answer_file»或«gap_report»` 生成审核表，填写后再导入",
                              "make the review workbook with `assess review ANSWERS|REPORT`, fill it in, then apply it"),
    "review.remake.fix": ("请重新生成审核表，在新表中重新填写", "make the review workbook again and fill in the new one"),
    "review.source_kind": ("无法审核此文件：需要«answer_file» (.json)、已填写的«answer_sheet»或«gap_report» (.xlsx)",
                           "this file cannot be reviewed: give an «answer_file» (.json), a filled «answer_sheet» or a "
                           "«gap_report» (.xlsx)"),
    "review.nothing": ("没有可审核的«answer»：没有适用且已作答的计分«question»",
                       "nothing to review: no applicable scored «question» is answered"),
    "review.nothing.fix": ("请先完成答题", "answer the questionnaire first"),
    "review.other_assessment": ("这份审核表针对另一份«answer»（摘要 {review}…），而不是 {source}（摘要 {given}…）",
                                "this review is of other «answer»s (digest {review}…), not of {source} (digest {given}…)"),
    "review.other_assessment.fix": ("请提供生成该审核表所用的«answer_file»或«gap_report»，或为这份«answer»重新生成审核表",
                                    "give the «answer_file» or «gap_report» the review was made from, or make a new review "
                                    "workbook for these «answer»s"),
    "review.digest_edited": ("摘要单元格被改动：应为 {expected}", "the digest cell was edited: it should read {expected}"),
    "review.formula": ("单元格中是公式 {formula}，审核表只接受直接填写的内容",
                       "the cell holds the formula {formula}; a review takes only what is typed"),
    "review.formula.fix": ("请删除公式，直接填写内容", "delete the formula and type the content itself"),
    "review.heading_edited": ("表头被改动：应为“{expected}”，现为“{shown}”",
                              "the heading was changed: it should read '{expected}', it reads '{shown}'"),
    "review.claimed_edited": ("被审核的内容被改动：{column} 应为“{expected}”，现为“{shown}”",
                              "what is reviewed was edited: {column} should read '{expected}', it reads '{shown}'"),
    "review.claimed_edited.fix": ("请恢复原内容；如审核后的答案不同，请填在“调整后的答案”中",
                                  "restore it; if the answer you checked differs, write it under 'Corrected answer'"),
    "review.unknown_row": ("多出的行（编号“{id}”）：审核表中没有这道«question»",
                           "an extra row (ID '{id}'): no such «question» is under review"),
    "review.extra_row": ("多出的行：审核表在这里没有内容", "an extra row: the review has nothing here"),
    "review.extra_row.fix": ("请删除该行；审核意见请写在本题所在行的“审核意见”中",
                             "delete the row; write comments in the 'Comment' cell of the question's own row"),
    "review.row_twice": ("«question» {id} 出现了两次（另见第 {first} 行）", "«question» {id} appears twice (also row {first})"),
    "review.row_missing": ("«question» {id} 的行被删除了", "the row of «question» {id} was deleted"),
    "review.row_missing.fix": ("请恢复该行（或重新生成审核表）", "restore the row (or make the review workbook again)"),
    "review.extra_cell": ("表格以外的内容 {shown} 未被读取", "{shown} lies outside the table and is not read"),
    "review.extra_cell.fix": ("请把说明写在“审核意见”中", "write remarks in the 'Comment' column"),
    "review.unknown_decision": ("无法识别的«decision»“{text}”", "'{text}' is not a «decision»"),
    "review.unknown_decision.fix": ("请从下拉列表中选择：{choices}", "choose from the drop-down: {choices}"),
    "review.no_decision": ("填写了调整后的答案或审核意见，但没有«decision»", "a corrected answer or a comment is given "
                           "without a «decision»"),
    "review.no_decision.fix": ("请选择«decision»，或清空该行的审核内容", "choose a «decision», or clear the row's review cells"),
    "review.value_not_accepted": ("只有«decision.accepted»时才能填写调整后的答案（本行为“{decision}”）",
                                  "a corrected answer goes with «decision.accepted» only (this row says '{decision}')"),
    "review.value_not_accepted.fix": ("请改为«decision.accepted»，或清空调整后的答案",
                                      "choose «decision.accepted», or clear the corrected answer"),
    "review.bad_value": ("调整后的答案无效：{why}", "the corrected answer is not valid: {why}"),
    "review.no_reviewer": ("已填写 {n} 项«decision»，但没有写«reviewer»姓名", "{n} «decision»(s) given, but no "
                           "«reviewer»'s name"),
    "review.no_reviewer.fix": ("请在此单元格填写«reviewer»姓名", "write the «reviewer»'s name in this cell"),
    "review.bad_date": ("“{text}”不是日期", "'{text}' is not a date"),
    "review.bad_date.fix": ("请按 2026-03-01 的格式填写审核日期", "write the review date as 2026-03-01"),
    "review.no_decisions": ("审核表中没有任何«decision»", "the review gives no «decision»"),
    "review.no_decisions.fix": ("请在“«decision»”列中为要审核的行作出选择", "choose a «decision» for the rows you reviewed"),
})
