"""Coordination regulations (quy chế phối hợp, DOMAIN §3.12), the duties they set and the
submissions those duties expect.

A regulation is the province's: signed between two or more of its units (the Border Guard
command, the Department of Foreign Affairs, the police, a commune's People's Committee) and, for
a joint regulation with the other side, counterpart units; it is kept by the secretariat at the
province's root and read by every unit of the province. Each duty is owed by one party (or a
unit under one: a border post of the command) on a rhythm with a due day (see `rhythms`). A
submission is what the owing unit sent for one period of one duty; there is at most one per duty
and period, and its timeliness (on time, late by N days) is derived from the duty's due day,
never stored.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import CounterpartUnit, OrgUnit

from ..rhythms import Rhythm

__all__ = ["Duty", "DutyKind", "Regulation", "Rhythm", "Submission"]


class DutyKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    EXCHANGE = "exchange", _("Trao đổi thông tin")
    MEETING = "meeting", _("Giao ban định kỳ")
    JOINT_PATROL = "joint_patrol", _("Tuần tra chung")
    JOINT_PROPAGANDA = "joint_propaganda", _("Tuyên truyền chung")


WEEKDAYS = [
    _("thứ Hai"),
    _("thứ Ba"),
    _("thứ Tư"),
    _("thứ Năm"),
    _("thứ Sáu"),
    _("thứ Bảy"),
    _("Chủ nhật"),
]


class Regulation(models.Model):
    """A coordination regulation of the province between its parties."""

    SCOPE_PATH: ClassVar[str] = "province__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    province = models.ForeignKey(
        OrgUnit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("số văn bản"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    title = models.CharField(_("tên quy chế"), max_length=300)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    parties = models.ManyToManyField(OrgUnit, verbose_name=_("các bên"), related_name="+")
    counterparts = models.ManyToManyField(
        CounterpartUnit, verbose_name=_("đơn vị nước bạn"), blank=True, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("quy chế phối hợp")
        verbose_name_plural = _("quy chế phối hợp")

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"


class Duty(models.Model):
    """What a regulation asks of one unit on a rhythm: a report, an information exchange, a
    periodic meeting, a joint patrol or joint propaganda, due on a day after each period."""

    SCOPE_PATH: ClassVar[str] = "regulation__province__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    regulation = models.ForeignKey(
        Regulation, verbose_name=_("quy chế"), on_delete=models.PROTECT, related_name="duties"
    )
    kind = models.CharField(_("loại nhiệm vụ"), max_length=20, choices=DutyKind.choices)
    title = models.CharField(_("nội dung nhiệm vụ"), max_length=300)
    rhythm = models.CharField(_("định kỳ"), max_length=20, choices=Rhythm.choices)
    due_day = models.PositiveSmallIntegerField(_("hạn nộp (ngày)"))
    due_month = models.PositiveSmallIntegerField(_("hạn nộp (tháng)"), null=True, blank=True)
    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["regulation", "pk"]
        verbose_name = _("nhiệm vụ theo quy chế")
        verbose_name_plural = _("nhiệm vụ theo quy chế")

    def __str__(self) -> str:
        return self.title

    @property
    def due_label(self) -> str:
        """When each period is due, in words ("ngày 05 tháng sau kỳ", "thứ Hai tuần sau")."""
        if self.rhythm == Rhythm.WEEKLY:
            return str(_("{weekday} tuần sau")).format(weekday=WEEKDAYS[self.due_day - 1])
        if self.rhythm == Rhythm.YEARLY:
            return str(_("ngày {day:02d}/{month:02d} năm sau")).format(
                day=self.due_day, month=self.due_month or 1
            )
        return str(_("ngày {day:02d} tháng đầu sau kỳ")).format(day=self.due_day)


class Submission(models.Model):
    """What the owing unit sent for one period of a duty: a reference to its report (number,
    file name), its figures as named numbers, a note, and the day it was sent."""

    SCOPE_PATH: ClassVar[str] = "duty__owner__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    duty = models.ForeignKey(
        Duty, verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="submissions"
    )
    period_start = models.DateField(_("kỳ từ ngày"))
    period_end = models.DateField(_("kỳ đến ngày"))
    submitted_on = models.DateField(_("ngày nộp"))
    reference = models.CharField(_("văn bản, tệp báo cáo"), max_length=300, blank=True)
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start", "duty", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["duty", "period_start"], name="submission_one_per_period"
            )
        ]
        verbose_name = _("báo cáo đã nộp")
        verbose_name_plural = _("báo cáo đã nộp")

    def __str__(self) -> str:
        return f"{self.duty} ({self.period_start:%d/%m/%Y} – {self.period_end:%d/%m/%Y})"
