"""Border incidents: detection, the handling ladder, closing, and the deadlines of each rung.

The ladder is grassroots → province → central. A step at a higher rung needs a step at the rung
below it first (no rung is skipped); reaching a rung starts its deadline, which a province sets
per kind of incident (`IncidentDeadline`) or takes from `DEFAULT_DEADLINE_DAYS`. An open incident
past the deadline of its rung is overdue.
"""

import uuid
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access, geo
from biengioi.core.checks import choice, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, province_path, root_id, scoped
from biengioi.core.text import clean_text
from biengioi.registry import selectors as registry
from biengioi.registry.models import (
    AdminUnit,
    BorderLine,
    CounterpartUnit,
    Marker,
    OrgUnit,
)
from biengioi.registry.services.borders import line_geometries

from ..models import (
    Channel,
    HandlingLevel,
    Incident,
    IncidentDeadline,
    IncidentKind,
    IncidentStep,
)
from ..selectors import deadline_days

MAX_DEADLINE_DAYS = 3650
# An incident happens in the border area: the communes along the line, which rarely reach
# 30 km from it (the map's place picker takes about 20 km around the sections). Farther is a
# typing slip (latitude and longitude swapped within Vietnam's box, a wrong digit) or another
# province's place.
MAX_DISTANCE_FROM_BORDER_M = 30_000
_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    "title",
    "description",
    "lon",
    "lat",
    "line",
    "nearest_marker",
    "marker_distance_m",
    "line_distance_m",
    "commune",
    "detected_on",
    "detected_by",
    "parties",
    "level",
    "level_since",
    "due_on",
    "result",
    "closed_on",
]
_STEP_FIELDS = ["uuid", "level", "on", "handled_by", "channel", "counterpart", "summary", "agreed"]
# what an edit may change; the level, the deadline and the closing follow their own use cases
_EDITABLE = {
    "kind",
    "title",
    "description",
    "lon",
    "lat",
    "commune_id",
    "detected_on",
    "detected_by",
    "parties",
}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _place(incident: Incident, province_id: int) -> None:
    """The border line nearest to the incident's point, the nearest marker on it, and both
    distances, in metres."""
    lon, lat = float(incident.lon), float(incident.lat)
    geo.check_lon_lat(lon, lat)
    best: tuple[float, BorderLine] | None = None
    for line in BorderLine.objects.filter(province_id=province_id):
        distance = geo.distance_m(lon, lat, line_geometries(line))
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, line)
    if best is None:
        raise DomainError(Code.NO_BORDER_LINE, field="lon")
    if best[0] > MAX_DISTANCE_FROM_BORDER_M:
        raise DomainError(
            Code.FAR_FROM_BORDER,
            field="lon",
            distance=f"{best[0] / 1000:,.0f}".replace(",", "."),
            limit=MAX_DISTANCE_FROM_BORDER_M // 1000,
        )
    incident.line = best[1]
    incident.line_distance_m = Decimal(f"{best[0]:.1f}")
    markers = list(Marker.objects.filter(line=best[1]).values_list("pk", "lon", "lat"))
    incident.nearest_marker, incident.marker_distance_m = None, None
    if markers:
        tm = geo.local_tm(round(lon, 2), round(lat, 2))
        x0, y0 = tm.transform(lon, lat)
        xs, ys = tm.transform(
            np.array([float(m[1]) for m in markers]), np.array([float(m[2]) for m in markers])
        )
        distances = np.hypot(xs - x0, ys - y0)
        nearest = int(distances.argmin())
        incident.nearest_marker_id = markers[nearest][0]
        incident.marker_distance_m = Decimal(f"{distances[nearest]:.1f}")


def _commune(commune_id: Any) -> AdminUnit | None:
    return None if commune_id in (None, "") else registry.commune(commune_id)


def _commune_on_its_day(incident: Incident, data: dict[str, Any]) -> None:
    """The commune named is the one in force on the day the incident was detected (the one rule
    of every path that takes a commune: registry.selectors.commune), checked when either is
    given."""
    if ("commune_id" in data or "detected_on" in data) and incident.commune_id is not None:
        registry.commune(incident.commune_id, on=incident.detected_on)


def _apply(incident: Incident, data: dict[str, Any]) -> None:
    if "kind" in data:
        incident.kind = choice(data["kind"], IncidentKind, "kind")
    if "title" in data:
        incident.title = clean_text(
            data["title"] or "", field="title", max_length=200, required=True
        )
    for key, length in (("description", 8000), ("parties", 2000)):
        if key in data:
            setattr(
                incident,
                key,
                clean_text(data[key] or "", field=key, multiline=True, max_length=length),
            )
    if "detected_by" in data:
        incident.detected_by = clean_text(
            data["detected_by"] or "", field="detected_by", max_length=200, required=True
        )
    if "detected_on" in data:
        incident.detected_on = past_day(data["detected_on"], "detected_on")
    for key in ("lon", "lat"):
        if key in data:
            if data[key] is None:
                raise DomainError(Code.REQUIRED, field=key)
            try:
                value = Decimal(str(data[key])).quantize(Decimal("0.0000001"))
            except InvalidOperation as exc:
                raise DomainError(Code.REQUIRED, field=key) from exc
            setattr(incident, key, value)
    if "commune_id" in data:
        incident.commune = _commune(data["commune_id"])


