"""The overview ("Tổng quan"): the figures a leader reads first, for the reader's own scope and a
chosen period, each with the same period of the year before.

Every figure is taken from the statistics the periodic report prints (`reports.statistics`),
never counted again here, so the overview and the report of the same scope and period cannot
disagree. A card opens the list its figures come from, filtered to the period.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext

from biengioi.audit import selectors as audit
from biengioi.reports import statistics as report_statistics
from biengioi.reports.figures import Figure
from biengioi.reports.periods import Period
from biengioi.reports.statistics import Section, Statistics

CACHE_SECONDS = 600


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    figure: Figure
    percent: bool = False  # a share in percent, not a count


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


def statistics(actor: Any, period: Period, today: date) -> Statistics:
    """The report's statistics of the actor's own scope (their unit and those under it) for the
    period, computed once per state of the data: the key holds the audit chain's newest record,
    which every write adds to, so any write computes them afresh; `today` too, since what is
    overdue moves with the day."""
    key = f"overview:{actor.unit_id}:{period.code}:{today.isoformat()}:{audit.last_seq()}"
    found = cache.get(key)
    if found is None:
        found = report_statistics.compute(actor, actor.unit_id, period, today=today)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _zero() -> Figure:
    return Figure(0, 0)


def _get(section: Section, key: str) -> Figure:
    return section.total.get(key) or _zero()


def _by(section: Section, by: str) -> list[Line]:
    """A breakdown's rows, labelled in the reader's language (the statistics keep Vietnamese)."""
    rows = section.by.get(by, {})
    labels = section.labels.get(by, {})
    first = next(iter(next(iter(rows.values()), {}).keys()), None) if rows else None
    if first is None:
        return []
    return [
        Line(f"{by}:{code}", gettext(labels.get(code, code)), figures[first])
        for code, figures in rows.items()
        if figures[first].value or figures[first].previous
    ]


def _list(name: str, period: Period, **extra: Any) -> str:
    query = {"start": period.start.isoformat(), "end": period.end.isoformat(), **extra}
    return f"{reverse(name)}?{urlencode(query)}"


def cards(stats: Statistics) -> list[Card]:
    """The overview's cards from a report's statistics."""
    period = stats.period
    marker_status = stats.registry.by.get("marker_status", {})
    not_intact = sum(
        (f.get("markers", _zero()) for code, f in marker_status.items() if code != "intact"),
        _zero(),
    )
    built: list[Callable[[], Card]] = [
        lambda: Card(
            "patrols",
            gettext("Tuần tra"),
            Line("patrols", gettext("Số đợt tuần tra"), _get(stats.patrols, "patrols")),
            _by(stats.patrols, "kind")
            + [Line("km", gettext("Quãng đường (km)"), _get(stats.patrols, "km"))],
            _list("operations:patrols", period),
        ),
        lambda: Card(
            "markers",
            gettext("Mốc quốc giới"),
            Line("markers", gettext("Số mốc"), _get(stats.registry, "markers")),
            [
                Line("not_intact", gettext("Mốc không còn nguyên trạng"), not_intact),
                Line(
                    "not_inspected",
                    gettext("Mốc chưa được kiểm tra trong kỳ"),
                    _get(stats.patrols, "not_inspected"),
                ),
            ],
            reverse("registry:markers"),
            alert=bool(not_intact.value),
        ),
        lambda: Card(
            "incidents",
            gettext("Vụ việc biên giới"),
            Line("arisen", gettext("Phát sinh"), _get(stats.incidents, "arisen")),
            [
                Line("resolved", gettext("Đã giải quyết"), _get(stats.incidents, "resolved")),
                Line("outstanding", gettext("Còn tồn đọng"), _get(stats.incidents, "outstanding")),
                Line("overdue", gettext("Quá hạn"), _get(stats.incidents, "overdue")),
            ],
            _list("operations:incidents", period),
            alert=bool(_get(stats.incidents, "overdue").value),
        ),
        lambda: Card(
            "crime",
            gettext("Phòng chống tội phạm"),
            Line("cases", gettext("Số vụ"), _get(stats.crime, "cases")),
            [
                Line("persons", gettext("Số đối tượng"), _get(stats.crime, "persons")),
                Line("prosecuted", gettext("Khởi tố"), _get(stats.crime, "prosecuted")),
                Line("fines_vnd", gettext("Tiền phạt (đồng)"), _get(stats.crime, "fines_vnd")),
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
                reverse("coordination:compliance") + f"?year={period.start.year}&part=year",
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


def as_of_label(stats: Statistics) -> str:
    """ "figures up to dd/mm/yyyy" for a period still running, else ""."""
    if stats.as_of is None:
        return ""
    return gettext("Số liệu tính đến ngày %(day)s") % {"day": stats.as_of.strftime("%d/%m/%Y")}
