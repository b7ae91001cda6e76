"""Administrative units, effective-dated, and their loading from the vietnam-provinces package.

Every user reads them; a unit is changed by the administrators of the province it lies in, and
its audit records are filed under that province (ADR 0008, `selectors.admin_unit_provinces`).
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import count, require
from biengioi.core.errors import Code, DomainError
from biengioi.core.search import kept_text
from biengioi.core.text import clean_text

from ..models import AdminLevel, AdminUnit
from ..selectors import admin_unit_for_write, admin_unit_provinces, admin_unit_writable

REFORM_DAY = date(2025, 7, 1)  # two-tier local government (Resolution 202/2025/QH15)
LAST_DISTRICT_DAY = date(2025, 6, 30)
MAX_POPULATION = 100_000_000
_PARENTS = {
    AdminLevel.PROVINCE: set(),
    AdminLevel.DISTRICT: {AdminLevel.PROVINCE},
    AdminLevel.COMMUNE: {AdminLevel.PROVINCE, AdminLevel.DISTRICT},
    AdminLevel.VILLAGE: {AdminLevel.COMMUNE},
}
_FIELDS = [
    "code",
    "name",
    "level",
    "division_type",
    "parent",
    "valid_from",
    "valid_to",
    "is_border_area",
    "population",
]


def _scopes(actor: Any, *units: AdminUnit, elsewhere: str | None = None) -> list[str]:
    """Where a change of `units` (a unit as it was and as it is) is audited: each province they
    lie in; a unit of no province here, under `elsewhere` or the unit of who changed it."""
    paths = sorted({path for unit in units for path in admin_unit_provinces(unit)})
    return paths or [elsewhere or (actor.unit.path if actor is not None else "/")]


def _record(actor: Any, action: str, unit: AdminUnit, scopes: list[str], **change: Any) -> None:
    for path in scopes:
        audit.record(actor, action, unit, scope_path=path, **change)


def _ours(actor: Any, unit: AdminUnit | None, field: str) -> None:
    """Refuse to link to (as parent, predecessor) a unit another province keeps."""
    if unit is not None and not admin_unit_writable(actor=actor, unit=unit):
        raise DomainError(Code.ADMIN_UNIT_OTHER_PROVINCE, field=field, name=unit.name)


def _check(unit: AdminUnit) -> None:
    if unit.level not in AdminLevel.values:
        raise DomainError(Code.REQUIRED, field="level")
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise DomainError(Code.VALID_TO_BEFORE_FROM, field="valid_to")
    if unit.level == AdminLevel.DISTRICT and (
        unit.valid_to is None or unit.valid_to > LAST_DISTRICT_DAY
    ):
        raise DomainError(Code.DISTRICT_AFTER_REFORM, field="valid_to")
    parent_level = unit.parent.level if unit.parent else None
    allowed = _PARENTS[AdminLevel(unit.level)]
    if (parent_level is None and allowed) or (parent_level and parent_level not in allowed):
        raise DomainError(
            Code.PARENT_LEVEL,
            field="parent_id",
            level=AdminLevel(unit.level).label,
            parent_level=AdminLevel(parent_level).label if parent_level else "—",
        )
    others = AdminUnit.objects.filter(code=unit.code).exclude(pk=unit.pk)
    if unit.valid_to:
        others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=unit.valid_to))
    if unit.valid_from:
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=unit.valid_from))
    clash = others.first()
    if clash is not None:
        span = f"{clash.valid_from or '…'} – {clash.valid_to or '…'}"
        raise DomainError(Code.VERSIONS_OVERLAP, field="valid_from", code=unit.code, other=span)


def _apply(actor: Any, unit: AdminUnit, data: dict[str, Any]) -> list[AdminUnit] | None:
    if "code" in data:
        unit.code = clean_text(str(data["code"]), field="code", max_length=20, required=True)
    if "name" in data:
        unit.name = clean_text(data["name"], field="name", max_length=200, required=True)
        unit.name_search = kept_text([unit.name])
    for key in ("level", "valid_from", "valid_to", "is_border_area"):
        if key in data:
            setattr(unit, key, data[key])
    if "population" in data:
        population = data["population"]
        unit.population = (
            None if population in (None, "") else count(population, "population", MAX_POPULATION)
        )
    if "division_type" in data:
        unit.division_type = clean_text(
            data["division_type"] or "", field="division_type", max_length=40
        )
    if "parent_id" in data:
        parent = None
        if data["parent_id"] is not None:
            parent = AdminUnit.objects.filter(pk=data["parent_id"]).first()
            if parent is None:
                raise DomainError(Code.REQUIRED, field="parent_id")
            _ours(actor, parent, "parent_id")
        unit.parent = parent
    if data.get("predecessor_ids") is None:
        return None
    predecessors = list(AdminUnit.objects.filter(pk__in=data["predecessor_ids"]))
    for predecessor in predecessors:
        _ours(actor, predecessor, "predecessor_ids")
    return predecessors


def admin_unit_create(*, actor: Any, **data: Any) -> AdminUnit:
    """Add a unit; under a parent of the actor's province (or of no province here)."""
    if actor is not None:
        access.require(actor, "admin_unit.manage")
    require(data, "code", "name", "level")
    with transaction.atomic():
        unit = AdminUnit()
        predecessors = _apply(actor, unit, data)
        _check(unit)
        unit.save()
        if predecessors:
            unit.predecessors.set(predecessors)
        _record(
            actor,
            "admin_unit.create",
            unit,
            _scopes(actor, unit),
            after={
                **(audit.snapshot(unit, _FIELDS) or {}),
                "predecessors": sorted(p.pk for p in predecessors or []),
            },
        )
    return unit


