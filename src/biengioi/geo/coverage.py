"""Patrol coverage from GPS tracks, kept as tracks come and go.

Two derived tables, written in the transaction of the track that changes them:
- `MarkerVisit`: a track whose fix came within TRACK_MARKER_DISTANCE_M (200 m) of a marker, at
  the time of its nearest such fix. A marker's last visit and its distinct patrols in the last
  N days are aggregates of its rows.
- `PieceMonth`: a track whose fix came within TRACK_SECTION_DISTANCE_M (500 m) of a 1 km piece
  of a border section (`Piece`), for each month (Vietnam's calendar) of those fixes.
Removing a track removes its rows (foreign keys, on delete cascade). `rebuild()` recomputes both
tables from the positions alone, with the same `cover` as an import: the test of the kept
answers is that a rebuild changes nothing (tests/geo/test_coverage.py, hypothesis).

Distances are planar in the metric CRS the positions carry (geo.models); candidate pairs come
from a shapely STRtree over the track's fixes, so a track costs O(n log n) whatever the number of
markers and pieces of its province.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import shapely
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from pyproj import Transformer
from shapely.ops import substring

from biengioi.core.geo import line_from_geojson
from biengioi.registry.models import BorderSection, Marker

from .models import CELL_M, CELL_ROW, MarkerVisit, Piece, PieceMonth, Position, Track

PIECE_M = 1000.0


def metric() -> Transformer:
    return Transformer.from_crs("EPSG:4326", f"EPSG:{settings.GEO_METRIC_EPSG}", always_xy=True)


def day_start(day: date) -> datetime:
    """The first moment of a day in Vietnam's time."""
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def month_of(moment: datetime) -> date:
    local = timezone.localtime(moment)
    return date(local.year, local.month, 1)


def _key(geometry: Any) -> str:
    return hashlib.sha256(json.dumps(geometry, sort_keys=True).encode()).hexdigest()


def metric_line(geometry: Any, to_metric: Transformer) -> Any:
    """A section's line (GeoJSON in WGS84) in metres."""
    return shapely.transform(
        line_from_geojson(geometry),
        lambda c: np.column_stack(to_metric.transform(c[:, 0], c[:, 1])),
    )


def _cut(geometry: Any, to_metric: Transformer) -> list[tuple[list[list[float]], float]]:
    """A section's line in metres, cut into pieces of PIECE_M from its start."""
    line = metric_line(geometry, to_metric)
    out = []
    start = 0.0
    while start < line.length:
        end = min(start + PIECE_M, line.length)
        part = substring(line, start, end)
        coords = [[round(x, 2), round(y, 2)] for x, y in np.asarray(part.coords)]
        out.append((coords, end - start))
        start = end
    return out


def pieces(province_id: int, *, recover: bool = True) -> list[Piece]:
    """The pieces of the province's sections, cut for a section new or redrawn, whose months are
    then computed from the positions of the province's tracks (so the kept answers stay those a
    rebuild gives; not with `recover`=False, for a rebuild that covers every track itself). An
    import calls it before writing its own positions."""
    sections = list(
        BorderSection.objects.select_for_update()  # one import at a time cuts a province
        .filter(line__province_id=province_id)
        .order_by("pk")
    )
    kept = defaultdict(list)
    for piece in Piece.objects.filter(section__in=sections):
        kept[piece.section_id].append(piece)
    to_metric = metric()
    out: list[Piece] = []
    for section in sections:
        key = _key(section.geometry)
        current = kept.get(section.pk, [])
        if current and all(p.geometry_key == key for p in current):
            out += sorted(current, key=lambda p: p.number)
            continue
        Piece.objects.filter(section=section).delete()  # their months go with them
        made = Piece.objects.bulk_create(
            Piece(section=section, number=n, geometry_key=key, coordinates=c, length_m=m)
            for n, (c, m) in enumerate(_cut(section.geometry, to_metric), start=1)
        )
        if recover:
            _recover(made, province_id)  # what the tracks already kept say of it
        out += made
    return out


@dataclass
class Covered:
    markers: list[int]  # ids of the markers visited
    sections: list[int]  # ids of the sections with a piece covered


