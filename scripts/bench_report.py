"""The statistics of a periodic report for scripts/bench.py, run inside a biengioi installation's
environment (the sample province of `biengioi demo`).

    bench_report.py seed N     add N records spread over the modules (patrols and inspections,
                               incidents and steps, crime cases with persons and seizures,
                               hand-overs, gate traffic, propaganda, teams and members, training,
                               twinning and meetings, awards, tasks and progress) in bulk, dated
                               over last year and the year before
    bench_report.py compute    compute the province's statistics for last year (compared with
                               the year before): seconds, queries, peak memory; then draft
                               the narrative and render the DOCX and the XLSX annex: seconds
                               of each, the total, and the process's peak memory after them

Needs the installation's BIENGIOI_VAR_DIR (and DATABASE_URL, if any) in the environment. Each
command prints one JSON object on stdout, which bench.py reads and formats.
"""

import json
import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from typing import Any

import django

MIB = 1024 * 1024
SECRETARIAT = "thuongtruc.bcd"
OFFICER = "canbo.phulang"
# the share of the records each kind takes (they add up to 1)
SHARES = {
    "patrols": 0.12,
    "inspections": 0.12,
    "incidents": 0.08,
    "steps": 0.04,
    "cases": 0.04,
    "persons": 0.04,
    "seizures": 0.02,
    "handovers": 0.03,
    "traffic": 0.03,
    "sessions": 0.15,
    "teams": 0.03,
    "members": 0.10,
    "courses": 0.01,
    "twinnings": 0.01,
    "meetings": 0.04,
    "awards": 0.04,
    "tasks": 0.06,
    "progress": 0.04,
}


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biengioi.settings")
    django.setup()


def rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _years() -> tuple[int, int]:
    last = date.today().year - 1  # noqa: DTZ011 - a whole year in the past
    return last, last - 1


