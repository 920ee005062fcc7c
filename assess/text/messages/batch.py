"""What `assess batch` tells its user: why a file was refused or flagged, the line per file, the
closing summary and the batch's usage errors."""

from assess.text.glossary import table

_BOMB_FIX = ("疑似压缩炸弹，未解压：如果文件确属正常，请直接发送«answer_sheet»本身",
             "not unpacked, as a possible zip bomb: if it is genuine, send the «answer_sheet» itself")

MESSAGES = table({
    "batch.workers_dying": ("工作进程在接手文件之前就不断退出，批量评分无法继续；请检查内存是否充足，或重新安装 assess",
                            "the worker processes keep dying before they take any file, so the batch cannot go on; check that memory is free, or reinstall assess"),
    # files a folder holds that are not scored
    "batch.skipped.this_output": ("{path}（本次批量评分的输出文件夹）", "{path} (this batch's output)"),
    "batch.skipped.earlier_output": ("{path}（以前批量评分的输出）", "{path} (an earlier batch's output)"),
    "batch.skipped.lock_file": ("{path}（办公软件打开文件时生成的临时文件）",
                                "{path} (a temporary file an office suite makes while a file is open)"),
    "batch.skipped.hidden": ("{path}（隐藏文件：如需评分，请去掉文件名开头的“.”）",
                             "{path} (a hidden file: to score it, remove the '.' its name starts with)"),
    "batch.skipped.system_file": ("{path}（Windows 或 macOS 自动生成的系统文件）",
                                  "{path} (a file Windows or macOS writes by itself)"),
    "batch.skipped.hidden_folder": ("{path}（隐藏文件夹）", "{path} (a hidden folder)"),
    # files a folder or a .zip holds that are not answer sheets or answer files
    "batch.other_file": ("不是«answer_sheet»或«answer_file»", "not an «answer_sheet» or «answer_file»"),
    "batch.other_file.fix": ("已列出但未评分；如果它本应是«answer_sheet»，请对方另存为 .xlsx 后重新发送",
                             "listed, not scored; if it was meant to be an «answer_sheet», ask the sender to "
                             "save it as .xlsx and send it again"),
    "batch.other_file.fix_export": ("已列出但未评分；如果它是从«answer_sheet»导出的，请对方发回填好的«answer_sheet»本身"
                                    "（.xlsx）：导出的表格缺少其他工作表，另存为 .xlsx 也补不回来",
                                    "listed, not scored; if it was exported from an «answer_sheet», ask the sender for "
                                    "the filled «answer_sheet» itself (.xlsx): an export lacks its other sheets, and "
                                    "saving it as .xlsx does not bring them back"),
    "batch.other_archive": ("{kind} 格式的压缩包：批量评分只打开 .zip", "a {kind} archive: the batch opens .zip archives only"),
    "batch.other_archive.fix": ("请把它解压到同一文件夹后重新运行，或请对方改用 .zip 打包",
                                "unpack it into the same folder and run again, or ask the sender for a .zip"),
    "batch.archive.unsafe_name": ("压缩包中的文件名指向压缩包之外（路径穿越），未打开",
                                  "a name in the archive that points outside it (path traversal): not opened"),
    "batch.archive.unsafe_name.fix": ("请对方直接发送该«answer_sheet»，或重新打包（不含上级目录）",
                                      "ask for the «answer_sheet» itself, or for the archive made again without "
                                      "parent folders"),
    "batch.archive.nested": ("压缩包里又套了压缩包：只打开一层", "an archive inside the archive: only one level is opened"),
    "batch.archive.nested.fix": ("请先解压内层压缩包，把其中的«answer_sheet»直接放进文件夹",
                                 "unpack the inner archive and put its «answer_sheet»s in the folder itself"),
    "batch.archive.bomb.fix": _BOMB_FIX,
    "batch.archive.fix": ("请对方重新打包发送，或直接发送各«answer_sheet»",
                          "ask for the archive again, or for the «answer_sheet»s themselves"),
    # refusals made while scoring one file
    "batch.unreadable": ("无法读取该文件（{error}）", "cannot read the file ({error})"),
    "batch.unreadable.fix": ("确认文件还在、没有被其他程序占用，然后重新运行",
                             "check that the file is there and no other program holds it, then run again"),
    "batch.too_large": ("«answer_file»超过 20 MB", "an «answer_file» of more than 20 MB"),
    "batch.too_large.fix": ("请对方重新导出«answer_file»：正常的«answer_file»只有几十 KB",
                            "ask the sender to export the «answer_file» again: a real one is a few dozen KB"),
    "batch.wrong_questionnaire": ("该文件是按{made}填写的，不是{expected}", "made for {made}, not {expected}"),
    "batch.other_text": ("{ref} 的另一版文本（哈希 {hash}…）", "a different text of {ref} (hash {hash}…)"),
    "batch.wrong_questionnaire.fix": ("另开一次批量评分，用 --questionnaire {ref} 为它评分",
                                      "score it with --questionnaire {ref} in a separate batch"),
    "batch.newer_release": ("按{made}填写并按该版本评分；已有更新的版本 {newer}",
                            "made for {made} and scored under it; a newer release, {newer}, exists"),
    "batch.newer_release.fix": ("用 assess migrate {file} 把«answer»延续到新版本",
                                "carry the «answer»s forward with assess migrate {file}"),
    "batch.wrong_questionnaire.migrate_fix": ("用 assess migrate {file} 把«answer»延续到 {ref} 后再提交",
                                              "carry its «answer»s forward to {ref} with assess migrate {file}, then score the new file"),
    "batch.report_failed": ("无法写出«gap_report»（{error}）", "the «gap_report» could not be written ({error})"),
    "batch.report_failed.fix": ("请确认文件夹 {folder} 可以写入、磁盘未满，且«gap_report»没有在 Excel、WPS 中打开，然后重新运行",
                                "check that the folder {folder} can be written to, the disk is not full and the "
                                "«gap_report» is not open in Excel or WPS, then run again"),
    "batch.report_failed.fix_long": ("文件夹 {folder} 的路径太长，放不下这份«gap_report»的名称：请换一个路径较短的输出文件夹（-o）后重新运行",
                                     "the folder {folder} has too long a path for this «gap_report»'s name: choose "
                                     "an output folder with a shorter path (-o) and run again"),
    "batch.bug.fix": ("这是 assess 的缺陷，请报告给维护者", "report this as a bug in assess"),
    "batch.no_usable_answer": ("各«pillar»的«question»都没有可用的«answer»：填写的每个«answer»都有问题（见所列问题）",
                               "no usable «answer» to any «pillar» «question»: every one given has a problem "
                               "(listed)"),
    "batch.no_usable_answer.fix": ("请按所列问题改正«answer»，保存后重新发送",
                                   "correct the «answer»s named in the problems, save and send the file again"),
    "batch.profile_only": ("只填写了«profile»：各«pillar»的«question»都没有作答",
                           "only the «profile» is answered: no «question» of any «pillar» has an «answer»"),
    "batch.profile_only.fix_sheet": ("请填写«answer_sheet»中的 Answers 工作表，保存后重新发送",
                                     "fill in the Answers sheet, save it and send it again"),
    "batch.profile_only.fix_file": ("请回答各«pillar»的«question»后重新发送",
                                    "answer the «question»s of the «pillars» and send the file again"),
    "batch.blank": ("什么都没有填写", "nothing is filled in"),
    "batch.notes_only": ("没有填写任何«answer»，只写了«note»或说明", "no «answer» is given: only «note»s or remarks"),
    "batch.notes_only.fix": ("请在«answer»栏作答（不掌握的，«status»选“«status.dont_know»”），保存后重新发送；只写在«note»里的内容"
                             "不会计入", "give the «answer»s in their column (or choose «status.dont_know» as the "
                             "«status»), save the file and send it again: what «note»s alone say does not count"),
    "batch.blank.fix_sheet": ("请填写«answer_sheet»，保存后重新发送", "fill in the sheet, save it and send it again"),
    "batch.blank.fix_file": ("请回答«question»后重新发送", "answer the «question»s and send the file again"),
    # a file whose worker did not come back
    "batch.timeout": ("处理超过 {seconds} 秒，已中止", "took longer than {seconds} s; stopped"),
    "batch.crashed": ("读取时进程崩溃（退出代码 {code}）", "reader crashed: its process exited with code {code}"),
    "batch.crashed.signal": ("读取时进程崩溃（被 {signal} 终止，可能是内存不足）",
                             "reader crashed: killed by {signal} (out of memory?)"),
    "batch.crashed.unknown": ("读取时进程崩溃", "reader crashed"),
    "batch.out_of_memory": ("读取时超出内存上限（--memory）", "reader ran out of memory (the --memory limit)"),
    "batch.internal_error": ("内部错误：{error}", "internal error: {error}"),
    "batch.failed.fix": ("用 Excel 或 LibreOffice 打开该文件，另存为 .xlsx 后重新提交；如果仍然失败，请报告",
                         "open the file in Excel or LibreOffice, save it again as .xlsx, and resend it; "
                         "if it still fails, report it"),
    "batch.open_elsewhere": ("旁边有临时文件 {lock}：该文件可能正在 Excel、WPS 或 LibreOffice 中打开，未保存的修改没有读到",
                             "an office suite's temporary file, {lock}, sits beside it: the file may be open in Excel, "
                             "WPS or LibreOffice, and changes not yet saved were not read"),
    "batch.open_elsewhere.fix": ("在打开它的电脑上保存并关闭该文件，然后重新运行；如果没有人打开它，删掉这个临时文件即可",
                                 "save and close the file where it is open, then run again; if nobody has it open, "
                                 "delete the temporary file"),
    # duplicates
    "batch.duplicate_file": ("与 {other} 是同一个文件（逐字节相同）", "the same file as {other} (byte for byte)"),
    "batch.duplicate_file.fix": ("删去其中一份", "drop one of the two copies"),
    "batch.duplicate_answers": ("与 {other} 的«answer»完全相同（同一家工厂发送了两次）",
                                "the same «answer»s as {other} (one plant sent twice)"),
    "batch.duplicate_answers.fix": ("删去其中一份；如果是两家工厂，请让客户分别填写各自的«answer»",
                                    "drop one of the two; if they are two plants, ask for each plant's own «answer»s"),
    "batch.copied": ("与 {other} 的«answer»完全相同（包括«note»和«evidence»），只是«company»名称不同：可能是照抄了另一家的"
                     "«answer_sheet»",
                     "the same «answer»s as {other} (notes and evidence included) under another «company» name: "
                     "perhaps a copy of another plant's «answer_sheet»"),
    "batch.copied.fix": ("请向企业核实；如确是两家企业各自作答、结果恰好相同，可用 --include-all 把两家都计入«benchmark»",
                         "check with the plant; if two companies did answer alike, --include-all counts both in the "
                         "«benchmark»"),
    "batch.duplicate_company": ("与 {other} 是同一家«company»，但«answer»不同", "the same «company» as {other}, "
                                "with different «answer»s"),
    "batch.duplicate_company_scores": ("与 {other} 是同一家«company»，但«answer»不同（这一份«overall»«score» {score}，"
                                       "那一份 {other_score}）",
                                       "the same «company» as {other}, with different «answer»s (this copy's "
                                       "«overall» «score» {score}; that one's {other_score})"),
    "batch.duplicate_company_counted": ("与 {other} 是同一家«company»；那一份没有计入«benchmark»，计入的是这一份",
                                        "the same «company» as {other}, which the «benchmark» leaves out: this "
                                        "copy counts instead"),
    "batch.duplicate_company_later": ("{said}；这一份保存于 {saved}，比那一份（{other_saved}）晚",
                                      "{said}; this copy was saved at {saved}, after that one ({other_saved})"),
    "batch.duplicate_company.fix_later": ("«benchmark»计入的是先读到的 {other}。如果这一份是改过的新版，请把 {other} "
                                          "移出文件夹后重新运行；两份都有效的，请在企业名称中写明各自的工厂",
                                          "the «benchmark» counts {other}, read first. If this copy is the corrected "
                                          "one, move {other} out of the folder and run again; if both stand, name each "
                                          "plant in the company name"),
    "batch.duplicate_company.fix_plain": ("请只保留正确的一份后重新运行，或在企业名称中写明各自的工厂",
                                          "keep only the right copy and run again, or name each plant in the company "
                                          "name"),
    "batch.duplicate_company.fix": ("«benchmark»默认只计入 {other}，不计入这一份；请只保留正确的一份后重新运行，"
                                    "或在企业名称中写明各自的工厂",
                                    "by default the «benchmark» counts {other}, not this copy: keep only the right "
                                    "copy and run again, or name each plant in the company name"),
    # the line per file
    "batch.line.refused": ("✗ {file}：«refused»：{reason}", "✗ {file}: «refused»: {reason}"),
    "batch.line.scored": ("{mark} {file}：{score}（{level}），«completion» {completion}",
                          "{mark} {file}: {score} ({level}), «completion» {completion}"),
    "batch.line.problems": ("，{errors} 个错误，{warnings} 个警告", ", {errors} error(s), {warnings} warning(s)"),
    "batch.line.duplicate": ("，与 {other} 重复", ", duplicate of {other}"),
    "batch.line.copied": ("，与 {other} 的«answer»完全相同，只是«company»不同，«benchmark»只计入那一份",
                          ", the same «answer»s as {other} under another «company»'s name: the «benchmark» "
                          "counts that one"),
    "batch.line.same_company": ("，与 {other} 是同一家«company»，«answer»不同，«benchmark»只计入那一份",
                                ", the same «company» as {other} with other «answer»s: the «benchmark» counts that one"),
    "batch.line.same_company_later": ("，与 {other} 是同一家«company»，这一份保存得更晚，«benchmark»却只计入先读到的那一份",
                                      ", the same «company» as {other}; this copy was saved later, yet the "
                                      "«benchmark» counts the one read first"),
    "batch.line.newer": ("；有更新的版本 {newer}（assess migrate 可延续）", "; newer release {newer} (assess migrate carries it)"),
    # progress and the closing summary
    "batch.progress": ("评分中", "scoring"),
    # files and firms are counted apart: one workbook may hold several plants, each its own firm
    "batch.summary.title": ("{ref}：{n} 个文件{archived}，其中 {taken} 个«scored»（共 {firms} 家企业），{refused} 个«refused»",
                            "{ref}: {n} file(s){archived}: {taken} «scored» ({firms} firm(s)), {refused} «refused»"),
    "batch.summary.title_archives": ("（{n} 个取自 {archives} 个 .zip 压缩包）", " ({n} from {archives} .zip file(s))"),
    "batch.summary.title_plants": ("；另有 {n} 家工厂未计分", "; {n} more plant(s) not scored"),
    "batch.summary.files": ("数量", "count"),
    "batch.summary.ok": ("企业：«scored»，无«problem»", "firms «scored» clean"),
    "batch.summary.problems": ("企业：«scored»，有«problems»", "firms «scored», with «problems»"),
    "batch.summary.refused": ("文件：«refused»", "files «refused»"),
    "batch.summary.plants_refused": ("工厂：未计分（在已评分的文件中）", "plants not scored (in files scored)"),
    "batch.summary.duplicates": ("标为重复", "duplicates flagged"),
    "batch.summary.restarts": ("重启的工作进程", "workers restarted"),
    "batch.summary.reason": ("  «refused»：{reason}", "  «refused»: {reason}"),
    "batch.summary.bench_counted": ("企业：计入«benchmark»", "firms the «benchmark» counts"),
    "batch.summary.bench_left_out": ("企业：未计入«benchmark»（原因见«portfolio»）",
                                     "firms the «benchmark» leaves out (why: see the «portfolio»)"),
    "batch.summary.overall": ("«benchmark»：«overall»«score»中位数（最低–最高）",
                              "«benchmark»: «overall» «score», median (min–max)"),
    "batch.summary.audited": ("«overall»«audited_score»（{n} 家经审核）：中位数（最低–最高）",
                              "«overall» «audited_score» ({n} reviewed): median (min–max)"),
    "batch.summary.spread": ("{median}（{min}–{max}）", "{median} ({min}–{max})"),
    "batch.summary.skipped": ("已跳过 {what}", "skipped {what}"),
    "batch.summary.skipped_more": ("另有 {n} 项已跳过", "skipped {n} more"),
    "batch.summary.wrote": ("已写出 {paths}", "wrote {paths}"),
    # usage
    "batch.evidence_no_reports": ("--evidence 把证据文件列在每份«gap_report»上，不能与 --no-reports 同用",
                                  "--evidence lists evidence files on each «gap_report»: it cannot go with --no-reports"),
    "batch.usage.jobs": ("--jobs 至少为 1", "--jobs must be at least 1"),
    "batch.usage.timeout": ("--timeout 必须大于 0", "--timeout must be above 0"),
    "batch.usage.not_folder": ("{path} 已存在，但不是文件夹", "{path} exists and is not a folder"),
    "batch.usage.has_portfolio": ("{path} 中已有一份«portfolio»；请用 -o 指定另一个文件夹",
                                  "{path} already holds a «portfolio»; name another folder with -o"),
    "batch.usage.missing": ("找不到文件或文件夹：{paths}", "no such file or folder: {paths}"),
    "batch.usage.no_inputs": ("在 {paths} 中没有找到«answer_sheet»（.xlsx）或«answer_file»（.json）",
                              "no «answer_sheet»s (.xlsx) or «answer_file»s (.json) found in {paths}"),
    "batch.usage.no_locale": ("{ref} 没有“{locale}”语言的文本（现有：{locales}）",
                              "{ref} has no '{locale}' text (locales: {locales})"),
    "batch.usage.name_questionnaire": ("请用 --questionnaire ID[@VERSION] 或路径指定«questionnaire»",
                                       "name the «questionnaire» with --questionnaire ID[@VERSION] or PATH"),
    "batch.cannot_write": ("无法写入 {path}：{error}", "cannot write to {path}: {error}"),
    "batch.usage.link": ("{path} 是一个符号链接；批量评分不会通过链接写入文件：请删除该链接，或用 -o 指定另一个文件夹",
                         "{path} is a symbolic link; the batch does not write through links: remove the link, "
                         "or name another folder with -o"),
    # the output folder's lock
    "batch.locked": ("另一次批量评分正在向 {path} 写入结果（{holder}）；请等它结束后再运行，或用 -o 指定另一个文件夹。"
                     "如果确认那次批量评分已经不在运行，请删除 {lock} 后重新运行",
                     "another batch is writing its results into {path} ({holder}); wait until it has finished, or "
                     "name another folder with -o. If you are sure that batch is no longer running, delete {lock} "
                     "and run again"),
    "batch.lock.holder": ("进程 {pid}，主机 {host}，开始于 {started}", "process {pid} on {host}, started {started}"),
    "batch.lock.holder_unknown": ("持有者不明", "holder unknown"),
    "batch.lock.stale": ("{lock} 是一次已经中断的批量评分留下的（{holder}，该进程已不在运行）；本次批量评分接管该文件夹",
                         "{lock} was left by a batch that stopped ({holder}, no longer running); this batch takes "
                         "the folder over"),
    # a batch stopped half way
    "batch.partial": ("批量评分已中断：{total} 个文件中已处理 {done} 个。已处理的结果写在 {paths}，"
                      "文件名中的 partial 表示它们不完整；重新运行同一命令即可为全部文件评分",
                      "the batch stopped after {done} of {total} files. What was done is in {paths}, named partial "
                      "because they are incomplete; run the same command again to score every file"),
    "batch.partial.none": ("批量评分已中断：{total} 个文件中已处理 {done} 个，没有写出«portfolio»",
                           "the batch stopped after {done} of {total} files; no «portfolio» was written"),
    "batch.partial.note": ("这份«portfolio»不完整：批量评分在 {total} 个文件中处理了 {done} 个后中断",
                           "this «portfolio» is incomplete: the batch stopped after {done} of {total} files"),
    "batch.row_failed": ("无法写出该文件的结果行（{error}）", "the file's row could not be written ({error})"),
})
