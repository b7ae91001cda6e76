from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.formats import number_format

from biengioi.audit import services as audit
from biengioi.core import access, geo
from biengioi.core.checks import choice, require
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text

from .. import identifiers
from ..models import (
    BorderLine,
    BorderSection,
    Marker,
    MarkerKind,
    MarkerStatus,
    MarkerStatusKind,
    MarkerType,
    Multiplicity,
)
from ..selectors import commune
from .borders import border_post_for_write, line_geometries
from .history import status_append

MAX_DISTANCE_FROM_LINE_M = 2000
_FIELDS = [
    "commune",
    "line",
    "identifier",
    "kind",
    "multiplicity",
    "marker_type",
    "material",
    "lon",
    "lat",
    "elevation_m",
    "year_planted",
    "section",
    "post",
    "distance_to_line_m",
    "note",
]
_PARTS = {Multiplicity.SINGLE: 0, Multiplicity.DOUBLE: 2, Multiplicity.TRIPLE: 3}


def _check_identifier(marker: Marker) -> None:
    """The identifier parses and agrees with the marker's kind and multiplicity."""
    mid = identifiers.parse(marker.identifier)
    marker.identifier, marker.sort_key = str(mid), mid.sort_key
    kind_ok = {MarkerKind.MAIN: mid.sub == 0, MarkerKind.SECONDARY: mid.sub > 0}
    if not kind_ok.get(MarkerKind(marker.kind), True):
        raise DomainError(
            Code.MARKER_ID_KIND,
            field="identifier",
            identifier=marker.identifier,
            kind=MarkerKind(marker.kind).label,
        )
    parts = _PARTS[Multiplicity(marker.multiplicity)]
    if (parts == 0) != (mid.part == 0) or mid.part > parts:
        raise DomainError(
            Code.MARKER_MULTIPLICITY,
            field="identifier",
            identifier=marker.identifier,
            multiplicity=Multiplicity(marker.multiplicity).label,
        )
    twins = Marker.objects.filter(
        line__country_id=marker.line.country_id, identifier=marker.identifier
    ).exclude(pk=marker.pk)
    twins = (
        twins.filter(kind=MarkerKind.REFERENCE)
        if marker.kind == MarkerKind.REFERENCE
        else twins.exclude(kind=MarkerKind.REFERENCE)
    )
    if twins.exists():
        raise DomainError(Code.MARKER_ID_TAKEN, field="identifier", identifier=marker.identifier)


def _place(marker: Marker) -> None:
    """Check the position and compute its distance to the border line."""
    lon, lat = float(marker.lon), float(marker.lat)
    geo.check_lon_lat(lon, lat)
    distance = geo.distance_m(lon, lat, line_geometries(marker.line))
    if distance is not None and distance > MAX_DISTANCE_FROM_LINE_M:
        raise DomainError(
            Code.TOO_FAR_FROM_LINE,
            field="lon",
            distance=f"{distance:,.0f}",
            limit=MAX_DISTANCE_FROM_LINE_M,
        )
    marker.distance_to_line_m = None if distance is None else Decimal(f"{distance:.1f}")


def _decimal(value: Any, field: str, places: int) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(Code.REQUIRED, field=field) from exc


