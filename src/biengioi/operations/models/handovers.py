"""Persons received from and handed back to the other side (tiếp nhận, trao trả, trục xuất).

A post receives Vietnamese citizens the neighbour hands over (for illegal entry or residence on
its side), at a gate or at a marker; it hands foreigners back, or expels them. Each hand-over is
one operation (vụ/đợt) with its head counts as the reports table them: persons, men, women,
children, persons found on wanted lists; the received persons' home provinces are kept as rows.

The nationality is a code of its own, not the registry's `Country`: that table holds the
neighbouring countries only, while a received person is Vietnamese and an expelled one may come
from a third country.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import AdminUnit, CounterpartUnit, Gate, Marker, OrgUnit

__all__ = ["Handover", "HandoverKind", "HandoverOrigin", "Nationality"]


class HandoverKind(models.TextChoices):
    RECEIVE = "receive", _("Tiếp nhận")
    HAND_BACK = "hand_back", _("Trao trả")
    EXPEL = "expel", _("Trục xuất")


class Nationality(models.TextChoices):
    """ISO 3166-1 alpha-2 codes of the nationalities met on the land border."""

    VN = "VN", _("Việt Nam")
    CN = "CN", _("Trung Quốc")
    LA = "LA", _("Lào")
    KH = "KH", _("Campuchia")
    OTHER = "other", _("Nước khác")


class Handover(models.Model):
    """One operation (vụ/đợt) of receiving or returning persons at a gate or a marker."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="handovers"
    )
    kind = models.CharField(_("hình thức"), max_length=12, choices=HandoverKind.choices)
    on = models.DateField(_("ngày"))
    gate = models.ForeignKey(
        Gate,
        verbose_name=_("cửa khẩu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    marker = models.ForeignKey(
        Marker,
        verbose_name=_("mốc quốc giới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("đơn vị phía bạn"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    persons = models.PositiveIntegerField(_("số người"))
    males = models.PositiveIntegerField(_("nam"), default=0)
    females = models.PositiveIntegerField(_("nữ"), default=0)
    children = models.PositiveIntegerField(_("trẻ em"), default=0)
    nationality = models.CharField(_("quốc tịch"), max_length=8, choices=Nationality.choices)
    wanted = models.PositiveIntegerField(_("đối tượng truy nã"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["unit", "on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(gate__isnull=False, marker__isnull=True)
                | models.Q(gate__isnull=True, marker__isnull=False),
                name="handover_at_one_place",
            ),
            models.CheckConstraint(condition=models.Q(persons__gte=1), name="handover_persons"),
            models.CheckConstraint(
                condition=models.Q(persons=models.F("males") + models.F("females")),
                name="handover_sexes_add_up",
            ),
            models.CheckConstraint(
                condition=models.Q(children__lte=models.F("persons"))
                & models.Q(wanted__lte=models.F("persons")),
                name="handover_parts_within_persons",
            ),
        ]
        verbose_name = _("tiếp nhận, trao trả")
        verbose_name_plural = _("tiếp nhận, trao trả")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"

    @property
    def place(self) -> Gate | Marker | None:
        return self.gate or self.marker


class HandoverOrigin(models.Model):
    """How many of the persons received come from one province (their home locality)."""

    SCOPE_PATH: ClassVar[str] = "handover__unit__path"

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="origins")
    province = models.ForeignKey(
        AdminUnit, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="+"
    )
    persons = models.PositiveIntegerField(_("số người"))

    class Meta:
        ordering = ["handover", "-persons", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["handover", "province"], name="handover_origin_once"),
            models.CheckConstraint(condition=models.Q(persons__gte=1), name="origin_persons"),
        ]
        verbose_name = _("quê quán người được tiếp nhận")
        verbose_name_plural = _("quê quán người được tiếp nhận")

    def __str__(self) -> str:
        return f"{self.province_id}: {self.persons}"
