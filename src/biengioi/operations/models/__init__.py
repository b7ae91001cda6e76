"""The operations log: patrols and the marker inspections made on them; border incidents and
the steps of their handling.

Every record belongs to the unit that did the work (a border post, usually) and carries a
client-made id (`uuid`: a retried request from a weak link never makes a duplicate) and a
`version` (an edit made on a stale copy is refused, never silently overwrites).
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.search import Searched
from biengioi.registry.models import (
    AdminUnit,
    BorderLine,
    BorderSection,
    CounterpartUnit,
    Marker,
    MarkerStatusKind,
    OrgUnit,
)


class PatrolKind(models.TextChoices):
    UNILATERAL = "unilateral", _("Tuần tra đơn phương")
    BILATERAL = "bilateral", _("Tuần tra song phương")
    JOINT = "joint", _("Tuần tra chung")
    JOINT_LAW_ENFORCEMENT = "joint_law_enforcement", _("Tuần tra liên hợp chấp pháp")


class PatrolHostSide(models.TextChoices):
    VN = "vn", _("Phía Việt Nam chủ trì")
    OTHER = "other", _("Phía bạn chủ trì")


class Patrol(models.Model):
    """One patrol of a unit along a stretch of the border, from one marker to another."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="patrols"
    )
    kind = models.CharField(_("hình thức"), max_length=24, choices=PatrolKind.choices)
    host_side = models.CharField(
        _("bên chủ trì"), max_length=8, choices=PatrolHostSide.choices, blank=True
    )
    line = models.ForeignKey(
        BorderLine, verbose_name=_("tuyến biên giới"), on_delete=models.PROTECT
    )
    sections = models.ManyToManyField(
        BorderSection, verbose_name=_("đoạn biên giới"), blank=True, related_name="patrols"
    )
    started_at = models.DateTimeField(_("bắt đầu"))
    ended_at = models.DateTimeField(_("kết thúc"))
    from_marker = models.ForeignKey(
        Marker,
        verbose_name=_("từ mốc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_marker = models.ForeignKey(
        Marker,
        verbose_name=_("đến mốc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    distance_km = models.DecimalField(
        _("quãng đường (km)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    border_guards = models.PositiveSmallIntegerField(_("cán bộ, chiến sĩ biên phòng"), default=0)
    militia = models.PositiveSmallIntegerField(_("dân quân"), default=0)
    commune_police = models.PositiveSmallIntegerField(_("công an xã"), default=0)
    self_management = models.PositiveSmallIntegerField(_("thành viên tổ tự quản"), default=0)
    other_side = models.PositiveSmallIntegerField(_("lực lượng phía bạn"), default=0)
    counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("đơn vị phía bạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrols",
    )
    counterpart_leader = models.CharField(_("chỉ huy phía bạn"), max_length=150, blank=True)
    findings = models.TextField(_("kết quả, tình hình phát hiện"), blank=True)
    next_patrol_on = models.DateField(
        _("lần tuần tra tiếp theo đã thống nhất"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["unit", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gte=models.F("started_at")),
                name="patrol_ends_after_it_starts",
            )
        ]
        verbose_name = _("chuyến tuần tra")
        verbose_name_plural = _("chuyến tuần tra")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("operations:patrol", args=[self.pk])

    @property
    def participants(self) -> int:
        return (
            self.border_guards
            + self.militia
            + self.commune_police
            + self.self_management
            + self.other_side
        )


class MarkerInspection(models.Model):
    """A marker met on a patrol: what was found, and whether the vegetation was cleared. A
    status other than the marker's current one enters the marker's status history."""

    SCOPE_PATH: ClassVar[str] = "patrol__unit__path"

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="inspections")
    marker = models.ForeignKey(
        Marker, verbose_name=_("mốc"), on_delete=models.PROTECT, related_name="inspections"
    )
    status = models.CharField(_("tình trạng"), max_length=16, choices=MarkerStatusKind.choices)
    vegetation_cleared = models.BooleanField(_("đã phát quang, vệ sinh"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    status_changed = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["patrol", "marker__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["patrol", "marker"], name="inspection_once_a_patrol")
        ]
        verbose_name = _("kiểm tra mốc")
        verbose_name_plural = _("kiểm tra mốc")

    def __str__(self) -> str:
        return f"{self.marker} ({self.status})"


class IncidentKind(models.TextChoices):
    ENCROACHMENT = "encroachment", _("Xâm canh, xâm cư")
    WORKS_NEAR_LINE = "works_near_line", _("Xây dựng công trình sát đường biên giới")
    MARKER_DAMAGE = "marker_damage", _("Mốc quốc giới bị hư hỏng, xê dịch")
    STREAM_CHANGE = "stream_change", _("Thay đổi dòng chảy sông, suối biên giới")
    RESOURCES = "resources", _("Khai thác tài nguyên trái phép")
    ILLEGAL_CROSSING = "illegal_crossing", _("Qua lại biên giới trái phép")
    RESIDENT_DISPUTE = "resident_dispute", _("Tranh chấp giữa cư dân hai bên")
    AIRSPACE = "airspace", _("Tàu bay, thiết bị bay vượt biên giới")
    OTHER = "other", _("Vụ việc khác")


class HandlingLevel(models.TextChoices):
    """The ladder an incident climbs, in order: it may not skip a rung."""

    GRASSROOTS = "grassroots", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh")
    CENTRAL = "central", _("Cấp Trung ương")

    @property
    def rank(self) -> int:
        return list(HandlingLevel).index(self)


# Days a level has to settle an incident before it is overdue, unless a province sets its own
# (IncidentDeadline): the grassroots is expected to act within days, the centre within months.
DEFAULT_DEADLINE_DAYS: dict[str, int] = {
    HandlingLevel.GRASSROOTS: 15,
    HandlingLevel.PROVINCE: 45,
    HandlingLevel.CENTRAL: 120,
}


class Channel(models.TextChoices):
    """How a step was taken with the other side (or without it)."""

    MEETING = "meeting", _("Gặp gỡ, hội đàm")
    LETTER = "letter", _("Thư, công hàm")
    HOTLINE = "hotline", _("Đường dây nóng")
    JOINT_SURVEY = "joint_survey", _("Khảo sát thực địa chung")
    INTERNAL = "internal", _("Xử lý phía Việt Nam")


class Incident(Searched):
    """An incident on the border (vụ việc biên giới), from its detection to its closing.

    The place is a point; the nearest marker, the distances to it and to the border line are
    computed when the point is written. `level` and `due_on` follow the steps recorded: the
    level reached, and the day by which that level should have settled it (the deadline of the
    level for the incident's kind, counted from the day it reached the level). They are kept on
    the row so the overdue list is one indexed query over any number of incidents.
    """

    SCOPE_PATH: ClassVar[str] = "unit__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("title", "description", "kind")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị phụ trách"),
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    kind = models.CharField(_("loại vụ việc"), max_length=24, choices=IncidentKind.choices)
    title = models.CharField(_("tóm tắt"), max_length=200)
    description = models.TextField(_("diễn biến"), blank=True)
    lon = models.DecimalField(_("kinh độ"), max_digits=10, decimal_places=7)
    lat = models.DecimalField(_("vĩ độ"), max_digits=10, decimal_places=7)
    line = models.ForeignKey(
        BorderLine, verbose_name=_("tuyến biên giới"), on_delete=models.PROTECT, editable=False
    )
    nearest_marker = models.ForeignKey(
        Marker,
        verbose_name=_("mốc gần nhất"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
        editable=False,
    )
    marker_distance_m = models.DecimalField(
        _("cách mốc (m)"), max_digits=9, decimal_places=1, null=True, editable=False
    )
    line_distance_m = models.DecimalField(
        _("cách đường biên (m)"), max_digits=9, decimal_places=1, null=True, editable=False
    )
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    detected_on = models.DateField(_("ngày phát hiện"))
    detected_by = models.CharField(_("người, lực lượng phát hiện"), max_length=200)
    parties = models.TextField(_("các bên liên quan"), blank=True)
    level = models.CharField(
        _("cấp đang giải quyết"),
        max_length=12,
        choices=HandlingLevel.choices,
        default=HandlingLevel.GRASSROOTS,
        editable=False,
    )
    level_since = models.DateField(_("lên cấp này từ ngày"), editable=False)
    due_on = models.DateField(_("hạn giải quyết"), null=True, editable=False)
    result = models.TextField(_("kết quả giải quyết"), blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-detected_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "detected_on"]),
            # the overdue list: open incidents by their deadline
            models.Index(
                fields=["due_on"], name="incident_open_due", condition=models.Q(closed_on=None)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on=None)
                | models.Q(closed_on__gte=models.F("detected_on")),
                name="incident_closes_after_detection",
            )
        ]
        verbose_name = _("vụ việc biên giới")
        verbose_name_plural = _("vụ việc biên giới")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def overdue_days(self) -> int:
        """Days an open incident is past the deadline of its rung today (0: not overdue)."""
        if self.closed_on is not None or self.due_on is None:
            return 0
        return max(0, (timezone.localdate() - self.due_on).days)


class IncidentStep(models.Model):
    """One rung of the handling: who acted, at which level, how, and what was agreed with the
    other side."""

    SCOPE_PATH: ClassVar[str] = "incident__unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    level = models.CharField(_("cấp giải quyết"), max_length=12, choices=HandlingLevel.choices)
    on = models.DateField(_("ngày"))
    handled_by = models.CharField(_("cơ quan, người thực hiện"), max_length=200)
    channel = models.CharField(_("hình thức"), max_length=16, choices=Channel.choices)
    counterpart = models.ForeignKey(
        CounterpartUnit,
        verbose_name=_("đơn vị phía bạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incident_steps",
    )
    summary = models.TextField(_("nội dung"))
    agreed = models.TextField(_("kết quả thống nhất với phía bạn"), blank=True)
    due_on = models.DateField(_("hạn của cấp"), null=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["incident", "on", "pk"]
        verbose_name = _("bước giải quyết")
        verbose_name_plural = _("bước giải quyết")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.on:%d/%m/%Y}"


class IncidentDeadline(models.Model):
    """A province's own deadline for one level of one kind of incident (in days)."""

    SCOPE_PATH: ClassVar[str] = "province__path"

    province = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("loại vụ việc"), max_length=24, choices=IncidentKind.choices)
    level = models.CharField(_("cấp giải quyết"), max_length=12, choices=HandlingLevel.choices)
    days = models.PositiveSmallIntegerField(_("số ngày"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "kind", "level"], name="one_deadline_a_kind_and_level"
            )
        ]
        verbose_name = _("thời hạn giải quyết")
        verbose_name_plural = _("thời hạn giải quyết")

    def __str__(self) -> str:
        return f"{self.kind}/{self.level}: {self.days}"


class AttachmentKind(models.TextChoices):
    PATROL_RECORD = "patrol_record", _("Biên bản tuần tra")
    PHOTO = "photo", _("Ảnh")
    DOCUMENT = "document", _("Văn bản, tài liệu")


# the kinds each owner of an attachment may hold: an incident has no patrol record
ATTACHMENT_KINDS: dict[str, tuple[AttachmentKind, ...]] = {
    "patrol": (AttachmentKind.PATROL_RECORD, AttachmentKind.PHOTO, AttachmentKind.DOCUMENT),
    "incident": (AttachmentKind.PHOTO, AttachmentKind.DOCUMENT),
}


class Attachment(models.Model):
    """A file kept with a patrol or an incident: the signed patrol record, photos (of the patrol,
    or of one marker inspected on it), letters.

    The bytes live outside the database, under settings.ATTACHMENTS_DIR, at `storage_name`; the
    row keeps the type found in the content (never the one the upload claimed), the size and the
    SHA-256. `unit` is the owner's unit, copied so the scope is one lookup.
    """

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    patrol = models.ForeignKey(
        Patrol, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    inspection = models.ForeignKey(  # a photo of one marker met on the patrol
        MarkerInspection,
        verbose_name=_("mốc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos",
    )
    kind = models.CharField(_("loại tệp"), max_length=16, choices=AttachmentKind.choices)
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    storage_name = models.CharField(max_length=200, unique=True, editable=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # removed by mistake-mending: hidden from every list, the bytes kept (see attachment_remove)
    removed_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(patrol__isnull=False, incident__isnull=True)
                | models.Q(patrol__isnull=True, incident__isnull=False),
                name="attachment_has_one_owner",
            ),
            models.CheckConstraint(
                condition=models.Q(inspection__isnull=True) | models.Q(patrol__isnull=False),
                name="attachment_inspection_of_its_patrol",
            ),
        ]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def owner_field(self) -> str:
        """The key of ATTACHMENT_KINDS this file is held under: "patrol" or "incident"."""
        return "patrol" if self.patrol_id is not None else "incident"


from .crime import *  # noqa: E402, F403
from .gates import *  # noqa: E402, F403 (gate traffic: a file of its own)
from .handovers import *  # noqa: E402, F403
from .plans import *  # noqa: E402, F403
from .repairs import *  # noqa: E402, F403
from .rescue import *  # noqa: E402, F403
