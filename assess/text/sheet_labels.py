"""The answer sheet's own words, in Chinese and English: column headings, the Company sheet's
fields, the guide column, Excel's input messages and the instructions.

Questionnaire text (prompts, levels, options) comes from the questionnaire itself. The reader
recognises a column by its heading in either language, and by the headings of earlier answer
sheets (`EARLIER_HEADINGS`), which plants may still send back.
"""

from __future__ import annotations

from assess.text.glossary import expand, table

_WORDS = table({
    # column headings
    "col.id": ("编号", "ID"),
    "col.pillar": ("«pillar»", "«Pillar»"),
    "col.question": ("«question»", "«Question»"),
    "col.item": ("项目", "Item"),
    "col.status": ("«status»", "«Status»"),
    "col.value": ("«answer»", "«Answer»"),
    "col.note": ("«note»", "«Note»"),
    "col.evidence": ("«evidence»（文件名、链接或编号，每行一项）", "«Evidence» (file, link or record; one per line)"),
    "col.evidence_state": ("«evidence_state»", "«Evidence_state»"),
    "col.guide": ("填写说明", "How to answer"),
    # statuses, evidence states, yes/no
    "status.answered": ("«status.answered»", "«status.answered»"),
    "status.na": ("«status.na»", "«status.na»"),
    "status.dont_know": ("«status.dont_know»", "«status.dont_know»"),
    "evidence.declared": ("«evidence.declared»", "«evidence.declared»"),
    "evidence.documented": ("«evidence.documented»", "«evidence.documented»"),
    "evidence.verified": ("«evidence.verified»", "«evidence.verified»"),
    "yes": ("«yes»", "«yes»"),
    "no": ("«no»", "«no»"),
    "comment": ("批注", "Comment"),
    # company fields
    "company.name": ("企业名称", "Company name"),
    "company.sector": ("所属行业", "Sector"),
    "company.region": ("所在省份/地区", "Province or region"),
    "company.contact": ("联系人或邮箱", "Contact person or e-mail"),
    "respondent.name": ("«respondent»", "«Respondent»"),
    "respondent.role": ("«respondent»职务", "«Respondent»'s role"),
    "profile": ("«profile»（决定哪些«question»适用）", "«Profile» (decides which «question»s apply)"),
    # guides
    "guide.maturity": ("从下拉列表选择 0–5 级；选中单元格即显示本题各等级含义",
                       "choose a level 0–5 from the list; select the cell to see what each level means here"),
    "guide.yes_no": ("选择“«yes»”或“«no»”", "choose yes or no"),
    "guide.percentage": ("填写 0–100 的数字（百分比：80 即 80%）", "a number 0–100 (per cent: 80 means 80%)"),
    "guide.number": ("填写数字", "a number"),
    "guide.single": ("从下拉列表选择一项", "choose one item from the list"),
    "guide.multi": ("在下方每个适用的选项行选择“«yes»”（可多选）", "choose yes on each option row below"),
    "guide.option": ("适用则选“«yes»”", "yes if it applies"),
    "guide.text": ("自由填写", "free text"),
    "guide.text_max": ("最多 {n} 字", "at most {n} characters"),
    "guide.range": ("范围 {lo} – {hi}", "from {lo} to {hi}"),
    "guide.min": ("不小于 {lo}", "at least {lo}"),
    "guide.max": ("不大于 {hi}", "at most {hi}"),
    "guide.unit": ("单位：{u}", "unit: {u}"),
    "guide.na": ("可选“«status.na»”", "«status.na» allowed"),
    "guide.gate": ("«gate»（法规或安全要求）", "«gate» (law or safety)"),
    "guide.company": ("自由填写", "free text"),
    "guide.levels": ("各等级含义", "What each level means"),
    # Excel's messages on a wrong entry
    "err.title": ("输入无效", "Invalid entry"),
    "err.list": ("请从下拉列表中选择。", "Please choose from the drop-down list."),
    "err.percentage": ("请填写 0 到 100 之间的数字。", "Please enter a number from 0 to 100."),
    "err.number": ("请填写允许范围内的数字：{r}", "Please enter a number {r}."),
    "err.text": ("文字过长：最多 {n} 字。", "Too long: at most {n} characters."),
    "err.unique": ("这个名称已在本列中使用：每张«card»的名称必须不同。",
                   "This name is already used in this column: every «card» needs its own."),
    # card sheets: the line above the table, and column headings built from the questionnaire's words
    "card.one": ("每行填写一张«card»，即一个{item}", "One «card» per row, each describing one {item}"),
    "card.key": ("“{key}”必填，且各行不得重复", "'{key}' is required and differs from row to row"),
    "card.max": ("最多 {n} 张«card»", "at most {n} «card»s"),
    "card.blank": ("空行不读取，空单元格按未作答计", "blank rows are skipped and blank cells left unanswered"),
    "card.state": ("«evidence»及«evidence_state»适用于该«card»的全部«answer»；«evidence_state»可选“«evidence.declared»”"
                   "或“«evidence.documented»”，“«evidence.verified»”由«reviewer»确认",
                   "the «evidence» and its state apply to every «answer» on the «card»; the «evidence_state» is "
                   "«evidence.declared» or «evidence.documented», and only a reviewer marks it «evidence.verified»"),
    "card.option": ("{prompt}：{option}", "{prompt}: {option}"),
    "card.unit": ("{prompt}（{unit}）", "{prompt} ({unit})"),
    # instructions
    "title": ("«answer_sheet»", "«Answer_sheet»"),
})

