"""Patrol work for scripts/bench.py, run inside a biengioi installation's environment.

    bench_patrols.py create N    record N patrols with 10 marker inspections each, through the
                                 service (one transaction each, as the pages and the API do)

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


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()
    if len(sys.argv) == 3 and sys.argv[1] == "create":
        print(json.dumps(create(int(sys.argv[2]))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