def cover(
    track: Track,
    xy: np.ndarray,
    times: Sequence[datetime],
    province_pieces: list[Piece],
    markers: list[tuple[int, float, float]],
) -> Covered:
    """Write the coverage of one track (`xy`, its fixes in metres, with their `times`) over the
    province's pieces and markers (id, x, y); what it visited."""
    if len(xy) == 0:
        return Covered([], [])
    tree = shapely.STRtree(shapely.points(xy))
    visits = []
    if markers:
        mxy = np.array([[m[1], m[2]] for m in markers])
        near_m, fix = tree.query(
            shapely.points(mxy), predicate="dwithin", distance=settings.TRACK_MARKER_DISTANCE_M
        )
        best: dict[int, tuple[float, int]] = {}
        distances = np.hypot(mxy[near_m, 0] - xy[fix, 0], mxy[near_m, 1] - xy[fix, 1])
        for m, f, d in zip(near_m.tolist(), fix.tolist(), distances.tolist(), strict=True):
            if m not in best or (d, f) < best[m]:
                best[m] = (d, f)
        visits = [
            MarkerVisit(
                marker_id=markers[m][0],
                track=track,
                patrol_id=track.patrol_id,
                time=times[f],
            )
            for m, (_d, f) in sorted(best.items())
        ]
        MarkerVisit.objects.bulk_create(visits)
    rows = []
    sections = set()
    if province_pieces:
        lines = np.array([shapely.LineString(p.coordinates) for p in province_pieces])
        near_p, fix = tree.query(
            lines, predicate="dwithin", distance=settings.TRACK_SECTION_DISTANCE_M
        )
        months: dict[int, set[date]] = defaultdict(set)
        for p, f in zip(near_p.tolist(), fix.tolist(), strict=True):
            months[p].add(month_of(times[f]))
        for p, seen in sorted(months.items()):
            piece = province_pieces[p]
            sections.add(piece.section_id)
            rows += [
                PieceMonth(piece=piece, month=m, track=track, patrol_id=track.patrol_id)
                for m in sorted(seen)
            ]
        PieceMonth.objects.bulk_create(rows, batch_size=5000)
    return Covered(sorted(v.marker_id for v in visits), sorted(sections))


def province_markers(
    province_id: int, to_metric: Transformer, *, only: int | None = None
) -> list[tuple[int, float, float]]:
    """The province's markers (or the one `only`) as (id, x, y) in metres."""
    markers = Marker.objects.filter(line__province_id=province_id)
    if only is not None:
        markers = markers.filter(pk=only)
    found = list(markers.order_by("pk").values_list("pk", "lon", "lat"))
    if not found:
        return []
    xs, ys = to_metric.transform([float(m[1]) for m in found], [float(m[2]) for m in found])
    return [(m[0], float(x), float(y)) for m, x, y in zip(found, xs, ys, strict=True)]


def _positions(track_ids: Sequence[int]) -> dict[int, tuple[np.ndarray, list[datetime]]]:
    out: dict[int, tuple[list[list[float]], list[datetime]]] = defaultdict(lambda: ([], []))
    rows = Position.objects.filter(track_id__in=track_ids).order_by("track_id", "time", "id")
    for track_id, x, y, time in rows.values_list("track_id", "x", "y", "time").iterator(10_000):
        xy, times = out[track_id]
        xy.append([x, y])
        times.append(time)
    return {k: (np.array(xy, dtype=float).reshape(-1, 2), t) for k, (xy, t) in out.items()}


def _recover(made: list[Piece], province_id: int) -> None:
    """The months of pieces just cut, from every track of their province."""
    tracks = Track.objects.filter(patrol__line__province_id=province_id)
    if not made or not tracks.exists():
        return
    fixes = _positions(list(tracks.values_list("pk", flat=True)))
    for track in tracks:
        xy, times = fixes.get(track.pk, (np.empty((0, 2)), []))
        cover(track, xy, times, made, [])


def section_saved(section: BorderSection) -> None:
    """A section made or redrawn: its pieces cut and covered now, in the writer's transaction,
    when its province has tracks (else at its first import)."""
    province = section.line.province_id
    if Track.objects.filter(patrol__line__province_id=province).exists():
        pieces(province)


