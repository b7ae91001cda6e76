"""The columns of the registry's lists as files (the writers are in `core.tables`)."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from biengioi.core import geo
from biengioi.core.tables import Column, to_csv, to_xlsx

from .models import MarkerStatusKind


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _label(obj: Any, name: str) -> str:
    return str(getattr(obj, f"get_{name}_display")())


def _vn2000(m: Any, index: int) -> Any:
    return geo.vn2000(float(m.lon), float(m.lat))[index]


def _status(obj: Any) -> str:
    status = getattr(obj, "current_status", None)
    return (
        str(MarkerStatusKind(status).label) if status in MarkerStatusKind.values else (status or "")
    )


COORD = "0.0000000"
MARKERS = [
    Column(_("Tuyến biên giới"), 28, lambda m: m.line.name),
    Column(_("Số hiệu"), 10, lambda m: m.identifier),
    Column(_("Loại mốc"), 12, lambda m: _label(m, "kind")),
    Column(_("Mốc đơn/đôi/ba"), 12, lambda m: _label(m, "multiplicity")),
    Column(_("Kiểu"), 6, lambda m: m.marker_type),
    Column(_("Vật liệu"), 14, lambda m: m.material),
    Column(_("Kinh độ"), 12, lambda m: float(m.lon), COORD),
    Column(_("Vĩ độ"), 12, lambda m: float(m.lat), COORD),
    Column(_("VN-2000 múi"), 9, lambda m: _vn2000(m, 0)),
    Column(_("VN-2000 X"), 13, lambda m: _vn2000(m, 1), "#,##0.00"),
    Column(_("VN-2000 Y"), 13, lambda m: _vn2000(m, 2), "#,##0.00"),
    Column(_("Độ cao (m)"), 10, lambda m: _float(m.elevation_m), "#,##0.0"),
    Column(_("Năm cắm"), 8, lambda m: m.year_planted),
    Column(_("Đoạn biên giới"), 12, lambda m: m.section.code if m.section else ""),
    Column(_("Đồn phụ trách"), 34, lambda m: m.post.name),
    Column(_("Xã, phường"), 20, lambda m: m.commune.name if m.commune else ""),
    Column(_("Cách đường biên (m)"), 12, lambda m: _float(m.distance_to_line_m), "#,##0.0"),
    Column(_("Tình trạng"), 16, _status),
    Column(_("Ghi chú"), 30, lambda m: m.note),
]
SECTIONS = [
    Column(_("Tuyến biên giới"), 28, lambda s: s.line.name),
    Column(_("Mã đoạn"), 10, lambda s: s.code),
    Column(_("Tên đoạn"), 30, lambda s: s.name),
    Column(_("Đồn phụ trách"), 34, lambda s: s.post.name),
    Column(_("Chiều dài (km)"), 12, lambda s: float(s.length_km), "#,##0.000"),
    Column(_("Số mốc"), 8, lambda s: getattr(s, "marker_count", None)),
]
SIGNS = [
    Column(_("Tuyến biên giới"), 28, lambda s: s.line.name),
    Column(_("Số hiệu biển"), 12, lambda s: s.code),
    Column(_("Loại biển"), 30, lambda s: _label(s, "kind")),
    Column(_("Kinh độ"), 12, lambda s: float(s.lon), COORD),
    Column(_("Vĩ độ"), 12, lambda s: float(s.lat), COORD),
    Column(_("Đồn phụ trách"), 34, lambda s: s.post.name),
    Column(_("Năm cắm biển"), 10, lambda s: s.year_installed),
    Column(_("Tình trạng"), 16, _status),
    Column(_("Ghi chú"), 30, lambda s: s.note),
]
GATES = [
    Column(_("Tên cửa khẩu"), 34, lambda g: g.name),
    Column(_("Phía"), 14, lambda g: _label(g, "side")),
    Column(_("Loại cửa khẩu"), 24, lambda g: _label(g, "kind")),
    Column(_("Cửa khẩu đối diện"), 34, lambda g: g.paired_with.name if g.paired_with else ""),
    Column(_("Giờ mở cửa"), 16, lambda g: g.opening_hours),
    Column(_("Kinh độ"), 12, lambda g: float(g.lon), COORD),
    Column(_("Vĩ độ"), 12, lambda g: float(g.lat), COORD),
    Column(_("Đồn biên phòng phụ trách"), 34, lambda g: g.post.name),
    Column(
        _("Trạng thái"),
        18,
        lambda g: {
            "open": _("Đang mở"),
            "closed": _("Đóng"),
            "suspended": _("Tạm dừng hoạt động"),
        }.get(g.current_status or "", ""),
    ),
]
ADMIN_UNITS = [
    Column(_("Mã"), 8, lambda u: u.code),
    Column(_("Tên"), 34, lambda u: u.name),
    Column(_("Cấp"), 22, lambda u: _label(u, "level")),
    Column(_("Loại đơn vị"), 12, lambda u: u.division_type),
    Column(_("Trực thuộc"), 30, lambda u: u.parent.name if u.parent else ""),
    Column(_("Hiệu lực từ"), 12, lambda u: u.valid_from, "dd/mm/yyyy"),
    Column(_("Hiệu lực đến"), 12, lambda u: u.valid_to, "dd/mm/yyyy"),
    Column(_("Thuộc khu vực biên giới"), 10, lambda u: "x" if u.is_border_area else ""),
]

UNITS = [
    Column(_("Mã"), 22, lambda u: u.code),
    Column(_("Tên"), 44, lambda u: u.name),
    Column(_("Loại"), 30, lambda u: _label(u, "kind")),
    Column(_("Trực thuộc"), 36, lambda u: u.parent.name if u.parent else ""),
    Column(_("Địa bàn hành chính"), 30, lambda u: u.admin_unit.name if u.admin_unit else ""),
    Column(_("Hoạt động từ ngày"), 12, lambda u: u.valid_from, "dd/mm/yyyy"),
    Column(_("Đến ngày"), 12, lambda u: u.valid_to, "dd/mm/yyyy"),
]
COMMITTEE_MEMBERS = [
    Column(_("Ban chỉ đạo"), 40, lambda m: m.committee.name),
    Column(_("Vai trò"), 18, lambda m: _label(m, "role")),
    Column(_("Họ và tên"), 26, lambda m: m.person),
    Column(_("Chức vụ"), 40, lambda m: m.position),
    Column(_("Cơ quan"), 34, lambda m: m.agency.name if m.agency else ""),
    Column(_("Từ ngày"), 12, lambda m: m.term_from, "dd/mm/yyyy"),
    Column(_("Đến ngày"), 12, lambda m: m.term_to, "dd/mm/yyyy"),
]
COUNTERPARTS = [
    Column(_("Tên đơn vị"), 40, lambda u: u.name),
    Column(_("Loại đơn vị"), 24, lambda u: u.kind),
    Column(_("Nước"), 14, lambda u: u.country.name),
    Column(_("Địa phương nước bạn"), 20, lambda u: u.subdivision.name if u.subdivision else ""),
    Column(_("Đồn đối diện"), 50, lambda u: ", ".join(p.name for p in u.facing_posts.all())),
    Column(_("Ghi chú"), 40, lambda u: u.note),
]


def markers_csv(markers: Iterable[Any]) -> bytes:
    return to_csv(MARKERS, markers)


def markers_xlsx(markers: Iterable[Any]) -> bytes:
    return to_xlsx(_("Mốc quốc giới"), MARKERS, markers)
