"""Self-management teams under Directive 01/CT-TTg (tổ tự quản, DOMAIN §3.8); the training
courses given to them (tập huấn, bồi dưỡng, §3.7) are in `training.py`.

A team belongs to a commune and a village and is guided by a Border Guard post (its unit). Its
members register as collectives, households or individuals, and leave on a day (a count of
members is of those who have not left). What it self-manages is counted as the reports count
it: km of border line, markers named by identifier (each in the team's commune), vessels. Each
year the commune reviews it on the All-People Border Defence Day (3 March): one review per team
per year.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import AdminUnit, Marker, OrgUnit

__all__ = [
    "MemberKind",
    "ReviewGrade",
    "SelfManagementTeam",
    "TeamActivity",
    "TeamKind",
    "TeamMember",
    "TeamReview",
]


class TeamKind(models.TextChoices):
    LINE_MARKERS = "line_markers", _("Tự quản đường biên, mốc quốc giới")
    VILLAGE_SECURITY = "village_security", _("Tự quản an ninh trật tự thôn, bản")
    SAFE_VESSELS = "safe_vessels", _("Tàu thuyền an toàn")
    SAFE_WHARF = "safe_wharf", _("Bến bãi an toàn")
    SOLIDARITY = "solidarity", _("Tổ đoàn kết")


class MemberKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")
    INDIVIDUAL = "individual", _("Cá nhân")


class ReviewGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Xuất sắc")
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
    WEAK = "weak", _("Yếu")


class SelfManagementTeam(models.Model):
    """A self-management team of a commune and village, guided by a post."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đồn hướng dẫn"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("mô hình"), max_length=20, choices=TeamKind.choices)
    name = models.CharField(_("tên tổ"), max_length=200)
    commune = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.CharField(_("thôn, bản"), max_length=120, blank=True)
    founded_on = models.DateField(_("ngày thành lập"))
    leader = models.CharField(_("tổ trưởng"), max_length=150, blank=True)
    km_managed = models.DecimalField(
        _("đường biên tự quản (km)"), max_digits=9, decimal_places=3, default=0
    )
    vessels_managed = models.PositiveIntegerField(_("tàu thuyền tự quản"), default=0)
    markers = models.ManyToManyField(
        Marker, verbose_name=_("mốc tự quản"), blank=True, related_name="+"
    )
    funding_vnd = models.DecimalField(
        _("kinh phí được hỗ trợ (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commune__name", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(km_managed__gte=0), name="team_km_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(funding_vnd__isnull=True) | models.Q(funding_vnd__gte=0),
                name="team_funding_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["kind"], name="team_kind_idx")]
        verbose_name = _("tổ tự quản")
        verbose_name_plural = _("tổ tự quản")

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A collective, household or individual registered in a team, until it leaves."""

    SCOPE_PATH: ClassVar[str] = "team__unit__path"
    # a person: named by its kind alone where another may read it ("Đã lưu …", web.feedback)
    PERSONAL: ClassVar[bool] = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    team = models.ForeignKey(SelfManagementTeam, on_delete=models.CASCADE, related_name="members")
    kind = models.CharField(_("thành phần"), max_length=12, choices=MemberKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    registered_on = models.DateField(_("ngày đăng ký"))
    left_on = models.DateField(_("ngày rời tổ"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("registered_on")),
                name="team_member_leaves_after_registering",
            )
        ]
        verbose_name = _("thành viên tổ tự quản")
        verbose_name_plural = _("thành viên tổ tự quản")

    def __str__(self) -> str:
        return self.name


class TeamActivity(models.Model):
    """One dated entry of a team's activity log: what was done."""

    SCOPE_PATH: ClassVar[str] = "team__unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(
        SelfManagementTeam, on_delete=models.CASCADE, related_name="activities"
    )
    on = models.DateField(_("ngày"))
    summary = models.TextField(_("nội dung"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("hoạt động của tổ tự quản")
        verbose_name_plural = _("hoạt động của tổ tự quản")

    def __str__(self) -> str:
        return f"{self.on}: {self.summary[:50]}"


class TeamReview(models.Model):
    """The commune's yearly review of a team, held around the All-People Border Defence Day
    (3 March): one per team per year."""

    SCOPE_PATH: ClassVar[str] = "team__unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(SelfManagementTeam, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày tổ chức"))
    grade = models.CharField(_("xếp loại"), max_length=10, choices=ReviewGrade.choices)
    note = models.TextField(_("nhận xét"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="team_review_once_a_year")
        ]
        verbose_name = _("bình xét tổ tự quản")
        verbose_name_plural = _("bình xét tổ tự quản")

    def __str__(self) -> str:
        return f"{self.team} {self.year}"
