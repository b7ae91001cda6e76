"""The periods a reporting duty covers and the day each is due: pure date arithmetic (no
database; `Rhythm` is a Django choices class only for its labels).

Periods are calendar periods: a week runs Monday to Sunday, a month, a quarter (January–March,
...), a half (January–June, July–December) and a year. Every duty is due *after* its period, on
a day counted in the stretch that follows it:

- weekly: `due_day` is a weekday, 1 (Monday) … 7 (Sunday), of the week after the period;
- monthly, quarterly, 6-monthly: `due_day` is a day, 1 … 31, of the first month after the period
  ("báo cáo quý trước ngày 05 của tháng đầu quý sau"); a day the month does not have means its
  last day (31 in a February is the 28th or the 29th);
- yearly: `due_month` 1 … 12 and `due_day` 1 … 31 in the year after the period (31/02 likewise
  means the last day of February).

So a due day always falls after its period's last day and no later than the end of the stretch
that follows it (the next week, the next month, the next year).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Period", "Rhythm", "day_range", "due_dates", "period_containing", "period_of"]


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", _("Hằng tuần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")


# months in one period of each rhythm counted in months
_MONTHS = {Rhythm.MONTHLY: 1, Rhythm.QUARTERLY: 3, Rhythm.HALF_YEARLY: 6, Rhythm.YEARLY: 12}


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    due_on: date


def day_range(rhythm: str) -> tuple[int, int]:
    """The smallest and largest `due_day` the rhythm takes."""
    return (1, 7) if rhythm == Rhythm.WEEKLY else (1, 31)


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(first: date, months: int) -> date:
    """The first day of the month `months` after the month of `first` (a first of a month)."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_containing(rhythm: str, day: date) -> tuple[date, date]:
    """The first and last day of the period of `rhythm` that holds `day`."""
    rhythm = Rhythm(rhythm)
    if rhythm == Rhythm.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    months = _MONTHS[rhythm]
    start = date(day.year, (day.month - 1) // months * months + 1, 1)
    return start, _add_months(start, months) - timedelta(days=1)


def _due(rhythm: Rhythm, end: date, due_day: int, due_month: int | None) -> date:
    after = end + timedelta(days=1)  # the first day of the stretch that follows
    if rhythm == Rhythm.WEEKLY:
        return after + timedelta(days=due_day - 1)
    if rhythm == Rhythm.YEARLY:
        return _clamped(after.year, due_month or 1, due_day)
    return _clamped(after.year, after.month, due_day)


def _check(rhythm: Rhythm, due_day: int, due_month: int | None) -> None:
    low, high = day_range(rhythm)
    if not low <= due_day <= high:
        raise ValueError(f"due_day {due_day} out of {low}..{high} for {rhythm}")
    if rhythm == Rhythm.YEARLY and (due_month is None or not 1 <= due_month <= 12):
        raise ValueError(f"due_month {due_month} out of 1..12")


def period_of(rhythm: str, due_day: int, day: date, due_month: int | None = None) -> Period:
    """The period of `rhythm` that holds `day`, with its due day."""
    rhythm = Rhythm(rhythm)
    _check(rhythm, due_day, due_month)
    start, end = period_containing(rhythm, day)
    return Period(start, end, _due(rhythm, end, due_day, due_month))


def due_dates(
    rhythm: str, due_day: int, start: date, end: date, due_month: int | None = None
) -> list[Period]:
    """The whole periods of `rhythm` that overlap `start` … `end` (both included), in order,
    each with the day it is due. They follow one another without gap or overlap and cover the
    range; an empty list when `end` is before `start`. `due_month` is needed by yearly duties.
    Raises ValueError for a rhythm or a due day it does not know."""
    rhythm = Rhythm(rhythm)
    _check(rhythm, due_day, due_month)
    periods: list[Period] = []
    if end < start:
        return periods
    first, last = period_containing(rhythm, start)
    while first <= end:
        periods.append(Period(first, last, _due(rhythm, last, due_day, due_month)))
        first = last + timedelta(days=1)
        last = period_containing(rhythm, first)[1]
    return periods
