"""Rules over a questionnaire and its answers: when a question applies, and whether an answer is
one it accepts. This is the one judge of answers: the answer sheet, the app and answer files convert
what a person typed into a value, and ask `check_value` / `check_answer` whether it is acceptable.
Every check yields problems (their words are catalogue messages, `answer.*`); none stops early."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping

from assess.answers import Answer, AnswerSet, Value
from assess.memo import per_object
from assess.model import (
    CardGroup,
    Condition,
    DependsOn,
    EvidenceState,
    MaturityQuestion,
    MultiSelectQuestion,
    NumberQuestion,
    PercentageQuestion,
    Pillar,
    Predicate,
    QuestionBase,
    Questionnaire,
    ScoringPolicy,
    SingleSelectQuestion,
    TextQuestion,
    YesNoQuestion,
)
from assess.problems import Msg, Problem, msg

# --------------------------------------------------------------------------- predicates


def is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def holds(pred: Predicate, question: QuestionBase, value: Value) -> bool:
    """Whether an answered value passes a predicate. No value never passes."""
    if value is None:
        return False
    if pred.equals is not None:
        if isinstance(pred.equals, bool) != isinstance(value, bool):
            return False
        return value == pred.equals
    if pred.one_of is not None:
        return not isinstance(value, list) and any(
            value == x and isinstance(x, bool) == isinstance(value, bool) for x in pred.one_of
        )
    if pred.includes is not None:
        chosen = value if isinstance(value, list) else [value]
        return any(opt in chosen for opt in pred.includes)
    if pred.at_least is not None:
        if isinstance(question, SingleSelectQuestion):
            points = {o.id: o.points for o in question.options}
            return value in points and points[value] >= pred.at_least
        return is_number(value) and value >= pred.at_least
    return False


def applies(question: QuestionBase, answers: AnswerSet, by_id: Mapping[str, QuestionBase]) -> bool:
    """Whether the profile answers make a question apply (no depends_on: always)."""
    dep = question.depends_on
    if dep is None:
        return True
    return depends_holds(dep, answers, by_id)


def depends_holds(
    dep: DependsOn, answers: AnswerSet, by_id: Mapping[str, QuestionBase], depth: int = 0
) -> bool:
    """Whether a depends_on holds. A condition on a profile question that is itself hidden
    never holds: its answer is out of date, not merely unanswered."""

    def one(c: Condition) -> bool:
        q = by_id.get(c.question)
        if q is None or not holds(c, q, answers.value_of(c.question)):
            return False
        return q.depends_on is None or (depth < 8 and depends_holds(q.depends_on, answers, by_id, depth + 1))

    return all(one(c) for c in dep.all) and (not dep.any or any(one(c) for c in dep.any))


def depends_state(
    dep: DependsOn, answers: AnswerSet, by_id: Mapping[str, QuestionBase], depth: int = 0
) -> tuple[bool | None, list[str]]:
    """Whether a depends_on holds, with blank profile answers left undecided: (True | False | None,
    the profile questions whose blank answers leave it undecided). A condition on a profile
    question with no answer (or "don't know", or a value the question refuses) is undecided; one
    on a profile question that is itself hidden does not hold. `all` fails on any failing condition,
    `any` holds on any holding one; otherwise an undecided condition leaves the whole undecided."""
    missing: list[str] = []

    def one(c: Condition) -> bool | None:
        q = by_id.get(c.question)
        if q is None:
            return False
        own: bool | None = True
        if q.depends_on is not None and depth < 8:
            own, why = depends_state(q.depends_on, answers, by_id, depth + 1)
            if own is False:
                return False
            if own is None:
                missing.extend(x for x in why if x not in missing)
        value = answers.value_of(c.question)
        if value is not None and check_value(q, value) is not None:
            value = None  # an answer its question refuses is scored as unanswered: so it decides nothing
        if value is None:
            if c.question not in missing:
                missing.append(c.question)
            return None
        return None if own is None and holds(c, q, value) else holds(c, q, value)

    alls = [one(c) for c in dep.all]
    if any(r is False for r in alls):
        return False, []
    anys = [one(c) for c in dep.any]
    if dep.any and any(r is True for r in anys) and all(r is True for r in alls):
        return True, []
    if dep.any and all(r is False for r in anys):
        return False, []
    if all(r is True for r in alls) and (not dep.any or any(r is True for r in anys)):
        return True, []
    return None, missing


def decide(
    dep: DependsOn | None, answers: AnswerSet, by_id: Mapping[str, QuestionBase], blank_applies: bool
) -> tuple[bool, list[str]]:
    """(applies, the blank profile answers it waits on). A depends_on that blank profile answers
    leave undecided applies when `blank_applies` (policy `blank: zero`: blank is never better than
    an honest answer), and does not otherwise."""
    if dep is None:
        return True, []
    if not blank_applies:  # blank leaves out: the rule releases before 1.1.0 were scored by, unchanged
        return depends_holds(dep, answers, by_id), []
    state, missing = depends_state(dep, answers, by_id)
    return (True, missing) if state is None else (state, [])


def asked(q: Questionnaire, question: QuestionBase, answers: AnswerSet, by_id: Mapping[str, QuestionBase]) -> bool:
    """Whether a question is put to this firm: its pillar applies and so does the question, under
    the questionnaire's policy for blank profile answers. The app, the answer sheet and scoring agree."""
    blank_applies = q.scoring.blank == "zero"
    for p in q.pillars:
        if p.depends_on is not None and any(x is question for x in p.questions):
            if not decide(p.depends_on, answers, by_id, blank_applies)[0]:
                return False
            break
    return decide(question.depends_on, answers, by_id, blank_applies)[0]


