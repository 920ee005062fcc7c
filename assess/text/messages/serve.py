"""What `assess serve` says: on the command line when it starts, and on the pages it refuses with
(those show both languages at once: the server cannot know which one the reader reads)."""

from assess.text.glossary import table

MESSAGES = table({
    # the command line
    "serve.not_loopback": ("--host {host} 不是本机回环地址；如确要对外提供，请加 --public",
                           "--host {host} is not a loopback address; add --public to serve it"),
    "serve.open": ("在浏览器中打开此地址（含访问令牌，请勿外传）：", "Open this address in a browser (it holds the access token: keep it private):"),
    "serve.sessions": ("最多同时 {n} 个浏览器会话（--max-sessions）；按 Ctrl+C 停止",
                       "at most {n} browser sessions at once (--max-sessions); press Ctrl+C to stop"),
    "serve.public": (
        "注意：--public 使 {where} 对网络开放。凡是持有上面地址（含令牌）的人，都能查看、修改和导出 {data} 中的全部"
        "«answer_file»。连接没有加密（没有 TLS）：令牌和«answer»在网络上以明文传输。请放在提供 HTTPS 的反向代理之后，"
        "并用 --public-url 给出浏览器访问的地址。",
        "Warning: --public opens {where} to the network. Anyone with the address above (token included) can read, "
        "change and export every «answer_file» in {data}. The connection is not encrypted (no TLS): the token and "
        "the «answer»s cross the network in the clear. Put it behind a reverse proxy that provides HTTPS, and give "
        "the address browsers use with --public-url."),
    "serve.wildcard": ("按 IP 地址或本机名 {name} 访问均可；使用其他域名请用 --public-url 给出",
                       "reach it by IP address or by this machine's name {name}; for another name, give --public-url"),
    # its page, in the server's language (--lang), and uploading a filled sheet from it
    "serve.page.start": ("开始", "Start"),
    "serve.page.ended": ("本次会话已结束，«answer»都已自动保存。", "This session has ended; every «answer» was saved."),
    "serve.page.restart": ("重新开始", "Start again"),
    "serve.page.upload": ("上传已填的 Excel «answer_sheet»…", "Upload a filled Excel «answer_sheet»…"),
    "serve.page.sending": ("正在上传…", "Uploading…"),
    "serve.page.upload_failed": ("上传失败：连不上服务器，请检查网络后重试", "Upload failed: the server could not be reached; try again"),
    "serve.uploaded": ("已上传 {name}：在应用的开始页按 i 导入", "Uploaded {name}: press i on the app's Start screen to import it"),
    "serve.upload_suffix": ("{name} 不是 Excel 答卷（.xlsx、.xls、.xlsb、.et 或 .ods）：请在 Excel 或 WPS 中另存为 .xlsx "
                            "后再上传",
                            "{name} is not an Excel answer sheet (.xlsx, .xls, .xlsb, .et or .ods): save it as .xlsx "
                            "in Excel or WPS, then upload it"),
    "serve.upload_too_large": ("{name} 超过 {mib} MB，无法上传：«answer_sheet»通常只有几十 KB，请确认选对了文件",
                               "{name} is over {mib} MB and cannot be uploaded: an «answer_sheet» is usually a few "
                               "dozen KB; check that it is the right file"),
    "serve.upload_refused": ("{name} 未能通过检查，没有上传：{why}", "{name} did not pass the checks and was not uploaded: {why}"),
    # the pages it refuses with
    "serve.refused_title": ("无法打开", "Cannot open"),
    "serve.no_token": ("此地址需要访问令牌。请打开 assess serve 启动时打印的完整地址（以 ?token= 结尾）。",
                       "This address needs the access token. Open the full address that assess serve printed when "
                       "it started (it ends in ?token=…)."),
    "serve.bad_host": ("此服务器不以 {host} 这一名称提供服务。请打开 assess serve 启动时打印的地址。",
                       "This server does not answer to the name {host}. Open the address that assess serve printed "
                       "when it started."),
    "serve.bad_origin": ("拒绝了来自其他网站（{origin}）的连接。", "A connection from another site ({origin}) was refused."),
    "serve.busy": ("已有 {n} 个浏览器会话在使用，达到上限。请关闭一个不用的标签页，稍后刷新本页；"
                   "或请管理员用 --max-sessions 调高上限。",
                   "{n} browser sessions are open, the most this server allows. Close a tab you no longer use and "
                   "reload this page in a moment, or ask whoever runs the server to raise --max-sessions."),
    "serve.port_in_use": ("无法在 {host}:{port} 上提供服务：已有程序在用这个端口 → 换一个端口，例如 --port 8001",
                          "cannot serve on {host}:{port}: another program is using the port → choose another, "
                          "e.g. --port 8001"),
    "serve.port_reserved": ("无法在 {host}:{port} 上提供服务：这个端口由系统保留，或需要管理员权限 → 换一个端口，"
                            "例如 --port 8001",
                            "cannot serve on {host}:{port}: the system keeps this port for itself, or it needs "
                            "administrator rights → choose another, e.g. --port 8001"),
    "serve.address_not_here": ("无法在 {host} 上提供服务：本机没有这个地址 → 去掉 --host，或改用 127.0.0.1",
                               "cannot serve on {host}: this computer has no such address → leave out --host, or "
                               "use 127.0.0.1"),
    "serve.cannot_listen": ("无法在 {host}:{port} 上提供服务（{why}）→ 换一个端口，例如 --port 8001",
                            "cannot serve on {host}:{port} ({why}) → choose another port, e.g. --port 8001"),
})
