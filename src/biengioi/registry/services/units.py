from typing import Any

from django.db import transaction

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text, unaccent

from ..models import ALLOWED_PARENTS, OrgUnit, UnitKind
from ..selectors import unit_for_write

_FIELDS = ["code", "name", "kind", "parent", "path", "is_sample"]


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


def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    parent_id: int | None,
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
        unit = OrgUnit.objects.create(
            code=code,
            name=name,
            kind=kind,
            parent=parent,
            path="",
            is_sample=is_sample,
            depth=(parent.depth + 1) if parent else 0,
            name_search=unaccent(name),
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.save(update_fields=["path"])
        audit.record(
            actor, "unit.create", unit, scope_path=unit.path, after=audit.snapshot(unit, _FIELDS)
        )
    return unit


def unit_update(
    *, actor: Any, unit_id: int, name: str | None = None, code: str | None = None
) -> OrgUnit:
    """Rename or re-code a unit. Moving a unit in the tree comes with the registry's history."""
    with transaction.atomic():
        unit = unit_for_write(actor=actor, unit_id=unit_id)
        before = audit.snapshot(unit, _FIELDS)
        if name is not None:
            unit.name = clean_text(name, field="name", max_length=200, required=True)
            unit.name_search = unaccent(unit.name)
        if code is not None:
            code = _clean_code(code)
            if OrgUnit.objects.filter(code=code).exclude(pk=unit.pk).exists():
                raise DomainError(Code.CODE_TAKEN, field="code", code=code)
            unit.code = code
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
