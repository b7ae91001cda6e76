"""The columns of the movement and award lists as files (the writers are in `core.tables`)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"
MOVEMENTS = [
    Column(_("Tên phong trào"), 60, lambda m: m.name),
    Column(_("Đơn vị phát động"), 30, lambda m: m.unit.name),
    Column(_("Số quyết định"), 16, lambda m: m.decision_number),
    Column(_("Ngày quyết định"), 12, lambda m: m.decision_date, DAY),
    Column(_("Cơ quan ban hành"), 24, lambda m: m.decision_issuer),
    Column(_("Từ ngày"), 12, lambda m: m.starts_on, DAY),
    Column(_("Đến ngày"), 12, lambda m: m.ends_on, DAY),
    Column(_("Số khen thưởng"), 10, lambda m: getattr(m, "award_count", None)),
]
AWARDS = [
    Column(_("Ngày quyết định"), 12, lambda a: a.decision_date, DAY),
    Column(_("Số quyết định"), 16, lambda a: a.decision_number),
    Column(_("Cơ quan ban hành"), 24, lambda a: a.decision_issuer),
    Column(_("Hình thức khen thưởng"), 22, lambda a: a.get_kind_display()),
    Column(_("Cấp khen"), 24, lambda a: a.conferred_by),
    Column(_("Nước trao tặng"), 16, lambda a: a.country),
    Column(_("Đối tượng"), 10, lambda a: a.get_recipient_kind_display()),
    Column(_("Tên tập thể, cá nhân"), 36, lambda a: a.recipient_name),
    Column(_("Chức vụ"), 20, lambda a: a.position),
    Column(
        _("Đơn vị, tổ tự quản"),
        30,
        lambda a: (
            (a.recipient_team or a.recipient_unit).name
            if (a.recipient_team or a.recipient_unit)
            else ""
        ),
    ),
    Column(_("Thôn, bản, nơi công tác"), 24, lambda a: a.recipient_place),
    Column(_("Phong trào thi đua"), 40, lambda a: a.movement.name if a.movement else ""),
    Column(_("Thành tích"), 40, lambda a: a.reason),
    Column(_("Tiền thưởng (đồng)"), 14, lambda a: a.amount_vnd),
    Column(_("Đơn vị ghi nhận"), 30, lambda a: a.unit.name),
]
