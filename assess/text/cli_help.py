"""The command line's help in Chinese and English: what `assess --help` and every command's --help
say (HELP, by `command.option`), and the words argparse itself prints (ARGPARSE: its English message,
as argparse asks gettext for it, and the Chinese a user reads instead)."""

from __future__ import annotations

from assess.text.glossary import table

_ANSWERS = ("«answer_file»（.json）或填好的«answer_sheet»（.xlsx）",
            "«answer_file» (.json) or filled «answer_sheet» (.xlsx)")
_FORCE = ("输出文件已存在时覆盖它", "overwrite the output file if it exists")

HELP = table({
    # assess
    "main.description": (
        "评估制造企业对“人工智能+制造”专项行动（2027年）的准备度：填写«questionnaire»、评分，并导出"
        "Excel «gap_report»。\n\n在终端里直接运行 `assess` 即打开评估应用。",
        "Readiness of a manufacturer for China's 2027 \"AI + Manufacturing\" action plan:\n"
        "answer the questionnaire, score it, and export Excel gap reports.\n\n"
        "Run `assess` on a terminal to open the assessment app."),
    "main.commands": ("命令", "commands"),
    "main.version": ("显示版本号并退出", "show the version and exit"),
    # shared options
    "common.questionnaire": ("使用的«questionnaire»（默认：«answer»所固定的那一版，否则为内置的最新版）",
                             "questionnaire to use (default: the one the answers pin, else the newest bundled)"),
    "common.lang": ("输出语言（默认：zh，或 ASSESS_LANG）", "language of the output (default: zh, or ASSESS_LANG)"),
    "common.target": ("改设某个«pillar»的«target»（0–5）；多个«pillar»可重复给出",
                      "override a pillar's target (0-5); repeat for several pillars"),
    "common.json": ("以 JSON 输出", "print JSON"),
    "common.force": _FORCE,
    "common.not_whole": ("{text!r} 不是整数", "{text!r} is not a whole number"),
    "common.too_small": ("{text!r}：请给出 1 或更大的数", "{text!r}: give 1 or more"),
    # tui
    "tui.help": ("打开评估应用", "open the assessment app"),
    "tui.description": (
        "打开评估应用：填写«questionnaire»（每处改动都会立即保存），查看实时得分和结果，导出报告。"
        "给出 ANSWERS 时继续该«answer_file»（文件不存在则在该处新建）；给出填好的 Excel «answer_sheet»时先导入它。",
        "Open the assessment app: answer the questionnaire (every change is saved at once), see live scores "
        "and results, export reports. With ANSWERS, resume that answer file (or start a new one there); with "
        "a filled Excel answer sheet, import it first."),
    "tui.path": ("要打开的«answer_file»，或要导入的«answer_sheet»", "answer file to open, or sheet to import"),
    "tui.questionnaire": ("新建评估使用的«questionnaire»（默认：内置的最新版）",
                          "questionnaire for new assessments (default: the newest bundled)"),
    "tui.lang": ("界面语言（默认：«answer_file»的语言，否则为 zh 或 ASSESS_LANG）；在应用中按 l 切换",
                 "language (default: the answer file's, else zh or ASSESS_LANG); switch with l"),
    "tui.data_dir": ("新«answer_file»的存放位置，也是列出已保存评估的位置（默认：ASSESS_DATA_DIR，否则为用户数据目录）",
                     "where new answer files go and saved ones are listed (default: ASSESS_DATA_DIR, else the user "
                     "data directory)"),
    "tui.theme": ("配色主题", "colour theme"),
    # serve
    "serve.help": ("在网页浏览器中提供评估应用", "serve the assessment app to a web browser"),
    "serve.description": (
        "用 textual-serve 在网页浏览器中提供评估应用。启动后会显示一个带随机访问令牌的地址，每个页面和连接都需要它。"
        "默认只在本机回环地址（127.0.0.1）上监听，除非给出 --public 并指定其他 --host。导出的文件以下载方式送到浏览器。",
        "Serve the assessment app to a web browser with textual-serve. It prints an address holding a random "
        "access token; every page and connection needs it. It listens on loopback (127.0.0.1) unless --public "
        "is given with another --host. Exports reach the browser as downloads."),
    "serve.host": ("监听的地址（默认 127.0.0.1）", "address to listen on (default 127.0.0.1)"),
    "serve.port": ("端口（默认 8000）", "port (default 8000)"),
    "serve.public": ("允许非回环的 --host；任何拿到带令牌地址的人都能查看和修改«answer»，而且没有 TLS 加密："
                     "请放在提供 HTTPS 的反向代理之后",
                     "allow a non-loopback --host; anyone with the tokened address can read and change answers, "
                     "and there is no TLS: put it behind a reverse proxy that provides HTTPS"),
    "serve.public_url": ("浏览器访问服务器所用的网址（与 host:port 不同时给出；其主机名随之被接受）",
                         "URL browsers use to reach the server, if not host:port (its host is then accepted)"),
    "serve.max_sessions": ("同时允许的浏览器会话（应用进程）数，超出的会被拒绝（默认 4）",
                           "browser sessions (app processes) at once; more are refused (default 4)"),
    "serve.questionnaire": ("新建评估使用的«questionnaire»", "questionnaire for new assessments"),
    "serve.lang": ("起始语言", "starting language"),
    "serve.data_dir": ("«answer_file»的存放位置", "where answer files are kept"),
    # score
    "score.help": ("为«answer_file»评分", "score an answer file"),
    "score.description": (
        "为«answer_file»（或填好的 Excel «answer_sheet»）评分：«overall»和各«pillar»的«score»、«level»、«target»与«gap»，"
        "未通过的«gates»，«programmes»准备情况，«shortest_path»，以及«roadmap»的前几项。--json 输出评估结果 JSON"
        "（见 `assess schema --assessment`）。退出码：0 表示«answer»没有问题，1 表示有问题（仍会给出得分），2 表示用法错误。",
        "Score an answer file (or a filled Excel answer sheet): overall and pillar scores, levels, targets and "
        "gaps, failed gates, programme readiness, the shortest path to target and the top of the roadmap. "
        "--json prints the assessment JSON (see `assess schema --assessment`). Exit 0 when the answers have no "
        "problems, 1 when they have some (the scores are still given), 2 on usage errors."),
    "score.answers": _ANSWERS,
    "score.json": ("以 JSON 输出评估结果", "print the assessment as JSON"),
    "score.top": ("显示的«roadmap»项数（默认 5）", "roadmap items to show (default 5)"),
    # report
    "report.help": ("生成 Excel «gap_report»（另附 JSON 和 CSV）", "write the Excel gap report (+ JSON and CSV)"),
    "report.description": (
        "为«answer_file»（JSON，或填好的 Excel «answer_sheet»）评分并写出«gap_report»：默认为 reports/<输入文件名>.xlsx，"
        "旁边附 <文件名>.json（评估结果）、<文件名>-roadmap.csv 和一页纸摘要（<文件名>.摘要.html，可打印或发送给管理层）；«answer_sheet»有问题时还会写一份退改单"
        "（<文件名>-<待改正>.txt），列出要改正的地方。已有的文件绝不覆盖，而是在文件名后加数字。"
        "退出码：0 表示已写出，1 表示输入无法使用，2 表示用法错误。",
        "Score an answer file (JSON, or a filled Excel answer sheet) and write the gap report: "
        "reports/<input name>.xlsx by default, with <name>.json (the assessment), <name>-roadmap.csv and a "
        "one-page summary to print or send (<name>.summary.html) beside it, and for a sheet with problems a return slip (<name>-<to-correct>.txt) listing what to correct. "
        "An existing file is never overwritten: a numeric suffix is added instead. "
        "Exit 0 when written, 1 when the input cannot be used, 2 on usage errors."),
    "report.answers": _ANSWERS,
    "report.output": ("要写出的 .xlsx 文件，或写入 <文件名>.xlsx 的文件夹（默认：reports/<文件名>.xlsx）",
                      "the .xlsx to write, or a folder to write <name>.xlsx into (default: reports/<name>.xlsx)"),
    "report.evidence": ("证据文件所在的文件夹：凡指向其中文件的证据材料都会计算 SHA-256，并列在报告的证据表上，"
                        "供 `assess verify --evidence DIR` 核验",
                        "folder of evidence files: each evidence reference that names a file in it is hashed "
                        "(SHA-256) and listed on the report's Evidence sheet, for `assess verify --evidence DIR`"),
    "report.sign": ("用这个私钥文件（`assess keygen` 生成）为«gap_report»签名",
                    "sign the gap report with this private key file (from `assess keygen`)"),
    "report.redact": ("对外版本：不含«note»、证据材料和人名",
                      "external version: leave out notes, evidence references and people's names"),
    # verify
    "verify.help": ("核验«gap_report»中的数字与其数据是否一致", "check that a gap report's figures match its data"),
    "verify.description": (
        "核验由 `assess report` 生成的«gap_report»：先做工作簿安全检查，再核对嵌入的数据及其摘要，然后核对它所注明的"
        "«questionnaire»（编号、版本和内容哈希），最后把各工作表上的每个数字和«answer»与重新评分的结果逐一比对。"
        "每处不一致都会注明工作表和单元格。退出码：0 表示一致，1 表示不一致（或文件、«questionnaire»无法使用），"
        "2 表示用法错误。核验证明文件前后一致；报告经过签名（`assess report --sign`）时还会说明签名人，签名后的任何改动都会导致核验不通过，给出 --trust 时，除非由其中某个公钥签名，否则判为不通过。",
        "Check a gap report made by `assess report`: the workbook guard first, then the embedded data and its "
        "digest, then the questionnaire it names (id, version and content hash), then every figure and answer "
        "on its sheets against a fresh scoring. Each mismatch is printed with sheet and cell. Exit 0 when "
        "consistent, 1 when not (or when the file or questionnaire cannot be used), 2 on usage errors. It "
        "proves the file is consistent; a signed report (`assess report --sign`) also names its signer, any "
        "change after signing fails, and --trust fails it unless one of the given public keys signed it."),
    "verify.report": ("要核验的«gap_report»", "the gap report to check"),
    "verify.evidence": ("证据文件所在的文件夹：报告列出的每个文件都必须在其中，且 SHA-256 相同",
                        "folder of evidence files: each file the report lists must be there, with the same SHA-256"),
    "verify.source": ("生成报告所用的«answer_file»（.json）或填好的«answer_sheet»：按 `assess report` 的方式重新读取，"
                      "其«answer»必须与报告完全一致（每处差异都会列出），并说明该文件的 SHA-256 是否与记录的一致",
                      "the answer file (.json) or filled answer sheet the report was made from: read again as "
                      "`assess report` reads it, its answers must be exactly the report's (each difference is "
                      "named); whether the file's SHA-256 is the one recorded is said too"),
    "verify.trust": ("公钥文件（`assess keygen` 生成的 .pub）：报告不是由其中之一签名的即判为不通过",
                     "public key file(s) (.pub from `assess keygen`): fail unless one of them signed the report"),
    # keygen
    "keygen.help": ("生成为«gap_report»签名用的密钥对", "make a key pair for signing gap reports"),
    "keygen.description": (
        "为 NAME 生成一对 Ed25519 密钥：NAME.key 是签署报告的私钥（`assess report --sign NAME.key`，请自行妥善保管），"
        "NAME.pub 是交给核验报告的人的公钥（`assess verify --trust NAME.pub`）。会显示密钥指纹，可当面或电话核对。"
        "已有的密钥绝不覆盖。退出码：0 表示已生成，1 表示文件无法写入，2 表示用法错误。",
        "Make an Ed25519 key pair for NAME: NAME.key, the private key that signs reports (`assess report --sign "
        "NAME.key`; keep it to yourself), and NAME.pub, the public key to hand to whoever checks your reports "
        "(`assess verify --trust NAME.pub`). Prints the key's fingerprint, to compare in person or by phone. "
        "Existing keys are never overwritten. Exit 0 when made, 1 when the files cannot be written, 2 on usage "
        "errors."),
    "keygen.name": ("签名人姓名，显示在每份签名的报告上", "the signer's name, shown with every report signed"),
    "keygen.out": ("两个文件的存放文件夹（默认：当前文件夹）", "folder for the two files (default: here)"),
    "keygen.passphrase": ("用口令保护私钥（在终端上询问）", "protect the private key with a passphrase, asked for on the terminal"),
    # review
    "review.help": ("生成«review_workbook»，或应用填好的«review_workbook»（«audited_score»）",
                    "write a review workbook, or apply a filled one (audited figures)"),
    "review.description": (
        "不带 --apply 时：读取«answer_file»（.json）、填好的«answer_sheet»或«gap_report»，写出«review_workbook»（默认为 "
        "reports/<文件名>-review.xlsx）：每道已作答的«question»一行，列出所声称的内容，并留出单元格供«reviewer»填写结论"
        "（«decision.accepted» / «decision.insufficient» / «decision.rejected»）、更正后的«answer»和意见。带 --apply 时：读回填好的«review_workbook»（每个«problem»都注明"
        "单元格，有任何«severity.error»即拒收），写出审核后的«answer_file»（默认在旁边，名为 <文件名>-audited.json），"
        "每个已有结论的«answer»都带上审核记录；之后 `assess score` 和 `assess report` 显示«audited_score»。已有的文件绝不覆盖，"
        "而是在文件名后加数字。退出码：0 表示已写出，1 表示输入无法使用，2 表示用法错误。",
        "Without --apply: read an answer file (.json), a filled answer sheet or a gap report and write a review "
        "workbook (reports/<name>-review.xlsx by default): one row per answered question, with what is claimed "
        "and cells for the reviewer's decision (accepted / insufficient evidence / rejected), a corrected answer and a "
        "comment. With --apply: read a filled review workbook back (every problem named by cell; any error "
        "refuses it) and write the audited answer file (<name>-audited.json beside it by default), each decided "
        "answer carrying its review; `assess score` and `assess report` then show the audited scores. An "
        "existing file is never overwritten: a numeric suffix is added. Exit 0 when written, 1 when the input "
        "cannot be used, 2 on usage errors."),
    "review.file": ("要审核的«answer»；带 --apply 时为填好的«review_workbook»",
                    "the answers to review; with --apply, the filled review workbook"),
    "review.apply": ("读取填好的«review_workbook»，写出审核后的«answer»", "read a filled review workbook and write the audited answers"),
    "review.answers": ("与 --apply 一起用：生成«review_workbook»所依据的«answer_file»或报告，用来核对是否为同一份",
                       "with --apply: the answer file or report the review was made from, to check it is the same"),
    "review.output": ("要写出的文件", "the file to write"),
    # compare
    "compare.help": ("比较两份«answer_file»", "compare two answer files"),
    "compare.description": (
        "比较两份«answer_file»（例如去年和今年的）：«overall»和各«pillar»的变化、有变化的«question»、新通过或新未通过的"
        "«gates»。用不同版本«questionnaire»填写的文件按题目编号对应，新增或删除的题目会单独列出。变化量为 B − A。",
        "Compare two answer files (e.g. last year's and this year's): overall and pillar deltas, questions "
        "that moved, gates newly passed or failed. Files made with different questionnaire versions are "
        "matched by question id, and questions added or removed are listed. Deltas are B - A."),
    "compare.before": ("较早的«answer_file»", "the earlier answer file"),
    "compare.after": ("较晚的«answer_file»", "the later answer file"),
    "compare.questionnaire": ("两份文件使用的«questionnaire»；给两次则依次对应 A 和 B（默认：各文件所固定的版本）",
                              "questionnaire of both files; give it twice for A and B (default: the one each file "
                              "pins)"),
    "compare.json": ("以 JSON 输出比较结果", "print the comparison as JSON"),
    # explain
    "explain.help": ("说明得分是怎样算出来的", "show how a score is computed"),
    "explain.description": (
        "追溯某个«pillar»的«score»、«level»和«gap»，或«overall»«score»：列出参与计算的每道«question»及其«answer»、"
        "折算分、«weight»和证据系数，哪些未计入及原因，«gate»封顶，各«level»的分界，以及«target»的来源。",
        "Trace a pillar's score, level and gap, or the overall score: every contributing question with its "
        "answer, normalised score, weight and evidence factor, what was left out and why, gate caps, the "
        "level thresholds and where the target came from."),
    "explain.answers": _ANSWERS,
    "explain.subject": ("«pillar»编号，或 overall（«overall»）", "a pillar id, or 'overall'"),
    "explain.json": ("以 JSON 输出计算过程", "print the trace as JSON"),
    # template
    "template.help": ("生成发给工厂填写的 Excel «answer_sheet»", "make the Excel answer sheet to send to a plant"),
    "template.description": (
        "写出«questionnaire»的 Excel «answer_sheet»：填写说明表、企业表（企业信息和«profile»题目）、带下拉选项的答题表，"
        "以及记录«questionnaire»编号、版本和哈希的隐藏表。可用 Excel、WPS 或 LibreOffice 填写，再用 `assess import`、"
        "`assess score` 或 `assess batch` 读回。退出码：0 表示已写出，1 表示有问题，2 表示用法错误。",
        "Write the Excel answer sheet of a questionnaire: an Instructions sheet, a Company sheet (company "
        "details and profile questions), an Answers sheet with drop-downs, and hidden Lists and Meta sheets "
        "that pin the questionnaire's id, version and hash. Fill it in Excel, WPS or LibreOffice, then read it "
        "back with `assess import`, `assess score` or `assess batch`. Exit 0 when written, 1 on a problem, 2 "
        "on usage errors."),
    "template.output": ("«answer_sheet»的保存位置：.xlsx 文件或文件夹（默认：当前文件夹下的 编号-版本-语言.xlsx）",
                        "where to write the sheet: an .xlsx file or a folder (default: ID-VERSION-LANG.xlsx in the "
                        "current folder)"),
    "template.answers": ("用«answer_file»预填«answer_sheet»（未给 -q 时使用该文件的«questionnaire»）",
                         "pre-fill the sheet from an answer file (its questionnaire is used unless -q is given)"),
    "template.level_notes": ("把每道成熟度题目的各«level»说明加为答题单元格的批注（文件更大，读取稍慢）",
                             "add each maturity question's level descriptors as a comment on its answer cell "
                             "(a larger file, read a little more slowly)"),
    # import
    "import.help": ("把填好的«answer_sheet»（.xlsx）转换为«answer_file»（.json）",
                    "convert a filled answer sheet (.xlsx) to an answer file (.json)"),
    "import.description": (
        "读取填好的 Excel «answer_sheet»（先经过工作簿安全检查），按题目编号对应每个«answer»，写出«answer_file»。"
        "每个«problem»都会注明工作表、单元格和«fix»；即使其他«answer»有«problem»，可用的«answer»也会写入。"
        "退出码：0 表示写出且没有«severity.error»（只有«severity.warning»不算），1 表示有«severity.error»或«answer_sheet»"
        "无法读取，2 表示用法错误。",
        "Read a filled Excel answer sheet (checked by the workbook guard first), match every answer by question "
        "id, and write the answer file. Every problem is listed with its sheet and cell and how to fix it; "
        "usable answers are written even when others have problems. Exit 0 when written without errors "
        "(warnings alone do not count), 1 when there are errors or the sheet cannot be read, 2 on usage errors."),
    "import.sheet": ("填好的«answer_sheet»", "the filled answer sheet"),
    "import.output": ("«answer_file»的保存位置（默认：与«answer_sheet»同名，扩展名为 .json）",
                      "where to write the answer file (default: the sheet's name with .json)"),
    # migrate
    "migrate.help": ("把«answer»延续到«questionnaire»的新版本", "carry answers forward to a later questionnaire release"),
    "migrate.description": (
        "按新版本的迁移表，把«answer_file»（.json）或填好的«answer_sheet»（.xlsx，按其制作时的版本读取）中的«answer»"
        "延续到«questionnaire»的新版本，写入新的«answer_file»。每个未能延续的«answer»都会说明原因；延续时有改动的«answer»"
        "（移动、拆分、合并、改写、改变题型、证据状态）会列出供核对。原文件绝不改动。退出码：0 表示已写出，"
        "1 表示什么也没能写出（或«answer_sheet»有错误，相关«answer»无法延续），2 表示用法错误。",
        "Carry the answers of an answer file (.json), or of a filled answer sheet (.xlsx, read under the "
        "release it was made for), to a later release of the questionnaire, as that release's migration table "
        "says, and write them to a new answer file. Every answer that is not carried is named with why; "
        "answers carried with a change (moved, split, merged, reworded, retyped, evidence state) are listed to "
        "check. The original is never changed. Exit 0 when written, 1 when nothing could be written (or the "
        "sheet had errors, whose answers could not carry), 2 on usage errors."),
    "migrate.answers": _ANSWERS,
    "migrate.to": ("延续到的版本：VERSION、ID@VERSION 或«questionnaire»文件（默认：«answer»可延续到的内置最新版）",
                   "the release to carry to: VERSION, ID@VERSION or a questionnaire file (default: the newest "
                   "bundled release the answers carry into)"),
    "migrate.output": ("新«answer_file»的保存位置（默认：与输入文件同目录，名为 文件名-版本.json）",
                       "where to write the new answer file (default: beside the input, named NAME-VERSION.json)"),
    # diff
    "diff.help": ("两个«questionnaire»版本之间有哪些变化", "what changed between two questionnaire releases"),
    "diff.description": (
        "列出«questionnaire»从一个版本到另一个版本的变化：逐项列出评分规则的改动，新增、删除和改动的«pillars»、"
        "«question»和«programmes»，以及新版本是否说明了«answer»如何延续（`assess migrate`）。每个版本可写作 VERSION、"
        "ID@VERSION 或«questionnaire»文件。退出码：0 表示成功，1 表示有版本无法加载，2 表示用法错误。",
        "List what changed from one release of a questionnaire to another: the scoring policy field by field, "
        "pillars, questions and programmes added, removed and changed, and whether the later release says how "
        "answers carry forward (`assess migrate`). Each release is VERSION, ID@VERSION or a questionnaire file. "
        "Exit 0, 1 when a release cannot be loaded, 2 on usage errors."),
    "diff.old": ("较早的版本：VERSION、ID@VERSION 或 YAML 文件", "the earlier release: VERSION, ID@VERSION or a YAML file"),
    "diff.new": ("较新的版本：VERSION、ID@VERSION 或 YAML 文件", "the later release: VERSION, ID@VERSION or a YAML file"),
    # batch
    "batch.help": ("批量为多份«answer_sheet»和«answer_file»评分，生成«portfolio»",
                   "score many answer sheets and answer files into a portfolio"),
    "batch.description": (
        "为给出的或在文件夹中找到的每份«answer_sheet»（.xlsx）和«answer_file»（.json）评分，由批处理监管的多个工作进程"
        "并行处理（某个文件让读取程序崩溃或卡住时，该文件被«refused»，其余照常进行）。写出 portfolio.xlsx（每家企业一行，"
        "一张带图表的«benchmark»表和一张«problems»表）、portfolio.csv 和 portfolio.json；加 --reports 时为每家已评分"
        "企业写一份«gap_report»。一个工作簿里用复制的工作表（“Company (2)”和“Answers (2)”……）填了多个工厂的，每个工厂各占一行、各有一份报告，名为“<文件名> (2)”。重复提交（同样的«answer»再次发来，或同一家«company»）会被标出。同一文件夹同时只能写入一个"
        "批处理（第二个会被拒绝，并指出第一个）；中途停止的批处理（Ctrl-C、强制结束）只留下名为 portfolio.partial.* "
        "的输出，绝不会留下看似完整的«portfolio»。退出码：0 表示每个文件都评分无误，1 表示有文件存在«problems»或被"
        "«refused»，2 表示用法错误。",
        "Score every answer sheet (.xlsx) and answer file (.json) named or found in the folders given, in "
        "parallel worker processes that the batch supervises (a file that crashes or hangs its reader is "
        "refused, the others go on). Writes portfolio.xlsx (one row per firm, a Benchmark sheet with a chart, a "
        "Problems sheet), portfolio.csv and portfolio.json, and with --reports one gap report per scored firm. "
        "A workbook holding more plants on copied sheets ('Company (2)' and 'Answers (2)', ...) gives each its own "
        "row and report, named '<file> (2)'. Duplicate submissions (the same answers sent twice, or the same "
        "company) are flagged. One batch at a time "
        "writes into a folder (a second is refused, naming the first); a batch stopped half way (Ctrl-C, kill) "
        "leaves its outputs named portfolio.partial.*, never a portfolio that looks complete. Exit 0 when every "
        "file scored clean, 1 when any file had problems or was refused, 2 on usage errors."),
    "batch.paths": ("«answer_sheet»、«answer_file»，或存放它们的文件夹", "answer sheets, answer files, or folders of them"),
    "batch.output": ("结果的存放文件夹（默认：reports/batch-<日期-时间>/）",
                     "folder for the results (default: reports/batch-<date-time>/)"),
    "batch.jobs": ("工作进程数（默认：CPU 核数，最多 8 个）", "worker processes (default: the number of cores, at most 8)"),
    "batch.reports": ("为每家已评分企业写一份«gap_report»（默认：是）", "write a gap report per scored firm (default: yes)"),
    "batch.timeout": ("单个文件最长处理时间，超时即«refused»（默认 20）",
                      "longest time one file may take before it is refused (default 20)"),
    "batch.memory": ("工作进程在启动占用之外最多可用的内存，超出即停止该进程（默认 1024）",
                     "memory a worker may use beyond its start-up size before it is stopped (default 1024)"),
    "batch.quiet": ("不逐个文件输出，只给汇总", "no line per file; only the summary"),
    "batch.evidence": ("证据文件所在的文件夹：每家企业的证据文件放在其中以该企业文件名（不含扩展名）命名的子文件夹里，"
                       "凡其«answer»指向的文件都会计算 SHA-256 并列在它的«gap_report»上",
                       "folder of evidence files: each firm's in a subfolder named as its answer file without the "
                       "extension; each file its answers name there is hashed (SHA-256) and listed on its gap report"),
    "batch.include_all": ("«benchmark»也计入重复文件、读取出错的文件、按其他版本作答的文件和答题不足一半的文件"
                          "（默认：不计入，并在«benchmark»表上列出）",
                          "count duplicates, files read with errors, files answered under another release and files "
                          "less than half answered in the benchmark too (default: left out, and named on the "
                          "Benchmark sheet)"),
    # validate
    "validate.help": ("检查«questionnaire»、种子数据和锁定文件", "check questionnaires, seeds and the lock file"),
    "validate.description": (
        "按结构定义和每条交叉引用规则检查«questionnaire»和种子数据文件，并把已发布的版本与锁定文件比对。"
        "未给 PATH 时检查内置内容。退出码：0 表示没有问题，1 表示有«problems»，2 表示用法错误。",
        "Check questionnaire and seed files against the schema and every cross-reference rule, and released "
        "versions against the lock file. With no PATH, checks the bundled content. Exit 0 when clean, 1 when "
        "there are problems, 2 on usage errors."),
    "validate.paths": ("«questionnaire»或种子数据文件，或文件夹", "questionnaire or seed files, or folders"),
    "validate.lock": ("把尚未记入锁定文件的内置版本的哈希记录下来（已记录的绝不改动）",
                      "record the hash of bundled versions not yet in the lock file (never changes a recorded one)"),
    # list
    "list.help": ("列出内置的«questionnaire»", "list the bundled questionnaires"),
    "list.description": ("列出内置的«questionnaire»：编号、版本、哈希前缀、题目数和语言。",
                         "List bundled questionnaires: id, version, hash prefix, question counts, locales."),
    "list.json": ("以 JSON 代替表格输出", "print JSON instead of a table"),
    # schema
    "schema.help": ("输出 JSON Schema", "print a JSON Schema"),
    "schema.description": ("输出«questionnaire»格式（默认）、«answer_file»（--answers）或评分结果（--assessment）的 JSON Schema。",
                           "Print the JSON Schema of the questionnaire format (default), of the answer file "
                           "(--answers) or of the scoring output (--assessment)."),
    "schema.answers": ("«answer_file»的结构定义", "schema of the answer file"),
    "schema.assessment": ("评分结果（JSON）的结构定义", "schema of the scoring output (JSON)"),
})
"""Help texts by `command.option`; `assess.cli.words.h` gives one in the help's language."""

ARGPARSE: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可用：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r 被忽略",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能给一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r（应为 %(type)s）",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}
"""argparse's English (its gettext message ids, Python 3.11 to 3.13) and the Chinese shown instead."""
