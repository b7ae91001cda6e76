"""The columns of the budget table as files (the writers are in `core.tables`)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

MONEY = "#,##0"

BUDGET = [
    Column(_("Năm"), 8, lambda b: b.year),
    Column(_("Đơn vị"), 36, lambda b: b.unit.name),
    Column(_("Khoản mục"), 50, lambda b: b.title),
    Column(_("Nhóm"), 24, lambda b: b.get_category_display()),
    Column(_("Dự toán (đồng)"), 18, lambda b: b.estimated, MONEY),
    Column(_("Được duyệt (đồng)"), 18, lambda b: b.approved, MONEY),
    Column(_("Đã chi (đồng)"), 18, lambda b: b.spent, MONEY),
    Column(_("Ghi chú"), 40, lambda b: b.note),
]
