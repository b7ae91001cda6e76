"""Importing a patrol's GPS track and removing it.

`track_import` reads a file (geo.tracks), cleans its fixes against the patrol (its times, its
province's border, its mode of travel), measures the effort (km in the metric CRS, hours, the
markers passed within TRACK_MARKER_DISTANCE_M, the sections within TRACK_SECTION_DISTANCE_M) and
keeps the track and its positions in one transaction: all of it, or nothing. The same file sent
again for the same patrol returns the track already kept (a retried upload makes no twin).
"""

import hashlib
from decimal import Decimal
from typing import Any

import numpy as np
import shapely
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from pyproj import Transformer

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import in_scope
from biengioi.operations import selectors as operations
from biengioi.operations.models import Patrol
from biengioi.operations.services.incidents import MAX_DISTANCE_FROM_BORDER_M
from biengioi.registry.models import BorderSection

from . import coverage, tracks
from .models import CELL_M, CELL_ROW, Position, Track
from .partitions import month_partitions
from .tracks import FIELD, Drop, Fix, TravelMode

BATCH = 5000  # positions written a statement


def track_import(
    *,
    actor: Any,
    patrol_id: int,
    name: str,
    content: bytes,
    mode: str = TravelMode.FOOT,
    fmt: str | None = None,
) -> tuple[Track, bool]:
    """Keep a GPS track of a patrol of the actor's scope; the track, and whether it was made
    now (False: this very file was already kept for this patrol)."""
    access.require(actor, "operations.record")
    patrol = _patrol(actor, patrol_id)
    if len(content) > settings.TRACK_MAX_BYTES:
        raise DomainError(
            Code.FILE_TOO_LARGE, field=FIELD, limit=f"{settings.TRACK_MAX_BYTES // 2**20} MB"
        )
    mode = choice(mode, TravelMode, "mode")
    digest = hashlib.sha256(content).hexdigest()
    if (earlier := Track.objects.filter(patrol=patrol, sha256=digest).first()) is not None:
        return earlier, False
    fmt = choice(fmt, tracks.TrackFormat, "format") if fmt else tracks.track_format(name, content)
    fixes = tracks.read(content, fmt)
    to_metric = coverage.metric()
    xs, ys = to_metric.transform([f.lon for f in fixes], [f.lat for f in fixes])
    points = shapely.points(np.column_stack([xs, ys]))
    border = _border(patrol, to_metric)
    near = shapely.dwithin(points, border, MAX_DISTANCE_FROM_BORDER_M)
    cleaned = tracks.clean(
        fixes,
        started_at=patrol.started_at,
        ended_at=patrol.ended_at,
        max_speed_kmh=settings.TRACK_MAX_SPEED_KMH[mode],
        near_border=[bool(n) for n in near],
    )
    if not cleaned.kept:
        _refuse_empty(cleaned, points, border)
    kept_xy = to_metric.transform([f.lon for f in cleaned.kept], [f.lat for f in cleaned.kept])
    path = _path(*kept_xy)
    try:
        with transaction.atomic():
            track = Track.objects.create(
                patrol=patrol,
                unit=patrol.unit,
                file_name=name[:255],
                format=fmt,
                sha256=digest,
                mode=mode,
                received=len(fixes),
                kept=len(cleaned.kept),
                dropped=dict(cleaned.dropped),
                examples=cleaned.examples,
                started_at=cleaned.kept[0].time,
                ended_at=cleaned.kept[-1].time,
                km=Decimal(path.length / 1000).quantize(Decimal("0.01")),
                imported_by=actor,
            )
            province = patrol.line.province_id
            province_pieces = coverage.pieces(province)  # before this track's positions
            _keep_positions(track, cleaned.kept, *kept_xy)
            covered = coverage.cover(
                track,
                np.column_stack(kept_xy),
                [f.time for f in cleaned.kept],
                province_pieces,
                coverage.province_markers(province, to_metric),
            )
            track.markers_passed.set(covered.markers)
            track.sections_covered.set(covered.sections)
            audit.record(
                actor,
                "track.import",
                track,
                scope_path=patrol.unit.path,
                after={
                    "patrol": patrol.pk,
                    "file": track.file_name,
                    "sha256": digest,
                    "mode": mode,
                    "received": track.received,
                    "kept": track.kept,
                    "dropped": track.dropped,
                    "km": str(track.km),
                },
            )
    except IntegrityError:
        # the same file committed meanwhile by a twin of this request: its work stands
        if (earlier := Track.objects.filter(patrol=patrol, sha256=digest).first()) is not None:
            return earlier, False
        raise
    return track, True


