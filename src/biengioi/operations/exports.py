"""The columns of the patrol, incident and gate traffic lists as files (the writers are in
`core.tables`)."""

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


DAY = "dd/mm/yyyy"
INCIDENTS = [
    Column(_("Ngày phát hiện"), 12, lambda i: i.detected_on, DAY),
    Column(_("Tóm tắt"), 44, lambda i: i.title),
    Column(_("Loại vụ việc"), 30, lambda i: i.get_kind_display()),
    Column(_("Đơn vị phụ trách"), 30, lambda i: i.unit.name),
    Column(_("Xã, phường"), 20, lambda i: i.commune.name if i.commune else ""),
    Column(
        _("Mốc gần nhất"), 10, lambda i: i.nearest_marker.identifier if i.nearest_marker else ""
    ),
    Column(_("Cách mốc (m)"), 10, lambda i: i.marker_distance_m, "#,##0"),
    Column(_("Cách đường biên (m)"), 10, lambda i: i.line_distance_m, "#,##0"),
    Column(_("Kinh độ"), 12, lambda i: i.lon, "0.000000"),
    Column(_("Vĩ độ"), 12, lambda i: i.lat, "0.000000"),
    Column(_("Người, lực lượng phát hiện"), 28, lambda i: i.detected_by),
    Column(_("Các bên liên quan"), 30, lambda i: i.parties),
    Column(_("Cấp đang giải quyết"), 16, lambda i: i.get_level_display()),
    Column(_("Số bước giải quyết"), 8, lambda i: getattr(i, "step_count", None)),
    Column(_("Hạn giải quyết"), 12, lambda i: i.due_on, DAY),
    Column(_("Số ngày quá hạn"), 8, lambda i: i.overdue_days or None),
    Column(_("Ngày kết thúc"), 12, lambda i: i.closed_on, DAY),
    Column(_("Kết quả giải quyết"), 50, lambda i: i.result),
]


COUNT = "#,##0"
GATE_TRAFFIC = [
    Column(_("Ngày"), 12, lambda t: t.on, DAY),
    Column(_("Loại số liệu"), 10, lambda t: t.get_period_display()),
    Column(_("Cửa khẩu"), 32, lambda t: t.gate.name),
    Column(_("Đơn vị ghi nhận"), 32, lambda t: t.unit.name),
    Column(_("Người xuất cảnh (lượt)"), 12, lambda t: t.persons_out, COUNT),
    Column(_("Người nhập cảnh (lượt)"), 12, lambda t: t.persons_in, COUNT),
    Column(_("Phương tiện xuất cảnh (lượt)"), 12, lambda t: t.vehicles_out, COUNT),
    Column(_("Phương tiện nhập cảnh (lượt)"), 12, lambda t: t.vehicles_in, COUNT),
    Column(_("Hàng xuất khẩu (tấn)"), 14, lambda t: t.export_tonnes, "#,##0.000"),
    Column(_("Hàng nhập khẩu (tấn)"), 14, lambda t: t.import_tonnes, "#,##0.000"),
    Column(_("Kim ngạch xuất khẩu (USD)"), 16, lambda t: t.export_value_usd, "#,##0.00"),
    Column(_("Kim ngạch nhập khẩu (USD)"), 16, lambda t: t.import_value_usd, "#,##0.00"),
    Column(_("Ghi chú"), 30, lambda t: t.note),
]
