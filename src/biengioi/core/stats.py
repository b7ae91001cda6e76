"""Aggregates over several periods in one query: the statistics of a report and of the period it
is compared with come from the same rows, each figure a conditional Count or Sum
(`Count("pk", filter=Q(on in period))`), so a section of a report costs one query however many
periods it shows.

Used by the apps' `statistics.py` modules (which know their own tables); the periodic reports
compose them.
"""

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import reduce
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

Span = tuple[date, date]  # first and last day, both included
Where = Q | Callable[[date, date], Q] | None
Number = int | Decimal


@dataclass(frozen=True)
class Measure:
    """One figure: a count of rows (or of distinct values of `field`), or a sum of `field`,
    over the rows of a period that also meet `where` (a Q, or a function of the period's first
    and last day giving one: "open at the period's end")."""

    field: Any = "pk"  # a field name, or an expression to sum (F("a") + F("b"))
    sum: bool = False
    where: Where = None
    distinct: bool = False
    windowed: bool = True  # False: `where` alone says which rows count in a period


def count(where: Where = None, *, field: str = "pk", distinct: bool = False) -> Measure:
    return Measure(field=field, where=where, distinct=distinct)


def total(field: Any, where: Where = None) -> Measure:
    return Measure(field=field, sum=True, where=where)


def as_of(
    where: Callable[[date, date], Q],
    *,
    field: Any = "pk",
    sum: bool = False,
    distinct: bool = False,
) -> Measure:
    """A figure of the state at a period's end (teams standing, incidents open ...): rows count
    by `where(start, end)` alone, not by the date the section is windowed on."""
    return Measure(field=field, sum=sum, where=where, distinct=distinct, windowed=False)


def under(field: str, paths: Sequence[str]) -> Q:
    """The rows whose `field` (a unit's materialised path, "unit__path") lies under any of
    `paths`: a report's scope is its unit's subtree and the subtrees of the units it took over
    from across the 2025 reform. No path, no row."""
    if not paths:
        return Q(pk__in=[])
    return reduce(operator.or_, (Q(**{f"{field}__startswith": p}) for p in paths))


def day_bounds(span: Span) -> tuple[datetime, datetime]:
    """The moments a span of days covers in the local time zone: [first 00:00, day after 00:00)."""
    start, end = span
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def window(field: str, span: Span, *, moment: bool = False) -> Q:
    """The rows whose `field` (a date, or a moment when `moment`) falls in the span."""
    if moment:
        low, high = day_bounds(span)
        return Q(**{f"{field}__gte": low, f"{field}__lt": high})
    return Q(**{f"{field}__gte": span[0], f"{field}__lte": span[1]})


def _aggregates(
    measures: dict[str, Measure], spans: Sequence[Span], date_field: str | None, moment: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, m in measures.items():
        for i, span in enumerate(spans):
            condition = Q()
            if m.windowed and date_field is not None:
                condition &= window(date_field, span, moment=moment)
            if callable(m.where):
                condition &= m.where(*span)
            elif m.where is not None:
                condition &= m.where
            if m.sum:
                out[f"{name}__{i}"] = Sum(m.field, filter=condition)
            else:
                out[f"{name}__{i}"] = Count(m.field, filter=condition, distinct=m.distinct)
    return out


def _narrowed(
    rows: QuerySet[Any],
    spans: Sequence[Span],
    measures: dict[str, Measure],
    date_field: str | None,
    moment: bool,
) -> QuerySet[Any]:
    """The rows within the spans (first to last day of them all) when every measure is
    windowed on `date_field`: the database reads only those, and groups with no row in any
    span are not returned."""
    if date_field is None or not all(m.windowed for m in measures.values()):
        return rows
    outer = (min(s for s, _ in spans), max(e for _, e in spans))
    return rows.filter(window(date_field, outer, moment=moment))


def _unpack(row: dict[str, Any], names: Sequence[str], n: int) -> dict[str, tuple[Number, ...]]:
    return {name: tuple(row[f"{name}__{i}"] or 0 for i in range(n)) for name in names}


def over_spans(
    rows: QuerySet[Any],
    spans: Sequence[Span],
    measures: dict[str, Measure],
    *,
    date_field: str | None = None,
    moment: bool = False,
) -> dict[str, tuple[Number, ...]]:
    """Each measure for each span, in one query: {name: (value in span 0, in span 1, ...)}."""
    rows = _narrowed(rows, spans, measures, date_field, moment)
    row = rows.order_by().aggregate(**_aggregates(measures, spans, date_field, moment))
    return _unpack(row, list(measures), len(spans))


def grouped_over_spans(
    rows: QuerySet[Any],
    spans: Sequence[Span],
    group: str | tuple[str, ...],
    measures: dict[str, Measure],
    *,
    date_field: str | None = None,
    moment: bool = False,
) -> dict[Any, dict[str, tuple[Number, ...]]]:
    """As `over_spans`, for each value of `group` (a kind, a commune; a tuple of fields gives
    tuple keys) that has rows at all."""
    fields = (group,) if isinstance(group, str) else group
    rows = _narrowed(rows, spans, measures, date_field, moment)
    grouped = (
        rows.order_by()
        .values(*fields)
        .annotate(**_aggregates(measures, spans, date_field, moment))
        .order_by(*fields)
    )
    return {
        (r[fields[0]] if isinstance(group, str) else tuple(r[f] for f in fields)): _unpack(
            r, list(measures), len(spans)
        )
        for r in grouped
    }
