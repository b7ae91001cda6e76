"""The statistics of a periodic report: for a scope (the province, or one unit) and a period, every
figure the report prints, each with the same figure of the comparable period before
(`Period.previous()`, "cùng kỳ năm trước") and so its change.

`compute` reads each app through the app's own `statistics` module (plain numbers computed in
the database, the current and the previous period in the same query where the figure is a
count or a sum over a window of days) and composes them into a tree of frozen dataclasses:
one `Section` per part of the report, each with its totals and its breakdowns (by kind, by
commune ...), every leaf a `Figure`. What each figure counts is written in docs/reports.md.

Communes are rolled up across the 2025 reform: a record attached to a commune since merged counts
under the commune valid at the end of the report's period that it became part of. Units are
followed across it too: the scope is the unit's subtree and those of the units it, or a unit under
it, took over from (`registry.scope_paths`), so the records of a dissolved unit count in its
successor's report, in both periods.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import TextChoices
from django.utils import timezone, translation

from biengioi.community import statistics as community
from biengioi.community.models import (
    AwardKind,
    ProgrammeKind,
    PropagandaForm,
    TeamKind,
    TwinningKind,
)
from biengioi.coordination import regulations_selectors
from biengioi.coordination import statistics as coordination
from biengioi.coordination.models import ConferenceKind
from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.stats import Number, Span
from biengioi.core.text import unaccent
from biengioi.operations import statistics as operations
from biengioi.operations.models import (
    CrimeCategory,
    HandlingLevel,
    HandoverKind,
    IncidentKind,
    PatrolKind,
    SeizureUnit,
)
from biengioi.registry import statistics as registry
from biengioi.registry.models import GateKind, MarkerKind, MarkerStatusKind, OrgUnit, SignKind

from .figures import Figure
from .periods import Period, shift_year

__all__ = ["Monthly", "Section", "Statistics", "compute", "from_json", "monthly", "to_json"]

Figures = dict[str, Figure]
Pairs = Mapping[str, tuple[Number, ...]]


@dataclass(frozen=True)
class Section:
    """A part of the report: its totals, and breakdowns named by what they break down by
    ("kind", "commune" ...), each row keyed by a code (a choice's value, a commune's id) with
    its printed name in `labels`."""

    total: Figures
    by: dict[str, dict[str, Figures]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Statistics:
    """Every section of a report for one scope and period. `compliance` (the reports the
    coordination regulations expect: due, sent, on time, late, missing, the share on time, and
    that share per unit) is None only when a caller builds statistics without it."""

    scope_unit_id: int
    scope_name: str
    period: Period
    previous: Period
    registry: Section
    patrols: Section
    incidents: Section
    crime: Section
    handovers: Section
    rescues: Section
    gate_traffic: Section
    propaganda: Section
    training: Section
    teams: Section
    twinning: Section
    programmes: Section
    awards: Section
    conferences: Section
    tasks: Section
    compliance: Section | None = None
    # the day the figures stand at when they were computed before the period ended (a year's
    # report drafted in December): they cover `period.start` … `as_of` and are compared with
    # the same days a year earlier; None once the period has ended
    as_of: date | None = None

    @property
    def end(self) -> date:
        """The last day the figures cover: what "at the end of the period" means in them."""
        return self.as_of or self.period.end


# --- from the apps' plain numbers to figures ----------------------------------------------------


def _figures(pairs: Pairs) -> Figures:
    return {name: Figure(values[0], values[1]) for name, values in pairs.items()}


def _zero(names: Iterable[str]) -> Figures:
    return {name: Figure(0, 0) for name in names}


def _add(a: Figures, b: Figures) -> Figures:
    return {name: a.get(name, Figure(0, 0)) + b.get(name, Figure(0, 0)) for name in a | b}


def _sum(rows: Mapping[str, Figures], names: Iterable[str]) -> Figures:
    out = _zero(names)
    for row in rows.values():
        out = _add(out, row)
    return out


def _by_choice(
    grouped: Mapping[Any, Pairs], choices: type[TextChoices], names: Sequence[str]
) -> tuple[dict[str, Figures], dict[str, str]]:
    """One row per choice (zeros where nothing was recorded), plus any value outside them."""
    rows = {str(c.value): _zero(names) for c in choices}
    labels = {str(c.value): _vietnamese(c.label) for c in choices}
    for key, pairs in grouped.items():
        key = str(key)
        rows[key] = _add(rows.get(key, _zero(names)), _figures(pairs))
        labels.setdefault(key, key)
    return rows, labels


def _vietnamese(label: Any) -> str:
    """A choice's label as the document prints it, whatever the language of the request that
    computes the figures (the snapshot keeps it; the pages translate it when they show it)."""
    with translation.override("vi"):
        return str(label)


def _pair(current: Number, previous: Number) -> Figure:
    return Figure(current, previous)


def _by_commune(
    grouped: Mapping[Any, Pairs], graph: registry.CommuneGraph, day: Any, names: Sequence[str]
) -> tuple[dict[str, Figures], dict[str, str]]:
    """Rows per commune, rolled up to the communes valid on `day` (the report period's last
    day): the records of a commune merged since count under its successor, for both periods."""
    rows: dict[str, Figures] = {}
    labels: dict[str, str] = {}
    for commune_id, pairs in grouped.items():
        if commune_id is None or not any(any(values) for values in pairs.values()):
            continue
        target = graph.roll(commune_id, day)
        key = str(target)
        rows[key] = _add(rows.get(key, _zero(names)), _figures(pairs))
        labels[key] = graph.name(target)
    ordered = sorted(rows, key=lambda k: unaccent(labels[k]))
    return {k: rows[k] for k in ordered}, {k: labels[k] for k in ordered}


# --- the sections -------------------------------------------------------------------------------


def _registry(paths: Sequence[str], spans: Sequence[Span], graph: registry.CommuneGraph) -> Section:
    km = registry.border_km(paths)
    fixed: dict[str, tuple[dict[str, int], type[TextChoices]]] = {
        "marker_kind": (registry.markers_by_kind(paths), MarkerKind),
        "sign_kind": (registry.signs_by_kind(paths), SignKind),
        "gate_kind": (registry.gates_by_kind(paths), GateKind),
    }
    by: dict[str, dict[str, Figures]] = {}
    labels: dict[str, dict[str, str]] = {}
    for name, (counts, choices) in fixed.items():
        grouped = {k: {"count": (n, n)} for k, n in counts.items()}
        by[name], labels[name] = _by_choice(grouped, choices, ["count"])
    statuses = registry.markers_by_status(paths, spans)
    grouped_status = {
        k: {"count": (statuses[0].get(k, 0), statuses[1].get(k, 0))}
        for k in set(statuses[0]) | set(statuses[1])
    }
    by["marker_status"], labels["marker_status"] = _by_choice(
        grouped_status, MarkerStatusKind, ["count"]
    )
    open_now, open_before = registry.gates_open(paths, spans)
    communes_now, communes_before = registry.border_communes(paths, spans, graph)
    labels["border_communes"] = {
        str(pk): graph.name(pk)
        for pk in sorted(communes_now, key=lambda pk: unaccent(graph.name(pk)))
    }
    total = {
        "km": Figure(km, km),
        "markers": _sum(by["marker_kind"], ["count"])["count"],
        "signs": _sum(by["sign_kind"], ["count"])["count"],
        "gates": _sum(by["gate_kind"], ["count"])["count"],
        "gates_open": _pair(open_now, open_before),
        "border_communes": _pair(len(communes_now), len(communes_before)),
    }
    return Section(total, by, labels)


_PATROL = ["patrols", "planned", "km", "border_guards", "participants"]
_INSPECTION = [
    "inspections",
    "markers",
    "intact",
    "damaged",
    "displaced",
    "landslide",
    "lost",
    "cleared",
]


def _patrols(paths: Sequence[str], spans: Sequence[Span]) -> Section:
    done = operations.patrols(paths, spans)
    planned = operations.planned(paths, spans)
    grouped = {k: {**done.get(k, {}), **planned.get(k, {})} for k in done.keys() | planned.keys()}
    patrols, patrol_labels = _by_choice(grouped, PatrolKind, _PATROL)
    inspected, _ = _by_choice(operations.inspections(paths, spans), PatrolKind, _INSPECTION)
    rows = {kind: patrols[kind] | inspected.get(kind, _zero(_INSPECTION)) for kind in patrols}
    total = _sum(rows, _PATROL + _INSPECTION)
    # a marker met on patrols of two kinds is one marker: the distinct count is asked apart
    total["markers"] = _figures(operations.inspected_markers(paths, spans))["markers"]
    total["markers_recent"] = _figures(operations.inspected_recently(paths, spans))["markers"]
    return Section(total, {"kind": rows}, {"kind": patrol_labels})


def _incidents(
    paths: Sequence[str], spans: Sequence[Span], graph: registry.CommuneGraph
) -> Section:
    names = ["arisen", "resolved", "outstanding", "overdue"]
    flows = operations.incidents(paths, spans)
    at_end = operations.incidents_at_end(paths, spans)
    by_kind: dict[Any, dict[str, tuple[Number, ...]]] = {}
    by_level: dict[Any, dict[str, tuple[Number, ...]]] = {}
    for kind, pairs in flows.items():
        by_kind[kind] = {k: pairs[k] for k in ("arisen", "resolved")}
    for i, grouped in enumerate(at_end):
        for (kind, rung), pairs in grouped.items():
            for target, key in ((by_kind, kind), (by_level, rung)):
                row = target.setdefault(key, {})
                for name, source in (("outstanding", "open"), ("overdue", "overdue")):
                    values = list(row.get(name, (0, 0)))
                    values[i] += pairs[source][0]
                    row[name] = tuple(values)
    kinds, kind_labels = _by_choice(
        {k: {n: v.get(n, (0, 0)) for n in names} for k, v in by_kind.items()}, IncidentKind, names
    )
    levels, level_labels = _by_choice(
        {k: {n: v.get(n, (0, 0)) for n in ("outstanding", "overdue")} for k, v in by_level.items()},
        HandlingLevel,
        ["outstanding", "overdue"],
    )
    communes, commune_labels = _by_commune(
        operations.incidents_by_commune(paths, spans), graph, spans[0][1], ["arisen"]
    )
    return Section(
        _sum(kinds, names),
        {"kind": kinds, "level": levels, "commune": communes},
        {"kind": kind_labels, "level": level_labels, "commune": commune_labels},
    )


def _crime(paths: Sequence[str], spans: Sequence[Span]) -> Section:
    case_names = ["cases", "prosecuted", "sanctioned", "transferred", "pending", "fines_vnd"]
    person_names = ["persons", "wanted", "foreigners"]
    cases, labels = _by_choice(operations.crime_cases(paths, spans), CrimeCategory, case_names)
    persons, _ = _by_choice(operations.crime_persons(paths, spans), CrimeCategory, person_names)
    rows = {k: cases[k] | persons.get(k, _zero(person_names)) for k in cases}
    seized: dict[str, Figures] = {}
    seized_labels: dict[str, str] = {}
    for (category, unit), pairs in operations.seizures(paths, spans).items():
        key = f"{category}:{unit}"
        seized[key] = _figures(pairs)
        seized_labels[key] = f"{_label(CrimeCategory, category)} ({_label(SeizureUnit, unit)})"
    total = _sum(rows, case_names + person_names)
    total["seized_value_vnd"] = _sum(seized, ["value_vnd"])["value_vnd"]
    return Section(
        total,
        {"category": rows, "seizure": seized},
        {"category": labels, "seizure": seized_labels},
    )


def _label(choices: type[TextChoices], value: str) -> str:
    try:
        return _vietnamese(choices(value).label)
    except ValueError:
        return value


def _grouped_section(
    grouped: Mapping[Any, Pairs], choices: type[TextChoices], names: Sequence[str], by: str
) -> Section:
    rows, labels = _by_choice(grouped, choices, names)
    return Section(_sum(rows, names), {by: rows}, {by: labels})


def _propaganda(
    paths: Sequence[str], spans: Sequence[Span], graph: registry.CommuneGraph
) -> Section:
    names = ["sessions", "listeners", "leaflets", "calendars", "handbooks"]
    forms, form_labels = _by_choice(community.propaganda(paths, spans), PropagandaForm, names)
    communes, commune_labels = _by_commune(
        community.propaganda_by_commune(paths, spans), graph, spans[0][1], ["sessions", "listeners"]
    )
    total = _sum(forms, names)
    total["materials"] = total["leaflets"] + total["calendars"] + total["handbooks"]
    return Section(
        total,
        {"form": forms, "commune": communes},
        {"form": form_labels, "commune": commune_labels},
    )


def _teams(paths: Sequence[str], spans: Sequence[Span], graph: registry.CommuneGraph) -> Section:
    team_names = ["teams", "founded", "km", "vessels"]
    member_names = ["members", "collectives", "households", "individuals"]
    teams, labels = _by_choice(community.teams(paths, spans), TeamKind, team_names)
    members, _ = _by_choice(community.team_members(paths, spans), TeamKind, member_names)
    rows = {k: teams[k] | members.get(k, _zero(member_names)) for k in teams}
    total = _sum(rows, team_names + member_names)
    total |= _figures(community.team_markers(paths, spans))
    day = spans[0][1]
    by_commune, commune_labels = _by_commune(
        community.teams_by_commune(paths, spans), graph, day, ["teams"]
    )
    members_commune, member_labels = _by_commune(
        community.members_by_commune(paths, spans), graph, day, ["members"]
    )
    for key, figures in members_commune.items():
        by_commune[key] = by_commune.get(key, _zero(["teams"])) | figures
        commune_labels.setdefault(key, member_labels[key])
    for figures in by_commune.values():
        figures.setdefault("members", Figure(0, 0))
    return Section(
        total, {"kind": rows, "commune": by_commune}, {"kind": labels, "commune": commune_labels}
    )


def _twinning(paths: Sequence[str], spans: Sequence[Span]) -> Section:
    names = ["pairs", "signed", "meetings", "activities"]
    pairs, labels = _by_choice(community.twinning(paths, spans), TwinningKind, ["pairs", "signed"])
    acts, _ = _by_choice(
        community.twinning_activities(paths, spans), TwinningKind, ["meetings", "activities"]
    )
    rows = {k: pairs[k] | acts.get(k, _zero(["meetings", "activities"])) for k in pairs}
    return Section(_sum(rows, names), {"kind": rows}, {"kind": labels})


def _programmes(paths: Sequence[str], spans: Sequence[Span]) -> Section:
    b_names = ["beneficiaries", "taken_on", "monthly_vnd"]
    a_names = ["activities", "people_served", "spent_vnd"]
    people, labels = _by_choice(
        community.programme_beneficiaries(paths, spans), ProgrammeKind, b_names
    )
    acts, _ = _by_choice(community.programme_activities(paths, spans), ProgrammeKind, a_names)
    rows = {k: people[k] | acts.get(k, _zero(a_names)) for k in people}
    return Section(_sum(rows, b_names + a_names), {"kind": rows}, {"kind": labels})


def _tasks(paths: Sequence[str], spans: Sequence[Span]) -> Section:
    total = _figures(coordination.tasks(paths, spans))
    total["overdue"] = Figure(*coordination.tasks_overdue(paths, spans))

    def share(i: int) -> Decimal:
        due = (total["due"].value, total["due"].previous)[i]
        on_time = (total["done_on_time"].value, total["done_on_time"].previous)[i]
        return Decimal(on_time) * 100 / Decimal(due) if due else Decimal(0)

    total["on_time_percent"] = Figure(share(0), share(1))
    return Section(total)


# --- the whole ----------------------------------------------------------------------------------


def _share(on_time: Number, counted: Number) -> Decimal:
    """The share on time (or inspected ...) in percent, one decimal kept (0 when nothing was
    due)."""
    if not counted:
        return Decimal(0)
    return (Decimal(on_time) * 100 / Decimal(counted)).quantize(Decimal("0.1"))


def _compliance(actor: Any, paths: Sequence[str], spans: Sequence[Span]) -> Section:
    """The reports the coordination regulations expected of the scope's units (and of the units
    they took over from) in each span (the periods ending in it, as the compliance table counts
    them): due, sent, on time, late, missing and the share on time, in total and per owing
    unit. Two queries a span."""
    tables = [
        regulations_selectors.compliance(actor=actor, first=a, last=b, paths=paths)
        for a, b in spans
    ]

    def figures(rows: Sequence[Any]) -> Figures:
        def of(row: Any, name: str) -> Number:
            if row is None:
                return 0
            if name == "on_time_percent":
                return _share(row.on_time, row.counted)
            if name == "due":
                return row.counted
            if name == "submitted":
                return row.on_time + row.late
            return int(getattr(row, name))

        names = ["due", "submitted", "on_time", "late", "missing", "on_time_percent"]
        return {n: Figure(of(rows[0], n), of(rows[1], n)) for n in names}

    def most_days_late(row: Any) -> int:
        """The days past its due day of the unit's latest report (0 when none was late)."""
        if row is None:
            return 0
        days = [
            c.late_days
            for d in row.duties
            for c in d.cells
            if c.status == regulations_selectors.LATE
        ]
        return max(days, default=0)

    per_unit: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    for index, table in enumerate(tables):
        for row in table.units:
            key = str(row.unit.pk)
            names[key] = row.unit.name
            per_unit.setdefault(key, [None] * len(tables))[index] = row
    return Section(
        total=figures([t.total for t in tables]),
        by={
            "unit": {
                key: figures(rows)
                | {"late_days_max": Figure(most_days_late(rows[0]), most_days_late(rows[1]))}
                for key, rows in per_unit.items()
            }
        },
        labels={"unit": names},
    )


