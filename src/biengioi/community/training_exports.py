"""The columns of the course list as a file (the writers are in `core.tables`)."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"
COURSES = [
    Column(_("Tên lớp tập huấn"), 44, lambda c: c.title),
    Column(_("Từ ngày"), 12, lambda c: c.starts_on, DAY),
    Column(_("Đến ngày"), 12, lambda c: c.ends_on, DAY),
    Column(_("Đơn vị tổ chức"), 30, lambda c: c.unit.name),
    Column(_("Địa điểm"), 30, lambda c: c.place),
    Column(_("Số người tham dự"), 10, lambda c: c.participants),
    Column(_("Số người được tập huấn"), 10, lambda c: c.people_trained),
    Column(_("Số tổ tự quản"), 10, lambda c: getattr(c, "team_count", None)),
    Column(
        _("Tổ tự quản được tập huấn"),
        60,
        lambda c: "; ".join(sorted(t.name for t in c.teams.all())),
    ),
    Column(_("Ghi chú"), 30, lambda c: c.note),
]
