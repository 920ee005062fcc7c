"""Signed gap reports: `assess keygen` makes a key pair, `report --sign` and `batch --sign` sign, and
`assess verify` names the signer, fails a report whose signature does not hold, and with --trust
fails any report not signed by a trusted key (unsigned, or re-signed by someone else)."""

from __future__ import annotations

import os
import shutil

import openpyxl
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from assess.answers import Answer
from assess.cli import main
from assess.content.answer_file import save_answers
from assess.content.keys import fingerprint, load_public, load_signer
from assess.content.yaml_file import ContentError
from assess.excel.report_render import write_report
from assess.text.messages import say
from tests.conftest import SAMPLE

Q = ["-q", str(SAMPLE)]


@pytest.fixture
def keys(tmp_path, capsys):
    """Two signers' key pairs, made with `assess keygen`: {name: (private, public)}."""
    made = {}
    for name in ("Alice", "Mallory"):
        assert main(["keygen", name, "--out", str(tmp_path / "keys")]) == 0
        made[name] = (tmp_path / "keys" / f"{name}.key", tmp_path / "keys" / f"{name}.pub")
    capsys.readouterr()
    return made


@pytest.fixture
def answers_file(tmp_path, sample_answers):
    path = tmp_path / "acme.json"
    save_answers(path, sample_answers)
    return path


def report(tmp_path, answers_file, key, name="signed.xlsx"):
    """A gap report of the answers, signed with `key` (unsigned for None), in a folder of reports."""
    out = tmp_path / "reports" / name
    argv = ["report", str(answers_file), *Q, "-o", str(out)] + (["--sign", str(key)] if key else [])
    assert main(argv) == 0
    assert out.exists()
    return out


def verify(capsys, path, *trust):
    argv = ["verify", str(path), *Q] + (["--trust", *map(str, trust)] if trust else [])
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def edit(path, sheet, cell, value, out_name="edited.xlsx"):
    """A copy of the workbook with one cell changed, saved as an editor would (openpyxl)."""
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell].value = value
    out = path.with_name(out_name)
    wb.save(out)
    return out


# ------------------------------------------------------------------ keygen