def compute(
    actor: Any, scope_unit_id: int, period: Period, today: date | None = None
) -> Statistics:
    """The statistics of `period` for the unit `scope_unit_id` and every unit under it (and the
    units they took over from), each figure with its value in `period.previous()`. The actor
    must see the unit (404 otherwise).

    A period still running on `today` (the annual report is drafted in December) is counted up
    to `today` and compared with the same days a year earlier, and what stands "at the end of
    the period" (markers' status, overdue incidents, open tasks) stands on `today`: the end
    is still to come, and an incident is not overdue on a day that has not come."""
    access.require(actor, "reports.view")
    unit = get_scoped_or_404(actor, OrgUnit.objects.all(), pk=scope_unit_id)
    previous = period.previous()
    today = today or timezone.localdate()
    as_of = today if period.start <= today < period.end else None
    spans: list[Span] = [
        (period.start, as_of or period.end),
        (previous.start, min(previous.end, shift_year(as_of, -1)) if as_of else previous.end),
    ]
    paths = registry.scope_paths(unit)
    graph = registry.CommuneGraph()
    border = _registry(paths, spans, graph)
    patrols = _patrols(paths, spans)
    # markers of the scope no patrol of the period inspected (markers as recorded now)
    patrols.total["not_inspected"] = Figure(
        max(0, border.total["markers"].value - patrols.total["markers"].value),
        max(0, border.total["markers"].previous - patrols.total["markers"].previous),
    )
    border.total["repairs_open"] = _figures(operations.repairs_open(paths, spans))["repairs_open"]
    # the share of them inspected in the last days up to the end (the map's "not stale")
    patrols.total["recent_percent"] = Figure(
        _share(patrols.total["markers_recent"].value, border.total["markers"].value),
        _share(patrols.total["markers_recent"].previous, border.total["markers"].previous),
    )
    return Statistics(
        scope_unit_id=unit.pk,
        scope_name=unit.name,
        period=period,
        previous=previous,
        registry=border,
        patrols=patrols,
        incidents=_incidents(paths, spans, graph),
        crime=_crime(paths, spans),
        handovers=_grouped_section(
            operations.handovers(paths, spans),
            HandoverKind,
            ["operations", "persons", "males", "females", "children", "wanted"],
            "kind",
        ),
        rescues=Section(_figures(operations.rescues(paths, spans))),
        gate_traffic=Section(_figures(operations.gate_traffic(paths, spans))),
        propaganda=_propaganda(paths, spans, graph),
        training=Section(_figures(community.training(paths, spans))),
        teams=_teams(paths, spans, graph),
        twinning=_twinning(paths, spans),
        programmes=_programmes(paths, spans),
        awards=_grouped_section(
            community.awards(paths, spans),
            AwardKind,
            ["awards", "collectives", "individuals", "amount_vnd"],
            "kind",
        ),
        conferences=_grouped_section(
            coordination.conferences(paths, spans), ConferenceKind, ["conferences"], "kind"
        ),
        tasks=_tasks(paths, spans),
        compliance=_compliance(actor, paths, spans),
        as_of=as_of,
    )


