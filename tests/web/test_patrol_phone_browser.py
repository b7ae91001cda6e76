"""A field officer's day in a real Chromium (issue 23, items 3 and 5), at 1366×768 and on a
390×844 phone: a patrol recorded with two inspections picked by typing (one by the keyboard,
one by a tap; the second suggested nearest the first), one damaged, a photo taken of it, and an
incident placed by pasting what a phone's map app copies. The page never scrolls sideways.
Bad input: an ambiguous marker number is refused naming its candidates, nothing written."""

import re
import struct
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.web.test_browser import SHOTS, _sign_in, browser, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]
OFFICER = "canbo.phulang"
WIDTHS = {"1366": (1366, 768), "390": (390, 844)}
AMBIGUOUS = "Có nhiều mốc số 240: 240(1), 240(2), 240(3). Chọn một."


def _png() -> bytes:
    """A real 2×2 PNG, as a phone's camera would send a (much larger) JPEG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x20\x20" * 2 for _ in range(2))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _page(browser, site, size: str):  # noqa: F811
    width, height = WIDTHS[size]
    phone = width < 600
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": width, "height": height},
        is_mobile=phone,
        has_touch=phone,
    )
    page = context.new_page()
    page.outside, page.errors = [], []
    page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith(site) else None)
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, site, OFFICER)
    page.wait_for_url(f"{site}/")
    return context, page


def _fits(page) -> None:
    """Nothing of the page lies beyond the screen's right edge."""
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, (page.url, scroll, inner)


def _listbox(page, name: str):
    field = page.locator(f"input[name='{name}']")
    return field, page.locator(f"#{field.get_attribute('aria-controls')}")


def _offered(listbox) -> list[str]:
    return listbox.get_by_role("option").evaluate_all("os => os.map(o => o.dataset.identifier)")


def _patrol_fields(page, day) -> None:
    page.select_option("select[name=unit_id]", index=0)
    page.select_option("select[name=kind]", "unilateral")
    page.fill("input[name=started_at]", f"{day.isoformat()}T07:30")
    page.fill("input[name=ended_at]", f"{day.isoformat()}T15:00")
    page.fill("input[name=border_guards]", "4")
    page.fill("input[name=militia]", "1")


def _submit(page, form: str, saved: str) -> None:
    """Submit `form` and land on the saved record's page (else say what the form refused)."""
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()
    refused = page.locator(".errorlist").all_inner_texts()
    assert re.search(saved, page.url), (page.url, refused)


def _marker(page, site, identifier: str) -> dict:  # noqa: F811
    found = page.request.get(f"{site}/api/v1/markers", params={"q": identifier}).json()["items"]
    return next(m for m in found if m["identifier"] == identifier)


def _patrol_count(page, site) -> int:  # noqa: F811
    return page.request.get(f"{site}/api/v1/patrols", params={"size": 1}).json()["count"]


