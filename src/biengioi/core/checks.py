"""Small input checks shared by the services; each names the field it refuses. Also what every
create and edit shares: client-made ids (`replay`) and dates (`past_day`)."""

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format

from biengioi.core import geo
from biengioi.core.errors import Code, DomainError

M = TypeVar("M", bound=models.Model)


def require(data: dict[str, Any], *fields: str) -> None:
    """Refuse the first of `fields` that is missing or empty."""
    for name in fields:
        if data.get(name) in (None, ""):
            raise DomainError(Code.REQUIRED, field=name)


def choice(value: Any, choices: type[models.TextChoices], field: str) -> str:
    """`value` if it is one of `choices`, else an error naming `field`."""
    if value not in choices.values:
        raise DomainError(Code.REQUIRED, field=field)
    return str(value)


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


def amount(
    value: Any, field: str, *, places: int = 0, digits: int = 15, positive: bool = False
) -> Decimal | None:
    """A quantity or a sum of money with `places` decimals and at most `digits` digits in all:
    empty is None; below zero (or zero, when `positive`) is refused, naming `field`."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise DomainError(Code.REQUIRED, field=field) from exc
    if not number.is_finite():
        raise DomainError(Code.REQUIRED, field=field)
    limit = Decimal(10) ** (digits - places)
    if number >= limit:
        high = limit - Decimal(1).scaleb(-places)
        raise DomainError(
            Code.OUT_OF_RANGE, field=field, low=0, high=number_format(high, force_grouping=True)
        )
    number = number.quantize(Decimal(1).scaleb(-places))
    if positive and number <= 0:
        raise DomainError(Code.NOT_POSITIVE, field=field)
    if number < 0:
        raise DomainError(Code.NEGATIVE, field=field)
    return number


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


def point(lon: Any, lat: Any) -> tuple[Decimal | None, Decimal | None]:
    """An optional place on the map (WGS84 degrees, 7 decimals): both empty is no place, one
    without the other is refused naming the missing one, and a point outside Vietnam's border
    box names the coordinate that is wrong."""
    empty = lon in (None, ""), lat in (None, "")
    if all(empty):
        return None, None
    if empty[0] or empty[1]:
        raise DomainError(Code.POINT_INCOMPLETE, field="lon" if empty[0] else "lat")
    values = []
    for field, value in (("lon", lon), ("lat", lat)):
        try:
            number = Decimal(str(value))
        except InvalidOperation as exc:
            raise DomainError(Code.REQUIRED, field=field) from exc
        if not number.is_finite():
            raise DomainError(Code.REQUIRED, field=field)
        values.append(number.quantize(Decimal("0.0000001")))
    geo.check_lon_lat(float(values[0]), float(values[1]))
    return values[0], values[1]


def in_force(unit: M, on: date, *, field: str) -> M:
    """`unit` (an organisational unit, with its `valid_from` and `valid_to`), unless it had
    ended before `on` (a patrol of July 2025 cannot be the provincial command's, dissolved on
    27/06/2025) or was formed after it (nor the talks of June 2025 the new command's, formed on
    28/06/2025): each refused naming the unit and its last or first day."""
    end = getattr(unit, "valid_to", None)
    if end is not None and on > end:
        raise DomainError(
            Code.UNIT_ENDED, field=field, name=str(unit), day=date_format(end, "SHORT_DATE_FORMAT")
        )
    start = getattr(unit, "valid_from", None)
    if start is not None and on < start:
        raise DomainError(
            Code.UNIT_NOT_YET_FORMED,
            field=field,
            name=str(unit),
            day=date_format(start, "SHORT_DATE_FORMAT"),
        )
    return unit
