"""A figure of a report with the same figure of the period it is compared with, and the way
Vietnamese documents write numbers: "21.790" (thousands with a dot), "1.449,566" (decimals with a
comma), "12,5%".

Pure: no database, no Django; the DOCX writer and the annex print through these helpers.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "BANG",
    "GIAM",
    "TANG",
    "Figure",
    "vn_change",
    "vn_decimal",
    "vn_int",
    "vn_number",
    "vn_percent",
]

Number = int | Decimal

TANG, GIAM, BANG = "tăng", "giảm", "bằng"


@dataclass(frozen=True)
class Figure:
    """A value of the period and the value of the period before ("cùng kỳ")."""

    value: Number
    previous: Number

    @property
    def change(self) -> Number:
        """The absolute change: positive when the figure grew."""
        return self.value - self.previous

    @property
    def percent(self) -> Decimal | None:
        """The change as a share of the previous value, in percent (one decimal place kept by
        the formatter); None when there was nothing before to compare with."""
        if not self.previous:
            return None
        return Decimal(self.change) * 100 / Decimal(self.previous)

    @property
    def trend(self) -> str:
        change = self.change
        return TANG if change > 0 else GIAM if change < 0 else BANG

    def __add__(self, other: "Figure") -> "Figure":
        return Figure(self.value + other.value, self.previous + other.previous)


def _group(digits: str) -> str:
    """Thousands separated by dots: "21790" → "21.790"."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def vn_int(value: Number) -> str:
    """An integer as Vietnamese text writes it: 21790 → "21.790", -1500 → "-1.500"."""
    number = int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if number < 0 else ""
    return sign + _group(str(abs(number)))


def vn_decimal(value: Number, places: int = 3) -> str:
    """A decimal with `places` digits after the comma: 1449.566 → "1.449,566"."""
    if places <= 0:
        return vn_int(value)
    quantum = Decimal(1).scaleb(-places)
    number = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    return f"{sign}{_group(whole)},{fraction}"


def vn_number(value: Number, places: int = 3) -> str:
    """An integer as `vn_int`, anything else as `vn_decimal` without trailing zeros:
    21790 → "21.790", Decimal("27.400") → "27,4", Decimal("12.000") → "12"."""
    if isinstance(value, int) or Decimal(value) == Decimal(value).to_integral_value():
        return vn_int(value)
    text = vn_decimal(value, places).rstrip("0")
    return text.rstrip(",")


def vn_percent(value: Number, places: int = 1) -> str:
    """A percentage: 12.5 → "12,5%", 20 → "20%", 33.333 → "33,3%"."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return vn_number(rounded, places) + "%"


def vn_change(figure: Figure, places: int = 3) -> str:
    """The change as a report words it: "tăng 21 (25%)", "giảm 3", "bằng"."""
    if figure.trend == BANG:
        return BANG
    change = figure.change
    magnitude = -change if change < 0 else change
    text = f"{figure.trend} {vn_number(magnitude, places)}"
    percent = figure.percent
    return text if percent is None else f"{text} ({vn_percent(abs(percent))})"