@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_field_officer_records_a_patrol_picking_markers_by_typing(site, browser, size):  # noqa: F811
    from playwright.sync_api import expect

    context, page = _page(browser, site, size)
    tap = size == "390"
    day = timezone.localdate() - timedelta(days=1 if tap else 2)
    page.goto(f"{site}/patrols/new/")
    _fits(page)
    _patrol_fields(page, day)

    # the first inspection: "240" offers the triple marker; the keyboard takes 240(2)
    first, listbox = _listbox(page, "inspections-0-marker")
    expect(first).to_have_attribute("role", "combobox")
    first.fill("240")
    expect(listbox.get_by_role("option").first).to_be_visible()
    offered = _offered(listbox)
    assert {"240(1)", "240(2)", "240(3)"} <= set(offered)
    assert all(i.startswith("240") for i in offered), offered
    expect(first).to_have_attribute("aria-expanded", "true")
    for _ in range(offered.index("240(2)") + 1):
        first.press("ArrowDown")
    chosen_id = listbox.locator("[data-identifier='240(2)']").get_attribute("id")
    expect(first).to_have_attribute("aria-activedescendant", chosen_id)
    first.press("Enter")  # takes the marker; it does not submit the form
    expect(first).to_have_value("240(2)")
    expect(listbox).to_be_hidden()
    expect(first).to_have_attribute("aria-expanded", "false")
    assert page.url.endswith("/patrols/new/")

    # the second: "2" typed, asked near the marker just chosen: the officer's own markers (the
    # only ones a post's patrol may inspect), the nearest first; a tap takes the nearest that is
    # not of the triple marker 240, found damaged
    near = _marker(page, site, "240(2)")
    second, listbox2 = _listbox(page, "inspections-1-marker")
    with page.expect_request(lambda r: "/markers/suggest" in r.url and "q=2&" in r.url) as asked:
        second.fill("2")
    assert f"near={near['lon']}%2C{near['lat']}" in asked.value.url
    assert "own=true" in asked.value.url
    expect(listbox2.get_by_role("option").first).to_be_visible()
    offered = _offered(listbox2)
    answer = page.request.get(
        f"{site}/api/v1/markers/suggest",
        params={"q": "2", "near": f"{near['lon']},{near['lat']}", "own": "true", "limit": 8},
    ).json()
    assert offered == [m["identifier"] for m in answer]
    distances = [m["distance_m"] for m in answer]
    assert distances == sorted(distances) and offered[0] == "240(2)"  # where the patrol stands
    assert all(m["post_id"] == near["post_id"] for m in answer)
    picked = next(i for i in offered if not i.startswith("240("))
    option = listbox2.locator(f"[data-identifier='{picked}']")
    expect(option).to_contain_text(" m")  # its distance from 240(2)
    option.tap() if tap else option.click()
    expect(second).to_have_value(picked)
    page.select_option("select[name='inspections-1-status']", "damaged")

    # the third: Escape closes the list, the text stays, then it is cleared
    third, listbox3 = _listbox(page, "inspections-2-marker")
    third.fill("23")
    expect(listbox3.get_by_role("option").first).to_be_visible()
    third.press("Escape")
    expect(listbox3).to_be_hidden()
    expect(third).to_have_value("23")
    third.fill("")
    _fits(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"patrol-form-{size}.png"), full_page=True)

    _submit(page, "form[data-testid=patrol-form]", r"/patrols/\d+/$")
    patrol_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    saved = page.request.get(f"{site}/api/v1/patrols/{patrol_id}").json()
    assert sorted((i["marker"], i["status"]) for i in saved["inspections"]) == sorted(
        [(picked, "damaged"), ("240(2)", "intact")]
    )
    _fits(page)

    # a photo of the damaged marker, taken with the phone's camera
    camera = page.locator("form[data-testid=attachment-form] input[name=photo]")
    expect(camera).to_have_attribute("accept", "image/*")
    expect(camera).to_have_attribute("capture", "environment")
    form = page.get_by_test_id("attachment-form")
    form.locator("select[name=inspection_id]").select_option(label=picked)
    name = f"moc-{size}.png"
    camera.set_input_files({"name": name, "mimeType": "image/png", "buffer": _png()})
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"**/patrols/{patrol_id}/")
    expect(page.get_by_test_id("attachments")).to_contain_text(name)
    _fits(page)
    page.screenshot(path=str(SHOTS / f"patrol-saved-{size}.png"), full_page=True)
    attachments = page.request.get(f"{site}/api/v1/patrols/{patrol_id}/attachments").json()
    photo = next(a for a in attachments if a["name"] == name)
    assert photo["kind"] == "photo"

    # an incident beside the damaged marker, placed by pasting "latitude, longitude" as a
    # phone's map app copies them
    page.goto(f"{site}/incidents/new/")
    expect(page.get_by_test_id("placepicker-map")).to_have_attribute(
        "data-loaded", "1", timeout=30_000
    )
    _fits(page)
    marker = _marker(page, site, picked)
    lat, lon = round(marker["lat"] + 0.0001, 6), round(marker["lon"] - 0.0001, 6)
    paste = page.get_by_test_id("placepicker-paste")
    paste.fill(f"{lat:.6f}, {lon:.6f}")
    paste.press("Enter")
    expect(page.locator("input[name=lon]")).to_have_value(f"{lon:.7f}")
    expect(page.locator("input[name=lat]")).to_have_value(f"{lat:.7f}")
    page.select_option("select[name=unit_id]", index=0)
    page.fill("input[name=title]", f"Mốc {picked} bị nứt chân đế ({size})")
    page.fill("input[name=detected_by]", "Tổ tuần tra đồn Phù Lang")
    _submit(page, "main form:has(input[name=title])", r"/incidents/\d+/$")
    incident = page.request.get(
        f"{site}/api/v1/incidents/{int(page.url.rstrip('/').rsplit('/', 1)[1])}"
    ).json()
    assert incident["nearest_marker"] == picked
    assert (float(incident["lon"]), float(incident["lat"])) == (lon, lat)
    _fits(page)
    page.screenshot(path=str(SHOTS / f"incident-pasted-{size}.png"), full_page=True)
    assert page.outside == [] and page.errors == []
    context.close()