def seed(count: int) -> dict[str, Any]:  # noqa: PLR0915 - one list of bulk inserts
    from biengioi.accounts.models import User
    from biengioi.community.models import (
        Award,
        PropagandaSession,
        SelfManagementTeam,
        TeamMember,
        TrainingCourse,
        Twinning,
        TwinningActivity,
    )
    from biengioi.coordination.models import Task, TaskProgress
    from biengioi.operations.models import (
        DEFAULT_DEADLINE_DAYS,
        CasePerson,
        CrimeCase,
        GateTraffic,
        Handover,
        Incident,
        IncidentStep,
        MarkerInspection,
        Patrol,
        Seizure,
    )
    from biengioi.registry.models import (
        AdminLevel,
        AdminUnit,
        BorderLine,
        CounterpartUnit,
        Gate,
        Marker,
        OrgUnit,
    )

    rng = random.Random(8)  # noqa: S311 - test data, not secrets
    officer = User.objects.select_related("unit").get(username=OFFICER)
    province = OrgUnit.objects.get(pk=int(officer.unit.path.strip("/").split("/")[0]))
    posts = list(OrgUnit.objects.filter(path__startswith=province.path, kind="border_post"))
    line = BorderLine.objects.filter(province=province).first()
    markers = list(Marker.objects.filter(line=line).values_list("pk", flat=True))
    gates = list(Gate.objects.filter(line=line))
    counterpart = CounterpartUnit.objects.filter(province=province).first()
    communes = list(
        AdminUnit.objects.filter(level=AdminLevel.COMMUNE, valid_to__isnull=True).values_list(
            "pk", flat=True
        )[:12]
    )
    last, before = _years()
    first = date(before, 1, 1)
    n = {name: int(count * share) for name, share in SHARES.items()}

    def day() -> date:
        return first + timedelta(days=rng.randrange(730))

    def post() -> OrgUnit:
        return rng.choice(posts)

    began = time.perf_counter()
    made = 0

    def bulk(model: Any, rows: list[Any]) -> list[Any]:
        nonlocal made
        made += len(rows)
        return model.objects.bulk_create(rows, batch_size=2000)

    patrols = []
    for _ in range(n["patrols"]):
        d = day()
        start = datetime(d.year, d.month, d.day, 1, tzinfo=UTC)
        kind = rng.choice(["unilateral", "unilateral", "bilateral", "joint"])
        patrols.append(
            Patrol(
                unit=post(),
                kind=kind,
                host_side="vn" if kind == "bilateral" else "",
                counterpart=counterpart if kind == "bilateral" else None,
                line=line,
                started_at=start,
                ended_at=start + timedelta(hours=6),
                distance_km=rng.randrange(5, 30),
                border_guards=rng.randrange(3, 12),
            )
        )
    patrols = bulk(Patrol, patrols)
    bulk(
        MarkerInspection,
        [
            MarkerInspection(
                patrol=patrols[i % len(patrols)],
                marker_id=markers[(i // len(patrols)) % len(markers)],
                status=rng.choice(["intact"] * 8 + ["damaged", "displaced"]),
            )
            for i in range(n["inspections"])
        ],
    )
    incidents = []
    for _ in range(n["incidents"]):
        d = day()
        closed = d + timedelta(days=rng.randrange(1, 120)) if rng.random() < 0.7 else None
        incidents.append(
            Incident(
                unit=post(),
                kind=rng.choice(["encroachment", "illegal_crossing", "resources", "other"]),
                title="Vụ việc thử",
                lon=gates[0].lon,
                lat=gates[0].lat,
                line=line,
                detected_on=d,
                detected_by="Tổ tuần tra",
                level="grassroots",
                level_since=d,
                due_on=None if closed else d + timedelta(days=DEFAULT_DEADLINE_DAYS["grassroots"]),
                closed_on=closed,
            )
        )
    incidents = bulk(Incident, incidents)
    bulk(
        IncidentStep,
        [
            IncidentStep(
                incident=inc,
                level="province" if i % 4 == 0 else "grassroots",
                on=inc.detected_on + timedelta(days=1),
                handled_by="Đồn",
                channel="meeting",
                summary="Gặp phía bạn",
            )
            for i, inc in enumerate(incidents[: n["steps"]])
        ],
    )
    cases = bulk(
        CrimeCase,
        [
            CrimeCase(
                unit=post(),
                category=rng.choice(["drugs", "smuggling", "trafficking", "illegal_crossing"]),
                title="Vụ thử",
                detected_on=day(),
            )
            for _ in range(n["cases"])
        ],
    )
    bulk(
        CasePerson,
        [
            CasePerson(case=cases[i % len(cases)], full_name=f"Đối tượng {i}", sex="male")
            for i in range(n["persons"])
        ],
    )
    bulk(
        Seizure,
        [
            Seizure(case=cases[i % len(cases)], item="Heroin", quantity=1, unit="banh")
            for i in range(n["seizures"])
        ],
    )
    bulk(
        Handover,
        [
            Handover(
                unit=post(),
                kind=rng.choice(["receive", "hand_back"]),
                on=day(),
                gate=gates[0],
                counterpart=counterpart,
                persons=3,
                males=2,
                females=1,
                nationality="VN",
            )
            for _ in range(n["handovers"])
        ],
    )
    used = set(
        GateTraffic.objects.filter(gate__in=gates, period="day").values_list("gate_id", "on")
    )
    traffic = []
    for i in range(n["traffic"]):
        gate = gates[i % len(gates)]
        on = first + timedelta(days=(i // len(gates)) % 730)
        if (gate.pk, on) in used:
            continue
        used.add((gate.pk, on))
        traffic.append(
            GateTraffic(
                unit=gate.post, gate=gate, period="day", on=on, persons_out=100, persons_in=90
            )
        )
    bulk(GateTraffic, traffic)
    bulk(
        PropagandaSession,
        [
            PropagandaSession(
                unit=post(),
                on=day(),
                commune_id=rng.choice(communes),
                form="meeting",
                listeners=rng.randrange(10, 80),
                leaflets=10,
            )
            for _ in range(n["sessions"])
        ],
    )
    teams = bulk(
        SelfManagementTeam,
        [
            SelfManagementTeam(
                unit=post(),
                kind=rng.choice(["line_markers", "village_security"]),
                name=f"Tổ thử {i}",
                commune_id=rng.choice(communes),
                founded_on=day(),
            )
            for i in range(n["teams"])
        ],
    )
    bulk(
        TeamMember,
        [
            TeamMember(
                team=teams[i % len(teams)],
                kind=rng.choice(["household", "individual"]),
                name=f"Thành viên {i}",
                registered_on=teams[i % len(teams)].founded_on,
            )
            for i in range(n["members"])
        ],
    )
    bulk(
        TrainingCourse,
        [
            TrainingCourse(unit=post(), title="Lớp thử", starts_on=d, ends_on=d, participants=30)
            for d in (day() for _ in range(n["courses"]))
        ],
    )
    twinnings = bulk(
        Twinning,
        [
            Twinning(
                unit=post(),
                kind=rng.choice(["village_village", "cluster_cluster", "commune_township"]),
                first_name="Bản A",
                second_name="Bản B",
                signed_on=day(),
            )
            for _ in range(n["twinnings"])
        ],
    )
    bulk(
        TwinningActivity,
        [
            TwinningActivity(
                twinning=twinnings[i % len(twinnings)],
                kind="meeting",
                on=twinnings[i % len(twinnings)].signed_on,
                content="Giao ban",
            )
            for i in range(n["meetings"])
        ],
    )
    bulk(
        Award,
        [
            Award(
                unit=post(),
                kind="certificate_of_merit",
                recipient_kind="individual",
                recipient_name="Cá nhân",
                decision_number="01/QĐ",
                decision_date=day(),
            )
            for _ in range(n["awards"])
        ],
    )
    tasks = bulk(
        Task,
        [
            Task(title="Nhiệm vụ thử", unit=post(), deadline=day(), status="new")
            for _ in range(n["tasks"])
        ],
    )
    bulk(
        TaskProgress,
        [
            TaskProgress(
                task=t,
                on=t.deadline - timedelta(days=rng.randrange(-20, 20)),
                text="Xong",
                status="done",
            )
            for t in tasks[: n["progress"]]
        ],
    )
    return {"created": made, "seconds": time.perf_counter() - began, "year": last}


def compute() -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from biengioi.reports.figures import vn_change, vn_int
    from biengioi.reports.periods import Period
    from biengioi.reports.statistics import compute as statistics

    actor = get_user_model().objects.select_related("unit").get(username=SECRETARIAT)
    period = Period.year(_years()[0])
    statistics(actor, actor.unit_id, period)  # warm: imports, the connection
    rss_before = rss_peak_mib()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        stats = statistics(actor, actor.unit_id, period)
        seconds = time.perf_counter() - began
    tracemalloc.start()
    statistics(actor, actor.unit_id, period)
    traced_peak = tracemalloc.get_traced_memory()[1] / MIB
    tracemalloc.stop()
    rendered = _render(stats, actor.unit, period)
    sample = {
        "patrols": stats.patrols.total["patrols"],
        "km": stats.patrols.total["km"],
        "incidents arisen": stats.incidents.total["arisen"],
        "incidents outstanding": stats.incidents.total["outstanding"],
        "incidents overdue": stats.incidents.total["overdue"],
        "propaganda sessions": stats.propaganda.total["sessions"],
        "listeners": stats.propaganda.total["listeners"],
        "team members": stats.teams.total["members"],
        "tasks overdue": stats.tasks.total["overdue"],
    }
    return {
        "period": period.label,
        "seconds": seconds,
        "queries": len(queries),
        "traced_peak_mib": traced_peak,
        "rss_peak_mib": rss_peak_mib(),
        "rss_before_mib": rss_before,
        "figures": {name: f"{vn_int(f.value)} ({vn_change(f)})" for name, f in sample.items()},
        **rendered,
        "total_seconds": seconds
        + rendered["draft_seconds"]
        + rendered["docx_seconds"]
        + rendered["xlsx_seconds"],
        "rss_peak_after_files_mib": rss_peak_mib(),
    }


def _render(stats: Any, unit: Any, period: Any) -> dict[str, Any]:
    """Draft the narrative, then render the DOCX and the XLSX annex: seconds and bytes."""
    from biengioi.reports.annex import render_annex
    from biengioi.reports.document import render_docx
    from biengioi.reports.narrative import annex_tables, build_document, default_meta, draft

    began = time.perf_counter()
    text = draft(stats, unit=unit, period=period)
    meta = default_meta(unit, period, date.today())  # noqa: DTZ011 - the document's date only
    drafted = time.perf_counter()
    docx = render_docx(build_document(stats, text, meta))
    rendered_docx = time.perf_counter()
    xlsx = render_annex(annex_tables(stats))
    done = time.perf_counter()
    return {
        "draft_seconds": drafted - began,
        "docx_seconds": rendered_docx - drafted,
        "xlsx_seconds": done - rendered_docx,
        "docx_bytes": len(docx),
        "xlsx_bytes": len(xlsx),
    }


def main() -> None:
    setup()
    command, *args = sys.argv[1:]
    if command == "seed":
        print(json.dumps(seed(int(args[0]))))
    elif command == "compute":
        print(json.dumps(compute()))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