def marker_saved(marker: Marker) -> None:
    """A marker made or moved: its visits recomputed, in the writer's transaction, from the
    fixes of its province's tracks in the 1 km cells around it (TRACK_MARKER_DISTANCE_M is
    less than a cell)."""
    province = marker.line.province_id
    tracks = Track.objects.filter(patrol__line__province_id=province)
    if not tracks.exists():
        return
    [(_pk, x, y)] = province_markers(province, metric(), only=marker.pk)
    cells = [
        int(x // CELL_M + dx) * CELL_ROW + int(y // CELL_M + dy)
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
    ]
    near = Position.objects.filter(cell__in=cells, track__in=tracks).values_list(
        "track_id", "patrol_id", "x", "y", "time"
    )
    best: dict[int, tuple[float, datetime, int]] = {}
    for track_id, patrol_id, fx, fy, time in near:
        d = float(np.hypot(fx - x, fy - y))
        if d <= settings.TRACK_MARKER_DISTANCE_M and (
            track_id not in best or (d, time) < best[track_id][:2]
        ):
            best[track_id] = (d, time, patrol_id)
    MarkerVisit.objects.filter(marker=marker).delete()
    MarkerVisit.objects.bulk_create(
        MarkerVisit(marker=marker, track_id=t, patrol_id=p, time=time)
        for t, (_d, time, p) in sorted(best.items())
    )
    passed: Any = Track.markers_passed.through
    passed.objects.filter(marker=marker).delete()
    passed.objects.bulk_create(passed(track_id=t, marker=marker) for t in sorted(best))


def rebuild() -> tuple[int, int, int]:
    """Recompute every track's coverage (and the markers passed and sections covered it shows)
    from the positions alone, pieces cut anew; the counts of tracks, visits and piece-months."""
    with transaction.atomic():
        MarkerVisit.objects.all().delete()
        PieceMonth.objects.all().delete()
        Piece.objects.all().delete()
        to_metric = metric()
        tracks = list(Track.objects.select_related("patrol__line").order_by("pk"))
        by_province: dict[int, list[Track]] = defaultdict(list)
        for track in tracks:
            by_province[track.patrol.line.province_id].append(track)
        for province, its in by_province.items():
            province_pieces = pieces(province, recover=False)
            markers = province_markers(province, to_metric)
            fixes = _positions([t.pk for t in its])
            for track in its:
                xy, times = fixes.get(track.pk, (np.empty((0, 2)), []))
                covered = cover(track, xy, times, province_pieces, markers)
                track.markers_passed.set(covered.markers)
                track.sections_covered.set(covered.sections)
    return len(tracks), MarkerVisit.objects.count(), PieceMonth.objects.count()


def snapshot() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The kept answers, comparable across a rebuild: visits and piece-months by what they
    name (pieces by section and number, not by id)."""
    visits = sorted(MarkerVisit.objects.values_list("marker_id", "track_id", "patrol_id", "time"))
    months = sorted(
        PieceMonth.objects.values_list(
            "piece__section_id", "piece__number", "month", "track_id", "patrol_id"
        )
    )
    return visits, months


# --- reading -------------------------------------------------------------------------------


@dataclass
class MarkerCoverage:
    marker: Marker
    last_visit: datetime | None
    patrols: int  # distinct patrols within the window

    @property
    def days_since(self) -> int | None:
        if self.last_visit is None:
            return None
        return (timezone.localdate() - timezone.localtime(self.last_visit).date()).days


def marker_coverage(markers: Any, *, days: int, today: date | None = None) -> list[MarkerCoverage]:
    """Each of `markers` (a queryset, in its order) with its last visit by a track and the
    distinct patrols that came within the last `days` days."""
    today = today or timezone.localdate()
    since = day_start(today - timedelta(days=days))
    listed = list(markers)
    figures: dict[int, Any] = {
        row["marker_id"]: row
        for row in MarkerVisit.objects.filter(marker__in=[m.pk for m in listed])
        .values("marker_id")
        .annotate(
            last=Max("time"),
            patrols=Count("patrol", distinct=True, filter=Q(time__gte=since)),
        )
    }
    return [
        MarkerCoverage(
            m, figures.get(m.pk, {}).get("last"), figures.get(m.pk, {}).get("patrols", 0)
        )
        for m in listed
    ]


@dataclass
class Stretch:
    section: BorderSection
    first: int  # piece numbers, from 1
    last: int
    metres: float

    @property
    def km(self) -> float:
        return self.metres / 1000

    @property
    def to_km(self) -> float:
        """Where the stretch ends, in km from the section's start (its pieces are 1 km but the
        section's last)."""
        return self.first - 1 + self.km


def pieces_of(sections: list[BorderSection]) -> list[Piece]:
    """The kept pieces of `sections` in order, and for a section no track of its province has
    reached since it was drawn, its pieces cut here without keeping them (pk None)."""
    cut: dict[int, list[Piece]] = defaultdict(list)
    for piece in Piece.objects.filter(section__in=sections).order_by("number"):
        cut[piece.section_id].append(piece)
    to_metric = metric()
    ordered: list[Piece] = []
    for section in sorted(sections, key=lambda s: s.pk):
        ordered += cut.get(section.pk) or [
            Piece(section=section, number=n, coordinates=c, length_m=m)
            for n, (c, m) in enumerate(_cut(section.geometry, to_metric), start=1)
        ]
    return ordered


def stretches_not_patrolled(sections: Any, *, month: date) -> list[Stretch]:
    """The runs of pieces of `sections` that no track came near in `month`, each as the
    section's km from its start (pieces first to last). A section no track of its province
    has come to since it was drawn is not cut yet: it is cut here (not kept) and is one stretch.
    """
    listed = {s.pk: s for s in sections}
    covered = set(
        PieceMonth.objects.filter(piece__section__in=list(listed), month=month).values_list(
            "piece_id", flat=True
        )
    )
    ordered = pieces_of(list(listed.values()))
    out: list[Stretch] = []
    for piece in ordered:
        if piece.pk in covered:
            continue
        last = out[-1] if out else None
        if last and last.section.pk == piece.section_id and last.last == piece.number - 1:
            last.last = piece.number
            last.metres += piece.length_m
        else:
            out.append(
                Stretch(listed[piece.section_id], piece.number, piece.number, piece.length_m)
            )
    return out
