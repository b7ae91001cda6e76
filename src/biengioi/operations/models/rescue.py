"""Rescue and disaster response (cứu hộ, cứu nạn, phòng chống thiên tai) by the border units:
floods, landslides, storms, fires, searches for missing people, accidents; what was saved, and
the forces and means engaged."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import AdminUnit, OrgUnit

__all__ = ["RescueKind", "RescueOperation"]


class RescueKind(models.TextChoices):
    FLOOD = "flood", _("Lũ lụt")
    LANDSLIDE = "landslide", _("Sạt lở đất")
    STORM = "storm", _("Bão, lốc")
    FIRE = "fire", _("Cháy, cháy rừng")
    SEARCH = "search", _("Tìm kiếm cứu nạn")
    ACCIDENT = "accident", _("Tai nạn")
    OTHER = "other", _("Khác")


class RescueOperation(models.Model):
    """One rescue or disaster response of a unit, from the day it began to the day it ended
    (none while it goes on)."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="rescue_operations",
    )
    kind = models.CharField(_("loại"), max_length=12, choices=RescueKind.choices)
    title = models.CharField(_("tóm tắt"), max_length=200)
    started_on = models.DateField(_("ngày bắt đầu"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rescue_operations",
    )
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    lon = models.DecimalField(_("kinh độ"), max_digits=10, decimal_places=7, null=True, blank=True)
    lat = models.DecimalField(_("vĩ độ"), max_digits=10, decimal_places=7, null=True, blank=True)
    rescued = models.PositiveIntegerField(_("số người được cứu"), default=0)
    evacuated = models.PositiveIntegerField(_("số người được sơ tán"), default=0)
    deaths = models.PositiveIntegerField(_("số người chết"), default=0)
    missing = models.PositiveIntegerField(_("số người mất tích"), default=0)
    property_saved = models.TextField(_("tài sản cứu được"), blank=True)
    property_value = models.PositiveBigIntegerField(
        _("giá trị tài sản cứu được (đồng)"), null=True, blank=True
    )
    border_guards = models.PositiveIntegerField(_("cán bộ, chiến sĩ biên phòng"), default=0)
    militia = models.PositiveIntegerField(_("dân quân"), default=0)
    other_forces = models.PositiveIntegerField(_("lực lượng khác"), default=0)
    vehicles = models.PositiveIntegerField(_("phương tiện, tàu thuyền"), default=0)
    description = models.TextField(_("diễn biến, kết quả"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["unit", "started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on=None) | models.Q(ended_on__gte=models.F("started_on")),
                name="rescue_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True, lat__isnull=True)
                | models.Q(lon__isnull=False, lat__isnull=False),
                name="rescue_lon_lat_together",
            ),
        ]
        verbose_name = _("cứu hộ, cứu nạn")
        verbose_name_plural = _("cứu hộ, cứu nạn")

    def __str__(self) -> str:
        return self.title

    @property
    def forces(self) -> int:
        return self.border_guards + self.militia + self.other_forces
