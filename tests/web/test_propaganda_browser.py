"""A field officer imports propaganda sessions from a spreadsheet in a real Chromium: a file with
one bad row is refused whole (the row listed with its column and reason, the list's total
unchanged), then the corrected file is imported."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import Workbook

from tests.web.test_browser import _sign_in, browser, follow_menu, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]

HEADER = ["Ngày", "Xã, phường", "Thôn, bản", "Hình thức", "Chủ đề", "Số người nghe", "Tờ rơi"]
COMMUNE = "MAU-BC-XA-01"  # a commune of the sample province, by code
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(*listeners: int) -> bytes:
    """One meeting a day, counting back from yesterday, with these listeners."""
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    today = timezone.localdate()
    for n, count in enumerate(listeners):
        on = today - timedelta(days=1 + n)
        topics = "Luật Biên giới quốc gia; Phòng, chống ma túy"
        sheet.append([on, COMMUNE, "Bản Nà Lừa", "Họp dân", topics, count, 30])
        sheet.cell(row=sheet.max_row, column=1).number_format = "dd/mm/yyyy"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _totals(page) -> tuple[int, int]:
    text = page.get_by_test_id("propaganda-totals").inner_text()
    found = re.match(r"([\d.]+) buổi, ([\d.]+) lượt người nghe", text)
    assert found, text
    sessions, listeners = (int(g.replace(".", "")) for g in found.groups())
    return sessions, listeners


def test_a_field_officer_imports_sessions_a_bad_row_refusing_the_whole_file(
    site,  # noqa: F811
    browser,  # noqa: F811
):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, site, "canbo.phulang")
    page.wait_for_url(f"{site}/")
    follow_menu(page, "propaganda")
    page.wait_for_url(f"{site}/propaganda/")
    before = _totals(page)
    assert before[0] > 0  # the sample sessions
    page.click("a.button:has-text('Nhập từ tệp')")
    page.wait_for_url(f"{site}/propaganda/import/")
    assert page.get_by_test_id("template-link").is_visible()
    page.select_option("select[name=unit_id]", label="Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang")
    bad = _xlsx(60, -4, 75)  # the second data row (row 3) counts minus four listeners
    page.set_input_files(
        "input[name=file]", files=[{"name": "tuyentruyen.xlsx", "mimeType": XLSX, "buffer": bad}]
    )
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    report = page.get_by_test_id("import-errors")
    assert "Không nhập dòng nào: 1 lỗi." in report.inner_text()
    rows = report.locator("tbody tr")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[:2] == ["3", "Số người nghe"] and cells[2], cells
    page.goto(f"{site}/propaganda/")
    assert _totals(page) == before  # nothing imported
    page.click("a.button:has-text('Nhập từ tệp')")
    page.wait_for_url(f"{site}/propaganda/import/")
    page.select_option("select[name=unit_id]", label="Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang")
    good = _xlsx(60, 40, 75)  # the same file, row 3 corrected
    page.set_input_files(
        "input[name=file]", files=[{"name": "tuyentruyen.xlsx", "mimeType": XLSX, "buffer": good}]
    )
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{site}/propaganda/")
    assert "Đã nhập 3 buổi." in page.locator(".messages").inner_text()
    assert _totals(page) == (before[0] + 3, before[1] + 175)
    # the refused upload answers 400, which the console reports; nothing else may appear
    assert [e for e in errors if "status of 400" not in e] == [], errors
    context.close()
