"""Social programmes of the Border Guard (DOMAIN §3.10): "Nâng bước em tới trường" (posts sponsor
pupils in hardship, 500,000 VND a month until grade 12, some from Laos and Cambodia), "Con nuôi
đồn Biên phòng" (children raised at the post), "Xuân Biên phòng ấm lòng dân bản", "Đồng hành cùng
phụ nữ biên cương", military–civilian clinics, literacy and language classes.

Each province keeps its programmes as a managed list. A programme with named beneficiaries (a
pupil, a foster child) records each of them with the least personal data the work needs (name,
birth year, commune) under the unit that supports them; a beneficiary is seen only by that unit
and the units above it. Programmes without named beneficiaries (clinics, classes, spring gifts)
record their activities: a day, a place, the people served and the money spent.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import AdminUnit, Country, OrgUnit

__all__ = [
    "EndReason",
    "Programme",
    "ProgrammeActivity",
    "ProgrammeBeneficiary",
    "ProgrammeKind",
]


class ProgrammeKind(models.TextChoices):
    SCHOOL = "school", _("Đỡ đầu học sinh đến trường")
    FOSTER = "foster", _("Con nuôi đồn Biên phòng")
    CLINIC = "clinic", _("Phòng khám quân dân y")
    CLASS = "class", _("Lớp xóa mù chữ, lớp dạy tiếng")
    GIFTS = "gifts", _("Tặng quà, hỗ trợ dân bản")
    OTHER = "other", _("Chương trình khác")


class EndReason(models.TextChoices):
    GRADUATED = "graduated", _("Đã học hết lớp 12")
    GROWN_UP = "grown_up", _("Đã trưởng thành, tự lập")
    MOVED = "moved", _("Chuyển đi nơi khác")
    STOPPED_SCHOOL = "stopped_school", _("Thôi học")
    OTHER = "other", _("Lý do khác")


class Programme(models.Model):
    """A programme of the province's list; one no longer run is made inactive rather than
    deleted, so the beneficiaries and activities that name it keep it."""

    SCOPE_PATH: ClassVar[str] = "province__path"

    province = models.ForeignKey(
        OrgUnit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên chương trình"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=ProgrammeKind.choices)
    active = models.BooleanField(_("đang thực hiện"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["province", "name"], name="programme_once")]
        verbose_name = _("chương trình an sinh xã hội")
        verbose_name_plural = _("chương trình an sinh xã hội")

    def __str__(self) -> str:
        return self.name


class ProgrammeBeneficiary(models.Model):
    """A person a unit supports under a programme (a pupil it sponsors, a child it raises), from
    one day and until another (open while still supported).

    Lives in Vietnam (a commune) or abroad (a place written out, and its country)."""

    # a person: named by its kind alone where another may read it ("Đã lưu …", web.feedback)
    PERSONAL: ClassVar[bool] = True
    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        related_name="beneficiaries",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị đỡ đầu"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("họ và tên"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("nơi ở (ngoài Việt Nam)"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("nước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    monthly_vnd = models.PositiveBigIntegerField(_("mức hỗ trợ hằng tháng (đồng)"), default=0)
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    end_reason = models.CharField(
        _("lý do kết thúc"), max_length=16, choices=EndReason.choices, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="beneficiary_until_after_since",
            ),
            models.CheckConstraint(
                condition=(models.Q(commune__isnull=False) & models.Q(country__isnull=True))
                | (models.Q(commune__isnull=True) & models.Q(country__isnull=False)),
                name="beneficiary_commune_or_abroad",
            ),
        ]
        indexes = [models.Index(fields=["unit", "programme"], name="beneficiary_unit_idx")]
        verbose_name = _("người được hỗ trợ")
        verbose_name_plural = _("người được hỗ trợ")

    def __str__(self) -> str:
        return self.full_name

    @property
    def where(self) -> str:
        if self.commune_id:
            return self.commune.name  # type: ignore[union-attr]
        return f"{self.place} ({self.country.name})" if self.country else self.place


class ProgrammeActivity(models.Model):
    """What a unit did under a programme without named beneficiaries on a day: a clinic held,
    a class taught, gifts handed out, with the people served and the money spent."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("chương trình"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("ngày"))
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    people_served = models.PositiveIntegerField(_("số người được phục vụ"), default=0)
    spent_vnd = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    content = models.TextField(_("nội dung"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["unit", "on"], name="programme_activity_idx")]
        verbose_name = _("hoạt động chương trình")
        verbose_name_plural = _("hoạt động chương trình")

    def __str__(self) -> str:
        return f"{self.programme} {self.on:%d/%m/%Y}"
