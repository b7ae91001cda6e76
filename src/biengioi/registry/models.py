from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    STEERING_COMMITTEE = "steering_committee", _("Ban Chỉ đạo công tác biên giới")
    FOREIGN_AFFAIRS = "foreign_affairs", _("Sở Ngoại vụ")
    BORDER_GUARD_COMMAND = "border_guard_command", _("Ban Chỉ huy Bộ đội Biên phòng")
    BORDER_POST = "border_post", _("Đồn Biên phòng")
    COMMUNE = "commune", _("Xã, phường")
    AGENCY = "agency", _("Cơ quan, đơn vị khác")


# Which kinds a unit of each kind may sit under (None: it may be a root).
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    UnitKind.PROVINCE: {None},
    UnitKind.STEERING_COMMITTEE: {UnitKind.PROVINCE},
    UnitKind.FOREIGN_AFFAIRS: {UnitKind.PROVINCE},
    UnitKind.BORDER_GUARD_COMMAND: {UnitKind.PROVINCE},
    UnitKind.BORDER_POST: {UnitKind.BORDER_GUARD_COMMAND},
    UnitKind.COMMUNE: {UnitKind.PROVINCE},
    UnitKind.AGENCY: {
        UnitKind.PROVINCE,
        UnitKind.STEERING_COMMITTEE,
        UnitKind.BORDER_GUARD_COMMAND,
        None,
    },
}


class OrgUnit(models.Model):
    """An organisational unit: the province, its agencies, border posts, communes.

    `path` is the materialised path of ids from the root ("/1/4/17/"), the key of unit scope.
    The registry issue completes this tree (areas of posts, effective dates).
    """

    SCOPE_PATH: ClassVar[str] = "path"

    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name
