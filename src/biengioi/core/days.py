"""Calendar arithmetic the apps share: the same day a year earlier for "cùng kỳ năm trước"
(the reports) and for the sample province dated from the day it is loaded."""

from datetime import date


def shift_year(day: date, years: int) -> date:
    """The same day `years` later (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
