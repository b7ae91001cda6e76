"""The secretariat opens the compliance table of the reporting duties in a real Chromium and sees
the Phù Lang post's late report and its missing one highlighted, and nobody else's."""

import pytest
from django.utils import timezone

from biengioi.coordination.sample import sample_problem_periods
from tests.web.test_browser import _sign_in, browser, follow_menu, site  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.needs("chromium"),
]
PHU_LANG = "Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang"


def test_the_secretariat_sees_a_late_post_highlighted_in_the_compliance_table(
    site,  # noqa: F811
    browser,  # noqa: F811
):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _sign_in(page, site, "thuongtruc.bcd")
    page.wait_for_url(f"{site}/")
    follow_menu(page, "compliance")
    page.wait_for_url("**/coordination/compliance/**")
    late, _missing = sample_problem_periods(timezone.localdate())
    page.fill("input[name=year]", str(late.year))
    page.select_option("select[name=part]", "year")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**year={late.year}**")

    row = page.get_by_test_id("compliance-cells").locator("tr", has_text=PHU_LANG)
    late_cell = row.locator("span.status.late")
    assert late_cell.count() == 1
    assert "Chậm 3 ngày" in late_cell.inner_text()
    missing_cell = row.locator("span.status.missing")
    assert missing_cell.count() == 1 and "Chưa nộp" in missing_cell.inner_text()
    colour = late_cell.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")  # it stands out
    # nobody else was late or missed one
    everything = page.get_by_test_id("compliance-cells")
    assert everything.locator("span.status.late").count() == 1
    assert everything.locator("span.status.missing").count() == 1
    units = page.get_by_test_id("compliance-units").locator("tr", has_text=PHU_LANG)
    assert units.locator("span.status.late").inner_text() == "1"
    assert errors == []
    context.close()
