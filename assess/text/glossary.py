"""The glossary: every concept a user meets, named once in Chinese and once in English.

A plant manager who reads 支柱 in the app must find 支柱 in the answer sheet, the gap report, the
portfolio and on the command line, never 维度 or 领域 for the same thing. So label tables and
messages do not spell these words themselves: they write `«pillar»` (or `«Pillar»` for a capital
in English) and `expand` puts the glossary's word in. `tests/unit/test_glossary.py` fails when a
table spells a concept with another word, and when a rendered output does.

Chosen with the content review's advice: 支柱 for the plan's six pillars, 有据得分 for the
figure that weighs evidence, 必备项 for a legal or safety gate (门槛 reads as a score
threshold), 企业画像 for the profile questions, 题目 for a question (问题 is a problem).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

TERMS: dict[str, tuple[str, str]] = {
    # the structure of a questionnaire
    "questionnaire": ("问卷", "questionnaire"),
    "question": ("题目", "question"),
    "profile": ("企业画像", "profile"),
    "pillar": ("支柱", "pillar"),
    "pillars": ("支柱", "pillars"),
    "gate": ("必备项", "gate"),
    "gates": ("必备项", "gates"),
    "card": ("卡片", "card"),
    "cards": ("卡片", "cards"),
    "programme": ("专项", "programme"),
    "programmes": ("专项", "programmes"),
    "criterion": ("条件", "criterion"),
    "level": ("等级", "level"),
    "weight": ("权重", "weight"),
    # figures
    "score": ("得分", "score"),
    "overall": ("总体", "overall"),
    "claimed": ("自评", "claimed"),
    "claimed_score": ("自评得分", "claimed score"),
    "evidenced": ("有据", "evidenced"),
    "evidenced_score": ("有据得分", "evidenced score"),
    "audited": ("审定", "audited"),
    "audited_score": ("审定得分", "audited score"),
    "target": ("目标", "target"),
    "gap": ("差距", "gap"),
    "completion": ("完成度", "completion"),
    "roadmap": ("路线图", "roadmap"),
    "shortest_path": ("达标最短路径", "shortest path to target"),
    "ready": ("已具备", "ready"),
    "not_ready": ("尚未具备", "not ready"),
    "capped": ("封顶", "capped"),
    # what became of a question
    "status": ("状态", "status"),
    "status.answered": ("已作答", "answered"),
    "status.na": ("不适用", "not applicable"),
    "status.dont_know": ("不清楚", "don't know"),
    "status.unanswered": ("未作答", "unanswered"),
    "status.invalid": ("答案无效", "invalid"),
    "status.hidden": ("按画像不涉及", "not asked for this profile"),
    # evidence
    "evidence": ("证据", "evidence"),
    "evidence_state": ("证据状态", "evidence state"),
    "evidence.declared": ("自述", "declared"),
    "evidence.documented": ("有文件", "documented"),
    "evidence.verified": ("经核实", "verified"),
    # a reviewer's decision on an answer
    "review": ("审核", "review"),
    "decision": ("审核结论", "decision"),
    "decision.accepted": ("审核通过", "accepted"),
    "decision.insufficient": ("证据不足", "insufficient evidence"),
    "decision.rejected": ("驳回", "rejected"),
    # gate outcomes
    "gate.passed": ("已通过", "passed"),
    "gate.failed": ("未通过", "failed"),
    "gates_failed": ("未通过的必备项", "gates failed"),
    "gate.unconfirmed": ("未确认", "unconfirmed"),
    "compliance": ("合规", "compliance"),
    "compliance_first": ("合规优先", "compliance first"),
    "waits_on": ("待补企业画像", "waiting on the profile"),
    "reason.not_met": ("未达到", "not met"),
    # the roadmap's phases
    "phase.now": ("立即", "now"),
    "phase.next": ("下一步", "next"),
    "phase.later": ("之后", "later"),
    # files and who uses them
    "answer": ("答案", "answer"),
    "answer_file": ("答案文件", "answer file"),
    "answer_sheet": ("答卷", "answer sheet"),
    "gap_report": ("差距报告", "gap report"),
    "review_workbook": ("审核表", "review workbook"),
    "portfolio": ("汇总表", "portfolio"),
    "benchmark": ("对标", "benchmark"),
    "company": ("企业", "company"),
    "respondent": ("填写人", "respondent"),
    "reviewer": ("审核人", "reviewer"),
    "note": ("备注", "note"),
    # signed reports
    "signature": ("签名", "signature"),
    "signer": ("签名人", "signer"),
    "fingerprint": ("指纹", "fingerprint"),
    "private_key": ("私钥", "private key"),
    "public_key": ("公钥", "public key"),
    "passphrase": ("口令", "passphrase"),
    # problems
    "problem": ("问题", "problem"),
    "problems": ("问题", "problems"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.notice": ("提示", "notice"),
    "fix": ("如何改正", "how to fix"),
    "refused": ("拒收", "refused"),
    "scored": ("已评分", "scored"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}

LOCALES = ("zh", "en")

_TERM = re.compile(r"«([A-Za-z][\w.]*)»")


def term(key: str, locale: str, capital: bool = False) -> str:
    """A term in `locale` (zh, else English); `capital` capitalises the English word."""
    zh, en = TERMS[key]
    if locale == "zh":
        return zh
    return en[:1].upper() + en[1:] if capital else en


def expand(text: str, locale: str) -> str:
    """`text` with every `«key»` replaced by the glossary's term (`«Key»`: capitalised in English).
    An unknown key is a bug in a table, so it raises KeyError."""
    if "«" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        key = m.group(1)
        lowered = key[:1].lower() + key[1:]
        return term(lowered, locale, capital=key[:1].isupper())

    return _TERM.sub(one, text)


def table(entries: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """A label table with its glossary terms put in, once, at import."""
    return {k: (expand(zh, "zh"), expand(en, "en")) for k, (zh, en) in entries.items()}


def pair(key: str, capitalise: bool = False) -> tuple[str, str]:
    """(zh, en) of a term, for label tables kept as pairs."""
    return term(key, "zh"), term(key, "en", capital=capitalise)


def mapping(key: str) -> dict[str, str]:
    """{zh: ..., en: ...} of a term, for label tables kept as mappings."""
    return {"zh": term(key, "zh"), "en": term(key, "en")}


def pick(entry: tuple[str, str], locale: str) -> str:
    """The text of a (zh, en) entry in `locale`."""
    return entry[0] if locale == "zh" else entry[1]
