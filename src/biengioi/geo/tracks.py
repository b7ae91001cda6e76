"""GPS tracks: a device's file read into fixes, and the fixes cleaned before they are kept.

A fix is a time and a place (WGS84 longitude, latitude). Reading takes what posts' devices and
phones write: GPX (gpxpy: the points of tracks, routes and waypoints; Garmin devices, OsmAnd,
GPS Logger), GeoJSON (Point features with a `time` property, or a LineString or MultiLineString
with `coordTimes` as togeojson and many apps write), CSV (columns lon, lat and time, ISO 8601)
and KML (gx:Track's `when`/`gx:coord` pairs, or Placemarks of a Point with a TimeStamp).

Nothing in a file is trusted. A file that cannot be read, a fix without a time, a time in the
future or going backwards are refused whole, naming the fix (`TrackError`s are DomainErrors on
the field `file`). What a device gets wrong in passing is dropped with a reason, counted in the
import's report: the same moment twice (`duplicate`), a jump faster than the patrol's mode of
travel allows (`too_fast`), a fix far from the province's border (`far_from_border`), a time
outside the patrol (`outside_patrol`). This module is pure: it reads bytes and returns fixes and
reasons; geo.services keeps them.
"""

import csv
import io
import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import gpxpy
import gpxpy.gpx
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from biengioi.core.errors import Code, DomainError
from biengioi.core.geo import GEOD

FIELD = "file"
FUTURE_SLACK = timedelta(minutes=5)  # a phone's clock a little ahead of the server's


class TrackFormat(models.TextChoices):
    GPX = "gpx", "GPX"
    GEOJSON = "geojson", "GeoJSON"
    CSV = "csv", "CSV"
    KML = "kml", "KML"


class TravelMode(models.TextChoices):
    FOOT = "foot", _("đi bộ")
    VEHICLE = "vehicle", _("phương tiện cơ giới")
    BOAT = "boat", _("xuồng, tàu, thuyền")


class Drop(models.TextChoices):
    """Why a fix was not kept."""

    DUPLICATE = "duplicate", _("trùng thời điểm với điểm trước")
    TOO_FAST = "too_fast", _("tốc độ không thể có với cách di chuyển")
    FAR_FROM_BORDER = "far_from_border", _("xa khu vực biên giới của tỉnh")
    OUTSIDE_PATROL = "outside_patrol", _("ngoài thời gian của đợt tuần tra")


@dataclass(frozen=True)
class Fix:
    time: datetime
    lon: float
    lat: float


def track_format(name: str, content: bytes) -> str:
    """The format of a file, by its name's ending, else by its first bytes; an error naming
    the file when it is none of those read here."""
    ending = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    by_ending = {"gpx": "gpx", "kml": "kml", "geojson": "geojson", "json": "geojson", "csv": "csv"}
    if ending in by_ending:
        return by_ending[ending]
    head = content[:2048].lstrip().lower()
    if head.startswith(b"{"):
        return TrackFormat.GEOJSON
    if b"<gpx" in head:
        return TrackFormat.GPX
    if b"<kml" in head:
        return TrackFormat.KML
    if b"lon" in head.split(b"\n", 1)[0]:
        return TrackFormat.CSV
    raise DomainError(Code.TRACK_FORMAT, field=FIELD, name=name)


def read(content: bytes, fmt: str) -> list[Fix]:
    """The fixes of a file in the order it holds them; an error naming the file, or the fix
    by its number in the file, when it cannot be read or a fix has no time."""
    readers = {"gpx": _gpx, "geojson": _geojson, "csv": _csv, "kml": _kml}
    try:
        raw = list(readers[fmt](content))
    except DomainError:
        raise
    except Exception as exc:  # any reader's complaint about a broken file  # noqa: BLE001
        raise DomainError(
            Code.TRACK_UNREADABLE, field=FIELD, format=fmt.upper(), reason=_reason(exc)
        ) from None
    if not raw:
        raise DomainError(Code.TRACK_EMPTY, field=FIELD)
    fixes = []
    for number, (time, lon, lat) in enumerate(raw, start=1):
        if time is None:
            raise DomainError(Code.TRACK_NO_TIME, field=FIELD, number=number)
        if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90 or abs(lon) > 180:
            raise DomainError(Code.TRACK_BAD_PLACE, field=FIELD, number=number)
        aware = time if timezone.is_aware(time) else timezone.make_aware(time)
        fixes.append(Fix(aware.astimezone(UTC), lon, lat))
    return fixes


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:160] or type(exc).__name__


Raw = tuple[datetime | None, float, float]


def _gpx(content: bytes) -> Iterable[Raw]:
    gpx = gpxpy.parse(content.decode("utf-8-sig"))
    for track in gpx.tracks:
        for segment in track.segments:
            for p in segment.points:
                yield p.time, float(p.longitude), float(p.latitude)
    for route in gpx.routes:
        for r in route.points:
            yield r.time, float(r.longitude), float(r.latitude)
    if not gpx.tracks and not gpx.routes:
        for w in gpx.waypoints:
            yield w.time, float(w.longitude), float(w.latitude)


def _time(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, tz=UTC)
    parsed = parse_datetime(str(value).strip().replace(" ", "T", 1))
    if parsed is None:
        raise ValueError(f"not a time: {str(value)[:40]}")
    return parsed


