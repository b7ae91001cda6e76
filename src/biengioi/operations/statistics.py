"""The operations log's figures for a periodic report: plain numbers, one tuple per figure with a
value for each period asked (the report's and the one it is compared with), computed in the
database a section at a time.

Every function takes the materialised paths of the scope (records of the scope unit and of the
units under it, and of the units they took over from: registry.statistics.scope_paths; the first
is the scope unit's own) and the periods as (first day, last day) spans; the caller has checked
that the actor sees that unit. What each figure counts is written in docs/reports.md.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Exists, F, Min, OuterRef, Q, Subquery, Value, When

from biengioi.core.scope import root_id
from biengioi.core.stats import (
    Number,
    Span,
    as_of,
    count,
    day_bounds,
    grouped_over_spans,
    over_spans,
    total,
    under,
)
from biengioi.registry.models import Marker

from .models import (
    DEFAULT_DEADLINE_DAYS,
    FIGURES,
    CaseHandling,
    CasePerson,
    CrimeCase,
    GateTraffic,
    HandlingLevel,
    Handover,
    Incident,
    IncidentDeadline,
    IncidentKind,
    IncidentStep,
    MarkerInspection,
    MarkerRepair,
    Patrol,
    PatrolPlan,
    RescueOperation,
    Seizure,
)
from .selectors import fresh_from

Pairs = dict[str, tuple[Number, ...]]
Grouped = dict[Any, Pairs]


def _outer(spans: Sequence[Span]) -> Span:
    return min(s for s, _ in spans), max(e for _, e in spans)


# --- patrols and the markers inspected on them ------------------------------------------------

_PARTICIPANTS = (
    F("border_guards") + F("militia") + F("commune_police") + F("self_management") + F("other_side")
)


def patrols(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per patrol kind: patrols started in the period, km, border guards and all participants."""
    rows = Patrol.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "kind",
        {
            "patrols": count(),
            "km": total("distance_km"),
            "border_guards": total("border_guards"),
            "participants": total(_PARTICIPANTS),
        },
        date_field="started_at",
        moment=True,
    )


def inspections(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per patrol kind: markers inspected on the period's patrols (inspections, distinct
    markers), what was found, and vegetation cleared."""
    rows = MarkerInspection.objects.filter(under("patrol__unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "patrol__kind",
        {
            "inspections": count(),
            "markers": count(field="marker", distinct=True),
            "intact": count(Q(status="intact")),
            "damaged": count(Q(status="damaged")),
            "displaced": count(Q(status="displaced")),
            "landslide": count(Q(status="landslide")),
            "lost": count(Q(status="lost")),
            "cleared": count(Q(vegetation_cleared=True)),
        },
        date_field="patrol__started_at",
        moment=True,
    )


def inspected_markers(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """Distinct markers inspected on the period's patrols, whatever their kind."""
    rows = MarkerInspection.objects.filter(under("patrol__unit__path", paths))
    return over_spans(
        rows,
        spans,
        {"markers": count(field="marker", distinct=True)},
        date_field="patrol__started_at",
        moment=True,
    )


