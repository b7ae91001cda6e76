"""Reads of crime and violations, cut to the actor's scope: the case list and its table by
category (as the reports count: cases, persons, prosecuted, sanctioned and fined, seized), a
case with its persons and seizures, and the special operations and peak campaigns."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped, within
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit, UnitKind

from .models import (
    CaseHandling,
    CasePerson,
    CrimeCase,
    CrimeCategory,
    CrimeOperation,
    Seizure,
    SeizureUnit,
)

THOUSANDTH = Decimal("0.001")


def _count_of(model: type, **extra: Any) -> Subquery:
    return Subquery(
        model.objects.filter(case=OuterRef("pk"), **extra)  # type: ignore[attr-defined]
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def crime_case_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    category: str = "",
    handling: str = "",
    operation_id: int | None = None,
    q: str = "",
) -> QuerySet[CrimeCase]:
    """Cases of the actor's scope detected between `start` and `end` (both included), of one
    unit and those under it, of one category, dealt with one way, or from one operation; `q`,
    words of the title, the account, the place or the decision (core.search)."""
    access.require(actor, "operations.view")
    cases = scoped(actor, CrimeCase.objects.select_related("unit", "operation", "commune"))
    if q:
        cases = matching(cases, search_text(q))
    if start:
        cases = cases.filter(detected_on__gte=start)
    if end:
        cases = cases.filter(detected_on__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        cases = cases.filter(unit__path__startswith=unit.path) if unit else cases.none()
    if category:
        cases = cases.filter(category=category)
    if handling:
        cases = cases.filter(handling=handling)
    if operation_id:
        cases = cases.filter(operation_id=operation_id)
    return cases.order_by("-detected_on", "-pk")


def with_person_counts(cases: QuerySet[CrimeCase]) -> QuerySet[CrimeCase]:
    return cases.annotate(
        person_count=Coalesce(_count_of(CasePerson), 0),
        seizure_count=Coalesce(_count_of(Seizure), 0),
    )


@dataclass
class CategoryRow:
    """One line of the table "Phòng chống tội phạm": a category, or the total."""

    category: str
    label: Any
    cases: int = 0
    persons: int = 0
    wanted: int = 0
    prosecuted: int = 0
    sanctioned: int = 0
    fines: Decimal = Decimal(0)
    pending: int = 0
    seized: list[tuple[Decimal, SeizureUnit, str]] = field(default_factory=list)


def crime_table(cases: QuerySet[CrimeCase]) -> list[CategoryRow]:
    """Per category (only those with cases), then the total: cases, persons (and wanted ones
    among them), cases prosecuted, sanctioned and the fines, cases still pending, and the
    seizures summed like with like (the same item in the same unit)."""
    ids = cases.order_by().values("pk")
    per_case = (
        cases.order_by()
        .values("category")
        .annotate(
            n=Count("pk"),
            prosecuted=Count("pk", filter=Q(handling=CaseHandling.PROSECUTED)),
            sanctioned=Count("pk", filter=Q(handling=CaseHandling.SANCTIONED)),
            pending=Count("pk", filter=Q(handling=CaseHandling.PENDING)),
            fines=Sum("fine_vnd"),
        )
    )
    rows = {
        r["category"]: CategoryRow(
            category=r["category"],
            label=CrimeCategory(r["category"]).label,
            cases=r["n"],
            prosecuted=r["prosecuted"],
            sanctioned=r["sanctioned"],
            pending=r["pending"],
            fines=r["fines"] or Decimal(0),
        )
        for r in per_case
    }
    people = (
        CasePerson.objects.filter(case__in=ids)
        .values("case__category")
        .annotate(n=Count("pk"), wanted=Count("pk", filter=Q(wanted=True)))
    )
    for p in people:
        row = rows[p["case__category"]]
        row.persons, row.wanted = p["n"], p["wanted"]
    seized = (
        Seizure.objects.filter(case__in=ids)
        .values("case__category", "item", "unit")
        .annotate(quantity=Sum("quantity"))
        .order_by("case__category", "unit", "item")
    )
    sums: dict[tuple[str, str, str], list[Any]] = {}
    for s in seized:  # like with like, whatever the letter case ("Heroin", "heroin")
        key = (s["case__category"], s["unit"], s["item"].casefold())
        sums.setdefault(key, [Decimal(0), s["item"]])[0] += s["quantity"]
    for (category, unit, _name), (quantity, item) in sums.items():
        rows[category].seized.append((quantity.quantize(THOUSANDTH), SeizureUnit(unit), item))
    ordered = [rows[c] for c in CrimeCategory.values if c in rows]
    total = CategoryRow(category="", label=None)
    for row in ordered:
        for name in ("cases", "persons", "wanted", "prosecuted", "sanctioned", "pending"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.fines += row.fines
    return [*ordered, total]


def crime_case_get(*, actor: Any, case_id: int) -> CrimeCase:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        CrimeCase.objects.select_related("unit", "operation", "commune", "created_by"),
        pk=case_id,
    )


def _visible_operations(actor: Any) -> QuerySet[CrimeOperation]:
    """Operations run in the actor's scope, and those of the units above the actor's, in which
    the actor's unit takes part (a province's peak campaign is seen by its posts)."""
    return CrimeOperation.objects.filter(
        within(actor, "unit__path", with_ancestors=True)
    ).select_related("unit")


def operation_list(
    *,
    actor: Any,
    kind: str = "",
    status: str = "",
    start: date | None = None,
    end: date | None = None,
    q: str = "",
) -> QuerySet[CrimeOperation]:
    """Operations the actor sees, of one kind, open or ended, running at some time between
    `start` and `end`; with the number of cases each yielded in the actor's scope."""
    access.require(actor, "operations.view")
    operations = _visible_operations(actor)
    if kind:
        operations = operations.filter(kind=kind)
    if status == "open":
        operations = operations.filter(ended_on__isnull=True)
    elif status == "ended":
        operations = operations.filter(ended_on__isnull=False)
    if start:
        operations = operations.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    if end:
        operations = operations.filter(started_on__lte=end)
    cases = scoped(actor, CrimeCase.objects.filter(operation=OuterRef("pk")))
    if q:
        operations = matching(
            operations,
            search_text(q),
            "name",
            "decision",
            "target",
            "result",
            "kind",
            "category",
        )
    return operations.annotate(
        case_count=Coalesce(
            Subquery(
                cases.order_by().values("operation").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        )
    ).order_by("-started_on", "-pk")


def operation_get(*, actor: Any, operation_id: int) -> CrimeOperation:
    access.require(actor, "operations.view")
    operation = _visible_operations(actor).filter(pk=operation_id).first()
    if operation is None:
        raise Http404("CrimeOperation")
    return operation


def operation_choices(*, actor: Any) -> list[tuple[int, str]]:
    """Operations a case may be linked to: those the actor sees."""
    return [
        (o.pk, f"{o.get_kind_display()}: {o.name}")
        for o in _visible_operations(actor).order_by("-started_on", "-pk")[:200]
    ]


def case_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's scope that detect cases and run operations: the Border Guard
    command, its posts, and other forces (police, customs)."""
    access.require(actor, "operations.view")
    kinds = [UnitKind.BORDER_GUARD_COMMAND, UnitKind.BORDER_POST, UnitKind.AGENCY]
    return scoped(actor, OrgUnit.objects.filter(kind__in=kinds)).order_by("path")
