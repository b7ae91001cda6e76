from datetime import date
from typing import Any

from django.db import transaction

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text, unaccent

from ..models import ALLOWED_PARENTS, SERVED_LEVELS, AdminLevel, AdminUnit, OrgUnit, UnitKind
from ..selectors import unit_for_write

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
]
_UPDATABLE = {"name", "code", "admin_unit_id", "valid_from", "valid_to"}


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


def _served(kind: str, admin_unit_id: int | None) -> AdminUnit | None:
    """The administrative unit a unit of `kind` serves, checked against the levels it may serve."""
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
    return admin_unit


def _check_dates(unit: OrgUnit) -> None:
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise DomainError(Code.VALID_TO_BEFORE_FROM, field="valid_to")


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
    is_sample: bool = False,
) -> OrgUnit:
    """Add a unit under a parent in the actor's scope (a root province: `actor=None`, set-up)."""
    code = _clean_code(code)
    name = clean_text(name, field="name", max_length=200, required=True)
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
            admin_unit=_served(kind, admin_unit_id),
            valid_from=valid_from,
            valid_to=valid_to,
            is_sample=is_sample,
            depth=(parent.depth + 1) if parent else 0,
            name_search=unaccent(name),
        )
        _check_dates(unit)
        unit.save()
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.save(update_fields=["path"])
        audit.record(
            actor, "unit.create", unit, scope_path=unit.path, after=audit.snapshot(unit, _FIELDS)
        )
    return unit


def unit_update(*, actor: Any, unit_id: int, **changes: Any) -> OrgUnit:
    """Change what a unit is called, the administrative unit it serves and its dates (a keyword
    left out is left alone; None clears a date or the administrative unit). Moving a unit in the
    tree is not offered: a reorganised unit ends and a new one begins."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise TypeError(f"unit_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        unit = unit_for_write(actor=actor, unit_id=unit_id)
        before = audit.snapshot(unit, _FIELDS)
        if changes.get("name") is not None:
            unit.name = clean_text(changes["name"], field="name", max_length=200, required=True)
            unit.name_search = unaccent(unit.name)
        if changes.get("code") is not None:
            code = _clean_code(changes["code"])
            if OrgUnit.objects.filter(code=code).exclude(pk=unit.pk).exists():
                raise DomainError(Code.CODE_TAKEN, field="code", code=code)
            unit.code = code
        if "admin_unit_id" in changes:
            unit.admin_unit = _served(unit.kind, changes["admin_unit_id"])
        for key in ("valid_from", "valid_to"):
            if key in changes:
                setattr(unit, key, changes[key])
        _check_dates(unit)
        unit.save()
        audit.record(
            actor,
            "unit.update",
            unit,
            scope_path=unit.path,
            before=before,
            after=audit.snapshot(unit, _FIELDS),
        )
    return unit