def _geojson(content: bytes) -> Iterable[Raw]:
    data = json.loads(content.decode("utf-8-sig"))
    features = data.get("features") if data.get("type") == "FeatureCollection" else [data]
    if not isinstance(features, list):
        raise ValueError("no features")
    for feature in features:
        geometry = feature.get("geometry") or {}
        properties = feature.get("properties") or {}
        kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
        if kind == "Point":
            yield _time(properties.get("time")), float(coordinates[0]), float(coordinates[1])
        elif kind in ("LineString", "MultiLineString"):
            lines: list[Any] = [coordinates] if kind == "LineString" else coordinates
            times = properties.get("coordTimes") or properties.get("times") or []
            if kind == "LineString" and times and not isinstance(times[0], list):
                times = [times]
            for i, line in enumerate(lines):
                line_times = times[i] if i < len(times) else []
                for j, point in enumerate(line):
                    time = _time(line_times[j]) if j < len(line_times) else None
                    yield time, float(point[0]), float(point[1])
        else:
            raise ValueError(f"geometry {kind!r} is not a point or a line")


CSV_NAMES = {
    "lon": ("lon", "lng", "longitude", "x", "kinh_do", "kinh do", "kinh độ"),
    "lat": ("lat", "latitude", "y", "vi_do", "vi do", "vĩ độ"),
    "time": ("time", "timestamp", "datetime", "date_time", "thoi_gian", "thời gian", "utc"),
}


def _csv(content: bytes) -> Iterable[Raw]:
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    rows = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(rows)]
    columns = {}
    for name, aliases in CSV_NAMES.items():
        found = [i for i, h in enumerate(header) if h in aliases]
        if not found:
            raise ValueError(f"no column {name} (lon, lat, time)")
        columns[name] = found[0]
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        yield (
            _time(row[columns["time"]]),
            float(row[columns["lon"]].replace(",", ".")),
            float(row[columns["lat"]].replace(",", ".")),
        )


def _kml(content: bytes) -> Iterable[Raw]:
    root = ET.fromstring(content)  # noqa: S314 (expat refuses entity expansion bombs)
    local = {el: el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    for el, tag in local.items():
        if tag == "Track":  # gx:Track: <when> and <gx:coord> in the same order
            whens = [c.text for c in el if local.get(c) == "when"]
            coords = [c.text for c in el if local.get(c) == "coord"]
            if len(whens) != len(coords):
                raise ValueError("gx:Track has not as many <when> as <gx:coord>")
            for when, coord in zip(whens, coords, strict=True):
                lon, lat = (coord or "").split()[:2]
                yield _time(when), float(lon), float(lat)
        elif tag == "Placemark":
            points = [c for c in el.iter() if local.get(c) == "Point"]
            if not points:
                continue
            when = next((c.text for c in el.iter() if local.get(c) == "when"), None)
            text = next((c.text for c in points[0].iter() if local.get(c) == "coordinates"), "")
            lon, lat = re.split(r"[,\s]+", (text or "").strip())[:2]
            yield _time(when), float(lon), float(lat)


@dataclass
class Cleaned:
    """What a track keeps, and what it drops and why (the first few of each reason shown)."""

    kept: list[Fix]
    dropped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[int]] = field(default_factory=dict)  # reason -> fix numbers

    def drop(self, reason: str, number: int) -> None:
        self.dropped[reason] += 1
        self.examples.setdefault(reason, [])
        if len(self.examples[reason]) < 5:
            self.examples[reason].append(number)


def clean(
    fixes: Sequence[Fix],
    *,
    started_at: datetime,
    ended_at: datetime,
    max_speed_kmh: float,
    near_border: Sequence[bool],
    now: datetime | None = None,
) -> Cleaned:
    """The fixes a patrol keeps, in time order. Refused whole (naming the fix by its number):
    a time in the future, or a time before the fix above it. Dropped with a reason: a time
    outside the patrol, a fix far from the border (`near_border`, one flag a fix, computed by
    the caller over the province's lines), the same moment as the last fix kept, a speed from
    the last fix kept above `max_speed_kmh`."""
    now = now or timezone.now()
    previous: datetime | None = None
    for number, fix in enumerate(fixes, start=1):
        if fix.time > now + FUTURE_SLACK:
            raise DomainError(
                Code.TRACK_TIME_FUTURE, field=FIELD, number=number, time=_moment(fix.time)
            )
        if previous is not None and fix.time < previous:
            raise DomainError(
                Code.TRACK_TIME_BACKWARDS,
                field=FIELD,
                number=number,
                time=_moment(fix.time),
                previous=_moment(previous),
            )
        previous = fix.time
    cleaned = Cleaned(kept=[])
    last: Fix | None = None
    for number, (fix, near) in enumerate(zip(fixes, near_border, strict=True), start=1):
        if not started_at <= fix.time <= ended_at:
            cleaned.drop(Drop.OUTSIDE_PATROL, number)
        elif not near:
            cleaned.drop(Drop.FAR_FROM_BORDER, number)
        elif last is not None and fix.time == last.time:
            cleaned.drop(Drop.DUPLICATE, number)
        elif last is not None and speed_kmh(last, fix) > max_speed_kmh:
            cleaned.drop(Drop.TOO_FAST, number)
        else:
            cleaned.kept.append(fix)
            last = fix
    return cleaned


def speed_kmh(a: Fix, b: Fix) -> float:
    """The speed from one fix to the next, on the ellipsoid."""
    _az, _back, metres = GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    hours = (b.time - a.time).total_seconds() / 3600
    return math.inf if hours <= 0 else metres / 1000 / hours


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
