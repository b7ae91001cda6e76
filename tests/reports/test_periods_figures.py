"""Reporting periods and report figures: pure functions, tested without a database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from biengioi.reports.figures import Figure, vn_change, vn_decimal, vn_int, vn_number, vn_percent
from biengioi.reports.periods import Period, PeriodError, PeriodKind, parse

years = st.integers(min_value=1901, max_value=2998)
days = st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31))


@st.composite
def periods(draw) -> Period:
    kind = draw(st.sampled_from(list(PeriodKind)))
    year = draw(years)
    if kind == PeriodKind.YEAR:
        return Period.year(year)
    if kind == PeriodKind.HALF:
        return Period.half(year, draw(st.integers(1, 2)))
    if kind == PeriodKind.QUARTER:
        return Period.quarter(year, draw(st.integers(1, 4)))
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(0, 800)))
    return Period.between(start, min(end, date(2998, 12, 31)))


def test_the_periods_the_seed_reports_use():
    h1 = parse("2025-H1")
    assert (h1.start, h1.end) == (date(2025, 1, 1), date(2025, 6, 30))
    assert h1.label == "6 tháng đầu năm 2025"
    year = parse("2025")
    assert (year.start, year.end, year.label) == (date(2025, 1, 1), date(2025, 12, 31), "năm 2025")
    assert parse("2025-H2").label == "6 tháng cuối năm 2025"
    q3 = parse("2025-Q3")
    assert (q3.start, q3.end, q3.label) == (date(2025, 7, 1), date(2025, 9, 30), "quý III năm 2025")
    assert parse("2024-Q1").end == date(2024, 3, 31)
    span = parse("2025-01-01..2025-03-31")
    assert (span.start, span.end) == (date(2025, 1, 1), date(2025, 3, 31))
    assert span.label == "từ ngày 01/01/2025 đến ngày 31/03/2025"


def test_previous_is_the_same_period_a_year_before():
    assert parse("2025").previous() == parse("2024")
    assert parse("2025-H1").previous() == parse("2024-H1")
    assert parse("2025-Q4").previous() == parse("2024-Q4")
    assert parse("2025-02-01..2025-04-15").previous() == parse("2024-02-01..2024-04-15")
    # a range that starts or ends on 29 February falls back to the 28th
    assert parse("2024-02-29..2024-03-10").previous() == parse("2023-02-28..2023-03-10")


@pytest.mark.parametrize(
    "text",
    ["", "2025-H3", "2025-Q5", "25", "2025-03-31..2025-01-01", "2025-02-30..2025-03-01", "H1"],
)
def test_a_text_that_names_no_period_is_refused(text):
    with pytest.raises(PeriodError):
        parse(text)


def test_labels_are_read_back_with_any_spacing_and_case():
    assert parse("  6 Tháng  đầu năm 2025 ") == parse("2025-H1")
    assert parse("Năm 2024") == parse("2024")
    assert parse("Quý iv năm 2023") == parse("2023-Q4")


@given(periods())
def test_code_and_label_read_back_to_the_same_period(period):
    assert parse(period.code) == period
    assert parse(period.label) == period


@given(periods())
def test_in_vietnamese_a_period_displays_its_label(period):
    with translation.override("vi"):
        assert period.display == period.label


@given(periods())
def test_previous_is_a_year_earlier_and_as_long(period):
    before = period.previous()
    assert before.kind == period.kind and before.part == period.part
    assert before.end < period.start or period.kind == PeriodKind.RANGE
    assert before.start.year == period.start.year - 1
    # as long, give or take the 29th of February
    assert abs(before.days - period.days) <= 1
    if period.kind != PeriodKind.RANGE:
        assert before.end < period.start


@given(years)
def test_halves_and_quarters_tile_the_year(year):
    whole = Period.year(year)
    halves = [Period.half(year, h) for h in (1, 2)]
    quarters = [Period.quarter(year, q) for q in (1, 2, 3, 4)]
    for parts in (halves, quarters):
        assert parts[0].start == whole.start and parts[-1].end == whole.end
        for a, b in zip(parts, parts[1:], strict=False):
            assert b.start == a.end + timedelta(days=1)
        assert sum(p.days for p in parts) == whole.days


def test_figure_change_percent_and_trend():
    up = Figure(108, 96)
    assert (up.change, up.percent, up.trend) == (12, Decimal("12.5"), "tăng")
    down = Figure(3, 4)
    assert (down.change, down.percent, down.trend) == (-1, Decimal(-25), "giảm")
    same = Figure(7, 7)
    assert (same.change, same.percent, same.trend) == (0, Decimal(0), "bằng")
    new = Figure(5, 0)
    assert (new.change, new.percent, new.trend) == (5, None, "tăng")
    assert Figure(Decimal("1.5"), Decimal("1")).percent == Decimal(50)
    assert Figure(1, 2) + Figure(3, 4) == Figure(4, 6)


def test_vietnamese_numbers():
    assert vn_int(21790) == "21.790"
    assert vn_int(562) == "562"
    assert vn_int(1234567) == "1.234.567"
    assert vn_int(-1500) == "-1.500"
    assert vn_int(0) == "0"
    assert vn_decimal(Decimal("1449.566")) == "1.449,566"
    assert vn_decimal(Decimal("27.4"), 1) == "27,4"
    assert vn_decimal(Decimal("-0.5"), 2) == "-0,50"
    assert vn_number(Decimal("27.400")) == "27,4"
    assert vn_number(Decimal("12.000")) == "12"
    assert vn_number(21790) == "21.790"
    assert vn_percent(Decimal("12.5")) == "12,5%"
    assert vn_percent(20) == "20%"
    assert vn_percent(Decimal(100) / 3) == "33,3%"
    assert vn_change(Figure(108, 96)) == "tăng 12 (12,5%)"
    assert vn_change(Figure(3, 4)) == "giảm 1 (25%)"
    assert vn_change(Figure(5, 0)) == "tăng 5"
    assert vn_change(Figure(5, 5)) == "bằng"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_an_integer_reads_back_from_its_vietnamese_text(n):
    text = vn_int(n)
    assert int(text.replace(".", "")) == n
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_a_decimal_reads_back_from_its_vietnamese_text(d):
    text = vn_decimal(d, 3)
    assert Decimal(text.replace(".", "").replace(",", ".")) == d
