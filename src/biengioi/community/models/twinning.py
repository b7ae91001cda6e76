"""Twinning across the border (kết nghĩa, DOMAIN §2.5, §3.9): village with village (bản – bản,
Vietnam–Laos, e.g. Ka Tăng – Densavan, 28/04/2005, with a 12-point regulation), residential
cluster with cluster (cụm dân cư hai bên biên giới), commune with township (xã – trấn, hương,
Vietnam–China) and post with post (đồn – trạm).

A twinning is followed by a Vietnamese unit of the recorder's scope (usually the border post; it
decides who sees the pair) and joins two members, one on each side of the border. A member is
a display name plus at most one link into the registry: an administrative unit or an
organisational unit of ours, a counterpart unit or a subdivision of the neighbour; a member
given by name alone declares its country (none: Vietnam). The country of a foreign member is
stored (taken from its link when it has one), so the side of each member is a column.

What the pair does afterwards is one log, `TwinningActivity`: the quarterly twinning meetings
(giao ban kết nghĩa) are activities of kind "meeting", beside joint patrols, exchanges, mutual
help and information exchange. One table because they share everything that matters (a day
not before signing, what was done, who took part on each side, a client id, the audit); the
meeting's extras (where, which side hosted) are simply blank on the other kinds.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import (
    AdminUnit,
    CounterpartUnit,
    Country,
    ForeignSubdivision,
    OrgUnit,
)

__all__ = [
    "TwinningHostSide",
    "Twinning",
    "TwinningActivity",
    "TwinningActivityKind",
    "TwinningKind",
]


class TwinningKind(models.TextChoices):
    VILLAGE_VILLAGE = "village_village", _("Kết nghĩa bản – bản")
    CLUSTER_CLUSTER = "cluster_cluster", _("Kết nghĩa cụm dân cư hai bên biên giới")
    COMMUNE_TOWNSHIP = "commune_township", _("Kết nghĩa xã – trấn (hương)")
    POST_POST = "post_post", _("Kết nghĩa đồn – trạm")


class TwinningActivityKind(models.TextChoices):
    MEETING = "meeting", _("Giao ban kết nghĩa")
    JOINT_PATROL = "joint_patrol", _("Tuần tra chung địa bàn")
    EXCHANGE = "exchange", _("Giao lưu văn hóa, thể thao")
    MUTUAL_HELP = "mutual_help", _("Giúp đỡ nhau dịp lễ, tết, thiên tai")
    INFORMATION = "information", _("Trao đổi thông tin")
    OTHER = "other", _("Hoạt động khác")


class TwinningHostSide(models.TextChoices):
    VIETNAM = "vn", _("Phía Việt Nam")
    NEIGHBOUR = "neighbour", _("Phía bạn")


class Twinning(models.Model):
    """A pair twinned across the border, followed by a Vietnamese unit."""

    SCOPE_PATH: ClassVar[str] = "unit__path"
    MEMBERS: ClassVar[tuple[str, str]] = ("first", "second")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị phụ trách"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("hình thức kết nghĩa"), max_length=20, choices=TwinningKind.choices)
    first_name = models.CharField(_("bên thứ nhất"), max_length=200)
    first_admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("bên thứ nhất: đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("bên thứ nhất: đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("bên thứ nhất: đơn vị đối đẳng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_subdivision = models.ForeignKey(
        ForeignSubdivision,
        verbose_name=_("bên thứ nhất: địa phương nước bạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # null: Vietnam; a foreign member's country (from its link when it has one)
    first_country = models.ForeignKey(
        Country,
        verbose_name=_("bên thứ nhất: nước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_includes = models.TextField(_("bên thứ nhất: gồm các thôn, bản, xã"), blank=True)
    second_name = models.CharField(_("bên thứ hai"), max_length=200)
    second_admin_unit = models.ForeignKey(
        AdminUnit,
        verbose_name=_("bên thứ hai: đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("bên thứ hai: đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("bên thứ hai: đơn vị đối đẳng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_subdivision = models.ForeignKey(
        ForeignSubdivision,
        verbose_name=_("bên thứ hai: địa phương nước bạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # null: Vietnam; a foreign member's country (from its link when it has one)
    second_country = models.ForeignKey(
        Country,
        verbose_name=_("bên thứ hai: nước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    second_includes = models.TextField(_("bên thứ hai: gồm các thôn, bản, xã"), blank=True)
    signed_on = models.DateField(_("ngày ký kết"))
    regulation_title = models.CharField(_("quy chế (số, tên)"), max_length=200, blank=True)
    regulation_points = models.TextField(_("nội dung quy chế"), blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("signed_on")),
                name="twinning_ends_after_signing",
            )
        ]
        indexes = [models.Index(fields=["kind"], name="twinning_kind_idx")]
        verbose_name = _("cặp kết nghĩa")
        verbose_name_plural = _("cặp kết nghĩa")

    def __str__(self) -> str:
        return f"{self.first_name} – {self.second_name}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class TwinningActivity(models.Model):
    """One dated entry of what a twinned pair did together: a twinning meeting (giao ban), a
    joint patrol of the village area, an exchange, help at a festival or a disaster ..."""

    SCOPE_PATH: ClassVar[str] = "twinning__unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    twinning = models.ForeignKey(Twinning, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(
        _("loại hoạt động"), max_length=20, choices=TwinningActivityKind.choices
    )
    on = models.DateField(_("ngày"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    host_side = models.CharField(
        _("bên đăng cai"), max_length=10, choices=TwinningHostSide.choices, blank=True
    )
    content = models.TextField(_("nội dung"))
    participants_vn = models.PositiveIntegerField(
        _("số người phía Việt Nam"), null=True, blank=True
    )
    participants_foreign = models.PositiveIntegerField(
        _("số người phía bạn"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["kind", "on"], name="twinning_activity_kind_idx")]
        verbose_name = _("hoạt động kết nghĩa")
        verbose_name_plural = _("hoạt động kết nghĩa")

    def __str__(self) -> str:
        return f"{self.on}: {self.content[:50]}"
