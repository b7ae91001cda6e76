"""Places and lines entered on a map inside the forms, in a real Chromium: a section drawn by
clicking, a marker dragged (and refused 5 km from the line), an incident placed by pasting what
a phone's map app copies, a sign placed where the device is. Every save goes through the same
form and service as typed coordinates; the API says what was saved."""

import base64
from decimal import Decimal

import pytest
from django_otp.oath import totp

from tests.web.test_browser import SHOTS, _sign_in, browser, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]
TOLERANCE = 1e-6  # degrees: the fields keep 7 decimals
# the console's note of a form that comes back with its errors (the page's status is 400)
REFUSED = "Failed to load resource: the server responded with a status of 400 (Bad Request)"


def _watched(browser, site, **options):  # noqa: F811
    """A page that records every request leaving the site and every console error."""
    viewport = {"width": 1366, "height": 900}
    context = browser.new_context(locale="vi-VN", viewport=viewport, **options)
    page = context.new_page()
    page.outside, page.errors = [], []
    page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith(site) else None)
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    return context, page


def _loaded(page, testid: str):
    from playwright.sync_api import expect

    the_map = page.get_by_test_id(testid)
    expect(the_map).to_have_attribute("data-loaded", "1", timeout=30_000)
    return the_map


def _centre(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _drag(page, locator, dx: float, dy: float) -> None:
    locator.scroll_into_view_if_needed()
    x, y = _centre(locator)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2, steps=4)
    page.mouse.move(x + dx, y + dy, steps=4)
    page.mouse.up()


