"""Crime and violations on the border: cases (vụ) with the persons involved and what was seized,
and the special operations (chuyên án) and peak campaigns (kế hoạch cao điểm) they come from.

A case is counted where it was detected (its unit, its day) and by how it was dealt with:
criminal prosecution (khởi tố), an administrative sanction (xử phạt vi phạm hành chính, with its
fine in VND), or transfer to another agency. Seizures keep their own unit of measure (kg, bánh,
tablets, items, VND), because the reports add up like with like: "12 bánh heroin, 3,5 kg ma túy
tổng hợp".
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.core.search import Searched
from biengioi.registry.models import AdminUnit, OrgUnit

__all__ = [
    "CaseHandling",
    "CasePerson",
    "CrimeCase",
    "CrimeCategory",
    "CrimeOperation",
    "OperationKind",
    "Seizure",
    "SeizureUnit",
    "Sex",
]


class CrimeCategory(models.TextChoices):
    DRUGS = "drugs", _("Ma túy")
    TRAFFICKING = "trafficking", _("Mua bán người")
    SMUGGLING = "smuggling", _("Buôn lậu, gian lận thương mại")
    BANNED_GOODS = "banned_goods", _("Hàng cấm, hàng giả")
    EXPLOSIVES = "explosives", _("Vật liệu nổ, pháo nổ")
    WEAPONS = "weapons", _("Vũ khí")
    ILLEGAL_CROSSING = "illegal_crossing", _("Xuất cảnh, nhập cảnh trái phép và tổ chức")
    WANTED = "wanted", _("Đối tượng truy nã")
    IUU = "iuu", _("Khai thác thủy sản bất hợp pháp (IUU)")
    OTHER = "other", _("Khác")


class OperationKind(models.TextChoices):
    SPECIAL = "special", _("Chuyên án")
    PEAK = "peak", _("Kế hoạch cao điểm")


class CrimeOperation(models.Model):
    """A special operation or a peak campaign: opened by a decision or a plan, it runs from one
    day to another (open while `ended_on` is empty); the cases it yields point to it."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=8, choices=OperationKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    decision = models.CharField(_("số quyết định, kế hoạch"), max_length=100, blank=True)
    category = models.CharField(
        _("loại tội phạm"), max_length=20, choices=CrimeCategory.choices, blank=True
    )
    started_on = models.DateField(_("ngày bắt đầu"))
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    target = models.TextField(_("mục tiêu, đối tượng"), blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="crime_operation_ends_after_it_starts",
            )
        ]
        verbose_name = _("chuyên án, kế hoạch cao điểm")
        verbose_name_plural = _("chuyên án, kế hoạch cao điểm")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class CaseHandling(models.TextChoices):
    PENDING = "pending", _("Đang xác minh, xử lý")
    PROSECUTED = "prosecuted", _("Khởi tố hình sự")
    SANCTIONED = "sanctioned", _("Xử phạt vi phạm hành chính")
    TRANSFERRED = "transferred", _("Chuyển cơ quan chức năng")


class CrimeCase(Searched):
    """A case (vụ) detected and dealt with by a unit."""

    SCOPE_PATH: ClassVar[str] = "unit__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = (
        "title",
        "description",
        "place",
        "decision",
        "category",
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("loại tội phạm"), max_length=20, choices=CrimeCategory.choices)
    operation = models.ForeignKey(
        CrimeOperation,
        verbose_name=_("thuộc chuyên án, kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    title = models.CharField(_("tóm tắt"), max_length=200)
    description = models.TextField(_("diễn biến"), blank=True)
    detected_on = models.DateField(_("ngày phát hiện, bắt giữ"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    lon = models.DecimalField(_("kinh độ"), max_digits=10, decimal_places=7, null=True, blank=True)
    lat = models.DecimalField(_("vĩ độ"), max_digits=10, decimal_places=7, null=True, blank=True)
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handling = models.CharField(
        _("hình thức xử lý"),
        max_length=12,
        choices=CaseHandling.choices,
        default=CaseHandling.PENDING,
    )
    handled_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    decision = models.CharField(_("số quyết định"), max_length=100, blank=True)
    fine_vnd = models.DecimalField(
        _("số tiền phạt (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-detected_on", "-pk"]
        indexes = [models.Index(fields=["unit", "detected_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fine_vnd__isnull=True)
                | models.Q(handling="sanctioned", fine_vnd__gte=0),
                name="crime_case_fine_only_with_sanction",
            ),
            models.CheckConstraint(
                condition=models.Q(handled_on__isnull=True)
                | models.Q(handled_on__gte=models.F("detected_on")),
                name="crime_case_handled_after_detection",
            ),
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True, lat__isnull=True)
                | models.Q(lon__isnull=False, lat__isnull=False),
                name="crime_case_lon_lat_together",
            ),
        ]
        verbose_name = _("vụ việc vi phạm pháp luật")
        verbose_name_plural = _("vụ việc vi phạm pháp luật")

    def __str__(self) -> str:
        return self.title


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class CasePerson(models.Model):
    """A person involved in a case (đối tượng), with no more personal data than the reports
    need: name, birth year, sex, nationality, where they live, and whether they were wanted."""

    # a person: named by its kind alone where another may read it ("Đã lưu …", web.feedback)
    PERSONAL: ClassVar[bool] = True

    case = models.ForeignKey(CrimeCase, on_delete=models.CASCADE, related_name="persons")
    full_name = models.CharField(_("họ tên"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=6, choices=Sex.choices)
    nationality = models.CharField(_("quốc tịch"), max_length=2, default="VN")  # ISO 3166-1
    residence = models.CharField(_("nơi cư trú"), max_length=200, blank=True)
    wanted = models.BooleanField(_("đối tượng truy nã"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("đối tượng")
        verbose_name_plural = _("đối tượng")

    def __str__(self) -> str:
        return self.full_name


class SeizureUnit(models.TextChoices):
    KG = "kg", _("kg")
    GRAM = "g", _("gam")
    BANH = "banh", _("bánh")
    TABLET = "tablet", _("viên")
    ITEM = "item", _("cái, chiếc")
    LITRE = "litre", _("lít")
    VND = "vnd", _("đồng")


class Seizure(models.Model):
    """What was seized in a case: an item, its quantity in its unit, and an estimated value."""

    case = models.ForeignKey(CrimeCase, on_delete=models.CASCADE, related_name="seizures")
    item = models.CharField(_("tang vật"), max_length=150)
    quantity = models.DecimalField(_("số lượng"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("đơn vị tính"), max_length=8, choices=SeizureUnit.choices)
    value_vnd = models.DecimalField(
        _("trị giá ước tính (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="seizure_quantity_positive"
            ),
            models.CheckConstraint(condition=~models.Q(unit=""), name="seizure_has_unit"),
        ]
        verbose_name = _("tang vật thu giữ")
        verbose_name_plural = _("tang vật thu giữ")

    def __str__(self) -> str:
        return f"{self.quantity} {self.get_unit_display()} {self.item}"
