"""Talks with the other side (hội đàm, DOMAIN §3.14), the points agreed at them, the yearly talks
plan, and information exchanges (trao đổi thông tin, §3.12).

Talks are held at a level (the province, the provincial Border Guard command, a border post) by
a unit of ours with a counterpart unit across the border (`registry.CounterpartUnit`, which
belongs to the province whose border it faces). Their minutes (biên bản hội đàm / ghi nhớ) end
in agreed points, each of which may become a task (`Task.agreed_point`). `minutes_ref` is the
minutes' document number (number, date, where filed); the signed minutes themselves are a file
kept with the talks (`Document`).

The yearly plan lists the talks a unit means to hold in a year (in a month or a quarter); a
talks held may name the planned item it fulfils. Whether an item is done, not yet due or
overdue is derived, never stored.

An information exchange is a letter, a hotline call, a message or a meeting, sent or received
by a unit of ours, with a counterpart unit or with another unit of the province; it may concern
an incident, and may expect a reply by a day: the reply is recorded later, and an exchange
still awaiting its reply past that day is what "trao đổi thông tin chưa thường xuyên" looks
like in the data.
"""

import calendar
import uuid
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.core.search import Searched
from biengioi.operations.models import Incident
from biengioi.registry.models import CounterpartUnit, OrgUnit

__all__ = [
    "AgreedPoint",
    "ExchangeChannel",
    "ExchangeDirection",
    "TalksHostSide",
    "InfoExchange",
    "PlannedTalks",
    "Talks",
    "TalksLevel",
]


class TalksLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    BORDER_GUARD = "border_guard", _("Bộ đội Biên phòng tỉnh")
    POST = "post", _("Đồn biên phòng")


class TalksHostSide(models.TextChoices):
    OURS = "ours", _("Phía Việt Nam đăng cai")
    THEIRS = "theirs", _("Phía nước bạn đăng cai")


class PlannedTalks(models.Model):
    """An item of a unit's yearly talks plan (kế hoạch hội đàm năm): talks it means to hold with
    a counterpart in a month or a quarter of the year."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("cấp hội đàm"), max_length=16, choices=TalksLevel.choices)
    counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("đơn vị đối đẳng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(_("quý"), null=True, blank=True)
    topic = models.CharField(_("nội dung dự kiến"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "month", "quarter", "pk"]
        indexes = [models.Index(fields=["year"], name="planned_talks_year_idx")]
        verbose_name = _("hội đàm theo kế hoạch")
        verbose_name_plural = _("kế hoạch hội đàm")

    def __str__(self) -> str:
        return self.topic

    @property
    def due_on(self) -> date:
        """The last day of the planned month (or of the quarter's last month)."""
        month = self.month or (self.quarter or 4) * 3
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def when(self) -> str:
        if self.month:
            return str(_("Tháng {month}/{year}")).format(month=self.month, year=self.year)
        return str(_("Quý {quarter}/{year}")).format(quarter=self.quarter, year=self.year)


class Talks(Searched):
    """Talks (hội đàm) a unit of ours held with a counterpart unit across the border."""

    SCOPE_PATH: ClassVar[str] = "unit__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = (
        "place",
        "agenda",
        "our_head",
        "their_head",
        "minutes_ref",
        "level",
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    level = models.CharField(_("cấp hội đàm"), max_length=16, choices=TalksLevel.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị phía Việt Nam"), on_delete=models.PROTECT, related_name="+"
    )
    counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("đơn vị phía nước bạn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    our_head = models.CharField(_("trưởng đoàn phía Việt Nam"), max_length=200, blank=True)
    their_head = models.CharField(_("trưởng đoàn phía nước bạn"), max_length=200, blank=True)
    held_on = models.DateField(_("ngày hội đàm"))
    host_side = models.CharField(_("bên đăng cai"), max_length=8, choices=TalksHostSide.choices)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    agenda = models.TextField(_("nội dung hội đàm"), blank=True)
    minutes_ref = models.CharField(_("biên bản hội đàm"), max_length=300, blank=True)
    planned = models.OneToOneField(
        PlannedTalks,
        verbose_name=_("theo kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="held",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"], name="talks_held_idx")]
        verbose_name = _("hội đàm")
        verbose_name_plural = _("hội đàm")

    def __str__(self) -> str:
        return f"{self.counterpart} ({self.held_on:%d/%m/%Y})"


class AgreedPoint(models.Model):
    """A point the two sides agreed at talks (in the order of the minutes); it may become a
    task (`Task.agreed_point`)."""

    SCOPE_PATH: ClassVar[str] = "talks__unit__path"

    talks = models.ForeignKey(
        Talks, verbose_name=_("hội đàm"), on_delete=models.CASCADE, related_name="points"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung thống nhất"))

    class Meta:
        ordering = ["talks", "position"]
        constraints = [
            models.UniqueConstraint(fields=["talks", "position"], name="agreed_point_position")
        ]
        verbose_name = _("nội dung thống nhất")
        verbose_name_plural = _("nội dung thống nhất")

    def __str__(self) -> str:
        return self.text[:80]


class ExchangeChannel(models.TextChoices):
    MEETING = "meeting", _("Hội đàm, gặp gỡ")
    LETTER = "letter", _("Thư")
    HOTLINE = "hotline", _("Đường dây nóng")
    MESSAGE = "message", _("Tin nhắn, điện tử")


class ExchangeDirection(models.TextChoices):
    SENT = "sent", _("Gửi đi")
    RECEIVED = "received", _("Nhận được")


class InfoExchange(models.Model):
    """Information sent or received by a unit of ours, with a counterpart unit or another unit
    of the province; a reply expected by a day is recorded later."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    on = models.DateField(_("ngày"))
    channel = models.CharField(_("hình thức"), max_length=12, choices=ExchangeChannel.choices)
    direction = models.CharField(_("chiều"), max_length=10, choices=ExchangeDirection.choices)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("đơn vị đối đẳng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    other_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị trong tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("vấn đề trao đổi"), max_length=300)
    summary = models.TextField(_("nội dung tóm tắt"), blank=True)
    incident = models.ForeignKey(
        Incident,
        verbose_name=_("vụ việc liên quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply_expected = models.BooleanField(_("cần trả lời"), default=False)
    reply_by = models.DateField(_("hạn trả lời"), null=True, blank=True)
    replied_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    reply_summary = models.TextField(_("nội dung trả lời"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["on"], name="exchange_on_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(counterpart__isnull=True) | models.Q(other_unit__isnull=True),
                name="exchange_one_party",
            )
        ]
        verbose_name = _("trao đổi thông tin")
        verbose_name_plural = _("trao đổi thông tin")

    def __str__(self) -> str:
        return self.subject

    @property
    def party(self) -> str:
        return str(self.counterpart or self.other_unit or "")

    @property
    def awaiting_reply(self) -> bool:
        return self.reply_expected and self.replied_on is None

    def reply_overdue(self, today: date) -> bool:
        return self.awaiting_reply and self.reply_by is not None and self.reply_by < today
