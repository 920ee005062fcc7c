"""The kind of each refusal, as the batch's summary counts them: why a file was not scored."""

from assess.text.glossary import table

MESSAGES = table({
    # the workbook guard
    "refusal.unreadable": ("无法读取", "unreadable"),
    "refusal.empty": ("空文件", "empty file"),
    "refusal.too_large": ("文件过大", "too large"),
    "refusal.not_xlsx": ("不是 .xlsx 工作簿", "not an .xlsx workbook"),
    "refusal.legacy_xls": ("旧版 .xls 工作簿", "an old .xls workbook"),
    "refusal.encrypted": ("设有密码", "encrypted"),
    "refusal.ods": ("OpenDocument 表格", "an OpenDocument spreadsheet"),
    "refusal.other_format": ("不是电子表格", "not a spreadsheet"),
    "refusal.not_workbook": ("不是工作簿", "not a workbook"),
    "refusal.corrupt": ("文件已损坏", "damaged"),
    "refusal.too_many_parts": ("组成部件过多", "too many parts"),
    "refusal.part_too_large": ("疑似压缩炸弹（部件过大）", "possible zip bomb (a part too large)"),
    "refusal.uncompressed_too_large": ("疑似压缩炸弹（解压后过大）", "possible zip bomb (too large unpacked)"),
    "refusal.compression_ratio": ("疑似压缩炸弹（压缩比过高）", "possible zip bomb (compression ratio)"),
    "refusal.size_mismatch": ("压缩包声明的大小不实", "zip sizes misstated"),
    "refusal.dtd": ("XML 中含 DTD 声明", "a DTD in its XML"),
    "refusal.xml_encoding": ("XML 编码异常", "an unusual XML encoding"),
    "refusal.macros": ("含宏", "macros"),
    "refusal.external_links": ("链接到其他工作簿", "links to other workbooks"),
    "refusal.ole2_bounds": (".xls 文件结构越界", "an .xls whose structure is out of bounds"),
    "refusal.ods_repeats": ("疑似表格炸弹（.ods 重复行列过多）", "possible sheet bomb (.ods repeats)"),
    "refusal.no_dimension": ("工作表缺少使用范围", "a sheet without its used range"),
    # the answer-sheet reader
    "refusal.not_answer_sheet": ("不是«answer_sheet»", "not an «answer_sheet»"),
    "refusal.format": ("«answer_sheet»格式版本不受支持", "an unsupported «answer_sheet» format"),
    "refusal.wrong_questionnaire": ("属于其他«questionnaire»或版本", "made for another «questionnaire» or version"),
    # the batch
    "refusal.gap_report": ("是«gap_report»，不是«answer_sheet»", "a «gap_report», not an «answer_sheet»"),
    "refusal.not_answer_file": ("不是«answer_file»", "not an «answer_file»"),
    "refusal.other_file": ("不是«answer_sheet»或«answer_file»", "not an «answer_sheet» or «answer_file»"),
    "refusal.unsafe_name": ("压缩包中的路径穿越", "path traversal in an archive"),
    "refusal.nested_archive": ("压缩包中的压缩包", "an archive in an archive"),
    "refusal.other_archive": ("不是 .zip 的压缩包", "an archive other than .zip"),
    "refusal.not_filled_in": ("未填写", "not filled in"),
    "refusal.plant_incomplete": ("工厂的两张工作表缺了一张", "one of a plant's two sheets is missing"),
    "refusal.crashed": ("读取进程崩溃", "the reader crashed"),
    "refusal.timeout": ("读取超时", "took too long"),
    "refusal.out_of_memory": ("读取时内存不足", "out of memory"),
    "refusal.internal_error": ("内部错误", "an internal error"),
})
