"""Every API route, found from the OpenAPI document (a new route is picked up by itself):

- answers 401 to a caller who is not signed in;
- answers 404 for an object outside the caller's unit scope (another province); shared
  reference data (READ_BY_ALL) is read by every province and changed only by its own (ADR
  0008): another province's object answers 200 to a read and 403 to a write;
- answers 403 to every role that does not hold the route's permission;
- answers each of these, and what it answers inside the caller's scope, as the document says
  (a status the operation documents, a body valid against the schema it declares for it).

A new route with a path parameter this file does not know fails here until its objects are
added to OBJECTS below.
"""

import functools
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from biengioi.accounts.services import token_create
from biengioi.api import api
from biengioi.audit.models import AuditRecord
from biengioi.core.access import PERMISSIONS, Role, roles_without
from tests.api.openapi import check_answer
from tests.conftest import World, api_client, build_world


def _audit_in(unit_path: str) -> int:
    return (
        AuditRecord.objects.filter(scope_path__startswith=unit_path)
        .values_list("pk", flat=True)
        .first()
    )


# path parameter -> (object inside the TBT scope of alice's post, object in the other province)
OBJECTS: dict[str, tuple[Callable[[World], Any], Callable[[World], Any]]] = {
    "unit_id": (lambda w: w.post.pk, lambda w: w.tsn_bg.pk),
    "user_id": (lambda w: w.alice.pk, lambda w: w.charlie.pk),
    "token_id": (
        lambda w: token_create(actor=None, user=w.alice, name="x")[0].pk,
        lambda w: token_create(actor=None, user=w.charlie, name="x")[0].pk,
    ),
    "record_id": (lambda w: _audit_in(w.post.path), lambda w: _audit_in(w.tsn.path)),
    "section_id": (lambda w: w.section.pk, lambda w: w.tsn_section.pk),
    "marker_id": (lambda w: w.marker.pk, lambda w: w.tsn_marker.pk),
    "sign_id": (lambda w: w.sign.pk, lambda w: w.tsn_sign.pk),
    "gate_id": (lambda w: w.gate.pk, lambda w: w.tsn_gate.pk),
    # reference data (READ_BY_ALL): the commune of each province
    "admin_unit_id": (lambda w: w.admin_commune.pk, lambda w: w.tsn_admin_commune.pk),
    "member_id": (lambda w: w.member.pk, lambda w: w.tsn_member.pk),
    "counterpart_id": (lambda w: w.counterpart.pk, lambda w: w.tsn_counterpart.pk),
    # reference data (READ_BY_ALL): a subdivision of Laos (TBT's neighbour), of China (TSN's)
    "subdivision_id": (
        lambda w: w.counterpart.subdivision_id,
        lambda w: w.tsn_counterpart.subdivision_id,
    ),
    "patrol_id": (lambda w: _patrol(w, w.alice, w.post).pk, lambda w: _patrol(w, w.charlie).pk),
    "attachment_id": (
        lambda w: _attachment(w.alice, _patrol(w, w.alice, w.post)).pk,
        lambda w: _attachment(w.charlie, _patrol(w, w.charlie)).pk,
    ),
    "track_id": (
        lambda w: _track(w.alice, _patrol(w, w.alice, w.post), 106.55, 16.55).pk,
        lambda w: _track(w.charlie, _patrol(w, w.charlie), 104.0, 22.5).pk,
    ),
    "incident_id": (
        lambda w: _incident(w.alice, w.post).pk,
        lambda w: _incident(w.charlie, w.tsn_bg).pk,
    ),
    "repair_id": (
        lambda w: _repair(w.alice, w.marker).pk,
        lambda w: _repair(w.charlie, w.tsn_marker).pk,
    ),
    "case_id": (lambda w: _case(w.alice, w.post).pk, lambda w: _case(w.charlie, w.tsn_bg).pk),
    "operation_id": (
        lambda w: _operation(w.alice, w.post).pk,
        lambda w: _operation(w.charlie, w.tsn_bg).pk,
    ),
    "handover_id": (
        lambda w: _handover(w.alice, w.post).pk,
        lambda w: _handover(w.charlie, w.tsn_bg).pk,
    ),
    "rescue_id": (
        lambda w: _rescue(w.alice, w.post).pk,
        lambda w: _rescue(w.charlie, w.tsn_bg).pk,
    ),
    "traffic_id": (
        lambda w: _traffic(w.alice, w.post, w.gate).pk,
        lambda w: _traffic(w.charlie, w.tsn_bg, w.tsn_gate).pk,
    ),
    "team_id": (lambda w: _team(w, w.alice, w.post).pk, lambda w: _team(w, w.charlie, w.tsn_bg).pk),
    "team_member_id": (
        lambda w: _team_member(w, w.alice, w.post).pk,
        lambda w: _team_member(w, w.charlie, w.tsn_bg).pk,
    ),
    "session_id": (
        lambda w: _propaganda(w.alice, w.post, w.sam).pk,
        lambda w: _propaganda(w.charlie, w.tsn_bg, w.charlie).pk,
    ),
    "topic_id": (lambda w: _topic(w.sam).pk, lambda w: _topic(w.charlie).pk),
    "course_id": (
        lambda w: _training(w.alice, w.post).pk,
        lambda w: _training(w.charlie, w.tsn_bg).pk,
    ),
    "programme_id": (lambda w: _programme(w.sam).pk, lambda w: _programme(w.charlie).pk),
    "beneficiary_id": (
        lambda w: _beneficiary(w, w.alice, w.post, w.sam).pk,
        lambda w: _beneficiary(w, w.charlie, w.tsn_bg, w.charlie).pk,
    ),
    "programme_activity_id": (
        lambda w: _programme_activity(w.alice, w.post, w.sam).pk,
        lambda w: _programme_activity(w.charlie, w.tsn_bg, w.charlie).pk,
    ),
    "twinning_id": (
        lambda w: _twinning(w.alice, w.post, "LA").pk,
        lambda w: _twinning(w.charlie, w.tsn_bg, "CN").pk,
    ),
    "movement_id": (
        lambda w: _movement(w.bob, w.tbt).pk,
        lambda w: _movement(w.charlie, w.tsn).pk,
    ),
    "award_id": (lambda w: _award(w.alice, w.post).pk, lambda w: _award(w.charlie, w.tsn_bg).pk),
    "conference_id": (
        lambda w: _conference(w.alice, w.post).pk,
        lambda w: _conference(w.charlie, w.tsn_bg).pk,
    ),
    "conclusion_id": (
        lambda w: _conclusion(w.alice, w.post).pk,
        lambda w: _conclusion(w.charlie, w.tsn_bg).pk,
    ),
    "task_id": (
        lambda w: _coordination_task(w.alice, w.post).pk,
        lambda w: _coordination_task(w.charlie, w.tsn_bg).pk,
    ),
    "progress_id": (
        lambda w: _progress(w.alice, w.post).pk,
        lambda w: _progress(w.charlie, w.tsn_bg).pk,
    ),
    "document_id": (
        lambda w: _document(w.alice, _conference(w.alice, w.post)).pk,
        lambda w: _document(w.charlie, _conference(w.charlie, w.tsn_bg)).pk,
    ),
    "talks_id": (
        lambda w: _talks(w.alice, w.post, w.counterpart).pk,
        lambda w: _talks(w.charlie, w.tsn_bg, w.tsn_counterpart, "border_guard").pk,
    ),
    "planned_id": (
        lambda w: _planned_talks(w.alice, w.post, w.counterpart).pk,
        lambda w: _planned_talks(w.charlie, w.tsn_bg, w.tsn_counterpart, "border_guard").pk,
    ),
    "exchange_id": (
        lambda w: _exchange(w.alice, w.post, w.counterpart).pk,
        lambda w: _exchange(w.charlie, w.tsn_bg, w.tsn_counterpart).pk,
    ),
    "regulation_id": (lambda w: _regulation(w, w.bob).pk, lambda w: _regulation(w, w.charlie).pk),
    "duty_id": (lambda w: _duty(w, w.bob).pk, lambda w: _duty(w, w.charlie).pk),
    "submission_id": (
        lambda w: _submission(w, w.bob).pk,
        lambda w: _submission(w, w.charlie).pk,
    ),
    "budget_item_id": (
        lambda w: _budget_item(w.bob, w.post).pk,
        lambda w: _budget_item(w.charlie, w.tsn_bg).pk,
    ),
    # one's own notifications only: bob (the caller) reads his, never charlie's
    "notification_id": (lambda w: _notification(w.bob).pk, lambda w: _notification(w.charlie).pk),
    "report_id": (
        lambda w: _report(w.sam, w.tbt).pk,
        lambda w: _report(w.charlie, w.tsn).pk,
    ),
    "issued_id": (
        lambda w: _report(w.sam, w.tbt, issued=True).pk,
        lambda w: _report(w.charlie, w.tsn, issued=True).pk,
    ),
    "fmt": (lambda w: "docx", lambda w: "docx"),
}

