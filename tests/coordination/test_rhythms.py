"""The periods of a reporting duty and their due days (pure functions, no database): calendar
periods that follow one another without gap or overlap and cover the range asked for, each due
after it ends and before the stretch that follows it is over; a day a month lacks means its
last day."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biengioi.coordination.rhythms import (
    Period,
    Rhythm,
    day_range,
    due_dates,
    period_containing,
    period_of,
)

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@st.composite
def schedules(draw):
    rhythm = draw(st.sampled_from(list(Rhythm)))
    low, high = day_range(rhythm)
    due_day = draw(st.integers(low, high))
    due_month = draw(st.integers(1, 12)) if rhythm == Rhythm.YEARLY else None
    return rhythm, due_day, due_month


def _next_stretch_end(rhythm: str, end: date) -> date:
    """The last day of the week, month or year after a period ending on `end` (as the due day's
    convention counts it)."""
    after = end + timedelta(days=1)
    if rhythm == Rhythm.WEEKLY:
        return after + timedelta(days=6)
    if rhythm == Rhythm.YEARLY:
        return date(after.year, 12, 31)
    return period_containing(Rhythm.MONTHLY, after)[1]


@given(schedules(), days, st.integers(0, 1200))
def test_periods_follow_one_another_and_cover_the_range(schedule, start, span):
    rhythm, due_day, due_month = schedule
    end = start + timedelta(days=span)
    periods = due_dates(rhythm, due_day, start, end, due_month)
    assert periods, "a range of at least one day lies in at least one period"
    assert periods[0].start <= start <= periods[0].end
    assert periods[-1].start <= end <= periods[-1].end
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert later.start == earlier.end + timedelta(days=1)  # no gap, no overlap
    for p in periods:
        assert p.start <= p.end
        assert period_containing(rhythm, p.start) == (p.start, p.end)  # whole calendar periods


@given(schedules(), days)
def test_a_period_is_due_after_it_ends_and_before_the_next_stretch_is_over(schedule, day):
    rhythm, due_day, due_month = schedule
    period = period_of(rhythm, due_day, day, due_month)
    assert period.start <= day <= period.end
    assert period.end < period.due_on <= _next_stretch_end(rhythm, period.end)


@given(schedules(), days)
def test_due_dates_and_period_of_agree(schedule, day):
    rhythm, due_day, due_month = schedule
    assert due_dates(rhythm, due_day, day, day, due_month) == [
        period_of(rhythm, due_day, day, due_month)
    ]


@given(st.sampled_from([Rhythm.MONTHLY, Rhythm.QUARTERLY, Rhythm.HALF_YEARLY]), days)
def test_the_31st_means_the_last_day_of_a_shorter_month(rhythm, day):
    period = period_of(rhythm, 31, day)
    after = period.end + timedelta(days=1)
    assert period.due_on == period_containing(Rhythm.MONTHLY, after)[1]


@pytest.mark.parametrize(
    ("rhythm", "due_day", "due_month", "day", "expected"),
    [
        # the January report due on "the 31st" of February: the 28th, the 29th in a leap year
        (
            Rhythm.MONTHLY,
            31,
            None,
            date(2025, 1, 20),
            Period(date(2025, 1, 1), date(2025, 1, 31), date(2025, 2, 28)),
        ),
        (
            Rhythm.MONTHLY,
            31,
            None,
            date(2024, 1, 2),
            Period(date(2024, 1, 1), date(2024, 1, 31), date(2024, 2, 29)),
        ),
        (
            Rhythm.MONTHLY,
            30,
            None,
            date(2100, 1, 9),
            Period(date(2100, 1, 1), date(2100, 1, 31), date(2100, 2, 28)),
        ),
        (
            Rhythm.MONTHLY,
            5,
            None,
            date(2025, 12, 31),
            Period(date(2025, 12, 1), date(2025, 12, 31), date(2026, 1, 5)),
        ),
        # "by the 5th of the month after the quarter"
        (
            Rhythm.QUARTERLY,
            5,
            None,
            date(2025, 2, 14),
            Period(date(2025, 1, 1), date(2025, 3, 31), date(2025, 4, 5)),
        ),
        (
            Rhythm.QUARTERLY,
            31,
            None,
            date(2025, 8, 1),
            Period(date(2025, 7, 1), date(2025, 9, 30), date(2025, 10, 31)),
        ),
        (
            Rhythm.HALF_YEARLY,
            10,
            None,
            date(2024, 12, 31),
            Period(date(2024, 7, 1), date(2024, 12, 31), date(2025, 1, 10)),
        ),
        (
            Rhythm.HALF_YEARLY,
            31,
            None,
            date(2024, 3, 1),
            Period(date(2024, 1, 1), date(2024, 6, 30), date(2024, 7, 31)),
        ),
        # yearly: a day and a month of the next year; 29/02 in a common year is the 28th
        (
            Rhythm.YEARLY,
            15,
            1,
            date(2025, 6, 1),
            Period(date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 15)),
        ),
        (
            Rhythm.YEARLY,
            29,
            2,
            date(2025, 6, 1),
            Period(date(2025, 1, 1), date(2025, 12, 31), date(2026, 2, 28)),
        ),
        (
            Rhythm.YEARLY,
            29,
            2,
            date(2027, 6, 1),
            Period(date(2027, 1, 1), date(2027, 12, 31), date(2028, 2, 29)),
        ),
        # weekly: Monday to Sunday, due on a weekday of the next week (1 Monday … 7 Sunday)
        (
            Rhythm.WEEKLY,
            1,
            None,
            date(2025, 3, 5),
            Period(date(2025, 3, 3), date(2025, 3, 9), date(2025, 3, 10)),
        ),
        (
            Rhythm.WEEKLY,
            7,
            None,
            date(2025, 3, 9),
            Period(date(2025, 3, 3), date(2025, 3, 9), date(2025, 3, 16)),
        ),
        (
            Rhythm.WEEKLY,
            2,
            None,
            date(2024, 12, 31),
            Period(date(2024, 12, 30), date(2025, 1, 5), date(2025, 1, 7)),
        ),
    ],
)
def test_known_due_days(rhythm, due_day, due_month, day, expected):
    assert period_of(rhythm, due_day, day, due_month) == expected


def test_a_range_gives_the_whole_periods_that_overlap_it():
    periods = due_dates(Rhythm.QUARTERLY, 5, date(2025, 2, 15), date(2025, 7, 1))
    assert [(p.start, p.end) for p in periods] == [
        (date(2025, 1, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 9, 30)),
    ]
    assert due_dates(Rhythm.MONTHLY, 5, date(2025, 2, 1), date(2025, 1, 31)) == []


@pytest.mark.parametrize(
    ("rhythm", "due_day", "due_month"),
    [
        (Rhythm.WEEKLY, 0, None),
        (Rhythm.WEEKLY, 8, None),
        (Rhythm.MONTHLY, 0, None),
        (Rhythm.MONTHLY, 32, None),
        (Rhythm.YEARLY, 15, None),
        (Rhythm.YEARLY, 15, 13),
        ("fortnightly", 1, None),
    ],
)
def test_a_due_day_out_of_range_is_refused(rhythm, due_day, due_month):
    with pytest.raises(ValueError):
        due_dates(rhythm, due_day, date(2025, 1, 1), date(2025, 12, 31), due_month)
