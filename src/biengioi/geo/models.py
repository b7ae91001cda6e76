"""GPS tracks of patrols and their fixes.

A `Track` is one file imported for a patrol: what it held, what was kept and dropped and why,
and the effort it shows (km, hours, markers passed, sections covered). Its fixes are
`Position` rows: the patrol, the unit, the time, the WGS84 place, and the metric coordinates
and 1 km grid cell computed once at import (in `settings.GEO_METRIC_EPSG`, UTM 48N unless set),
so that distances and coverage never reproject. On PostgreSQL the positions table is
partitioned by month (geo.partitions makes each month's partition as an import needs it) with a
BRIN index on time; on SQLite it is one table.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.operations.models import Patrol
from biengioi.registry.models import BorderSection, Marker, OrgUnit

from .tracks import TrackFormat, TravelMode

CELL_M = 1000  # the grid's cell: 1 km
CELL_ROW = 100_000  # cell = column * CELL_ROW + row (rows of 1 km reach 10,000 km north)


class Track(models.Model):
    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patrol = models.ForeignKey(
        Patrol, verbose_name=_("đợt tuần tra"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    format = models.CharField(_("định dạng"), max_length=8, choices=TrackFormat.choices)
    sha256 = models.CharField(max_length=64, editable=False)
    mode = models.CharField(_("cách di chuyển"), max_length=8, choices=TravelMode.choices)
    received = models.PositiveIntegerField(_("số điểm trong tệp"))
    kept = models.PositiveIntegerField(_("số điểm giữ lại"))
    dropped = models.JSONField(_("điểm bỏ đi theo lý do"), default=dict)
    examples = models.JSONField(default=dict)  # reason -> the numbers of its first fixes
    started_at = models.DateTimeField(_("điểm đầu"))
    ended_at = models.DateTimeField(_("điểm cuối"))
    km = models.DecimalField(_("quãng đường (km)"), max_digits=8, decimal_places=2)
    markers_passed = models.ManyToManyField(
        Marker, verbose_name=_("mốc đi qua"), blank=True, related_name="+"
    )
    sections_covered = models.ManyToManyField(
        BorderSection, verbose_name=_("đoạn biên giới đi qua"), blank=True, related_name="+"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["patrol", "sha256"], name="geo_track_one_file_once")
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def hours(self) -> float:
        return (self.ended_at - self.started_at).total_seconds() / 3600


class Position(models.Model):
    """One fix kept of a track (never edited: a track is removed and imported again)."""

    track = models.ForeignKey(Track, on_delete=models.DO_NOTHING, related_name="+")
    patrol = models.ForeignKey(Patrol, on_delete=models.DO_NOTHING, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.DO_NOTHING, related_name="+")
    time = models.DateTimeField()
    lon = models.FloatField()
    lat = models.FloatField()
    x = models.FloatField()  # metres east in GEO_METRIC_EPSG
    y = models.FloatField()  # metres north
    cell = models.BigIntegerField()  # the 1 km grid cell (CELL_ROW)

    class Meta:
        indexes = [
            models.Index(fields=["track"], name="geo_position_track"),
            models.Index(fields=["cell"], name="geo_position_cell"),
        ]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.lon:.6f} {self.lat:.6f}"


class Piece(models.Model):
    """A piece of about 1 km of a border section, cut along the section's line in the metric
    CRS from its start (the last piece is the remainder). Coverage is kept per piece and month.
    `geometry_key` is the digest of the section's line it was cut from: a section redrawn is cut
    again (geo.coverage.pieces)."""

    section = models.ForeignKey(BorderSection, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()  # from 1, from the section's start
    geometry_key = models.CharField(max_length=64)
    coordinates = models.JSONField()  # [[x, y], ...] in GEO_METRIC_EPSG
    length_m = models.FloatField()

    class Meta:
        ordering = ["section", "number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="geo_piece_once")]

    def __str__(self) -> str:
        return f"{self.section_id}/{self.number}"


class MarkerVisit(models.Model):
    """A track came within TRACK_MARKER_DISTANCE_M of a marker: at the time of its nearest fix."""

    marker = models.ForeignKey(Marker, on_delete=models.CASCADE, related_name="+")
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="+")
    time = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["marker", "track"], name="geo_visit_once")]
        indexes = [models.Index(fields=["marker", "time"], name="geo_visit_marker_time")]

    def __str__(self) -> str:
        return f"{self.marker_id} {self.time:%Y-%m-%d}"


class PieceMonth(models.Model):
    """A track came within TRACK_SECTION_DISTANCE_M of a piece in a month (Vietnam's calendar):
    the distinct patrols of a piece and month are those of its rows."""

    piece = models.ForeignKey(Piece, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # its first day
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="+")
    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["piece", "month", "track"], name="geo_piece_month_once")
        ]
        indexes = [models.Index(fields=["month", "piece"], name="geo_piece_month")]

    def __str__(self) -> str:
        return f"{self.piece_id} {self.month:%Y-%m}"
