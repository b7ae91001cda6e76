"""What every create and edit of the operations log shares: client-made ids and dates."""

import uuid
from datetime import date
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.formats import number_format

from biengioi.core.errors import Code, DomainError

M = TypeVar("M", bound=models.Model)


def replay(model: type[M], actor: Any, client_id: uuid.UUID, owner: str = "created_by") -> M | None:
    """The record an earlier request of the same user made with `client_id`, if any; a client
    id another user already used is refused rather than answered with their record."""
    earlier = model._default_manager.filter(uuid=client_id).first()
    if earlier is None:
        return None
    if getattr(earlier, f"{owner}_id") != actor.pk:
        raise DomainError(Code.CLIENT_ID_TAKEN, field="id")
    return earlier


def past_day(value: Any, field: str) -> date:
    """A day that has come (today included, in Hà Nội time)."""
    if not isinstance(value, date):
        raise DomainError(Code.REQUIRED, field=field)
    if value > timezone.localdate():
        raise DomainError(Code.DATE_IN_FUTURE, field=field)
    return value


def count(value: Any, field: str, high: int, low: int = 0) -> int:
    """A head count (persons, forces, vehicles) between `low` and `high`."""
    if value in (None, ""):
        value = 0
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise DomainError(Code.REQUIRED, field=field)  # True, 2.5: not a head count
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise DomainError(Code.REQUIRED, field=field) from exc
    if not low <= number <= high:
        raise DomainError(
            Code.OUT_OF_RANGE, field=field, low=low, high=number_format(high, force_grouping=True)
        )
    return number
