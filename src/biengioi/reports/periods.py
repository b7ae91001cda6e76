"""Reporting periods: a year, a half-year, a quarter or any range of days, and the period a report
compares it with.

A period is written as a short code ("2025", "2025-H1", "2025-Q3", "2025-01-01..2025-03-31") or
read back from its Vietnamese label ("6 tháng đầu năm 2025", "năm 2025", "quý III năm 2025",
"từ ngày 01/01/2025 đến ngày 31/03/2025"). The comparison the provinces' reports make is with
the same period of the year before ("so với cùng kỳ năm trước"): a year with the year before, the
first half of 2025 with the first half of 2024, a range with the same days one year earlier.

`label` is what the document prints, always Vietnamese; `display` is the same in the interface's
language ("first half of 2025") for the pages, the API and the list exports.

No database; Django only for the gettext of `display`.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext, gettext_noop

from biengioi.core.days import shift_year

__all__ = ["Period", "PeriodError", "PeriodKind", "parse", "shift_year"]

ROMAN = ("I", "II", "III", "IV")
# `display`'s words, one msgid per half and quarter so that each translates whole
HALVES = (gettext_noop("6 tháng đầu năm {year}"), gettext_noop("6 tháng cuối năm {year}"))
QUARTERS = (
    gettext_noop("quý I năm {year}"),
    gettext_noop("quý II năm {year}"),
    gettext_noop("quý III năm {year}"),
    gettext_noop("quý IV năm {year}"),
)
_FIRST_YEAR, _LAST_YEAR = 1900, 2999


class PeriodError(ValueError):
    """A text that names no period (or a range that ends before it starts)."""


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    RANGE = "range"


def _vn_day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end` (both included), with the label a report prints."""

    start: date
    end: date
    label: str
    kind: PeriodKind = PeriodKind.RANGE
    # the half (1-2) or quarter (1-4) of a half-year or a quarter; 0 otherwise
    part: int = 0

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"{self.end} is before {self.start}")

    # --- constructors ------------------------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> "Period":
        _check_year(year)
        return cls(date(year, 1, 1), date(year, 12, 31), f"năm {year}", PeriodKind.YEAR)

    @classmethod
    def half(cls, year: int, half: int) -> "Period":
        _check_year(year)
        if half not in (1, 2):
            raise PeriodError(f"half {half}")
        start, end = (
            (date(year, 1, 1), date(year, 6, 30))
            if half == 1
            else (date(year, 7, 1), date(year, 12, 31))
        )
        label = f"6 tháng {'đầu' if half == 1 else 'cuối'} năm {year}"
        return cls(start, end, label, PeriodKind.HALF, half)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        _check_year(year)
        if quarter not in (1, 2, 3, 4):
            raise PeriodError(f"quarter {quarter}")
        start = date(year, 3 * quarter - 2, 1)
        end = (
            date(year, 12, 31)
            if quarter == 4
            else date(year, 3 * quarter + 1, 1) - timedelta(days=1)
        )
        return cls(start, end, f"quý {ROMAN[quarter - 1]} năm {year}", PeriodKind.QUARTER, quarter)

    @classmethod
    def between(cls, start: date, end: date) -> "Period":
        _check_year(start.year)
        _check_year(end.year)
        if end < start:
            raise PeriodError(f"{end} is before {start}")
        return cls(start, end, f"từ ngày {_vn_day(start)} đến ngày {_vn_day(end)}")

    # --- what a report needs -----------------------------------------------------------------

    @property
    def code(self) -> str:
        """The short form `parse` reads back: "2025", "2025-H1", "2025-Q3", "a..b"."""
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        if self.kind == PeriodKind.HALF:
            return f"{self.start.year}-H{self.part}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{self.part}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def display(self) -> str:
        """The label in the interface's language: "năm 2025" / "year 2025", "6 tháng đầu năm
        2025" / "first half of 2025"; in Vietnamese, `label` itself."""
        year = self.start.year
        if self.kind == PeriodKind.YEAR:
            return gettext("năm {year}").format(year=year)
        if self.kind == PeriodKind.HALF:
            return gettext(HALVES[self.part - 1]).format(year=year)
        if self.kind == PeriodKind.QUARTER:
            return gettext(QUARTERS[self.part - 1]).format(year=year)
        return gettext("từ ngày {start} đến ngày {end}").format(
            start=_vn_day(self.start), end=_vn_day(self.end)
        )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> "Period":
        """The comparable period before: the same period of the year before (cùng kỳ năm
        trước) — a year's is the year before, a half's or a quarter's the same half or quarter
        a year earlier, a range's the same days a year earlier."""
        year = self.start.year - 1
        if self.kind == PeriodKind.YEAR:
            return Period.year(year)
        if self.kind == PeriodKind.HALF:
            return Period.half(year, self.part)
        if self.kind == PeriodKind.QUARTER:
            return Period.quarter(year, self.part)
        return Period.between(shift_year(self.start, -1), shift_year(self.end, -1))


def _check_year(year: int) -> None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise PeriodError(f"year {year}")


def _iso(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise PeriodError(text) from exc


def _vn(text: str) -> date:
    day, month, year = (int(x) for x in text.split("/"))
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise PeriodError(text) from exc


_ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_VN_DAY = r"\d{1,2}/\d{1,2}/\d{4}"
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Period]]] = [
    (re.compile(r"(?:năm )?(\d{4})"), lambda m: Period.year(int(m[1]))),
    (re.compile(r"(\d{4})-h([12])"), lambda m: Period.half(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})-q([1-4])"), lambda m: Period.quarter(int(m[1]), int(m[2]))),
    (
        re.compile(rf"({_ISO_DAY})\.\.({_ISO_DAY})"),
        lambda m: Period.between(_iso(m[1]), _iso(m[2])),
    ),
    (
        re.compile(r"6 tháng (đầu|cuối) năm (\d{4})"),
        lambda m: Period.half(int(m[2]), 1 if m[1] == "đầu" else 2),
    ),
    (
        re.compile(r"quý (i|ii|iii|iv) năm (\d{4})"),
        lambda m: Period.quarter(int(m[2]), ROMAN.index(m[1].upper()) + 1),
    ),
    (
        re.compile(rf"từ ngày ({_VN_DAY}) đến ngày ({_VN_DAY})"),
        lambda m: Period.between(_vn(m[1]), _vn(m[2])),
    ),
]


def parse(text: str) -> Period:
    """The period a code or a Vietnamese label names; `PeriodError` when it names none."""
    cleaned = " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()
    for pattern, build in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return build(match)
    raise PeriodError(text)
