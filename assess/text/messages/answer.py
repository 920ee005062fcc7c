"""Why an answer is not one its «question» accepts (`assess.rules`)."""

from assess.text.glossary import table

MESSAGES = table({
    "answer.level": ("需要 0–{top} 级之间的成熟度等级，填的是 {got}", "a maturity level from 0 to {top} is needed, got {got}"),
    "answer.yes_no": ("需要回答“是”或“否”，填的是 {got}", "yes or no is needed, got {got}"),
    "answer.percentage": ("需要 0–100 之间的百分数，填的是 {got}", "a percentage from 0 to 100 is needed, got {got}"),
    "answer.option": ("需要从以下选项中选一项：{options}；填的是 {got}", "one of {options} is needed, got {got}"),
    "answer.options_list": ("需要一组选项编号，填的是 {got}", "a list of option ids is needed, got {got}"),
    "answer.unknown_options": ("没有这些选项：{got}；可选的是 {options}",
                               "unknown option(s) {got}; choose from {options}"),
    "answer.option_twice": ("同一个选项选了两次", "an option is chosen twice"),
    "answer.exclusive": ("选项“{option}”不能与其他选项同时选择", "option “{option}” cannot be combined with others"),
    "answer.number": ("需要一个数字，填的是 {got}", "a number is needed, got {got}"),
    "answer.below": ("{got} 小于允许的最小值 {min}", "{got} is below the minimum {min}"),
    "answer.above": ("{got} 大于允许的最大值 {max}", "{got} is above the maximum {max}"),
    "answer.text": ("需要填写文字，填的是 {got}", "text is needed, got {got}"),
    "answer.too_long": ("文字过长：{length} 字，最多 {n} 字", "the text is {length} characters long, at most {n} are allowed"),
    "answer.na_on_gate": ("«gate»不能答“«status.na»”", "a «gate» cannot be answered '«status.na»'"),
    "answer.na_not_allowed": ("本«question»不能选“«status.na»”", "'«status.na»' is not allowed for this «question»"),
    "answer.no_value": ("状态是“«status.answered»”，却没有«answer»", "the status is '«status.answered»' but no «answer» is given"),
    "answer.other_questionnaire": ("这些«answer»属于«questionnaire» {got}，不是 {expected}",
                                   "the «answer»s are for «questionnaire» {got}, not {expected}"),
    "answer.other_version": ("这些«answer»属于版本 {got}，不是 {expected}", "the «answer»s are for version {got}, not {expected}"),
    "answer.unknown_question": ("{questionnaire} 中没有«question» {question}", "no «question» {question} in {questionnaire}"),
    "answer.unknown_pillar": ("没有«pillar» {pillar}（可选：{pillars}）", "no «pillar» {pillar} (the «pillars»: {pillars})"),
    "answer.card_key_empty": ("«card»名称不能为空：请填写能识别该项的名称",
                              "a «card» needs a name that identifies its item"),
    "answer.card_key_taken": ("本组已有名为“{name}”的«card»；请换一个名称，或打开已有的那张",
                              "this group already has a «card» named “{name}”; choose another name, or open that one"),
    "answer.card_limit": ("本组最多 {max} 张«card»，已满；请先删除或合并一张",
                          "this group takes at most {max} «cards» and is full; delete or merge one first"),
    "answer.card_verified": ("«card»的«evidence_state»只能是“«evidence.declared»”或“«evidence.documented»”；"
                             "“«evidence.verified»”只由«reviewer»设定",
                             "a «card»'s «evidence_state» is '«evidence.declared»' or '«evidence.documented»'; "
                             "only a «reviewer» sets '«evidence.verified»'"),
    "answer.unknown_card_group": ("{questionnaire} 中没有«card»组 {group}", "no «card» group {group} in {questionnaire}"),
    "answer.unknown_card": ("«card»组 {group} 中没有名为“{name}”的«card»", "no «card» named “{name}” in group {group}"),
    "answer.unknown_card_question": ("«card»组 {group} 中没有«question» {question}",
                                     "no «question» {question} in «card» group {group}"),
    "answer.target_range": ("«target»须在 0–5 之间，填的是 {got}", "a «target» lies in 0..5, got {got}"),
})
