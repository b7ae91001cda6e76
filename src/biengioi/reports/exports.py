"""The columns of the report list as files (the writers are in `core.tables`)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

from .periods import parse

DAY = "dd/mm/yyyy"

REPORTS = [
    Column(_("Số"), 14, lambda r: r.number_text),
    Column(_("Kỳ báo cáo"), 24, lambda r: parse(r.period_code).display),
    Column(_("Trích yếu"), 60, lambda r: r.summary),
    Column(_("Đơn vị"), 30, lambda r: r.scope_unit.name),
    Column(_("Trạng thái"), 14, lambda r: r.get_status_display()),
    Column(_("Ngày ban hành"), 12, lambda r: r.issued_on, DAY),
    Column(_("Thay thế báo cáo"), 14, lambda r: r.corrects.number_text if r.corrects else ""),
]
