"""The gap report's words when it is checked (`assess verify`) or given where it does not belong."""

from assess.text.glossary import table

MESSAGES = table({
    "report.release": ("{release}（内容哈希 {sha256}）", "{release} (content hash {sha256})"),
    "report.is_gap_report": ("这是一份«gap_report»，不是«answer_sheet»；请用 `assess verify` 检查它",
                             "this is a «gap_report», not an «answer_sheet»; use `assess verify` to check it"),
    "report.is_gap_report.fix": ("请提供生成该报告所用的«answer_file» (.json) 或填好的«answer_sheet»",
                                 "give the «answer_file» (.json) or the filled «answer_sheet» the report was made "
                                 "from"),
    "report.unreadable": ("无法读取该工作簿：{error}", "cannot read the workbook: {error}"),
    "report.range_too_large": ("工作表 {sheet} 的单元格一直延伸到第 {row} 行、{column} 列，远超«gap_report»应有的范围，未读取",
                               "sheet {sheet}'s cells reach row {row} and column {column}, far beyond any «gap_report»; it is not read"),
    "report.unreadable.fix": ("请重新索取这份报告", "ask for the report again"),
    "report.no_data_sheet": ("没有内嵌数据工作表：这不是由 assess report 生成的报告，或该工作表已被删除",
                             "no embedded-data sheet: this is not a report made by assess report, or the sheet was "
                             "deleted"),
    "report.is_review": ("这是«review_workbook»（由 assess review 生成），不是«gap_report»",
                         "this is a «review_workbook» (made by assess review), not a «gap_report»"),
    "report.is_review.fix": ("核验请给出«gap_report»；填好的«review_workbook»请用 assess review --apply 导入",
                             "give the «gap_report» to verify; read a filled «review_workbook» with assess review --apply"),
    "report.no_data_sheet.fix": ("请按 assess report 写出时的原样检查该工作簿",
                                 "verify the workbook exactly as assess report wrote it"),
    "report.data_unreadable": ("无法读取内嵌数据：{error}", "cannot read the embedded data: {error}"),
    "report.other_version": ("由 assess {made} 生成，用 assess {checked} 检查：两个版本之间的版式变化会显示为不一致；"
                             "如有不一致，请用 assess {made} 再核验一次",
                             "made with assess {made}, checked with assess {checked}: a change of layout between "
                             "versions would show as mismatches; if any show, verify it again with assess {made}"),
    "report.bad_targets": ("内嵌的«target»对 {questionnaire} 无效：{error}",
                           "the embedded «target»s are not valid for {questionnaire}: {error}"),
    "report.sheet_missing": ("工作表“{sheet}”不见了", "sheet '{sheet}' is missing"),
    "report.mismatch": ("{what}：报告显示 {shown}，重新计算为 {expected}",
                        "{what}: the report shows {shown}, recomputed {expected}"),
    "report.label": ("标签", "label"),
    "report.empty_cell": ("（空）", "(empty)"),
    "report.unexpected": ("多出的内容 {shown}：报告在这里本应为空",
                          "unexpected content {shown}: the report has nothing here"),
    "report.more_mismatches": ("……另有 {count} 处不一致", "… and {count} more mismatch(es)"),
    "report.remake.fix": ("请用其«answer»重新生成报告", "make the report again from its «answer»s"),
    "report.charts_gone": ("工作表 {sheet} 的图表不见了（某个编辑软件在保存时丢弃了它们）；"
                           "图表所示的数字已在单元格中核对",
                           "the charts of sheet {sheet} are gone (an editor dropped them on saving); the figures they "
                           "showed are checked in the cells"),
    "report.chart_elsewhere": ("有一个图表以 {categories} 为类别绘制 {values}，不是报告表格中的区域",
                               "a chart plots {values} against {categories}, not a range of the report's table"),
    "report.chart_gone": ("已没有图表绘制 {values}", "no chart plots {values} any more"),
    "report.chart_copy": ("图表中 {cell} 显示为 {shown}，而报告中为 {expected}",
                          "a chart shows {shown} for {cell}, where the report has {expected}"),
    "report.questionnaire_missing": ("该报告用«questionnaire» {needed} 计分，但这里无法加载它（{why}）",
                                     "the report was scored with «questionnaire» {needed}, which cannot be loaded "
                                     "here ({why})"),
    "report.questionnaire.fix": ("请用 --questionnaire PATH 提供 {wanted} 的 YAML 文件",
                                 "pass the YAML file of {wanted} with --questionnaire PATH"),
    "report.questionnaire_other": ("该报告用«questionnaire» {needed} 计分，不是 {given}",
                                   "the report was scored with «questionnaire» {needed}, not {given}"),
    "report.questionnaire_exact.fix": ("请用 --questionnaire PATH 提供内容完全一致的 {wanted} 的 YAML 文件",
                                       "pass the YAML file of {wanted} with that exact content with "
                                       "--questionnaire PATH"),
    "report.newer.fix": ("请使用较新版本的 assess", "use a newer version of assess"),
    # the embedded data sheet
    "report.data.fix": ("内嵌数据被改动或截断：请用其«answer»重新生成报告",
                        "the embedded data was edited or cut: make the report again from its «answer»s"),
    "report.data.none": ("这不是 assess 生成的报告：没有内嵌数据", "this is not an assess report: no embedded data"),
    "report.data.format": ("不支持内嵌数据格式 {format}（本版本读取 {supported}）",
                           "embedded data format {format} is not supported (this version reads {supported})"),
    "report.data.count": ("分块数 {count} 不是正整数", "chunk count {count} is not a positive whole number"),
    "report.data.chunk_missing": ("第 {chunk} 块（共 {count} 块）缺失", "chunk {chunk} of {count} is missing"),
    "report.data.not_text": ("内嵌数据中有一块不是文字", "a chunk of the embedded data is not text"),
    "report.data.after_last": ("最后一块之后还有多出的内容", "unexpected content after the last chunk"),
    "report.data.json": ("内嵌数据不是有效的 JSON（{error}）：它被改动或截断过",
                         "the embedded data is not valid JSON ({error}): it was edited or cut"),
    "report.data.digest": ("内嵌数据与其摘要不符（记录为 {stored}…，实际为 {actual}…）：它被改动过",
                           "the embedded data does not match its digest (stored {stored}…, actual {actual}…): it was "
                           "edited"),
    "report.data.kind": ("内嵌数据不是 assess 报告的数据", "the embedded data is not an assess report payload"),
    "report.data.incomplete": ("内嵌数据不完整：{error}", "the embedded data is incomplete: {error}"),
    # what a reader sees (assess.excel.verify_visible)
    "report.shown.fix": ("请恢复报告写出时的样子（取消隐藏、恢复格式），或用其«answer»重新生成报告",
                         "restore the report as it was written (unhide, restore the formatting), or make it again "
                         "from its «answer»s"),
    "report.sheet_hidden": ("工作表“{sheet}”被隐藏了：读者看不到它", "sheet '{sheet}' is hidden: a reader does not see it"),
    "report.sheet_extra": ("工作表“{sheet}”不是报告的一部分：读者会把它当作报告的内容，但其中没有任何内容经过核对",
                           "sheet '{sheet}' is not part of the report: a reader takes it for the report's, and "
                           "nothing on it is checked"),
    "report.number_format": ("{what}：数字格式为 {shown}，显示的不是单元格中的数字（报告用的是 {expected}）",
                             "{what}: number format {shown} does not show the figure the cell holds (the report uses "
                             "{expected})"),
    "report.font_tiny": ("{what}：字号只有 {size} 磅，读者看不清", "{what}: a font of {size} pt, too small to read"),
    "report.font_unseen": ("{what}：文字颜色 {ink} 与背景 {paper} 几乎相同，读者看不见",
                           "{what}: text in {ink} on {paper}, nearly the same colour: a reader does not see it"),
    "report.merged_over": ("{what}：被合并进单元格区域 {area}，只显示其左上角单元格，读者看不到它",
                           "{what}: merged into {area}, which shows only its top-left cell: a reader does not see it"),
    "report.unmerged": ("{what}：报告把单元格区域 {area} 合并后分行显示，现已被取消合并，只剩第一列，读者只能看到一部分",
                        "{what}: the report merged {area} to wrap it there; the merge was undone and, in its first "
                        "column alone, a reader sees only part of it"),
    "report.row_hidden": ("第 {row} 行被隐藏", "row {row} is hidden"),
    "report.row_low": ("第 {row} 行只有 {height} 磅高（报告设为约 {expected} 磅）",
                       "row {row} is {height} pt high (the report made it about {expected} pt)"),
    "report.col_hidden": ("{column} 列被隐藏", "column {column} is hidden"),
    "report.col_narrow": ("{column} 列只有 {width} 宽（报告设为 {expected}）",
                          "column {column} is {width} wide (the report made it {expected})"),
    "report.cells_unseen": ("{why}：其中 {n} 个有内容的单元格（如 {first}）读者看不到或看不全",
                            "{why}: {n} cell(s) with content (e.g. {first}) cannot be seen, or not whole"),
    "report.zeros_hidden": ("该工作表设置为不显示零值：{n} 个值为 0 的单元格显示为空白（从这里开始）",
                            "the sheet is set not to show zero values: {n} cell(s) holding 0 show blank (the first here)"),
    "report.conditional_hides": ("{what}：条件格式（{area}）生效时会改变其显示的数字或使其看不见",
                                 "{what}: a conditional format on {area} changes the figure shown or hides it when it "
                                 "applies"),
    "report.chart_format": ("图表用数字格式 {shown} 显示其数字，显示的不是它所绘制的数字",
                            "a chart shows its figures with number format {shown}, which does not print the figures "
                            "it plots"),
    "report.drawing_over": ("{what}：被一个图表盖住了（图表位于 {area}），读者看不到它",
                            "{what}: a chart lies over it ({area}): a reader does not see it"),
    "report.drawing_extra": ("报告里没有的图形或图片（位于 {area}）：它可能遮住或冒充报告的内容",
                             "a shape or picture the report does not have ({area}): it may cover or pose as the "
                             "report's content"),
    "report.too_many_areas": ("该工作表有 {n} 个合并区域和条件格式，远多于报告所写的：无法逐一核对它们是否遮住了内容",
                              "the sheet has {n} merged ranges and conditional formats, far more than the report "
                              "writes: whether they hide anything cannot be checked one by one"),
    "report.styles_unreadable": ("该工作簿的样式部分缺失或已损坏：无法核对单元格显示的样子",
                                 "the workbook's styles are missing or damaged: what its cells show cannot be checked"),
    # tied to its source (assess.excel.verify_source)
    "report.source_sha_same": ("源文件的 SHA-256 与报告记录的一致：正是生成报告所用的那个文件",
                               "the source file's SHA-256 is the one the report recorded: it is the very file the "
                               "report was made from"),
    "report.source_sha_other": ("源文件的 SHA-256（{actual}…）与报告记录的（{recorded}…）不同：它不是生成报告所用的那个文件"
                                "，或已被重新保存过",
                                "the source file's SHA-256 ({actual}…) is not the one the report recorded "
                                "({recorded}…): it is not the very file the report was made from, or it was saved again"),
    "report.source_sha_none": ("报告没有记录其源文件的 SHA-256", "the report records no SHA-256 of its source file"),
    "report.quality_private": ("此单元格的内容（«note»、«evidence»或人名）在对外版本中不显示；请在内部版本中查看并改正",
                               "what this cell holds (a «note», «evidence» or a name) is left out of the external "
                               "version: see and correct it in the internal one"),
    "report.source_same": ("{source} 中的«answer»与报告内嵌的完全一致（{n} 道«question»{redacted}）",
                           "the «answer»s in {source} are exactly those embedded in the report ({n} «question»s"
                           "{redacted})"),
    "report.source_redacted": ("；报告已脱敏，备注、证据和人名按脱敏后的内容比较",
                               "; the report is redacted: notes, evidence and names are compared as redacted"),
    "report.source_at": ("{question} 的{what}", "{question}'s {what}"),
    "report.source_differs": ("{what}：报告内嵌的是 {embedded}，源文件中是 {source}",
                              "{what}: the report holds {embedded}, the source file {source}"),
    "report.source_other_company": ("源文件是另一家«company»的（{source}），报告是 {report} 的",
                                    "the source file is another «company»'s ({source}); the report is {report}'s"),
    "report.source_more": ("……另有 {count} 处不同", "… and {count} more difference(s)"),
    "report.source.fix": ("该报告不是由这份文件生成的：请用这份文件重新生成报告，或找出生成报告所用的那份文件",
                          "the report was not made from this file: make the report again from it, or find the file "
                          "it was made from"),
    "report.source_unread": ("报告的内嵌数据无法读取，因此无法与源文件比较",
                             "the report's embedded data cannot be read, so it cannot be compared with the source"),
    "report.source_field.answer": ("«answer»", "«answer»"),
    "report.source_field.value": ("«answer»", "«answer»"),
    "report.source_field.status": ("«status»", "«status»"),
    "report.source_field.evidence_state": ("«evidence_state»", "«evidence_state»"),
    "report.source_field.evidence": ("«evidence»", "«evidence»"),
    "report.source_field.note": ("«note»", "«note»"),
    "report.source_field.by": ("作答人", "answered by"),
    "report.source_field.at": ("作答时间", "answered at"),
    "report.source_field.rejected": ("填写了但未采用的内容", "text typed but not used"),
    "report.source_field.card": ("«card»", "«card»"),
    "report.source_field.other": ("«answer_file»中的这一项", "this entry of the «answer_file»"),
})
