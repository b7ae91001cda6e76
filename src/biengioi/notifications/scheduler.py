"""The scheduler: the reminder jobs apps register, run once (`biengioi scheduler --once`) or
every few minutes (the worker, `biengioi scheduler`, or embedded in `biengioi demo` / `serve
--scheduler`).

A job is a function `(today) -> list[Reminder]` (the scheduler makes the notifications) or one
that calls `notify` itself and returns None. Apps register theirs in `AppConfig.ready`:

    from biengioi.notifications.scheduler import register
    register("coordination.tasks", task_reminders)

A job that fails is logged and named in the run; the others still run. After the jobs, a run
tries again the e-mails earlier runs could not send (`services.resend_failed`). A run that made
notifications, sent e-mails or saw a job fail leaves one `SchedulerRun` row and one audit
record with its counts; a run with nothing to say leaves nothing, so a worker waking every five
minutes does not fill the audit trail.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import close_old_connections, transaction
from django.utils import timezone

from biengioi.audit import services as audit

from .models import SchedulerRun
from .services import Notified, Reminder, notify_many, resend_failed

__all__ = ["JOBS", "Reminder", "RunResult", "loop", "register", "run_once"]

log = logging.getLogger(__name__)
Job = Callable[[date], list[Reminder] | None]
JOBS: dict[str, Job] = {}


def register(name: str, job: Job) -> None:
    """Add (or replace) the job called `name`."""
    JOBS[name] = job


@dataclass
class RunResult:
    created: int = 0
    emailed: int = 0
    jobs: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


def run_once(today: date | None = None) -> RunResult:
    """Run every registered job once for `today` (Hà Nội time by default)."""
    today = today or timezone.localdate()
    started = timezone.now()
    result = RunResult()
    for name, job in list(JOBS.items()):
        try:
            reminders = job(today)
            made = notify_many(reminders) if reminders is not None else Notified()
        except Exception:
            log.exception("scheduler job %s failed", name)
            result.failed.append(name)
            continue
        result.jobs[name] = len(made.created)
        result.created += len(made.created)
        result.emailed += made.emailed
    try:  # the e-mails earlier runs could not send, the mail server being away
        result.emailed += resend_failed()
    except Exception:
        log.exception("resending notification e-mails failed")
        result.failed.append("notifications.resend")
    if result.created or result.emailed or result.failed:
        with transaction.atomic():
            run = SchedulerRun.objects.create(
                started_at=started,
                finished_at=timezone.now(),
                created=result.created,
                emailed=result.emailed,
                jobs=result.jobs,
                failed=result.failed,
            )
            audit.record(
                None,
                "scheduler.run",
                run,
                scope_path="/",
                after={
                    "created": result.created,
                    "emailed": result.emailed,
                    "jobs": result.jobs,
                    "failed": result.failed,
                    "today": today.isoformat(),
                },
            )
    return result


def loop(
    interval: float,
    stop: threading.Event,
    on_run: Callable[[RunResult], Any] | None = None,
) -> None:
    """Run the jobs now and then every `interval` seconds until `stop` is set. A run that fails
    as a whole (the database away) is logged, and the next one tries again."""
    while not stop.is_set():
        close_old_connections()
        try:
            result = run_once()
        except Exception:
            log.exception("scheduler run failed")
        else:
            if on_run is not None:
                on_run(result)
        finally:
            close_old_connections()
        stop.wait(interval)
