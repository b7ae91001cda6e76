"""The columns of the patrol, incident and gate traffic lists as files (the writers are in
`core.tables`)."""

from django.utils import timezone
from django.utils.formats import number_format
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


def _seized(case):  # type: ignore[no-untyped-def]
    """ "2 bánh heroin; 1,5 kg ma túy tổng hợp": each seizure as the reports write it."""
    return "; ".join(
        f"{_number(s.quantity)} {s.get_unit_display()} {s.item}" for s in case.seizures.all()
    )


def _number(value):  # type: ignore[no-untyped-def]
    return number_format(value.normalize(), force_grouping=True)


CRIME_CASES = [
    Column(_("Ngày phát hiện"), 12, lambda c: c.detected_on, DAY),
    Column(_("Tóm tắt"), 44, lambda c: c.title),
    Column(_("Loại tội phạm"), 26, lambda c: c.get_category_display()),
    Column(_("Đơn vị"), 30, lambda c: c.unit.name),
    Column(_("Địa điểm"), 26, lambda c: c.place),
    Column(_("Xã, phường"), 20, lambda c: c.commune.name if c.commune else ""),
    Column(_("Chuyên án, kế hoạch"), 30, lambda c: c.operation.name if c.operation else ""),
    Column(_("Số đối tượng"), 8, lambda c: getattr(c, "person_count", None)),
    Column(_("Tang vật"), 40, _seized),
    Column(_("Hình thức xử lý"), 24, lambda c: c.get_handling_display()),
    Column(_("Ngày xử lý"), 12, lambda c: c.handled_on, DAY),
    Column(_("Số quyết định"), 16, lambda c: c.decision),
    Column(_("Tiền phạt (đồng)"), 14, lambda c: c.fine_vnd, "#,##0"),
]


REPAIRS = [
    Column(_("Mốc"), 10, lambda r: r.marker.identifier),
    Column(_("Đồn phụ trách"), 30, lambda r: r.unit.name),
    Column(_("Tình trạng"), 20, lambda r: r.get_problem_display()),
    Column(_("Ngày phát hiện"), 12, lambda r: r.detected_on, DAY),
    Column(_("Bước hiện tại"), 24, lambda r: r.get_stage_display()),
    Column(_("Ngày của bước"), 12, lambda r: r.stage_on, DAY),
    Column(_("Kết quả"), 24, lambda r: r.get_outcome_display()),
    Column(_("Ngày kết thúc"), 12, lambda r: r.closed_on, DAY),
    Column(_("Mô tả"), 50, lambda r: r.description),
]


def _place(h):  # type: ignore[no-untyped-def]
    return h.gate.name if h.gate else _("Mốc {identifier}").format(identifier=h.marker.identifier)


HANDOVERS = [
    Column(_("Ngày"), 12, lambda h: h.on, DAY),
    Column(_("Đơn vị"), 30, lambda h: h.unit.name),
    Column(_("Hình thức"), 12, lambda h: h.get_kind_display()),
    Column(_("Nơi"), 26, _place),
    Column(_("Đơn vị phía bạn"), 30, lambda h: h.counterpart.name),
    Column(_("Số người"), 8, lambda h: h.persons, "#,##0"),
    Column(_("Nam"), 8, lambda h: h.males, "#,##0"),
    Column(_("Nữ"), 8, lambda h: h.females, "#,##0"),
    Column(_("Trẻ em"), 8, lambda h: h.children, "#,##0"),
    Column(_("Quốc tịch"), 14, lambda h: h.get_nationality_display()),
    Column(_("Đối tượng truy nã"), 10, lambda h: h.wanted, "#,##0"),
    Column(
        _("Quê quán"),
        36,
        lambda h: "; ".join(f"{o.province.name}: {o.persons}" for o in h.origins.all()),
    ),
    Column(_("Ghi chú"), 50, lambda h: h.note),
]

RESCUES = [
    Column(_("Ngày bắt đầu"), 12, lambda r: r.started_on, DAY),
    Column(_("Ngày kết thúc"), 12, lambda r: r.ended_on, DAY),
    Column(_("Tóm tắt"), 40, lambda r: r.title),
    Column(_("Loại"), 18, lambda r: r.get_kind_display()),
    Column(_("Đơn vị"), 30, lambda r: r.unit.name),
    Column(_("Xã, phường"), 20, lambda r: r.commune.name if r.commune else ""),
    Column(_("Địa điểm"), 24, lambda r: r.place),
    Column(_("Số người được cứu"), 10, lambda r: r.rescued, "#,##0"),
    Column(_("Số người được sơ tán"), 10, lambda r: r.evacuated, "#,##0"),
    Column(_("Số người chết"), 8, lambda r: r.deaths, "#,##0"),
    Column(_("Số người mất tích"), 8, lambda r: r.missing, "#,##0"),
    Column(_("Tài sản cứu được"), 30, lambda r: r.property_saved),
    Column(_("Giá trị tài sản (đồng)"), 16, lambda r: r.property_value, "#,##0"),
    Column(_("Biên phòng"), 8, lambda r: r.border_guards, "#,##0"),
    Column(_("Dân quân"), 8, lambda r: r.militia, "#,##0"),
    Column(_("Lực lượng khác"), 8, lambda r: r.other_forces, "#,##0"),
    Column(_("Phương tiện, tàu thuyền"), 8, lambda r: r.vehicles, "#,##0"),
    Column(_("Diễn biến, kết quả"), 50, lambda r: r.description),
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


PATROL_PLANS = [
    Column(_("Đơn vị"), 34, lambda r: r[0].name),
    Column(_("Năm"), 8, lambda r: r[1]),
    Column(_("Tháng"), 8, lambda r: r[2]),
    Column(_("Số chuyến kế hoạch"), 12, lambda r: r[3], "#,##0"),
    Column(_("Số chuyến thực hiện"), 12, lambda r: r[4], "#,##0"),
    Column(_("Tỷ lệ thực hiện (%)"), 12, lambda r: round(100 * r[4] / r[3]) if r[3] else None),
]


CRIME_OPERATIONS = [
    Column(_("Loại"), 18, lambda o: o.get_kind_display()),
    Column(_("Tên"), 44, lambda o: o.name),
    Column(_("Số quyết định, kế hoạch"), 20, lambda o: o.decision),
    Column(_("Loại tội phạm"), 24, lambda o: o.get_category_display()),
    Column(_("Đơn vị chủ trì"), 30, lambda o: o.unit.name),
    Column(_("Ngày bắt đầu"), 12, lambda o: o.started_on, DAY),
    Column(_("Ngày kết thúc"), 12, lambda o: o.ended_on, DAY),
    Column(_("Số vụ"), 8, lambda o: getattr(o, "case_count", None)),
    Column(_("Kết quả"), 50, lambda o: o.result),
]
