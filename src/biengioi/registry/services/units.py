from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import point
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404, province_path, scoped
from biengioi.core.search import kept_text
from biengioi.core.text import clean_text

from ..models import ALLOWED_PARENTS, SERVED_LEVELS, AdminLevel, AdminUnit, OrgUnit, UnitKind
from ..selectors import admin_unit_provinces, unit_for_write

_FIELDS = [
    "code",
    "name",
    "kind",
    "parent",
    "path",
    "admin_unit",
    "valid_from",
    "valid_to",
    "is_sample",
    "lon",
    "lat",
]
_UPDATABLE = {
    "name",
    "code",
    "admin_unit_id",
    "valid_from",
    "valid_to",
    "predecessor_ids",
    "lon",
    "lat",
}


def _clean_code(code: str) -> str:
    return clean_text(code, field="code", max_length=40, required=True).upper()


def _check_parent(kind: str, parent: OrgUnit | None) -> None:
    if kind not in UnitKind.values:
        raise DomainError(Code.REQUIRED, field="kind")
    parent_kind = parent.kind if parent else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        raise DomainError(
            Code.PARENT_KIND,
            field="parent_id",
            kind=UnitKind(kind).label,
            parent_kind=UnitKind(parent_kind).label if parent_kind else "—",
        )


def _served(actor: Any, kind: str, admin_unit_id: int | None) -> AdminUnit | None:
    """The administrative unit a unit of `kind` serves, checked against the levels it may serve
    and against the provinces keeping it (a province unit serving another's province would
    keep that province's communes: ADR 0008)."""
    if admin_unit_id is None:
        return None
    admin_unit = AdminUnit.objects.filter(pk=admin_unit_id).first()
    if admin_unit is None:
        raise DomainError(Code.REQUIRED, field="admin_unit_id")
    if admin_unit.level not in SERVED_LEVELS.get(kind, set()):
        raise DomainError(
            Code.SERVED_LEVEL,
            field="admin_unit_id",
            kind=UnitKind(kind).label,
            level=AdminLevel(admin_unit.level).label,
        )
    keepers = admin_unit_provinces(admin_unit)
    if actor is not None and keepers and province_path(actor) not in keepers:
        raise DomainError(
            Code.ADMIN_UNIT_OTHER_PROVINCE, field="admin_unit_id", name=admin_unit.name
        )
    return admin_unit


def _check_dates(unit: OrgUnit) -> None:
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise DomainError(Code.VALID_TO_BEFORE_FROM, field="valid_to")


