"""Patrol plans: how many patrols of each kind a post plans for each month, against which the
patrols done are counted."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import OrgUnit

from . import PatrolKind

__all__ = ["PatrolPlan"]


class PatrolPlan(models.Model):
    SCOPE_PATH: ClassVar[str] = "unit__path"

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    kind = models.CharField(_("hình thức"), max_length=24, choices=PatrolKind.choices)
    planned = models.PositiveSmallIntegerField(_("số chuyến kế hoạch"))
    # the month's version: every row of a post's month carries the same one, raised at each set
    version = models.PositiveIntegerField(default=1)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "year", "month", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month", "kind"], name="one_plan_per_unit_month_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="plan_month_1_to_12"
            ),
        ]
        verbose_name = _("kế hoạch tuần tra")
        verbose_name_plural = _("kế hoạch tuần tra")

    def __str__(self) -> str:
        return f"{self.unit} {self.month:02d}/{self.year} {self.kind}: {self.planned}"
