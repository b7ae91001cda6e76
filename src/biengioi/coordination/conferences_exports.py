"""The columns of the conference and task lists as files (the writers are in `core.tables`)."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.tables import Column

DAY = "dd/mm/yyyy"


def _conclusion_number(c: Any) -> str:
    try:
        return c.conclusion.number
    except ObjectDoesNotExist:  # a conference without its conclusion notice yet
        return ""


CONFERENCES = [
    Column(_("Ngày tổ chức"), 12, lambda c: c.held_on, DAY),
    Column(_("Loại hội nghị"), 24, lambda c: c.get_kind_display()),
    Column(_("Tên hội nghị"), 50, lambda c: c.title),
    Column(_("Đơn vị tổ chức"), 30, lambda c: c.unit.name),
    Column(_("Số kế hoạch"), 16, lambda c: c.plan_number),
    Column(_("Địa điểm"), 30, lambda c: c.place),
    Column(_("Chủ trì"), 30, lambda c: c.chair),
    Column(_("Số người tham dự"), 10, lambda c: c.participant_count),
    Column(_("Số thông báo kết luận"), 18, _conclusion_number),
    Column(_("Số nhiệm vụ"), 10, lambda c: getattr(c, "task_count", None)),
]

TASKS = [
    Column(_("Nhiệm vụ"), 50, lambda t: t.title),
    Column(_("Đơn vị chủ trì"), 30, lambda t: t.unit.name),
    Column(_("Thời hạn"), 12, lambda t: t.deadline, DAY),
    Column(_("Trạng thái"), 16, lambda t: t.get_status_display()),
    Column(
        _("Quá hạn"),
        8,
        lambda t: str(_("Có")) if t.is_overdue(timezone.localdate()) else "",
    ),
    Column(
        _("Thông báo kết luận"),
        18,
        lambda t: t.conclusion.number if t.conclusion_id else "",
    ),
    Column(
        _("Hội đàm"),
        30,
        lambda t: (
            f"{t.agreed_point.talks.counterpart.name} ({t.agreed_point.talks.held_on:%d/%m/%Y})"
            if t.agreed_point_id
            else ""
        ),
    ),
    Column(
        _("Đơn vị phối hợp"),
        40,
        lambda t: "; ".join(sorted(u.name for u in t.coordinating_units.all())),
    ),
    Column(_("Nội dung"), 50, lambda t: t.description),
]