def _day(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _check_handover(predecessor: OrgUnit, successor: OrgUnit, field: str) -> None:
    """A unit takes over from one that has ended, on or after the day it ended (the Border
    Guard command ended on 27/06/2025, the Ban Chỉ huy began on 28/06/2025; a handover on the
    day itself is allowed); the start is compared only when it is known."""
    names = {"name": predecessor.name, "successor": successor.name}
    if predecessor.valid_to is None:
        raise DomainError(Code.PREDECESSOR_NOT_ENDED, field=field, **names)
    if successor.valid_from and predecessor.valid_to > successor.valid_from:
        raise DomainError(
            Code.PREDECESSOR_ENDS_AFTER,
            field=field,
            day=_day(predecessor.valid_to),
            start=_day(successor.valid_from),
            **names,
        )


def _later(unit_id: int) -> set[int]:
    """The units that took over from `unit_id`, and those that took over from them, on."""
    successors: dict[int, list[int]] = {}
    for successor, predecessor in OrgUnit.predecessors.through.objects.values_list(
        "from_orgunit_id", "to_orgunit_id"
    ):
        successors.setdefault(predecessor, []).append(successor)
    out: set[int] = set()
    todo = list(successors.get(unit_id, []))
    while todo:
        pk = todo.pop()
        if pk not in out:
            out.add(pk)
            todo += successors.get(pk, [])
    return out


def _predecessors(actor: Any, unit: OrgUnit, ids: Iterable[int]) -> list[OrgUnit]:
    """The units `unit` takes over from, checked: in the actor's scope (or named already),
    ended by the day it begins, and neither itself, a unit above or under it (their records
    already count in or above its reports) nor one that took over from it (lineage runs one
    way)."""
    wanted = list(dict.fromkeys(ids))
    units = OrgUnit.objects.all() if actor is None else scoped(actor, OrgUnit.objects.all())
    found = {u.pk: u for u in units.filter(pk__in=wanted)}
    # one already named stays nameable by an actor who does not see it (a unit of another branch)
    found |= {u.pk: u for u in unit.predecessors.filter(pk__in=wanted)}
    later = _later(unit.pk) if wanted else set()
    field = "predecessor_ids"
    for pk in wanted:
        predecessor = found.get(pk)
        if predecessor is None:
            raise DomainError(Code.PREDECESSOR_UNKNOWN, field=field, id=pk)
        if predecessor.pk == unit.pk:
            raise DomainError(Code.PREDECESSOR_SELF, field=field)
        if unit.path.startswith(predecessor.path) or predecessor.path.startswith(unit.path):
            raise DomainError(Code.PREDECESSOR_IN_TREE, field=field, name=predecessor.name)
        if predecessor.pk in later:
            raise DomainError(Code.PREDECESSOR_CYCLE, field=field, name=predecessor.name)
        _check_handover(predecessor, unit, field)
    return [found[pk] for pk in wanted]


def _check_lineage_dates(unit: OrgUnit, changed: set[str]) -> None:
    """New dates keep the handovers already recorded: a later start against the unit's
    predecessors, an end cleared or moved later against its successors."""
    if "valid_from" in changed:
        for predecessor in unit.predecessors.all():
            _check_handover(predecessor, unit, "valid_from")
    if "valid_to" in changed:
        for successor in unit.successors.all():
            _check_handover(unit, successor, "valid_to")


def _lineage(unit: OrgUnit) -> list[int]:
    return sorted(unit.predecessors.values_list("pk", flat=True))


def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    parent_id: int | None,
    admin_unit_id: int | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    predecessor_ids: Iterable[int] = (),
    is_sample: bool = False,
    lon: Any = None,
    lat: Any = None,
) -> OrgUnit:
    """Add a unit under a parent in the actor's scope (a root province: `actor=None`, set-up);
    `predecessor_ids` names the units of the scope it takes over from (ended by its start);
    `lon`, `lat` place its seat on the map (a post's barracks), both or neither."""
    code = _clean_code(code)
    name = clean_text(name, field="name", max_length=200, required=True)
    lon, lat = point(lon, lat)
    with transaction.atomic():
        if actor is None:  # set-up from the command line: no user yet
            parent = OrgUnit.objects.get(pk=parent_id) if parent_id else None
        else:
            access.require(actor, "unit.manage")
            if parent_id is None:
                raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="parent_id")
            parent = get_scoped_or_404(actor, OrgUnit.objects.all(), pk=parent_id)
        _check_parent(kind, parent)
        if OrgUnit.objects.filter(code=code).exists():
            raise DomainError(Code.CODE_TAKEN, field="code", code=code)
        unit = OrgUnit(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            path="",
            admin_unit=_served(actor, kind, admin_unit_id),
            valid_from=valid_from,
            valid_to=valid_to,
            is_sample=is_sample,
            lon=lon,
            lat=lat,
            depth=(parent.depth + 1) if parent else 0,
            name_search=kept_text([name]),
        )
        _check_dates(unit)
        unit.save()
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.save(update_fields=["path"])
        predecessors = _predecessors(actor, unit, predecessor_ids)
        if predecessors:
            unit.predecessors.set(predecessors)
        audit.record(
            actor,
            "unit.create",
            unit,
            scope_path=unit.path,
            after={
                **(audit.snapshot(unit, _FIELDS) or {}),
                "predecessors": sorted(p.pk for p in predecessors),
            },
        )
    return unit


def unit_update(*, actor: Any, unit_id: int, **changes: Any) -> OrgUnit:
    """Change what a unit is called, the administrative unit it serves, its dates and the units
    it took over from (a keyword left out is left alone; None clears a date or the
    administrative unit, an empty list the predecessors, None for both `lon` and `lat` the
    seat's position). Moving a unit in the tree is not
    offered: a reorganised unit ends and a new one begins, naming it as its predecessor."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise TypeError(f"unit_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        unit = unit_for_write(actor=actor, unit_id=unit_id)
        before = {**(audit.snapshot(unit, _FIELDS) or {}), "predecessors": _lineage(unit)}
        if changes.get("name") is not None:
            unit.name = clean_text(changes["name"], field="name", max_length=200, required=True)
            unit.name_search = kept_text([unit.name])
        if changes.get("code") is not None:
            code = _clean_code(changes["code"])
            if OrgUnit.objects.filter(code=code).exclude(pk=unit.pk).exists():
                raise DomainError(Code.CODE_TAKEN, field="code", code=code)
            unit.code = code
        if "admin_unit_id" in changes:
            unit.admin_unit = _served(actor, unit.kind, changes["admin_unit_id"])
        for key in ("valid_from", "valid_to"):
            if key in changes:
                setattr(unit, key, changes[key])
        if "lon" in changes or "lat" in changes:
            unit.lon, unit.lat = point(changes.get("lon", unit.lon), changes.get("lat", unit.lat))
        _check_dates(unit)
        changed = set(changes)
        if changes.get("predecessor_ids") is not None:  # checked against the new start here
            unit.predecessors.set(_predecessors(actor, unit, changes["predecessor_ids"]))
            changed.discard("valid_from")
        _check_lineage_dates(unit, changed)
        unit.save()
        audit.record(
            actor,
            "unit.update",
            unit,
            scope_path=unit.path,
            before=before,
            after={**(audit.snapshot(unit, _FIELDS) or {}), "predecessors": _lineage(unit)},
        )
    return unit
