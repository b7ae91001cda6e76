"""The columns of the twinning list as a file (the writers are in `core.tables`)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"


def _side(twinning: object, prefix: str) -> str:
    country = getattr(twinning, f"{prefix}_country")
    return country.name if country else str(_("Việt Nam"))


TWINNINGS = [
    Column(_("Hình thức kết nghĩa"), 30, lambda t: t.get_kind_display()),
    Column(_("Bên thứ nhất"), 36, lambda t: t.first_name),
    Column(_("Nước"), 14, lambda t: _side(t, "first")),
    Column(_("Bên thứ hai"), 36, lambda t: t.second_name),
    Column(_("Nước"), 14, lambda t: _side(t, "second")),
    Column(_("Ngày ký kết"), 12, lambda t: t.signed_on, DAY),
    Column(_("Quy chế"), 30, lambda t: t.regulation_title),
    Column(_("Đơn vị phụ trách"), 30, lambda t: t.unit.name),
    Column(_("Ngày kết thúc"), 12, lambda t: t.ended_on, DAY),
    Column(_("Số buổi giao ban"), 10, lambda t: getattr(t, "meeting_count", None)),
    Column(_("Số hoạt động chung"), 10, lambda t: getattr(t, "activity_count", None)),
    Column(_("Ghi chú"), 30, lambda t: t.note),
]