# Path parameters naming shared reference data: every user reads every one; only the province
# it belongs to changes it (ADR 0008), so another province's answers 200 to a GET, 403 otherwise
READ_BY_ALL = {"admin_unit_id", "subdivision_id"}

# ids in example bodies that must name a real object for the in-scope control call
BODY_IDS: dict[str, Callable[[World], Any]] = {
    "commune_id": lambda w: w.admin_commune.pk,
    "unit_id": lambda w: w.post.pk,
    "line_id": lambda w: w.line.pk,
    "marker_id": lambda w: w.marker.pk,
    "counterpart_id": lambda w: w.counterpart.pk,
    "owner_unit_id": lambda w: w.post.pk,
    "party_unit_ids": lambda w: [w.bg.pk, w.commune.pk],
    "scope_unit_id": lambda w: w.tbt.pk,
}


def _patrol(w: World, actor: Any, unit: Any = None) -> Any:
    from datetime import UTC, datetime

    from biengioi.operations.services import patrol_create
    from biengioi.registry.models import BorderLine, OrgUnit

    unit = unit or OrgUnit.objects.get(pk=actor.unit_id)
    line = BorderLine.objects.filter(province__path=unit.path[: unit.path.index("/", 1) + 1])
    return patrol_create(
        actor=actor,
        unit_id=unit.pk,
        kind="unilateral",
        line_id=line.first().pk,
        started_at=datetime(2025, 9, 1, 1, tzinfo=UTC),
        ended_at=datetime(2025, 9, 1, 9, tzinfo=UTC),
    )[0]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _attachment(actor: Any, patrol: Any) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from biengioi.operations.services import attachment_add

    file = SimpleUploadedFile("anh.png", PNG)
    return attachment_add(actor=actor, file=file, kind="photo", patrol_id=patrol.pk)[0]


