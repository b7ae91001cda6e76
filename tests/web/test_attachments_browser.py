"""A field officer keeps a photo with an incident in a real Chromium: the kind is left to the
file (a PNG is a photo), then the photo is re-filed and removed, each step saying it saved."""

import re

import pytest

from tests.web.test_browser import SHOTS, _sign_in, browser, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_png_on_an_incident_is_a_photo_refiled_then_removed(
    site,  # noqa: F811
    browser,  # noqa: F811
):
    from playwright.sync_api import expect

    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    page.goto(f"{site}/incidents/")
    page.locator("main table a[href]").filter(has_text=re.compile(r"\S")).first.click()
    page.wait_for_url(re.compile(r".*/incidents/\d+/$"))
    incident_url = page.url

    form = page.get_by_test_id("attachment-form")
    kind = form.locator("select[name=kind]")
    expect(kind).to_have_value("")  # left to the file by default
    assert "Biên bản tuần tra" not in kind.inner_text()  # an incident holds no patrol record
    form.locator("input[name=file]").set_input_files(
        {"name": "cong-van.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"}
    )
    expect(kind).to_have_value("document")  # shown as soon as the file is chosen
    form.locator("input[name=file]").set_input_files(
        {"name": "hien-truong.png", "mimeType": "image/png", "buffer": PNG}
    )
    expect(kind).to_have_value("photo")  # it follows the file until a kind is picked
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    status = page.get_by_role("status")
    expect(status).to_have_text("Đã lưu tệp “hien-truong.png” (Ảnh).")
    row = page.get_by_test_id("attachments").locator("tr", has_text="hien-truong.png")
    expect(row.locator("td").nth(1)).to_have_text("Ảnh")

    row.locator("summary").click()
    row.locator("select[name=kind]").select_option("document")
    with page.expect_navigation():
        row.get_by_role("button", name="Lưu loại tệp").click()
    expect(status).to_have_text("Đã lưu: tệp “hien-truong.png” là Văn bản, tài liệu.")
    expect(row.locator("td").nth(1)).to_have_text("Văn bản, tài liệu")

    row.locator("summary").click()
    expect(row.get_by_test_id("attachment-remove")).to_contain_text("Gỡ tệp “hien-truong.png”?")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "attachment-remove-1366.png"), full_page=True)
    with page.expect_navigation():
        row.get_by_role("button", name="Gỡ tệp").click()
    assert page.url == incident_url
    expect(status).to_have_text("Đã gỡ tệp “hien-truong.png”.")
    expect(
        page.get_by_test_id("attachments").locator("tr", has_text="hien-truong.png")
    ).to_have_count(0)
    assert errors == []
    context.close()