def _audit(browser, site, **query) -> list[dict]:  # noqa: F811
    """The audit records the administrator reads (enrolling the TOTP authenticator first)."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    _sign_in(page, site, "quantri")
    page.wait_for_url("**/accounts/second-factor/**")
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.fill("input[name=code]", f"{totp(base64.b32decode(secret), step=30, digits=6):06d}")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{site}/")
    records = page.request.get(f"{site}/api/v1/audit", params=query).json()["items"]
    context.close()
    return records


def test_staff_draw_a_new_section_by_clicking_points_and_it_is_saved_and_audited(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    context, page = _watched(browser, site)
    _sign_in(page, site, "nghiepvu.bdbp")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/sections/new/")
    the_map = _loaded(page, "lineeditor-map")
    assert page.locator("textarea[name=geometry]").is_hidden()  # the map replaces the text
    the_map.scroll_into_view_if_needed()
    box = the_map.bounding_box()
    assert box is not None
    x0, y0 = box["width"] * 0.3, box["height"] * 0.3  # within the map
    clicks = [(x0, y0), (x0 + 60, y0 + 40), (x0 + 120, y0 + 50), (x0 + 200, y0 + 120)]
    for x, y in clicks:
        the_map.click(position={"x": x, "y": y})
    count = page.get_by_test_id("lineeditor-count")
    expect(count).to_have_text("4")

    def at(i: int) -> tuple[float, float]:
        frame = the_map.bounding_box()
        x, y = _centre(the_map.locator(f"[data-vertex='{i}']"))
        return x - frame["x"], y - frame["y"]

    # each vertex sits where it was clicked
    for i, (x, y) in enumerate(clicks):
        cx, cy = at(i)
        assert abs(cx - x) <= 2 and abs(cy - y) <= 2
    # the last one removed by a right click, the second dragged a little
    the_map.locator("[data-vertex='3']").click(button="right")
    expect(count).to_have_text("3")
    _drag(page, the_map.locator("[data-vertex='1']"), 10, 30)
    cx, cy = at(1)
    assert abs(cx - (clicks[1][0] + 10)) <= 2 and abs(cy - (clicks[1][1] + 30)) <= 2
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "section-drawn-1366.png"), full_page=True)
    drawn = page.evaluate("JSON.parse(document.querySelector('textarea[name=geometry]').value)")
    assert drawn["type"] == "LineString" and len(drawn["coordinates"]) == 3
    page.select_option("select[name=line_id]", index=0)
    page.fill("input[name=code]", "ve-tren-ban-do")
    page.fill("input[name=name]", "Đoạn vẽ trên bản đồ")
    page.select_option("select[name=post_id]", index=0)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/sections/*/")
    section_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    saved = page.request.get(f"{site}/api/v1/sections/{section_id}").json()
    assert saved["code"] == "VE-TREN-BAN-DO"
    assert len(saved["geometry"]["coordinates"]) == 3
    for (lon, lat), (lon2, lat2) in zip(
        drawn["coordinates"], saved["geometry"]["coordinates"], strict=True
    ):
        assert abs(lon - lon2) <= TOLERANCE and abs(lat - lat2) <= TOLERANCE
    # opened again, the section's own line is on the map to edit
    page.goto(f"{site}/sections/{section_id}/edit/")
    _loaded(page, "lineeditor-map")
    expect(page.get_by_test_id("lineeditor-count")).to_have_text("3")
    assert page.outside == [] and page.errors == []
    context.close()
    records = _audit(browser, site, action="section.create")
    mine = [r for r in records if r["object_id"] == str(section_id)]  # the sample's are older
    assert len(mine) == 1 and mine[0]["actor_username"] == "nghiepvu.bdbp"
    assert mine[0]["after"]["geometry"] == saved["geometry"]


def test_staff_drag_marker_222_2_a_little_and_not_5_km_from_the_line(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    context, page = _watched(browser, site)
    _sign_in(page, site, "nghiepvu.bdbp")
    page.wait_for_url(f"{site}/")
    found = page.request.get(f"{site}/api/v1/markers", params={"q": "222(2)"}).json()["items"]
    marker = next(m for m in found if m["identifier"] == "222(2)")
    api = f"{site}/api/v1/markers/{marker['id']}"
    before = page.request.get(api).json()
    page.goto(f"{site}/markers/{marker['id']}/edit/")
    assert "kinh độ, vĩ độ" in page.locator("#id_lon_helptext").inner_text()  # the order
    the_map = _loaded(page, "placepicker-map")
    lon, lat = page.locator("input[name=lon]"), page.locator("input[name=lat]")
    assert Decimal(lon.input_value()) == Decimal(str(before["lon"]))
    start = lon.input_value()
    _drag(page, the_map.get_by_test_id("placepicker-pin"), 25, 15)  # 230 m east, 140 m south
    expect(lon).not_to_have_value(start)
    moved_to = (Decimal(lon.input_value()), Decimal(lat.input_value()))
    assert moved_to[0] > Decimal(str(before["lon"])) and moved_to[1] < Decimal(str(before["lat"]))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/markers/{marker['id']}/")
    after = page.request.get(api).json()
    assert (Decimal(str(after["lon"])), Decimal(str(after["lat"]))) == moved_to
    shown = page.get_by_test_id("wgs84").inner_text()  # longitude first, as the form asks
    assert shown == f"{moved_to[0]}, {moved_to[1]}"

    # dropped about 5 km west, into the neighbour's land: refused beside the field, unchanged
    page.goto(f"{site}/markers/{marker['id']}/edit/")
    the_map = _loaded(page, "placepicker-map")
    the_map.locator(".leaflet-control-zoom-out").click()
    expect(the_map).to_have_attribute("data-zoom", "13")
    the_map.locator(".leaflet-control-zoom-out").click()
    expect(the_map).to_have_attribute("data-zoom", "12")
    _drag(page, the_map.get_by_test_id("placepicker-pin"), -140, 0)  # 36.6 m a pixel
    expect(lon).not_to_have_value(str(moved_to[0]))
    assert page.errors == []
    page.click("main form button[type=submit]")
    refusal = page.locator("input[name=lon]").locator("xpath=..").locator(".errorlist")
    expect(refusal).to_contain_text("cách đường biên giới")
    expect(refusal).to_contain_text("quá 2000 m cho phép")
    unchanged = page.request.get(api).json()
    assert (unchanged["lon"], unchanged["lat"]) == (after["lon"], after["lat"])
    assert page.outside == [] and page.errors == [REFUSED]
    context.close()


# What a pasted text reads as (latitude, longitude), or None when it is refused.
PASTES = [
    ("16.78, 106.51", (16.78, 106.51)),  # as a phone's map app copies it
    ("106.51, 16.78", (16.78, 106.51)),  # the other order: Vietnam's ranges cannot be confused
    ("16,78; 106,51", (16.78, 106.51)),  # decimal commas
    ("16.78°N 106.51°E", (16.78, 106.51)),
    ("  16.7812345 ,106.5123456 ", (16.7812345, 106.5123456)),
    ("16.78", None),
    ("16.78, 106.51, 12", None),
    ("16.78, 16.51", None),  # two latitudes
    ("106.78, 106.51", None),
    ("-16.78, 106.51", None),
    ("xin chào", None),
    ("", None),
]


def test_a_field_officer_places_an_incident_by_pasting_latitude_and_longitude(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    context, page = _watched(browser, site)
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/incidents/new/")
    _loaded(page, "placepicker-map")
    assert "kinh độ, vĩ độ" in page.locator("#id_lon_helptext").inner_text()
    for text, expected in PASTES:
        got = page.evaluate("t => window.biengioiParsePlace(t)", text)
        assert (None if "error" in got else (got["lat"], got["lon"])) == expected, text
    lon, lat = page.locator("input[name=lon]"), page.locator("input[name=lat]")
    paste = page.get_by_test_id("placepicker-paste")
    message = page.get_by_test_id("placepicker-message")
    # outside the province's border area (Hà Nội): refused, nothing placed
    paste.fill("21.0285, 105.8542")
    page.click("button.placepicker-put")
    expect(message).to_contain_text("ngoài khu vực biên giới")
    assert lon.input_value() == "" and lat.input_value() == ""
    paste.fill("16.78, 16.51")
    paste.press("Enter")  # Enter places, it does not submit the form
    expect(message).to_contain_text("Không đọc được tọa độ")
    assert lon.input_value() == "" and "/incidents/new/" in page.url
    # next to marker 222(2), as the officer's phone copied it: latitude first
    found = page.request.get(f"{site}/api/v1/markers", params={"q": "222(2)"}).json()["items"]
    marker = next(m for m in found if m["identifier"] == "222(2)")
    place_lat = round(float(marker["lat"]) + 0.0012, 6)
    place_lon = round(float(marker["lon"]) - 0.0009, 6)
    paste.fill(f"{place_lat:.6f}, {place_lon:.6f}")
    page.click("button.placepicker-put")
    expect(message).to_contain_text("Đã đặt vị trí")
    expect(lon).to_have_value(f"{place_lon:.7f}")
    expect(lat).to_have_value(f"{place_lat:.7f}")
    expect(paste).to_have_value("")
    expect(page.get_by_test_id("placepicker-pin")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "incident-pasted-1366.png"), full_page=True)
    page.select_option("select[name=unit_id]", index=0)
    page.fill("input[name=title]", "Phát hiện dấu vết qua lại trái phép gần mốc 222")
    page.fill("input[name=detected_by]", "Tổ tuần tra đồn Phú Lang")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/incidents/*/")
    incident_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    saved = page.request.get(f"{site}/api/v1/incidents/{incident_id}").json()
    assert abs(float(saved["lon"]) - place_lon) <= TOLERANCE
    assert abs(float(saved["lat"]) - place_lat) <= TOLERANCE
    assert page.get_by_test_id("wgs84").inner_text() == f"{place_lon:.7f}, {place_lat:.7f}"
    assert page.outside == [] and page.errors == []
    context.close()


def test_staff_place_a_new_sign_where_they_stand(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    here = {"latitude": 16.6231, "longitude": 106.5874}
    context, page = _watched(browser, site, geolocation=here, permissions=["geolocation"])
    _sign_in(page, site, "nghiepvu.bdbp")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/signs/new/")
    _loaded(page, "placepicker-map")
    page.click("button.placepicker-here")  # shown: 127.0.0.1 is a secure context
    expect(page.locator("input[name=lon]")).to_have_value("106.5874000")
    expect(page.locator("input[name=lat]")).to_have_value("16.6231000")
    page.select_option("select[name=line_id]", index=0)
    page.fill("input[name=code]", "BB-DINH-VI-01")
    page.select_option("select[name=post_id]", index=0)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/signs/*/")
    sign_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    saved = page.request.get(f"{site}/api/v1/signs/{sign_id}").json()
    assert (float(saved["lon"]), float(saved["lat"])) == (106.5874, 16.6231)
    assert page.outside == [] and page.errors == []
    context.close()


@pytest.mark.parametrize("path", ["/incidents/new/", "/sections/new/"])
def test_the_forms_maps_fit_a_phone(site, browser, path):  # noqa: F811
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    _sign_in(page, site, "nghiepvu.bdbp")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}{path}")
    the_map = _loaded(page, "placepicker-map" if "incidents" in path else "lineeditor-map")
    box = the_map.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] >= 250
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SHOTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-")
    page.screenshot(path=str(SHOTS / f"{name}-phone-390.png"), full_page=True)
    context.close()
