"""Periodic reports: a draft whose figures and narrative the secretariat edits, then the issued
report, numbered in the committee's yearly series and frozen with its files.

A draft keeps the statistics as last computed (`statistics`, JSON), the narrative as the
machine drafted it (`drafted`) and as edited (`narrative`), and its heading and signature.
Issuing takes the next number of the series of the province (its root unit) for the year of
issue, freezes the figures and stores the DOCX and the XLSX annex with their SHA-256
(`ReportFile`); the PDF is made from the frozen DOCX the first time it is asked for. An issued
report never changes; a correction is a new report (`corrects`) that cites the one it replaces.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import OrgUnit

__all__ = ["FileFormat", "Report", "ReportCounter", "ReportFile", "ReportStatus"]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class FileFormat(models.TextChoices):
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"


class Report(models.Model):
    """A periodic report of a scope unit (the province, or one of its units) for a period."""

    SCOPE_PATH: ClassVar[str] = "scope_unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    scope_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("phạm vi báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    # the province (root unit) whose committee numbers the report
    series_owner = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    period_code = models.CharField(_("kỳ báo cáo"), max_length=40)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    statistics = models.JSONField(default=dict)
    computed_at = models.DateTimeField(_("số liệu tính lúc"))
    drafted = models.JSONField(default=dict)
    narrative = models.JSONField(default=dict)
    # the heading and the signature (Decree 30/2020/NĐ-CP)
    summary = models.CharField(_("trích yếu"), max_length=300)
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    issuer_name = models.CharField(_("tên cơ quan ban hành trong câu"), max_length=200)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-BCĐ")
    place = models.CharField(_("địa danh"), max_length=100)
    signer_capacity = models.TextField(_("thẩm quyền ký (TM., KT.)"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    copies_to = models.TextField(_("nơi nhận"), blank=True)
    # issued
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("thay thế báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series_owner", "year", "number"],
                condition=models.Q(number__isnull=False),
                name="report_number_once_a_year",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", number__isnull=True)
                | models.Q(status="issued", number__isnull=False, issued_on__isnull=False),
                name="report_issued_has_number",
            ),
        ]
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")

    def __str__(self) -> str:
        return self.summary

    @property
    def is_issued(self) -> bool:
        return self.status == ReportStatus.ISSUED

    @property
    def number_text(self) -> str:
        """ "05/BC-BCĐ" for an issued report, "" for a draft."""
        return f"{self.number:02d}/{self.symbol}" if self.number is not None else ""


class ReportFile(models.Model):
    """A file of an issued report, frozen: its bytes and their SHA-256."""

    SCOPE_PATH: ClassVar[str] = "report__scope_unit__path"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(max_length=4, choices=FileFormat.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="report_file_once")
        ]
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")

    def __str__(self) -> str:
        return f"{self.report_id}.{self.format}"


class ReportCounter(models.Model):
    """The last number the committee of a province gave in a year; locked while issuing."""

    owner = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "year"], name="report_counter_once")
        ]

    def __str__(self) -> str:
        return f"{self.owner_id}/{self.year}: {self.last}"
