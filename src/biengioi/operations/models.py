"""The operations log: patrols and the marker inspections made on them.

Every record belongs to the unit that did the work (a border post, usually) and carries a
client-made id (`uuid`: a retried request from a weak link never makes a duplicate) and a
`version` (an edit made on a stale copy is refused, never silently overwrites).
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import (
    BorderLine,
    BorderSection,
    CounterpartUnit,
    Marker,
    MarkerStatusKind,
    OrgUnit,
)


class PatrolKind(models.TextChoices):
    UNILATERAL = "unilateral", _("Tuần tra đơn phương")
    BILATERAL = "bilateral", _("Tuần tra song phương")
    JOINT = "joint", _("Tuần tra chung")
    JOINT_LAW_ENFORCEMENT = "joint_law_enforcement", _("Tuần tra liên hợp chấp pháp")


class HostSide(models.TextChoices):
    VN = "vn", _("Phía Việt Nam chủ trì")
    OTHER = "other", _("Phía bạn chủ trì")


class Patrol(models.Model):
    """One patrol of a unit along a stretch of the border, from one marker to another."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="patrols"
    )
    kind = models.CharField(_("hình thức"), max_length=24, choices=PatrolKind.choices)
    host_side = models.CharField(
        _("bên chủ trì"), max_length=8, choices=HostSide.choices, blank=True
    )
    line = models.ForeignKey(
        BorderLine, verbose_name=_("tuyến biên giới"), on_delete=models.PROTECT
    )
    sections = models.ManyToManyField(
        BorderSection, verbose_name=_("đoạn biên giới"), blank=True, related_name="patrols"
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"))
    from_marker = models.ForeignKey(
        Marker,
        verbose_name=_("từ mốc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_marker = models.ForeignKey(
        Marker,
        verbose_name=_("đến mốc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    distance_km = models.DecimalField(
        _("quãng đường (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    border_guards = models.PositiveSmallIntegerField(_("cán bộ, chiến sĩ biên phòng"), default=0)
    militia = models.PositiveSmallIntegerField(_("dân quân"), default=0)
    commune_police = models.PositiveSmallIntegerField(_("công an xã"), default=0)
    self_management = models.PositiveSmallIntegerField(_("thành viên tổ tự quản"), default=0)
    other_side = models.PositiveSmallIntegerField(_("lực lượng phía bạn"), default=0)
    counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("đơn vị phía bạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrols",
    )
    counterpart_leader = models.CharField(_("chỉ huy phía bạn"), max_length=150, blank=True)
    findings = models.TextField(_("kết quả, tình hình phát hiện"), blank=True)
    next_patrol_on = models.DateField(
        _("lần tuần tra tiếp theo đã thống nhất"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["unit", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gte=models.F("started_at")),
                name="patrol_ends_after_it_starts",
            )
        ]
        verbose_name = _("chuyến tuần tra")
        verbose_name_plural = _("chuyến tuần tra")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%d/%m/%Y}"

    @property
    def participants(self) -> int:
        return (
            self.border_guards
            + self.militia
            + self.commune_police
            + self.self_management
            + self.other_side
        )


class MarkerInspection(models.Model):
    """A marker met on a patrol: what was found, and whether the vegetation was cleared. A
    status other than the marker's current one enters the marker's status history."""

    SCOPE_PATH: ClassVar[str] = "patrol__unit__path"

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="inspections")
    marker = models.ForeignKey(
        Marker, verbose_name=_("mốc"), on_delete=models.PROTECT, related_name="inspections"
    )
    status = models.CharField(_("tình trạng"), max_length=16, choices=MarkerStatusKind.choices)
    vegetation_cleared = models.BooleanField(_("đã phát quang, vệ sinh"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    status_changed = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["patrol", "marker__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["patrol", "marker"], name="inspection_once_a_patrol")
        ]
        verbose_name = _("kiểm tra mốc")
        verbose_name_plural = _("kiểm tra mốc")

    def __str__(self) -> str:
        return f"{self.marker} ({self.status})"
