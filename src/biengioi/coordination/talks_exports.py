"""The columns of the talks and exchange lists as files (the writers are in `core.tables`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"

TALKS = [
    Column(_("Ngày hội đàm"), 12, lambda t: t.held_on, DAY),
    Column(_("Cấp hội đàm"), 24, lambda t: t.get_level_display()),
    Column(_("Đơn vị phía Việt Nam"), 30, lambda t: t.unit.name),
    Column(_("Đơn vị phía nước bạn"), 30, lambda t: t.counterpart.name),
    Column(_("Trưởng đoàn phía Việt Nam"), 24, lambda t: t.our_head),
    Column(_("Trưởng đoàn phía nước bạn"), 24, lambda t: t.their_head),
    Column(_("Bên đăng cai"), 20, lambda t: t.get_host_side_display()),
    Column(_("Địa điểm"), 30, lambda t: t.place),
    Column(_("Biên bản hội đàm"), 30, lambda t: t.minutes_ref),
    Column(_("Số nội dung thống nhất"), 10, lambda t: getattr(t, "point_count", None)),
    Column(_("Số nhiệm vụ"), 10, lambda t: getattr(t, "task_count", None)),
    Column(_("Theo kế hoạch"), 30, lambda t: t.planned.topic if t.planned_id else ""),
]

EXCHANGES = [
    Column(_("Ngày"), 12, lambda e: e.on, DAY),
    Column(_("Hình thức"), 18, lambda e: e.get_channel_display()),
    Column(_("Chiều"), 10, lambda e: e.get_direction_display()),
    Column(_("Đơn vị"), 30, lambda e: e.unit.name),
    Column(_("Bên trao đổi"), 30, lambda e: e.party),
    Column(_("Vấn đề trao đổi"), 40, lambda e: e.subject),
    Column(_("Vụ việc liên quan"), 30, lambda e: e.incident.title if e.incident_id else ""),
    Column(_("Hạn trả lời"), 12, lambda e: e.reply_by, DAY),
    Column(_("Ngày trả lời"), 12, lambda e: e.replied_on, DAY),
    Column(
        _("Chờ trả lời quá hạn"),
        8,
        lambda e: str(_("Có")) if e.reply_overdue(timezone.localdate()) else "",
    ),
    Column(_("Nội dung tóm tắt"), 50, lambda e: e.summary),
    Column(_("Nội dung trả lời"), 50, lambda e: e.reply_summary),
]
