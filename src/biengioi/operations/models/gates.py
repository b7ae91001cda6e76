"""Traffic through the border gates: persons, vehicles and goods crossing out and in, recorded by
the border post at the gate for a day, or for a whole month, and the files they were imported
from.

A gate's month is recorded either day by day or as one month figure, never both, so a total
over any period never counts the same crossings twice. A month figure is dated the first day of
its month.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import Gate, OrgUnit

__all__ = ["FIGURES", "GateTraffic", "GateTrafficImport", "TrafficPeriod"]


class TrafficPeriod(models.TextChoices):
    DAY = "day", _("Ngày")
    MONTH = "month", _("Tháng")


class GateTrafficImport(models.Model):
    """One file of gate figures imported at once (all of its rows, or none)."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("tên tệp"), max_length=200)
    rows = models.PositiveIntegerField(_("số dòng"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lần nhập số liệu cửa khẩu")
        verbose_name_plural = _("lần nhập số liệu cửa khẩu")

    def __str__(self) -> str:
        return self.filename


# the figures of a record, in the order reports list them
FIGURES = [
    "persons_out",
    "persons_in",
    "vehicles_out",
    "vehicles_in",
    "export_tonnes",
    "import_tonnes",
    "export_value_usd",
    "import_value_usd",
]


class GateTraffic(models.Model):
    """What crossed one gate on one day, or in one month (`on` is then the month's first day).

    Turnover (kim ngạch) is in US dollars, as gate reports give it; goods in tonnes.
    """

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị ghi nhận"),
        on_delete=models.PROTECT,
        related_name="gate_traffic",
    )
    gate = models.ForeignKey(
        Gate, verbose_name=_("cửa khẩu"), on_delete=models.PROTECT, related_name="traffic"
    )
    period = models.CharField(_("kỳ số liệu"), max_length=8, choices=TrafficPeriod.choices)
    on = models.DateField(_("ngày"))
    persons_out = models.PositiveIntegerField(_("lượt người xuất cảnh"), default=0)
    persons_in = models.PositiveIntegerField(_("lượt người nhập cảnh"), default=0)
    vehicles_out = models.PositiveIntegerField(_("lượt phương tiện xuất cảnh"), default=0)
    vehicles_in = models.PositiveIntegerField(_("lượt phương tiện nhập cảnh"), default=0)
    export_tonnes = models.DecimalField(
        _("hàng xuất khẩu (tấn)"), max_digits=12, decimal_places=3, default=0
    )
    import_tonnes = models.DecimalField(
        _("hàng nhập khẩu (tấn)"), max_digits=12, decimal_places=3, default=0
    )
    export_value_usd = models.DecimalField(
        _("kim ngạch xuất khẩu (USD)"), max_digits=15, decimal_places=2, default=0
    )
    import_value_usd = models.DecimalField(
        _("kim ngạch nhập khẩu (USD)"), max_digits=15, decimal_places=2, default=0
    )
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.ForeignKey(
        GateTrafficImport,
        verbose_name=_("nhập từ tệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-on", "gate__name", "-pk"]
        indexes = [
            models.Index(fields=["unit", "on"]),
            models.Index(fields=["gate", "on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gate", "period", "on"], name="gate_traffic_once_a_period"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 0}), name=f"gate_traffic_{name}_not_neg"
                )
                for name in FIGURES[4:]
            ],
        ]
        verbose_name = _("lưu lượng qua cửa khẩu")
        verbose_name_plural = _("lưu lượng qua cửa khẩu")

    def __str__(self) -> str:
        if self.period == TrafficPeriod.MONTH:
            return f"{self.gate} {self.on:%m/%Y}"
        return f"{self.gate} {self.on:%d/%m/%Y}"

    @property
    def persons(self) -> int:
        return self.persons_out + self.persons_in

    @property
    def vehicles(self) -> int:
        return self.vehicles_out + self.vehicles_in
