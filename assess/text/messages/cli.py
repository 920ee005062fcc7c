"""What the command line says of how it was called and of what it wrote (`assess.cli`)."""

from assess.text.glossary import table

MESSAGES = table({
    "cli.review_written": ("«review»表中有 {n} 道待审核的«question»；请«reviewer»填写黄色单元格后，用 assess review --apply 导入",
                           "a «review» of {n} «question»s; once the «reviewer» has filled in the yellow cells, read it "
                           "back with assess review --apply"),
    "cli.review_applied": ("已记录 {n} 项«decision»（{accepted} 项«decision.accepted»、{insufficient} 项«decision.insufficient»、"
                           "{rejected} 项«decision.rejected»）。«overall»：«claimed» {claimed} · «evidenced» {evidenced} · "
                           "«audited» {audited}",
                           "{n} «decision»s recorded ({accepted} «decision.accepted», {insufficient} "
                           "«decision.insufficient», {rejected} «decision.rejected»). «Overall»: «claimed» {claimed} · "
                           "«evidenced» {evidenced} · «audited» {audited}"),
    "cli.review_answers_needs_apply": ("--answers 只与 --apply 一起使用", "--answers goes with --apply only"),
    "cli.bad_lang": ("ASSESS_LANG={got}：可用的语言是 zh 和 en", "ASSESS_LANG={got}: the languages are zh and en"),
    "cli.interrupted": ("已中断", "interrupted"),
    "cli.file_not_found": ("找不到文件", "file not found"),
    "cli.exists": ("{path} 已存在；要覆盖请加 --force", "{path} exists; use --force to overwrite it"),
    "cli.cannot_write": ("无法写入 {path}：{why}", "cannot write {path}: {why}"),
    "cli.locked": ("{path} 正在 assess 应用中打开（进程 {holder}），写入会被它的自动保存覆盖；请先在应用中关闭它，再重新运行",
                   "{path} is open in the assess app (process {holder}), whose autosave would undo this; close it "
                   "there first, then run this again"),
    "cli.target_form": ("--target {item}：请写成 支柱编号=数值，例如 --target compute=4",
                        "--target {item}: write PILLAR=VALUE, e.g. --target compute=4"),
    "cli.target_pillar": ("--target {item}：没有«pillar» {pillar}（可选：{pillars}）",
                          "--target {item}: no «pillar» {pillar} (the «pillars»: {pillars})"),
    "cli.target_number": ("--target {item}：{got} 不是数字", "--target {item}: {got} is not a number"),
    "cli.target_range": ("--target {item}：«target»须在 0–5 之间", "--target {item}: «target»s lie in 0..5"),
    "cli.answers_do_not_fit": ("«answer_file»与«questionnaire»不符，未写入任何文件",
                               "the «answer_file» does not fit the «questionnaire»; nothing was written"),
    "cli.no_locale": ("{questionnaire} 没有 {locale} 文本（可用语言：{locales}）",
                      "{questionnaire} has no {locale} text (locales: {locales})"),
    "cli.sheet_suffix": ("{path}：«answer_sheet»须为 .xlsx 文件", "{path}: an «answer_sheet» is an .xlsx file"),
    "cli.wrote_sheet": ("已写入 {path}：{questionnaire} 的«answer_sheet»（{locale}），{profile} 道«profile»题目、{n} 道题目",
                        "wrote {path}: an «answer_sheet» for {questionnaire} ({locale}), {profile} «profile» and {n} «question»s"),
    "cli.wrote_prefilled_sheet": ("已写入 {path}：{questionnaire} 的预填«answer_sheet»（{locale}），{profile} 道«profile»题目、{n} 道题目",
                                  "wrote {path}: a pre-filled «answer_sheet» for {questionnaire} ({locale}), {profile} «profile» and {n} «question»s"),
    "cli.recorded": ("已在 questionnaires/lock.json 中记录 {release}", "recorded {release} in questionnaires/lock.json"),
    "cli.validated": ("检查了 {files} 个文件：{errors} 个«severity.error»，{warnings} 个«severity.warning»",
                      "{files} file(s) checked: {errors} error(s), {warnings} warning(s)"),
    "cli.all_valid": ("检查了 {files} 个文件：全部有效", "{files} file(s) checked: all valid"),
    "cli.report_marks_invalid": ("«gap_report»把以上«answer»标为无效（按«status.unanswered»计）",
                                 "the «gap_report» marks these «answer»s as invalid (counted as «status.unanswered»)"),
    "cli.report_written": ("«overall»«score» {score}（{level}）{audited}，{gates} 个«gate»未通过，«roadmap» {actions} 项{redacted}",
                           "«overall» «score» {score} ({level}){audited}, {gates} «gate»(s) failed, {actions} «roadmap» "
                           "action(s){redacted}"),
    "cli.report_audited": ("，«evidenced_score» {evidenced}，«audited_score» {audited}",
                           ", «evidenced_score» {evidenced}, «audited_score» {audited}"),
    "cli.redacted": ("（对外版本）", " (external version)"),
    "cli.report_suffix": ("-o {path}：«gap_report»是 .xlsx 工作簿；请给出 .xlsx 文件名或文件夹",
                          "-o {path}: a «gap_report» is an .xlsx workbook; name an .xlsx file or a folder"),
    "cli.import_over_sheet": ("输出会覆盖«answer_sheet»本身；请用 -o 指定其他文件", "the output would overwrite the «answer_sheet»; name another with -o"),
    "cli.imported": ("已写入 {path}：{questionnaire} 的 {n} 条«answer»", "wrote {path}: {n} «answer»(s) for {questionnaire}"),
    "cli.errors_above": ("以上列出 {n} 个«severity.error»", "{n} error(s) listed above"),
    "cli.warnings_above": ("以上列出 {n} 个«severity.warning»", "{n} warning(s) listed above"),
    "cli.compare_questionnaires": ("--questionnaire：给一次（两个文件共用）或两次（依次对应 A、B）",
                                   "--questionnaire: give it once (both files) or twice (A, then B)"),
    "cli.explain_subject": ("没有«pillar» {got}：请从 {pillars} 中选一个，或用 overall",
                            "no «pillar» {got}: choose one of {pillars}, or overall"),
    "cli.verify_note": ("«severity.notice»：{note}", "«severity.notice»: {note}"),
    "cli.mismatches": ("{n} 处不一致", "{n} mismatch(es)"),
    "cli.source_differences": ("与源文件有 {n} 处不同", "{n} difference(s) from the source"),
    "cli.not_verified": ("未能核验", "not verified"),
    "cli.verify_failed": ("核验未通过，{what}", "FAILED, {what}"),
    "cli.no_company": ("未写企业名称", "company not named"),
    "cli.lock_file": ("这是有人打开答卷时办公软件生成的临时文件，不是答卷",
                      "an office suite's lock file, written while someone has the «answer_sheet» open; not an "
                      "«answer_sheet» itself"),
    "cli.lock_file.fix": ("请改用答卷本身（文件名不带“~$”或“.~lock.”），并先在办公软件中关闭它",
                          "use the «answer_sheet» itself (its name without '~$' or '.~lock.'), closed in the office "
                          "suite first"),
    "cli.archive": ("这是一个 .zip 压缩包（内有 {n} 个文件），不是一份答卷", "a .zip archive ({n} files), not one «answer_sheet»"),
    "cli.archive.fix": ("请先解压，再逐份导入其中的答卷；或用 assess batch 一次评分整个压缩包",
                        "unpack it and use each «answer_sheet» in it, or score the whole archive with assess batch"),
    "cli.verified": ("核验通过：{cells} 个单元格与按嵌入数据重新评分的结果一致（{questionnaire}，{company}，«overall»«score» {score}{redacted}）",
                     "OK: {cells} cells match a fresh scoring of the embedded data ({questionnaire}, {company}, «overall» «score» {score}{redacted})"),
})
