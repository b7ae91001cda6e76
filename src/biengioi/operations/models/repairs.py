"""The repair of a national marker found damaged, displaced, at risk of landslide or lost.

A repair climbs a fixed ladder, each step dated, none skipped: detected → reported to the province
→ notified to the other side → joint survey → repaired or replaced → closed. A marker has at most
one repair open at a time; repairing it puts "intact" in the marker's status history.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import Marker, MarkerStatusKind, OrgUnit

__all__ = [
    "PROBLEMS",
    "MarkerRepair",
    "MarkerRepairStep",
    "RepairOutcome",
    "RepairStage",
]

PROBLEMS = [k for k in MarkerStatusKind if k != MarkerStatusKind.INTACT]


class RepairStage(models.TextChoices):
    DETECTED = "detected", _("Phát hiện")
    REPORTED = "reported", _("Báo cáo tỉnh")
    NOTIFIED = "notified", _("Thông báo phía bạn")
    SURVEYED = "surveyed", _("Khảo sát chung")
    REPAIRED = "repaired", _("Sửa chữa, thay thế xong")
    CLOSED = "closed", _("Kết thúc")

    @property
    def rank(self) -> int:
        return list(RepairStage).index(self)

    @property
    def next(self) -> "RepairStage | None":
        stages = list(RepairStage)
        return stages[self.rank + 1] if self.rank + 1 < len(stages) else None


class RepairOutcome(models.TextChoices):
    REPAIRED = "repaired", _("Sửa chữa, khôi phục tại chỗ")
    REPLACED = "replaced", _("Thay thế, cắm lại mốc")


class MarkerRepair(models.Model):
    """A marker's problem followed until it is put right; `stage` and `stage_on` are those of
    the latest step, kept on the row so that lists filter by stage in one query."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    marker = models.ForeignKey(
        Marker, verbose_name=_("mốc"), on_delete=models.PROTECT, related_name="repairs"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đồn phụ trách"), on_delete=models.PROTECT, related_name="+"
    )
    problem = models.CharField(
        _("tình trạng"), max_length=16, choices=[(k.value, k.label) for k in PROBLEMS]
    )
    description = models.TextField(_("mô tả"), blank=True)
    inspection = models.ForeignKey(
        "operations.MarkerInspection",
        verbose_name=_("lần kiểm tra phát hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    detected_on = models.DateField(_("ngày phát hiện"))
    stage = models.CharField(_("bước"), max_length=10, choices=RepairStage.choices)
    stage_on = models.DateField(_("ngày của bước"))
    outcome = models.CharField(
        _("kết quả"), max_length=10, choices=RepairOutcome.choices, blank=True
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-detected_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["marker"],
                condition=models.Q(closed_on__isnull=True),
                name="one_open_repair_per_marker",
            )
        ]
        verbose_name = _("theo dõi sửa chữa mốc")
        verbose_name_plural = _("theo dõi sửa chữa mốc")

    def __str__(self) -> str:
        return f"{self.marker} — {self.get_problem_display()}"

    def get_absolute_url(self) -> str:
        return reverse("operations:repair", args=[self.pk])

    @property
    def next_stage(self) -> RepairStage | None:
        return RepairStage(self.stage).next


class MarkerRepairStep(models.Model):
    """One dated step of a repair."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    repair = models.ForeignKey(MarkerRepair, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("bước"), max_length=10, choices=RepairStage.choices)
    on = models.DateField(_("ngày"))
    note = models.TextField(_("nội dung"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["repair", "stage"], name="one_step_per_repair_stage")
        ]
        verbose_name = _("bước sửa chữa mốc")
        verbose_name_plural = _("bước sửa chữa mốc")

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.on}"