def test_an_ambiguous_number_is_refused_naming_its_markers_and_nothing_is_saved(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    context, page = _page(browser, site, "390")
    before = _patrol_count(page, site)
    page.goto(f"{site}/patrols/new/")
    _patrol_fields(page, timezone.localdate() - timedelta(days=3))
    typed, listbox = _listbox(page, "inspections-0-marker")
    typed.fill("240")
    expect(listbox.get_by_role("option").first).to_be_visible()
    typed.press("Escape")  # not chosen: "240" is sent as typed
    page.locator("form[data-testid=patrol-form] button[type=submit]").click()
    row = page.get_by_test_id("inspection-row").first
    expect(row.locator(".errorlist")).to_have_text(AMBIGUOUS)
    assert page.url.endswith("/patrols/new/") and _patrol_count(page, site) == before
    # the summary at the top names the row and leads to its cell
    summary = page.get_by_test_id("error-summary")
    expect(summary.get_by_role("heading")).to_have_text("Có 1 lỗi cần sửa")
    link = summary.get_by_role("link")
    expect(link).to_have_text(f"Dòng 1: Mốc: {AMBIGUOUS}")
    link.click()
    expect(page.locator("#id_inspections-0-marker")).to_be_in_viewport()
    assert page.url.endswith("#id_inspections-0-marker")
    _fits(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "patrol-ambiguous-390.png"), full_page=True)

    # back in the refused field, the list offers the candidates; a tap takes one
    typed, listbox = _listbox(page, "inspections-0-marker")
    expect(typed).to_have_value("240")
    typed.focus()
    option = listbox.locator("[data-identifier='240(3)']")
    expect(option).to_be_visible()
    option.tap()
    expect(typed).to_have_value("240(3)")
    # (a redirect keeps the fragment the summary's link put on the form's address)
    _submit(page, "form[data-testid=patrol-form]", r"/patrols/\d+/(#id_inspections-0-marker)?$")
    assert _patrol_count(page, site) == before + 1
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\s*Đã lưu chuyến tuần tra «"))
    context.close()


def test_an_incident_is_placed_at_a_marker_picked_by_typing_on_a_phone(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    context, page = _page(browser, site, "390")
    page.goto(f"{site}/incidents/new/")
    expect(page.get_by_test_id("placepicker-map")).to_have_attribute(
        "data-loaded", "1", timeout=30_000
    )
    near, listbox = _listbox(page, "near_marker")
    near.fill("275")
    expect(listbox.get_by_role("option").first).to_be_visible()
    offered = _offered(listbox)
    assert offered[:2] == ["275(1)", "275(2)"], offered  # the double marker, in order
    near.press("ArrowDown")
    near.press("ArrowDown")
    near.press("Enter")
    expect(near).to_have_value("275(2)")
    marker = _marker(page, site, "275(2)")
    expect(page.locator("input[name=lon]")).to_have_value(f"{marker['lon']:.7f}")
    expect(page.locator("input[name=lat]")).to_have_value(f"{marker['lat']:.7f}")
    expect(page.get_by_test_id("placepicker-pin")).to_be_visible()
    _fits(page)
    page.select_option("select[name=unit_id]", index=0)
    page.fill("input[name=title]", "Sạt lở taluy cạnh mốc 275(2)")
    page.fill("input[name=detected_by]", "Tổ tuần tra đồn Phù Lang")
    _submit(page, "main form:has(input[name=title])", r"/incidents/\d+/$")
    incident = page.request.get(
        f"{site}/api/v1/incidents/{int(page.url.rstrip('/').rsplit('/', 1)[1])}"
    ).json()
    assert incident["nearest_marker"] == "275(2)"
    assert float(incident["marker_distance_m"]) == 0
    assert page.outside == [] and page.errors == []
    context.close()
