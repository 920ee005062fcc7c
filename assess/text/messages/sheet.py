"""The answer-sheet reader's words: what is wrong with a filled sheet, at which cell, and how to fix it."""

from assess.text.glossary import table

MESSAGES = table({
    # the workbook as a whole
    "sheet.unreadable": ("无法读取该工作簿（{error}）", "the workbook cannot be read ({error})"),
    "sheet.damaged.attribute_twice": ("部件 {part} 中有属性重复出现", "part {part} gives an attribute twice"),
    "sheet.damaged.id_twice": ("部件 {part} 中的关系 ID {id} 重复出现", "part {part} gives the relationship id {id} twice"),
    "sheet.damaged.name_twice": ("有两个工作表都叫“{name}”", "two sheets are named '{name}'"),
    "sheet.merges_unchecked": ("这份文件（例如 .xlsb 格式的）中的合并单元格读不出来：如果一个单元格合并跨过了几行«answer»，"
                               "这里无法发现，只有第一行会被读到",
                               "merged cells cannot be read from this file (an .xlsb, for one): a cell merged over "
                               "several «answer»s would go unseen, and only its first row be read"),
    "sheet.merges_unchecked.fix": ("另存为 .xlsx 后重新发送，合并单元格就能被检查",
                                   "save it as .xlsx and send it again to have merged cells checked"),
    "sheet.damaged.merges": ("工作表“{sheet}”的 {count} 个合并单元格相互重叠，正常保存的文件不会这样",
                             "sheet '{sheet}' has {count} merged ranges that overlap, which no saved workbook has"),
    "sheet.damaged.no_part": ("工作簿中找不到存放工作表“{sheet}”的部件", "no part of the workbook holds sheet '{sheet}'"),
    "sheet.unreadable.fix": ("请用 Excel 或 LibreOffice 打开，重新另存为 .xlsx",
                             "open it in Excel or LibreOffice and save it again as .xlsx"),
    "sheet.shared_too_large": ("工作簿的文字表有 {size} 字节，远超一份«answer_sheet»应有的大小",
                               "the workbook's text table is {size} bytes, far more than an «answer_sheet» holds"),
    "sheet.sheet_too_large": ("工作表 {sheet} 的 XML 有 {size} 字节，远超一份«answer_sheet»应有的大小，未读取",
                              "sheet {sheet} is {size} bytes of XML, far more than an «answer_sheet» holds; it is "
                              "not read"),
    "sheet.range_too_large": ("工作表 {sheet} 的单元格一直延伸到第 {row} 行、{column} 列，远超一份«answer_sheet»"
                              "应有的范围，未读取",
                              "sheet {sheet}'s cells reach row {row} and column {column}, far more than an "
                              "«answer_sheet» holds; it is not read"),
    "sheet.too_large.fix": ("请删除题目下方或旁边额外加入的行、列和粘贴的数据，或改填一份新的«answer_sheet»",
                            "delete the rows, columns and pasted data added below or beside the «question»s, or fill "
                            "in a fresh «answer_sheet»"),
    "sheet.no_answers": ("没有 Answers 工作表（现有工作表：{sheets}）：这不是发放的«answer_sheet»，或者只是从中复制出来的一部分",
                         "no Answers sheet (sheets: {sheets}): this is not the «answer_sheet» as issued, or only part "
                         "of it copied out"),
    "sheet.not_ours.fix": ("请填写发放方提供的«answer_sheet»，并保留其中所有工作表",
                           "fill in the «answer_sheet» you were issued, keeping all its sheets"),
    "sheet.format": ("不支持«answer_sheet»格式“{format}”（本版本读取 {supported}）",
                     "answer-sheet format '{format}' is not supported (this version reads {supported})"),
    "sheet.format.fix": ("请使用较新版本的 assess", "use a newer version of assess"),
    "sheet.no_meta_no_columns": ("既没有 Meta 工作表，也没有«answer_sheet»的 Answers 各列：这不是由 `assess template` "
                                 "生成的«answer_sheet»",
                                 "neither the Meta sheet nor the Answers columns of an «answer_sheet»: this is not an "
                                 "«answer_sheet» made by `assess template`"),
    "sheet.no_meta": ("隐藏的 Meta 工作表缺失或被清空：无法核对这份«answer_sheet»对应哪份«questionnaire»及其版本",
                      "the hidden Meta sheet is missing or emptied: which «questionnaire» and version the sheet was "
                      "made for cannot be checked"),
    "sheet.no_meta.fix": ("请在发放的原«answer_sheet»中作答后发回：可把本文件中的«answer»复制后，用“选择性粘贴→数值”粘到"
                          "原«answer_sheet»的相同单元格；不要只发回复制出来的工作表",
                          "answer in the «answer_sheet» as issued and send that back: copy these «answer»s and paste "
                          "them as values onto the same cells of the original; do not send back sheets copied out of "
                          "it"),
    "sheet.fresh.fix": ("请向发放答卷的一方索取一份新«answer_sheet»重新填写，并保留其中所有工作表",
                        "ask whoever issued the sheet for a fresh «answer_sheet» and fill that in, keeping all its "
                        "sheets"),
    "sheet.renamed": ("工作表“{sheet}”被改名为“{name}”；已按内容找到并读取",
                      "sheet '{sheet}' was renamed to '{name}'; read by its content"),
    "sheet.renamed.fix": ("请把它改回 {sheet}", "rename it back to {sheet}"),
    "sheet.made_for": ("这份«answer_sheet»对应的是{what}，不是 {questionnaire}",
                       "this sheet was made for {what}, not {questionnaire}"),
    "sheet.made_for.questionnaire": ("«questionnaire»“{id}”", "«questionnaire» '{id}'"),
    "sheet.made_for.version": ("版本 {version}", "version {version}"),
    "sheet.made_for.text": ("{questionnaire} 的另一份文本（哈希 {found}…，应为 {expected}…）",
                            "a different text of {questionnaire} (hash {found}…, expected {expected}…)"),
    "sheet.made_for.fix": ("请发送一份用 `assess template --questionnaire {questionnaire}` 新生成的«answer_sheet»，"
                           "或用 --questionnaire {pinned} 读取",
                           "send a fresh sheet made with `assess template --questionnaire {questionnaire}`, or read "
                           "it with --questionnaire {pinned}"),
    "sheet.no_company": ("缺少 Company 工作表：没有企业信息，也没有«profile»的«answer»",
                         "the Company sheet is missing: no company details and no «profile» «answer»s"),
    "sheet.more_plants": ("这份文件还有工作表 {sheets}，似乎是另一家工厂的«answer»；这里只读取了第一家",
                          "the file also holds sheets {sheets}, apparently another plant's «answer»s; only the first "
                          "plant is read here"),
    "sheet.more_plants.fix": ("每家工厂请分别填写一份«answer_sheet»；顾问也可以用批量评分（assess batch）把每家工厂分别计分",
                              "fill in one «answer_sheet» per plant; a consultant's batch (assess batch) also scores "
                              "each plant on its own"),
    "sheet.plant_clash": ("工作表“{sheet}”和“{other}”都编为第 {n} 家工厂，分不清哪一张属于这家工厂；“{sheet}”未读取",
                          "sheets '{sheet}' and '{other}' are both numbered plant {n}, and which belongs to it "
                          "cannot be told; '{sheet}' is not read"),
    "sheet.plant_clash.fix": ("请把多出的那一组 Company 和 Answers 副本改用下一个编号（如“Company (3)”和“Answers (3)”）",
                              "rename the extra pair of Company and Answers copies to the next number "
                              "('Company (3)' and 'Answers (3)')"),
    "sheet.plant_incomplete": ("第 {n} 家工厂只有工作表 {found}，缺少 {missing}；这家工厂未计分",
                               "plant {n} has sheet {found} but no {missing}; that plant is not scored"),
    "sheet.plant_incomplete.fix": ("在 Excel 中同时复制 Company 和 Answers 两张工作表（得到“Company (2)”和"
                                   "“Answers (2)”），或把这家工厂单独填在一份新的«answer_sheet»中",
                                   "copy the Company and Answers sheets together (giving 'Company (2)' and "
                                   "'Answers (2)'), or send that plant on a fresh «answer_sheet» of its own"),
    "sheet.empty": ("工作表 {sheet} 是空的", "sheet {sheet} is empty"),
    "sheet.no_columns": ("工作表 {sheet}：表头行中找不到{columns}列；该表未读取",
                         "sheet {sheet}: the header row lacks the column(s) {columns}; the sheet is not read"),
    "sheet.header.fix": ("请从一份新模板中复制表头行，粘贴回原处（列标题要和模板一致）",
                         "copy the header row from a fresh template and paste it back (the column headings as "
                         "the template writes them)"),
    "sheet.above_header": ("工作表 {sheet} 的表头在第 {row} 行，上方写的“{text}”没有读取",
                           "the headings of sheet {sheet} are on row {row}: what is written above them ('{text}') "
                           "is not read"),
    "sheet.above_header.fix_row": ("请把这些行移回表头之下，放在它们原来的位置",
                                   "move these rows back below the headings, where they were"),
    "sheet.above_header.fix": ("如果那是标题，无需处理；如果是某道«question»的«answer»或说明，请写到该«question»那一行",
                               "if it is a title, nothing to do; if it is an «answer» or a remark on a «question», "
                               "write it in that «question»'s own row"),
    "sheet.no_status_column": ("工作表 {sheet}：没有«status»列；每个«answer»都按“«status.answered»”读取",
                               "sheet {sheet}: no «status» column; every «answer» is read as '«status.answered»'"),
    "sheet.no_known_ids": ("没有 Meta 工作表，且没有一行的编号是 {questionnaire} 中的«question»：这不是发放的"
                           "«answer_sheet»",
                           "no Meta sheet and none of its row ids is a «question» of {questionnaire}: this is not "
                           "the «answer_sheet» as issued"),
    # rows and cells
    "sheet.formula": ("这里是公式（{formula}）而不是值；其计算结果不予采用",
                      "a formula ({formula}) instead of a value; its result is not used"),
    "sheet.formula.fix": ("请直接输入值本身，或从下拉列表中选择",
                          "type the value itself (or choose it from the drop-down)"),
    "sheet.lock_file": ("这是有人打开答卷时办公软件生成的临时文件，不是答卷",
                      "an office suite's lock file, written while someone has the «answer_sheet» open; not an "
                      "«answer_sheet» itself"),
    "sheet.lock_file.fix": ("请改用答卷本身（文件名不带“~$”或“.~lock.”），并先在办公软件中关闭它",
                          "use the «answer_sheet» itself (its name without '~$' or '.~lock.'), closed in the office "
                          "suite first"),
    "sheet.field_formula": ("这里是公式（{formula}）而不是文字；这一项按未填写处理",
                            "a formula ({formula}) instead of text; this entry is read as blank"),
    "sheet.formula_text": ("这里是公式（{formula}）而不是文字", "a formula ({formula}) instead of text"),
    "sheet.formula.fix_text": ("请直接输入文字本身，不要用公式", "type the text itself, not a formula"),
    "sheet.row_without_id": ("这一行填了«answer»却没有«question»编号，无法对应，未读取",
                             "an «answer» in a row without a «question» id; it cannot be matched and is not read"),
    "sheet.row_without_id.fix": ("如果这一行是插入的，请把«answer»填到对应«question»的行，再删除这一行；"
                                 "如果是编号被删了，请从新模板复制编号",
                                 "if the row was inserted, give the «answer» on its «question»'s row and delete "
                                 "this one; if its id was deleted, copy it from a fresh template"),
    "sheet.note_without_id": ("这一行没有«question»编号，其中写的“{text}”没有读取",
                              "this row has no «question» id: what it says ('{text}') is not read"),
    "sheet.note_without_id.fix": ("请把说明写在相关«question»那一行的«note»里，再删除这一行；"
                                  "要改«answer»的，请直接改那一行的«answer»",
                                  "write the explanation in the «note» of the «question»'s own row and delete this "
                                  "one; to change an «answer», change it on its row"),
    "sheet.field_remark": ("{field}：{column}里写的“{text}”没有读取", "{field}: what the {column} says ('{text}') "
                           "is not read"),
    "sheet.field_remark.fix": ("需要说明的，请写进答案栏本身；不需要的，可以删去", "put what matters into the answer "
                               "cell itself; delete the rest"),
    "sheet.remark_row": ("“{id}”不是«question»编号，这一行写的“{text}”没有读取",
                         "'{id}' is not a «question» id: what this row says ('{text}') is not read"),
    "sheet.unknown_id": ("未知的«question»编号“{id}”：{questionnaire} 中没有；该行未读取",
                         "unknown «question» id '{id}': not in {questionnaire}; the row is not read"),
    "sheet.unknown_id.fix": ("请恢复原来的编号；如果这一行是新加的，请删除",
                             "restore the original id, or delete the row if it was added"),
    "sheet.not_multi": ("{question} 不是多选题；“{id}”这一行未读取",
                        "{question} is not a multi-select «question»; row '{id}' is not read"),
    "sheet.restore_id": ("请恢复原来的编号", "restore the original id"),
    "sheet.unknown_option": ("{question} 没有选项“{option}”；该行未读取",
                             "unknown option '{option}' of {question}; the row is not read"),
    "sheet.unknown_option.fix": ("请恢复原来的编号；可选的选项有 {options}",
                                 "restore the original id; the options are {options}"),
    "sheet.duplicate_same": ("{id} 出现了两次（第 {first} 行和第 {second} 行），«answer»相同；只读取一次",
                             "{id} appears twice (rows {first} and {second}) with the same «answer»; read once"),
    "sheet.duplicate_same.fix": ("请删除复制出来的那一行", "delete the copied row"),
    "sheet.duplicate_differs": ("{id} 出现了两次（第 {first} 行和第 {second} 行），«answer»不同；两者都不采用",
                                "{id} appears twice (rows {first} and {second}) with different «answer»s; neither is "
                                "used"),
    "sheet.duplicate_differs.fix": ("请删除填错的那一行", "delete the row that is wrong"),
    # answers
    "sheet.bad_status": ("{question}：«status»“{text}”不在列表中；该«answer»不予采用",
                         "{question}: «status» '{text}' is not one of the list; the «answer» is not used"),
    "sheet.bad_status.fix": ("请清空这一格（留空即按“«status.answered»”读取），或选择“«status.dont_know»”",
                             "clear the cell (blank reads as «status.answered»), or choose «status.dont_know»"),
    "sheet.bad_status.fix_na": ("请清空这一格（留空即按“«status.answered»”读取），或选择“«status.dont_know»”或“«status.na»”",
                                "clear the cell (blank reads as «status.answered»), or choose «status.dont_know» or "
                                "«status.na»"),
    "sheet.extra_sheet": ("工作表“{sheet}”不是模板里的表，其中的内容没有读取",
                          "sheet '{sheet}' is not part of the template: what it holds is not read"),
    "sheet.extra_sheet.fix": ("需要说明的，请写在“{sheet}”表相应«question»的«note»列",
                              "write explanations in the «note» column of the «question»'s row on '{sheet}'"),
    "sheet.answer_in_status": ("{question}：“{text}”填在了«status»列，看起来是«answer»；该«answer»不予采用",
                               "{question}: '{text}' is in the «status» column and reads like an «answer»; the "
                               "«answer» is not used"),
    "sheet.answer_in_status.fix": ("请把“{text}”移到«answer»单元格 {cell}，«status»留空",
                                   "move '{text}' to the «answer» cell {cell} and leave the «status» blank"),
    "sheet.bad_evidence_state": ("{question}：«evidence_state»“{text}”不在列表中；按“«evidence.declared»”读取",
                                 "{question}: «evidence_state» '{text}' is not one of the list; read as "
                                 "'«evidence.declared»'"),
    "sheet.bad_evidence_state.fix": ("请选择“«evidence.declared»”“«evidence.documented»”或“«evidence.verified»”",
                                     "choose «evidence.declared», «evidence.documented» or «evidence.verified»"),
    "sheet.value_refused": ("{question}：{why}；该«answer»不予采用", "{question}: {why}; the «answer» is not used"),
    "sheet.value_warning": ("{question}：{why}", "{question}: {why}"),
    "sheet.notes_without_answer": ("{count} 道«question»填了«note»或«evidence»，却没有填«answer»，这些内容不会保存：{ids}",
                                   "{count} «question»(s) with a «note» or «evidence» but no «answer»; they are not "
                                   "recorded: {ids}"),
    "sheet.notes_not_asked": ("{count} 道按«profile»不适用的«question»填了«note»或«evidence»，这些内容不会保存：{ids}",
                              "{count} «question»(s) the «profile» makes not apply have a «note» or «evidence»; they "
                              "are not recorded: {ids}"),
    "sheet.notes_not_asked.fix": ("无需处理；如果其实适用，请在 {sheet} 工作表中更正«profile»的«answer»",
                                  "nothing to do; if they do apply, correct the «profile» «answer»s on the {sheet} "
                                  "sheet"),
    "sheet.answer_in_note": ("{question}：«answer»单元格是空的，«note»里写的却像是«answer»，可能填错了列；未把它当作«answer»",
                             "{question}: the «answer» cell is blank but the «note» reads like an «answer», as if "
                             "typed one column off; it is not taken as the «answer»"),
    "sheet.answer_in_note.fix": ("如果«note»里写的就是«answer»，请把它移到«answer»单元格",
                                 "if the «note» is the «answer», move it to the «answer» cell"),
    "sheet.give_answer.fix": ("请填写«answer»，或选择“«status.dont_know»”",
                              "give the «answer», or choose «status.dont_know»"),
    "sheet.answered_without_value": ("{question}：«status»是“«status.answered»”，但没有填写«answer»；"
                                     "按«status.unanswered»计",
                                     "{question}: «status» is '«status.answered»' but no «answer» is given; counted as "
                                     "«status.unanswered»"),
    "sheet.status_contradicts": ("{question}：«status»是“{status}”，却又填了«answer»：两者矛盾，该«answer»不予采用",
                                 "{question}: the «status» is '{status}' yet an «answer» is given: they contradict, "
                                 "so the «answer» is not used"),
    "sheet.status_contradicts.fix": ("只能留一个：本题适用就清空«status»；不适用或不清楚，就清空«answer»",
                                     "keep one: clear the «status» if the «question» applies, or the «answer» if it "
                                     "does not or you do not know"),
    "sheet.status.answered": ("«status.answered»", "«status.answered»"),
    "sheet.status.na": ("«status.na»", "«status.na»"),
    "sheet.status.dont_know": ("«status.dont_know»", "«status.dont_know»"),
    "sheet.status_na.fix": ("请清空«status»，在«answer»单元格作答；确实不掌握的，«status»选择“«status.dont_know»”",
                            "clear the «status» and give the «answer» in its cell; if you really do not know, "
                            "choose «status.dont_know» as the «status»"),
    "sheet.option_not_yes_no": ("{question} 的选项“{option}”：“{text}”既不是“«yes»”也不是“«no»”",
                                "{question}, option '{option}': '{text}' is not «yes» or «no»"),
    "sheet.option_not_yes_no.fix": ("请选择“«yes»”，或留空", "choose «yes», or leave the cell blank"),
    "sheet.typed_not_option": ("{question}：“{text}”不是可选的选项，这一格的答案都未使用（能认出的选项也未使用）",
                               "{question}: '{text}' is not an option, so nothing typed in this cell is used (the "
                               "options recognised included)"),
    "sheet.typed_not_option.fix": ("请在下面的选项行中选择“«yes»”；可选的选项有{options}",
                                   "choose «yes» on the option rows below; the options are {options}"),
    "sheet.multi_all_no": ("{question}：每个选项都填了“«no»”，连“{none}”也是“«no»”，前后矛盾",
                           "{question}: every option is «no», '{none}' too, which contradicts itself"),
    "sheet.multi_all_no.fix": ("如果确实都没有，请在“{none}”一行选“«yes»”；否则在适用的选项行选“«yes»”",
                               "if none applies, choose «yes» on the row '{none}'; otherwise «yes» on the options that "
                               "apply"),
    "sheet.typed_differs": ("{question}：«answer»单元格中输入的选项与下面选项行中选择的不一致",
                            "{question}: the options typed in the «answer» cell differ from those chosen on the option "
                            "rows"),
    "sheet.typed_differs.fix": ("请清空«answer»单元格，在选项行中选择",
                                "clear the «answer» cell and choose on the option rows"),
    # what a cell cannot be read as
    "sheet.not_level": ("“{text}”不是 0–{top} 的«level»", "'{text}' is not a «level» 0–{top}"),
    "sheet.cell_left_out": ("{why}；这个单元格的内容未采用，«answer»照常使用",
                            "{why}; this cell is left out, and the «answer» is used without it"),
    "sheet.contradicts": ("“{text}”前后矛盾：前半和后半说的不是同一个选项，无法判断是哪一个",
                          "'{text}' contradicts itself: its two halves name different choices, and which was meant "
                          "cannot be told"),
    "sheet.dot_grouped": ("“{text}”看不出是 {small} 还是 {large}（有些地区用点号分隔千位）",
                          "'{text}' could be {small} or {large} (some places group thousands with a dot)"),
    "sheet.dot_grouped.fix": ("请写成 {small} 或 {large}（千位不要用点号分隔）",
                              "write {small} or {large}: group thousands with a comma, or not at all"),
    "sheet.status_refused": ("{question}：«status»{why}；该«answer»不予采用",
                             "{question}: «status» {why}; the «answer» is not used"),
    "sheet.qualified": ("“{head}”后面加了“{extra}”，看不出“{head}”是否成立",
                        "'{head}' is followed by '{extra}': whether '{head}' holds cannot be told"),
    "sheet.qualified.fix": ("这一格只填«answer»本身（如果还只是计划，请按现状作答），补充说明写在«note»栏",
                            "put only the «answer» in this cell (if it is still a plan, answer as things stand "
                            "today) and move the rest to the «note»"),
    "sheet.not_yes_no": ("“{text}”既不是“«yes»”也不是“«no»”", "'{text}' is not «yes» or «no»"),
    "sheet.not_number": ("“{text}”不是数字", "'{text}' is not a number"),
    "sheet.merged": ("合并单元格跨了 {count} 行，内容只留在第一行，分不清每一行填的是什么；以下«question»的«answer»不予采用："
                     "{questions}",
                     "merged cells span {count} rows: the content stays in the first row only, and what each row "
                     "holds cannot be told; «answer»s not used: {questions}"),
    "sheet.merged_text": ("合并单元格跨了 {count} 行：其中的内容只记在第一行（{question}）",
                          "merged cells span {count} rows: their content counts for the first row ({question}) "
                          "only"),
    "sheet.card_merged": ("合并单元格跨了 {count} 行，内容只留在第一行，分不清每一行填的是什么；这几行的«cards»不予采用",
                          "merged cells span {count} rows: the content stays in the first row only, and what each "
                          "row holds cannot be told, so the «cards» on these rows are not used"),
    "sheet.card_merged_evidence": ("合并单元格跨了 {count} 行：其中的«evidence»只记在第一张«card»上",
                                   "merged cells span {count} rows: their «evidence» counts for the first «card» "
                                   "only"),
    "sheet.option_typed": ("{option}：{text}", "{option}: {text}"),
    "sheet.options_typed.sep": ("；", "; "),
    "sheet.in_note_typed": ("（填在了«note»栏）", "(typed in the «note» column)"),
    "sheet.merged_typed": ("{text}（合并单元格 {range}）", "{text} (merged cells {range})"),
    "sheet.merged.fix": ("选中这些单元格，取消合并，再逐行分别填写", "select the cells, unmerge them, and fill in each row"),
    "sheet.date_typed": ("单元格里存的是日期或时间 {text}（Excel 和 WPS 会把 1-3、3/5、8:30 这类输入自动改成日期或时间）",
                         "the cell holds the date or time {text} (Excel and WPS turn entries such as 1-3, 3/5 or 8:30 "
                         "into dates or times)"),
    "sheet.month_typed": ("“{text}”像是年份或年月（开始的时间），这道«question»要的是月数",
                          "'{text}' looks like a year or a month (when it began); this «question» asks how many months"),
    "sheet.month_typed.fix": ("请填从开始到现在的月数（例如 2023 年 3 月开始、到 2026 年 3 月就填 36），不要填开始的年月",
                              "give the months from then to now (begun in March 2023, in March 2026 that is 36), not "
                              "the month it began"),
    "sheet.not_option": ("“{text}”不是{options}之一", "'{text}' is not one of {options}"),
    "sheet.not_in_sheet": ("这道«question»无法在«answer_sheet»中作答", "this «question» cannot be answered in a sheet"),
    "sheet.ambiguous_mark": ("“{text}”有歧义：有人用它表示“«yes»”（打勾），有人用它表示“«no»”（打叉），无法判断",
                             "'{text}' is ambiguous: a tick («yes») to some, a cross («no») to others; it cannot be "
                             "told which"),
    "sheet.bare_fraction": ("“{text}”没有百分号，看不出是 {text}% 还是 {percent}%",  # an .xls's formats are not known
                            "'{text}' has no per cent sign: it could be {text} % or {percent} %"),
    "sheet.bare_fraction.fix": ("请写明是哪一个：{text}% 就填“{text}%”，{percent}% 就填 {percent}",
                                "say which: type '{text}%' if you meant {text}%, or {percent} if you meant "
                                "{percent}%"),
    "sheet.percent_on_number": ("单元格设成了百分比格式，显示为 {shown}，但这道«question»要的是数字，不是百分数",
                                "the cell has a percent format and shows {shown}, but this «question» asks for a "
                                "number, not a per cent"),
    "sheet.percent_on_number.fix": ("请把这个单元格的格式改回“常规”（右键 → 设置单元格格式），再输入数字",
                                    "set the cell's format back to General (right-click → Format Cells), then type "
                                    "the number"),
    "sheet.percent_typed_on_number": ("“{text}”带有百分号，但这道«question»要的是数字（个数、月数等），不是百分数",
                                      "“{text}” has a per cent sign, but this «question» asks for a number (a count, "
                                      "months), not a per cent"),
    "sheet.percent_typed_on_number.fix": ("请只填数字，不加 %；想说明比例的，请写在«note»里",
                                          "type the number alone, without %; a share goes in the «note»"),
    "sheet.percent_over": ("单元格是百分比格式，填入的 {typed} 显示为 {shown}，超过了 100%",
                           "the cell has a percent format, so {typed} shows as {shown}, above 100%"),
    "sheet.percent_over.fix": ("如果想填 {typed}%，请连同百分号一起输入“{typed}%”",
                               "to mean {typed}%, type it with its per cent sign: '{typed}%'"),
    "sheet.status_in_answer": ("{question}：«answer»单元格中填的是“{text}”，按«status»“{status}”记录",
                               "{question}: '{text}' typed in the «answer» cell is recorded as the «status» "
                               "'{status}'"),
    "sheet.status_typed_refused.fix": ("请在«answer»单元格填写实际情况；确实不掌握的，«answer»留空，在«status»列选择"
                                       "“«status.dont_know»”",
                                       "type the actual «answer» in the «answer» cell; if you really do not know, leave "
                                       "it blank and choose «status.dont_know» in the «status» column"),
    "sheet.status_typed_refused.fix_plain": ("请在该单元格填写实际情况", "type the actual «answer» in this cell"),
    "sheet.status_in_answer.fix": ("今后请在«status»列中选择“{status}”，«answer»留空",
                                   "next time choose '{status}' in the «status» column and leave the «answer» blank"),
    "sheet.shifted": ("第 {first}–{last} 行的«answer»与{direction}的«question»相符，而与本行的«question»不符，"
                      "疑似粘贴时错位了一行；这一段的«answer»都不予采用",
                      "the «answer»s in rows {first}–{last} fit the «question»s {direction}, not their own: they "
                      "look pasted one row off; none of them is used"),
    "sheet.shifted.up": ("上一行", "one row up"),
    "sheet.shifted.down": ("下一行", "one row down"),
    "sheet.shifted.fix_up": ("请把这一段«answer»整体上移一行，让每个«answer»与它的«question»在同一行",
                             "move the block of «answer»s up one row, so that each is on its own «question»'s row"),
    "sheet.shifted.fix_down": ("请把这一段«answer»整体下移一行，让每个«answer»与它的«question»在同一行",
                               "move the block of «answer»s down one row, so that each is on its own «question»'s row"),
    "sheet.shifted_typed": ("{text}（填在了第 {row} 行）", "{text} (typed in row {row})"),
    "sheet.extra_column": ("{column}不是模板中的列：它的文字已并入 {count} 个«answer»的«note»",
                           "{column} is not one of the template's: its text was added to the «note» of {count} "
                           "«answer»(s)"),
    "sheet.guide_column": ("{column}是{guide}，其中另写的文字已并入 {count} 个«answer»的«note»",
                           "{column} is the {guide}: the text written there instead was added to the «note» of "
                           "{count} «answer»(s)"),
    "sheet.guide_column.fix": ("请核对这些«note»", "check those «note»s"),
    "sheet.column": ("第 {column} 列", "column {column}"),
    "sheet.column_headed": ("第 {column} 列“{heading}”", "column {column} '{heading}'"),
    "sheet.struck": ("{question}：«answer»“{text}”加了删除线，看不出是撤回了还是表示“«no»”；该«answer»不予采用",
                     "{question}: the «answer» '{text}' is struck through, which may withdraw it or mean «no»; the "
                     "«answer» is not used"),
    "sheet.struck.fix": ("请去掉删除线（Ctrl+5），填上要作的«answer»；不再作答的请清空单元格",
                         "remove the strikethrough (Ctrl+5) and give the «answer» you mean; clear the cell to withdraw it"),
    "sheet.comments_joined": ("{count} 条批注的文字已并入所在行«answer»的«note»",
                              "the text of {count} comment(s) was added to the «note» of the «answer» on its row"),
    "sheet.comments_lost": ("{count} 条批注所在行的«answer»未被采用，这些批注也没有记录",
                            "{count} comment(s) sit beside «answer»s not used: they are not recorded either"),
    "sheet.comments_not_read": ("“{sheet}”表上的 {count} 条批注没有读取", "{count} comment(s) on '{sheet}' are not read"),
    "sheet.comments_not_read.fix": ("请把批注的内容直接写进相应的单元格；需要说明的，写在“{sheet}”表相应«question»的«note»列",
                                    "put what the comments say in the cells themselves; write explanations in the "
                                    "«note» column of the «question»'s row on '{sheet}'"),
    "sheet.comments_lost.fix": ("请把这些批注的内容写到相应«question»那一行的«note»列",
                                "write what these comments say in the «note» column of the «question»'s row"),
    "sheet.extra_column_lost": ("{column}中有 {count} 条文字所在行的«answer»未被采用，这些文字也没有记录",
                                "{column} holds {count} text(s) beside «answer»s not used: they are not recorded "
                                "either"),
    "sheet.extra_column_lost.fix": ("改正这些行的«answer»后重新发送，并把说明写在«note»列",
                                    "correct the «answer»s on those rows and send the file again, with the comments "
                                    "in the «note» column"),
    "sheet.extra_column.fix": ("请核对这些«note»；今后请把说明写在«note»列",
                               "check those «note»s; next time write comments in the «note» column"),
    "sheet.fix.level": ("请从下拉列表中选择 0–{top} 的«level»", "choose a «level» 0–{top} from the drop-down"),
    "sheet.fix.yes_no": ("请选择“«yes»”或“«no»”", "choose «yes» or «no»"),
    "sheet.fix.percent": ("请输入 0 到 100 之间的数字（百分比：80 即 80%）",
                          "type a number from 0 to 100 (per cent: 80 means 80%)"),
    "sheet.fix.number": ("请输入一个数", "type a number"),
    "sheet.fix.number_range": ("请输入 {low} 到 {high} 之间的数字", "type a number from {low} to {high}"),
    "sheet.fix.number_min": ("请输入不小于 {low} 的数", "type a number of at least {low}"),
    "sheet.fix.number_max": ("请输入不大于 {high} 的数", "type a number of at most {high}"),
    "sheet.fix.option": ("请从下拉列表中选择{options}之一", "choose one of {options} from the drop-down"),
    "sheet.fix.exclusive": ("请二选一：只保留“{option}”，或者去掉“{option}”、保留其他选项",
                            "either keep “{option}” alone, or drop it and keep the other options"),
    "sheet.fix.shorten": ("请缩短文字", "shorten the text"),
    "sheet.fix.text": ("请输入文字", "type text"),
    "sheet.fix.dropdown": ("请从下拉列表中选择", "choose from the drop-down"),
    # the sheet as a whole, once read
    "sheet.row_missing": ("“{id}”这一行不见了（被删除了？）", "the row of {id} is missing (deleted?)"),
    "sheet.row_missing.fix": ("请从新模板中把这一行复制回来，或改填一份新的«answer_sheet»",
                              "copy the row back from a fresh template, or answer in a fresh «answer_sheet»"),
    "sheet.more_rows_missing": ("另有 {count} 行不见了：{ids}…", "{count} more rows are missing: {ids}…"),
    "sheet.pasted_release": ("{column} 列的«answer»像是从 {release} 版的«answer_sheet»整列粘贴过来的：两版的题目顺序不同，"
                             "很多«answer»对不上本行的«question»；题目位置有变化的 {count} 道«question»的«answer»都不予采用",
                             "the «answer»s in column {column} look pasted whole from a {release} «answer_sheet»: the "
                             "two releases order their «question»s differently, and many «answer»s do not fit their "
                             "row's «question»; the «answer»s of the {count} «question»s whose rows moved are not "
                             "used"),
    "sheet.pasted_release.fix": ("请不要整列粘贴：按编号逐题把«answer»填到这份«answer_sheet»里；或者直接发回 {release} 版的"
                                 "«answer_sheet»，它可以照常评分",
                                 "do not paste the column whole: copy each «answer» to the row with its id; or send "
                                 "back the {release} «answer_sheet» itself, which is scored as it is"),
    "sheet.row_misplaced": ("{id} 这一行的文字是 {other} 的：编号和题目错开了（可能排序时没有选中编号列），"
                            "{question} 的«answer»不予采用",
                            "the row of {id} shows the wording of {other}: its id and its text no longer match "
                            "(perhaps the sheet was sorted without its id column), so the «answer» of {question} "
                            "is not used"),
    "sheet.rows_misplaced": ("{count} 行的文字和编号对不上（例如 {id} 这一行是 {other} 的文字）：可能排序时没有选中编号列；"
                             "这些行的«answer»都不予采用：{questions}",
                             "{count} rows show wording that does not match their ids (the row of {id} shows that "
                             "of {other}, for one): perhaps the sheet was sorted without its id column; none of "
                             "their «answer»s is used: {questions}"),
    "sheet.row_misplaced.fix": ("撤销这次排序；或者对照题目文字，把这几行的«answer»重新填到各自«question»的行里",
                                "undo the sort, or fill these rows' «answer»s in again on each «question»'s own "
                                "row, by its wording"),
    "sheet.typed_beside": ("{id}：“{text}”填在了{column}（{cell}），{value_cell} 是空的；没有读取",
                           "{id}: '{text}' was typed in the {column} ({cell}), and {value_cell} is blank; it is "
                           "not read"),
    "sheet.typed_beside.fix": ("请把“{text}”填到 {value_cell}，{cell} 恢复原来的文字",
                               "type '{text}' in {value_cell}, and restore the original text of {cell}"),
    "sheet.column.question": ("题目栏", "«question» column"),
    "sheet.column.item": ("项目栏", "item column"),
    "sheet.column.guide": ("“填写说明”栏", "'How to answer' column"),
    "sheet.text_edited": ("{id} 的题目文字被改动过；«answer»按编号读取，请确认它回答的仍是原来的«question»",
                          "the text of {id} was edited; the «answer» is read by id, so check that it answers the "
                          "original «question»"),
    "sheet.text_edited.fix": ("请从新模板中恢复原来的文字", "restore the original wording from a fresh template"),
    "sheet.hidden_answered": ("{question} 已作答，但按«profile»的«answer»它不适用；计分时忽略该«answer»",
                              "{question} is answered, but the «profile» «answer»s make it not apply; the «answer» is "
                              "ignored in scoring"),
    "sheet.hidden_answered.fix": ("请留空，或在 {sheet} 工作表中更正«profile»的«answer»",
                                  "leave it blank, or correct the «profile» «answer»s on the {sheet} sheet"),
    "sheet.unanswered": ("{count} 道适用的«question»未作答（会降低«completion»）：{ids}",
                         "{count} applicable «question»(s) unanswered (lowers «completion»): {ids}"),
    "sheet.unanswered.fix": ("请作答，或选择“«status.dont_know»”", "answer them, or choose «status.dont_know»"),
    "sheet.unanswered_profile": ("{count} 道«profile»«question»未作答（它们决定哪些«question»适用）：{ids}",
                                 "{count} «profile» «question»(s) unanswered (decides which «question»s apply): {ids}"),
    "sheet.unanswered_profile.fix": ("请作答", "answer them"),
    "sheet.unanswered.fix_unseen": ("请作答，或选择“«status.dont_know»”；其中 {cells} 所在的行现在看不到（被隐藏、折叠或筛选掉了），"
                                    "请先取消隐藏、展开分组或清除筛选",
                                    "answer them, or choose «status.dont_know»; the rows of {cells} are out of view "
                                    "(hidden, folded or filtered out): unhide them, expand the group or clear the "
                                    "filter first"),
    "sheet.unanswered_profile.fix_unseen": ("请作答；其中 {cells} 所在的行现在看不到（被隐藏、折叠或筛选掉了），"
                                            "请先取消隐藏、展开分组或清除筛选",
                                            "answer them; the rows of {cells} are out of view (hidden, folded or "
                                            "filtered out): unhide them, expand the group or clear the filter first"),
    "sheet.no_company_name": ("缺少«company»名称", "the «company» name is missing"),
    "sheet.no_company_name.fix": ("请在 {sheet} 工作表中填写«company»名称",
                                  "give the «company»'s name on the {sheet} sheet"),
    "sheet.gate_profile_blank": ("«profile»题目 {ids} 未填写，无法判断«gate» {gate} 是否适用：先按适用计",
                                 "«profile» {ids} not answered, so whether «gate» {gate} applies is open: it is "
                                 "treated as applying"),
    "sheet.gate_profile_blank.fix": ("请在 {sheet} 工作表填写这些«profile»题目",
                                     "answer these «profile» questions on the {sheet} sheet"),
    "sheet.self_verified": ("{count} 道«question»的«evidence_state»标为“«evidence.verified»”，但只有审核人能核实，"
                            "按“«evidence.documented»”计：{ids}",
                            "{count} «question»(s) marked “«evidence.verified»”, but only a reviewer verifies: "
                            "counted as “«evidence.documented»”: {ids}"),
    "sheet.self_verified.fix": ("有文件时请选“«evidence.documented»”；核实由审核人完成",
                                "choose “«evidence.documented»” when a document exists; a reviewer does the verifying"),
    "sheet.documented_unnamed": ("{count} 道«question»的«evidence_state»为“«evidence.documented»”，但«evidence»栏没有写明文件，"
                                 "按“«evidence.declared»”计：{ids}",
                                 "{count} «question»(s) marked “«evidence.documented»” with no document named in the "
                                 "«evidence» column: counted as “«evidence.declared»”: {ids}"),
    "sheet.documented_unnamed.fix": ("在«evidence»栏写明文件名（每行一个）", "name the documents in the «evidence» column "
                                     "(one a line)"),
    "sheet.documented_placeholder": ("{count} 道«question»的«evidence_state»为“«evidence.documented»”，但«evidence»栏写的"
                                     "（{words}）不是文件，按“«evidence.declared»”计：{ids}",
                                     "{count} «question»(s) marked “«evidence.documented»”, but what the «evidence» "
                                     "column says ({words}) names no document: counted as “«evidence.declared»”: {ids}"),
    "sheet.documented_placeholder.fix": ("在«evidence»栏写明文件名、链接或编号（每行一个）；还没有文件就选“«evidence.declared»”",
                                         "name the documents in the «evidence» column, or a link or record number (one "
                                         "a line); with no document yet, choose “«evidence.declared»”"),
    "sheet.self_verified_unnamed": ("{count} 道«question»的«evidence_state»标为“«evidence.verified»”，但只有审核人能核实，"
                                    "又没有写明文件，按“«evidence.declared»”计：{ids}",
                                    "{count} «question»(s) marked “«evidence.verified»”, but only a reviewer verifies "
                                    "and no document is named: counted as “«evidence.declared»”: {ids}"),
    "sheet.self_verified_unnamed.fix": ("在«evidence»栏写明文件名，并选“«evidence.documented»”；核实由审核人完成",
                                        "name the document in the «evidence» column and choose "
                                        "“«evidence.documented»”; a reviewer does the verifying"),
    "sheet.rows_hidden": ("隐藏的行里有 {count} 项已填内容，照常读取：{ids}",
                          "{count} item(s) filled in on hidden rows are read as they stand: {ids}"),
    "sheet.rows_hidden.fix": ("请取消隐藏（选中上下相邻的行，右键 → 取消隐藏）并核对；不想提交的«answer»请清空，不要只是隐藏",
                              "unhide the rows (select the rows around them, right-click → Unhide) and check them; "
                              "clear an «answer» you do not mean to give rather than hiding it"),
    # card sheets
    "sheet.card_hidden": ("第 {row} 行（“{text}”）是隐藏的：看不出是收起的草稿还是要计入的«card»，没有读取",
                          "row {row} ('{text}') is hidden: whether it is a draft put away or a «card» to count cannot "
                          "be told, so it is not read"),
    "sheet.card_hidden.fix": ("要计入就取消隐藏（右键行号 → 取消隐藏）；不计入就删除这一行",
                              "to count it, unhide the row (right-click the row number → Unhide); if not, delete it"),
    "sheet.card_none": ("«card»名称写的是“{text}”：没有这样的«card»，这一行没有读取",
                        "a «card» named '{text}' names none: the row is not read"),
    "sheet.card_none.fix": ("没有可填的«card»就让这张表空着", "with no «card» to give, leave the sheet blank"),
    "sheet.card_name_only": ("“{text}”这一行只填了名称，没有作为«card»读取",
                             "the row '{text}' holds a name alone: it is not read as a «card»"),
    "sheet.card_name_only.fix": ("如果是一张«card»，请填写它的各项；如果是分组标题，请删除这一行（每行一张«card»，第一列写{prompt}）",
                                 "if it is a «card», fill in its cells; if it is a heading, delete the row (one «card» "
                                 "a row, its {prompt} first)"),
    "sheet.card_headings_moved": ("“{sheet}”表的表头在第 {row} 行，不在第 {expected} 行：这张表可能连表头一起排过序；"
                                  "每张«card»仍按它所在的行读取",
                                  "the headings of '{sheet}' are on row {row}, not row {expected}: the sheet may have "
                                  "been sorted with them; each «card» is still read from its own row"),
    "sheet.card_headings_moved.fix": ("请核对各«card»是否完整；下次排序时请只选中«card»所在的行",
                                      "check that each «card» is whole; next time sort the «card» rows only"),
    "sheet.cards_none": ("没有填写“{sheet}”的«card»", "no «card»s entered on '{sheet}'"),
    "sheet.cards_none.fix": ("如有，请在工作表“{sheet}”中每行填写一项",
                             "if there are any, list them on sheet '{sheet}', one per row"),
    "sheet.cards_sheet_missing.fix": ("如有，请改填一份含工作表“{sheet}”的新«answer_sheet»，在其中每行填写一项",
                                      "if there are any, fill in a fresh «answer_sheet», which has sheet '{sheet}', "
                                      "one per row"),
    "sheet.cards_not_asked": ("按«profile»的«answer»，“{sheet}”不适用；其中的 {count} 张«card»已记录，但不计入«programmes»",
                              "the «profile» «answer»s do not ask for '{sheet}'; its {count} «card»(s) are recorded "
                              "but count for no «programme»"),
    "sheet.cards_not_asked.fix": ("请清空这些行，或在 {sheet} 工作表中更正«profile»的«answer»",
                                  "clear these rows, or correct the «profile» «answer»s on the {sheet} sheet"),
    "sheet.card_no_ids": ("工作表“{sheet}”前几行中找不到编号行（以 key 开头）；该表未读取",
                          "sheet '{sheet}': the id row (starting with key) is not among its first rows; the sheet is "
                          "not read"),
    "sheet.card_unknown_column": ("编号“{id}”不是“{sheet}”的«question»；这一列未读取",
                                  "'{id}' is not a «question» of '{sheet}'; the column is not read"),
    "sheet.card_added_column.fix": ("这一列是另加的，不影响读取；可以保留，也可以删除",
                                    "the column was added: it changes nothing read, and may stay or go"),
    "sheet.card_columns_missing": ("“{sheet}”缺少这些«question»的列：{ids}；它们按未作答计",
                                   "'{sheet}' lacks the columns of {ids}; they are read as unanswered"),
    "sheet.card_column.fix": ("请从新模板中恢复编号行和表头", "restore the id row and the headings from a fresh template"),
    "sheet.card_no_key": ("这一行填了内容，却没有“{prompt}”；该行未读取",
                          "a row with «answer»s but no '{prompt}'; the row is not read"),
    "sheet.card_no_key.fix": ("请填写“{prompt}”，或清空这一行", "give the '{prompt}', or clear the row"),
    "sheet.card_total": ("“{text}”这一行像是合计行，不是一张«card»：没有读取",
                         "the row '{text}' looks like a total, not a «card»: it is not read"),
    "sheet.card_total.fix": ("请删除合计行，每行只填一张«card»", "delete the total row: one «card» to a row"),
    "sheet.card_example": ("“{text}”像是说明里举的例子，不是贵企业自己的«card»：没有读取",
                           "'{text}' looks like the instructions' example, not one of the firm's own «card»s: it "
                           "is not read"),
    "sheet.card_example.fix": ("如果确有这张«card»，请只写它的实际名称，不要加“例如”；否则请删除这一行",
                               "if the firm has such a «card», write its own name without 'for example'; otherwise "
                               "delete the row"),
    "sheet.card_key_twice": ("“{text}”已在第 {first} 行用过；这一行未读取",
                             "'{text}' is already used in row {first}; this row is not read"),
    "sheet.card_key_twice.fix": ("每张«card»的“{prompt}”必须不同：请改用另一个名称，或删除重复的行",
                                 "each «card» needs its own '{prompt}': rename it, or delete the repeated row"),
    "sheet.card_too_many": ("“{sheet}”最多 {max} 张«card»；多出的 {count} 张未读取：{keys}",
                            "'{sheet}' takes at most {max} «card»s; {count} more are not read: {keys}"),
    "sheet.card_too_many.fix": ("请只保留最重要的 {max} 张", "keep the {max} that matter most"),
    "sheet.card_value_refused": ("«card»“{card}”，{question}：{why}；该«answer»不予采用",
                                 "«card» '{card}', {question}: {why}; the «answer» is not used"),
    "sheet.card_status_word": ("«card»“{card}”，{question}：填的是“{text}”，按«status»“{status}”记录",
                               "«card» '{card}', {question}: '{text}' is recorded as the «status» '{status}'"),
    "sheet.card_status_word.fix": ("如果这一项其实有«answer»，请改填«answer»", "if it has an «answer» after all, type it in"),
    "sheet.card_value_warning": ("«card»“{card}”，{question}：{why}", "«card» '{card}', {question}: {why}"),
    "sheet.card_bad_state": ("«card»“{card}”：«evidence_state»“{text}”不在列表中；按“«evidence.declared»”读取",
                             "«card» '{card}': «evidence_state» '{text}' is not one of the list; read as "
                             "'«evidence.declared»'"),
    "sheet.card_bad_state.fix": ("请选择“«evidence.declared»”或“«evidence.documented»”",
                                 "choose «evidence.declared» or «evidence.documented»"),
    "sheet.card_verified": ("«card»“{card}”：“«evidence.verified»”只能由审核人确认；按“«evidence.documented»”读取，"
                            "没有写明文件时按“«evidence.declared»”计",
                            "«card» '{card}': only a reviewer marks «evidence» «evidence.verified»; read as "
                            "'«evidence.documented»', and counted as '«evidence.declared»' when no document is named"),
    "sheet.card_evidence_alone": ("«card»“{card}”：填了«evidence»，却没有填«answer»，这些内容不会保存",
                                  "«card» '{card}': «evidence» but no «answer»; it is not recorded"),
    "sheet.card_evidence_alone.fix": ("请为这张«card»作答", "answer the «question»s of this «card»"),
})
