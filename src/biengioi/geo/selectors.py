"""Reads of GPS tracks, in the caller's scope (the scope of the unit whose patrol it is)."""

from datetime import date
from typing import Any

from django.db.models import QuerySet

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.operations import selectors as operations
from biengioi.operations.models import MarkerInspection
from biengioi.registry import selectors as registry

from . import coverage
from .models import Track


def track_list(*, actor: Any, patrol_id: int) -> QuerySet[Track]:
    """The tracks of a patrol the actor reads (404 for a patrol outside the scope)."""
    patrol = operations.patrol_get(actor=actor, patrol_id=patrol_id)
    return (
        scoped(actor, Track.objects.filter(patrol=patrol))
        .select_related("imported_by")
        .prefetch_related("markers_passed", "sections_covered")
    )


def track_get(*, actor: Any, track_id: int) -> Track:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        Track.objects.select_related("patrol", "unit").prefetch_related(
            "markers_passed", "sections_covered"
        ),
        pk=track_id,
    )


def markers_not_recorded(track: Track) -> list[Any]:
    """The markers the track passed that the patrol's record does not list as inspected: what
    the page offers to add to the record."""
    inspected = set(
        MarkerInspection.objects.filter(patrol_id=track.patrol_id).values_list(
            "marker_id", flat=True
        )
    )
    return [m for m in track.markers_passed.all() if m.pk not in inspected]


DEFAULT_DAYS = 90  # "not visited for N days": the default


def coverage_markers(
    *,
    actor: Any,
    days: int = DEFAULT_DAYS,
    post_id: int | None = None,
    not_visited: bool = True,
    today: date | None = None,
) -> list[coverage.MarkerCoverage]:
    """The markers of the actor's province (one post's with `post_id`), each with its last visit
    by a GPS track and the distinct patrols of the last `days` days; with `not_visited`, only
    those no track came near in those days (never first, then the longest ago)."""
    markers = registry.marker_list(actor=actor, post_id=post_id)
    rows = coverage.marker_coverage(markers, days=days, today=today)
    if not_visited:
        rows = [r for r in rows if r.patrols == 0]
        rows.sort(key=lambda r: (r.last_visit is not None, r.last_visit or 0))
    return rows


def coverage_stretches(
    *, actor: Any, month: date, post_id: int | None = None
) -> list[coverage.Stretch]:
    """The stretches of the actor's province's sections (one post's with `post_id`) that no GPS
    track came near in `month`."""
    return coverage.stretches_not_patrolled(
        registry.section_list(actor=actor, post_id=post_id), month=month
    )
