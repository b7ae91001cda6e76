"""The ranges that every id, integer and date a client sends is held to where it is parsed (the
API's `In` schemas in core.api, the pages' date fields in core.forms), so that nothing beyond them
reaches a query or a sum: past them an id does not fit the database's 64-bit integer (SQLite
raises OverflowError, PostgreSQL a DataError) and date arithmetic (the day after 31/12/9999, a
period a year before 01/01/0001) overflows, each a server error."""

from datetime import date, datetime

from .errors import Code, DomainError

ID_MIN = 1
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # a 64-bit integer column (bigint, SQLite INTEGER)
# Wide enough for the dates of border work and far enough from the calendar's ends (years 1 and
# 9999) for any period arithmetic (reports' periods are property-tested over 1901..2998).
DAY_MIN, DAY_MAX = date(1900, 1, 1), date(2999, 12, 31)


def is_id_field(name: str) -> bool:
    """An integer field that names a record: `id`, `unit_id`, `section_ids`."""
    return name == "id" or name.endswith(("_id", "_ids"))


def check_day(value: date, *, field: str) -> date:
    """A date, or the date of a moment, within DAY_MIN..DAY_MAX; refused naming `field`."""
    day = value.date() if isinstance(value, datetime) else value
    if not DAY_MIN <= day <= DAY_MAX:
        raise DomainError(
            Code.DAY_OUT_OF_RANGE,
            field=field,
            low=DAY_MIN.strftime("%d/%m/%Y"),
            high=DAY_MAX.strftime("%d/%m/%Y"),
        )
    return value
