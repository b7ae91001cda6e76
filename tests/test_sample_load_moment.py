"""The sample loaded at a moment of its reference day: what it dates that day ends by then
(apart from tests/test_sample_days.py, whose samples stay loaded for a whole anchor)."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from biengioi.cli import load_sample
from biengioi.operations.models import Patrol
from tests.clock import stopped_on

pytestmark = pytest.mark.django_db


def test_a_patrol_of_the_reference_day_ends_by_the_moment_it_is_loaded(db):
    day = date(2027, 3, 1)
    with stopped_on(day, at=time(9)) as moment:
        load_sample(day)
        today = [p for p in Patrol.objects.all() if timezone.localdate(p.started_at) == day]
        assert len(today) == 1
        assert today[0].ended_at == moment
        assert today[0].ended_at - today[0].started_at >= timedelta(hours=1)