@dataclass(frozen=True)
class Monthly:
    """Figures of a period month by month, counted by the same functions as `compute` with one
    span a month: so the months of a flow (patrols done, planned, incidents arisen, reports due)
    add up to the period's figure. `series` holds, per chart, one list of values a month per
    series key ("done:unilateral", "arisen:smuggling", "on_time" ...); "outstanding" is a state
    (incidents open at the month's end) and does not add up."""

    months: list[Span]  # each month's first and last day counted (cut to the period, and today)
    series: dict[str, dict[str, list[Number]]]


def _month_spans(first: date, last: date) -> list[Span]:
    spans = []
    start = first
    while start <= last:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        spans.append((start, min(last, following - timedelta(days=1))))
        start = following
    return spans


def monthly(actor: Any, scope_unit_id: int, period: Period, today: date | None = None) -> Monthly:
    """The month-by-month figures of what the overview charts (patrols by kind against the
    plan, incidents by kind and state, reports on time) for the same scope and days as
    `compute(actor, scope_unit_id, period, today)`."""
    access.require(actor, "reports.view")
    unit = get_scoped_or_404(actor, OrgUnit.objects.all(), pk=scope_unit_id)
    today = today or timezone.localdate()
    as_of = today if period.start <= today < period.end else None
    spans = _month_spans(period.start, as_of or period.end)
    paths = registry.scope_paths(unit)
    n = len(spans)

    def listed(grouped: Mapping[Any, Pairs], name: str, prefix: str) -> dict[str, list[Number]]:
        return {f"{prefix}:{kind}": list(pairs[name]) for kind, pairs in grouped.items()}

    done = operations.patrols(paths, spans)
    zeros: list[Number] = [0] * n
    patrols: dict[str, list[Number]] = {
        **{f"done:{k}": list(zeros) for k in PatrolKind.values},
        **{f"planned:{k}": list(zeros) for k in PatrolKind.values},
        **listed(done, "patrols", "done"),
        **listed(operations.planned(paths, spans), "planned", "planned"),
    }
    flows = operations.incidents(paths, spans)
    incidents: dict[str, list[Number]] = {
        **{f"arisen:{k}": list(zeros) for k in IncidentKind.values},
        **listed(flows, "arisen", "arisen"),
    }
    for state in ("resolved", "outstanding"):
        incidents[state] = [sum(pairs[state][i] for pairs in flows.values()) for i in range(n)]
    # the reports due: one table over the months, each period counted in the month it ends in
    # (as a table of that month alone would count it)
    table = regulations_selectors.compliance(
        actor=actor, first=spans[0][0], last=spans[-1][1], paths=paths
    )
    compliance = {name: list(zeros) for name in ("on_time", "late", "missing")}
    month_of = {(first.year, first.month): i for i, (first, _last) in enumerate(spans)}
    for cell in table.cells():
        if cell.status in compliance:
            compliance[cell.status][month_of[(cell.period.end.year, cell.period.end.month)]] += 1
    return Monthly(spans, {"patrols": patrols, "incidents": incidents, "compliance": compliance})


