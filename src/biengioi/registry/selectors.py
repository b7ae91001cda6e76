from typing import Any

from django.db.models import QuerySet

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import unaccent

from .models import OrgUnit


def unit_list(*, actor: Any, q: str = "", kind: str = "") -> QuerySet[OrgUnit]:
    """Units in the actor's scope; `q` matches names without regard to diacritics or case."""
    access.require(actor, "unit.view")
    units = scoped(actor, OrgUnit.objects.select_related("parent"))
    if q:
        units = units.filter(name_search__contains=unaccent(q)) | units.filter(code__iexact=q)
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("path")


def unit_get(*, actor: Any, unit_id: int) -> OrgUnit:
    access.require(actor, "unit.view")
    return get_scoped_or_404(actor, OrgUnit.objects.select_related("parent"), pk=unit_id)


def unit_for_write(*, actor: Any, unit_id: int) -> OrgUnit:
    access.require(actor, "unit.manage")
    return get_scoped_or_404(actor, OrgUnit.objects.select_for_update(), pk=unit_id)
