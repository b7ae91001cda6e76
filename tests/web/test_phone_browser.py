"""Every page of the sample on a 390 px phone in a real Chromium (issue 23, item 5): nothing
scrolls the page sideways (a table scrolls inside its own box, its unit names on a few lines,
and keeps its meaning for a screen reader), and what a finger taps is at least 44 px tall."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import copy_of, env_for, serving
from tests.web.test_browser import SHOTS, _sign_in, browser  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.needs("chromium")]

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
# a post's officer, then the secretariat for the pages only it opens (forms of configuration,
# the compliance table, the users' units ...)
WALKERS = ["canbo.phulang", "thuongtruc.bcd"]
FILES = (".xlsx", ".csv", ".docx", ".pdf")
# Swagger UI, as Django Ninja serves it (no viewport of its own): a developer's tool, not a page
# of the work
NOT_OURS = ("/api/v1/docs",)
WALK = """
import json, django
django.setup()
from biengioi.accounts.models import User
from tests.web.test_demo_pages import sample_pages
walks = {}
for name in %r:
    user = User.objects.get(username=name)
    user.is_verified = lambda: True
    walks[name] = sample_pages(user)
print(json.dumps(walks))
"""


@pytest.fixture(scope="module")
def walked_site(tmp_path_factory, demo_installation):
    """A served copy of the sample and, for each walker, the pages of the sample walk
    (tests/web/test_demo_pages.py) read from that copy's own records."""
    var = tmp_path_factory.mktemp("phone")
    with copy_of(demo_installation, var) as url:
        env = env_for(var, url, DJANGO_SETTINGS_MODULE="biengioi.settings")
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
        done = subprocess.run(
            [sys.executable, "-c", WALK % (WALKERS,)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        walks = json.loads(done.stdout)
        with serving(env) as base:
            yield base, walks


def _phone(browser, base: str, username: str):  # noqa: F811
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    _sign_in(page, base, username)
    page.wait_for_url(f"{base}/")
    return context, page


# With is_mobile, Chromium widens the layout viewport to fit a page wider than the screen (as a
# phone zooms out), so innerWidth grows with the page: the screen's width is the root's
# clientWidth, which does not.
SIDEWAYS = """() => {
  const root = document.documentElement, screen = root.clientWidth;
  if (root.scrollWidth <= screen + 1) return null;
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > screen + 1)
    .filter(e => !e.closest("table, .scroll, .leaflet-container") || e.matches("table"))
    .map(e => e.tagName.toLowerCase() + "." + String(e.className).split(" ")[0]);
  return root.scrollWidth + " px wide: " + [...new Set(wide)].slice(0, 5).join(", ");
}"""


def test_no_page_of_the_sample_scrolls_sideways_on_a_phone(walked_site, browser):  # noqa: F811
    base, walks = walked_site
    seen: set[str] = set()
    wide: list[str] = []
    for username in WALKERS:
        context, page = _phone(browser, base, username)
        pages = [p for p in walks[username] if not p.split("?")[0].endswith(FILES)]
        pages = [p for p in pages if p not in NOT_OURS]
        forms: list[str] = []  # the forms the pages link to ("Thêm ...", "Giao nhiệm vụ")
        for path in pages:
            if path in seen:
                continue
            seen.add(path)
            page.goto(f"{base}{path}")
            if too_wide := page.evaluate(SIDEWAYS):
                wide.append(f"{username} {path}: {too_wide}")
            links = page.locator("main a[href$='/new/']")
            forms += links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        for path in dict.fromkeys(forms):
            if path in seen:
                continue
            seen.add(path)
            page.goto(f"{base}{path}")
            if too_wide := page.evaluate(SIDEWAYS):
                wide.append(f"{username} {path}: {too_wide}")
        context.close()
    assert len(seen) > 150  # the walk is the sample's, not a handful of pages
    assert "/patrols/new/" in seen and "/incidents/new/" in seen
    assert wide == [], "\n".join(wide)


# What a finger taps on a phone, each at least 44 px tall: the header's controls, the menu's
# button, groups and links, the user's own menu, and in the page every button, field, list box,
# button-styled link, pager link and action link (export, "my unit's tasks"). Checkboxes and
# radio buttons at least 24 px (WCAG 2.5.8), their label beside them. Links inside a sentence or
# a table's cell are exempt (WCAG 2.5.5 and 2.5.8: the line of text sets their height). Each
# of them also stands inside the screen, none cut off by its edges (a drop-down panel too).
TAPPED = ", ".join(
    [
        "header a",
        "header button",
        "header summary",
        "header input",
        "nav.menu a",
        "nav.menu summary",
        "main button",
        "main input:not([type=hidden], [type=checkbox], [type=radio])",
        "main select",
        "main textarea",
        "main a.button",
        "main .pager a",
        "main .actions a",
    ]
)
SMALL = """([selector, least]) => {
  const screen = document.documentElement.clientWidth;
  return [...document.querySelectorAll(selector)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
  .filter(e => !e.closest(".visually-hidden, .leaflet-container"))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, box]) => box.height < least || box.left < 0 || box.right > screen + 1)
  .map(([e, box]) => {
    const what = (e.innerText || e.value || e.name || "").trim().slice(0, 30);
    const where = `${Math.round(box.left)}–${Math.round(box.right)}`;
    return `${e.tagName.toLowerCase()} "${what}" ${Math.round(box.height)} px tall at x ${where}`;
  });
}"""
OPEN_EVERYTHING = """() => document.querySelectorAll("header details, nav details")
  .forEach(d => { d.open = true; })"""


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("canbo.phulang", "/"),
        ("canbo.phulang", "/markers/"),
        ("canbo.phulang", "/incidents/"),
        ("canbo.phulang", "/incidents/new/"),
        ("canbo.phulang", "/search/?q=moc+222"),
        ("thuongtruc.bcd", "/coordination/tasks/"),
        ("thuongtruc.bcd", "/coordination/tasks/new/"),
        ("thuongtruc.bcd", "/reports/"),
    ],
)
def test_what_a_finger_taps_is_at_least_44_px_on_a_phone(walked_site, browser, username, path):  # noqa: F811
    base, _ = walked_site
    context, page = _phone(browser, base, username)
    page.goto(f"{base}{path}")
    page.evaluate(OPEN_EVERYTHING)  # the menu, its groups and the user's own menu all open
    assert page.locator("nav.menu a").first.is_visible()
    tapped = page.evaluate(f"() => document.querySelectorAll({json.dumps(TAPPED)}).length")
    assert tapped > 30  # the menu's links at least: the check measured something
    small = page.evaluate(SMALL, [TAPPED, 44])
    small += page.evaluate(SMALL, ["main input[type=checkbox], main input[type=radio]", 24])
    SHOTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-").split("?")[0] or "home"
    page.screenshot(path=str(SHOTS / f"taps-{name}-{username}-390.png"), full_page=True)
    context.close()
    assert small == [], small


