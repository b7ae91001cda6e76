"""The main pages pass axe-core (issue 23): no serious or critical violation, for the roles that
use each page, on a laptop (1366×768) and on a phone (390×844). Each page is saved as a
screenshot in the git-ignored test-results/ for review.

axe runs inside the page. The pages' Content-Security-Policy (`script-src 'self'`) refuses an
inline <script>, which is what Playwright's add_script_tag(path=...) inserts, so axe.min.js is
read from node_modules and evaluated through the DevTools protocol (page.evaluate), which a page's
CSP does not govern: the page keeps its real policy while it is checked."""

import re
from pathlib import Path

import pytest

from tests.web.test_browser import SHOTS, _sign_in, browser, site  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.needs("chromium")]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {1366: 768, 390: 844}
# the page's name (for its screenshot) -> its address; "first:" follows the first record of a list
FIELD_OFFICER = {
    "home": "/",
    "map": "/map/",
    "markers": "/markers/",
    "marker": "first:/markers/",
    "patrol-form": "/patrols/new/",
    "incidents": "/incidents/",
    "incident": "first:/incidents/",
    "tasks": "/coordination/tasks/",
    "reports": "/reports/",
    "search": "/search/?q=moc+222",
}
PAGES = {
    "canbo.phulang": FIELD_OFFICER,
    "thuongtruc.bcd": {
        "home": "/",
        "tasks": "/coordination/tasks/",
        "compliance": "/coordination/compliance/",
        "reports": "/reports/",
    },
    "lanhdao.tinh": {
        "home": "/",
        "map": "/map/",
        "reports": "/reports/",
        "report": "first:/reports/",
    },
    "": {"login": "/accounts/login/"},  # nobody signed in yet
}
SEVERE = ("serious", "critical")
RUN_AXE = """async () => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ")),
  }));
}"""


def _first_record(page, base: str, path: str) -> str:
    """The address of the first record a list links to (/incidents/ -> /incidents/12/)."""
    page.goto(f"{base}{path}")
    pattern = re.compile(rf"^{re.escape(path)}\d+/$")
    hrefs = page.locator("main a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    return next(h for h in hrefs if h and pattern.match(h))


def violations(page) -> list[dict]:
    """axe's serious and critical violations on the page as it stands."""
    page.evaluate(AXE.read_text())
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in SEVERE]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("username", list(PAGES))
def test_the_main_pages_have_no_serious_accessibility_violation(site, browser, username, width):  # noqa: F811
    from playwright.sync_api import expect

    phone = width < 600
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": width, "height": WIDTHS[width]},
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    if username:
        _sign_in(page, site, username)
        page.wait_for_url(f"{site}/")
    found: dict[str, list[str]] = {}
    for name, path in PAGES[username].items():
        if path.startswith("first:"):
            path = _first_record(page, site, path.removeprefix("first:"))
        page.goto(f"{site}{path}")
        drawn = page.locator("#map, .minimap")  # a map is checked once its layers are drawn
        if drawn.count():
            expect(drawn.first).to_have_attribute("data-loaded", "1", timeout=30_000)
        SHOTS.mkdir(exist_ok=True)
        who = username or "anonymous"
        page.screenshot(path=str(SHOTS / f"{name}-{who}-{width}.png"), full_page=True)
        for v in violations(page):
            found.setdefault(f"{path} {v['id']} ({v['impact']}: {v['help']})", []).extend(
                v["nodes"][:5]
            )
    context.close()
    assert found == {}, "\n".join(f"{k}: {', '.join(nodes)}" for k, nodes in found.items())


def test_the_check_finds_a_violation_where_there_is_one(site, browser):  # noqa: F811
    """The check is not blind: a button without a name, put on a real page, is reported."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/accounts/login/")
    assert violations(page) == []
    page.evaluate("document.querySelector('main').append(document.createElement('button'))")
    assert [v["id"] for v in violations(page)] == ["button-name"]
    context.close()