def _track_file(lon: float, lat: float) -> bytes:
    """A GPS track of ten fixes a minute apart near (lon, lat), in the hour _patrol starts."""
    rows = "".join(
        f"{lon + i / 10_000},{lat + i / 10_000},2025-09-01T01:{10 + i:02d}:00Z\n" for i in range(10)
    )
    return ("lon,lat,time\n" + rows).encode()


def _track(actor: Any, patrol: Any, lon: float, lat: float) -> Any:
    from biengioi.geo.services import track_import

    content = _track_file(lon, lat)
    return track_import(actor=actor, patrol_id=patrol.pk, name="t.csv", content=content)[0]


def _incident(actor: Any, unit: Any) -> Any:
    """An incident with one grassroots step (version 2, as the examples of its edits say)."""
    from datetime import date

    from biengioi.operations.services import incident_create, incident_step_add
    from biengioi.registry.models import Marker

    marker = Marker.objects.filter(line__province__path=unit.path[: unit.path.index("/", 1) + 1])
    point = marker.first()
    incident, _ = incident_create(
        actor=actor,
        unit_id=unit.pk,
        kind="other",
        title="Vụ việc thử",
        lon=point.lon,
        lat=point.lat,
        detected_on=date(2025, 9, 1),
        detected_by="Tổ tuần tra",
    )
    incident_step_add(
        actor=actor,
        incident_id=incident.pk,
        level="grassroots",
        on=date(2025, 9, 2),
        handled_by="Đồn",
        channel="hotline",
        summary="Trao đổi qua đường dây nóng",
    )
    return incident


def _topic(configurer: Any) -> Any:
    from biengioi.community.models import PropagandaTopic
    from biengioi.community.services import propaganda_topic_create

    province = configurer.unit.path.split("/")[1]
    earlier = PropagandaTopic.objects.filter(province_id=province, name="Chủ đề thử").first()
    return earlier or propaganda_topic_create(actor=configurer, name="Chủ đề thử")