def asked_ids(q: Questionnaire, answers: AnswerSet, by_id: Mapping[str, QuestionBase]) -> set[str]:
    """The ids of every question put to this firm (`asked`), each pillar's condition decided once."""
    blank_applies = q.scoring.blank == "zero"
    # most questions depend on nothing: `decide` is asked only of those that do
    put = {x.id for x in q.profile if x.depends_on is None or decide(x.depends_on, answers, by_id, blank_applies)[0]}
    for p in q.pillars:
        if decide(p.depends_on, answers, by_id, blank_applies)[0]:
            put.update(x.id for x in p.questions
                       if x.depends_on is None or decide(x.depends_on, answers, by_id, blank_applies)[0])
    return put


def group_applies(q: Questionnaire, pillar: Pillar, group: CardGroup, answers: AnswerSet,
                  by_id: Mapping[str, QuestionBase] | None = None) -> bool:
    """Whether a card group is asked: its pillar's and its own depends_on hold, under the policy
    for blank profile answers (as `asked` for a question)."""
    by_id = by_id if by_id is not None else question_index(q)
    blank_applies = q.scoring.blank == "zero"
    return all(decide(dep, answers, by_id, blank_applies)[0] for dep in (pillar.depends_on, group.depends_on))


# --------------------------------------------------------------------------- evidence


DITTO = frozenset({"同上", "同前", "同上行", "同上一行", "如上", "同左", "ditto", "same as above", "as above"})
"""A ditto in an evidence cell: the document is the row above's, which a report, listing answers by
question, cannot show; the client is asked to name it again."""

NO_DOCUMENT = frozenset({
    "无", "没有", "暂无", "暂缺", "缺", "无证据", "无文件", "无资料", "没有文件", "暂无文件", "暂无资料",
    "待补充", "待补", "后补", "补充中", "待提供", "待上传", "稍后提供", "后续提供", "后续补充", "未提供", "未上传",
    "待定", "有", "有文件", "有的", "是", "否", "不适用", "见附件", "详见附件", "附件", "见附表", "另附", "略",
    "n/a", "na", "none", "nil", "null", "tbd", "todo", "yes", "y", "no", "n", "see attachment",
    "attached", "to follow", "pending", "0"}) | DITTO
"""What clients write in an evidence cell that names no document (normalised as `names_document`
compares): there is none, it comes later, it is attached somewhere, or a bare yes."""

ELSEWHERE = frozenset({
    "同上一题", "同上题", "见上", "见上文",
    "见微信", "见微信群", "见微信群文件", "微信群", "微信群文件", "微信群里", "已发微信", "已发微信群", "微信已发",
    "见群文件", "群文件", "见邮件", "见邮箱", "已发邮件", "邮件已发", "已发送", "已提供", "已上传", "已提交",
    "见网盘", "见共享盘", "见共享文件夹", "微信群里有", "群里有", "已邮件发送", "邮件发送", "纸质版已寄出", "已寄出",
    "现场查看", "现场", "see email", "sent by email", "emailed", "see wechat", "sent", "provided", "uploaded",
    "on site"})
"""Where a document is, written instead of which it is: sent or put somewhere (已发邮件, 见微信群文件), to
be seen on site (现场查看), or on another row (见上, 同上一题, as `DITTO`). Names none (since 0.6.0)."""


def names_document(reference: str) -> bool:
    """Whether an evidence reference names a document: not blank, not a word of `NO_DOCUMENT` (暂无,
    待补充, 见附件, N/A, 同上) or `ELSEWHERE` (见微信群), however spaced, in quotes or brackets or not,
    with a remark in brackets after a word that says there is none or not yet (待补充（月底前）), and not
    a tick, cross or dash alone. "见附件3", "附件：能耗台账", "见附件（能耗台账）" or "能耗台账（2024版）"
    names one."""
    text = _reference_form(reference)
    return text not in _NAMES_NONE and any(ch.isalnum() for ch in text)