# --- a snapshot as JSON ---------------------------------------------------------------------
# A report stores its statistics (an issued one, frozen): figures as [value, previous], a
# decimal written as {"d": "12.5"} so that it reads back as the same Decimal.


def _number_out(value: Number) -> Any:
    return value if isinstance(value, int) else {"d": str(value)}


def _number_in(value: Any) -> Number:
    return Decimal(value["d"]) if isinstance(value, dict) else int(value)


def _figures_out(figures: Figures) -> dict[str, list[Any]]:
    return {k: [_number_out(f.value), _number_out(f.previous)] for k, f in figures.items()}


def _figures_in(data: Mapping[str, Any]) -> Figures:
    return {k: Figure(_number_in(v[0]), _number_in(v[1])) for k, v in data.items()}


SECTION_NAMES = [
    "registry",
    "patrols",
    "incidents",
    "crime",
    "handovers",
    "rescues",
    "gate_traffic",
    "propaganda",
    "training",
    "teams",
    "twinning",
    "programmes",
    "awards",
    "conferences",
    "tasks",
    "compliance",
]


def _section_out(section: Section) -> dict[str, Any]:
    return {
        "total": _figures_out(section.total),
        "by": {
            by: {key: _figures_out(row) for key, row in rows.items()}
            for by, rows in section.by.items()
        },
        "labels": section.labels,
    }