def track_remove(*, actor: Any, track_id: int) -> None:
    """Remove a track, its positions and its coverage (audited; the patrol's record is
    untouched)."""
    access.require(actor, "operations.record")
    track = Track.objects.select_related("unit", "patrol").filter(pk=track_id).first()
    if track is None or not in_scope(actor, track.unit.path):
        raise Http404("Track")
    with transaction.atomic():
        before = {
            "patrol": track.patrol_id,
            "file": track.file_name,
            "sha256": track.sha256,
            "kept": track.kept,
        }
        Position.objects.filter(track=track)._raw_delete(Position.objects.db)  # type: ignore[attr-defined]
        track.markers_passed.clear()
        track.sections_covered.clear()
        audit.record(actor, "track.remove", track, scope_path=track.unit.path, before=before)
        track.delete()


def _patrol(actor: Any, patrol_id: int) -> Patrol:
    patrol = operations.patrol_get(actor=actor, patrol_id=patrol_id)
    if not in_scope(actor, patrol.unit.path):
        raise Http404("Patrol")  # read across the tree is not written to
    return patrol


def _border(patrol: Patrol, to_metric: Transformer) -> Any:
    """The border lines of the patrol's province, in metres (the sections of its lines)."""
    sections = BorderSection.objects.filter(line__province_id=patrol.line.province_id)
    lines = [
        coverage.metric_line(g, to_metric) for g in sections.values_list("geometry", flat=True)
    ]
    if not lines:
        raise DomainError(Code.NO_BORDER_LINE, field=FIELD)
    border = shapely.union_all(lines)
    shapely.prepare(border)
    return border


def _path(xs: Any, ys: Any) -> Any:
    coords = np.column_stack([xs, ys])
    return shapely.linestrings(coords) if len(coords) > 1 else shapely.points(coords[0])


def _refuse_empty(cleaned: tracks.Cleaned, points: Any, border: Any) -> None:
    if set(cleaned.dropped) == {Drop.FAR_FROM_BORDER}:
        nearest = float(np.min(shapely.distance(points, border)))
        raise DomainError(
            Code.TRACK_FAR_FROM_BORDER,
            field=FIELD,
            distance=f"{nearest / 1000:,.0f}".replace(",", "."),
            limit=MAX_DISTANCE_FROM_BORDER_M // 1000,
        )
    reasons = ", ".join(
        f"{count} {Drop(reason).label}" for reason, count in cleaned.dropped.most_common()
    )
    raise DomainError(Code.TRACK_NOTHING_KEPT, field=FIELD, reasons=reasons)


def _keep_positions(track: Track, kept: list[Fix], xs: Any, ys: Any) -> None:
    month_partitions(f.time for f in kept)
    rows = [
        Position(
            track=track,
            patrol_id=track.patrol_id,
            unit_id=track.unit_id,
            time=fix.time,
            lon=fix.lon,
            lat=fix.lat,
            x=float(x),
            y=float(y),
            cell=int(x // CELL_M) * CELL_ROW + int(y // CELL_M),
        )
        for fix, x, y in zip(kept, xs, ys, strict=True)
    ]
    Position.objects.bulk_create(rows, batch_size=BATCH)
