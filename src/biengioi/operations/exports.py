"""The columns of the patrol list as a file (the writers are in `core.tables`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

WHEN = "dd/mm/yyyy hh:mm"


def _local(moment):  # type: ignore[no-untyped-def]
    return timezone.localtime(moment).replace(tzinfo=None)  # Excel keeps no time zones


PATROLS = [
    Column(_("Bắt đầu"), 16, lambda p: _local(p.started_at), WHEN),
    Column(_("Kết thúc"), 16, lambda p: _local(p.ended_at), WHEN),
    Column(_("Đơn vị"), 34, lambda p: p.unit.name),
    Column(_("Hình thức"), 26, lambda p: p.get_kind_display()),
    Column(_("Bên chủ trì"), 18, lambda p: p.get_host_side_display() if p.host_side else ""),
    Column(_("Tuyến biên giới"), 28, lambda p: p.line.name),
    Column(_("Đoạn biên giới"), 14, lambda p: ", ".join(s.code for s in p.sections.all())),
    Column(_("Từ mốc"), 10, lambda p: p.from_marker.identifier if p.from_marker else ""),
    Column(_("Đến mốc"), 10, lambda p: p.to_marker.identifier if p.to_marker else ""),
    Column(_("Quãng đường (km)"), 10, lambda p: p.distance_km, "0.0"),
    Column(_("Biên phòng"), 8, lambda p: p.border_guards),
    Column(_("Dân quân"), 8, lambda p: p.militia),
    Column(_("Công an xã"), 8, lambda p: p.commune_police),
    Column(_("Tổ tự quản"), 8, lambda p: p.self_management),
    Column(_("Phía bạn"), 8, lambda p: p.other_side),
    Column(_("Đơn vị phía bạn"), 30, lambda p: p.counterpart.name if p.counterpart else ""),
    Column(_("Số mốc kiểm tra"), 8, lambda p: getattr(p, "inspection_count", None)),
    Column(_("Kết quả"), 50, lambda p: p.findings),
]
