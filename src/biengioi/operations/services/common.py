"""What every create and edit of the operations log shares: client-made ids and dates."""

import uuid
from datetime import date
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

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
