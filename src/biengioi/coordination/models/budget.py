"""Budget estimates of the committee's work (item 7 of issue 7): for a year, what a unit expects
to spend on an item of border work, what was approved and what was spent, in integer đồng.

Spent never exceeds approved: money is spent against an approval (a larger spending is recorded
once the approval is raised). The database holds the same rule as the service.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import OrgUnit

__all__ = ["BudgetCategory", "BudgetItem"]


class BudgetCategory(models.TextChoices):
    PATROL = "patrol", _("Tuần tra, kiểm soát")
    PROPAGANDA = "propaganda", _("Tuyên truyền")
    MARKERS = "markers", _("Bảo quản, sửa chữa mốc")
    CONFERENCES = "conferences", _("Hội nghị, hội đàm")
    OTHER = "other", _("Khác")


class BudgetItem(models.Model):
    """One line of a unit's budget estimate for a year."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("khoản mục"), max_length=300)
    category = models.CharField(
        _("nhóm"), max_length=20, choices=BudgetCategory.choices, blank=True
    )
    estimated = models.BigIntegerField(_("dự toán (đồng)"), default=0)
    approved = models.BigIntegerField(_("được duyệt (đồng)"), default=0)
    spent = models.BigIntegerField(_("đã chi (đồng)"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "unit__path", "pk"]
        indexes = [models.Index(fields=["year"], name="budget_year_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated__gte=0) & Q(approved__gte=0) & Q(spent__gte=0),
                name="budget_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(spent__lte=F("approved")), name="budget_spent_within_approved"
            ),
        ]
        verbose_name = _("khoản kinh phí")
        verbose_name_plural = _("kinh phí")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"