def _snapshot(incident: Incident) -> dict[str, Any]:
    return audit.snapshot(incident, _FIELDS) or {}


def incident_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    title: str,
    lon: Any,
    lat: Any,
    detected_on: date,
    detected_by: str,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[Incident, bool]:
    """Record an incident detected on the border, handled first at the grassroots.

    Returns the incident and whether it was made now (a `client_id` sent again returns the
    first one). Without a commune, the commune of the nearest marker is taken, when it stood on
    the day the incident was detected.
    """
    access.require(actor, "operations.record")
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"incident_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Incident, actor, client_id)) is not None:
        return earlier, False
    try:
        with transaction.atomic():
            unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
            if unit is None:
                raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
            incident = Incident(uuid=client_id or uuid.uuid4(), unit=unit, created_by=actor)
            _apply(
                incident,
                {
                    **data,
                    "kind": kind,
                    "title": title,
                    "lon": lon,
                    "lat": lat,
                    "detected_on": detected_on,
                    "detected_by": detected_by,
                },
            )
            in_force(unit, incident.detected_on, field="unit_id")
            _commune_on_its_day(incident, {"commune_id": data.get("commune_id")})
            _place(incident, root_id(unit.path))
            # no commune named: the nearest marker's, when it stood on the day (not a commune
            # formed by a merger after the incident)
            near = incident.nearest_marker.commune if incident.nearest_marker else None
            if (
                incident.commune is None
                and near is not None
                and near.in_force(incident.detected_on)
            ):
                incident.commune = near
            incident.level = HandlingLevel.GRASSROOTS
            incident.level_since = incident.detected_on
            incident.due_on = incident.detected_on + timedelta(
                days=deadline_days(root_id(unit.path), incident.kind, incident.level)
            )
            incident.save()
            audit.record(
                actor, "incident.create", incident, scope_path=unit.path, after=_snapshot(incident)
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Incident, actor, client_id)) is not None:
            return earlier, False
        raise
    return incident, True


def _locked(actor: Any, incident_id: int, version: int | None) -> Incident:
    incident = get_scoped_or_404(
        actor, Incident.objects.select_for_update().select_related("unit"), pk=incident_id
    )
    if version is not None and incident.version != version:
        raise Stale(incident, version)
    return incident


def _reschedule(incident: Incident) -> None:
    """The deadline of the rung the incident stands on (none once it is closed)."""
    if incident.closed_on is not None:
        incident.due_on = None
        return
    days = deadline_days(root_id(incident.unit.path), incident.kind, incident.level)
    incident.due_on = incident.level_since + timedelta(days=days)