def _reference_form(reference: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", reference).casefold().split()).strip(_AROUND)
    core = _REMARK.sub("", text).strip(_AROUND)
    if core != text and core in _SAYS_NONE:  # 待补充（月底前）; but 见附件（能耗台账） names what its brackets hold
        return core
    return text.strip(_AROUND + "()[]【】")


_AROUND = "。.,，:：;；\"'“”‘’「」『』《》〈〉"
"""What may stand around a reference without being part of it: its punctuation and quotes."""
_REMARK = re.compile(r"(?<=.)[(\[【][^()\[\]【】]*[)\]】]$")
"""A remark in brackets after a reference (NFKC has made （） plain): 待补充（月底前）."""
_POINTERS = frozenset({"有", "有文件", "有的", "是", "见附件", "详见附件", "附件", "见附表", "另附", "yes", "y",
                       "see attachment", "attached"})
"""Words of `NO_DOCUMENT` that point at a document rather than say there is none: what brackets after
them hold may name it (见附件（能耗台账）)."""
_SAYS_NONE = frozenset("".join(w.split()) for w in NO_DOCUMENT - _POINTERS)
"""Words that say there is no document, or not yet, or that it is above: a remark after one does not
change that (待补充（月底前）)."""
_NAMES_NONE = frozenset(_reference_form(word) for word in NO_DOCUMENT | ELSEWHERE)
"""`NO_DOCUMENT` and `ELSEWHERE` as `_reference_form` writes what is compared with them (同 上 as 同上)."""


def counted_state(policy: ScoringPolicy, answer: Answer) -> tuple[EvidenceState, str]:
    """The evidence state an answer counts with, and why it differs from the one given ("" when it
    does not): "self_verified", a respondent's "verified" where only a reviewer verifies (read as
    documented); "unnamed", "documented" without a named document where the policy asks for one
    (read as declared), a placeholder such as 暂无 naming none (`names_document`). Scoring and programme
    readiness both judge evidence by this one rule."""
    state, why = answer.evidence_state, ""
    if state == EvidenceState.verified and not policy.respondent_verifies:
        state, why = EvidenceState.documented, "self_verified"
    if state == EvidenceState.documented and policy.documented_names_evidence \
            and not any(names_document(e) for e in answer.evidence):
        state, why = EvidenceState.declared, "unnamed"
    return state, why


# --------------------------------------------------------------------------- answers


def _shown(value: Value) -> str:
    """A value as the person who gave it would recognise it in a message."""
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def check_value(question: QuestionBase, value: Value) -> Msg | None:
    """Why `value` is not a valid answer to `question`, or None when it is (the value is shown in
    the message only when there is one to write)."""
    if isinstance(question, MaturityQuestion):
        if not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 5):
            return msg("answer.level", got=_shown(value), top=len(question.levels) - 1)
    elif isinstance(question, YesNoQuestion):
        if not isinstance(value, bool):
            return msg("answer.yes_no", got=_shown(value))
    elif isinstance(question, PercentageQuestion):
        if not (is_number(value) and math.isfinite(value) and 0 <= value <= 100):
            return msg("answer.percentage", got=_shown(value))
    elif isinstance(question, SingleSelectQuestion):
        ids = [o.id for o in question.options]
        if value not in ids or isinstance(value, bool):
            return msg("answer.option", got=_shown(value), options=ids)
    elif isinstance(question, MultiSelectQuestion):
        ids = {o.id: o for o in question.options}
        if not isinstance(value, list):
            return msg("answer.options_list", got=_shown(value))
        unknown = [v for v in value if v not in ids]
        if unknown:
            return msg("answer.unknown_options", got=unknown, options=list(ids))
        if len(set(value)) != len(value):
            return msg("answer.option_twice")
        exclusive = [v for v in value if ids[v].exclusive]
        if exclusive and len(value) > 1:
            return msg("answer.exclusive", option=ids[exclusive[0]].label)  # the label the respondent chose
    elif isinstance(question, NumberQuestion):
        if not (is_number(value) and math.isfinite(value)):
            return msg("answer.number", got=_shown(value))
        if question.min is not None and value < question.min:
            return msg("answer.below", got=value, min=question.min)
        if question.max is not None and value > question.max:
            return msg("answer.above", got=value, max=question.max)
    elif isinstance(question, TextQuestion):
        if not isinstance(value, str):
            return msg("answer.text", got=_shown(value))
        if question.max_length is not None and len(value) > question.max_length:
            return msg("answer.too_long", n=question.max_length, length=len(value))
    return None


