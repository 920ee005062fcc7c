"""A browser session (`assess serve`): a filled sheet is uploaded from the page, checked by the sheet
guard on the server, and imported from the app's Start screen; the browser is shown no path of the
server (saved folder, autosave line, export, import notices) and the page speaks the server's
language."""

from __future__ import annotations

import json

import pytest

from assess.cli.cmd_serve import page_templates
from assess.session.saved import UPLOADS_ENV
from assess.tui.app import AssessApp
from assess.tui.screens.assessment import AssessmentScreen
from assess.tui.screens.export_dialog import ExportDialog
from assess.tui.screens.imported_dialog import ImportedDialog
from assess.tui.screens.uploads_dialog import UploadsDialog

from .helpers import SAMPLE, async_test, sample_app, settle
from .test_serve_guard import PUBLIC, TOKEN, client_of, guarded, origin


@pytest.fixture
def in_a_browser(monkeypatch):
    monkeypatch.setattr(AssessApp, "is_web", property(lambda self: True))


@pytest.fixture
def filled(tmp_path, sample_answers):
    from assess.content.bundled import load_questionnaire
    from assess.excel.sheet_writer import write_template

    q, h = load_questionnaire(SAMPLE)
    return write_template(tmp_path / "filled.xlsx", q, h, "en", sample_answers)


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static, StatusLine, KeyBar"))


@async_test
async def test_an_uploaded_sheet_is_imported_from_the_start_screen(tmp_path, filled, in_a_browser, monkeypatch):
    uploads = tmp_path / "server" / "uploads"
    uploads.mkdir(parents=True)
    monkeypatch.setenv(UPLOADS_ENV, str(uploads))
    app = sample_app(tmp_path / "data")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("i")  # nothing uploaded yet: the page's button is named
        await settle(pilot)
        assert any("Upload a filled Excel answer sheet" in n.message for n in app._notifications)
        (uploads / "plant-2.xlsx").write_bytes(filled.read_bytes())
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, UploadsDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportedDialog)  # what the sheet lacks (a company name), told first
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert app.store.answer("C01").value == 3
        assert list(uploads.iterdir()) == []  # read, it leaves the server
        shown = [n.message for n in app._notifications] + [screen_text(app)]
        assert not any(str(tmp_path) in m for m in shown), shown
        await pilot.press("escape", "x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-path").value == "plant-2-report.xlsx"  # a name, no folder


@async_test
async def test_the_start_screen_in_a_browser_shows_no_server_path(tmp_path, in_a_browser):
    app = sample_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert str(tmp_path) not in text and "data" in text
    from assess.session.saved import home_relative

    assert home_relative(tmp_path / "x.json") == str(tmp_path / "x.json")  # a terminal again: whole paths


@async_test
async def test_the_server_takes_a_sheet_checked_by_the_guard_and_only_from_its_page(tmp_path, filled):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    server = guarded(tmp_path)
    server.uploads, server.lang = uploads, "zh"
    async with client_of(server) as client:
        await client.get(f"/?token={TOKEN}")  # the cookie
        page = {"Origin": origin(client)}
        ok = await client.post("/upload?name=" + "江苏 工厂.xlsx", data=filled.read_bytes(), headers=page)
        answer = await ok.json()
        assert ok.status == 200 and answer["ok"], answer
        assert "江苏-工厂.xlsx" in answer["message"] and str(tmp_path) not in answer["message"]
        assert (uploads / "江苏-工厂.xlsx").read_bytes() == filled.read_bytes()

        bomb = await client.post("/upload?name=a.xlsx", data=b"PK\x03\x04" + b"\0" * 100, headers=page)
        assert bomb.status == 422 and "没有上传" in (await bomb.json())["message"]
        wrong = await client.post("/upload?name=a.pdf", data=b"%PDF", headers=page)
        assert wrong.status == 400 and ".xlsx" in (await wrong.json())["message"]
        foreign = await client.post("/upload?name=b.xlsx", data=filled.read_bytes(),
                                    headers={"Origin": "http://evil.example"})
        assert foreign.status == 403
        client.session.cookie_jar.clear()
        no_token = await client.post("/upload?name=c.xlsx", data=filled.read_bytes(), headers=page)
        assert no_token.status == 403
    assert sorted(p.name for p in uploads.iterdir()) == ["江苏-工厂.xlsx"]