def _propaganda(actor: Any, unit: Any, configurer: Any) -> Any:
    from datetime import date

    from biengioi.community.services import propaganda_session_create
    from biengioi.registry.models import AdminUnit

    return propaganda_session_create(
        actor=actor,
        unit_id=unit.pk,
        on=date(2025, 9, 1),
        commune_id=AdminUnit.objects.filter(level="commune").first().pk,
        form="meeting",
        topic_ids=[_topic(configurer).pk],
    )[0]


def _case(actor: Any, unit: Any) -> Any:
    from datetime import date

    from biengioi.operations.services import crime_case_create

    return crime_case_create(
        actor=actor,
        unit_id=unit.pk,
        category="drugs",
        title="Vụ thử",
        detected_on=date(2025, 9, 1),
        lon=106.6,
        lat=16.6,
    )[0]


def _team(w: World, actor: Any, unit: Any) -> Any:
    from datetime import date

    from biengioi.community.services import team_create

    return team_create(
        actor=actor,
        unit_id=unit.pk,
        kind="line_markers",
        name="Tổ thử",
        commune_id=w.admin_commune.pk,
        founded_on=date(2015, 6, 1),
    )[0]


def _training(actor: Any, unit: Any) -> Any:
    """A course of the unit (version 1, as the example of its edit says)."""
    from datetime import date

    from biengioi.community.services import training_course_create

    return training_course_create(
        actor=actor,
        unit_id=unit.pk,
        title="Lớp thử",
        starts_on=date(2025, 6, 10),
        ends_on=date(2025, 6, 11),
    )[0]


def _report(actor: Any, unit: Any, issued: bool = False) -> Any:
    """A draft report of the unit for 2025 (version 1), or that report issued."""
    from biengioi.reports.services import report_create, report_issue

    report = report_create(actor=actor, scope_unit_id=unit.pk, period="2025")[0]
    return report_issue(actor=actor, report_id=report.pk, version=1) if issued else report


def _conference(actor: Any, unit: Any) -> Any:
    """A half-year review of the unit held on 10/07/2025 (version 1)."""
    from datetime import date

    from biengioi.coordination.services import conference_create

    return conference_create(
        actor=actor, unit_id=unit.pk, kind="half_year", title="Sơ kết", held_on=date(2025, 7, 10)
    )[0]


def _conclusion(actor: Any, unit: Any) -> Any:
    """The conclusion notice (15/07/2025) of a new conference of the unit."""
    from datetime import date

    from biengioi.coordination.services import conclusion_create

    conference = _conference(actor, unit)
    return conclusion_create(
        actor=actor, conference_id=conference.pk, number="1/TB", issued_on=date(2025, 7, 15)
    )[0]


def _coordination_task(actor: Any, unit: Any) -> Any:
    """A new task of the unit, due 30/09/2025."""
    from datetime import date

    from biengioi.coordination.services import task_create

    return task_create(actor=actor, unit_id=unit.pk, title="Nhiệm vụ", deadline=date(2025, 9, 30))[
        0
    ]


def _progress(actor: Any, unit: Any) -> Any:
    """A progress update (01/09/2025) of a new task of the unit."""
    from datetime import date

    from biengioi.coordination.services import task_progress_record

    task = _coordination_task(actor, unit)
    return task_progress_record(
        actor=actor, task_id=task.pk, on=date(2025, 9, 1), text="Đã triển khai"
    )[0]


def _document(actor: Any, conference: Any) -> Any:
    """A photo kept with a conference."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from biengioi.coordination.services import document_add

    file = SimpleUploadedFile("anh.png", PNG)
    return document_add(actor=actor, file=file, kind="photo", conference_id=conference.pk)[0]


def _talks(actor: Any, unit: Any, counterpart: Any, level: str = "post") -> Any:
    """Talks of the unit held on 20/03/2025 with one agreed point (version 1)."""
    from datetime import date

    from biengioi.coordination.services import talks_create

    return talks_create(
        actor=actor,
        unit_id=unit.pk,
        level=level,
        counterpart_id=counterpart.pk,
        held_on=date(2025, 3, 20),
        host_side="ours",
        agreed_points=["Tuần tra song phương"],
    )[0]


def _planned_talks(actor: Any, unit: Any, counterpart: Any, level: str = "post") -> Any:
    """An item of the unit's 2025 talks plan, in the second quarter (version 1)."""
    from biengioi.coordination.services import planned_talks_create

    return planned_talks_create(
        actor=actor,
        unit_id=unit.pk,
        year=2025,
        level=level,
        counterpart_id=counterpart.pk,
        quarter=2,
        topic="Hội đàm định kỳ",
    )[0]


