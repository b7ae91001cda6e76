"""The overview ("Tổng quan") in a real Chromium as the province's leader, on a laptop and on a
phone: the cards, the charts drawn from the month tables, nothing fetched from outside."""

import pytest

from tests.web.test_browser import SHOTS, _sign_in, browser, site  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.needs("chromium")]


def _period_with_patrols(page, base: str) -> str:
    """This year's period, or last year's when the sample's patrols are all dated then."""
    codes = page.locator("select[name=period] option").evaluate_all("os => os.map(o => o.value)")
    for code in (codes[0], next(c for c in codes if c.isdigit() and c != codes[0])):
        page.goto(f"{base}/?period={code}")
        done = page.locator("[data-testid=card-patrols] .main [data-key=patrols]")
        if int(done.get_attribute("data-value") or 0):
            return code
    raise AssertionError("the sample has no patrols this year or last")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_the_leader_reads_the_overview_with_its_charts_and_tables(site, browser, width, height):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    _sign_in(page, site, "lanhdao.tinh")
    page.wait_for_url(f"{site}/")
    code = _period_with_patrols(page, site)
    expect(page.locator("h1")).to_have_text("Tổng quan")
    for card in ("patrols", "inspected", "markers", "incidents", "crime", "propaganda", "tasks"):
        expect(page.get_by_test_id(f"card-{card}")).to_be_visible()
    for chart in ("patrols", "incidents", "compliance"):
        box = page.get_by_test_id(f"chart-{chart}")
        plot = box.locator(".plot")
        expect(plot).to_have_attribute("data-drawn", "true")
        expect(plot.locator("canvas")).to_have_count(1)
        assert plot.bounding_box()["width"] > 200
        months = box.locator("table.by-month tbody tr")
        expect(months).not_to_have_count(0)
        expect(months.first.locator("th")).to_have_text(f"01/{code[:4]}")
    # the patrols chart's table holds the card's figure over its months
    done = int(
        page.locator("[data-testid=card-patrols] .main [data-key=patrols]").get_attribute(
            "data-value"
        )
    )
    assert done > 0
    scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert scroll <= 0, f"the page scrolls sideways by {scroll}px at {width}px"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"overview-lanhdao.tinh-{width}.png"), full_page=True)
    assert outside == [], outside
    assert errors == [], errors
    context.close()
