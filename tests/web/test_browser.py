"""A real Chromium, driven by Playwright, signs in to a real server as each demo role."""

import base64
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.oath import totp

from biengioi.accounts.sample import DEMO_PASSWORD
from biengioi.coordination.sample import sample_problem_periods
from tests.geo.tiles import mbtiles
from tests.servers import copy_of, env_for, run, serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]

# What each role finds in the menu, group by group, the work it does daily first (the
# specification, not derived from the code).
TOP = ["home", "map"]
PATROL = ["patrols", "incidents", "rescues", "gate_traffic", "coverage"]
BORDER = [
    "markers",
    "markers_due",
    "repairs",
    "sections",
    "gates",
    "signs",
    "organisations",
    "admin_units",
]
CRIME = ["crime", "crime_operations", "handovers"]
COMMUNITY = ["propaganda", "teams", "training", "programmes", "twinning", "emulation", "awards"]
REPORTING = ["owed", "tasks", "compliance", "reports", "conferences", "talks", "exchanges"]
COORDINATION = [*REPORTING, "regulations"]
MENUS = {
    "canbo.phulang": {
        "patrol": PATROL,
        "border": BORDER,
        "crime": CRIME,
        "community": COMMUNITY,
        "coordination": COORDINATION,
    },
    "nghiepvu.bdbp": {
        "patrol": PATROL,
        "border": BORDER,
        "crime": CRIME,
        "community": COMMUNITY,
        "coordination": [*COORDINATION, "budget"],
        "admin": ["units"],
    },
    "thuongtruc.bcd": {
        "coordination": [*COORDINATION, "budget"],
        "patrol": PATROL,
        "border": BORDER,
        "crime": CRIME,
        "community": COMMUNITY,
        "admin": ["users", "units"],
    },
    "lanhdao.tinh": {
        "coordination": [*COORDINATION, "budget"],
        "patrol": PATROL,
        "border": BORDER,
        "crime": CRIME,
        "community": COMMUNITY,
        "admin": ["users", "units"],
    },
    "quantri": {
        "admin": ["users", "units", "audit"],
        "border": BORDER,
        "patrol": PATROL,
        "crime": CRIME,
        "community": COMMUNITY,
        "coordination": [*COORDINATION, "budget"],
    },
}
OWN = ["notifications", "tokens", "api"]  # the user's own menu, for everyone
PHU_LANG = "Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang"  # the sample's post that missed a report


@pytest.fixture(scope="module")
def site(tmp_path_factory, demo_installation):
    var = tmp_path_factory.mktemp("browser")
    with copy_of(demo_installation, var) as url:
        # the province's own basemap, a tiny MBTiles made here: the map must draw its tiles
        env = env_for(var, url, BIENGIOI_BASEMAP=str(mbtiles(var / "vung.mbtiles", maxzoom=3)))
        run(env, "scheduler", "--once")  # the sample's overdue task reminds the secretariat
        with serving(env) as base:
            yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")


def follow_menu(page, key: str) -> None:
    """Follow the menu's entry `key` as a person does: open the menu (behind its button on a
    phone), then the entry's group, then the entry."""
    link = page.locator(f"nav.menu a[data-menu={key}]")
    button = page.get_by_test_id("menu-button")
    if button.is_visible() and not link.is_visible():
        button.click()
    group = page.locator("nav.menu details[data-group]", has=page.locator(f"a[data-menu={key}]"))
    if group.count() and not link.is_visible():
        group.locator("summary").click()
    link.click()


