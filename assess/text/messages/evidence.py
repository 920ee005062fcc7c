"""The words for evidence files: hashed by `assess report --evidence DIR`, checked by `assess verify
--evidence DIR` (`assess.content.evidence`)."""

from assess.text.glossary import table

MESSAGES = table({
    "evidence.dir": ("--evidence {path}：不是文件夹；请给出存放«evidence»文件的文件夹",
                     "--evidence {path}: not a folder; name the folder that holds the «evidence» files"),
    "evidence.hashed": ("«evidence»文件：已找到并计算 SHA-256 {found} 个，文件夹中未找到 {missing} 个，«refused» {refused} 个",
                        "«evidence» files: {found} found and hashed, {missing} not in the folder, {refused} «refused»"),
    "evidence.refused": ("«evidence»引用 {reference} 被«refused»：{why}", "«evidence» reference {reference} «refused»: {why}"),
    "evidence.refused.fix": ("请把该文件放进«evidence»文件夹，并在«answer»中写它在文件夹内的相对路径",
                             "put the file inside the «evidence» folder and give its path within the folder in the «answer»"),
    "evidence.missing": ("«question» {where} 的«evidence»文件 {file} 已不在 {folder} 中",
                         "«evidence» file {file} of «question» {where} is no longer in {folder}"),
    "evidence.changed": ("«question» {where} 的«evidence»文件 {file} 已被改动：报告记录 SHA-256 {listed}…（{size} 字节），"
                         "现在为 {now}…（{now_size} 字节）",
                         "«evidence» file {file} of «question» {where} has changed: the report lists SHA-256 {listed}… "
                         "({size} bytes), it is now {now}… ({now_size} bytes)"),
    "evidence.now_refused": ("«question» {where} 的«evidence»文件 {file} 现在被«refused»：{why}",
                             "«evidence» file {file} of «question» {where} is now «refused»: {why}"),
    "evidence.check.fix": ("请找回报告生成时的原文件；若文件确应更新，请用新文件重新生成报告",
                           "restore the file as it was when the report was made; if it was rightly updated, make the "
                           "report again"),
    "evidence.none_listed": ("该报告生成时未指定«evidence»文件夹，没有可核对的文件",
                             "the report was made without an «evidence» folder: no file to check"),
    "evidence.none_listed.fix": ("请用 assess report --evidence DIR 重新生成报告",
                                 "make the report again with assess report --evidence DIR"),
    "evidence.unchecked": ("报告列出 {n} 个«evidence»文件；加上 --evidence DIR 可核对它们是否未被改动",
                           "the report lists {n} «evidence» file(s); add --evidence DIR to check they are unchanged"),
    "evidence.why.absolute": ("绝对路径或盘符，不在该文件夹内", "an absolute path or drive, not inside the folder"),
    "evidence.why.outside": ("路径指向文件夹之外", "the path leads out of the folder"),
    "evidence.why.odd": ("不是普通文件名（控制字符、设备名或数据流）",
                         "not a plain file name (control characters, a device name or a stream)"),
    "evidence.why.not_file": ("不是普通文件（文件夹、管道或设备）", "not a plain file (a folder, pipe or device)"),
    "evidence.why.too_big": ("超过 {mb} MB，未计算哈希", "larger than {mb} MB, not hashed"),
    "evidence.why.unreadable": ("无法读取", "cannot be read"),
    "evidence.checked": ("{n} 个«evidence»文件与报告记录的 SHA-256 一致",
                         "{n} «evidence» file(s) match the SHA-256 the report lists"),
})
