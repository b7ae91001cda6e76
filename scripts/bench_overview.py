"""The overview ("Tổng quan") over the report's province-year, for scripts/bench.py (part
"overview").

    bench_overview.py cold YEAR RUNS   the page for YEAR as the province's leader, RUNS times in
                                       process with the cache emptied before each (every figure
                                       computed: the first request after any write); seconds and
                                       queries

    bench_overview.py touch YEAR       one write through a service (a post's plan for January of
                                       YEAR, by its officer): the overview's cached figures are
                                       stale after it, as after any write

Prints one JSON object.
"""

import json
import os
import statistics
import sys
import time
from typing import Any


def setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()


def cold(year: int, runs: int) -> dict[str, Any]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from biengioi.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="lanhdao.tinh"))
    seconds, queries, size = [], 0, 0
    for _ in range(runs):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            page = client.get("/", {"period": str(year)})
            seconds.append(time.perf_counter() - began)
        assert page.status_code == 200, page.status_code
        queries, size = len(captured), len(page.content)
    began = time.perf_counter()
    client.get("/", {"period": str(year)})
    warm = time.perf_counter() - began
    return {
        "p50": statistics.median(seconds),
        "max": max(seconds),
        "queries": queries,
        "bytes": size,
        "warm": warm,
    }


def touch(year: int) -> dict[str, Any]:
    from biengioi.accounts.models import User
    from biengioi.operations.models import PatrolPlan
    from biengioi.operations.services import patrol_plan_set

    officer = User.objects.get(username="canbo.phulang")
    month = PatrolPlan.objects.filter(unit_id=officer.unit_id, year=year, month=1)
    version = max((p.version for p in month), default=0)
    planned = next((p.planned for p in month if p.kind == "unilateral"), 0)
    patrol_plan_set(
        actor=officer,
        unit_id=officer.unit_id,
        year=year,
        month=1,
        planned={"unilateral": (planned + 1) % 40},
        version=version,
    )
    return {"version": version + 1}


def main() -> None:
    setup()
    command, *args = sys.argv[1:]
    if command == "cold":
        answer = cold(int(args[0]), int(args[1]))
    elif command == "touch":
        answer = touch(int(args[0]))
    else:
        sys.exit(__doc__)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
