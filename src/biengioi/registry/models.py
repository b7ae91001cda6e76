from datetime import date
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.core.search import Searched


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

# Which administrative levels a unit of each kind may serve ("admin_unit"); kinds not listed serve
# none. Levels are AdminLevel values (the class is defined below with the administrative units).
SERVED_LEVELS: dict[str, set[str]] = {
    UnitKind.PROVINCE: {"province"},
    UnitKind.STEERING_COMMITTEE: {"province", "district"},
    UnitKind.COMMUNE: {"commune"},
}


class OrgUnit(models.Model):
    """An organisational unit: the province, its agencies, border posts, communes.

    `path` is the materialised path of ids from the root ("/1/4/17/"), the key of unit scope.
    A unit may be dated (a district steering committee ended with the districts on 30/06/2025)
    and tied to the administrative unit it serves (a commune's People's Committee to its commune,
    a committee to its province or district); a post's area comes from its sections. A post
    may have a position (`lon`, `lat`: where its barracks stand), which the map draws.

    A reorganised unit is not moved in the tree: it ends, and the unit that takes over its work
    begins and names it among its `predecessors` (the provincial Border Guard command dissolved
    on 27/06/2025 and the Ban Chỉ huy formed under the Military Command the next day). Records
    keep the unit they were made by; the reports of the successor count them through this
    lineage (registry/statistics.py `scope_paths`).
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
    name_search = models.CharField(max_length=250, editable=False, db_index=True)
    admin_unit = models.ForeignKey(
        "AdminUnit",
        verbose_name=_("địa bàn hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="org_units",
    )
    valid_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị tiền thân"),
        symmetrical=False,
        blank=True,
        related_name="successors",
    )
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    lon = models.DecimalField(
        _("kinh độ trụ sở"), max_digits=10, decimal_places=7, null=True, blank=True
    )
    lat = models.DecimalField(
        _("vĩ độ trụ sở"), max_digits=10, decimal_places=7, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True, lat__isnull=True)
                | models.Q(lon__isnull=False, lat__isnull=False),
                name="org_unit_lon_lat_together",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="org_unit_valid_to_after_from",
            ),
        ]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name


class Country(models.Model):
    """A neighbouring country (China, Laos, Cambodia); reference data shared by all provinces."""

    code = models.CharField(_("mã"), max_length=2, unique=True)  # ISO 3166-1 alpha-2
    name = models.CharField(_("tên"), max_length=100)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("nước láng giềng")
        verbose_name_plural = _("các nước láng giềng")

    def __str__(self) -> str:
        return self.name


class BorderLine(models.Model):
    """The province's land border with one neighbour ("Biên giới Việt Nam – Lào")."""

    SCOPE_PATH: ClassVar[str] = "province__path"

    province = models.ForeignKey(
        OrgUnit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="border_lines"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("nước láng giềng"), on_delete=models.PROTECT
    )
    name = models.CharField(_("tên"), max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "country"], name="one_border_line_per_neighbour"
            )
        ]
        verbose_name = _("tuyến biên giới")
        verbose_name_plural = _("tuyến biên giới")

    def __str__(self) -> str:
        return self.name


class BorderSection(models.Model):
    """A stretch of the border line a border post is responsible for (đoạn biên giới)."""

    SCOPE_PATH: ClassVar[str] = "post__path"

    line = models.ForeignKey(
        BorderLine, verbose_name=_("tuyến"), on_delete=models.PROTECT, related_name="sections"
    )
    code = models.CharField(_("mã đoạn"), max_length=40)
    name = models.CharField(_("tên đoạn"), max_length=200)
    name_search = models.CharField(max_length=250, editable=False, default="")
    post = models.ForeignKey(
        OrgUnit, verbose_name=_("đồn phụ trách"), on_delete=models.PROTECT, related_name="sections"
    )
    geometry = models.JSONField(_("hình học (GeoJSON, WGS84)"))
    length_km = models.DecimalField(_("chiều dài (km)"), max_digits=9, decimal_places=3)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["line", "code"]
        constraints = [
            models.UniqueConstraint(fields=["line", "code"], name="section_code_once_per_line")
        ]
        verbose_name = _("đoạn biên giới")
        verbose_name_plural = _("đoạn biên giới")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MarkerKind(models.TextChoices):
    MAIN = "main", _("Mốc chính")
    SECONDARY = "secondary", _("Mốc phụ")
    REFERENCE = "reference", _("Cọc dấu")


