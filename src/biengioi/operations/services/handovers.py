"""Receiving and returning persons at the border (tiếp nhận, trao trả, trục xuất).

A hand-over takes place at one gate or one marker of the recording unit's own area: a post
records those at its gates and markers, a command those of the posts under it. The head counts
must agree with each other as the reports table them (men and women make the persons; children
and wanted persons are among them), and the home provinces of received persons account for no
more persons than were received.
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import AdminLevel, AdminUnit, CounterpartUnit, Gate, Marker, OrgUnit
from biengioi.registry.selectors import valid_on

from ..models import Handover, HandoverKind, HandoverOrigin, Nationality

# the largest operation a report has shown is some dozens of persons; a thousand is a typo
MAX_PERSONS = 5000
COUNTS = ["persons", "males", "females", "children", "wanted"]
_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    "on",
    "gate",
    "marker",
    "counterpart",
    *COUNTS,
    "nationality",
    "note",
]
_EDITABLE = {
    "kind",
    "on",
    "gate_id",
    "marker_id",
    "counterpart_id",
    *COUNTS,
    "nationality",
    "note",
    "origins",
}


def _pk(value: Any, code: Code, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise DomainError(code, field=field) from exc


def _place(actor: Any, model: type[Gate] | type[Marker], pk: Any, field: str) -> Any:
    """A gate or marker of the actor's province (the area check comes with the unit)."""
    if pk in (None, ""):
        return None
    place = (
        scoped(actor, model.objects.select_related("post"), province_wide=True)  # type: ignore[attr-defined]
        .filter(pk=_pk(pk, Code.PLACE_UNKNOWN, field))
        .first()
    )
    if place is None:
        raise DomainError(Code.PLACE_UNKNOWN, field=field)
    return place


def place_name(place: Gate | Marker) -> str:
    if isinstance(place, Gate):
        return place.name
    return _("Mốc {identifier}").format(identifier=place.identifier)


def _apply(actor: Any, handover: Handover, data: dict[str, Any]) -> None:
    """Copy `data` (fields named as in the API) onto `handover`, each checked on its own."""
    if "kind" in data:
        handover.kind = choice(data["kind"], HandoverKind, "kind")
    if "on" in data:
        handover.on = past_day(data["on"], "on")
    if "gate_id" in data:
        handover.gate = _place(actor, Gate, data["gate_id"], "gate_id")
    if "marker_id" in data:
        handover.marker = _place(actor, Marker, data["marker_id"], "marker_id")
    if "counterpart_id" in data:
        if data["counterpart_id"] in (None, ""):
            raise DomainError(Code.REQUIRED, field="counterpart_id")
        counterparts = scoped(actor, CounterpartUnit.objects.all(), province_wide=True)
        counterpart = counterparts.filter(
            pk=_pk(data["counterpart_id"], Code.NOT_IN_PROVINCE, "counterpart_id")
        ).first()
        if counterpart is None:
            raise DomainError(Code.NOT_IN_PROVINCE, field="counterpart_id")
        handover.counterpart = counterpart
    for key in COUNTS:
        if key in data:
            setattr(handover, key, count(data[key], key, MAX_PERSONS))
    if "nationality" in data:
        handover.nationality = data["nationality"] or ""
    if "note" in data:
        handover.note = clean_text(
            data["note"] or "", field="note", multiline=True, max_length=8000
        )


def _origins(rows: list[dict[str, Any]], on: date) -> list[tuple[AdminUnit, int]]:
    """The home provinces given as rows {province_id, persons}: provinces in force on the day of
    the hand-over, each once."""
    provinces = AdminUnit.objects.filter(valid_on(on), level=AdminLevel.PROVINCE)
    parsed: list[tuple[AdminUnit, int]] = []
    for index, row in enumerate(rows):
        field = f"origins.{index}"
        province_id = row.get("province_id")
        province = None
        if isinstance(province_id, int) or str(province_id or "").isdigit():
            province = provinces.filter(pk=int(province_id)).first()  # type: ignore[arg-type]
        if province is None:
            raise DomainError(
                Code.NOT_A_PROVINCE,
                field=f"{field}.province_id",
                day=date_format(on, "SHORT_DATE_FORMAT"),
            )
        if any(p.pk == province.pk for p, _n in parsed):
            raise DomainError(Code.ORIGIN_TWICE, field=f"{field}.province_id", name=province.name)
        parsed.append((province, count(row.get("persons"), f"{field}.persons", MAX_PERSONS, 1)))
    return parsed


