"""Patrols and the markers inspected on them.

Creates take a client-made id (`client_id`, a UUID): the same id sent again by the same user
returns what the first request made, so a retry from a weak link never duplicates a patrol.
Edits take the `version` the user saw: an edit of an older version raises `Stale`.
"""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, in_force, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, province_path, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import (
    BorderLine,
    BorderSection,
    CounterpartUnit,
    Marker,
    MarkerStatusKind,
    OrgUnit,
)
from biengioi.registry.services import marker_status_record

from ..models import MarkerInspection, Patrol, PatrolHostSide, PatrolKind
from .repairs import current_status, repair_from_inspection

# clocks of phones and laptops in the field drift; a patrol "ending" a little ahead is accepted
CLOCK_SKEW = timedelta(minutes=10)
MAX_PARTICIPANTS = 1000
MAX_DISTANCE_KM = Decimal("500")
FORCES = ["border_guards", "militia", "commune_police", "self_management", "other_side"]
_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    "host_side",
    "line",
    "started_at",
    "ended_at",
    "from_marker",
    "to_marker",
    "distance_km",
    *FORCES,
    "counterpart",
    "counterpart_leader",
    "findings",
    "next_patrol_on",
]
# what an edit may change (inspections are added with the patrol, or one by one)
_EDITABLE = {
    "kind",
    "host_side",
    "started_at",
    "ended_at",
    "section_ids",
    "from_marker_id",
    "to_marker_id",
    "distance_km",
    *FORCES,
    "counterpart_id",
    "counterpart_leader",
    "findings",
    "next_patrol_on",
}


def _moment(value: datetime, field: str) -> datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > timezone.now() + CLOCK_SKEW:
        raise DomainError(Code.MOMENT_IN_FUTURE, field=field)
    return value


def _count(value: Any, field: str) -> int:
    try:
        number = int(value or 0)
    except (TypeError, ValueError) as exc:
        raise DomainError(Code.REQUIRED, field=field) from exc
    if not 0 <= number <= MAX_PARTICIPANTS:
        raise DomainError(
            Code.OUT_OF_RANGE,
            field=field,
            low=0,
            high=number_format(MAX_PARTICIPANTS, force_grouping=True),
        )
    return number