def test_a_table_scrolls_in_its_box_keeps_its_meaning_and_its_unit_names_short(
    walked_site,
    browser,  # noqa: F811
):
    """The secretariat's tasks on a phone: the table is wider than the screen and scrolls
    inside its own box (reachable with the keyboard), Chromium's accessibility tree still holds
    it as a table, and no unit's name wraps over more than three lines."""
    base, _ = walked_site
    context, page = _phone(browser, base, "thuongtruc.bcd")
    page.goto(f"{base}/coordination/tasks/")
    table = page.get_by_test_id("tasks")
    box = table.evaluate("t => [getComputedStyle(t).display, t.scrollWidth, t.clientWidth]")
    assert box[0] == "block" and box[1] > box[2] <= PHONE["width"], box
    assert table.get_attribute("tabindex") == "0"  # tables.js: a box that scrolls is focusable
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    lines = table.locator("tbody td:nth-child(3)").evaluate_all(
        """tds => tds.map(td => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        })"""
    )
    assert lines and max(lines) <= 3, lines
    tree = context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    roles = [n.get("role", {}).get("value") for n in tree["nodes"] if not n.get("ignored")]
    assert roles.count("table") == page.locator("main table").count()
    assert roles.count("columnheader") >= 5
    page.screenshot(path=str(SHOTS / "tasks-thuongtruc.bcd-390.png"), full_page=True)
    context.close()
