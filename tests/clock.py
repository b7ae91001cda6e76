"""Django's clock stopped on a chosen day, for tests of what is dated from "today" (the sample
province): the services refuse days after today, so a reference day after the real one needs
the clock to stand on it."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

import pytest
from django.utils import timezone


@contextmanager
def stopped_on(day: date, at: time = time(12)) -> Iterator[datetime]:
    """`timezone.now()` (and so `localdate()`) answers `at` on `day`, local time, until the end
    of the block."""
    moment = timezone.make_aware(datetime.combine(day, at))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        yield moment
