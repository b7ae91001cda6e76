"""Rescue and disaster response: what happened, where, who was saved, evacuated, lost, what
property was saved, and the forces and means the unit engaged."""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, count, in_force, past_day, point, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry import selectors as registry
from biengioi.registry.models import OrgUnit

from ..models import RescueKind, RescueOperation

MAX_PEOPLE = 100_000  # a flood evacuates whole communes
MAX_FORCES = 10_000
MAX_VALUE = 10**15  # VND
PEOPLE = ["rescued", "evacuated", "deaths", "missing"]
FORCES = ["border_guards", "militia", "other_forces", "vehicles"]
_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    "title",
    "started_on",
    "ended_on",
    "commune",
    "place",
    "lon",
    "lat",
    *PEOPLE,
    "property_saved",
    "property_value",
    *FORCES,
    "description",
]
_EDITABLE = {
    "kind",
    "title",
    "started_on",
    "ended_on",
    "commune_id",
    "place",
    "lon",
    "lat",
    *PEOPLE,
    "property_saved",
    "property_value",
    *FORCES,
    "description",
}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _apply(operation: RescueOperation, data: dict[str, Any]) -> None:
    if "kind" in data:
        operation.kind = choice(data["kind"], RescueKind, "kind")
    if "title" in data:
        operation.title = clean_text(
            data["title"] or "", field="title", max_length=200, required=True
        )
    if "started_on" in data:
        operation.started_on = past_day(data["started_on"], "started_on")
    if "ended_on" in data:
        ended = data["ended_on"]
        operation.ended_on = None if ended in (None, "") else past_day(ended, "ended_on")
    if "commune_id" in data:
        commune_id = data["commune_id"]
        operation.commune = None if commune_id in (None, "") else registry.commune(commune_id)
    if "place" in data:
        operation.place = clean_text(data["place"] or "", field="place", max_length=200)
    if "lon" in data or "lat" in data:  # where it happened, for the map
        operation.lon, operation.lat = point(
            data.get("lon", operation.lon), data.get("lat", operation.lat)
        )
    for key in PEOPLE:
        if key in data:
            setattr(operation, key, count(data[key], key, MAX_PEOPLE))
    for key in FORCES:
        if key in data:
            setattr(operation, key, count(data[key], key, MAX_FORCES))
    if "property_saved" in data:
        operation.property_saved = clean_text(
            data["property_saved"] or "", field="property_saved", multiline=True, max_length=4000
        )
    if "property_value" in data:
        value = data["property_value"]
        operation.property_value = (
            None if value in (None, "") else count(value, "property_value", MAX_VALUE)
        )
    if "description" in data:
        operation.description = clean_text(
            data["description"] or "", field="description", multiline=True, max_length=8000
        )


def _check(operation: RescueOperation) -> None:
    """The rules an operation keeps whatever the path that wrote it."""
    if operation.ended_on is not None and operation.ended_on < operation.started_on:
        raise DomainError(Code.ENDED_BEFORE_START, field="ended_on", day=_day(operation.started_on))
    if operation.commune_id is not None:
        # the commune as it was when the operation began (communes merged in 2025): the one
        # rule of every path that takes a commune
        registry.commune(operation.commune_id, on=operation.started_on)


def _snapshot(operation: RescueOperation) -> dict[str, Any]:
    return audit.snapshot(operation, _FIELDS) or {}


def rescue_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    title: str,
    started_on: date,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[RescueOperation, bool]:
    """Record a rescue or disaster response of a unit in the actor's scope.

    Returns it and whether it was made now: the same `client_id` sent again by the same user
    returns the first one untouched.
    """
    access.require(actor, "operations.record")
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"rescue_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(RescueOperation, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
            if unit is None:
                raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
            operation = RescueOperation(uuid=client_id or uuid.uuid4(), unit=unit, created_by=actor)
            _apply(operation, {**data, "kind": kind, "title": title, "started_on": started_on})
            _check(operation)
            in_force(unit, operation.started_on, field="unit_id")
            operation.save()
            audit.record(
                actor, "rescue.create", operation, scope_path=unit.path, after=_snapshot(operation)
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(RescueOperation, actor, client_id)):
            return earlier, False
        raise
    return operation, True


def rescue_update(*, actor: Any, rescue_id: int, version: int, **changes: Any) -> RescueOperation:
    """Correct a rescue operation, or close it with its end day and results. `version` is the
    one the user saw; if it has changed since, nothing is written and `Stale` carries it."""
    access.require(actor, "operations.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"rescue_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        operation = get_scoped_or_404(
            actor, RescueOperation.objects.select_for_update().select_related("unit"), pk=rescue_id
        )
        if operation.version != version:
            raise Stale(operation, version)
        before = _snapshot(operation)
        _apply(operation, changes)
        _check(operation)
        operation.version += 1
        operation.save()
        audit.record(
            actor,
            "rescue.update",
            operation,
            scope_path=operation.unit.path,
            before=before,
            after=_snapshot(operation),
        )
    return operation
