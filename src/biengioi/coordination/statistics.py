"""Coordination work's figures for a periodic report: plain numbers, one tuple per figure with a
value for each period asked.

Every function takes the materialised paths of the scope (the scope unit's subtree and those of
the units it took over from: registry.statistics.scope_paths) and the periods as (first day,
last day) spans; the caller has checked that the actor sees that unit. Compliance with the
reporting duties is counted by regulations_selectors.compliance, given the same paths.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import F, OuterRef, Q, QuerySet, Subquery

from biengioi.core.stats import Number, Span, count, grouped_over_spans, over_spans, under

from .models import Conference, Task, TaskProgress, TaskStatus
from .models.conferences import OPEN_STATUSES

Pairs = dict[str, tuple[Number, ...]]
Grouped = dict[Any, Pairs]


def conferences(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind: conferences held in the period by units of the scope."""
    rows = Conference.objects.filter(under("unit__path", paths))
    return grouped_over_spans(rows, spans, "kind", {"conferences": count()}, date_field="held_on")


def tasks(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """Tasks of the scope's units: due in the period (deadline in it), done in it (a progress
    update marked them done on a day in it), done on time (of those due in it, done by the
    deadline)."""
    done = TaskProgress.objects.filter(under("task__unit__path", paths), status=TaskStatus.DONE)
    figures = over_spans(done, spans, {"done": count(field="task", distinct=True)}, date_field="on")
    due = Task.objects.filter(under("unit__path", paths))
    figures |= over_spans(due, spans, {"due": count()}, date_field="deadline")
    on_time = done.filter(on__lte=F("task__deadline"))
    figures |= over_spans(
        on_time,
        spans,
        {"done_on_time": count(field="task", distinct=True)},
        date_field="task__deadline",
    )
    return figures


def open_on(paths: Sequence[str], day: date) -> QuerySet[Task]:
    """The tasks of the scope's units given by `day` and neither done nor cancelled as of it:
    a task's status on a day is the one set by its last progress update on or before that day
    (none: new), so a report of a past period reads the tasks as they stood at its end, not
    the ones given since nor as they stand now."""
    status = (
        TaskProgress.objects.filter(task=OuterRef("pk"), on__lte=day)
        .exclude(status="")
        .order_by("-on", "-pk")
        .values("status")[:1]
    )
    return (
        Task.objects.filter(under("unit__path", paths))
        .alias(status_then=Subquery(status))
        .filter(assigned_on__lte=day)
        .filter(Q(status_then=None) | Q(status_then__in=OPEN_STATUSES))
    )


def tasks_overdue(paths: Sequence[str], spans: Sequence[Span]) -> tuple[Number, ...]:
    """For each span, the tasks overdue at its end: given by that day, the deadline passed
    before it, and neither done nor cancelled as of it (`open_on`). One query a span."""
    return tuple(open_on(paths, end).filter(deadline__lt=end).count() for _start, end in spans)
