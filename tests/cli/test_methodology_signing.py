"""The Methodology sheet tells a reader what a signature adds to verify: a signed report names its
signer, and verify --trust proves who issued it; in Chinese and in English."""

from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook

from assess.cli import main
from assess.content.answer_file import save_answers
from tests.conftest import SAMPLE


@pytest.mark.parametrize(("lang", "sheet", "said"), [
    ("zh", "方法说明", ["签名的报告（assess report --sign）写明签名人", "assess verify --trust",
                        "才能证明报告确实由其出具"]),
    ("en", "Methodology", ["A signed report (assess report --sign) names its signer",
                           "assess verify --trust with the signer's public key file proves who issued it"]),
])
def test_the_methodology_says_a_signature_names_the_signer_and_trust_proves_it(tmp_path, sample_answers,
                                                                               lang, sheet, said):
    answers = tmp_path / "acme.json"
    save_answers(answers, sample_answers)
    out = tmp_path / "reports" / "acme.xlsx"
    assert main(["report", str(answers), "-q", str(SAMPLE), "--lang", lang, "-o", str(out)]) == 0
    text = " ".join(str(v) for row in CalamineWorkbook.from_path(str(out)).get_sheet_by_name(sheet).to_python()
                    for v in row)
    for words in said:
        assert words in text
    assert main(["verify", str(out), "-q", str(SAMPLE)]) == 0  # the new words are what verify expects
