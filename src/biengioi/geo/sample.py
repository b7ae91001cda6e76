"""GPS tracks for the sample province's patrols of the last months: what a post's GPS logger
would have written walking the patrol's stretch of markers, so that the patrol pages, the map
and the coverage page of a demo show tracks, markers passed and stretches not patrolled.

Each track is a GPX written with gpxpy and imported through `track_import`, as an officer's
upload is: a fix every minute along the stretch (a few metres off the line, as a receiver
wanders), one fix logged twice and one 60 km away (a receiver's glitch), so that its cleaning
report has something to say. Imported again, the same file is the same track.
"""

import math
from datetime import date, datetime, timedelta
from uuid import uuid5

import gpxpy.gpx
from django.utils import timezone

from biengioi.accounts.models import User
from biengioi.operations.models import Patrol
from biengioi.operations.sample import NAMESPACE, OFFICER, PATROL_DAYS
from biengioi.registry.models import Marker

from .services import track_import

RECENT_DAYS = 120  # the patrols of this many days before the reference day get a track
STEP = timedelta(minutes=1)


def _gpx(points: list[tuple[datetime, float, float]]) -> bytes:
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "GPS Logger (DỮ LIỆU MẪU)"
    track = gpxpy.gpx.GPXTrack(name="Tuần tra (DỮ LIỆU MẪU)")
    segment = gpxpy.gpx.GPXTrackSegment()
    for moment, lon, lat in points:
        segment.points.append(gpxpy.gpx.GPXTrackPoint(lat, lon, time=moment))
    track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml().encode()


def _walk(patrol: Patrol, stops: list[Marker], n: int) -> list[tuple[datetime, float, float]]:
    """Fixes a minute apart from the first stop to the last, through each, over the patrol's
    time (or as much of it as the walk needs at 2.5 km/h)."""
    legs = [
        ((float(a.lon), float(a.lat)), (float(b.lon), float(b.lat)))
        for a, b in zip(stops, stops[1:], strict=False)
    ]
    count = max(2, int((patrol.ended_at - patrol.started_at) / STEP))
    points = []
    for i in range(count):
        t = i / (count - 1) * len(legs)
        (x0, y0), (x1, y1) = legs[min(int(t), len(legs) - 1)]
        f = t - min(int(t), len(legs) - 1)
        wander = 0.00008 * math.sin(i * 0.7 + n)  # about 9 m
        points.append(
            (patrol.started_at + i * STEP, x0 + (x1 - x0) * f + wander, y0 + (y1 - y0) * f + wander)
        )
    # a receiver's glitches: one fix logged twice, one far away
    middle = len(points) // 2
    points.insert(middle, points[middle])
    moment, lon, lat = points[middle + 2]
    points[middle + 2] = (moment, lon + 0.6, lat)
    return points


def load_sample_tracks(today: date | None = None) -> int:
    """Import the missing tracks of the sample's recent patrols; returns how many were made."""
    today = today or timezone.localdate()
    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None:
        return 0
    made = 0
    for n, (years, days) in enumerate(PATROL_DAYS):
        if years or days > RECENT_DAYS:
            continue
        patrol = Patrol.objects.filter(uuid=uuid5(NAMESPACE, f"patrol-{n}")).first()
        if patrol is None or patrol.from_marker is None or patrol.to_marker is None:
            continue
        stops = list(
            Marker.objects.filter(
                line=patrol.line,
                sort_key__gte=patrol.from_marker.sort_key,
                sort_key__lte=patrol.to_marker.sort_key,
                kind="main",
                multiplicity="single",
            ).order_by("sort_key")
        )
        if len(stops) < 2:
            continue
        day = timezone.localtime(patrol.started_at).date()
        _track, new = track_import(
            actor=officer,
            patrol_id=patrol.pk,
            name=f"tuantra-{day:%Y%m%d}.gpx",
            content=_gpx(_walk(patrol, stops, n)),
        )
        made += int(new)
    return made
