"""The header's search in a real Chromium (issue 23, item 2): a post's officer, on a 390 px
phone, types what people type and lands on what it names; the page never scrolls sideways."""

import pytest

from tests.web.test_browser import SHOTS, _sign_in, browser, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]

# typed into the header -> the group that must answer and a label it must hold
TYPED = [
    ("moc 222", "marker", "Mốc 222"),
    ("24", "marker", "Mốc 24"),
    ("phu lang", "unit", "Phù Lang"),
    ("ong dan nuoc", "incident", "Phía bạn đặt ống dẫn nước qua suối biên giới"),
]


def test_a_post_officer_searches_from_the_header_on_a_phone(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    for typed, kind, label in TYPED:
        box = page.get_by_test_id("header-search")
        box.fill(typed)
        box.press("Enter")
        page.wait_for_url("**/search/?q=*")
        group = page.get_by_test_id(f"search-{kind}")
        expect(group).to_contain_text(label)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, typed
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "search-canbo.phulang-390.png"), full_page=True)
    page.get_by_test_id("search-incident").get_by_role("link").first.click()
    expect(page.locator("main h1")).to_contain_text("ống dẫn nước")
    page.get_by_test_id("header-search").fill("?!...")
    page.get_by_test_id("header-search").press("Enter")
    expect(page.get_by_test_id("search-error")).to_contain_text("ít nhất một chữ")
    context.close()
