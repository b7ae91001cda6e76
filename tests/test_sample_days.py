"""The sample province is dated from the day it is loaded: whatever that day, its month, its
half-year, its year and the year before have patrols and incidents, nothing happened after it
(only deadlines and plans lie ahead), and what the sample shows open or overdue stays so."""

from datetime import date, datetime

import pytest
from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from biengioi.accounts.models import User
from biengioi.cli import load_sample
from biengioi.coordination.models import InfoExchange, Task
from biengioi.operations import selectors
from biengioi.operations.models import Incident, Patrol
from biengioi.reports.models import Report
from tests.clock import stopped_on

pytestmark = pytest.mark.django_db

# leap day, first and last day of a year, first day of a half-year, and the real day of writing
ANCHORS = [date(2028, 2, 29), date(2027, 1, 1), date(2026, 12, 31), date(2026, 7, 1)]

# bookkeeping of the load itself, stamped by the real clock: accounts, the audit chain, the
# rows' created/updated moments
LOAD_STAMPS = {"accounts", "audit"}
# the days that may lie after the reference day: deadlines, plans, replies awaited
AHEAD = {
    ("coordination", "task", "deadline"),
    ("coordination", "infoexchange", "reply_by"),
    ("operations", "incident", "due_on"),
    ("operations", "incidentstep", "due_on"),
    ("operations", "patrol", "next_patrol_on"),
}


def _spans(day: date) -> dict[str, tuple[date, date]]:
    half = date(day.year, 1 if day.month <= 6 else 7, 1)
    return {
        "month": (day.replace(day=1), day),
        "half-year": (half, day),
        "year": (date(day.year, 1, 1), day),
        "year before": (date(day.year - 1, 1, 1), date(day.year - 1, 12, 31)),
    }


@pytest.fixture(scope="module", params=ANCHORS, ids=str)
def _anchored_sample(request, django_db_setup, django_db_blocker):
    """The whole sample loaded with the clock stopped on the anchor (the demo started that
    day), once per anchor for the tests of this module, in a transaction rolled back after the
    anchor's last test (each test in a savepoint of its own). Loading it for each test and
    anchor took three minutes of every CI run."""
    with stopped_on(request.param), django_db_blocker.unblock(), transaction.atomic():
        load_sample(request.param)
        yield request.param
        transaction.set_rollback(True)


@pytest.fixture
def anchored(_anchored_sample, db):
    """The anchor's sample; the clock stays on the anchor for the test."""
    with stopped_on(_anchored_sample):
        yield _anchored_sample


def test_each_period_of_the_reference_day_has_patrols_and_incidents(anchored):
    for name, (start, end) in _spans(anchored).items():
        patrols = [
            p for p in Patrol.objects.all() if start <= timezone.localdate(p.started_at) <= end
        ]
        incidents = Incident.objects.filter(detected_on__range=(start, end))
        assert patrols, f"no patrol in the {name} of {anchored}"
        assert incidents.exists(), f"no incident in the {name} of {anchored}"


def test_nothing_happened_after_the_reference_day(anchored):
    now = timezone.now()
    checked = 0
    for model in apps.get_models():
        if not model.__module__.startswith("biengioi.") or model._meta.app_label in LOAD_STAMPS:
            continue
        for field in model._meta.concrete_fields:
            label = (model._meta.app_label, model._meta.model_name, field.name)
            if not isinstance(field, models.DateField) or label in AHEAD:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue
            latest = model.objects.aggregate(latest=models.Max(field.name))["latest"]
            if latest is None:
                continue
            checked += 1
            if isinstance(latest, datetime):
                assert latest <= now, (label, latest, now)
            else:
                assert latest <= anchored, (label, latest, anchored)
    assert checked > 40  # the dates of every kind of record were looked at


def test_the_sample_keeps_its_open_and_overdue_records(anchored):
    officer = User.objects.get(username="canbo.phulang")
    counts = selectors.incident_counts(selectors.incident_list(actor=officer))
    assert (counts["total"], counts["closed"], counts["overdue"], counts["province"]) == (
        7,
        3,
        2,
        1,
    )
    fresh = Incident.objects.get(detected_on=anchored)
    assert fresh.closed_on is None and fresh.due_on > anchored  # found today, not yet due
    open_tasks = Task.objects.exclude(status="done")
    assert Task.objects.filter(status="done").count() == 1
    assert [t.title for t in open_tasks.filter(deadline__lt=anchored)] == [
        "Tuyên truyền Luật Biên giới quốc gia cho nhân dân các bản biên giới (DỮ LIỆU MẪU)"
    ]
    assert open_tasks.filter(deadline__gte=anchored).count() == 3  # two of the notice's, talks'
    agreed = Patrol.objects.exclude(next_patrol_on=None).latest("started_at").next_patrol_on
    assert agreed > anchored  # the next bilateral patrol agreed lies ahead
    awaited = InfoExchange.objects.filter(reply_expected=True, replied_on__isnull=True)
    assert sorted(e.reply_by > anchored for e in awaited) == [False, True]  # one late, one due


def test_this_years_report_counts_this_years_patrols(anchored):
    report = Report.objects.get(period_code=str(anchored.year))
    patrols = report.statistics["patrols"]["total"]["patrols"]
    assert patrols[0] >= 1 and patrols[1] >= 1, patrols  # this year, and the same days last year


def test_a_report_of_a_year_before_the_reform_counts_that_years_communes(anchored):
    """The sample holds its communes of before 01/07/2025 (24, in two districts) as the
    predecessors of today's 12: the report of 2024 counts 24 border communes, that of 2025
    (whose last day came after the reform) 12 against 24 the year before, and 2026 12."""
    from biengioi.reports.periods import parse
    from biengioi.reports.statistics import compute

    leader = User.objects.get(username="lanhdao.tinh")
    communes = {
        year: compute(leader, leader.unit_id, parse(year)).registry.total["border_communes"]
        for year in ("2024", "2025", "2026")
    }
    assert {year: (f.value, f.previous) for year, f in communes.items()} == {
        "2024": (24, 24),
        "2025": (12, 24),
        "2026": (12, 12),
    }


def test_the_sample_report_names_only_markers_the_province_holds(anchored):
    """A draft of the sample province once named markers 600 – 610 (a task's title), which the
    province does not hold: every marker its narrative names is one of the province's."""
    import re

    from biengioi.registry.models import Marker

    report = Report.objects.get(period_code=str(anchored.year))
    held = set(
        Marker.objects.filter(line__province__code="MAU-BC").values_list("identifier", flat=True)
    )
    text = " ".join(report.narrative.values())
    named = re.findall(r"mốc (\d+(?:\(\d\))?(?:/\d)?)(?: – (\d+))?", text)
    assert [n for pair in named for n in pair if n and n not in held] == []
    # the talks' task (due on the year's last day) is listed until that day
    assert named or anchored == date(anchored.year, 12, 31)
