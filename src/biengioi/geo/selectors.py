"""Reads of GPS tracks, in the caller's scope (the scope of the unit whose patrol it is)."""

from typing import Any

from django.db.models import QuerySet

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.operations import selectors as operations
from biengioi.operations.models import MarkerInspection

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
