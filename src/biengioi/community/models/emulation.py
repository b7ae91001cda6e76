"""Emulation movements and awards (thi đua, khen thưởng, DOMAIN §3.11).

A province (or a command, a post) launches an emulation movement by a decision, for a period,
with its content and criteria, and reviews it every year; awards are conferred on collectives
and individuals, often under a movement: emulation flags, certificates of merit (Bằng khen, "of
whom": the provincial chair, a minister, the Prime Minister), letters of merit (Giấy khen),
on-the-spot awards, foreign decorations. The unit that records an award owns it.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import OrgUnit

from .teams import SelfManagementTeam

__all__ = ["Award", "AwardKind", "EmulationMovement", "EmulationReview", "RecipientKind"]


class AwardKind(models.TextChoices):
    EMULATION_FLAG = "emulation_flag", _("Cờ thi đua")
    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Bằng khen")
    LETTER_OF_MERIT = "letter_of_merit", _("Giấy khen")
    ON_THE_SPOT = "on_the_spot", _("Khen thưởng nóng")
    FOREIGN_DECORATION = "foreign_decoration", _("Huân, huy chương nước ngoài")
    OTHER = "other", _("Hình thức khác")


class RecipientKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class EmulationMovement(models.Model):
    """An emulation movement launched by a unit's decision, for a period."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên phong trào"), max_length=300)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)
    content = models.TextField(_("nội dung, tiêu chí"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="emulation_ends_after_start",
            )
        ]
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")

    def __str__(self) -> str:
        return self.name


class EmulationReview(models.Model):
    """A movement's yearly review (sơ kết, tổng kết): one a year, held within the movement."""

    SCOPE_PATH: ClassVar[str] = "movement__unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    movement = models.ForeignKey(
        EmulationMovement,
        verbose_name=_("phong trào"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày sơ kết, tổng kết"))
    summary = models.TextField(_("kết quả"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "year"], name="emulation_review_once")
        ]
        verbose_name = _("sơ kết phong trào")
        verbose_name_plural = _("sơ kết phong trào")

    def __str__(self) -> str:
        return f"{self.movement} – {self.year}"


class Award(models.Model):
    """An award conferred on a collective or an individual, recorded by a unit."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    movement = models.ForeignKey(
        EmulationMovement,
        verbose_name=_("phong trào thi đua"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    kind = models.CharField(_("hình thức khen thưởng"), max_length=24, choices=AwardKind.choices)
    conferred_by = models.CharField(_("cấp khen"), max_length=200, blank=True)
    country = models.CharField(_("nước trao tặng"), max_length=100, blank=True)
    recipient_kind = models.CharField(_("đối tượng"), max_length=12, choices=RecipientKind.choices)
    recipient_name = models.CharField(_("tên tập thể, cá nhân"), max_length=200)
    recipient_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient_team = models.ForeignKey(
        SelfManagementTeam,
        verbose_name=_("tổ tự quản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    recipient_place = models.CharField(_("thôn, bản, nơi công tác"), max_length=200, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    reason = models.TextField(_("thành tích"), blank=True)
    amount_vnd = models.DecimalField(
        _("tiền thưởng (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-decision_date", "-pk"]
        indexes = [models.Index(fields=["decision_date"], name="award_decision_idx")]
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.recipient_name}"
