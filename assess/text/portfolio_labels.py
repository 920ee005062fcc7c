"""The portfolio's own words (portfolio.xlsx: sheet names, column titles, statuses, the benchmark),
in Chinese and English, written with the glossary's terms.

Questionnaire text (pillar and level names) comes from the questionnaire through
`assess.model.localize`. portfolio.csv and portfolio.json keep their column keys and status words
(ok, problems, refused) in English in both languages: they are data for other programs.
"""

from __future__ import annotations

from assess.text.glossary import pick, table

LABELS: dict[str, tuple[str, str]] = table({
    # sheet names (at most 31 characters, none of []:*?/\)
    "sheet.portfolio": ("«portfolio»", "«Portfolio»"),
    "sheet.benchmark": ("«benchmark»", "«Benchmark»"),
    "sheet.problems": ("«problems»", "«Problems»"),
    # columns of the portfolio sheet
    "file": ("文件", "File"),
    "company": ("«company»", "«Company»"),
    "status": ("«status»", "«Status»"),
    "errors": ("«severity.error»", "Errors"),
    "warnings": ("«severity.warning»", "Warnings"),
    "completion": ("«completion»", "«Completion»"),
    "overall": ("«overall»«claimed_score»", "«Overall» («claimed»)"),
    "overall_evidenced": ("«overall»«evidenced_score»", "«Overall» («evidenced»)"),
    "overall_audited": ("«overall»«audited_score»", "«Overall» («audited»)"),
    "level": ("«level»", "«Level»"),
    "level_name": ("«level»名称", "«Level» name"),
    "pillar": ("{name}", "{name}"),  # the pillar's id is in the CSV and the JSON, for programs
    "pillar_evidenced": ("{name}\n«evidenced»", "{name} («evidenced»)"),  # zh: 有据 on a line below, in a narrow column
    "gates_failed": ("«gates_failed»", "«Gates_failed»"),
    "top_gaps": ("主要«gap»", "Top «gap»s"),
    "duplicate_of": ("重复于", "Duplicate of"),
    "code": ("«refused»类别", "Refusal kind"),
    "reason": ("«refused»原因", "Refused because"),
    "newer_release": ("有更新的版本（assess migrate）", "Newer release (assess migrate)"),
    "report": ("«gap_report»", "«Gap_report»"),
    "sha256": ("SHA-256", "SHA-256"),
    "benchmark": ("计入«benchmark»", "In «benchmark»"),
    "bench.in": ("计入", "counted"),
    "bench.out": ("未计入：{why}", "left out: {why}"),
    "bench.why.duplicate": ("与 {other} 重复", "duplicate of {other}"),
    "bench.why.copied": ("与 {other} 的«answer»完全相同，只是«company»不同", "the same «answer»s as {other} under "
                         "another «company»'s name"),
    "bench.why.same_company": ("与 {other} 是同一家«company»，但«answer»不同；计入的是 {other}",
                               "the same «company» as {other}, with different «answer»s; {other} counts"),
    "bench.why.same_company_later": ("与 {other} 是同一家«company»，这一份保存得更晚，但计入的是先读到的 {other}"
                                     "（见“«problems»”表）",
                                     "the same «company» as {other}; this copy was saved later, but {other}, read "
                                     "first, counts (see the «Problems» sheet)"),
    "bench.why.errors": ("有 {n} 个错误，见«gap_report»的“数据质量”工作表", "{n} errors: see the «gap_report»'s "
                         "Data quality sheet"),
    "bench.why.release": ("按 {release} 作答，分值与本次 {batch} 的不可直接比较",
                          "answered under {release}: its scores do not compare with {batch}'s"),
    "bench.why.incomplete": ("{applicable} 道«question»只答了 {answered} 道，不到一半",
                             "only {answered} of its {applicable} «question»s answered, less than half"),
    "bench.counts": ("本«benchmark»统计 {n} 家企业（见“«portfolio»”的“计入«benchmark»”列）",
                     "This «benchmark» counts {n} firms (see the «Portfolio» sheet's In «benchmark» column)"),
    "bench.left_out_firm": ("{company}（{file}）", "{company} ({file})"),
    "bench.left_out_line": ("{firm}：{why}", "{firm}: {why}"),
    "bench.left_out": ("未计入的 {n} 份«answer_sheet»（重复、有错误、按其他版本作答或答题不足一半；加 --include-all 可全部计入）：",
                       "{n} «answer_sheet»s left out (duplicates, with errors, under another release or less than half "
                       "answered; --include-all counts them all):"),
    "bench.all": ("按 --include-all，重复、有错误、按其他版本作答和答题不足一半的文件也已计入",
                  "With --include-all: duplicates, files with errors, files under another release and files less "
                  "than half answered are counted too"),
    # a file's status
    "status.ok": ("«scored»", "«scored»"),
    "status.problems": ("«scored»（有«problems»）", "«scored», with «problems»"),
    "status.refused": ("«refused»", "«refused»"),
    # the benchmark sheet
    "bench.subject": ("«pillar»", "«Pillar»"),
    "bench.overall": ("«overall»«claimed_score»", "«Overall» («claimed»)"),
    "bench.overall_evidenced": ("«overall»«evidenced_score»", "«Overall» («evidenced»)"),
    "bench.overall_audited": ("«overall»«audited_score»", "«Overall» («audited»)"),
    "bench.n": ("企业数", "Firms"),
    "bench.min": ("最低", "Min"),
    "bench.q1": ("下四分位数", "Q1"),
    "bench.median": ("中位数", "Median"),
    "bench.q3": ("上四分位数", "Q3"),
    "bench.max": ("最高", "Max"),
    "bench.mean": ("平均", "Mean"),
    "bench.title": ("各«pillar»得分分布（计入«benchmark»的企业）", "Scores by «pillar» over the firms the «benchmark» counts"),
    # the problems sheet
    "prob.severity": ("级别", "Severity"),
    "prob.where": ("位置", "Where"),
    "prob.message": ("«problem»", "«Problem»"),
    "prob.fix": ("«fix»", "«Fix»"),
})


def label(key: str, locale: str, **values: object) -> str:
    """A portfolio label in `locale`; a missing key is a bug, so it raises KeyError."""
    text = pick(LABELS[key], locale)
    return text.format(**values) if values else text
