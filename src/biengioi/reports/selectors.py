"""Reads of periodic reports, always within the actor's scope (a report is seen by the users of
its scope unit and of the units above it)."""

from typing import Any

from django.db.models import QuerySet

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit

from .models import Report


def report_list(
    *,
    actor: Any,
    status: str | None = None,
    period: str | None = None,
    scope_unit_id: int | None = None,
    q: str = "",
) -> QuerySet[Report]:
    access.require(actor, "reports.view")
    rows = scoped(actor, Report.objects.select_related("scope_unit", "corrects")).defer(
        "statistics", "drafted", "narrative"
    )
    if status:
        rows = rows.filter(status=status)
    if period:
        rows = rows.filter(period_code=period)
    if scope_unit_id:
        rows = rows.filter(scope_unit_id=scope_unit_id)
    if q:
        rows = matching(
            rows, search_text(q), "summary", "symbol", "issuer_name", "scope_unit__name"
        )
    return rows.order_by("-created_at", "-pk")


def report_get(*, actor: Any, report_id: int) -> Report:
    access.require(actor, "reports.view")
    return get_scoped_or_404(
        actor,
        Report.objects.select_related("scope_unit", "corrects", "issued_by", "created_by"),
        pk=report_id,
    )


def corrected_by(report: Report) -> Report | None:
    """The report that replaces this one, if any."""
    return Report.objects.filter(corrects=report).order_by("pk").first()


def own_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """The units a report may be drafted for: the actor's unit and every unit under it."""
    return scoped(actor, OrgUnit.objects.all()).order_by("path")