def _apply(actor: Any, marker: Marker, data: dict[str, Any]) -> None:
    if "identifier" in data:
        marker.identifier = clean_text(
            data["identifier"], field="identifier", max_length=20, required=True
        )
    for name, choices in (
        ("kind", MarkerKind),
        ("multiplicity", Multiplicity),
        ("marker_type", MarkerType),
    ):
        if name in data:
            setattr(marker, name, choice(data[name] or "", choices, name))
    if "material" in data:
        marker.material = clean_text(data["material"] or "", field="material", max_length=60)
    if "note" in data:
        marker.note = clean_text(data["note"] or "", field="note", multiline=True, max_length=4000)
    if "lon" in data:
        marker.lon = _decimal(data["lon"], "lon", 7)
    if "lat" in data:
        marker.lat = _decimal(data["lat"], "lat", 7)
    if "elevation_m" in data:
        value = data["elevation_m"]
        marker.elevation_m = None if value is None else _decimal(value, "elevation_m", 1)
        if marker.elevation_m is not None and not -100 <= marker.elevation_m <= 4000:
            raise DomainError(
                Code.OUT_OF_RANGE,
                field="elevation_m",
                low=number_format(-100, force_grouping=True),
                high=number_format(4000, force_grouping=True),
            )
    if "year_planted" in data:
        year = data["year_planted"]
        if year is not None and not 1880 <= int(year) <= timezone.localdate().year:
            raise DomainError(Code.DATE_IN_FUTURE, field="year_planted")
        marker.year_planted = year
    if "post_id" in data:
        marker.post = border_post_for_write(actor, data["post_id"])
    if "section_id" in data:
        section = None
        if data["section_id"] is not None:
            section = BorderSection.objects.filter(pk=data["section_id"]).first()
            if section is None or section.line_id != marker.line_id:
                raise DomainError(Code.WRONG_BORDER, field="section_id")
        marker.section = section
    if "commune_id" in data:
        # a marker stands today: the commune it stands in is one in force today (the one rule of
        # every path that takes a commune)
        marker.commune = (
            None
            if data["commune_id"] in (None, "")
            else commune(data["commune_id"], on=timezone.localdate())
        )


def marker_create(
    *,
    actor: Any,
    line_id: int,
    status: str | None = None,
    status_on: date | None = None,
    status_source: str = "",
    **data: Any,
) -> Marker:
    """Register a marker; an initial status, when known, opens its status history."""
    if actor is not None:
        access.require(actor, "registry.manage")
    with transaction.atomic():
        lines = BorderLine.objects.all()
        line = (
            lines.get(pk=line_id)
            if actor is None
            else get_scoped_or_404(actor, lines, province_wide=True, pk=line_id)
        )
        marker = Marker(line=line, multiplicity=Multiplicity.SINGLE)
        require(data, "identifier", "kind", "lon", "lat", "post_id")
        _apply(actor, marker, data)
        _check_identifier(marker)
        _place(marker)
        marker.save()
        audit.record(
            actor,
            "marker.create",
            marker,
            scope_path=marker.post.path,
            after=audit.snapshot(marker, _FIELDS),
        )
        if status:
            _status(actor, marker, status, status_on or timezone.localdate(), status_source, "")
    return marker


def marker_update(*, actor: Any, marker_id: int, **data: Any) -> Marker:
    """Correct a marker's record (a new survey's coordinates, its post, its section ...).

    Its status is not edited here: see `marker_status_record`.
    """
    access.require(actor, "registry.manage")
    with transaction.atomic():
        marker = get_scoped_or_404(
            actor, Marker.objects.select_for_update().select_related("line", "post"), pk=marker_id
        )
        before = audit.snapshot(marker, _FIELDS)
        _apply(actor, marker, data)
        _check_identifier(marker)
        _place(marker)
        marker.save()
        audit.record(
            actor,
            "marker.update",
            marker,
            scope_path=marker.post.path,
            before=before,
            after=audit.snapshot(marker, _FIELDS),
        )
    return marker


def _status(
    actor: Any,
    marker: Marker,
    status: str,
    on: date,
    source: str,
    note: str,
    origin: Model | None = None,
) -> MarkerStatus:
    return status_append(  # type: ignore[return-value]
        actor,
        marker,
        entries=MarkerStatus,
        owner_field="marker",
        choices=MarkerStatusKind,
        status=status,
        on=on,
        source=source,
        note=note,
        action="registry.status_record",
        scope_path=marker.post.path,
        origin=origin,
    )


def marker_status_record(
    *,
    actor: Any,
    marker_id: int,
    status: str,
    on: date,
    source: str = "",
    note: str = "",
    origin: Model | None = None,
) -> MarkerStatus:
    """Add what was found at a marker on a day; the latest entry is its current status.

    `origin` is the operational record that found it (a patrol, a repair): its source, note and
    recorder are then shown only to those who may read that record."""
    markers = Marker.objects.select_related("post")
    if actor is not None:  # None: set-up and imports from the command line
        access.require(actor, "registry.status_record")
    with transaction.atomic():
        marker = (
            markers.get(pk=marker_id)
            if actor is None
            else get_scoped_or_404(actor, markers, pk=marker_id)
        )
        return _status(actor, marker, status, on, source, note, origin)
