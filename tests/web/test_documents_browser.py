"""The secretariat opens the committee's conference in a real Chromium, attaches the signed
conclusion notice (a PDF), sees it listed, and the download link gives the same bytes back."""

import hashlib

import pytest

from tests.web.test_browser import _sign_in, browser, follow_menu, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"% thong bao ket luan\n" * 50


def test_the_secretariat_attaches_a_signed_notice_to_a_conference(
    site,  # noqa: F811
    browser,  # noqa: F811
):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, site, "thuongtruc.bcd")
    page.wait_for_url(f"{site}/")
    follow_menu(page, "conferences")
    page.wait_for_url("**/coordination/conferences/")
    review = "Hội nghị sơ kết công tác biên giới 6 tháng đầu năm"  # the sample's conference
    page.get_by_role("link", name=review).first.click()
    page.wait_for_url("**/coordination/conferences/*/")

    form = page.get_by_test_id("document-form")
    form.locator("select[name=kind]").select_option("conclusion")
    form.locator("input[name=file]").set_input_files(
        {"name": "TB-kết-luận-ký.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    form.locator("input[name=note]").fill("Bản có chữ ký, đóng dấu")
    with page.expect_navigation():  # the post, then back to the conference's page
        form.locator("button[type=submit]").click()

    row = page.get_by_test_id("documents").locator("tr", has_text="TB-kết-luận-ký.pdf")
    assert row.count() == 1
    assert "Thông báo kết luận" in row.inner_text()
    assert "Bản có chữ ký, đóng dấu" in row.inner_text()
    href = row.locator("a", has_text="TB-kết-luận-ký.pdf").get_attribute("href")
    download = page.request.get(f"{site}{href}")
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(download.body()).hexdigest() == hashlib.sha256(PDF).hexdigest()
    assert errors == []
    context.close()