def planned(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per patrol kind: the patrols the posts planned for the months of the period (a month's
    plan counts in the period holding its first day, as a month's gate traffic does)."""

    def months(start: date, end: date) -> Q:
        first = start.year * 12 + start.month + (1 if start.day > 1 else 0)
        return Q(month_no__gte=first, month_no__lte=end.year * 12 + end.month)

    rows = PatrolPlan.objects.filter(under("unit__path", paths)).annotate(
        month_no=F("year") * 12 + F("month")
    )
    return grouped_over_spans(
        rows, spans, "kind", {"planned": as_of(months, field="planned", sum=True)}
    )


def inspected_recently(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """The scope's markers a patrol inspected on one of the last days up to each span's end
    (from `fresh_from(end)`): those the map does not mark stale on that day. One query a
    span."""
    values = []
    for _start, end in spans:
        low, high = day_bounds((fresh_from(end), end))
        visited = MarkerInspection.objects.filter(
            marker=OuterRef("pk"), patrol__started_at__gte=low, patrol__started_at__lt=high
        )
        markers = Marker.objects.filter(under("post__path", paths))
        values.append(markers.filter(Exists(visited)).count())
    return {"markers": tuple(values)}


def repairs_open(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """Marker repairs open at each span's end (found by then, not yet closed)."""
    rows = MarkerRepair.objects.filter(under("unit__path", paths))
    return over_spans(
        rows,
        spans,
        {
            "repairs_open": as_of(
                lambda s, e: Q(detected_on__lte=e) & (Q(closed_on=None) | Q(closed_on__gt=e))
            )
        },
    )


# --- incidents ----------------------------------------------------------------------------------


def _open_at(end: date) -> Q:
    return Q(detected_on__lte=end) & (Q(closed_on=None) | Q(closed_on__gt=end))


def incidents(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind: arisen (detected in the period), resolved (closed in it), outstanding (open at
    its end)."""
    rows = Incident.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "kind",
        {
            "arisen": as_of(lambda s, e: Q(detected_on__gte=s, detected_on__lte=e)),
            "resolved": as_of(lambda s, e: Q(closed_on__gte=s, closed_on__lte=e)),
            "outstanding": as_of(lambda s, e: _open_at(e)),
        },
    )


def _deadlines(province_id: int) -> dict[tuple[str, str], int]:
    days: dict[tuple[str, str], int] = {
        (k.value, lv.value): DEFAULT_DEADLINE_DAYS[lv] for k in IncidentKind for lv in HandlingLevel
    }
    for row in IncidentDeadline.objects.filter(province_id=province_id).values(
        "kind", "level", "days"
    ):
        days[(row["kind"], row["level"])] = row["days"]
    return days


def _open_on(paths: Sequence[str], end: date, deadlines: dict[tuple[str, str], int]) -> Any:
    """The incidents open on `end`, each with the rung it stood on that day (`rung`: the highest
    rung of its steps by then), the day it reached that rung (`rung_on`) and whether it was past
    that rung's deadline on `end` (`late`: its first day plus the province's days for the kind
    and rung fell before it)."""
    reached = IncidentStep.objects.filter(incident=OuterRef("pk"), on__lte=end)

    def first_on(level: str) -> Subquery:
        return Subquery(
            reached.filter(level=level)
            .order_by()
            .values("incident")
            .annotate(first=Min("on"))
            .values("first")[:1]
        )

    rows = (
        Incident.objects.filter(under("unit__path", paths))
        .filter(_open_at(end))
        .annotate(
            province_on=first_on(HandlingLevel.PROVINCE),
            central_on=first_on(HandlingLevel.CENTRAL),
        )
    )
    # overdue on `end`: the rung's deadline (its first day + its days) fell before it
    cut = {key: end - timedelta(days=days) for key, days in deadlines.items()}
    overdue = Q()
    for kind in IncidentKind:
        overdue |= Q(kind=kind) & (
            Q(central_on__lt=cut[(kind, HandlingLevel.CENTRAL)])
            | Q(central_on=None, province_on__lt=cut[(kind, HandlingLevel.PROVINCE)])
            | Q(
                central_on=None,
                province_on=None,
                detected_on__lt=cut[(kind, HandlingLevel.GRASSROOTS)],
            )
        )
    return rows.annotate(
        rung=Case(
            When(central_on__isnull=False, then=Value(HandlingLevel.CENTRAL.value)),
            When(province_on__isnull=False, then=Value(HandlingLevel.PROVINCE.value)),
            default=Value(HandlingLevel.GRASSROOTS.value),
        ),
        late=Case(When(overdue, then=Value(1)), default=Value(0)),
    )


def incidents_at_end(
    paths: Sequence[str], spans: Sequence[Span]
) -> list[dict[tuple[str, str], Pairs]]:
    """For each span, the incidents open at its end per (kind, rung they stood on that day):
    open, and overdue (past the deadline of that rung, counted from the day they reached it,
    with the province's deadlines as they are now). One query a span."""
    deadlines = _deadlines(root_id(paths[0]))
    return [
        grouped_over_spans(
            _open_on(paths, end, deadlines),
            [(date.min, end)],
            ("kind", "rung"),
            {"open": count(), "overdue": total("late")},
        )
        for _start, end in spans
    ]


@dataclass(frozen=True)
class Overdue:
    """An incident past its rung's deadline on a day: what the report names of it."""

    pk: int
    title: str
    kind: str
    rung: str  # the rung it stood on that day (HandlingLevel)
    due: date  # the day that rung should have settled it by
    days_over: int  # days from `due` to the day


def overdue_on(paths: Sequence[str], end: date) -> list[Overdue]:
    """The incidents counted overdue on `end` by `incidents_at_end` (the same rule, the same
    deadlines), each with its rung that day and the days past that rung's deadline; the longest
    overdue first. One query."""
    deadlines = _deadlines(root_id(paths[0]))
    rows = (
        _open_on(paths, end, deadlines)
        .filter(late=1)
        .values("pk", "title", "kind", "rung", "detected_on", "province_on", "central_on")
    )
    out = []
    for row in rows:
        first = {
            HandlingLevel.CENTRAL.value: row["central_on"],
            HandlingLevel.PROVINCE.value: row["province_on"],
        }.get(row["rung"]) or row["detected_on"]
        due = first + timedelta(days=deadlines[(row["kind"], row["rung"])])
        out.append(
            Overdue(row["pk"], row["title"], row["kind"], row["rung"], due, (end - due).days)
        )
    return sorted(out, key=lambda o: (-o.days_over, o.pk))


def incidents_by_commune(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per commune (as recorded): incidents arisen in the period."""
    rows = Incident.objects.filter(under("unit__path", paths), commune__isnull=False)
    return grouped_over_spans(rows, spans, "commune", {"arisen": count()}, date_field="detected_on")


# --- crime --------------------------------------------------------------------------------------


def crime_cases(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per category: cases detected in the period, by how they were dealt with, and fines."""
    rows = CrimeCase.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "category",
        {
            "cases": count(),
            "prosecuted": count(Q(handling=CaseHandling.PROSECUTED)),
            "sanctioned": count(Q(handling=CaseHandling.SANCTIONED)),
            "transferred": count(Q(handling=CaseHandling.TRANSFERRED)),
            "pending": count(Q(handling=CaseHandling.PENDING)),
            "fines_vnd": total("fine_vnd"),
        },
        date_field="detected_on",
    )


def crime_persons(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per category: persons involved in the period's cases, of whom wanted and foreigners."""
    rows = CasePerson.objects.filter(under("case__unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "case__category",
        {
            "persons": count(),
            "wanted": count(Q(wanted=True)),
            "foreigners": count(~Q(nationality="VN")),
        },
        date_field="case__detected_on",
    )


def seizures(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per (category, unit of measure): quantity seized in the period's cases and its value."""
    rows = Seizure.objects.filter(under("case__unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        ("case__category", "unit"),
        {"quantity": total("quantity"), "value_vnd": total("value_vnd")},
        date_field="case__detected_on",
    )


# --- persons received and handed back, rescue, gate traffic -------------------------------------


def handovers(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind (receive, hand back, expel): operations in the period and their head counts."""
    rows = Handover.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "kind",
        {
            "operations": count(),
            "persons": total("persons"),
            "males": total("males"),
            "females": total("females"),
            "children": total("children"),
            "wanted": total("wanted"),
        },
        date_field="on",
    )


def rescues(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """Rescue and disaster responses begun in the period, people saved, and forces engaged."""
    rows = RescueOperation.objects.filter(under("unit__path", paths))
    return over_spans(
        rows,
        spans,
        {
            "operations": count(),
            "rescued": total("rescued"),
            "evacuated": total("evacuated"),
            "deaths": total("deaths"),
            "missing": total("missing"),
            "forces": total(F("border_guards") + F("militia") + F("other_forces")),
            "vehicles": total("vehicles"),
        },
        date_field="started_on",
    )


def gate_traffic(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """What crossed the gates in the period (day and month records alike: a gate's month is
    recorded one way only, so nothing is counted twice; a month record counts in the period
    holding its first day)."""
    rows = GateTraffic.objects.filter(under("unit__path", paths))
    return over_spans(
        rows,
        spans,
        {"records": count(), **{name: total(name) for name in FIGURES}},
        date_field="on",
    )
