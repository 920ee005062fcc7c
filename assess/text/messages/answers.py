"""Reading an «answer_file» (`assess.content.answer_file`)."""

from assess.text.glossary import table

MESSAGES = table({
    "answers.json": ("不是有效的 JSON：{detail}", "not valid JSON: {detail}"),
    "answers.not_object": ("文件顶层应为 JSON 对象", "expected a JSON object at the top level"),
    "answers.is_scoring_result": ("这是评分结果（«gap_report»旁的 JSON，或 `assess score --json` 的输出），不是«answer_file»",
                                  "this is a scoring result (the JSON beside a «gap_report», or from `assess score --json`), not an «answer_file»"),
    "answers.is_scoring_result.fix": ("请提供生成该结果的«answer_file»或已填写的«answer_sheet»",
                                      "give the «answer_file» (or filled «answer_sheet») the result was made from"),
    "answers.is_portfolio": ("这是批量评分的«portfolio»（portfolio.json），不是«answer_file»",
                             "this is a batch «portfolio» (portfolio.json), not an «answer_file»"),
    "answers.is_portfolio.fix": ("请提供各企业的«answer_file»或已填写的«answer_sheet»本身",
                                 "give the «answer_file»s or filled «answer_sheet»s themselves"),
    "answers.format": ("不支持格式版本为 {got} 的«answer_file»（本版本读取格式 1）",
                       "«answer_file» format {got} is not supported (this version reads format 1)"),
    "answers.format.fix": ("请使用更新版本的 assess", "use a newer version of assess"),
    "answers.no_questionnaire": ("缺少 questionnaire 部分：这不像 assess 的«answer_file»",
                                 "no 'questionnaire' block: this does not look like an assess «answer_file»"),
    "answers.not_found": ("找不到文件", "file not found"),
    "answers.folder": ("这是文件夹，不是«answer_file»", "this is a folder, not an «answer_file»"),
})
