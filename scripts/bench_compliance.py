"""The compliance table of the reporting duties for scripts/bench.py, run inside a biengioi
installation's environment (after `biengioi demo`).

    bench_compliance.py seed UNITS DUTIES   add UNITS border posts under the sample command, a
                                            regulation giving each DUTIES duties (monthly,
                                            quarterly, 6-monthly, yearly) and a year of
                                            submissions (last year's periods: most on time,
                                            some late, some missing), all in bulk
    bench_compliance.py queries YEAR        the queries and the time of one compliance table of
                                            YEAR read by the secretariat: the selector alone and
                                            the whole page (session, user and all)
    bench_compliance.py cookie              a signed-in session of the secretariat

Needs the installation's BIENGIOI_VAR_DIR (and DATABASE_URL, if any) in the environment. Each
command prints one JSON object on stdout, which bench.py reads and formats.
"""

import json
import os
import sys
import time
import uuid
from datetime import date, timedelta
from typing import Any

import django

USER = "thuongtruc.bcd"
# a unit's duties cycle through these rhythms (rhythm, due day, due month)
SCHEDULES = [
    ("monthly", 5, None),
    ("monthly", 10, None),
    ("quarterly", 10, None),
    ("monthly", 20, None),
    ("half_yearly", 15, None),
    ("monthly", 31, None),
    ("quarterly", 20, None),
    ("yearly", 15, 1),
    ("monthly", 25, None),
    ("quarterly", 5, None),
    ("monthly", 15, None),
    ("half_yearly", 31, None),
]


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()


def _secretariat() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.select_related("unit").get(username=USER)


def seed(units: int, duties: int) -> dict[str, Any]:
    from django.db import transaction
    from django.utils import timezone

    from biengioi.coordination.models import Duty, Submission
    from biengioi.coordination.rhythms import due_dates
    from biengioi.coordination.services import regulation_create
    from biengioi.registry.models import OrgUnit, UnitKind
    from biengioi.registry.services import unit_create

    actor = _secretariat()
    command = OrgUnit.objects.get(code="MAU-BC-BDBP")
    foreign = OrgUnit.objects.get(code="MAU-BC-SNGV")
    year = timezone.localdate().year - 1
    began = time.perf_counter()
    posts = []
    for k in range(units):
        code = f"MAU-BC-BENCH-{k:03d}"
        posts.append(
            OrgUnit.objects.filter(code=code).first()
            or unit_create(
                actor=None,
                code=code,
                name=f"Đồn Biên phòng thử {k + 1}",
                kind=UnitKind.BORDER_POST,
                parent_id=command.pk,
                is_sample=True,
            )
        )
    regulation, _ = regulation_create(
        actor=actor,
        client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"bench-regulation-{units}-{duties}"),
        number="99/QC-THU",
        signed_on=date(year - 1, 12, 1),
        title="Quy chế phối hợp (đo hiệu năng)",
        valid_from=date(year - 1, 12, 1),
        party_unit_ids=[command.pk, foreign.pk],
    )
    made_duties = made_submissions = 0
    with transaction.atomic():
        if not regulation.duties.exists():
            rows = []
            for post in posts:
                for d in range(duties):
                    rhythm, due_day, due_month = SCHEDULES[d % len(SCHEDULES)]
                    rows.append(
                        Duty(
                            regulation=regulation,
                            kind="report",
                            title=f"Báo cáo {d + 1}",
                            rhythm=rhythm,
                            due_day=due_day,
                            due_month=due_month,
                            owner=post,
                            created_by=actor,
                        )
                    )
            made = Duty.objects.bulk_create(rows, batch_size=1000)
            made_duties = len(made)
            submissions = []
            for n, duty in enumerate(made):
                periods = due_dates(
                    duty.rhythm, duty.due_day, date(year, 1, 1), date(year, 12, 31), duty.due_month
                )
                for m, period in enumerate(periods):
                    if period.end.year != year or (n + m) % 11 == 0:
                        continue  # one in eleven never sent
                    late = 4 if (n + m) % 7 == 0 else -((n + m) % 3)
                    submissions.append(
                        Submission(
                            duty=duty,
                            period_start=period.start,
                            period_end=period.end,
                            submitted_on=max(period.start, period.due_on + timedelta(days=late)),
                            reference=f"{m + 1}/BC",
                            figures={"Số lượt": m},
                            created_by=actor,
                        )
                    )
            Submission.objects.bulk_create(submissions, batch_size=2000)
            made_submissions = len(submissions)
    return {
        "year": year,
        "units": len(posts),
        "duties": Duty.objects.filter(regulation=regulation).count(),
        "duties_made": made_duties,
        "submissions": Submission.objects.filter(duty__regulation=regulation).count(),
        "submissions_made": made_submissions,
        "seconds": time.perf_counter() - began,
    }


def queries(year: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from biengioi.coordination import regulations_selectors as selectors

    actor = _secretariat()
    first, last = selectors.compliance_range(year)
    with CaptureQueriesContext(connection) as selector:
        began = time.perf_counter()
        table = selectors.compliance(actor=actor, first=first, last=last)
        seconds = time.perf_counter() - began
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(actor)
    began = time.perf_counter()  # the first request also loads the URLs, templates, catalogs
    client.get(f"/coordination/compliance/?year={year}&part=year")
    first_seconds = time.perf_counter() - began
    with CaptureQueriesContext(connection) as page:
        began = time.perf_counter()
        response = client.get(f"/coordination/compliance/?year={year}&part=year")
        page_seconds = time.perf_counter() - began
    cells = sum(1 for _ in table.cells())
    return {
        "units": len(table.units),
        "cells": cells,
        "share": table.total.share_on_time if table.total else None,
        "selector_queries": len(selector.captured_queries),
        "selector_seconds": seconds,
        "page_status": response.status_code,
        "page_queries": len(page.captured_queries),
        "page_seconds": page_seconds,
        "page_first_seconds": first_seconds,
        "page_bytes": len(response.content),
    }


def cookie() -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(_secretariat())
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }


def main() -> None:
    setup()
    command, *args = sys.argv[1:]
    if command == "seed":
        answer = seed(int(args[0]), int(args[1]))
    elif command == "queries":
        answer = queries(int(args[0]))
    elif command == "cookie":
        answer = cookie()
    else:
        sys.exit(__doc__)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