WORDS: dict[str, dict[str, str]] = {key: {"zh": zh, "en": en} for key, (zh, en) in _WORDS.items()}
"""Each word as {locale: text}, as `assess.model.localize` reads questionnaire text."""

EARLIER_HEADINGS: dict[str, tuple[str, ...]] = {
    "col.pillar": ("领域",),
    "col.question": ("问题",),
}
"""Headings that earlier answer sheets wrote, still recognised when a plant sends one back."""

_INSTRUCTIONS = {
    "zh": [
        "填写步骤",
        "1. 在“Company”表填写企业信息和«profile»题目；«profile»决定哪些«question»适用：不适用的«question»会变灰，"
        "标成橙红色的空白«profile»题目决定某个«gate»是否适用，必须填写。",
        "2. 在“Answers”表逐题作答：黄色单元格可填写，其余单元格已锁定。",
        "3. “«status»”留空即视为«status.answered»；无法回答时选“«status.dont_know»”；仅在允许时可选“«status.na»”。",
        "4. “«answer»”请从下拉列表选择；百分比填 0–100 的数字；多选题在每个适用的选项行选择“«yes»”。",
        "5. 可在“«note»”“«evidence»”中说明依据，«evidence»也可插入指向文件或网页的超链接（Ctrl+K）；"
        "“«evidence_state»”默认为“«evidence.declared»”。",
        "6. «card»工作表（如有）逐项填写：每行一张«card»，第一列的名称必填且各行不得重复；空行不读取。",
        "7. 请勿修改编号列和«question»文字，请勿插入、删除或复制行，请勿重命名工作表，请勿输入公式。",
        "8. 保存为 .xlsx 格式后交回（Excel、WPS、LibreOffice 均可）。",
        "",
        "本表按编号读取«answer»；修改«question»文字、删除行或改错版本都会在导入时被逐条指出。",
    ],
    "en": [
        "How to fill in this sheet",
        "1. On 'Company', give the company's details and answer the «profile» questions: they decide "
        "which «question»s apply. «Question»s that do not apply turn grey; a blank «profile» question shown "
        "in salmon decides whether a «gate» applies, and must be answered.",
        "2. On 'Answers', answer each «question»: yellow cells are for you, the others are locked.",
        "3. A blank «status» means «status.answered»; choose «status.dont_know» when you cannot answer, and "
        "«status.na» only where it is offered.",
        "4. Choose «answer»s from the drop-down lists; percentages are numbers from 0 to 100; on a "
        "multi-select «question» choose yes on each option row that applies.",
        "5. Notes and «evidence» say what backs an «answer», and «evidence» may link to a file or page "
        "(Ctrl+K); the «evidence_state» is «evidence.declared» unless you choose otherwise.",
        "6. «Card» sheets (if any) list items one by one: one «card» per row, its name in the first column, "
        "required and different on every row; blank rows are skipped.",
        "7. Do not change the ID column or the «question» text, do not insert, delete or copy rows, do "
        "not rename sheets, and do not type formulas.",
        "8. Save as .xlsx and send it back (Excel, WPS and LibreOffice all work).",
        "",
        "«Answer»s are read by ID; edited «question»s, deleted rows or a wrong version are each reported "
        "when the sheet is read.",
    ],
}

INSTRUCTION_LINES: dict[str, list[str]] = {loc: [expand(line, loc) for line in lines]
                                           for loc, lines in _INSTRUCTIONS.items()}