@pytest.mark.parametrize("username", list(MENUS))
def test_each_role_signs_in_and_sees_its_menu(site, browser, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, site, username)
    if username == "quantri":  # administrators enrol a TOTP authenticator first
        page.wait_for_url("**/accounts/second-factor/**")
        secret = page.get_by_test_id("totp-secret").inner_text().strip()
        code = totp(base64.b32decode(secret), step=30, digits=6)
        page.fill("input[name=code]", f"{code:06d}")
        page.click("main form button[type=submit]")
    page.wait_for_url(f"{site}/")
    assert "Tổng quan" in page.locator("h1").inner_text()
    groups = page.locator("nav.menu details[data-group]")
    assert groups.evaluate_all("els => els.map(e => e.dataset.group)") == list(MENUS[username])
    top = page.locator("nav.menu .groups > li > a")
    assert top.evaluate_all("els => els.map(e => e.dataset.menu)") == TOP
    for group, entries in MENUS[username].items():
        links = page.locator(f"nav.menu details[data-group={group}] a")
        assert links.evaluate_all("els => els.map(e => e.dataset.menu)") == entries, group
    own = page.locator("details.own a").evaluate_all("els => els.map(e => e.dataset.menu)")
    assert own == OWN
    # on a wide screen the groups stand in a row, the page's own entry marked
    assert page.get_by_test_id("menu-button").is_hidden()
    home = page.locator("nav.menu a[data-menu=home]")
    assert home.get_attribute("aria-current") == "page" and home.is_visible()
    first_group, entries = next(iter(MENUS[username].items()))
    follow_menu(page, entries[0])
    page.wait_for_load_state()
    marked = page.locator("nav.menu a[aria-current=page]")
    assert marked.evaluate_all("els => els.map(e => e.dataset.menu)") == [entries[0]]
    summary = page.locator(f"nav.menu details[data-group={first_group}] summary")
    assert "current" in (summary.get_attribute("class") or "")
    weight = summary.evaluate("e => getComputedStyle(e).fontWeight")
    assert int(weight) >= 600  # the group of the page stands out
    assert errors == []  # nothing blocked by the content security policy, no script errors
    context.close()


def test_the_menu_is_used_with_the_keyboard(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    summary = page.locator("nav.menu details[data-group=patrol] summary")
    summary.focus()
    page.keyboard.press("Enter")
    incidents = page.locator("nav.menu a[data-menu=incidents]")
    expect(incidents).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "menu-canbo.phulang-1366.png"))
    page.keyboard.press("Escape")  # closes the group, the focus back on its button
    expect(incidents).to_be_hidden()
    assert summary.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past Tuần tra, onto Vụ việc biên giới
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/incidents/")
    assert page.locator("h1").inner_text() == "Vụ việc biên giới"
    context.close()


def _first_screen(page) -> None:
    """The page's title is on the first screen of a 390×844 phone and nothing scrolls the page
    sideways."""
    box = page.locator("main h1").bounding_box()
    assert box is not None and box["y"] + box["height"] < 844, box
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page is {wide} px wide"