def admin_unit_update(*, actor: Any, admin_unit_id: int, **data: Any) -> AdminUnit:
    """Correct a unit of the actor's province: its name, dates, parent, whether it lies in the
    border area; audited under the province it lay in and the one it lies in now."""
    with transaction.atomic():
        unit = admin_unit_for_write(actor=actor, admin_unit_id=admin_unit_id, lock=True)
        was = AdminUnit(pk=unit.pk, parent_id=unit.parent_id)
        before = audit.snapshot(unit, _FIELDS)
        predecessors = _apply(actor, unit, data)
        _check(unit)
        unit.save()
        if predecessors is not None:
            unit.predecessors.set(predecessors)
        _record(
            actor,
            "admin_unit.update",
            unit,
            _scopes(actor, was, unit),
            before=before,
            after=audit.snapshot(unit, _FIELDS),
        )
    return unit


def admin_unit_border_area_mark(*, actor: Any, unit: AdminUnit, elsewhere: str) -> None:
    """Mark a unit as lying in the land border area (it joined a section's border area; the
    caller checked it may), audited as a change of the unit under its province, else under
    `elsewhere`. Runs inside the caller's transaction."""
    if unit.is_border_area:
        return
    AdminUnit.objects.filter(pk=unit.pk).update(is_border_area=True)
    unit.is_border_area = True
    _record(
        actor,
        "admin_unit.update",
        unit,
        _scopes(actor, unit, elsewhere=elsewhere),
        before={"is_border_area": False},
        after={"is_border_area": True},
    )


def admin_units_load_package() -> tuple[int, int]:
    """Today's provinces and communes from the `vietnam-provinces` package, valid from the
    reform; running it again only refreshes names. Returns (provinces, communes) loaded."""
    from vietnam_provinces import Province, Ward

    provinces = {}
    with transaction.atomic():
        for p in Province.iter_all():
            # the package names a province "Quảng Trị" but a city "Thành phố Huế"
            name = p.name if p.name.startswith("Thành phố") else f"Tỉnh {p.name}"
            unit, _created = AdminUnit.objects.update_or_create(
                code=f"{int(p.code):02d}",
                valid_from=REFORM_DAY,
                defaults={
                    "name": name,
                    "level": AdminLevel.PROVINCE,
                    "division_type": p.division_type.value,
                    "name_search": kept_text([name]),
                },
            )
            provinces[int(p.code)] = unit
        wards = 0
        existing = {
            u.code: u
            for u in AdminUnit.objects.filter(level=AdminLevel.COMMUNE, valid_from=REFORM_DAY)
        }
        new = []
        for w in Ward.iter_all():
            code = f"{int(w.code):05d}"
            parent = provinces[int(w.province_code)]
            if code in existing:
                unit = existing[code]
                if unit.name != w.name:
                    unit.name, unit.name_search = w.name, kept_text([w.name])
                    unit.save(update_fields=["name", "name_search"])
            else:
                new.append(
                    AdminUnit(
                        code=code,
                        name=w.name,
                        level=AdminLevel.COMMUNE,
                        division_type=w.division_type.value,
                        parent=parent,
                        valid_from=REFORM_DAY,
                        name_search=kept_text([w.name]),
                    )
                )
            wards += 1
        AdminUnit.objects.bulk_create(new, batch_size=1000)
        for unit in provinces.values():
            audit.record(
                None,
                "admin_unit.import",
                unit,
                scope_path="/",
                after={
                    "source": "vietnam-provinces",
                    "communes": unit.children.filter(valid_from=REFORM_DAY).count(),
                },
            )
    return len(provinces), wards
