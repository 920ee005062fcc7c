"""The gap report's own words, in Chinese and English: sheet names, headings, column titles,
statuses and the methodology text.

Questionnaire text (titles, prompts, pillar and level names, options) comes from the
questionnaire through `assess.model.localize`; this table holds only the report's words.
`t(key, locale, **values)` looks a label up; a missing key is a bug, so it raises.
"""

from __future__ import annotations

from assess.text.glossary import pair, table

LOCALES = ("zh", "en")

SHEETS: dict[str, tuple[str, str]] = {
    "summary": ("摘要", "Summary"),
    "pillars": ("支柱", "Pillars"),
    "roadmap": ("路线图", "Roadmap"),
    "answers": ("答案", "Answers"),
    "methodology": ("方法说明", "Methodology"),
    "provenance": ("来源", "Provenance"),
    "quality": ("数据质量", "Data quality"),
    "evidence": ("证据文件", "Evidence files"),
    "review": ("审核记录", "Review record"),
    "data": ("嵌入数据", "Embedded data"),
    "signature": ("签名", "Signature"),
}
"""Sheet names (at most 31 characters, none of []:*?/\\)."""

LABELS: dict[str, tuple[str, str]] = table({
    # print header and footer
    "page": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "footer": ("assess {version} 生成于 {at}", "Made by assess {version} at {at}"),
    # data quality: what reading the answer sheet found, shown to the firm itself
    "summary.not_used": ("未采用的答案", "Answers not used"),
    "summary.not_used_n": ("{n} 个已填答案无法采用，计分题按未作答计 0 分；见工作表“{sheet}”",
                           "{n} answers given could not be used; scored ones count as unanswered (0); see sheet "
                           "'{sheet}'"),
    "summary.not_used_n_out": ("{n} 个已填答案无法采用，计分题按未作答不计入所在支柱；见工作表“{sheet}”",
                               "{n} answers given could not be used; scored ones, as unanswered, are left out of their "
                               "pillars; see sheet '{sheet}'"),
    "summary.problems_n": ("读取«answer_sheet»时发现 {errors} 个错误、{warnings} 个警告；见工作表“{sheet}”",
                           "Reading the «answer_sheet» found {errors} errors and {warnings} warnings; see sheet "
                           "'{sheet}'"),
    "invalid_typed": ("答案无效：{typed}", "invalid: {typed}"),
    "quality.title": ("数据质量：读取«answer_sheet»时发现的问题", "Data quality: what reading the «answer_sheet» found"),
    "quality.intro": ("下列答案已填写但无法采用，本报告按未作答处理。请按“«fix»”修改«answer_sheet»后重新提交，即可计入。",
                      "The answers below were given but could not be used; this report treats them as unanswered. "
                      "Correct the «answer_sheet» as the 'How to fix' column says and send it again to have them "
                      "counted."),
    "quality.not_used": ("未采用的答案（{n} 个）", "Answers not used ({n})"),
    "quality.problems": ("全部问题（{n} 个）", "Every problem ({n})"),
    "quality.none": ("无", "None"),
    "col.severity": ("级别", "Severity"),
    "col.where": ("单元格", "Cell"),
    "col.typed": ("所填内容", "What was typed"),
    "col.problem": ("问题", "Problem"),
    "col.fix": ("«fix»", "«Fix»"),
    # the return slip sent back to the client: plain text
    "slip.title": ("«answer_sheet»退回修改单：{company}", "«Answer_sheet» to correct: {company}"),
    "slip.file": ("文件：{file}", "File: {file}"),
    "slip.file_plant": ("{file}，第 {n} 家工厂", "{file}, plant {n}"),  # its sheets' names: in each problem's cell
    "slip.intro_refused": ("您发来的文件未能评分，原因如下。请按说明处理后重新发送。",
                           "The file you sent could not be scored, for the reason below. Please do as it says and "
                           "send it again."),
    "slip.intro_not_scored": ("您发来的«answer_sheet»未能评分：其中没有一个可用的«answer»。请按以下各项修改，保存后重新发送。",
                              "The «answer_sheet» you sent could not be scored: it holds no usable «answer». Please "
                              "do as the items below say, save the file and send it again."),
    "slip.intro_plant": ("这家工厂的«answer_sheet»未能评分，原因如下。请按说明处理后重新发送。",
                         "This plant's «answer_sheet» could not be scored, for the reason below. Please do as it "
                         "says and send it again."),
    "slip.intro": ("我们在读取您的«answer_sheet»时发现以下问题。请逐条修改对应单元格，保存后重新发送。"
                   "标为“错误”的答案目前无法计入得分。",
                   "Reading your «answer_sheet» we found the problems below. Please correct each cell, save the "
                   "file and send it again. Answers marked 'error' cannot be scored until they are corrected."),
    "slip.item": ("第 {n} 项【{severity}】{where}", "{n}. [{severity}] {where}"),
    "slip.typed": ("   所填内容：{typed}", "   What was typed: {typed}"),
    "slip.problem": ("   问题：{text}", "   Problem: {text}"),
    "slip.fix": ("   «fix»：{text}", "   «Fix»: {text}"),
    "slip.suffix": ("退回修改单", "to-correct"),
    # summary
    "summary.title": ("差距报告：{title}", "Gap report: {title}"),
    "summary.company": ("企业", "Company"),
    "summary.sector": ("行业 / 地区", "Sector / region"),
    "summary.date": ("报告时间", "Report made"),
    "summary.questionnaire": ("问卷及版本", "Questionnaire and version"),
    "summary.overall": ("«overall»«claimed_score»（0–5）", "«Overall» «claimed_score» (0–5)"),
    "summary.evidenced": ("«evidenced_score»", "«Evidenced_score»"),
    "summary.audited": ("«audited_score»", "«Audited_score»"),
    "summary.level": ("成熟度等级", "Maturity level"),
    "summary.completion": ("完成度", "Completion"),
    "summary.answered": ("已作答 {responded} / 适用 {applicable} 题",
                         "{responded} of {applicable} applicable questions answered"),
    "summary.below_target": ("低于目标的支柱", "Pillars below target"),
    "summary.below_target_n": ("{n} / {total}", "{n} of {total}"),
    "summary.gates_n": ("«gates_failed»", "«Gates_failed»"),
    "summary.pillars": ("各支柱得分与目标", "Pillar scores against targets"),
    "summary.gates": ("«gates_failed»（法律法规或安全要求）", "«Gates_failed» (law, regulation or safety)"),
    "summary.no_gates": ("无：所有适用的«gate»均已通过", "None: every applicable «gate» passes"),
    "summary.gates_tally": ("{passed} 项«gate.passed» · {failed} 项«gate.failed» · {unconfirmed} 项«gate.unconfirmed»",
                            "{passed} «gate.passed» · {failed} «gate.failed» · {unconfirmed} «gate.unconfirmed»"),
    "summary.compliance_first": (
        "«compliance_first»：有«gate»未通过，总体等级最高只能评为 {level}；整改通过后恢复",
        "«Compliance_first»: a «gate» fails, so the overall level is held at {level} at most until it passes"),
    "summary.gates_open": ("未通过或«gate.unconfirmed»的«gate»（法律法规或安全要求；«gate.unconfirmed»的补上文件后才计入专项）",
                           "«Gates» failed or «gate.unconfirmed» (law, regulation or safety; an «gate.unconfirmed» "
                           "one counts for programmes once documented)"),
    "reason.unconfirmed": ("«gate.unconfirmed»：仅自述", "«gate.unconfirmed»: declared only"),
    "waits_on": ("按适用计，因«profile»题目未答或答案未采用：{ids}",
                 "treated as applying: «profile» not answered, or its answer not used: {ids}"),
    "summary.programmes": ("专项准备度", "Programme readiness"),
    "summary.no_programmes": ("本问卷未定义专项", "This questionnaire defines no programme"),
    "summary.radar": ("得分与目标", "Score and target"),
    "summary.bar": ("各支柱差距（目标 - 得分）", "Gap per pillar (target - score)"),
    "summary.unmet": ("未满足：\n", "Not met:\n"),
    "summary.all_met": ("全部条件已满足", "Every criterion met"),
    "summary.cards_unmet": ("满足全部«card»条件的{item}有 {n} 个，至少需要 {needed} 个（见工作表“{sheet}”）",
                            "{n} «card»(s) meet every «card» «criterion», {needed} needed (one «card» per {item}; sheet '{sheet}')"),
    "summary.first": ("优先行动", "Actions to take first"),
    "summary.no_actions": ("无：每道适用题目都已达到最高一档", "None: every applicable question is at the top of its scale"),
    "summary.rest": ("«gate»明细与专项准备度见下页；完整«roadmap»见工作表“{sheet}”",
                     "«Gates» and programme readiness follow on the next page; the full «roadmap» is on sheet '{sheet}'"),
    "col.first_where": ("支柱 · 题号", "Pillar · question"),
    "action.reach": ("落实题目所述要求，使答案达到“{to}”，并留存证明文件",
                     "Put in place what the question describes so that the answer becomes “{to}”, and keep the "
                     "documents that show it"),
    "action.profile": ("先补答«profile»题目 {id}“{question}”：{n} 道题目是否适用取决于它，补答前一律按适用计 0 分",
                       "First answer «profile» question {id} (“{question}”): whether {n} question(s) apply depends on "
                       "it, and until it is answered they count as applying and score 0"),
    # the one-page summary beside the workbook (HTML)
    "html.suffix": ("摘要", "summary"),
    "html.title": ("管理层摘要：{company}", "Management summary: {company}"),
    "html.of5": ("（满分 5）", "out of 5"),
    "html.more": ("另有 {n} 项，见差距报告 {file} 的“摘要”表", "{n} more: see the Summary sheet of the gap report {file}"),
    "html.hash": ("报告哈希（嵌入数据摘要）", "Report hash (embedded data digest)"),
    "html.verify": ("由 assess {version} 生成；核对对应的 Excel 差距报告：assess verify {file}",
                    "Made by assess {version}; to check the Excel gap report it summarises: assess verify {file}"),
    # card sheets
    "cards.none": ("未填写«card»", "No «card»s entered"),
    "cards.not_asked": ("按«profile»不涉及：这些«card»不计入«programmes»",
                        "Not asked for this «profile»: these «card»s count for no «programme»"),
    "cards.rule": ("{programme}：至少 {n} 张«card»满足下列全部«criterion»",
                   "{programme}: at least {n} «card»(s) meeting every «criterion» below"),
    "cards.meeting": ("满足全部«criterion»的«card»", "«Card»s meeting every «criterion»"),
    "cards.needed": ("至少需要 {n} 张：{verdict}", "{n} needed: {verdict}"),
    "cards.met": ("已满足", "met"),
    "cards.unmet": ("未满足", "not met"),
    "cards.needs_evidence": ("（仅«evidence.declared»，不计入）", " («evidence.declared» only: not counted)"),
    "col.all_met": ("全部满足", "All met"),
    # column titles
    "col.id": ("编号", "ID"),
    "col.pillar": ("支柱", "Pillar"),
    "col.weight": ("权重", "Weight"),
    "col.applicable": ("适用", "Applies"),
    "col.score": ("得分", "Score"),
    "col.claimed": ("«claimed_score»", "«Claimed»"),
    "col.evidenced": ("«evidenced_score»", "«Evidenced»"),
    "col.uncapped": ("未封顶得分", "Before cap"),
    "col.audited": ("«audited_score»", "«Audited»"),
    "col.decision": ("«decision»", "«Decision»"),
    "col.corrected": ("调整后的答案", "Corrected answer"),
    "col.reviewer": ("«reviewer»", "«Reviewer»"),
    "col.review_date": ("审核日期", "Review date"),
    "col.recorded_at": ("记录时间", "Recorded"),
    "col.comment": ("审核意见", "Comment"),
    "decision.accepted": pair("decision.accepted"),
    "decision.insufficient": pair("decision.insufficient"),
    "decision.rejected": pair("decision.rejected"),
    "review.title": ("«review»记录：每项«decision»", "«Review» record: every «decision»"),
    "review.tally": ("共 {n} 项«decision»：{accepted} 项«decision.accepted» · {insufficient} 项«decision.insufficient» · "
                     "{rejected} 项«decision.rejected»；其余«answer»未审核，按«evidenced_score»计入«audited_score»",
                     "{n} «decision»s: {accepted} «decision.accepted» · {insufficient} «decision.insufficient» · "
                     "{rejected} «decision.rejected»; the other «answer»s are not reviewed and count in the "
                     "«audited_score» as evidenced"),
    "col.level": ("等级", "Level"),
    "col.level_name": ("等级名称", "Level name"),
    "col.target": ("目标", "Target"),
    "col.target_source": ("目标来源", "Target set by"),
    "col.gap": ("差距", "Gap"),
    "col.completion": ("完成度", "Completion"),
    "col.responded": ("已作答", "Answered"),
    "col.applicable_questions": ("适用题数", "Applicable"),
    "col.gates_failed": ("«gates_failed»", "«Gates_failed»"),
    "col.question": ("«question»", "«Question»"),
    "col.question_id": ("题号", "Question ID"),
    "col.reason": ("原因", "Reason"),
    "col.basis": ("依据", "Basis"),
    "col.programme": ("专项", "Programme"),
    "col.ready": ("是否具备", "Ready"),
    "col.criteria": ("说明", "Criteria"),
    "col.rank": ("序号", "Rank"),
    "col.phase": ("阶段", "Phase"),
    "col.current_needed": ("当前 → 需达到", "Current → needed"),
    "col.current_score": ("当前得分", "Score now"),
    "col.needed_score": ("达到后得分", "Score after"),
    "col.steps": ("步数", "Steps"),
    "col.gain": ("增益", "Gain"),
    "col.step": ("建议措施", "Recommended step"),
    "col.citations": ("政策依据", "Citations"),
    "col.section": ("部分", "Section"),
    "col.status": ("状态", "Status"),
    "col.answer": ("答案", "Answer"),
    "col.evidence_state": ("证据状态", "Evidence state"),
    "col.evidence": ("证据", "Evidence"),
    "col.note": ("备注", "Note"),
    "col.by": ("填写人", "Answered by"),
    "col.at": ("填写时间", "When"),
    "col.threshold": ("所需得分", "Score needed"),
    "col.factor": ("系数", "Factor"),
    "col.item": ("项目", "Item"),
    "col.value": ("值", "Value"),
    "removed": ("（已删除）", " (removed)"),
    # values
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "none": ("无", "None"),
    "overall": ("总体", "Overall"),
    "profile": ("«profile»", "«Profile»"),
    "more": ("…（另有 {n} 字，见嵌入数据）", "… ({n} more characters in the embedded data)"),
    "status.answered": pair("status.answered"),
    "status.na": pair("status.na"),
    "status.dont_know": pair("status.dont_know"),
    "status.unanswered": ("未作答", "unanswered"),
    "status.invalid": ("答案无效（按未作答计）", "invalid (counted as unanswered)"),
    "status.hidden": ("«status.hidden»", "«status.hidden»"),
    "reason.not_met": ("未达到", "not met"),
    "reason.dont_know": ("答“不清楚”", "answered don't know"),
    "reason.unanswered": ("未作答", "unanswered"),
    "phase.now": ("«phase.now»：修复«gate»", "«Phase.now»: fix a «gate»"),
    "phase.next": ("下一步：达到目标", "Next: reach the target"),
    "phase.later": ("之后：超越目标", "Later: beyond the target"),
    "source.default": ("问卷默认", "questionnaire default"),
    "source.answers": ("答案文件", "answer file"),
    "source.override": ("报告命令", "report command"),
    "state.unnamed": ("（标为“«evidence.documented»”但未写明文件）", " (marked “«evidence.documented»” without naming the document)"),
    "state.self_verified": ("（填写人自标“«evidence.verified»”，只有审核人能核实）",
                            " (marked “«evidence.verified»” by the respondent; only a reviewer verifies)"),
    "state.declared": pair("evidence.declared"),
    "state.documented": pair("evidence.documented"),
    "state.verified": pair("evidence.verified"),
    "level": ("{level} 级", "level {level}"),
    "dont_know.zero": ("计 0 分并计入分母", "scores 0 and counts"),
    "dont_know.exclude": ("不计入分母", "leaves the denominator"),
    # provenance
    "prov.title": ("来源与完整性", "Provenance and integrity"),
    "prov.questionnaire_id": ("问卷编号", "Questionnaire id"),
    "prov.questionnaire_version": ("问卷版本", "Questionnaire version"),
    "prov.questionnaire_hash": ("问卷内容哈希（SHA-256）", "Questionnaire content hash (SHA-256)"),
    "prov.hash_scheme": ("哈希方案", "Hash scheme"),
    "prov.tool": ("工具版本", "Tool version"),
    "prov.generated_at": ("生成时间（UTC）", "Generated at (UTC)"),
    "prov.input_sha256": ("输入文件 SHA-256", "SHA-256 of the input file"),
    "prov.answers_digest": ("规范化答案摘要", "Digest of the canonical answers"),
    "prov.data_digest": ("嵌入数据摘要", "Digest of the embedded data"),
    "prov.redacted": ("对外版本（已删除备注、证据和姓名）", "External version (notes, evidence, names removed)"),
    "prov.language": ("语言", "Language"),
    "prov.targets": ("目标覆盖", "Target overrides"),
    "prov.verify": ("核验命令", "To verify"),
    "prov.unknown": ("未知", "unknown"),
    # methodology
    "meth.title": ("方法说明", "Methodology"),
    "meth.levels": ("成熟度等级及所需得分", "Maturity levels and the score each needs"),
    "meth.discounts": ("证据系数（«evidenced_score» = «score» × 系数）", "Evidence factors («evidenced_score» = «score» × factor)"),
    "meth.policy": ("评分规则", "Scoring policy"),
    "meth.gate_level_cap": ("有«gate»未通过时总体等级的上限（«compliance_first»）", "Highest overall level while a «gate» fails («compliance_first»)"),
    "meth.gate_cap": ("«gate»未通过时«pillar»得分上限", "Highest «pillar» «score» while a «gate» fails"),
    "meth.dont_know": ("“不清楚”的处理", "\"Don't know\""),
    "meth.pillars": ("支柱权重与目标", "Pillar weights and targets"),
    "meth.verify_title": ("核验能证明什么", "What verify proves"),
    # how each score comes about, for a reader to redo by hand
    "col.points": ("选项分值", "Option points"),
    "col.how_scored": ("得分怎么来", "How the score comes"),
    "col.weighted": ("权重 × 得分", "Weight × score"),
    "col.weighted_evidenced": ("权重 × 得分 × 系数", "Weight × score × factor"),
    "basis.single": ("所选“{option}”= {points} 分", "chosen “{option}” = {points}"),
    "basis.share": ("所选 {parts} = {got} 分，全部选项共 {total} 分：5 × {got} ÷ {total} = {score}",
                    "chosen {parts} = {got} of all {total} points: 5 × {got} ÷ {total} = {score}"),
    "basis.best": ("取所选 {n} 项中的最高分值：“{option}”= {score} 分", "the best of the {n} chosen counts: “{option}” = {score}"),
    "basis.nothing": ("未选任何选项 = 0 分", "nothing chosen = 0"),
    "basis.level": ("所选等级 {level} = {score} 分", "level {level} chosen = {score}"),
    "basis.yes": ("答“是”= 5 分", "yes = 5"),
    "basis.no": ("答“否”= 0 分", "no = 0"),
    "basis.percent": ("{value}% ÷ 20 = {score} 分", "{value}% ÷ 20 = {score}"),
    "basis.band": ("{value} 达到起点为 {start} 的区间 → {score} 分", "{value} reaches the band from {start} → {score}"),
    "basis.below": ("{value} 低于最低区间起点 {start} → 0 分", "{value} is below the first band (from {start}) → 0"),
    # the evidence files hashed when the report was made
    "evidence.title": ("«evidence»文件：生成报告时在文件夹“{folder}”中计算的 SHA-256",
                       "«Evidence» files: SHA-256 computed in folder '{folder}' when the report was made"),
    "evidence.intro": ("每条指向文件的«evidence»引用都在该文件夹中查找，并记录文件大小和 SHA-256。日后要确认这些文件未被改动，"
                       "请在同一文件夹上运行下面的命令：",
                       "Each «evidence» reference that names a file was looked up in that folder, and the file's "
                       "size and SHA-256 recorded. To confirm later that the files have not changed, run this on "
                       "the same folder:"),
    "evidence.counts": ("已找到 {found} 个，未找到 {missing} 个，«refused» {refused} 个",
                        "{found} found, {missing} not found, {refused} «refused»"),
    "evidence.none": ("«answer»中没有指向文件的«evidence»引用", "No «evidence» reference of the «answer»s names a file"),
    "evidence.none_redacted": ("对外版本已删除«evidence»引用，没有文件可列",
                               "This external version leaves «evidence» references out: no file to list"),
    "evidence.found": ("已找到", "found"),
    "evidence.not_found": ("文件夹中未找到", "not in the folder"),
    "evidence.refused": ("«refused»：{why}", "«refused»: {why}"),
    "col.reference": ("«evidence»引用", "Reference"),
    "col.file": ("文件", "File"),
    "col.size": ("大小（字节）", "Size (bytes)"),
    "col.sha256": ("SHA-256 哈希", "SHA-256"),
    "col.result": ("结果", "Result"),
    "meth.example": ("算例：用计算器重算«pillar»“{pillar}”", "Worked example: recompute «pillar» {pillar} with a calculator"),
    "meth.example_intro": ("下表是本报告中该«pillar»计入分母的每道«question»：«score»和«weight»与“答案”表相同，系数按证据状态取自上方"
                           "“证据系数”表。逐行相乘，分别求和，再除以«weight»合计，即得“支柱”表中的«score»。",
                           "The table lists every «question» of this «pillar» that counts in its denominator in this "
                           "report: «score» and «weight» as on the Answers sheet, the factor of its evidence state from "
                           "the evidence factors table above. Multiply along each row, add up each column, divide by "
                           "the sum of the «weight»s: the result is the «score» on the Pillars sheet."),
    "meth.example_sum": ("合计", "Sum"),
    "meth.example_mean": ("÷ «weight»合计 = 封顶前得分（«claimed_score»、«evidenced_score»）",
                          "÷ sum of «weight»s = score before any cap («claimed», «evidenced»)"),
    "meth.example_cap": ("{gates} «gate.failed»：«pillar»«score»最高 {cap}，取较小者 = “支柱”表中的«score»",
                         "{gates} «gate.failed»: the «pillar» scores at most {cap}; the smaller = the «score» on the "
                         "Pillars sheet"),
    "meth.example_no_cap": ("本«pillar»没有«gate.failed»的«gate»，不封顶 = “支柱”表中的«score»",
                            "No «gate» of this «pillar» failed: no cap = the «score» on the Pillars sheet"),
    "meth.example_separate": ("«gate»不计入«pillar»«score»，也不封顶 = “支柱”表中的«score»",
                              "«Gates» stay out of «pillar» «score»s and never cap them = the «score» on the Pillars "
                              "sheet"),
    "meth.example_none": ("本报告还没有计入分母的«question»，无可重算。",
                          "No «question» counts in any «pillar» yet: there is nothing to recompute."),
})

