"""Operations-log work for scripts/bench.py, run inside a biengioi installation's environment.

    bench_patrols.py create N     record N patrols with 10 marker inspections each, through the
                                  service (one transaction each, as the pages and the API do)
    bench_patrols.py incidents N  record 500 incidents through the service (timed), then add
                                  incidents in bulk up to N in all, a third of them still open,
                                  spread over three years (the overdue list's load)

Needs the installation's BIENGIOI_VAR_DIR (and DATABASE_URL, if any) in the environment and the
demo loaded. Prints one JSON object on stdout, which bench.py reads and formats.
"""

import json
import os
import resource
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import django

INSPECTIONS = 10
MIB = 1024 * 1024


def create(count: int) -> dict[str, Any]:
    from biengioi.accounts.models import User
    from biengioi.operations.models import MarkerInspection, Patrol
    from biengioi.operations.services import patrol_create
    from biengioi.registry.models import Marker

    officer = User.objects.select_related("unit").get(username="canbo.phulang")
    markers = list(Marker.objects.filter(post=officer.unit).order_by("sort_key"))
    if len(markers) < INSPECTIONS:
        sys.exit(f"the post has {len(markers)} markers; {INSPECTIONS} are needed")
    line_id = markers[0].line_id
    first = datetime(2023, 1, 1, tzinfo=UTC)
    began = time.perf_counter()
    for n in range(count):
        start = first + timedelta(hours=2 * n)
        stretch = [markers[(n + k) % len(markers)] for k in range(INSPECTIONS)]
        patrol_create(
            actor=officer,
            client_id=uuid.uuid4(),
            unit_id=officer.unit_id,
            kind="unilateral",
            line_id=line_id,
            started_at=start,
            ended_at=start + timedelta(hours=1),
            border_guards=5,
            militia=1,
            inspections=[{"marker_id": m.pk, "status": "intact"} for m in stretch],
        )
    seconds = time.perf_counter() - began
    return {
        "patrols": count,
        "inspections": count * INSPECTIONS,
        "seconds": seconds,
        "total_patrols": Patrol.objects.count(),
        "total_inspections": MarkerInspection.objects.count(),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB,
    }


SERVICE_INCIDENTS = 500


def incidents(count: int) -> dict[str, Any]:
    import random
    from datetime import date
    from decimal import Decimal

    from biengioi.accounts.models import User
    from biengioi.operations.models import HandlingLevel, Incident, IncidentKind
    from biengioi.operations.selectors import deadline_days
    from biengioi.operations.services import incident_create
    from biengioi.registry.models import Marker

    officer = User.objects.select_related("unit").get(username="canbo.phulang")
    markers = list(Marker.objects.filter(post=officer.unit).order_by("sort_key"))
    first = date(2023, 1, 1)
    began = time.perf_counter()
    for n in range(SERVICE_INCIDENTS):
        marker = markers[n % len(markers)]
        incident_create(
            actor=officer,
            client_id=uuid.uuid4(),
            unit_id=officer.unit_id,
            kind=IncidentKind.values[n % len(IncidentKind.values)],
            title=f"Vụ việc thử {n}",
            lon=marker.lon + Decimal("0.0005"),
            lat=marker.lat,
            detected_on=first + timedelta(days=n % 1000),
            detected_by="Tổ tuần tra",
        )
    seconds = time.perf_counter() - began
    sample = Incident.objects.filter(unit=officer.unit).first()
    province = int(officer.unit.path.strip("/").split("/")[0])
    days = {
        (k, lvl): deadline_days(province, k, lvl)
        for k in IncidentKind.values
        for lvl in HandlingLevel.values
    }
    rng = random.Random(5)  # noqa: S311 (test data, not secrets)
    bulk = []
    for n in range(max(0, count - Incident.objects.count())):
        kind = rng.choice(IncidentKind.values)
        level = rng.choice(HandlingLevel.values)
        detected = first + timedelta(days=rng.randrange(1000))
        since = detected + timedelta(days=rng.randrange(30) if level != "grassroots" else 0)
        closed = None if n % 3 == 0 else since + timedelta(days=rng.randrange(1, 90))
        bulk.append(
            Incident(
                unit=officer.unit,
                kind=kind,
                title=f"Vụ việc nạp sẵn {n}",
                lon=sample.lon,
                lat=sample.lat,
                line_id=sample.line_id,
                nearest_marker_id=sample.nearest_marker_id,
                marker_distance_m=sample.marker_distance_m,
                line_distance_m=sample.line_distance_m,
                detected_on=detected,
                detected_by="Tổ tuần tra",
                level=level,
                level_since=since,
                due_on=None if closed else since + timedelta(days=days[kind, level]),
                result="Đã giải quyết" if closed else "",
                closed_on=closed,
            )
        )
    Incident.objects.bulk_create(bulk, batch_size=2000)
    return {
        "service": SERVICE_INCIDENTS,
        "seconds": seconds,
        "bulk": len(bulk),
        "total": Incident.objects.count(),
        "open": Incident.objects.filter(closed_on=None).count(),
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()
    if len(sys.argv) == 3 and sys.argv[1] == "create":
        print(json.dumps(create(int(sys.argv[2]))))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "incidents":
        print(json.dumps(incidents(int(sys.argv[2]))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
