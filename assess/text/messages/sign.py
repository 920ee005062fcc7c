"""Signing keys and signed «gap_report»s: `assess keygen`, `--sign` and what `assess verify` says of a
signature."""

from assess.text.glossary import table

MESSAGES = table({
    # key files
    "sign.name_empty": ("«signer»姓名不能为空", "the «signer»'s name is empty"),
    "sign.unreadable": ("无法读取密钥文件：{error}", "cannot read the key file: {error}"),
    "sign.not_a_key": ("这不是可用的密钥文件（其中没有 PEM 格式的密钥，或内容已损坏）",
                       "this is not a usable key file (it holds no PEM key, or it is damaged)"),
    "sign.not_ed25519": ("这是 {kind} 密钥，assess 只使用 Ed25519 密钥", "this is a {kind} key; assess uses Ed25519 keys only"),
    "sign.private.fix": ("请给出 assess keygen 生成的«private_key»文件（姓名.key）；还没有的话，用 assess keygen 姓名 生成",
                         "give the «private_key» file made by assess keygen (NAME.key); to make one, run assess keygen NAME"),
    "sign.public.fix": ("请给出«signer»交来的«public_key»文件（姓名.pub，由 assess keygen 生成）",
                        "give the «public_key» file the «signer» handed out (NAME.pub, made by assess keygen)"),
    "sign.public_given": ("这是«public_key»，不能用来签名", "this is a «public_key»: it cannot sign"),
    "sign.public_given.fix": ("请用同名的«private_key»文件（.key）签名；{file} 是给核验报告的人用 --trust 的",
                              "sign with the «private_key» file of the same name (.key); {file} is for those who "
                              "check reports, with --trust"),
    "sign.private_given": ("这是«private_key»：核验只需要«public_key»，«private_key»不应离开«signer»本人",
                           "this is a «private_key»: checking needs only the «public_key», and a «private_key» "
                           "must not leave its «signer»"),
    "sign.private_given.fix": ("请改用对应的 .pub 文件，并确认这个«private_key»没有外泄",
                               "give the matching .pub file instead, and make sure this «private_key» has not leaked"),
    "sign.needs_passphrase": ("这个«private_key»设有«passphrase»，但这里没有终端可以询问",
                              "this «private_key» is protected by a «passphrase», and there is no terminal to ask for it"),
    "sign.needs_passphrase.fix": ("请在终端（命令提示符）中运行该命令，按提示输入«passphrase»",
                                  "run the command in a terminal and type the «passphrase» when asked"),
    "sign.wrong_passphrase": ("«passphrase»不正确，无法解开这个«private_key»",
                              "wrong «passphrase»: the «private_key» cannot be unlocked"),
    "sign.wrong_passphrase.fix": ("请重新运行，输入生成密钥时设定的«passphrase»",
                                  "run it again and type the «passphrase» set when the key was made"),
    "sign.passphrase_prompt": ("请输入 {file} 的«passphrase»：", "«Passphrase» for {file}: "),
    # assess keygen
    "sign.new_passphrase": ("为新«private_key»设定«passphrase»：", "«Passphrase» for the new «private_key»: "),
    "sign.repeat_passphrase": ("再输入一次«passphrase»：", "The «passphrase» again: "),
    "sign.passphrases_differ": ("两次输入的«passphrase»不一致，未生成密钥", "the two «passphrase»s differ; no key was made"),
    "sign.passphrase_empty": ("«passphrase»为空，未生成密钥；不需要«passphrase»的话，去掉 --passphrase 即可",
                              "the «passphrase» is empty; no key was made (leave out --passphrase for a key without one)"),
    "sign.passphrase_no_terminal": ("--passphrase 需要在终端中输入«passphrase»",
                                    "--passphrase needs a terminal to type the «passphrase» in"),
    "sign.key_exists": ("{path} 已存在，没有覆盖任何密钥；请换一个名字，或用 --out 另选文件夹",
                        "{path} already exists, and no key was overwritten; choose another name, or another folder "
                        "with --out"),
    "sign.keygen_done": ("已为 {name} 生成签名密钥，指纹 {fingerprint}", "made a signing key for {name}, fingerprint {fingerprint}"),
    "sign.keygen_private": ("«private_key»（自己保管，切勿外传）：{path}", "«private_key» (keep it to yourself; never send it): {path}"),
    "sign.keygen_public": ("«public_key»（交给核验报告的人）：{path}", "«public_key» (hand it to whoever checks your reports): {path}"),
    # signing
    "sign.signed_by": ("已由 {name}（«fingerprint» {fingerprint}）签名", "signed by {name} («fingerprint» {fingerprint})"),
    "sign.batch_no_reports": ("--sign 为每份«gap_report»签名，不能与 --no-reports 同用",
                              "--sign signs each «gap_report»: it cannot go with --no-reports"),
    # assess verify
    "sign.status.unsigned": ("未签名", "unsigned"),
    "sign.status.signed": ("已由 {name}（«fingerprint» {fingerprint}）签名", "signed by {name} («fingerprint» {fingerprint})"),
    "sign.status.trusted": ("已由 {name}（«fingerprint» {fingerprint}）签名，所用密钥受信任（{file}）",
                            "signed by {name} («fingerprint» {fingerprint}), a trusted key ({file})"),
    "sign.status.changed": ("{name}（«fingerprint» {fingerprint}）的«signature»{trusted}本身有效，但它担保的是签名时的内容："
                            "文件现在显示的内容在签名后被改动过，与所签内容不符（改动的单元格见下）",
                            "the «signature» of {name} («fingerprint» {fingerprint}){trusted} holds only for the content "
                            "as signed: what the file shows was changed after signing and is not what was signed (the "
                            "changed cells are listed below)"),
    "sign.status.other_source": ("{name}（«fingerprint» {fingerprint}）的«signature»{trusted}本身有效，但所签报告的答案"
                                 "与 --source 给出的文件不同（不同之处见下）",
                                 "the «signature» of {name} («fingerprint» {fingerprint}){trusted} holds, but the report "
                                 "it signs has other answers than the file given with --source (the differences are "
                                 "listed below)"),
    "sign.status.trusted_key": ("（受信任的密钥，{file}）", ", a trusted key ({file}),"),
    "sign.status.bad": ("«signature»无效", "the «signature» is not valid"),
    "sign.unsigned_untrusted": ("报告没有签名，而 --trust 要求由受信任的密钥签名",
                                "the report is not signed, and --trust asks for a «signature» by a trusted key"),
    "sign.untrusted": ("报告由 {name}（«fingerprint» {fingerprint}）签名，但这个密钥不在 --trust 给出的受信任密钥之中",
                       "the report is signed by {name} («fingerprint» {fingerprint}), which is not one of the keys "
                       "given with --trust"),
    "sign.untrusted.fix": ("请向«signer»索取其签名的原始报告；或与其当面或电话核对«fingerprint»后，用 --trust 加上其«public_key»",
                           "ask the «signer» for the report as they signed it; or check the «fingerprint» with them "
                           "in person or by phone, and add their «public_key» with --trust"),
    "sign.bad": ("{name}（«fingerprint» {fingerprint}）的«signature»与报告内容不符：报告在签名后被改动过",
                 "the «signature» of {name} («fingerprint» {fingerprint}) does not match the report: it was changed "
                 "after signing"),
    "sign.bad.fix": ("请向«signer»重新索取报告", "ask the «signer» for the report again"),
    "sign.other_version": ("{name}（«fingerprint» {fingerprint}）的«signature»签的是 assess {made} 生成的版式，"
                           "assess {checked} 无法核对",
                           "the «signature» of {name} («fingerprint» {fingerprint}) signs the report as assess {made} "
                           "lays it out, which assess {checked} cannot check"),
    "sign.other_version.fix": ("请用 assess {made} 核验这份报告", "verify the report with assess {made}"),
    "sign.block.marker": ("«signature»工作表里不是 assess 的«signature»", "the «signature» sheet does not hold an assess «signature»"),
    "sign.block.format": ("不支持«signature»格式 {format}（本版本读取 {supported}）",
                          "«signature» format {format} is not supported (this version reads {supported})"),
    "sign.block.field": ("«signature»中的“{field}”缺失或已损坏", "the «signature»'s '{field}' is missing or damaged"),
    "sign.block.after_last": ("«signature»之后还有多出的内容", "unexpected content after the «signature»"),
    "sign.block.algorithm": ("不支持«signature»算法 {algorithm}", "«signature» algorithm {algorithm} is not supported"),
    "sign.block.fingerprint": ("«signature»中记录的«fingerprint» {stored} 与其«public_key»不符（应为 {actual}）",
                               "the «fingerprint» recorded with the «signature», {stored}, is not its «public_key»'s "
                               "({actual})"),
    "sign.block.unreadable": ("无法读取«signature»工作表：{error}", "cannot read the «signature» sheet: {error}"),
})