def check_answer(question: QuestionBase, answer: Answer) -> Msg | None:
    """Why an answer is not acceptable for a question, or None."""
    if answer.status == "na":
        if question.gate is not None:
            return msg("answer.na_on_gate")
        if not question.allow_na:
            return msg("answer.na_not_allowed")
        return None
    if answer.status == "dont_know":
        return None
    if answer.value is None:
        return msg("answer.no_value")
    return check_value(question, answer.value)


def card_key_form(key: str) -> str:
    """What two card keys are compared by: trimmed, full-width folded to half-width (as a Chinese
    input method types "Ａ线"), case ignored; so "A线" and "ａ线 " name the same item."""
    return unicodedata.normalize("NFKC", key).strip().casefold()


def check_card_key(key: str, others: Iterable[str]) -> Msg | None:
    """Why `key` cannot name a card in a group whose other cards are named `others`, or None."""
    if not key.strip():
        return msg("answer.card_key_empty")
    form = card_key_form(key)
    for other in others:
        if card_key_form(other) == form:
            return msg("answer.card_key_taken", name=other)
    return None


def check_answers(q: Questionnaire, answers: AnswerSet) -> list[Problem]:
    """Every problem of an answer set against its questionnaire."""
    problems: list[Problem] = []
    ref = answers.questionnaire
    if ref.id != q.id:
        problems.append(Problem(msg("answer.other_questionnaire", got=ref.id, expected=q.id), "questionnaire.id"))
    if ref.version != q.version:
        problems.append(Problem(msg("answer.other_version", got=ref.version, expected=q.version),
                                "questionnaire.version"))
    by_id = question_index(q)
    for qid, answer in answers.answers.items():
        question = by_id.get(qid)
        if question is None:
            problems.append(Problem(msg("answer.unknown_question", question=qid, questionnaire=q.ref),
                                    f"answers.{qid}"))
            continue
        why = check_answer(question, answer)
        if why:
            problems.append(Problem(why, f"answers.{qid}"))
        review = answer.review
        if review is not None and review.value is not None:
            why = check_value(question, review.value)
            if why is not None:  # scored 0 in the audited figures: never a guess at what was meant
                problems.append(Problem(msg("answer.review_value", why=why), f"answers.{qid}.review.value"))
    problems.extend(check_cards(q, answers))
    problems.extend(check_targets(q, answers.targets))
    return problems


def check_cards(q: Questionnaire, answers: AnswerSet) -> list[Problem]:
    """Every problem of an answer set's cards: an unknown group or question, an empty or repeated
    name, more cards than the group takes, an answer its question refuses."""
    groups = {g.id: g for _, g in q.card_groups()}
    out: list[Problem] = []
    for gid, cards in answers.cards.items():
        group = groups.get(gid)
        if group is None:
            out.append(Problem(msg("answer.unknown_card_group", group=gid, questionnaire=q.ref), f"cards.{gid}"))
            continue
        if len(cards) > group.max_cards:
            out.append(Problem(msg("answer.card_limit", max=group.max_cards), f"cards.{gid}"))
        own = {x.id: x for x in group.questions}
        names: list[str] = []
        for i, card in enumerate(cards):
            where = f"cards.{gid}[{i}]"
            why = check_card_key(card.key, names)
            if why is not None:
                out.append(Problem(why, f"{where}.key"))
            names.append(card.key)
            for qid, answer in card.answers.items():
                question = own.get(qid)
                if question is None:
                    out.append(Problem(msg("answer.unknown_card_question", group=gid, question=qid),
                                       f"{where}.answers.{qid}"))
                    continue
                why = check_answer(question, answer)
                if why is not None:
                    out.append(Problem(why, f"{where}.answers.{qid}"))
    return out


def check_targets(q: Questionnaire, targets: Mapping[str, object]) -> list[Problem]:
    """Every problem of a set of per-pillar targets (unknown pillar, not a number in 0..5)."""
    pillars = {p.id for p in q.pillars}
    out = []
    for pid, value in targets.items():
        if pid not in pillars:
            out.append(Problem(msg("answer.unknown_pillar", pillar=pid, pillars=sorted(pillars)), f"targets.{pid}"))
        elif not (is_number(value) and 0 <= value <= 5):  # type: ignore[operator]
            out.append(Problem(msg("answer.target_range", got=_shown(value)), f"targets.{pid}"))  # type: ignore[arg-type]
    return out


@per_object(16)
def question_index(q: Questionnaire) -> dict[str, QuestionBase]:
    """Every question of `q` by id, the profile's included (shared: read it, never change it)."""
    return {question.id: question for _, question in q.all_questions()}
