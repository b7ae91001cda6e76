"""The columns of the propaganda session list as a file (the writers are in `core.tables`).
Topics are joined by "; " as in the import file."""

from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"
COUNT = "#,##0"
SESSIONS = [
    Column(_("Ngày"), 12, lambda s: s.on, DAY),
    Column(_("Đơn vị tổ chức"), 32, lambda s: s.unit.name),
    Column(_("Xã, phường"), 24, lambda s: s.commune.name),
    Column(_("Thôn, bản"), 18, lambda s: s.village),
    Column(_("Hình thức"), 26, lambda s: s.get_form_display()),
    Column(_("Chủ đề"), 40, lambda s: "; ".join(t.name for t in s.topics.all())),
    Column(_("Số người nghe (lượt)"), 12, lambda s: s.listeners, COUNT),
    Column(_("Tờ rơi"), 10, lambda s: s.leaflets, COUNT),
    Column(_("Lịch"), 10, lambda s: s.calendars, COUNT),
    Column(_("Sổ tay, tài liệu"), 12, lambda s: s.handbooks, COUNT),
    Column(_("Tài liệu khác"), 20, lambda s: s.other_materials),
    Column(_("Ngôn ngữ"), 14, lambda s: s.language),
    Column(_("Ghi chú"), 30, lambda s: s.note),
]