METHODOLOGY: dict[str, tuple[str, str]] = table({
    "question": (
        "题目得分（0-5）：成熟度题取所选等级；是/否题“是”得 5 分、“否”得 0 分；百分比题取数值 ÷ 20（设了区间的按区间取分，"
        "区间可在高端回落，例如满负荷运行的算力）；单选题取所选选项的分值；多选题按问卷设定，取 5 × 所选分值之和 ÷ 全部分值"
        "之和，或取所选选项中的最高分值（选到一个合适选项即可）；数值题按区间取分（无区间则只记录不计分）；文本题和只作记录"
        "的题目不计分。",
        "Question score (0-5): a maturity question scores its level; yes scores 5 and no 0; a percentage "
        "scores value / 20, or by its bands where it has them (a band may score less at the top, e.g. compute "
        "run flat out); a single choice scores its option's points; a multiple choice scores, as the "
        "questionnaire sets, 5 x the points chosen / all points, or the points of the best option chosen (one "
        "suitable option is enough); a number scores its band (without bands it is recorded, not scored); "
        "text and questions kept for the record are never scored.",
    ),
    "applicability": (
        "适用性：«profile»决定某些题目是否适用；不涉及的题目（“答案”表中标为“«status.hidden»”）不计分。答“不适用”的题目不计入分母；"
        "“不清楚”{dont_know}；未作答或答案无效的题目不计入分母，但降低完成度。",
        "Applicability: profile answers decide whether some questions apply; a question that does not apply "
        "(marked hidden on the Answers sheet) is not scored. An N/A answer leaves the denominator; "
        "\"don't know\" {dont_know}; an unanswered or invalid question leaves the denominator but lowers "
        "completion.",
    ),
    "applicability.zero": (
        "适用性：«profile»决定某些题目、«gate»乃至整个«pillar»是否适用；不涉及的题目（“答案”表中标为“«status.hidden»”）不计分，"
        "不涉及的«pillar»标为“«status.na»”，不计入总体得分和专项。答“不适用”的题目不计入分母；“不清楚”{dont_know}；"
        "未作答或答案无效的题目按 0 分计入分母——留空绝不会比如实作答得分更高。决定是否适用的«profile»题目未答时，相关题目、"
        "«gate»和«pillar»按适用处理，题目先按 0 分计，直到补答。",
        "Applicability: profile answers decide whether some questions, «gates» and whole «pillars» apply; a "
        "question that does not apply (marked hidden on the Answers sheet) is not scored, and a «pillar» that "
        "does not apply is marked not applicable and leaves the overall score and the programmes. An N/A "
        "answer leaves the denominator; \"don't know\" {dont_know}; an unanswered or invalid question scores 0 "
        "and counts, so leaving an answer blank never scores better than an honest answer. While a profile "
        "answer that decides applicability is blank, the questions, «gates» and «pillars» it decides apply, "
        "and those questions count 0 until it is given.",
    ),
    "pillar": (
        "支柱得分 = 计分题目得分的加权平均（权重 × 得分之和 ÷ 权重之和，题目权重见“答案”表）。"
        "支柱内任一必备项未通过（未达到、答“不清楚”或未作答）时，支柱得分最高为 {gate_cap}。",
        "Pillar score = the weighted mean of its counted questions (sum of weight x score / sum of weights; "
        "question weights are on the Answers sheet). While any of its «gates» fails (not met, don't know "
        "or unanswered) a pillar scores at most {gate_cap}.",
    ),
    "pillar.separate": (
        "支柱得分 = 计分题目得分的加权平均（权重 × 得分之和 ÷ 权重之和，题目权重见“答案”表）。«gate»体现合规，与能力分开："
        "«gate»不计入支柱得分；每项适用的«gate»为«gate.passed»、«gate.failed»（未达到、答“不清楚”或未作答）或«gate.unconfirmed»"
        "（答“是”但只有自述，没有文件）。",
        "Pillar score = the weighted mean of its counted questions (sum of weight x score / sum of weights; "
        "question weights are on the Answers sheet). «Gates» measure compliance and are kept apart from "
        "capability: they are not in any pillar score; each applicable «gate» is passed, failed (not met, "
        "don't know or unanswered) or unconfirmed (met on a declaration alone, with no document).",
    ),
    "overall.separate": (
        "总体得分 = 适用支柱得分按支柱权重的加权平均。只要有«gate»未通过，总体等级最高只能评为第 {gate_level_cap} 级，并标明"
        "“«compliance_first»”；得分本身不变，整改通过后等级随即恢复。",
        "Overall score = the weighted mean of the applicable pillars' scores by pillar weight. While any «gate» "
        "fails, the overall level is held at level {gate_level_cap} at most and marked \"«compliance_first»\"; "
        "the scores themselves are not changed, and the level returns once the «gate» passes.",
    ),
    "overall": (
        "总体得分 = 适用支柱得分按支柱权重的加权平均；至少有一道计分题适用且未答“不适用”的支柱为适用支柱。",
        "Overall score = the weighted mean of the applicable pillars' scores by pillar weight; a pillar "
        "applies while at least one of its scored questions applies and is not answered N/A.",
    ),
    "level": (
        "等级 = 得分达到的最高等级所需得分（见下表）。差距 = max(0, 目标 - 得分)。完成度 = 已作答（含不适用和不清楚）的"
        "适用计分题 ÷ 适用计分题。",
        "Level = the highest level whose threshold the score reaches (table below). Gap = max(0, target - "
        "score). Completion = applicable scored questions answered (N/A and don't know included) / "
        "applicable scored questions.",
    ),
    "evidenced": (
        "«claimed_score»与«evidenced_score»：«claimed_score»按答案计算；«evidenced_score»用同样的方法，但每题得分乘以其证据状态的系数（见下表）。",
        "Claimed and evidenced: claimed figures use the answers as given; evidenced figures are computed the "
        "same way with each question's score multiplied by its evidence state's factor (table below).",
    ),
    "evidenced.reviewer": (
        "«claimed_score»与«evidenced_score»：«claimed_score»按答案计算；«evidenced_score»用同样的方法，但每题得分乘以其证据状态的系数（见下表）。"
        "“«evidence.verified»”只由«reviewer»设定：填写人自己标的“«evidence.verified»”按“«evidence.documented»”计。",
        "Claimed and evidenced: claimed figures use the answers as given; evidenced figures are computed the "
        "same way with each question's score multiplied by its evidence state's factor (table below). Only a "
        "«reviewer» sets \"«evidence.verified»\": a respondent's own \"«evidence.verified»\" counts as "
        "\"«evidence.documented»\".",
    ),
    "audited": (
        "«audited_score»：«reviewer»对«answer»作出«decision»后得出，与«claimed_score»、«evidenced_score»并列。"
        "«decision.accepted»的«answer»按“«evidence.verified»”计（系数见下表），«reviewer»填写了调整后的答案时按调整后的答案计分；"
        "«decision.insufficient»的按“«evidence.declared»”计——«reviewer»看过证据，认为它只能证明一项自述；"
        "«decision.rejected»的计 0 分，被驳回的«gate»按未通过计（«gate»计入«pillar»时封顶）；未审核的«answer»按«evidenced_score»计。"
        "只有«review»能把«answer»计为“«evidence.verified»”。等级、差距和路线图仍按«claimed_score»计算。审核记录见工作表“审核记录”。",
        "Audited: figures made once a «reviewer» has decided on «answer»s, shown beside the claimed and "
        "evidenced ones. An «answer» «decision.accepted» counts as \"«evidence.verified»\" (factor in the table below), "
        "at the corrected answer where the «reviewer» gave one; one with «decision.insufficient» counts as "
        "\"«evidence.declared»\" (the «reviewer» saw the evidence and found it backs no more than a statement); "
        "one «decision.rejected» counts 0, and a rejected «gate» counts as failed (capping its «pillar» where "
        "gates count in pillars); an «answer» not reviewed counts as evidenced. Only a «review» makes an «answer» "
        "\"«evidence.verified»\". Levels, gaps and the roadmap still use the claimed figures. Every «decision» "
        "is listed on the Review record sheet.",
    ),
    "programmes": (
        "专项准备度：每项专项的全部条件都满足才算«ready»。题目条件只读取适用且有效的答案；支柱和总体条件按«claimed_score»"
        "比较。",
        "Programme readiness: a programme is ready when every criterion holds. A question criterion reads a valid "
        "answer to a question that applies; pillar and overall criteria compare the claimed score.",
    ),
    "programmes.evidenced": (
        "专项准备度：每项专项的全部条件都满足才算«ready»。支柱和总体条件按«evidenced_score»比较；题目条件只认至少“«evidence.documented»”"
        "的答案；不适用的«pillar»视为满足；每项专项都要求没有未通过或«gate.unconfirmed»的«gate»。带«card»规则的专项，"
        "还要有足够多的«card»（每个典型场景、智能体或数据集一张）逐张满足全部«card»条件，而不是看全企业的平均水平。",
        "Programme readiness: a programme is ready when every criterion holds. Pillar and overall criteria compare "
        "the evidenced score; a question criterion counts an answer only when it is at least documented; a "
        "«pillar» that does not apply meets its criterion; every programme needs no failed and no unconfirmed "
        "«gate». A programme with a «card» rule also needs enough «cards» (one per typical scenario, agent or "
        "dataset) that each meet every «card» criterion, never a firm-wide average.",
    ),
    "targets": (
        "目标：每个支柱的目标依次取自问卷默认值、答案文件中的目标、报告命令的 --target（后者优先）；来源见“支柱”表。",
        "Targets: each pillar's target is the questionnaire default, overridden by the answer file's "
        "targets, overridden by --target on the report command; the Pillars sheet names the source.",
    ),
    "roadmap": (
        "路线图：从自评情况出发（未作答、不清楚或无效的题目从最低分起算）。“立即”修复未通过的«gate»；“下一步”是使每个"
        "适用支柱达到目标所需的最少步骤；“之后”是超越目标直至满分的其余步骤。优先级 = 支柱权重 × 题目权重 × 下一步"
        "增加的得分，同阶段内按增益排序。",
        "Roadmap: planning starts from what is claimed (unanswered, don't know and invalid questions start at "
        "the bottom). Now fixes failed «gates»; Next is the fewest steps that bring every applicable "
        "pillar to its target; Later is every remaining step to the top. Priority = pillar weight x question "
        "weight x the score the next step gains; within a phase actions are ordered by gain.",
    ),
    "proves": (
        "assess verify 能证明：本文件内部一致——嵌入数据的摘要正确；按嵌入的答案和目标，用同一问卷版本（编号、版本及"
        "内容哈希一致）重新计分，得到的每个数字、等级和答案都与“摘要”“支柱”“路线图”“答案”“方法说明”“来源”各表"
        "及各«card»表所示一致，“摘要”中的图表也确实绘制这些单元格，图表随附的数值副本也与单元格相同；"
        "任何不一致都会列出表名和单元格。",
        "What assess verify proves: the file is internally consistent: the embedded data matches its digest, "
        "and re-scoring the embedded answers and targets with the same questionnaire release (same id, "
        "version and content hash) gives every figure, level and answer shown on the Summary, Pillars, "
        "Roadmap, Answers, Methodology and Provenance sheets and on any «card» sheet, and the Summary's "
        "charts plot those very cells and carry the same figures in their own copy; any difference is named "
        "by sheet and cell.",
    ),
    "not_proves": (
        "它本身不能证明：报告由谁制作、何时制作（摘要不是签名，任何人都可以重新生成一致的文件）；答案是否属实；证据是否"
        "存在（“证据文件”表所列文件除外：用 assess verify --evidence 文件夹 可核对其 SHA-256）。"
        "签名的报告（assess report --sign）写明«signer»，签名后的任何改动都会使核验失败；用 assess verify --trust "
        "加上«signer»的«public_key»文件核验，才能证明报告确实由其出具——名字谁都能写，只有密钥能证明。"
        "格式只核对会改变读者所见内容的部分（数字格式、隐藏的行列和工作表、与底色同色的文字），图表的外观不检查。",
        "What it does not prove by itself: who made the report or when (a digest is not a signature: anyone can "
        "produce a consistent file); whether the answers are true; whether the evidence exists (save the files "
        "listed on the Evidence files sheet: assess verify --evidence FOLDER checks their SHA-256). A signed report "
        "(assess report --sign) names its «signer», and any change after signing fails the check; assess verify "
        "--trust with the «signer»'s «public_key» file proves who issued it: anyone can type a name, only the key "
        "proves it. Of the formatting, only what changes what a reader sees is checked (number formats, hidden rows, "
        "columns and sheets, text the colour of its background); the look of the charts is not.",
    ),
    "redacted": (
        "本文件为对外版本：已删除备注、证据引用和填写人姓名；这些内容不影响得分，核验同样适用。",
        "This is the external version: notes, evidence references and respondents' names were removed; they "
        "do not affect any score, and verify works the same.",
    ),
})


def t(key: str, locale: str, **values: object) -> str:
    """The label `key` in `locale` (zh or en), with `values` filled in."""
    zh, en = LABELS[key]
    text = zh if locale == "zh" else en
    return text.format(**values) if values else text


def paragraph(key: str, locale: str, **values: object) -> str:
    """A paragraph of the methodology text in `locale`."""
    zh, en = METHODOLOGY[key]
    text = zh if locale == "zh" else en
    return text.format(**values) if values else text


def sheet_name(key: str, locale: str) -> str:
    zh, en = SHEETS[key]
    return zh if locale == "zh" else en