def test_keygen_writes_a_private_and_a_public_key_and_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "keys"
    assert main(["keygen", "张 工程师", "--out", str(folder), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    private, public = folder / "张 工程师.key", folder / "张 工程师.pub"
    assert "BEGIN PRIVATE KEY" in private.read_text("utf-8")
    assert "# assess-signer: 张 工程师" in public.read_text("utf-8")
    pub = load_public(public)
    assert pub.name == "张 工程师" and f"指纹 {pub.fingerprint}" in out and str(private) in out
    assert load_signer(private).public == type(pub)(pub.name, pub.raw)  # the pair belongs together
    if os.name == "posix":  # the private key is its owner's alone; the public one is for anyone
        assert private.stat().st_mode & 0o777 == 0o600
        assert public.stat().st_mode & 0o077 != 0
    before = private.read_bytes()
    assert main(["keygen", "张 工程师", "--out", str(folder)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert private.read_bytes() == before


@pytest.mark.parametrize(("name", "said"), [("  ", "name is empty"), ("a\nb", "line break")])
def test_keygen_refuses_a_name_it_cannot_write(tmp_path, name, said, capsys):
    assert main(["keygen", name, "--out", str(tmp_path)]) == 2
    assert said in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_keygen_asks_for_a_passphrase_only_on_a_terminal(tmp_path, capsys):
    assert main(["keygen", "Alice", "--out", str(tmp_path), "--passphrase"]) == 2
    assert "needs a terminal" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ sign and verify


def test_a_signed_report_verifies_and_names_its_signer(tmp_path, answers_file, keys, capsys):
    alice, alice_pub = keys["Alice"]
    path = report(tmp_path, answers_file, alice)
    fp = load_public(alice_pub).fingerprint
    assert f"signed by Alice (fingerprint {fp})" in capsys.readouterr().out
    assert openpyxl.load_workbook(path)["Signature"].sheet_state == "hidden"
    code, text = verify(capsys, path)
    assert code == 0, text
    assert f"signed by Alice (fingerprint {fp})" in text and "OK" in text
    code, text = verify(capsys, path, alice_pub)
    assert code == 0, text
    assert "a trusted key" in text
    code, text = verify(capsys, path, keys["Mallory"][1], alice_pub)  # one of several trusted keys
    assert code == 0, text


def test_verify_in_chinese_says_who_signed(tmp_path, answers_file, keys, capsys):
    path = report(tmp_path, answers_file, keys["Alice"][0])
    capsys.readouterr()
    assert main(["verify", str(path), *Q, "--lang", "zh"]) == 0
    fp = load_public(keys["Alice"][1]).fingerprint
    assert f"已由 Alice（指纹 {fp}）签名" in capsys.readouterr().out
    assert main(["verify", str(path), *Q, "--lang", "zh", "--trust", str(keys["Alice"][1])]) == 0
    assert f"已由 Alice（指纹 {fp}）签名，所用密钥受信任（{keys['Alice'][1]}）" in capsys.readouterr().out


def test_an_unsigned_report_says_so_and_fails_when_a_key_is_trusted(tmp_path, answers_file, keys, capsys):
    path = report(tmp_path, answers_file, None)
    code, text = verify(capsys, path)
    assert code == 0 and "unsigned" in text
    code, text = verify(capsys, path, keys["Alice"][1])
    assert code == 1
    assert "not signed" in text and "--trust" in text


def test_a_report_signed_by_another_key_fails_under_trust(tmp_path, answers_file, keys, capsys):
    path = report(tmp_path, answers_file, keys["Mallory"][0])
    code, text = verify(capsys, path)
    assert code == 0 and "signed by Mallory" in text  # a good signature, by someone
    code, text = verify(capsys, path, keys["Alice"][1])
    assert code == 1
    assert "not one of the keys given with --trust" in text


def test_edited_content_re_signed_with_another_key_fails_under_trust(tmp_path, answers_file, sample_answers,
                                                                       keys, capsys):
    """Someone changes the answers and signs the new report with their own key, under Alice's
    name: the report is consistent and its signature sound, but it is not Alice's key."""
    genuine = report(tmp_path, answers_file, keys["Alice"][0], "genuine.xlsx")
    better = sample_answers.model_copy(update={"answers": {**sample_answers.answers, "C02": Answer(value=100)}})
    forged_answers = tmp_path / "forged.json"
    save_answers(forged_answers, better)
    impostor = tmp_path / "impostor"
    assert main(["keygen", "Alice", "--out", str(impostor)]) == 0
    forged = report(tmp_path, forged_answers, impostor / "Alice.key", "forged.xlsx")
    code, text = verify(capsys, forged)
    assert code == 0 and "signed by Alice" in text, text  # the name alone proves nothing...
    code, text = verify(capsys, forged, keys["Alice"][1])
    assert code == 1 and "not one of the keys given with --trust" in text  # ...the key does
    assert verify(capsys, genuine, keys["Alice"][1])[0] == 0


def test_a_signature_moved_onto_another_report_fails(tmp_path, answers_file, sample_answers, keys, capsys):
    """Alice's signature block copied onto a report with other figures does not hold."""
    genuine = report(tmp_path, answers_file, keys["Alice"][0], "genuine.xlsx")
    other_answers = tmp_path / "other.json"
    save_answers(other_answers, sample_answers.model_copy(update={
        "answers": {**sample_answers.answers, "C01": Answer(value=5)}}))
    other = report(tmp_path, other_answers, keys["Mallory"][0], "other.xlsx")
    block = [row for row in openpyxl.load_workbook(genuine)["Signature"].iter_rows(values_only=True)]
    wb = openpyxl.load_workbook(other)
    for r, row in enumerate(block, 1):
        for c, v in enumerate(row, 1):
            wb["Signature"].cell(r, c).value = v
    moved = tmp_path / "reports" / "moved.xlsx"
    wb.save(moved)
    code, text = verify(capsys, moved, keys["Alice"][1])
    assert code == 1
    assert "does not match the report: it was changed after signing" in text


@pytest.mark.parametrize(("cell", "value", "said"), [
    ("B6", "flip", "does not match the report"),              # the signature itself
    ("B3", "Alice Smith", "does not match the report"),       # the signer's name is signed too
    ("B4", "0000 0000 0000 0000", "fingerprint recorded"),    # the fingerprint shown
    ("B5", "00" * 32, "fingerprint recorded"),               # someone else's public key
    ("B6", None, "'signature' is missing or damaged"),        # cut short
    ("B5", "abc", "'public_key' is missing or damaged"),
    ("A7", "extra", "unexpected content after the signature"),
    ("B2", "RSA", "algorithm RSA is not supported"),
])
def test_an_edited_signature_block_always_fails(tmp_path, answers_file, keys, capsys, cell, value, said):
    path = report(tmp_path, answers_file, keys["Alice"][0])
    if value == "flip":
        sig = openpyxl.load_workbook(path)["Signature"]["B6"].value
        value = ("0" if sig[0] != "0" else "1") + sig[1:]
    edited = edit(path, "Signature", cell, value)
    code, text = verify(capsys, edited)
    assert code == 1, text
    assert said in text and "Signature" in text
    assert "FAILED" in text


def test_a_deleted_signature_row_fails(tmp_path, answers_file, keys, capsys):
    path = report(tmp_path, answers_file, keys["Alice"][0])
    wb = openpyxl.load_workbook(path)
    wb["Signature"].delete_rows(3)
    cut = tmp_path / "reports" / "cut.xlsx"
    wb.save(cut)
    code, text = verify(capsys, cut)
    assert code == 1 and "'signer' is missing or damaged" in text


def test_a_cell_changed_after_signing_fails(tmp_path, answers_file, keys, capsys):
    path = report(tmp_path, answers_file, keys["Alice"][0])
    edited = edit(path, "Pillars", "E2", 4.99)
    code, text = verify(capsys, edited, keys["Alice"][1])
    assert code == 1 and "Pillars!E2" in text


def test_a_signed_report_in_each_language_verifies(tmp_path, sample, sample_answers, keys):
    from assess.excel.verify import verify_report

    q, h = sample
    signer = load_signer(keys["Alice"][0])
    for locale in ("zh", "en"):
        path = write_report(tmp_path / f"r-{locale}.xlsx", q, h, sample_answers, locale=locale, redact=True,
                            sign=signer)
        result = verify_report(path, str(SAMPLE), [load_public(keys["Alice"][1])])
        assert result.ok, [str(p) for p in result.problems]
        assert result.summary["signature"]["trusted"] is True


# ------------------------------------------------------------------ bad key files


def _pem_file(path, key, private=True, password=None):
    if private:
        enc = (serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption())
        data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc)
    else:
        data = key.public_key().public_bytes(serialization.Encoding.PEM,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p.with_name("x.pub"), "this is a public key: it cannot sign"),
    (lambda p: (p.write_text("hello\n"), p)[1], "not a usable key file"),
    (lambda p: _pem_file(p, rsa.generate_private_key(public_exponent=65537, key_size=1024)), "this is a RSA key"),
    (lambda p: p.with_name("missing.key"), "cannot read the key file"),
])
def test_bad_key_files_for_sign_are_named_with_a_fix(tmp_path, answers_file, make, said, capsys):
    assert main(["keygen", "x", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    key = make(tmp_path / "bad.pem")
    assert main(["report", str(answers_file), *Q, "-o", str(tmp_path / "r.xlsx"), "--sign", str(key)]) == 1
    err = capsys.readouterr().err
    assert said in err and key.name in err and "→" in err
    assert not (tmp_path / "r.xlsx").exists()


def test_a_private_key_given_to_trust_is_refused(tmp_path, answers_file, keys, capsys):
    path = report(tmp_path, answers_file, keys["Alice"][0])
    code, text = verify(capsys, path, keys["Alice"][0])
    assert code == 1 and "this is a private key" in text and "Alice.key" in text


def test_an_encrypted_key_asks_for_its_passphrase(tmp_path, answers_file, capsys):
    key = _pem_file(tmp_path / "enc.key", ed25519.Ed25519PrivateKey.generate(), password=b"s3cret")
    signer = load_signer(key, lambda: "s3cret")
    assert signer.name == "enc"  # a key made elsewhere is named after its file
    with pytest.raises(ContentError) as wrong:
        load_signer(key, lambda: "guess")
    assert "wrong passphrase" in say(wrong.value.problems[0].message, "en")
    # no terminal to ask on (as under pytest): refused, saying so
    assert main(["report", str(answers_file), *Q, "-o", str(tmp_path / "r.xlsx"), "--sign", str(key)]) == 1
    assert "no terminal to ask for it" in capsys.readouterr().err


def test_a_key_made_elsewhere_signs_and_verifies(tmp_path, answers_file, capsys):
    key = ed25519.Ed25519PrivateKey.generate()
    private = _pem_file(tmp_path / "ops.pem", key)
    public = _pem_file(tmp_path / "ops-pub.pem", key, private=False)
    path = report(tmp_path, answers_file, private)
    code, text = verify(capsys, path, public)
    assert code == 0, text
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert f"signed by ops (fingerprint {fingerprint(raw)})" in text


def test_key_files_saved_by_notepad_still_load(tmp_path, capsys):
    """A byte-order mark and Windows line ends, as Notepad may leave them, change nothing: the name
    is still read from the file (not taken from its name, where '/' could not go)."""
    assert main(["keygen", "王工/质量部", "--out", str(tmp_path)]) == 0
    private, public = tmp_path / "王工_质量部.key", tmp_path / "王工_质量部.pub"
    for f in (private, public):
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    signer, pub = load_signer(private), load_public(public)
    assert signer.name == pub.name == "王工/质量部" and signer.public.raw == pub.raw


# ------------------------------------------------------------------ batch


def test_batch_signs_every_report(tmp_path, answers_file, keys, capsys):
    out = tmp_path / "batch"
    code = main(["batch", str(answers_file), *Q, "-o", str(out), "-j", "1", "--quiet", "--sign",
                 str(keys["Alice"][0])])
    assert code == 0, capsys.readouterr()
    made = list((out / "reports").glob("*.xlsx"))
    assert len(made) == 1
    code, text = verify(capsys, made[0], keys["Alice"][1])
    assert code == 0 and "signed by Alice" in text
    assert main(["batch", str(answers_file), *Q, "-o", str(tmp_path / "b2"), "--no-reports", "--sign",
                 str(keys["Alice"][0])]) == 2


# ------------------------------------------------------------------ LibreOffice


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_signed_report_resaved_by_libreoffice_still_verifies(tmp_path, answers_file, keys, capsys):
    import subprocess

    path = report(tmp_path, answers_file, keys["Alice"][0])
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                           "--convert-to", "xlsx", "--outdir", str(tmp_path / "resaved"), str(path)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    resaved = tmp_path / "resaved" / path.name
    assert resaved.exists(), done.stdout + done.stderr
    code, text = verify(capsys, resaved, keys["Alice"][1])
    assert code == 0, text
    assert "signed by Alice" in text and "a trusted key" in text


def test_help_names_the_signing_options(capsys):
    for argv in (["keygen", "--help"], ["report", "--help"], ["verify", "--help"], ["batch", "--help"]):
        assert main(argv) == 0
    text = capsys.readouterr().out
    assert "--sign KEY" in text and "--trust PUB" in text and "--passphrase" in text


def test_a_signature_sheet_without_its_part_is_named_in_words(tmp_path, answers_file, keys, capsys):
    """A crafted report whose Signature sheet points at no part: refused in words, never a message key."""
    import re
    import zipfile
    from xml.etree import ElementTree

    from tests.excel.test_sheet_reader import rewritten

    path = report(tmp_path, answers_file, keys["Alice"][0])
    workbook = zipfile.ZipFile(path).read("xl/workbook.xml")
    rid = re.search(rb'<sheet name="Signature"[^>]*r:id="(rId\d+)"', workbook).group(1)
    rels = zipfile.ZipFile(path).read("xl/_rels/workbook.xml.rels")
    part = next(r.get("Target") for r in ElementTree.fromstring(rels) if r.get("Id") == rid.decode()).encode()
    crafted = tmp_path / "reports" / "crafted.xlsx"
    edits = {"xl/_rels/workbook.xml.rels": [(part, b"worksheets/nowhere.xml")]}
    crafted.write_bytes(rewritten(path.read_bytes(), edits))
    code, text = verify(capsys, crafted)
    assert code == 1
    assert "no part of the workbook holds sheet 'Signature'" in text and "sheet.damaged" not in text
