"""The overview ("Tổng quan"): the figures a leader reads first, for the reader's own scope and a
chosen period, each with the same period of the year before.

Every figure is taken from the statistics the periodic report prints (`reports.statistics`),
never counted again here, so the overview and the report of the same scope and period cannot
disagree. A card opens the list its figures come from, filtered to the period.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext

from biengioi.audit import selectors as audit
from biengioi.core.stats import Number
from biengioi.operations import selectors as operations
from biengioi.operations.models import PatrolKind
from biengioi.registry.selectors import NOT_INTACT
from biengioi.reports import statistics as report_statistics
from biengioi.reports.figures import Figure
from biengioi.reports.periods import Period
from biengioi.reports.statistics import Monthly, Section, Statistics

CACHE_SECONDS = 600


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    figure: Figure
    percent: bool = False  # a share in percent, not a count
    planned: Figure | None = None  # what was planned against it, shown beside
    url: str = ""  # the list of what this line counts, when it differs from the card's


@dataclass(frozen=True)
class Card:
    key: str
    title: str
    main: Line
    lines: list[Line] = field(default_factory=list)
    url: str = ""
    alert: bool = False  # something needs action (overdue, missing, damaged)


def periods(today: date) -> list[Period]:
    """The periods the overview offers: this year and its halves and quarters so far, and last
    year and its halves."""
    year = today.year
    offered = [Period.year(year)]
    offered += [Period.half(year, h) for h in (1, 2) if Period.half(year, h).start <= today]
    offered += [
        Period.quarter(year, q) for q in (1, 2, 3, 4) if Period.quarter(year, q).start <= today
    ]
    offered += [Period.year(year - 1), Period.half(year - 1, 1), Period.half(year - 1, 2)]
    return offered


def _key(actor: Any, period: Period, today: date) -> str:
    """One state of the data for one scope, period and day: the audit chain's newest record,
    which every write adds to, is in it, so any write makes a new key; `today` too, since what
    is overdue moves with the day."""
    return f"overview:{actor.unit_id}:{period.code}:{today.isoformat()}:{audit.last_seq()}"


def figures(actor: Any, period: Period, today: date) -> tuple[Statistics, Monthly]:
    """The report's statistics of the actor's own scope (their unit and those under it) for the
    period, and the same month by month, computed once per state of the data (`_key`).

    Computing them takes about a second over a province-year of 100,000 records: requests of a
    server process that ask for the same key meanwhile (leaders opening the page together after
    a write) wait for that one computation instead of each doing it again."""
    key = _key(actor, period, today)
    found = cache.get(key)
    if found is not None:
        return found
    with _computing(key):
        found = cache.get(key)
        if found is None:
            found = (
                report_statistics.compute(actor, actor.unit_id, period, today=today),
                report_statistics.monthly(actor, actor.unit_id, period, today=today),
            )
            cache.set(key, found, CACHE_SECONDS)
    return found


def rendered(actor: Any, period: Period, today: date) -> tuple[str, str]:
    """The cards, the charts' data and their tables as HTML, and the "figures up to" note,
    rendered once per state of the data and language: a page asked again costs the cache, not
    the hundreds of figures formatted anew."""
    key = f"{_key(actor, period, today)}:html:{get_language()}"
    found = cache.get(key)
    if found is None:
        stats, monthly = figures(actor, period, today)
        drawn = charts(stats, monthly)
        html = render_to_string(
            "web/overview_figures.html",
            {"cards": cards(stats), "charts": drawn, "chart_data": [c.data() for c in drawn]},
        )
        found = (html, as_of_label(stats))
        cache.set(key, found, CACHE_SECONDS)
    return found


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def _computing(key: str) -> Iterator[None]:
    """Hold the lock of one cache key (made when first asked, dropped when nobody holds it)."""
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        yield
    with _locks_guard:
        if not lock.locked():
            _locks.pop(key, None)


def _zero() -> Figure:
    return Figure(0, 0)


def _get(section: Section, key: str) -> Figure:
    return section.total.get(key) or _zero()


_PARTS = {f"-{p}": p.lower() for p in ("H1", "H2", "Q1", "Q2", "Q3", "Q4")}


def _labelled(section: Section, by: str, code: str) -> str:
    """A breakdown row's name in the reader's language (the statistics keep Vietnamese)."""
    return gettext(section.labels.get(by, {}).get(code, code))


def _list(name: str, period: Period | None = None, **extra: Any) -> str:
    """A list page's address with its filters: the period's days when given (a count over the
    period), none when the figure is a state (open now)."""
    query = {"start": period.start.isoformat(), "end": period.end.isoformat()} if period else {}
    query.update({k: v for k, v in extra.items() if v})
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def _patrols(stats: Statistics) -> Card:
    period, section = stats.period, stats.patrols
    kinds = [
        Line(
            f"kind:{code}",
            _labelled(section, "kind", code),
            row["patrols"],
            planned=row.get("planned", _zero()),
            url=_list("operations:patrols", period, kind=code),
        )
        for code, row in section.by.get("kind", {}).items()
        if row["patrols"].value or row["patrols"].previous or row.get("planned", _zero()).value
    ]
    return Card(
        "patrols",
        gettext("Tuần tra so với kế hoạch"),
        Line(
            "patrols",
            gettext("Số đợt tuần tra"),
            _get(section, "patrols"),
            planned=_get(section, "planned"),
        ),
        [*kinds, Line("km", gettext("Quãng đường (km)"), _get(section, "km"))],
        _list("operations:patrols", period),
    )


def _inspected(stats: Statistics) -> Card:
    section = stats.patrols
    days = (stats.end - operations.fresh_from(stats.end)).days
    return Card(
        "inspected",
        gettext("Mốc được kiểm tra"),
        Line(
            "recent_percent",
            gettext("Tỷ lệ mốc được kiểm tra trong %(days)s ngày qua") % {"days": days},
            _get(section, "recent_percent"),
            percent=True,
        ),
        [
            Line("markers_recent", gettext("Số mốc đã kiểm tra"), _get(section, "markers_recent")),
            Line("markers", gettext("Số mốc"), _get(stats.registry, "markers")),
            Line(
                "not_inspected",
                gettext("Mốc chưa được kiểm tra trong kỳ"),
                _get(section, "not_inspected"),
            ),
        ],
        # the markers of the reader's area not inspected in those days, by the map's own rule
        reverse("web:markers_due"),
        alert=_get(section, "recent_percent").value < 100,
    )


def _markers(stats: Statistics) -> Card:
    statuses = stats.registry.by.get("marker_status", {})
    not_intact = sum(
        (f.get("count", _zero()) for code, f in statuses.items() if code != "intact"), _zero()
    )
    damaged = [
        Line(
            f"status:{code}",
            _labelled(stats.registry, "marker_status", code),
            row["count"],
            url=_list("registry:markers", status=code),
        )
        for code, row in statuses.items()
        if code != "intact" and (row["count"].value or row["count"].previous)
    ]
    repairs = _get(stats.registry, "repairs_open")
    return Card(
        "markers",
        gettext("Mốc không còn nguyên trạng"),
        Line("not_intact", gettext("Số mốc"), not_intact),
        [
            *damaged,
            Line(
                "repairs_open",
                gettext("Đang sửa chữa, khôi phục"),
                repairs,
                url=_list("operations:repairs", status="open"),
            ),
        ],
        _list("registry:markers", status=NOT_INTACT),
        alert=bool(not_intact.value),
    )


def _incidents(stats: Statistics) -> Card:
    period, section = stats.period, stats.incidents
    rungs = []
    for code, row in section.by.get("level", {}).items():
        label = _labelled(section, "level", code)
        rungs += [
            Line(
                f"open:{code}",
                gettext("%(level)s: đang giải quyết") % {"level": label},
                row["outstanding"],
                url=_list("operations:incidents", status="open", level=code),
            ),
            Line(
                f"overdue:{code}",
                gettext("%(level)s: quá hạn") % {"level": label},
                row["overdue"],
                url=_list("operations:incidents", status="overdue", level=code),
            ),
        ]
    return Card(
        "incidents",
        gettext("Vụ việc biên giới"),
        Line("outstanding", gettext("Đang giải quyết"), _get(section, "outstanding")),
        [
            Line(
                "overdue",
                gettext("Quá hạn"),
                _get(section, "overdue"),
                url=_list("operations:incidents", status="overdue"),
            ),
            *rungs,
            Line(
                "arisen",
                gettext("Phát sinh trong kỳ"),
                _get(section, "arisen"),
                url=_list("operations:incidents", period),
            ),
            Line("resolved", gettext("Đã giải quyết trong kỳ"), _get(section, "resolved")),
        ],
        _list("operations:incidents", status="open"),
        alert=bool(_get(section, "overdue").value),
    )


def cards(stats: Statistics) -> list[Card]:
    """The overview's cards from a report's statistics."""
    period = stats.period
    built: list[Callable[[], Card]] = [
        lambda: _patrols(stats),
        lambda: _inspected(stats),
        lambda: _markers(stats),
        lambda: _incidents(stats),
        lambda: Card(
            "crime",
            gettext("Phòng chống tội phạm"),
            Line("cases", gettext("Số vụ"), _get(stats.crime, "cases")),
            [
                Line("persons", gettext("Số đối tượng"), _get(stats.crime, "persons")),
                Line("prosecuted", gettext("Khởi tố"), _get(stats.crime, "prosecuted")),
                Line("fines_vnd", gettext("Tiền phạt (đồng)"), _get(stats.crime, "fines_vnd")),
                Line(
                    "seized_value_vnd",
                    gettext("Giá trị tang vật thu giữ (đồng)"),
                    _get(stats.crime, "seized_value_vnd"),
                ),
            ],
            _list("operations:crime_cases", period),
        ),
        lambda: Card(
            "propaganda",
            gettext("Tuyên truyền"),
            Line("sessions", gettext("Số buổi"), _get(stats.propaganda, "sessions")),
            [Line("listeners", gettext("Lượt người nghe"), _get(stats.propaganda, "listeners"))],
            _list("community:propaganda", period),
        ),
        lambda: Card(
            "handovers",
            gettext("Tiếp nhận, trao trả"),
            Line("operations", gettext("Số đợt"), _get(stats.handovers, "operations")),
            [Line("persons", gettext("Số người"), _get(stats.handovers, "persons"))],
            _list("operations:handovers", period),
        ),
    ]
    if stats.compliance is not None:
        compliance = stats.compliance
        built.append(
            lambda: Card(
                "compliance",
                gettext("Thực hiện chế độ báo cáo"),
                Line(
                    "on_time_percent",
                    gettext("Tỷ lệ đúng hạn"),
                    _get(compliance, "on_time_percent"),
                    percent=True,
                ),
                [
                    Line("due", gettext("Số kỳ phải nộp"), _get(compliance, "due")),
                    Line("late", gettext("Nộp muộn"), _get(compliance, "late")),
                    Line("missing", gettext("Chưa nộp"), _get(compliance, "missing")),
                ],
                reverse("coordination:compliance")
                + f"?year={period.start.year}&part={_PARTS.get(period.code[4:], 'year')}",
                alert=bool(_get(compliance, "missing").value),
            )
        )
    built.append(
        lambda: Card(
            "tasks",
            gettext("Nhiệm vụ"),
            Line("overdue", gettext("Quá hạn"), _get(stats.tasks, "overdue")),
            [
                Line("due", gettext("Đến hạn trong kỳ"), _get(stats.tasks, "due")),
                Line(
                    "done_on_time",
                    gettext("Hoàn thành đúng hạn"),
                    _get(stats.tasks, "done_on_time"),
                ),
            ],
            reverse("coordination:tasks") + "?status=overdue",
            alert=bool(_get(stats.tasks, "overdue").value),
        )
    )
    return [make() for make in built]


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    values: list[Number]
    planned: bool = False  # a plan, drawn dashed beside what was done


@dataclass(frozen=True)
class Chart:
    """A chart by month and the table of the same numbers beside it."""

    key: str
    title: str
    months: list[str]
    series: list[Series]

    @property
    def rows(self) -> list[tuple[str, list[Number]]]:
        return [(m, [s.values[i] for s in self.series]) for i, m in enumerate(self.months)]

    def data(self) -> dict[str, Any]:
        """What the page's script draws (passed by json_script)."""
        return {
            "key": self.key,
            "months": self.months,
            "series": [
                {"label": s.label, "values": [float(v) for v in s.values], "planned": s.planned}
                for s in self.series
            ],
        }


