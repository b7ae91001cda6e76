"""The columns of the team list as a file (the writers are in `core.tables`)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"
TEAMS = [
    Column(_("Tên tổ"), 40, lambda t: t.name),
    Column(_("Mô hình"), 30, lambda t: t.get_kind_display()),
    Column(_("Xã, phường"), 24, lambda t: t.commune.name),
    Column(_("Thôn, bản"), 18, lambda t: t.village),
    Column(_("Đồn hướng dẫn"), 30, lambda t: t.unit.name),
    Column(_("Ngày thành lập"), 12, lambda t: t.founded_on, DAY),
    Column(_("Tổ trưởng"), 22, lambda t: t.leader),
    Column(_("Thành viên"), 10, lambda t: getattr(t, "member_count", None)),
    Column(_("Đường biên tự quản (km)"), 12, lambda t: t.km_managed, "0.000"),
    Column(_("Mốc tự quản"), 30, lambda t: ", ".join(m.identifier for m in t.markers.all())),
    Column(_("Tàu thuyền tự quản"), 10, lambda t: t.vessels_managed),
    Column(_("Kinh phí (đồng)"), 14, lambda t: t.funding_vnd, "#,##0"),
    Column(_("Nguồn kinh phí"), 24, lambda t: t.funding_source),
]