def _exchange(actor: Any, unit: Any, counterpart: Any) -> Any:
    """A hotline call of the unit on 05/09/2025 awaiting a reply (version 1)."""
    from datetime import date

    from biengioi.coordination.services import exchange_create

    return exchange_create(
        actor=actor,
        unit_id=unit.pk,
        on=date(2025, 9, 5),
        channel="hotline",
        direction="sent",
        counterpart_id=counterpart.pk,
        subject="Trao đổi",
        reply_expected=True,
        reply_by=date(2025, 9, 12),
    )[0]


def _regulation(w: World, configurer: Any) -> Any:
    """A regulation of the configurer's province in force since 01/01/2024 (version 1): between
    the command and the commune in TBT, the command and a counterpart unit in TSN."""
    from datetime import date

    from biengioi.coordination.services import regulation_create

    tbt = configurer.unit_id == w.tbt.pk
    return regulation_create(
        actor=configurer,
        number="1/QC",
        signed_on=date(2023, 12, 1),
        title="Quy chế thử",
        valid_from=date(2024, 1, 1),
        party_unit_ids=[w.bg.pk, w.commune.pk] if tbt else [w.tsn_bg.pk],
        counterpart_ids=[] if tbt else [w.tsn_counterpart.pk],
    )[0]


def _duty(w: World, configurer: Any) -> Any:
    """A monthly report (due on the 5th) of a new regulation, owed by alice's post in TBT and by
    the command in TSN (version 1)."""
    from biengioi.coordination.services import duty_add

    tbt = configurer.unit_id == w.tbt.pk
    return duty_add(
        actor=configurer,
        regulation_id=_regulation(w, configurer).pk,
        kind="report",
        title="Báo cáo tháng",
        rhythm="monthly",
        due_day=5,
        owner_unit_id=w.post.pk if tbt else w.tsn_bg.pk,
    )[0]


def _submission(w: World, actor: Any) -> Any:
    """The report of December 2024 of a new duty, sent on 03/01/2025 (version 1)."""
    from datetime import date

    from biengioi.coordination.services import submission_create

    return submission_create(
        actor=actor,
        duty_id=_duty(w, actor).pk,
        period_start=date(2024, 12, 1),
        submitted_on=date(2025, 1, 3),
    )[0]


def _budget_item(actor: Any, unit: Any) -> Any:
    """A line of the unit's 2025 budget (version 1, as the example of its edit says)."""
    from biengioi.coordination.services import budget_item_create

    return budget_item_create(
        actor=actor, unit_id=unit.pk, year=2025, title="Khoản thử", approved=30_000_000
    )[0]


def _notification(user: Any) -> Any:
    from biengioi.notifications.services import notify

    return notify(recipients=[user], key=f"walk:{user.pk}", title="Thông báo thử").created[0]


def _programme(configurer: Any) -> Any:
    """The school sponsorship programme of the configurer's province (seeded once)."""
    from biengioi.community.models import Programme
    from biengioi.community.services import programmes_seed

    programmes_seed(actor=configurer)
    province = configurer.unit.path.split("/")[1]
    return Programme.objects.get(province_id=province, name="Nâng bước em tới trường")


def _beneficiary(w: World, actor: Any, unit: Any, configurer: Any) -> Any:
    from datetime import date

    from biengioi.community.services import programme_beneficiary_create

    return programme_beneficiary_create(
        actor=actor,
        unit_id=unit.pk,
        programme_id=_programme(configurer).pk,
        full_name="Em thử",
        birth_year=2014,
        commune_id=w.admin_commune.pk,
        monthly_vnd=500_000,
        since=date(2024, 9, 5),
    )[0]