def _month(day: date) -> str:
    """A month as the interface writes it: 12/2026 in Vietnamese, Dec 2026 in English."""
    if get_language() == "en":
        return day.strftime("%b %Y")
    return f"{day.month:02d}/{day.year}"


def charts(stats: Statistics, monthly: Monthly) -> list[Chart]:
    """Patrols by kind against the plan, incidents by kind and state, reports on time, by
    month; a series that is zero in every month is left out."""
    months = [_month(first) for first, _last in monthly.months]
    patrols, incidents, compliance = (
        monthly.series["patrols"],
        monthly.series["incidents"],
        monthly.series["compliance"],
    )
    patrol_series = []
    for code in PatrolKind.values:
        kind = _labelled(stats.patrols, "kind", code)
        patrol_series += [
            Series(f"done:{code}", kind, patrols[f"done:{code}"]),
            Series(
                f"planned:{code}",
                gettext("%(kind)s (kế hoạch)") % {"kind": kind},
                patrols[f"planned:{code}"],
                planned=True,
            ),
        ]
    incident_series = [
        Series(key, _labelled(stats.incidents, "kind", key.split(":", 1)[1]), values)
        for key, values in incidents.items()
        if key.startswith("arisen:")
    ] + [
        Series("resolved", gettext("Đã giải quyết"), incidents["resolved"]),
        Series("outstanding", gettext("Đang giải quyết cuối tháng"), incidents["outstanding"]),
    ]
    report_series = [
        Series("on_time", gettext("Đúng hạn"), compliance["on_time"]),
        Series("late", gettext("Nộp muộn"), compliance["late"]),
        Series("missing", gettext("Chưa nộp"), compliance["missing"]),
    ]
    built = [
        Chart("patrols", gettext("Tuần tra theo tháng so với kế hoạch"), months, patrol_series),
        Chart("incidents", gettext("Vụ việc theo tháng"), months, incident_series),
        Chart("compliance", gettext("Báo cáo theo tháng"), months, report_series),
    ]
    return [
        Chart(c.key, c.title, c.months, [s for s in c.series if any(s.values)] or c.series[:1])
        for c in built
    ]


def as_of_label(stats: Statistics) -> str:
    """ "figures up to dd/mm/yyyy" for a period still running, else ""."""
    if stats.as_of is None:
        return ""
    return gettext("Số liệu tính đến ngày %(day)s") % {"day": stats.as_of.strftime("%d/%m/%Y")}