def _distance(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        km = Decimal(str(value)).quantize(Decimal("0.1"))
    except InvalidOperation as exc:
        raise DomainError(Code.REQUIRED, field="distance_km") from exc
    if not 0 < km <= MAX_DISTANCE_KM:
        raise DomainError(Code.OUT_OF_RANGE, field="distance_km", low=0, high=MAX_DISTANCE_KM)
    return km


def _marker_on_line(marker_id: int | None, line: BorderLine, field: str) -> Marker | None:
    if marker_id is None:
        return None
    marker = Marker.objects.filter(pk=marker_id, line__province=line.province_id).first()
    if marker is None:
        raise DomainError(Code.REQUIRED, field=field)
    if marker.line_id != line.pk:
        raise DomainError(Code.MARKER_OTHER_BORDER, field=field, identifier=marker.identifier)
    return marker


def _check(patrol: Patrol) -> None:
    """The rules a patrol keeps whatever the path that wrote it."""
    patrol.kind = choice(patrol.kind, PatrolKind, "kind")
    if patrol.ended_at < patrol.started_at:
        raise DomainError(Code.ENDS_BEFORE_START, field="ended_at")
    bilateral = patrol.kind == PatrolKind.BILATERAL
    if bilateral:
        patrol.host_side = choice(patrol.host_side, PatrolHostSide, "host_side")
    elif patrol.host_side:
        patrol.host_side = ""  # a host is a bilateral patrol's notion only
    if bilateral and patrol.counterpart_id is None:
        raise DomainError(Code.REQUIRED, field="counterpart_id")


def _apply(actor: Any, patrol: Patrol, data: dict[str, Any]) -> list[BorderSection] | None:
    """Copy `data` (fields named as in the API) onto `patrol`; return its new sections, if
    given. Everything it refers to must be of the patrol's border and the actor's province."""
    line = patrol.line
    for key in ("kind", "host_side"):
        if key in data:
            setattr(patrol, key, data[key] or "")
    if "started_at" in data:
        patrol.started_at = _moment(data["started_at"], "started_at")
    if "ended_at" in data:
        patrol.ended_at = _moment(data["ended_at"], "ended_at")
    for key in ("from_marker_id", "to_marker_id"):
        if key in data:
            setattr(patrol, key[:-3], _marker_on_line(data[key], line, key))
    if "distance_km" in data:
        patrol.distance_km = _distance(data["distance_km"])
    for key in FORCES:
        if key in data:
            setattr(patrol, key, _count(data[key], key))
    if "counterpart_id" in data:
        patrol.counterpart = None
        if data["counterpart_id"] is not None:
            counterparts = scoped(actor, CounterpartUnit.objects.all(), province_wide=True)
            patrol.counterpart = counterparts.filter(pk=data["counterpart_id"]).first()
            if patrol.counterpart is None:
                raise DomainError(Code.NOT_IN_PROVINCE, field="counterpart_id")
    if "counterpart_leader" in data:
        patrol.counterpart_leader = clean_text(
            data["counterpart_leader"] or "", field="counterpart_leader", max_length=150
        )
    if "findings" in data:
        patrol.findings = clean_text(
            data["findings"] or "", field="findings", multiline=True, max_length=8000
        )
    if "next_patrol_on" in data:
        patrol.next_patrol_on = data["next_patrol_on"]
    if "section_ids" not in data:
        return None
    ids = list(dict.fromkeys(data["section_ids"] or []))
    sections = list(BorderSection.objects.filter(pk__in=ids, line=line))
    if len(sections) != len(ids):
        raise DomainError(Code.WRONG_BORDER, field="section_ids")
    return sections


def _unit_for_write(actor: Any, unit_id: int) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def _line(actor: Any, line_id: int) -> BorderLine:
    line = BorderLine.objects.filter(pk=line_id, province__path=province_path(actor)).first()
    if line is None:
        raise DomainError(Code.REQUIRED, field="line_id")
    return line


def _snapshot(patrol: Patrol) -> dict[str, Any]:
    after = audit.snapshot(patrol, _FIELDS) or {}
    after["sections"] = sorted(s.pk for s in patrol.sections.all())
    return after


def patrol_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    line_id: int,
    started_at: datetime,
    ended_at: datetime,
    client_id: uuid.UUID | None = None,
    inspections: list[dict[str, Any]] | None = None,
    **data: Any,
) -> tuple[Patrol, bool]:
    """Record a patrol done by a unit in the actor's scope, with the markers inspected on it.

    Returns the patrol and whether it was made now: the same `client_id` sent again by the same
    user returns the first patrol untouched.
    """
    access.require(actor, "operations.record")
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"patrol_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Patrol, actor, client_id)) is not None:
        return earlier, False
    try:
        with transaction.atomic():
            patrol = Patrol(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                line=_line(actor, line_id),
                kind=kind,
                started_at=_moment(started_at, "started_at"),
                ended_at=_moment(ended_at, "ended_at"),
                created_by=actor,
            )
            sections = _apply(actor, patrol, data)
            _check(patrol)
            in_force(patrol.unit, timezone.localdate(patrol.started_at), field="unit_id")
            patrol.save()
            if sections is not None:
                patrol.sections.set(sections)
            inspected = [
                _inspect(actor, patrol, index, item) for index, item in enumerate(inspections or [])
            ]
            after = _snapshot(patrol)
            after["inspections"] = _inspected(inspected)
            audit.record(actor, "patrol.create", patrol, scope_path=patrol.unit.path, after=after)
    except IntegrityError:
        # the same client id committed by a concurrent twin of this request: its work stands
        if client_id is not None and (earlier := replay(Patrol, actor, client_id)) is not None:
            return earlier, False
        raise
    return patrol, True