def _programme_activity(actor: Any, unit: Any, configurer: Any) -> Any:
    from datetime import date

    from biengioi.community.services import programme_activity_create

    return programme_activity_create(
        actor=actor,
        unit_id=unit.pk,
        programme_id=_programme(configurer).pk,
        on=date(2025, 8, 20),
        content="Khám bệnh thử",
    )[0]


def _twinning(actor: Any, unit: Any, neighbour: str) -> Any:
    """A village pair of the unit with a village across the border (version 1, signed before
    the days of the examples of its meetings and activities)."""
    from datetime import date

    from biengioi.community.services import twinning_create

    return twinning_create(
        actor=actor,
        unit_id=unit.pk,
        kind="village_village",
        signed_on=date(2005, 4, 28),
        first_name="Bản thử",
        second_name="Bản bên kia",
        second_country=neighbour,
    )[0]


def _movement(actor: Any, unit: Any) -> Any:
    """A movement of the unit (version 1, open-ended: its review example falls within it)."""
    from datetime import date

    from biengioi.community.services import emulation_movement_create

    return emulation_movement_create(
        actor=actor,
        unit_id=unit.pk,
        name="Phong trào thử",
        decision_number="1/QĐ",
        decision_date=date(2017, 11, 13),
        starts_on=date(2017, 11, 13),
    )[0]


def _award(actor: Any, unit: Any) -> Any:
    """An award of the unit (version 1, as the example of its edit says)."""
    from datetime import date

    from biengioi.community.services import award_create

    return award_create(
        actor=actor,
        unit_id=unit.pk,
        kind="letter_of_merit",
        recipient_kind="individual",
        recipient_name="Người thử",
        decision_number="1/QĐ",
        decision_date=date(2024, 3, 3),
    )[0]


def _team_member(w: World, actor: Any, unit: Any) -> Any:
    from datetime import date

    from biengioi.community.services import team_member_add

    team = _team(w, actor, unit)
    return team_member_add(
        actor=actor,
        team_id=team.pk,
        kind="household",
        name="Hộ thử",
        registered_on=date(2015, 6, 1),
    )[0]


def _repair(actor: Any, marker: Any) -> Any:
    from datetime import date

    from biengioi.operations.models import MarkerRepair
    from biengioi.operations.services import marker_repair_open

    open_one = MarkerRepair.objects.filter(marker=marker, closed_on__isnull=True).first()
    return (
        open_one
        or marker_repair_open(
            actor=actor, marker_id=marker.pk, problem="damaged", detected_on=date(2025, 9, 1)
        )[0]
    )


def _operation(actor: Any, unit: Any) -> Any:
    from datetime import date

    from biengioi.operations.services import crime_operation_create

    return crime_operation_create(
        actor=actor, unit_id=unit.pk, kind="peak", name="Cao điểm thử", started_on=date(2025, 1, 1)
    )[0]


def _handover(actor: Any, unit: Any) -> Any:
    """A hand-back at a gate of the unit's area (version 1, as the example of its edit says)."""
    from datetime import date

    from biengioi.operations.services import handover_create
    from biengioi.registry.models import CounterpartUnit, Gate

    province = unit.path[: unit.path.index("/", 1) + 1]
    return handover_create(
        actor=actor,
        unit_id=unit.pk,
        kind="hand_back",
        on=date(2025, 9, 1),
        gate_id=Gate.objects.filter(post__path__startswith=unit.path).first().pk,
        counterpart_id=CounterpartUnit.objects.filter(province__path=province).first().pk,
        persons=2,
        males=1,
        females=1,
        nationality="LA",
    )[0]


def _rescue(actor: Any, unit: Any) -> Any:
    from datetime import date

    from biengioi.operations.services import rescue_create

    return rescue_create(
        actor=actor,
        unit_id=unit.pk,
        kind="flood",
        title="Lũ",
        started_on=date(2025, 9, 1),
        lon=106.6,
        lat=16.6,
    )[0]


def _traffic(actor: Any, unit: Any, gate: Any) -> Any:
    """A day's figures of a gate (version 1, as the example of their edit says)."""
    from datetime import date

    from biengioi.operations.models import GateTraffic
    from biengioi.operations.services import gate_traffic_create

    day = date(2025, 9, 5)
    return (
        GateTraffic.objects.filter(gate=gate, on=day).first()
        or (
            gate_traffic_create(
                actor=actor, unit_id=unit.pk, gate_id=gate.pk, period="day", on=day
            )[0]
        )
    )


