"""Conferences (hội nghị, DOMAIN §3.13), their conclusion notices and the tasks that follow.

A conference is organised by a unit (which decides who sees it): a periodic briefing (giao ban),
a half-year or annual review, a multi-year review, or a review of the border treaties. It may end
in a conclusion notice (Thông báo kết luận), issued no earlier than the conference, which assigns
tasks to units with deadlines. A task may also stand on its own. Its progress is a list of dated
updates, each of which may move its status; "overdue" is never stored: it is a deadline passed
on a task neither done nor cancelled.
"""

import uuid
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.core.search import Searched
from biengioi.registry.models import OrgUnit

__all__ = [
    "Conclusion",
    "Conference",
    "ConferenceKind",
    "Task",
    "TaskProgress",
    "TaskStatus",
]


class ConferenceKind(models.TextChoices):
    BRIEFING = "briefing", _("Giao ban")
    HALF_YEAR = "half_year", _("Sơ kết 6 tháng")
    ANNUAL = "annual", _("Tổng kết năm")
    MULTI_YEAR = "multi_year", _("Sơ kết, tổng kết nhiều năm")
    TREATY_REVIEW = "treaty_review", _("Sơ kết, tổng kết thực hiện các văn kiện biên giới")


class TaskStatus(models.TextChoices):
    NEW = "new", _("Mới giao")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


OPEN_STATUSES = (TaskStatus.NEW, TaskStatus.IN_PROGRESS)


class Conference(Searched):
    """A conference a unit held, with the units and people who took part."""

    SCOPE_PATH: ClassVar[str] = "unit__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("title", "plan_number", "place", "kind")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại hội nghị"), max_length=20, choices=ConferenceKind.choices)
    title = models.CharField(_("tên hội nghị"), max_length=300)
    plan_number = models.CharField(_("số kế hoạch"), max_length=60, blank=True)
    held_on = models.DateField(_("ngày tổ chức"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=200, blank=True)
    participant_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("đơn vị tham dự"), blank=True, related_name="+"
    )
    participants = models.TextField(_("thành phần tham dự"), blank=True)
    participant_count = models.PositiveIntegerField(_("số người tham dự"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"], name="conference_held_idx")]
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")

    def __str__(self) -> str:
        return self.title


class Conclusion(models.Model):
    """The conclusion notice (Thông báo kết luận) of a conference: one per conference."""

    SCOPE_PATH: ClassVar[str] = "conference__unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    conference = models.OneToOneField(
        Conference, verbose_name=_("hội nghị"), on_delete=models.PROTECT, related_name="conclusion"
    )
    number = models.CharField(_("số thông báo"), max_length=60)
    issued_on = models.DateField(_("ngày thông báo"))
    summary = models.TextField(_("nội dung kết luận"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("thông báo kết luận")
        verbose_name_plural = _("thông báo kết luận")

    def __str__(self) -> str:
        return self.number


class Task(Searched):
    """A task assigned to a unit, from a conclusion, from a point agreed at talks, or on its
    own, with a deadline.

    Seen by the assigned unit's scope (what it owes) and by the coordinating units' scopes."""

    SCOPE_PATH: ClassVar[str] = "unit__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("title", "description")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    conclusion = models.ForeignKey(
        Conclusion,
        verbose_name=_("thông báo kết luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    agreed_point = models.ForeignKey(
        "coordination.AgreedPoint",
        verbose_name=_("nội dung thống nhất tại hội đàm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    title = models.CharField(_("nhiệm vụ"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    coordinating_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="+"
    )
    # the day it was given (by default the notice's or the talks' day, or the day a task on its
    # own was recorded): a report of a period names only the tasks given by the period's end
    assigned_on = models.DateField(_("ngày giao"))
    deadline = models.DateField(_("thời hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="task_status_deadline_idx")]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.status in OPEN_STATUSES and self.deadline < today


class TaskProgress(models.Model):
    """A dated progress update of a task, with its evidence; it may move the task's status."""

    SCOPE_PATH: ClassVar[str] = "task__unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey(
        Task, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="progress"
    )
    on = models.DateField(_("ngày"))
    text = models.TextField(_("kết quả thực hiện"))
    evidence = models.CharField(_("minh chứng"), max_length=300, blank=True)
    status = models.CharField(
        _("trạng thái mới"), max_length=20, choices=TaskStatus.choices, blank=True
    )
    status_before = models.CharField(max_length=20, choices=TaskStatus.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")

    def __str__(self) -> str:
        return f"{self.task} ({self.on})"