def _inspected(inspections: list[MarkerInspection]) -> list[dict[str, Any]]:
    """The inspections as the audit trail keeps them."""
    return [
        {"marker": i.marker.identifier, "status": i.status, "cleared": i.vegetation_cleared}
        for i in inspections
    ]


def _inspect(actor: Any, patrol: Patrol, index: int, item: dict[str, Any]) -> MarkerInspection:
    """One marker met on the patrol; a status other than its current one enters its history."""
    field = f"inspections.{index}"
    marker = _marker_on_line(item.get("marker_id"), patrol.line, f"{field}.marker_id")
    if marker is None:
        raise DomainError(Code.REQUIRED, field=f"{field}.marker_id")
    if not marker.post.path.startswith(actor.unit.path):
        raise DomainError(
            Code.MARKER_NOT_IN_SCOPE, field=f"{field}.marker_id", identifier=marker.identifier
        )
    if patrol.inspections.filter(marker=marker).exists():
        raise DomainError(
            Code.INSPECTED_TWICE, field=f"{field}.marker_id", identifier=marker.identifier
        )
    status = choice(item.get("status"), MarkerStatusKind, f"{field}.status")
    current = current_status(marker)
    inspection = MarkerInspection.objects.create(
        patrol=patrol,
        marker=marker,
        status=status,
        vegetation_cleared=bool(item.get("vegetation_cleared")),
        note=clean_text(item.get("note") or "", field=f"{field}.note", multiline=True),
        status_changed=status != current,
    )
    day = timezone.localtime(patrol.started_at).date()
    if inspection.status_changed:
        with translation.override("vi"):  # the history keeps its sources in Vietnamese
            source = _("{kind} ngày {day}").format(
                kind=patrol.get_kind_display(), day=date_format(day, "SHORT_DATE_FORMAT")
            )
        marker_status_record(
            actor=actor,
            marker_id=marker.pk,
            status=status,
            on=day,
            source=source,
            note=inspection.note,
            origin=patrol,
        )
    repair_from_inspection(actor, inspection, day)
    return inspection


def patrol_update(*, actor: Any, patrol_id: int, version: int, **changes: Any) -> Patrol:
    """Correct a patrol. `version` is the one the user saw; if the patrol has changed since,
    nothing is written and `Stale` carries the patrol as it now stands."""
    access.require(actor, "operations.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"patrol_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        patrol = get_scoped_or_404(
            actor, Patrol.objects.select_for_update().select_related("line", "unit"), pk=patrol_id
        )
        if patrol.version != version:
            raise Stale(patrol, version)
        before = _snapshot(patrol)
        sections = _apply(actor, patrol, changes)
        _check(patrol)
        patrol.version += 1
        patrol.save()
        if sections is not None:
            patrol.sections.set(sections)
        audit.record(
            actor,
            "patrol.update",
            patrol,
            scope_path=patrol.unit.path,
            before=before,
            after=_snapshot(patrol),
        )
    return patrol


def patrol_inspections_add(
    *, actor: Any, patrol_id: int, version: int, inspections: list[dict[str, Any]]
) -> Patrol:
    """Add markers inspected on a patrol already recorded (those its GPS track shows it passed,
    known after the record was made), each as `patrol_create` takes them; a status other than
    the marker's current one enters its history. `version` is the one the user saw."""
    access.require(actor, "operations.record")
    if not inspections:
        raise DomainError(Code.REQUIRED, field="inspections")
    with transaction.atomic():
        patrol = get_scoped_or_404(
            actor, Patrol.objects.select_for_update().select_related("line", "unit"), pk=patrol_id
        )
        if patrol.version != version:
            raise Stale(patrol, version)
        added = [_inspect(actor, patrol, index, item) for index, item in enumerate(inspections)]
        patrol.version += 1
        patrol.save(update_fields=["version"])
        audit.record(
            actor,
            "patrol.inspections_add",
            patrol,
            scope_path=patrol.unit.path,
            after={"inspections": _inspected(added)},
        )
    return patrol
