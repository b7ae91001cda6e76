"""Patrol plans: a post's planned patrols of each kind for a month. A month's plan has a version
(0 before it is first set); a set made on an older version than the month's is refused with the
month as it stands, so two people planning the same month never overwrite each other unseen."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import scoped
from biengioi.registry.models import OrgUnit, UnitKind

from ..models import PatrolKind, PatrolPlan

FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_PLANNED = 500


@dataclass(frozen=True)
class MonthPlan:
    """A post's plan for a month as it stands: what a stale set is answered with."""

    unit_id: int
    year: int
    month: int
    version: int
    planned: dict[str, int]


def patrol_plan_set(
    *,
    actor: Any,
    unit_id: int,
    year: int,
    month: int,
    planned: dict[str, Any],
    version: int,
) -> list[PatrolPlan]:
    """Set how many patrols of each kind a post plans for a month; a kind left out keeps its
    figure, a kind set to 0 plans none. `version` is the month's version the user saw (0 for a
    month never planned); setting the same figures again changes nothing."""
    access.require(actor, "operations.record")
    post = (
        scoped(actor, OrgUnit.objects.filter(kind=UnitKind.BORDER_POST)).filter(pk=unit_id).first()
    )
    if post is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(Code.OUT_OF_RANGE, field="year", low=FIRST_YEAR, high=LAST_YEAR)
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise DomainError(Code.OUT_OF_RANGE, field="month", low=1, high=12)
    figures: dict[str, int] = {}
    for kind, value in planned.items():
        if kind not in PatrolKind.values:
            raise DomainError(Code.REQUIRED, field=f"planned.{kind}")
        try:
            number = int(value)
        except (TypeError, ValueError) as exc:
            raise DomainError(Code.REQUIRED, field=f"planned.{kind}") from exc
        if not 0 <= number <= MAX_PLANNED:
            raise DomainError(Code.OUT_OF_RANGE, field=f"planned.{kind}", low=0, high=MAX_PLANNED)
        figures[kind] = number
    with transaction.atomic():
        OrgUnit.objects.select_for_update().filter(
            pk=post.pk
        ).first()  # one set of a post at a time
        rows = list(PatrolPlan.objects.filter(unit=post, year=year, month=month))
        current = max((p.version for p in rows), default=0)
        before = {p.kind: p.planned for p in rows}
        if version != current:
            raise Stale(MonthPlan(post.pk, year, month, current, before), version)
        after = {**before, **figures}
        if after == before:
            return rows
        for kind, number in figures.items():
            PatrolPlan.objects.update_or_create(
                unit=post,
                year=year,
                month=month,
                kind=kind,
                defaults={"planned": number, "set_by": actor},
            )
        PatrolPlan.objects.filter(unit=post, year=year, month=month).update(version=current + 1)
        plans = list(PatrolPlan.objects.filter(unit=post, year=year, month=month))
        audit.record(
            actor,
            "patrol_plan.set",
            plans[0],
            scope_path=post.path,
            before={"unit": post.pk, "year": year, "month": month, "planned": before},
            after={
                "unit": post.pk,
                "year": year,
                "month": month,
                "planned": after,
                "version": current + 1,
            },
        )
    return plans