def _operations() -> list[tuple[str, str, dict]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    ops = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            ops.append((method, path, op))
    return ops


@functools.cache
def _components() -> dict:
    """The schema's components, made once: making the OpenAPI document takes most of a second,
    and asking for it in every test took most of the walk's six minutes."""
    return api.get_openapi_schema()["components"]["schemas"]


def _example_body(op: dict) -> dict | None:
    body = op.get("requestBody")
    if not body:
        return None
    if "application/json" not in body["content"]:
        return None  # a file upload (see _call)
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    component = _components()[ref]
    assert component.get("examples"), f"schema {ref} has no example"
    return component["examples"][0]


def _url(path: str, world: World, which: int) -> str:
    def fill(match: re.Match) -> str:
        name = match.group(1)
        assert name in OBJECTS, f"declare out-of-scope objects for path parameter {name!r}"
        return str(OBJECTS[name][which](world))

    return re.sub(r"\{(\w+)\}", fill, path)


def _call(client, method: str, url: str, body: dict | None, op: dict | None = None):
    if op and "multipart/form-data" in op.get("requestBody", {}).get("content", {}):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = {"kind": "photo", "file": SimpleUploadedFile("anh.png", PNG)}
        if url.endswith("/tracks"):  # a GPS track near the sample world's border (TBT)
            upload = {"file": SimpleUploadedFile("t.csv", _track_file(106.55, 16.55))}
        return getattr(client, method)(url, data=upload)  # a multipart upload
    return getattr(client, method)(url, data=body, content_type="application/json")


OPERATIONS = _operations()
IDS = [f"{m.upper()} {p}" for m, p, _ in OPERATIONS]


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker):
    """The walk's ~900 tests share one world, built once in a transaction rolled back when the
    module ends (as Django's setUpTestData does); each test runs in a savepoint of its own
    (the `db` fixture), so what one writes is gone for the next. Building the world for each
    test took over six minutes of every CI run."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_world_once, db):
    return _world_once


def test_the_api_has_routes_to_walk():
    assert len(OPERATIONS) >= 10


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=IDS)
def test_every_route_declares_a_known_permission(method, path, op):
    permission = op.get("x-permission")
    assert permission == "authenticated" or permission in PERMISSIONS


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=IDS)
def test_route_refuses_anonymous_callers(world, client, method, path, op):
    response = _call(client, method, _url(path, world, 0), _example_body(op), op)
    assert response.status_code == 401
    assert response.json()["detail"]
    check_answer(op, response)


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=IDS)
def test_route_hides_objects_outside_the_callers_scope(world, method, path, op):
    if "{" not in path:
        pytest.skip("no object in the path")
    permission = op["x-permission"]
    assert permission == "authenticated" or Role.ADMINISTRATOR in PERMISSIONS[permission]
    bob = api_client(world.bob)
    body = _example_body(op)
    if body:
        body = {k: BODY_IDS[k](world) if k in BODY_IDS else v for k, v in body.items()}
    outside = _call(bob, method, _url(path, world, 1), body, op)
    if READ_BY_ALL & set(re.findall(r"\{(\w+)\}", path)):
        assert outside.status_code == (200 if method == "get" else 403), outside.content
    else:
        assert outside.status_code == 404, outside.content
    if outside.status_code != 200:
        assert outside.json()["errors"] == []
    check_answer(op, outside)
    inside = _call(bob, method, _url(path, world, 0), body, op)
    assert inside.status_code in (200, 201, 204), inside.content
    check_answer(op, inside)


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=IDS)
def test_route_forbids_roles_without_its_permission(world, method, path, op):
    permission = op["x-permission"]
    if permission == "authenticated":
        pytest.skip("open to every signed-in user")
    denied = roles_without(permission)
    if not denied:
        pytest.skip("every role holds this permission")
    for role in denied:
        response = _call(
            api_client(world.by_role(role)), method, _url(path, world, 0), _example_body(op), op
        )
        assert response.status_code == 403, (role, response.content)
        check_answer(op, response)


def test_the_openapi_document_offers_bearer_authentication(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["Gate"]["scheme"] == "bearer"
    assert all(op.get("security") == [{"Gate": []}] for _, _, op in OPERATIONS)