def _section_in(data: Mapping[str, Any]) -> Section:
    return Section(
        _figures_in(data["total"]),
        {
            by: {key: _figures_in(row) for key, row in rows.items()}
            for by, rows in data.get("by", {}).items()
        },
        {by: dict(labels) for by, labels in data.get("labels", {}).items()},
    )


def to_json(stats: Statistics) -> dict[str, Any]:
    """The statistics as plain JSON, read back by `from_json`."""
    out: dict[str, Any] = {
        "scope_unit_id": stats.scope_unit_id,
        "scope_name": stats.scope_name,
        "period": stats.period.code,
        "as_of": stats.as_of.isoformat() if stats.as_of else None,
    }
    for name in SECTION_NAMES:
        section = getattr(stats, name)
        out[name] = None if section is None else _section_out(section)
    return out


def from_json(data: Mapping[str, Any]) -> Statistics:
    from .periods import parse

    period = parse(data["period"])
    sections = {
        name: None if data.get(name) is None else _section_in(data[name]) for name in SECTION_NAMES
    }
    return Statistics(
        scope_unit_id=data["scope_unit_id"],
        scope_name=data["scope_name"],
        period=period,
        previous=period.previous(),
        as_of=date.fromisoformat(data["as_of"]) if data.get("as_of") else None,
        **sections,  # type: ignore[arg-type]
    )
