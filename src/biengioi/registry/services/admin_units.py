"""Administrative units, effective-dated, and their loading from the vietnam-provinces package."""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import count, require
from biengioi.core.errors import Code, DomainError
from biengioi.core.text import clean_text, unaccent

from ..models import AdminLevel, AdminUnit

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


def _scope(actor: Any) -> str:
    """National reference data: its audit records belong to the unit of who changed it."""
    return actor.unit.path if actor is not None else "/"


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


def _apply(unit: AdminUnit, data: dict[str, Any]) -> list[int] | None:
    if "code" in data:
        unit.code = clean_text(str(data["code"]), field="code", max_length=20, required=True)
    if "name" in data:
        unit.name = clean_text(data["name"], field="name", max_length=200, required=True)
        unit.name_search = unaccent(unit.name)
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
        unit.parent = parent
    return data.get("predecessor_ids")


def admin_unit_create(*, actor: Any, **data: Any) -> AdminUnit:
    if actor is not None:
        access.require(actor, "admin_unit.manage")
    require(data, "code", "name", "level")
    with transaction.atomic():
        unit = AdminUnit()
        predecessors = _apply(unit, data)
        _check(unit)
        unit.save()
        if predecessors:
            unit.predecessors.set(AdminUnit.objects.filter(pk__in=predecessors))
        audit.record(
            actor,
            "admin_unit.create",
            unit,
            scope_path=_scope(actor),
            after={
                **(audit.snapshot(unit, _FIELDS) or {}),
                "predecessors": sorted(predecessors or []),
            },
        )
    return unit


def admin_unit_update(*, actor: Any, admin_unit_id: int, **data: Any) -> AdminUnit:
    access.require(actor, "admin_unit.manage")
    with transaction.atomic():
        unit = AdminUnit.objects.select_for_update().filter(pk=admin_unit_id).first()
        if unit is None:
            raise Http404("AdminUnit")
        before = audit.snapshot(unit, _FIELDS)
        predecessors = _apply(unit, data)
        _check(unit)
        unit.save()
        if predecessors is not None:
            unit.predecessors.set(AdminUnit.objects.filter(pk__in=predecessors))
        audit.record(
            actor,
            "admin_unit.update",
            unit,
            scope_path=_scope(actor),
            before=before,
            after=audit.snapshot(unit, _FIELDS),
        )
    return unit


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
                    "name_search": unaccent(name),
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
                    unit.name, unit.name_search = w.name, unaccent(w.name)
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
                        name_search=unaccent(w.name),
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
