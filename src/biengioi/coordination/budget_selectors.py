"""Reads of budget estimates, cut to the actor's scope: the lines of a year (of one unit and
those under it) and their totals per unit and in all, summed in the database."""

from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from biengioi.core import access
from biengioi.core.scope import scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit

from .models import BudgetItem

VIEW = "coordination.view"
AMOUNTS = ("estimated", "approved", "spent")


def budget_list(
    *,
    actor: Any,
    year: int | None = None,
    unit_id: int | None = None,
    q: str = "",
) -> QuerySet[BudgetItem]:
    """Lines of the actor's scope, of one year, of one unit and those under it; by unit."""
    access.require(actor, VIEW)
    rows = scoped(actor, BudgetItem.objects.select_related("unit"))
    if year:
        rows = rows.filter(year=year)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        rows = rows.filter(unit__path__startswith=unit.path) if unit else rows.none()
    if q:
        rows = matching(rows, search_text(q), "title", "note", "category")
    return rows.order_by("-year", "unit__path", "category", "pk")


def _sums() -> dict[str, Any]:
    return {k: Coalesce(Sum(k), 0) for k in AMOUNTS}


def budget_totals(rows: QuerySet[BudgetItem]) -> dict[str, Any]:
    """The sums of `rows` in all and per unit (in the order of the units' tree)."""
    rows = rows.order_by()
    total: dict[str, Any] = rows.aggregate(**_sums())
    per_unit: Any = (
        rows.values("unit_id", "unit__name", "unit__path")
        .annotate(**_sums())
        .order_by("unit__path")
    )
    total["by_unit"] = list(per_unit)
    return total


def budget_get(*, actor: Any, budget_item_id: int) -> BudgetItem:
    access.require(actor, VIEW)
    item = (
        scoped(actor, BudgetItem.objects.select_related("unit", "created_by"))
        .filter(pk=budget_item_id)
        .first()
    )
    if item is None:
        raise Http404("BudgetItem")
    return item
