"""Importing a filled answer sheet in a browser: the page of `assess serve` uploads it, the server checks
it with the workbook guard that every sheet import passes and keeps it in the server's private uploads
folder, and the app (`i` on the Start screen) lists what was uploaded for import. No path of the server
is shown to the browser: the upload answers with the file's name only.

The page's part is an upload button and a status line, in the server's language, added to
textual-serve's page by `page_parts`."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING

from assess.session.saved import UPLOAD_SUFFIXES

if TYPE_CHECKING:  # pragma: no cover
    from aiohttp import web


def _reply(status: int, ok: bool, text: str) -> web.Response:
    from aiohttp import web

    return web.json_response({"ok": ok, "message": text}, status=status)


async def handle_upload(request: web.Request, folder: Path, lang: str) -> web.Response:
    """POST upload?name=NAME with the file as the body: checked, then kept in `folder` under its name
    (made file-safe, never replacing one). Answers {"ok", "message"} in `lang`."""
    import asyncio

    from assess.excel.guard import DEFAULT_LIMITS, SHEET_KINDS, check_workbook
    from assess.problems import msg
    from assess.text.messages import say

    name = Path(request.query.get("name", "").replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return _reply(400, False, say(msg("serve.upload_suffix", name=name or "?"), lang))
    limit = DEFAULT_LIMITS.max_file_bytes
    if request.content_length is not None and request.content_length > limit:
        return _reply(413, False, say(msg("serve.upload_too_large", name=name, mib=limit // 2**20), lang))
    chunks: list[bytes] = []  # read to the end: one read gives only what has arrived so far
    size = 0
    async for chunk in request.content.iter_chunked(1 << 16):
        size += len(chunk)
        if size > limit:
            return _reply(413, False, say(msg("serve.upload_too_large", name=name, mib=limit // 2**20), lang))
        chunks.append(chunk)
    data = b"".join(chunks)
    # the guard inflates the archive to check it: off the server's loop
    verdict = await asyncio.get_running_loop().run_in_executor(
        None, lambda: check_workbook(data, name=name, kinds=SHEET_KINDS))
    if not verdict.ok:
        why = f"{say(verdict.message, lang)} {say(verdict.advice, lang)}".strip()
        return _reply(422, False, say(msg("serve.upload_refused", name=name, why=why), lang))
    target = await asyncio.get_running_loop().run_in_executor(None, lambda: _keep(folder, name, data))
    return _reply(200, True, say(msg("serve.uploaded", name=target.name), lang))


def _keep(folder: Path, name: str, data: bytes) -> Path:
    from assess.content.outputs import write_whole
    from assess.session.opening import free_path
    from assess.session.store import slug

    path = Path(name)
    target = free_path(folder, slug(path.stem), path.suffix.lower())
    write_whole(target, data)
    return target


UPLOAD_PART = """<div id="assess-upload" lang="LANG">
      <label><span>LABEL</span><input type="file" accept="ACCEPT" hidden></label>
      <span id="assess-upload-status" role="status"></span>
    </div>
    <style>
      #assess-upload { position: fixed; top: 6px; right: 10px; z-index: 30; font: 13px sans-serif;
        color: #eee; display: flex; gap: 8px; align-items: center; max-width: 60vw; }
      #assess-upload label { background: #5e0ba7; padding: 4px 10px; border-radius: 3px; cursor: pointer; }
      #assess-upload-status { background: #12232d; padding: 2px 6px; }
      #assess-upload-status:empty { display: none; }
    </style>
    <script>
      (function () {
        var text = TEXT;
        var input = document.querySelector("#assess-upload input");
        var status = document.getElementById("assess-upload-status");
        var uploaded = false;
        // "uploaded, press i to import" has been read once a key goes to the app: the notice goes
        document.addEventListener("keydown", function () {
          if (uploaded) { status.textContent = ""; uploaded = false; }
        }, true);
        input.addEventListener("change", async function () {
          var file = input.files[0];
          if (!file) return;
          status.textContent = text.sending;
          try {
            var answer = await fetch("upload?name=" + encodeURIComponent(file.name), {
              method: "POST", body: file, credentials: "same-origin",
              headers: { "Content-Type": "application/octet-stream" } });
            var reply = await answer.json();
            status.textContent = reply.message;
            uploaded = reply.ok;
          } catch (e) {
            status.textContent = text.failed;
          }
          input.value = "";
          var keys = document.querySelector(".xterm-helper-textarea");  // back to the app's keys
          if (keys) keys.focus();
        });
      })();
    </script>"""


def page_parts(lang: str) -> dict[str, str]:
    """Words of textual-serve's page in `lang`, and the upload part to add before </body>."""
    from assess.problems import msg
    from assess.text.messages import say

    def words(key: str) -> str:
        return say(msg(key), lang)

    text = json.dumps({"sending": words("serve.page.sending"), "failed": words("serve.page.upload_failed")},
                      ensure_ascii=False).replace("</", "<\\/")
    upload = (UPLOAD_PART.replace("LANG", lang).replace("LABEL", html.escape(words("serve.page.upload")))
              .replace("ACCEPT", ",".join(UPLOAD_SUFFIXES)).replace("TEXT", text))
    return {"ended": html.escape(words("serve.page.ended")), "restart": html.escape(words("serve.page.restart")),
            "start": html.escape(words("serve.page.start")), "upload": upload}
