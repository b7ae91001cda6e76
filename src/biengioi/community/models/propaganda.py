"""Propaganda and legal education (tuyên truyền, phổ biến giáo dục pháp luật, DOMAIN §3.6): the
sessions a unit holds with the residents of a commune or village, counted as the reports count
them ("562 buổi / 21.790 lượt người nghe"), with the materials handed out, and the topics each
province keeps as a managed list.

A session belongs to the unit that held it; one imported from a spreadsheet points to the file
(`PropagandaImport`), so a retried upload is answered with what the first one made.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import AdminUnit, OrgUnit

__all__ = ["PropagandaForm", "PropagandaImport", "PropagandaSession", "PropagandaTopic"]


class PropagandaTopic(models.Model):
    """A topic of the province's list (Law on National Border, drugs, IUU ...); a topic no longer
    used is made inactive rather than deleted, so the sessions that name it keep it."""

    SCOPE_PATH: ClassVar[str] = "province__path"

    province = models.ForeignKey(
        OrgUnit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên chủ đề"), max_length=200)
    active = models.BooleanField(_("đang dùng"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="propaganda_topic_once")
        ]
        verbose_name = _("chủ đề tuyên truyền")
        verbose_name_plural = _("chủ đề tuyên truyền")

    def __str__(self) -> str:
        return self.name


class PropagandaForm(models.TextChoices):
    MEETING = "meeting", _("Họp dân")
    INTEGRATED = "integrated", _("Lồng ghép trong cuộc họp")
    LOUDSPEAKER = "loudspeaker", _("Phát thanh, loa truyền thanh")
    FISHERMEN = "fishermen", _("Thông báo cho tổ, đội tàu thuyền")
    HOME_VISIT = "home_visit", _("Đến từng hộ gia đình")
    SCHOOL = "school", _("Tại trường học")
    MARKERS = "markers", _("Giới thiệu nhận biết đường biên, mốc quốc giới")
    OTHER = "other", _("Hình thức khác")


class PropagandaImport(models.Model):
    """A spreadsheet of sessions imported at once (every row or none)."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("tên tệp"), max_length=200)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tệp buổi tuyên truyền đã nhập")
        verbose_name_plural = _("tệp buổi tuyên truyền đã nhập")

    def __str__(self) -> str:
        return self.filename


class PropagandaSession(models.Model):
    """A session held by a unit on a day, in a commune (and a village of it, as text)."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("ngày"))
    commune = models.ForeignKey(
        AdminUnit, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.CharField(_("thôn, bản"), max_length=200, blank=True)
    form = models.CharField(_("hình thức"), max_length=12, choices=PropagandaForm.choices)
    topics = models.ManyToManyField(
        PropagandaTopic, verbose_name=_("chủ đề"), related_name="sessions"
    )
    listeners = models.PositiveIntegerField(_("số người nghe (lượt)"), default=0)
    leaflets = models.PositiveIntegerField(_("tờ rơi"), default=0)
    calendars = models.PositiveIntegerField(_("lịch"), default=0)
    handbooks = models.PositiveIntegerField(_("sổ tay, tài liệu"), default=0)
    other_materials = models.CharField(_("tài liệu khác"), max_length=300, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=100, default="Tiếng Việt")
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.ForeignKey(
        PropagandaImport,
        verbose_name=_("nhập từ tệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["unit", "on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(language=""), name="propaganda_session_has_language"
            ),
        ]
        verbose_name = _("buổi tuyên truyền")
        verbose_name_plural = _("buổi tuyên truyền")

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.on:%d/%m/%Y}"

    @property
    def materials(self) -> int:
        return self.leaflets + self.calendars + self.handbooks