@async_test
async def test_a_sheet_that_arrives_in_pieces_is_kept_whole(tmp_path, filled, monkeypatch):
    """Over a slow line the body comes in several packets: all of it is checked and kept, never the
    first packets alone refused as a damaged zip; a body over the limit with no length given is
    refused all the same."""
    import asyncio
    from dataclasses import replace

    from assess.excel import guard

    uploads = tmp_path / "uploads"
    uploads.mkdir()
    server = guarded(tmp_path)
    server.uploads, server.lang = uploads, "zh"
    data = filled.read_bytes()

    async def slowly(body: bytes):
        for i in range(0, len(body), 4096):
            yield body[i:i + 4096]
            await asyncio.sleep(0.01)

    async with client_of(server) as client:
        await client.get(f"/?token={TOKEN}")
        page = {"Origin": origin(client)}
        ok = await client.post("/upload?name=plant.xlsx", data=slowly(data), headers=page)
        assert ok.status == 200, await ok.json()
        assert (uploads / "plant.xlsx").read_bytes() == data
        monkeypatch.setattr(guard, "DEFAULT_LIMITS", replace(guard.DEFAULT_LIMITS, max_file_bytes=len(data) - 1))
        big = await client.post("/upload?name=big.xlsx", data=slowly(data), headers=page)
        assert big.status == 413 and "无法上传" in (await big.json())["message"]
    assert sorted(p.name for p in uploads.iterdir()) == ["plant.xlsx"]


@async_test
async def test_an_xls_or_ods_sheet_from_wps_or_libreoffice_is_uploaded_too(tmp_path):
    """The page takes what the sheet reader takes: an .xls saved by WPS, an .ods from LibreOffice."""
    from tests.cli.test_batch_kinds import SHEETS

    uploads = tmp_path / "uploads"
    uploads.mkdir()
    server = guarded(tmp_path)
    server.uploads, server.lang = uploads, "zh"
    async with client_of(server) as client:
        await client.get(f"/?token={TOKEN}")
        page = {"Origin": origin(client)}
        for kind in ("xls", "ods"):
            data = (SHEETS / f"plain-zh-0001.lo.{kind}").read_bytes()
            ok = await client.post(f"/upload?name=plant.{kind}", data=data, headers=page)
            assert ok.status == 200, await ok.json()
        docx = await client.post("/upload?name=plant.docx", data=b"PK", headers=page)
        assert docx.status == 400 and ".xls" in (await docx.json())["message"]
    assert sorted(p.name for p in uploads.iterdir()) == ["plant.ods", "plant.xls"]
    page_html = (page_templates("assess", tmp_path / "zh", PUBLIC, "zh") / "app_index.html").read_text("utf-8")
    assert 'accept=".xlsx,.xls,.xlsb,.et,.ods,.xlsm"' in page_html


def test_the_page_speaks_the_servers_language(tmp_path):
    zh = (page_templates("assess", tmp_path / "zh", PUBLIC, "zh") / "app_index.html").read_text(encoding="utf-8")
    assert '<html lang="zh">' in zh and "本次会话已结束" in zh and "重新开始" in zh and "上传已填的 Excel 答卷" in zh
    assert "Session ended." not in zh and ">Restart<" not in zh
    en = (page_templates("assess", tmp_path / "en", PUBLIC, "en") / "app_index.html").read_text(encoding="utf-8")
    assert "This session has ended" in en and "Upload a filled Excel answer sheet" in en
    script = en[en.index('id="assess-upload"'):]
    assert json.dumps("Uploading…", ensure_ascii=False) in script