def incident_update(*, actor: Any, incident_id: int, version: int, **changes: Any) -> Incident:
    """Correct what is known of an incident. `version` is the one the user saw; if the incident
    has changed since, nothing is written and `Stale` carries it as it now stands."""
    access.require(actor, "operations.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"incident_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        incident = _locked(actor, incident_id, version)
        before = _snapshot(incident)
        _apply(incident, changes)
        _commune_on_its_day(incident, changes)
        first = incident.steps.order_by("on").values_list("on", flat=True).first()
        if first is not None and incident.detected_on > first:
            raise DomainError(Code.DETECTED_AFTER_STEP, field="detected_on", day=_day(first))
        if "lon" in changes or "lat" in changes:
            _place(incident, root_id(incident.unit.path))
        if incident.level == HandlingLevel.GRASSROOTS and first is None:
            incident.level_since = incident.detected_on
        _reschedule(incident)
        incident.version += 1
        incident.save()
        audit.record(
            actor,
            "incident.update",
            incident,
            scope_path=incident.unit.path,
            before=before,
            after=_snapshot(incident),
        )
    return incident


def incident_step_add(
    *,
    actor: Any,
    incident_id: int,
    level: str,
    on: date,
    handled_by: str,
    channel: str,
    summary: str,
    agreed: str = "",
    counterpart_id: int | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[IncidentStep, bool]:
    """Record a step of the handling. A step at a higher rung than the incident stands on
    moves it there (and starts that rung's deadline); it needs a step at the rung below."""
    access.require(actor, "operations.record")
    if (
        client_id is not None
        and (earlier := replay(IncidentStep, actor, client_id, owner="recorded_by")) is not None
    ):
        return earlier, False
    try:
        with transaction.atomic():
            incident = _locked(actor, incident_id, None)
            if incident.closed_on is not None:
                raise DomainError(Code.INCIDENT_CLOSED, field="level", day=_day(incident.closed_on))
            rung = HandlingLevel(choice(level, HandlingLevel, "level"))
            on = past_day(on, "on")
            if on < incident.detected_on:
                raise DomainError(Code.BEFORE_DETECTION, field="on", day=_day(incident.detected_on))
            if rung.rank > 0:
                below = list(HandlingLevel)[rung.rank - 1]
                if not incident.steps.filter(level=below, on__lte=on).exists():
                    raise DomainError(
                        Code.STEP_SKIPPED,
                        field="level",
                        below=below.label,
                        level=rung.label,
                    )
            step = IncidentStep(
                uuid=client_id or uuid.uuid4(),
                incident=incident,
                level=rung,
                on=on,
                handled_by=clean_text(
                    handled_by or "", field="handled_by", max_length=200, required=True
                ),
                channel=choice(channel, Channel, "channel"),
                summary=clean_text(
                    summary or "", field="summary", multiline=True, max_length=8000, required=True
                ),
                agreed=clean_text(agreed or "", field="agreed", multiline=True, max_length=8000),
                recorded_by=actor,
            )
            if counterpart_id is not None:
                counterparts = scoped(actor, CounterpartUnit.objects.all(), province_wide=True)
                step.counterpart = counterparts.filter(pk=counterpart_id).first()
                if step.counterpart is None:
                    raise DomainError(Code.NOT_IN_PROVINCE, field="counterpart_id")
            before = _snapshot(incident)
            if rung.rank > HandlingLevel(incident.level).rank:
                incident.level, incident.level_since = rung, on
            _reschedule(incident)
            step.due_on = incident.due_on if rung == incident.level else None
            step.save()
            incident.version += 1
            incident.save()
            after = _snapshot(incident)
            after["step"] = audit.snapshot(step, _STEP_FIELDS)
            audit.record(
                actor,
                "incident.step",
                incident,
                scope_path=incident.unit.path,
                before=before,
                after=after,
            )
    except IntegrityError:
        if (
            client_id is not None
            and (earlier := replay(IncidentStep, actor, client_id, owner="recorded_by")) is not None
        ):
            return earlier, False
        raise
    return step, True


def incident_close(
    *, actor: Any, incident_id: int, version: int, closed_on: date, result: str
) -> Incident:
    """Close an incident with its result, on a day no earlier than its last step."""
    access.require(actor, "operations.record")
    with transaction.atomic():
        incident = _locked(actor, incident_id, version)
        if incident.closed_on is not None:
            raise DomainError(Code.INCIDENT_CLOSED, field="closed_on", day=_day(incident.closed_on))
        before = _snapshot(incident)
        incident.result = clean_text(
            result or "", field="result", multiline=True, max_length=8000, required=True
        )
        closed_on = past_day(closed_on, "closed_on")
        last = incident.steps.order_by("-on").values_list("on", flat=True).first()
        if last is None:
            raise DomainError(Code.NO_STEPS, field="closed_on")
        if closed_on < last:
            raise DomainError(Code.CLOSED_BEFORE_STEP, field="closed_on", day=_day(last))
        incident.closed_on = closed_on
        _reschedule(incident)
        incident.version += 1
        incident.save()
        audit.record(
            actor,
            "incident.close",
            incident,
            scope_path=incident.unit.path,
            before=before,
            after=_snapshot(incident),
        )
    return incident


def incident_deadline_set(*, actor: Any, kind: str, level: str, days: Any) -> IncidentDeadline:
    """Set the province's deadline for one rung of one kind; the open incidents standing on that
    rung take the new deadline at once."""
    return incident_deadlines_set(actor=actor, changes=[(kind, level, days)])[0]


def incident_deadlines_set(
    *, actor: Any, changes: list[tuple[str, str, Any]]
) -> list[IncidentDeadline]:
    """Set several of the province's deadlines (kind, rung, days) together: all or none."""
    access.require(actor, "operations.configure")
    province = OrgUnit.objects.get(path=province_path(actor))
    saved = []
    with transaction.atomic():
        for kind, level, days in changes:
            saved.append(_deadline_set(actor, province, kind, level, days))
    return saved


def _deadline_set(
    actor: Any, province: OrgUnit, kind: str, level: str, days: Any
) -> IncidentDeadline:
    kind = choice(kind, IncidentKind, "kind")
    level = choice(level, HandlingLevel, "level")
    try:
        days = int(days)
    except (TypeError, ValueError) as exc:
        raise DomainError(Code.REQUIRED, field="days") from exc
    if not 1 <= days <= MAX_DEADLINE_DAYS:
        raise DomainError(Code.OUT_OF_RANGE, field="days", low=1, high=MAX_DEADLINE_DAYS)
    before = deadline_days(province.pk, kind, level)
    deadline, _ = IncidentDeadline.objects.update_or_create(
        province=province, kind=kind, level=level, defaults={"days": days}
    )
    waiting = Incident.objects.select_for_update().filter(
        unit__path__startswith=province.path, kind=kind, level=level, closed_on=None
    )
    for incident in waiting.only("pk", "level_since"):
        Incident.objects.filter(pk=incident.pk).update(
            due_on=incident.level_since + timedelta(days=days)
        )
    audit.record(
        actor,
        "incident.deadline",
        deadline,
        scope_path=province.path,
        before={"kind": kind, "level": level, "days": before},
        after={"kind": kind, "level": level, "days": days},
    )
    return deadline