def test_on_a_phone_the_menu_waits_behind_its_button(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    button = page.get_by_test_id("menu-button")
    expect(button).to_be_visible()
    expect(page.locator("nav.menu a[data-menu=map]")).to_be_hidden()
    _first_screen(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-canbo.phulang-390.png"), full_page=True)
    button.click()
    page.locator("nav.menu details[data-group=patrol] summary").click()
    page.screenshot(path=str(SHOTS / "menu-canbo.phulang-390.png"))
    page.locator("nav.menu a[data-menu=incidents]").click()
    page.wait_for_url(f"{site}/incidents/")
    expect(page.locator("nav.menu a[data-menu=incidents]")).to_be_hidden()  # closed again
    _first_screen(page)
    page.screenshot(path=str(SHOTS / "incidents-canbo.phulang-390.png"), full_page=True)
    page.get_by_test_id("own-menu").click()
    expect(page.locator("details.own a[data-menu=tokens]")).to_be_visible()
    context.close()


def test_the_english_switch_translates_the_page(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.get_by_test_id("own-menu").click()
    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("nav.menu a[data-menu=patrols]").text_content() == "Patrols"
    context.close()


def test_the_secretariat_sees_the_quarters_late_reports_from_its_home(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    _sign_in(page, site, "thuongtruc.bcd")
    page.wait_for_url(f"{site}/")
    _late, missing = sample_problem_periods(timezone.localdate())
    late_reports = page.get_by_test_id("todo-late_reports")
    expect(late_reports).to_be_visible()
    box = late_reports.bounding_box()
    assert box is not None and box["y"] < 768  # the first thing on the home page
    phu_lang = late_reports.locator("li", has_text=PHU_LANG)
    assert phu_lang.count() >= 1
    assert "Chưa nộp" in phu_lang.first.inner_text()
    assert missing.replace(day=1).strftime("/%m/%Y") in phu_lang.first.inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-thuongtruc.bcd-1366.png"), full_page=True)
    late_reports.locator("h3 a").click()
    page.wait_for_url("**/coordination/compliance/?year=*&part=q*")
    cells = page.get_by_test_id("compliance-cells").locator("tr", has_text=PHU_LANG)
    assert cells.locator("span.status.missing").count() == 1
    context.close()


def test_the_secretariat_sees_the_unread_badge_and_opens_the_overdue_reminder(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "thuongtruc.bcd")
    page.wait_for_url(f"{site}/")
    badge = int(page.get_by_test_id("unread-badge").inner_text())
    page.get_by_test_id("notifications").click()
    page.wait_for_url("**/notifications/")
    unread = page.locator("table[data-testid=notifications] tbody tr.unread")
    # the sample's overdue task, and the Phù Lang post's monthly report nobody sent
    assert unread.count() == badge >= 2
    assert unread.filter(has_text="Quá hạn: Báo cáo tình hình biên giới hằng tháng").count() >= 1
    reminder = unread.filter(has_text="Quá hạn: Tuyên truyền Luật Biên giới quốc gia")
    assert reminder.count() == 1
    reminder.locator("button.link").click()
    page.wait_for_url("**/coordination/tasks/*/")
    assert "Tuyên truyền Luật Biên giới quốc gia" in page.locator("h1").inner_text()
    left = page.get_by_test_id("unread-badge")
    assert (int(left.inner_text()) if left.count() else 0) == badge - 1  # that one is read now
    context.close()


def test_the_api_docs_page_works_offline(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/api/v1/docs")
    # Swagger UI lays out the whole schema (hundreds of routes) in the page: under CI's load that
    # has taken more than 15 s, so wait for it as long as for the map
    expect(page.locator(".swagger-ui .opblock").nth(9)).to_be_attached(timeout=60_000)
    assert outside == []
    context.close()


def test_staff_find_marker_222_2_and_move_it(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "nghiepvu.bdbp")
    page.wait_for_url(f"{site}/")
    follow_menu(page, "markers")
    page.fill("form.filters input[name=q]", "222")  # the list's own, not the header's
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/markers/?*q=222*")
    links = page.locator("table tbody td:first-child a")
    assert links.all_inner_texts() == ["222(1)", "222(2)"]
    page.click("text=222(2)")
    assert "Mốc 222(2)" in page.locator("h1").inner_text()
    lon, lat = (float(v) for v in page.get_by_test_id("wgs84").inner_text().split(","))
    distance_before = page.get_by_test_id("distance").inner_text()
    page.click("a.button:has-text('Sửa')")
    page.fill("input[name=lon]", f"{lon + 0.0005:.7f}")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/markers/*/")
    moved = page.get_by_test_id("wgs84").inner_text()
    assert moved == f"{lon + 0.0005:.7f}, {lat:.7f}"
    assert page.get_by_test_id("distance").inner_text() != distance_before
    context.close()


def test_a_field_officer_records_a_bilateral_patrol_and_the_damaged_marker_shows_it(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    # three intact single markers of the officer's own post, from the marker list
    page.goto(f"{site}/markers/?status=intact&kind=main")
    page.select_option("select[name=post]", label="Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/markers/?*post=*")  # the filtered list, not the one before it
    found = page.locator("table tbody td:first-child a").all_inner_texts()
    chosen = [m for m in found if m.isdigit()][:3]
    assert len(chosen) == 3, found
    follow_menu(page, "patrols")
    page.click("a.button:has-text('Ghi nhận chuyến tuần tra')")
    page.select_option("select[name=kind]", "bilateral")
    page.select_option("select[name=host_side]", "vn")
    # today's first minutes: never ahead of the clock, and not older than the sample's findings
    # (it is dated from today), so what this patrol finds is the markers' current status
    today = _today()
    page.fill("input[name=started_at]", f"{today.isoformat()}T00:00")
    page.fill("input[name=ended_at]", f"{today.isoformat()}T00:05")
    page.fill("input[name=from_marker]", chosen[0])
    page.fill("input[name=to_marker]", chosen[2])
    page.fill("input[name=distance_km]", "7,5")
    page.fill("input[name=border_guards]", "6")
    page.fill("input[name=other_side]", "4")
    page.select_option("select[name=counterpart_id]", label="Đại đội Biên phòng 965 (Lào)")
    page.fill("input[name=counterpart_leader]", "Đại úy Somsak")
    for row, (marker, status) in enumerate(
        zip(chosen, ["intact", "damaged", "intact"], strict=True)
    ):
        page.fill(f"input[name=inspections-{row}-marker]", marker)
        page.select_option(f"select[name=inspections-{row}-status]", status)
        page.check(f"input[name=inspections-{row}-vegetation_cleared]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/patrols/*/")
    assert "Tuần tra song phương" in page.locator("h1").inner_text()
    rows = page.locator("[data-testid=inspections] tbody tr")
    assert rows.count() == 3
    # its small map rings the three markers it went by
    from playwright.sync_api import expect

    small = page.get_by_test_id("minimap")
    expect(small).to_have_attribute("data-loaded", "1", timeout=30_000)
    expect(small.locator("path.place")).to_have_count(3)
    page.click(f"[data-testid=inspections] tbody a:text-is('{chosen[1]}')")
    page.wait_for_url("**/markers/*/")
    assert page.get_by_test_id("current-status").inner_text().strip() == "Hư hỏng"
    newest = page.locator("table tbody tr").first.inner_text()
    day = f"{today:%d/%m/%Y}"
    assert day in newest and f"Tuần tra song phương ngày {day}" in newest
    context.close()


def _today() -> date:
    """Today where the server keeps its days (Asia/Ho_Chi_Minh)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def _fill_day(page, selector: str, day: date) -> None:
    """A date field: a native date picker takes ISO, a text field the Vietnamese dd/mm/yyyy."""
    kind = page.get_attribute(selector, "type")
    page.fill(selector, day.isoformat() if kind == "date" else day.strftime("%d/%m/%Y"))


def test_a_post_officer_records_talks_and_turns_an_agreed_point_into_a_task(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    follow_menu(page, "talks")
    page.click("a.button:has-text('Ghi hội đàm')")
    page.select_option("select[name=level]", "post")
    page.select_option("select[name=counterpart_id]", label="Đại đội Biên phòng 965 (Lào)")
    page.fill("input[name=our_head]", "Thiếu tá Nguyễn Văn Hùng")
    page.fill("input[name=their_head]", "Đại úy Somsak")
    held = date(2025, 11, 10)  # talks already held
    _fill_day(page, "input[name=held_on]", held)
    page.select_option("select[name=host_side]", "ours")
    point = "Phối hợp truy tìm gia súc thất lạc qua biên giới (thử nghiệm trình duyệt)"
    page.fill("textarea[name=agreed_points]", f"Giữ liên lạc qua đường dây nóng\n{point}")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/coordination/talks/*/")
    rows = page.get_by_test_id("agreed-points").locator("tbody tr")
    assert rows.count() == 2
    rows.nth(1).locator("a.button:has-text('Giao nhiệm vụ')").click()
    assert page.input_value("input[name=title]") == point
    _fill_day(page, "input[name=deadline]", held - timedelta(days=1))
    page.click("main form button[type=submit]")
    assert "Thời hạn không được trước ngày hội đàm" in page.locator("main").inner_text()
    _fill_day(page, "input[name=deadline]", date(2026, 1, 31))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/coordination/talks/*/")
    assert point in page.get_by_test_id("agreed-points").locator("tbody tr").nth(1).inner_text()
    follow_menu(page, "tasks")
    page.click(f"table[data-testid=tasks] a:has-text('{point}')")
    page.wait_for_url("**/coordination/tasks/*/")
    assert "Đại đội Biên phòng 965 (Lào)" in page.get_by_test_id("task-source").inner_text()
    context.close()


def test_the_secretariat_drafts_edits_and_issues_the_six_month_report(site, browser, tmp_path):
    import io
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from docx import Document

    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    _sign_in(page, site, "thuongtruc.bcd")
    page.wait_for_url(f"{site}/")
    follow_menu(page, "reports")
    page.click("a.button:has-text('Lập báo cáo')")
    page.select_option("select[name=kind]", "half")
    page.fill("input[name=year]", str(datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).year))
    page.select_option("select[name=half]", "1")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/reports/*/")
    assert "6 tháng đầu năm" in page.locator("h1").inner_text()
    assert page.get_by_test_id("figures-patrols").locator("tbody tr").count() >= 1
    mine = "Các đồn biên phòng đã phối hợp chặt chẽ với chính quyền xã (đoạn do Thường trực sửa)."
    page.fill("textarea[name=part_strengths]", mine)
    page.click("form[data-testid=narrative] button[type=submit]")
    page.wait_for_url("**/reports/*/")
    assert page.locator("textarea[name=part_strengths]").input_value() == mine
    page.click("a.button:has-text('Ban hành')")
    page.click("form[data-testid=issue] button[type=submit]")
    page.wait_for_url("**/reports/*/")
    assert page.get_by_test_id("status").inner_text() == "Đã ban hành"
    number = page.get_by_test_id("number").inner_text()
    assert number.endswith("/BC-BCĐ")
    with page.expect_download() as download:
        page.click("a.button:has-text('Tải DOCX')")
    path = tmp_path / "baocao.docx"
    download.value.save_as(path)
    doc = Document(io.BytesIO(path.read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert mine in texts
    assert any(f"Số: {number}" in t for t in texts)
    context.close()


SHOTS = Path(__file__).resolve().parents[2] / "test-results"  # git-ignored, for review


@pytest.mark.parametrize("username", ["lanhdao.tinh", "canbo.phulang"])
def test_the_map_shows_the_border_offline_and_a_marker_popup_leads_to_its_page(
    site, browser, username
):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, site, username)
    page.wait_for_url(f"{site}/")
    follow_menu(page, "map")
    expect(page.locator("h1")).to_have_text("Bản đồ tình hình")
    the_map = page.get_by_test_id("map")
    expect(the_map).to_have_attribute("data-loaded", "1", timeout=30_000)
    # the map draws what each layer route gives the reader, for the period the page asked
    # (this year's incidents, hand-overs, crime cases and rescues)
    asked = {
        name: f"/api/v1/map/{name}" for name in ("sections", "markers", "repairs", "signs", "posts")
    } | {
        name: the_map.get_attribute(f"data-{name}") or ""
        for name in ("incidents", "handovers", "crime", "rescues")
    }
    answers = {name: page.request.get(site + url).json()["features"] for name, url in asked.items()}
    layers = {name: len(features) for name, features in answers.items()}
    assert layers["sections"] == 3 and layers["markers"] == 125 and layers["signs"] == 18
    parts = [f["properties"]["part"] for f in answers["posts"]]
    assert parts.count("area") == 3 and parts.count("seat") == 3  # the sample posts' seats
    if username == "lanhdao.tinh":  # the province reads every post's open repairs, hand-overs
        assert layers["repairs"] >= 1 and layers["handovers"] >= 1 and layers["incidents"] >= 1
    # the Phù Lang post's cases and rescues that have a place, over the sample's two years
    since = (_today() - timedelta(days=800)).isoformat()
    for name, placed in (("crime", 5), ("rescues", 4)):
        every = page.request.get(f"{site}/api/v1/map/{name}?start={since}").json()["features"]
        assert len(every) == placed, name
    expect(the_map.locator("path.section")).to_have_count(3)
    expect(the_map.locator("path.marker")).to_have_count(125)  # never grouped: each its colour
    expect(the_map.locator("path.post-area")).to_have_count(3)
    expect(the_map.locator("path.post-seat")).to_have_count(3)
    expect(the_map.locator("path.repair")).to_have_count(layers["repairs"])
    # crowded points are grouped: each drawn alone or counted in a group of its layer
    crowded = ["incidents", "handovers", "crime", "rescues"]
    for name, drawn in zip(crowded, ["incident", "handover", "crime", "rescue"], strict=True):
        if layers[name]:
            either = the_map.locator(f"path.{drawn}, .cluster-{name}").first
            expect(either).to_be_visible()
        alone = the_map.locator(f"path.{drawn}").count()
        grouped = the_map.locator(f".cluster-{name} [data-count]").evaluate_all(
            "els => els.reduce((n, e) => n + Number(e.dataset.count), 0)"
        )
        assert alone + grouped == layers[name], (name, alone, grouped)
    expect(the_map.locator("path.sign")).to_have_count(0)  # off until asked for
    page.locator(".leaflet-control-layers label:has-text('Biển báo') input").check()
    expect(the_map.locator("path.sign")).to_have_count(layers["signs"])
    # the GPS tracks of this year's patrols (the sample's recent ones), and this month's
    # coverage of the border by 1 km pieces when asked for
    tracks = page.request.get(site + (the_map.get_attribute("data-tracks") or "")).json()
    assert len(tracks["features"]) >= 1
    expect(the_map.locator("path.track")).to_have_count(len(tracks["features"]))
    pieces = page.request.get(f"{site}/api/v1/map/coverage").json()["features"]
    page.locator(".leaflet-control-layers label:has-text('Độ phủ tuần tra') input").check()
    expect(the_map.locator("path.piece")).to_have_count(len(pieces))
    assert any(f["properties"]["patrols"] for f in pieces)  # this month's sample patrol
    assert the_map.locator(".leaflet-pane.leaflet-background-pane path").count() >= 2
    # the operator's basemap file, served by biengioi, is drawn under the layers
    tiles = the_map.locator(".basemap img.leaflet-tile-loaded")
    expect(tiles.first).to_be_visible()
    assert tiles.first.evaluate("img => img.naturalWidth") == 256
    assert "/map/basemap/3/" in tiles.first.get_attribute("src")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"map-{username}-1366.png"), full_page=True)
    # the layer switcher hides and shows the markers
    page.locator(".leaflet-control-layers label:has-text('Mốc quốc giới') input").uncheck()
    expect(the_map.locator("path.marker")).to_have_count(0)
    page.locator(".leaflet-control-layers label:has-text('Mốc quốc giới') input").check()
    expect(the_map.locator("path.marker")).to_have_count(125)
    # the view is kept in the URL: the same link shows the same map
    expect(page).to_have_url(re.compile(r"/map/#\d+(\.\d+)?/[\d.]+/[\d.]+$"))
    link = page.url
    # zoomed in on a crime case, the points are drawn one by one, with their popups
    lon, lat = answers["crime"][0]["geometry"]["coordinates"]
    close = context.new_page()
    close.goto(f"{site}/map/#15/{lat}/{lon}")
    expect(close.get_by_test_id("map")).to_have_attribute("data-loaded", "1", timeout=30_000)
    expect(close.locator(".cluster")).to_have_count(0)
    case = close.locator("path.crime").first
    expect(case).to_be_visible()
    case.dispatch_event("click")
    expect(close.locator(".leaflet-popup-content")).to_contain_text(
        answers["crime"][0]["properties"]["title"]
    )
    close.close()
    # a search however typed flies to the marker
    page.fill("form.map-search input[name=q]", "moc 222")
    page.click("form.map-search button[type=submit]")
    results = page.get_by_test_id("map-results").locator("button")
    expect(results).to_have_text(["Mốc 222(1)", "Mốc 222(2)"])
    results.filter(has_text="Mốc 222(2)").click()
    expect(page.locator(".leaflet-popup-content", has_text="Mốc 222(2)")).to_be_visible()
    expect(the_map.locator("path.found")).to_have_count(1)
    # a marker's popup names its status and last patrol, and links to its page
    marker = the_map.locator("path.marker[data-identifier='222(2)']")
    marker.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content", has_text="Lần tuần tra gần nhất")
    expect(popup).to_contain_text("222(2)")
    popup.locator("a.popup-link").click()
    page.wait_for_url("**/markers/*/")
    assert "Mốc 222(2)" in page.locator("h1").inner_text()
    # the marker's page has a small map of the place, the line and its neighbours
    small = page.get_by_test_id("minimap")
    expect(small).to_have_attribute("data-loaded", "1", timeout=30_000)
    expect(small.locator("path.place")).to_have_count(1)
    assert small.locator("path.marker").count() >= 2  # 222(2) and its neighbours
    assert small.locator("path.section").count() >= 1
    again = context.new_page()
    again.goto(link)
    expect(again.get_by_test_id("map")).to_have_attribute("data-loaded", "1", timeout=30_000)
    assert again.url == link
    assert outside == [] and errors == []
    context.close()


def _count(page, url: str) -> int:
    """The features a layer route gives the page's reader."""
    return len(page.request.get(url).json()["features"])


def _drawn(the_map, drawn: str, layer: str) -> int:
    """The points of a layer the map shows: each drawn alone or counted in one of its groups."""
    alone = the_map.locator(f"path.{drawn}").count()
    return alone + the_map.locator(f".cluster-{layer} [data-count]").evaluate_all(
        "els => els.reduce((n, e) => n + Number(e.dataset.count), 0)"
    )


def test_the_map_filters_incidents_by_dates_and_refuses_an_inverted_range(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    _sign_in(page, site, "lanhdao.tinh")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/map/")
    the_map = page.get_by_test_id("map")
    expect(the_map).to_have_attribute("data-loaded", "1", timeout=30_000)
    this_year = _count(page, site + the_map.get_attribute("data-incidents"))
    # the sample's two years: the incidents of the year before are drawn too
    today = _today()
    since = today - timedelta(days=800)
    form = page.get_by_test_id("map-filter")
    _fill_day(page, "[data-testid=map-filter] input[name=start]", since)
    _fill_day(page, "[data-testid=map-filter] input[name=end]", today)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"start={since:%d}"))
    the_map = page.get_by_test_id("map")
    expect(the_map).to_have_attribute("data-loaded", "1", timeout=30_000)
    asked = the_map.get_attribute("data-incidents")
    assert f"start={since.isoformat()}" in asked and f"end={today.isoformat()}" in asked
    every = _count(page, site + asked)
    assert every > this_year  # the sample closed one a year back and another 200 days back
    expect(the_map.locator("path.incident, .cluster-incidents").first).to_be_visible()
    assert _drawn(the_map, "incident", "incidents") == every
    # an end before the start is refused beside the field, and the map keeps this year's
    _fill_day(page, "[data-testid=map-filter] input[name=start]", today)
    _fill_day(page, "[data-testid=map-filter] input[name=end]", since)
    page.get_by_test_id("map-filter").locator("button[type=submit]").click()
    expect(page.get_by_test_id("map-filter").locator(".error")).to_contain_text(
        "Ngày kết thúc phải sau ngày bắt đầu"
    )
    the_map = page.get_by_test_id("map")
    expect(the_map).to_have_attribute("data-loaded", "1", timeout=30_000)
    shown = _count(page, site + the_map.get_attribute("data-incidents"))
    assert shown == this_year
    context.close()


def test_the_map_is_usable_on_a_phone(site, browser):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/map/")
    the_map = page.get_by_test_id("map")
    expect(the_map).to_have_attribute("data-loaded", "1", timeout=30_000)
    box = the_map.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] >= 300
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing runs off the side of the screen
    # the legend is folded on a phone and opens when tapped
    legend = page.get_by_test_id("legend")
    expect(legend).not_to_have_attribute("open", "")
    expect(legend.locator("h3").first).to_be_hidden()
    legend.locator("summary").click()
    expect(legend.locator("h3").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "map-phone-390.png"), full_page=True)
    context.close()
