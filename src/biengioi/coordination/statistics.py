"""Coordination work's figures for a periodic report: plain numbers, one tuple per figure with a
value for each period asked.

Every function takes the materialised path of the scope unit and the periods as (first day,
last day) spans; the caller has checked that the actor sees that unit. Compliance with the
reporting duties (share of reports submitted on time per unit) is not here yet: the duties and
submissions are being built (issue 7).
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import F, OuterRef, Q, Subquery

from biengioi.core.stats import Number, Span, count, grouped_over_spans, over_spans

from .models import Conference, Task, TaskProgress, TaskStatus
from .models.conferences import OPEN_STATUSES

Pairs = dict[str, tuple[Number, ...]]
Grouped = dict[Any, Pairs]


def conferences(path: str, spans: Sequence[Span]) -> Grouped:
    """Per kind: conferences held in the period by units of the scope."""
    rows = Conference.objects.filter(unit__path__startswith=path)
    return grouped_over_spans(rows, spans, "kind", {"conferences": count()}, date_field="held_on")


def tasks(path: str, spans: Sequence[Span]) -> Pairs:
    """Tasks of the scope's units: due in the period (deadline in it), done in it (a progress
    update marked them done on a day in it), done on time (of those due in it, done by the
    deadline)."""
    done = TaskProgress.objects.filter(task__unit__path__startswith=path, status=TaskStatus.DONE)
    figures = over_spans(done, spans, {"done": count(field="task", distinct=True)}, date_field="on")
    due = Task.objects.filter(unit__path__startswith=path)
    figures |= over_spans(due, spans, {"due": count()}, date_field="deadline")
    on_time = done.filter(on__lte=F("task__deadline"))
    figures |= over_spans(
        on_time,
        spans,
        {"done_on_time": count(field="task", distinct=True)},
        date_field="task__deadline",
    )
    return figures


def tasks_overdue(path: str, spans: Sequence[Span]) -> tuple[Number, ...]:
    """For each span, the tasks overdue at its end: the deadline passed before that day and
    the task neither done nor cancelled as of that day (its status then is the one set by its
    last progress update on or before it; none: new). One query a span."""
    out = []
    for _start, end in spans:
        status = (
            TaskProgress.objects.filter(task=OuterRef("pk"), on__lte=end)
            .exclude(status="")
            .order_by("-on", "-pk")
            .values("status")[:1]
        )
        rows = (
            Task.objects.filter(unit__path__startswith=path, deadline__lt=end)
            .annotate(status_then=Subquery(status))
            .filter(Q(status_then=None) | Q(status_then__in=OPEN_STATUSES))
        )
        out.append(rows.count())
    return tuple(out)
