"""Budget estimates (item 7 of issue 7): a line of a unit's estimate for a year, kept by the
secretariat and the administrators (`coordination.configure`) for a unit of their scope.

Amounts are integer đồng, none below zero (`estimated`, `approved`, `spent`); what was spent
never exceeds what was approved (refused naming `spent`); the year is between 2000 and two years
ahead (`year`); the unit is one of the actor's scope (`unit_id`). Edits carry the version they
were made on.
"""

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import OrgUnit

from ..models import BudgetCategory, BudgetItem

PERMISSION = "coordination.configure"
FIRST_YEAR = 2000
YEARS_AHEAD = 2
MAX_DONG = 10**15 - 1  # a thousand trillion đồng: more than any province's budget
_FIELDS = [
    "uuid",
    "version",
    "year",
    "unit",
    "title",
    "category",
    "estimated",
    "approved",
    "spent",
    "note",
]
_EDITABLE = {"year", "title", "category", "estimated", "approved", "spent", "note"}


def year_range() -> tuple[int, int]:
    return FIRST_YEAR, timezone.localdate().year + YEARS_AHEAD


def _money(value: Any, field: str) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise DomainError(Code.NOT_AN_INTEGER, field=field)
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise DomainError(Code.NOT_AN_INTEGER, field=field) from exc
    if number < 0:
        raise DomainError(Code.NEGATIVE, field=field)
    if number > MAX_DONG:
        high = number_format(MAX_DONG, force_grouping=True)
        raise DomainError(Code.OUT_OF_RANGE, field=field, low=0, high=high)
    return number


def _apply(item: BudgetItem, data: dict[str, Any]) -> None:
    if "year" in data:
        low, high = year_range()
        year = data["year"]
        if isinstance(year, bool) or not isinstance(year, int) or not low <= year <= high:
            raise DomainError(Code.OUT_OF_RANGE, field="year", low=low, high=high)
        item.year = year
    if "title" in data:
        item.title = clean_text(data["title"] or "", field="title", max_length=300, required=True)
    if "category" in data:
        category = data["category"] or ""
        item.category = choice(category, BudgetCategory, "category") if category else ""
    for key in ("estimated", "approved", "spent"):
        if key in data:
            setattr(item, key, _money(data[key], key))
    if "note" in data:
        item.note = clean_text(data["note"] or "", field="note", max_length=4000, multiline=True)
    if item.spent > item.approved:
        raise DomainError(
            Code.SPENT_OVER_APPROVED,
            field="spent",
            spent=number_format(item.spent, force_grouping=True),
            approved=number_format(item.approved, force_grouping=True),
        )


def budget_item_create(
    *,
    actor: Any,
    unit_id: int,
    year: int,
    title: str,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[BudgetItem, bool]:
    """Add a line to the budget estimate of a unit of the actor's scope for a year. Returns it
    and whether it was made now (a `client_id` sent again returns the first)."""
    access.require(actor, PERMISSION)
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"budget_item_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(BudgetItem, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
            if unit is None:
                raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
            item = BudgetItem(uuid=client_id or uuid.uuid4(), unit=unit, created_by=actor)
            _apply(item, {**data, "year": year, "title": title})
            item.save()
            audit.record(
                actor,
                "budget_item.create",
                item,
                scope_path=unit.path,
                after=audit.snapshot(item, _FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(BudgetItem, actor, client_id)):
            return earlier, False
        raise
    return item, True


def budget_item_update(
    *, actor: Any, budget_item_id: int, version: int, **changes: Any
) -> BudgetItem:
    """Correct a line of a budget estimate: its amounts as the approval and the spending come."""
    access.require(actor, PERMISSION)
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"budget_item_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        item = get_scoped_or_404(
            actor,
            BudgetItem.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=budget_item_id,
        )
        if item.version != version:
            raise Stale(item, version)
        before = audit.snapshot(item, _FIELDS)
        _apply(item, changes)
        item.version += 1
        item.save()
        audit.record(
            actor,
            "budget_item.update",
            item,
            scope_path=item.unit.path,
            before=before,
            after=audit.snapshot(item, _FIELDS),
        )
    return item
