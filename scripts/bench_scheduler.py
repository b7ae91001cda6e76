"""Reminder-scheduler work for scripts/bench.py, run inside a biengioi installation's environment.

    bench_scheduler.py run N   add N open tasks (in bulk) falling due within the reminder window
                               across 60 new units of the sample province with one user (with an
                               e-mail address) each; time one scheduler run (notifications made,
                               e-mails sent through Django's locmem backend), then a second run
                               right after it, which must make and send nothing
    bench_scheduler.py reports N
                               the same over N reports the coordination regulations expect and
                               nobody sent: a regulation of the province with monthly duties
                               (in bulk) owed by the same 60 units, as many duties as it takes
                               for N unsent periods due within the reminder window or overdue
                               (the last 90 days); the tasks job finds nothing new then

Needs the installation's BIENGIOI_VAR_DIR (and DATABASE_URL, if any) in the environment and the
demo loaded. Prints one JSON object on stdout, which bench.py reads and formats.
"""

import json
import os
import resource
import sys
import time
import uuid
from datetime import timedelta
from typing import Any

import django

UNITS = 60
MIB = 1024 * 1024


def _units() -> list[Any]:
    """60 units of the sample province, with one user (with an e-mail address) each."""
    from django.contrib.auth.hashers import make_password

    from biengioi.accounts.models import User
    from biengioi.registry.models import OrgUnit
    from biengioi.registry.services import unit_create

    province = OrgUnit.objects.get(code="MAU-BC")
    units = []
    for n in range(UNITS):
        code = f"MAU-BC-BENCH-{n:02d}"
        unit = OrgUnit.objects.filter(code=code).first() or unit_create(
            actor=None, code=code, name=f"Đơn vị thử {n:02d}", kind="agency", parent_id=province.pk
        )
        units.append(unit)
    password = make_password(None)  # unusable: these users never sign in
    User.objects.bulk_create(
        [
            User(
                username=f"bench.{n:02d}",
                password=password,
                unit=unit,
                role="unit_staff",
                email=f"bench.{n:02d}@example.invalid",
            )
            for n, unit in enumerate(units)
        ],
        ignore_conflicts=True,
    )
    return units


def _two_runs(figures: dict[str, Any]) -> dict[str, Any]:
    """Time one scheduler run, then a second right after it."""
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from biengioi.notifications.scheduler import run_once

    reverse("coordination:task", args=[1])  # load the URL map now: a process's start, not a run
    for name in ("first", "second"):
        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            result = run_once()
            seconds = time.perf_counter() - began
        figures[name] = {
            "seconds": seconds,
            "created": result.created,
            "emailed": result.emailed,
            "outbox": len(mail.outbox),
            "queries": len(queries.captured_queries),
            "failed": result.failed,
        }
    figures["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB
    return figures


def run(count: int) -> dict[str, Any]:
    from django.conf import settings
    from django.utils import timezone

    from biengioi.coordination.models import Task

    units = _units()
    today = timezone.localdate()
    days = settings.REMINDER_DAYS
    Task.objects.bulk_create(
        [
            Task(
                uuid=uuid.uuid4(),
                title=f"Nhiệm vụ thử số {n}",
                unit=units[n % UNITS],
                deadline=today + timedelta(days=n % (days + 1)),
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    return _two_runs({"tasks": count, "units": UNITS})


def reports(count: int) -> dict[str, Any]:
    from django.conf import settings
    from django.utils import timezone

    from biengioi.coordination.models import Duty, Regulation
    from biengioi.coordination.regulations_selectors import due_submissions
    from biengioi.registry.models import OrgUnit

    units = _units()
    today = timezone.localdate()
    days = settings.REMINDER_DAYS
    before = len(due_submissions(today, days))
    regulation = Regulation.objects.create(
        province=OrgUnit.objects.get(code="MAU-BC"),
        number="99/QC-BENCH",
        signed_on=today - timedelta(days=400),
        title="Quy chế thử (đo hiệu năng)",
        valid_from=today - timedelta(days=400),
    )
    regulation.parties.set(units)

    def duty(n: int) -> Duty:
        return Duty(
            uuid=uuid.uuid4(),
            regulation=regulation,
            kind="report",
            title=f"Báo cáo thử số {n}",
            rhythm="monthly",
            due_day=1 + n % 28,
            owner=units[n % UNITS],
        )

    made = due = 0
    while due < count:  # a monthly duty has 3 or 4 periods due in the last 90 days and next 3
        batch = min(500, (count - due) // 4 + 1)
        Duty.objects.bulk_create([duty(made + k) for k in range(batch)], batch_size=2000)
        made += batch
        due = len(due_submissions(today, days)) - before
    return _two_runs({"reports": due, "duties": made, "units": UNITS})


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    django.setup()
    if len(sys.argv) == 3 and sys.argv[1] == "run":
        print(json.dumps(run(int(sys.argv[2]))))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "reports":
        print(json.dumps(reports(int(sys.argv[2]))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