class Multiplicity(models.TextChoices):
    SINGLE = "single", _("Mốc đơn")
    DOUBLE = "double", _("Mốc đôi")
    TRIPLE = "triple", _("Mốc ba")


class MarkerType(models.TextChoices):
    NONE = "", _("Không phân loại")
    A = "A", _("Loại A")
    B = "B", _("Loại B")
    C = "C", _("Loại C")


class MarkerStatusKind(models.TextChoices):
    INTACT = "intact", _("Nguyên trạng")
    DAMAGED = "damaged", _("Hư hỏng")
    DISPLACED = "displaced", _("Xê dịch")
    LANDSLIDE = "landslide", _("Sạt lở / nguy cơ sạt lở")
    LOST = "lost", _("Mất")


class Marker(models.Model):
    """A national boundary marker or reference post (mốc quốc giới, cọc dấu).

    Its status is not a field: it is the latest entry of its status history.
    """

    SCOPE_PATH: ClassVar[str] = "post__path"

    line = models.ForeignKey(
        BorderLine,
        verbose_name=_("tuyến biên giới"),
        on_delete=models.PROTECT,
        related_name="markers",
    )
    identifier = models.CharField(_("số hiệu"), max_length=20)
    sort_key = models.CharField(max_length=20, editable=False, db_index=True)
    kind = models.CharField(_("loại mốc"), max_length=12, choices=MarkerKind.choices)
    multiplicity = models.CharField(
        _("mốc đơn/đôi/ba"), max_length=8, choices=Multiplicity.choices, default=Multiplicity.SINGLE
    )
    marker_type = models.CharField(
        _("kiểu mốc"), max_length=1, choices=MarkerType.choices, blank=True, default=""
    )
    material = models.CharField(_("vật liệu"), max_length=60, blank=True)
    lon = models.DecimalField(_("kinh độ"), max_digits=10, decimal_places=7)
    lat = models.DecimalField(_("vĩ độ"), max_digits=10, decimal_places=7)
    elevation_m = models.DecimalField(
        _("độ cao (m)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    year_planted = models.PositiveSmallIntegerField(_("năm cắm mốc"), null=True, blank=True)
    section = models.ForeignKey(
        BorderSection,
        verbose_name=_("đoạn biên giới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="markers",
    )
    post = models.ForeignKey(
        OrgUnit, verbose_name=_("đồn phụ trách"), on_delete=models.PROTECT, related_name="markers"
    )
    commune = models.ForeignKey(
        "AdminUnit",
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="markers",
    )
    distance_to_line_m = models.DecimalField(
        _("cách đường biên (m)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["line", "sort_key"]
        # Reference posts are numbered apart from markers, so "15" may be both.
        constraints = [
            models.UniqueConstraint(
                fields=["line", "kind", "identifier"], name="marker_identifier_once_per_line"
            )
        ]
        verbose_name = _("mốc quốc giới")
        verbose_name_plural = _("mốc quốc giới")

    def __str__(self) -> str:
        return self.identifier


class StatusEntry(models.Model):
    """One dated finding in an object's status history; the latest entry is its status.

    The status and its date are registry fact, read province-wide. An entry written by an
    operational record (a patrol's inspection, a marker repair) names that record in `origin`
    (its model's label, "operations.patrol") and `origin_id`; its source, note and recorder
    belong to that record and are shown only to those who may read it
    (`registry.selectors.history`). An entry recorded in the registry itself has no origin.
    """

    on = models.DateField(_("ngày"))
    source = models.CharField(_("nguồn"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin = models.CharField(_("hồ sơ nguồn"), max_length=60, blank=True, editable=False)
    origin_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-on", "-id"]


class MarkerStatus(StatusEntry):
    """One entry of a marker's status history: what was found, when, and from what source."""

    SCOPE_PATH: ClassVar[str] = "marker__post__path"

    marker = models.ForeignKey(Marker, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("tình trạng"), max_length=12, choices=MarkerStatusKind.choices)

    class Meta(StatusEntry.Meta):
        verbose_name = _("tình trạng mốc")
        verbose_name_plural = _("lịch sử tình trạng mốc")

    def __str__(self) -> str:
        return f"{self.marker_id} {self.status} {self.on}"


class ObjectStatus(models.TextChoices):
    INTACT = "intact", _("Nguyên trạng")
    DAMAGED = "damaged", _("Hư hỏng")
    DISPLACED = "displaced", _("Xê dịch")
    LOST = "lost", _("Mất")


class SignKind(models.TextChoices):
    BORDER_BELT = "border_belt", _("Biển báo vành đai biên giới")
    BORDER_AREA = "border_area", _("Biển báo khu vực biên giới")
    GATE_AREA = "gate_area", _("Biển báo khu vực cửa khẩu")
    RESTRICTED = "restricted", _("Biển báo vùng cấm")


class Sign(Searched):
    """A sign marking the border belt, the border area, a gate area or a restricted zone."""

    SCOPE_PATH: ClassVar[str] = "post__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("code", "note", "kind")

    line = models.ForeignKey(
        BorderLine,
        verbose_name=_("tuyến biên giới"),
        on_delete=models.PROTECT,
        related_name="signs",
    )
    code = models.CharField(_("số hiệu biển"), max_length=40)
    kind = models.CharField(_("loại biển"), max_length=16, choices=SignKind.choices)
    lon = models.DecimalField(_("kinh độ"), max_digits=10, decimal_places=7)
    lat = models.DecimalField(_("vĩ độ"), max_digits=10, decimal_places=7)
    post = models.ForeignKey(
        OrgUnit, verbose_name=_("đồn phụ trách"), on_delete=models.PROTECT, related_name="signs"
    )
    year_installed = models.PositiveSmallIntegerField(_("năm cắm biển"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["line", "code"]
        constraints = [
            models.UniqueConstraint(fields=["line", "code"], name="sign_code_once_per_line")
        ]
        verbose_name = _("biển báo")
        verbose_name_plural = _("biển báo")

    def __str__(self) -> str:
        return self.code


class SignStatus(StatusEntry):
    SCOPE_PATH: ClassVar[str] = "sign__post__path"

    sign = models.ForeignKey(Sign, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("tình trạng"), max_length=12, choices=ObjectStatus.choices)

    class Meta(StatusEntry.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.sign_id} {self.status} {self.on}"


class GateKind(models.TextChoices):
    INTERNATIONAL = "international", _("Cửa khẩu quốc tế")
    MAIN = "main", _("Cửa khẩu chính (song phương)")
    SECONDARY = "secondary", _("Cửa khẩu phụ")
    OPENING = "opening", _("Lối mở biên giới")
    CLEARANCE_LANE = "clearance_lane", _("Lối thông quan")


class Side(models.TextChoices):
    VIETNAM = "vn", _("Phía Việt Nam")
    NEIGHBOUR = "neighbour", _("Phía bạn")


class GateState(models.TextChoices):
    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đóng")
    SUSPENDED = "suspended", _("Tạm dừng hoạt động")


class Gate(Searched):
    """A border gate or crossing; gates come in pairs, one on each side (cặp cửa khẩu)."""

    SCOPE_PATH: ClassVar[str] = "post__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("name", "kind")

    line = models.ForeignKey(
        BorderLine,
        verbose_name=_("tuyến biên giới"),
        on_delete=models.PROTECT,
        related_name="gates",
    )
    name = models.CharField(_("tên cửa khẩu"), max_length=200)
    side = models.CharField(_("phía"), max_length=10, choices=Side.choices)
    kind = models.CharField(_("loại cửa khẩu"), max_length=16, choices=GateKind.choices)
    paired_with = models.OneToOneField(
        "self",
        verbose_name=_("cửa khẩu đối diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opening_hours = models.CharField(_("giờ mở cửa"), max_length=200, blank=True)
    lon = models.DecimalField(_("kinh độ"), max_digits=10, decimal_places=7)
    lat = models.DecimalField(_("vĩ độ"), max_digits=10, decimal_places=7)
    post = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đồn biên phòng phụ trách"),
        on_delete=models.PROTECT,
        related_name="gates",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["line", "side", "name"]
        verbose_name = _("cửa khẩu")
        verbose_name_plural = _("cửa khẩu")

    def __str__(self) -> str:
        return self.name


class GateStatus(StatusEntry):
    SCOPE_PATH: ClassVar[str] = "gate__post__path"

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("trạng thái"), max_length=12, choices=GateState.choices)
    source = models.CharField(_("căn cứ"), max_length=200, blank=True)  # a decision, a notice

    class Meta(StatusEntry.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.gate_id} {self.status} {self.on}"


class AdminLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (đến 30/06/2025)")
    COMMUNE = "commune", _("Cấp xã")
    VILLAGE = "village", _("Thôn, bản")


class AdminUnit(models.Model):
    """An administrative unit as it was between two dates (effective-dated).

    The 2025 reform merged provinces and communes and removed districts: a unit that changed
    ends (valid_to) and its successors begin; `predecessors` links them, so old records keep the
    unit valid on their own date and statistics can roll old units up into their successors.
    National reference data: every user sees it.
    """

    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=AdminLevel.choices)
    division_type = models.CharField(_("loại đơn vị"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị tiền thân"),
        symmetrical=False,
        blank=True,
        related_name="successors",
    )
    is_border_area = models.BooleanField(_("thuộc khu vực biên giới"), default=False)
    # known for some communes only (from the commune's own figures); where known, a record of
    # the commune's residents cannot count more people than live there
    population = models.PositiveIntegerField(_("dân số"), null=True, blank=True)
    name_search = models.CharField(max_length=250, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code", "valid_from"]
        indexes = [models.Index(fields=["code", "valid_from"])]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="admin_unit_version"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="admin_unit_valid_to_after_from",
            ),
        ]
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")

    def __str__(self) -> str:
        return self.name

    def in_force(self, on: date) -> bool:
        """The unit existed on that day (no start or started by then, no end or ended after)."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )


class ForeignSubdivision(models.Model):
    """A province or region of a neighbouring country facing ours (Yunnan, Savannakhet ...)."""

    country = models.ForeignKey(
        Country, verbose_name=_("nước"), on_delete=models.PROTECT, related_name="subdivisions"
    )
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=60, blank=True)

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="foreign_subdivision_once")
        ]
        verbose_name = _("địa phương nước bạn")
        verbose_name_plural = _("địa phương nước bạn")

    def __str__(self) -> str:
        return self.name


class CounterpartUnit(models.Model):
    """A unit across the border that our posts deal with (a Lao border company, a Chinese
    border inspection station ...), linked to the posts that face it."""

    SCOPE_PATH: ClassVar[str] = "province__path"

    province = models.ForeignKey(
        OrgUnit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="counterparts"
    )
    country = models.ForeignKey(Country, verbose_name=_("nước"), on_delete=models.PROTECT)
    subdivision = models.ForeignKey(
        ForeignSubdivision,
        verbose_name=_("địa phương nước bạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    name = models.CharField(_("tên đơn vị"), max_length=200)
    name_search = models.CharField(max_length=250, editable=False, db_index=True, default="")
    kind = models.CharField(_("loại đơn vị"), max_length=100, blank=True)
    facing_posts = models.ManyToManyField(
        OrgUnit, verbose_name=_("đồn đối diện"), blank=True, related_name="facing_counterparts"
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("đơn vị đối đẳng")
        verbose_name_plural = _("đơn vị đối đẳng")

    def __str__(self) -> str:
        return self.name


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban")
    DEPUTY = "deputy", _("Phó Trưởng ban")
    MEMBER = "member", _("Thành viên")
    STANDING_AGENCY = "standing_agency", _("Cơ quan thường trực")


class CommitteeMember(models.Model):
    """A seat on a steering committee for a term: a person (with the agency they represent),
    or the standing agency itself."""

    SCOPE_PATH: ClassVar[str] = "committee__path"
    # a person: named by its kind alone where another may read it ("Đã lưu …", web.feedback)
    PERSONAL: ClassVar[bool] = True

    committee = models.ForeignKey(
        OrgUnit, verbose_name=_("ban chỉ đạo"), on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=CommitteeRole.choices)
    person = models.CharField(_("họ và tên"), max_length=150, blank=True)
    person_search = models.CharField(max_length=160, editable=False, db_index=True, default="")
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    agency = models.ForeignKey(
        OrgUnit,
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    term_from = models.DateField(_("từ ngày"))
    term_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["committee", "term_to", "role", "person"]
        verbose_name = _("thành viên ban chỉ đạo")
        verbose_name_plural = _("thành viên ban chỉ đạo")

    def __str__(self) -> str:
        return self.person or str(self.agency)


class SectionCommune(models.Model):
    """A commune of the land border area along a section, with the border-belt width decided
    by the provincial People's Council for that commune's stretch (100-1,000 m)."""

    SCOPE_PATH: ClassVar[str] = "section__post__path"

    section = models.ForeignKey(BorderSection, on_delete=models.CASCADE, related_name="communes")
    commune = models.ForeignKey(
        AdminUnit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="border_sections",
    )
    belt_width_m = models.PositiveSmallIntegerField(_("chiều rộng vành đai biên giới (m)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "commune"], name="section_commune_once")
        ]
        verbose_name = _("xã biên giới của đoạn")
        verbose_name_plural = _("xã biên giới của đoạn")

    def __str__(self) -> str:
        return f"{self.section_id}:{self.commune_id}"
