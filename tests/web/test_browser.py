"""A real Chromium, driven by Playwright, signs in to a real server as each demo role."""

import base64
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from django_otp.oath import totp

from biengioi.accounts.sample import DEMO_PASSWORD
from tests.geo.tiles import mbtiles
from tests.servers import env_for, fresh_database, run, serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]

# What each role finds in the menu (the specification, not derived from the code).
EVERYONE = [
    "home",
    "map",
    "notifications",
    "patrols",
    "repairs",
    "incidents",
    "crime",
    "handovers",
    "rescues",
    "gate_traffic",
    "teams",
    "training",
    "propaganda",
    "programmes",
    "twinning",
    "emulation",
    "awards",
    "conferences",
    "tasks",
    "talks",
    "exchanges",
    "regulations",
    "owed",
    "compliance",
    "budget",
    "reports",
    "markers",
    "sections",
    "gates",
    "signs",
    "organisations",
    "admin_units",
    "units",
]
MENUS = {
    "canbo.phulang": [*EVERYONE, "tokens", "api"],
    "nghiepvu.bdbp": [*EVERYONE, "tokens", "api"],
    "thuongtruc.bcd": [*EVERYONE, "users", "tokens", "api"],
    "lanhdao.tinh": [*EVERYONE, "users", "tokens", "api"],
    "quantri": [*EVERYONE, "users", "audit", "tokens", "api"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var = tmp_path_factory.mktemp("browser")
    with fresh_database(var) as url:
        # the province's own basemap, a tiny MBTiles made here: the map must draw its tiles
        env = env_for(var, url, BIENGIOI_BASEMAP=str(mbtiles(var / "vung.mbtiles", maxzoom=3)))
        run(env, "demo", "--no-serve")
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


@pytest.mark.parametrize("username", list(MENUS))
def test_each_role_signs_in_and_sees_its_menu(site, browser, username):
    context = browser.new_context(locale="vi-VN")
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
    menu = page.locator("nav.menu a").evaluate_all("els => els.map(e => e.dataset.menu)")
    assert menu == MENUS[username]
    assert "Tổng quan" in page.locator("h1").inner_text()
    page.click("nav.menu a[data-menu=units]")
    assert page.locator("table tbody tr").count() >= 1
    assert errors == []  # nothing blocked by the content security policy, no script errors
    context.close()


def test_the_english_switch_translates_the_page(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("nav.menu a[data-menu=units]").inner_text() == "Units"
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
    context = browser.new_context()
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert outside == []
    context.close()


def test_staff_find_marker_222_2_and_move_it(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "nghiepvu.bdbp")
    page.wait_for_url(f"{site}/")
    page.click("nav.menu a[data-menu=markers]")
    page.fill("input[name=q]", "222")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/markers/?*q=222*")
    links = page.locator("table tbody td:first-child a")
    assert links.all_inner_texts() == ["222(1)", "222(2)"]
    page.click("text=222(2)")
    assert "Mốc 222(2)" in page.locator("h1").inner_text()
    lat, lon = (float(v) for v in page.get_by_test_id("wgs84").inner_text().split(","))
    distance_before = page.get_by_test_id("distance").inner_text()
    page.click("a.button:has-text('Sửa')")
    page.fill("input[name=lon]", f"{lon + 0.0005:.7f}")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/markers/*/")
    moved = page.get_by_test_id("wgs84").inner_text()
    assert moved == f"{lat:.7f}, {lon + 0.0005:.7f}"
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
    page.click("nav.menu a[data-menu=patrols]")
    page.click("a.button:has-text('Ghi nhận chuyến tuần tra')")
    page.select_option("select[name=kind]", "bilateral")
    page.select_option("select[name=host_side]", "vn")
    page.fill("input[name=started_at]", "2025-11-20T07:30")
    page.fill("input[name=ended_at]", "2025-11-20T14:00")
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
    assert "20/11/2025" in newest and "Tuần tra song phương ngày 20/11/2025" in newest
    context.close()


def _fill_day(page, selector: str, day: date) -> None:
    """A date field: a native date picker takes ISO, a text field the Vietnamese dd/mm/yyyy."""
    kind = page.get_attribute(selector, "type")
    page.fill(selector, day.isoformat() if kind == "date" else day.strftime("%d/%m/%Y"))


def test_a_post_officer_records_talks_and_turns_an_agreed_point_into_a_task(site, browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.click("nav.menu a[data-menu=talks]")
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
    page.click("nav.menu a[data-menu=tasks]")
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
    page.click("nav.menu a[data-menu=reports]")
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
    page.click("nav.menu a[data-menu=map]")
    expect(page.locator("h1")).to_have_text("Bản đồ tình hình")
    the_map = page.get_by_test_id("map")
    expect(the_map).to_have_attribute("data-loaded", "1", timeout=30_000)
    # the map draws what each layer route gives the reader
    layer_names = ["sections", "markers", "incidents", "repairs", "handovers", "signs", "posts"]
    layer_names += ["crime", "rescues"]
    answers = {
        name: page.request.get(f"{site}/api/v1/map/{name}").json()["features"]
        for name in layer_names
    }
    layers = {name: len(features) for name, features in answers.items()}
    assert layers["sections"] == 3 and layers["markers"] == 125 and layers["signs"] == 18
    parts = [f["properties"]["part"] for f in answers["posts"]]
    assert parts.count("area") == 3 and parts.count("seat") == 3  # the sample posts' seats
    if username == "lanhdao.tinh":  # the province reads every post's open repairs, hand-overs
        assert layers["repairs"] >= 1 and layers["handovers"] >= 1 and layers["incidents"] >= 1
    assert layers["crime"] == 3 and layers["rescues"] == 3  # the Phù Lang post's, with a place
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