def _check(handover: Handover, origins: list[tuple[AdminUnit, int]]) -> None:
    """The rules a hand-over keeps whatever the path that wrote it."""
    gate, marker = handover.gate, handover.marker
    place: Gate | Marker
    if gate is not None and marker is None:
        place, field = gate, "gate_id"
    elif marker is not None and gate is None:
        place, field = marker, "marker_id"
    else:
        raise DomainError(Code.PLACE_ONE_OF, field="gate_id")
    if not place.post.path.startswith(handover.unit.path):
        raise DomainError(
            Code.PLACE_NOT_IN_AREA, field=field, place=place_name(place), unit=handover.unit.name
        )
    if handover.persons < 1:
        raise DomainError(Code.OUT_OF_RANGE, field="persons", low=1, high=MAX_PERSONS)
    if handover.males + handover.females != handover.persons:
        raise DomainError(
            Code.SEXES_DONT_ADD_UP,
            field="females",
            males=handover.males,
            females=handover.females,
            persons=handover.persons,
        )
    for key in ("children", "wanted"):
        if getattr(handover, key) > handover.persons:
            raise DomainError(Code.MORE_THAN_PERSONS, field=key, persons=handover.persons)
    received = handover.kind == HandoverKind.RECEIVE
    if received:
        handover.nationality = handover.nationality or Nationality.VN
        if handover.nationality != Nationality.VN:
            raise DomainError(Code.RECEIVED_NOT_VIETNAMESE, field="nationality")
    else:
        handover.nationality = choice(handover.nationality, Nationality, "nationality")
        if handover.nationality == Nationality.VN:
            raise DomainError(Code.RETURNED_VIETNAMESE, field="nationality")
    if origins and not received:
        raise DomainError(Code.ORIGINS_ONLY_RECEIVED, field="origins")
    total = sum(n for _p, n in origins)
    if total > handover.persons:
        raise DomainError(
            Code.ORIGINS_EXCEED, field="origins", total=total, persons=handover.persons
        )


def _snapshot(handover: Handover) -> dict[str, Any]:
    after = audit.snapshot(handover, _FIELDS) or {}
    after["origins"] = [
        {"province": o.province_id, "persons": o.persons}
        for o in handover.origins.order_by("province_id")
    ]
    return after


def _save_origins(handover: Handover, origins: list[tuple[AdminUnit, int]]) -> None:
    handover.origins.all().delete()
    HandoverOrigin.objects.bulk_create(
        HandoverOrigin(handover=handover, province=province, persons=persons)
        for province, persons in origins
    )


def handover_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    on: date,
    counterpart_id: int | None,
    persons: Any,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[Handover, bool]:
    """Record a hand-over done by a unit in the actor's scope.

    Returns it and whether it was made now: the same `client_id` sent again by the same user
    returns the first one untouched. A received group's nationality is Vietnamese unless said.
    """
    access.require(actor, "operations.record")
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"handover_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Handover, actor, client_id)) is not None:
        return earlier, False
    try:
        with transaction.atomic():
            unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
            if unit is None:
                raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
            handover = Handover(uuid=client_id or uuid.uuid4(), unit=unit, created_by=actor)
            rows = data.pop("origins", None) or []
            _apply(
                actor,
                handover,
                {
                    "nationality": "",
                    **data,
                    "kind": kind,
                    "on": on,
                    "counterpart_id": counterpart_id,
                    "persons": persons,
                },
            )
            origins = _origins(rows, handover.on)
            _check(handover, origins)
            in_force(unit, handover.on, field="unit_id")
            handover.save()
            _save_origins(handover, origins)
            audit.record(
                actor, "handover.create", handover, scope_path=unit.path, after=_snapshot(handover)
            )
    except IntegrityError:
        # the same client id committed by a concurrent twin of this request: its work stands
        if client_id is not None and (earlier := replay(Handover, actor, client_id)) is not None:
            return earlier, False
        raise
    return handover, True


def handover_update(*, actor: Any, handover_id: int, version: int, **changes: Any) -> Handover:
    """Correct a hand-over. `version` is the one the user saw; if it has changed since, nothing
    is written and `Stale` carries it as it now stands. `origins`, when given, replaces the
    home provinces."""
    access.require(actor, "operations.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"handover_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        handover = get_scoped_or_404(
            actor,
            Handover.objects.select_for_update(of=("self",)).select_related(
                "unit", "gate__post", "marker__post"
            ),
            pk=handover_id,
        )
        if handover.version != version:
            raise Stale(handover, version)
        before = _snapshot(handover)
        rows = changes.pop("origins", None)
        _apply(actor, handover, changes)
        if rows is None:  # kept as they are, but they must still fit the hand-over
            rows = [
                {"province_id": o.province_id, "persons": o.persons} for o in handover.origins.all()
            ]
        origins = _origins(rows, handover.on)
        _check(handover, origins)
        handover.version += 1
        handover.save()
        _save_origins(handover, origins)
        audit.record(
            actor,
            "handover.update",
            handover,
            scope_path=handover.unit.path,
            before=before,
            after=_snapshot(handover),
        )
    return handover
