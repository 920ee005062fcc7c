"""Two releases of the small sample questionnaire, for carrying answers forward and for the diff: the
sample itself (1.0.0) and a 1.1.0 that rewords, splits, merges, retypes and removes questions, adds
a pillar, changes the scoring policy and gives the table from 1.0.0."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml

from assess.answers import Answer, AnswerSet, Change, Company, Respondent, Session
from assess.canonical import digest
from assess.content.bundled import ref_of
from assess.model import Questionnaire
from tests.conftest import SAMPLE

AT = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def v1_data() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def _yes_no(qid: str, zh: str, en: str) -> dict:
    return {"id": qid, "type": "yes_no", "prompt": {"zh": zh, "en": en}, "citations": ["plan"]}


def v2_data() -> dict:
    d = v1_data()
    d["version"] = "1.1.0"
    d["scoring"].update(gates="separate", respondent_verifies=False, blank="zero")
    size = d["profile"][0]
    size["options"] = [{"id": "sme", "label": {"zh": "中小型", "en": "SME"}},
                       {"id": "large", "label": {"zh": "大型", "en": "Large"}}]
    compute = d["pillars"][0]
    c01, c02, c03, c04, c05 = compute["questions"]
    c02["prompt"] = {"zh": "断供时可自主维持的推理占比", "en": "Share of inference you could keep running if cut off"}
    c45 = dict(c04, id="C45", prompt={"zh": "加速卡数量或利用率", "en": "Accelerators or utilisation"})
    compute["questions"] = [c01, c02, _yes_no("C03a", "是否有降级方案？", "Is there a fallback mode?"),
                            _yes_no("C03b", "降级方案是否演练过？", "Has the fallback been rehearsed?"), c45]
    gov = d["pillars"][1]
    gov["weight"] = 3
    g01, g02, g03, g04, _g05 = gov["questions"]
    g02["options"] = [{"id": "none", "label": {"zh": "无", "en": "None"}, "points": 0},
                      {"id": "basic", "label": {"zh": "有基本制度", "en": "Basic policy"}, "points": 2},
                      {"id": "certified", "label": {"zh": "已认证", "en": "Certified"}, "points": 5}]
    g03["options"] = [o for o in g03["options"] if o["id"] != "watermark"]
    gov["questions"] = [g01, g02, g03, g04]
    d["pillars"].append({"id": "D", "name": {"zh": "数据", "en": "Data"}, "target": 2,
                         "questions": [_yes_no("D01", "是否有数据目录？", "Is there a data catalogue?")]})
    d["programmes"][0]["criteria"][0]["at_least"] = 4
    why = {"zh": "措辞更准确", "en": "clearer wording"}
    d["migrations"] = [{"from": "1.0.0", "questions": [
        {"old": "P-SIZE", "kind": "retyped", "to": ["P-SIZE"], "values": {"small": "sme"}},
        {"old": "P-EXPORT", "kind": "same", "to": ["P-EXPORT"]},
        {"old": "P-ROLES", "kind": "same", "to": ["P-ROLES"]},
        {"old": "C01", "kind": "same", "to": ["C01"]},
        {"old": "C02", "kind": "reworded", "to": ["C02"], "why": why},
        {"old": "C03", "kind": "split", "to": ["C03a", "C03b"]},
        {"old": "C04", "kind": "merged", "to": ["C45"]},
        {"old": "C05", "kind": "merged", "to": ["C45"]},
        {"old": "G01", "kind": "same", "to": ["G01"]},
        {"old": "G02", "kind": "retyped", "to": ["G02"], "values": {"policy": "basic"}},
        {"old": "G03", "kind": "retyped", "to": ["G03"], "values": {"watermark": None},
         "why": {"zh": "水印不再计分", "en": "watermarking no longer counts"}},
        {"old": "G04", "kind": "same", "to": ["G04"]},
        {"old": "G05", "kind": "removed", "why": {"zh": "备注改在报告中填写", "en": "remarks now go in the report"}},
    ]}]
    return d


def load(data: dict) -> tuple[Questionnaire, str]:
    q = Questionnaire.model_validate(data)
    return q, digest(q)


def write(folder: Path, data: dict) -> Path:
    """`folder/<id>/<version>.yaml`, as a questionnaires folder holds releases."""
    path = folder / data["id"] / f"{data['version']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def v1_answers(q: Questionnaire, h: str) -> AnswerSet:
    """An answer file to 1.0.0 that meets every case of the table, plus an answer the table does
    not list and a target of a pillar that is gone."""
    return AnswerSet(
        questionnaire=ref_of(q, h),
        company=Company(name="苏州精密机械有限公司", region="江苏"),
        respondent=Respondent(name="李伟", role="数字化负责人"),
        answers={
            "P-SIZE": Answer(value="small"),
            "P-EXPORT": Answer(value=True),
            "P-ROLES": Answer(value=["user", "builder"]),
            "C01": Answer(value=3, note="容量计划 2026", evidence=["CP-2026.pdf"], evidence_state="documented",
                          by="李伟", at=AT),
            "C02": Answer(value=40),
            "C03": Answer(value=True, evidence_state="verified"),
            "C04": Answer(status="dont_know"),
            "C05": Answer(value=55),
            "G01": Answer(value=True, evidence_state="verified", evidence=["MLPS-filing.pdf"]),
            "G02": Answer(value="policy"),
            "G03": Answer(value=["encrypt", "watermark"]),
            "G04": Answer(value=False),
            "G05": Answer(value="见附件"),
            "ZZ9": Answer(value=1),
        },
        targets={"C": 4, "OLD": 2},
        session=Session(question="C03", locale="zh"),
        history=[Change(at=AT, by="李伟", question="C01", old=2, new=3)],
    )
