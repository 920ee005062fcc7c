"""The saved list at 80×24: a company name longer than its column ends with "…", so a cut name is
not taken for the whole one ("华东精密机械有限" for 华东精密机械有限公司)."""

from __future__ import annotations

from textual.widgets import DataTable

from .helpers import async_test, sample_app, settle
from .test_start import saved


def listed_rows(screen) -> list[str]:
    rows = screen._compositor.render_strips()
    area = screen.query_one("#saved", DataTable).content_region
    return [rows[y].crop(area.x, area.right).text for y in range(area.y, area.bottom)]


@async_test
async def test_a_long_company_name_is_cut_with_an_ellipsis(tmp_path):
    saved(tmp_path, "long.json", "华东精密机械有限公司苏州工业园区分公司")
    saved(tmp_path, "short.json", "华东精密")
    app = sample_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = "\n".join(listed_rows(app.screen))
        assert "华东精密机械有限…" in rows or "华东精密机械有…" in rows, rows
        assert "华东精密 " in rows and "华东精密…" not in rows, rows
