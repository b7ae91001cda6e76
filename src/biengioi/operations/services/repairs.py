"""Marker repairs: open one when a marker is found in trouble (by hand, or by an inspection that
finds it so), then climb the ladder one dated step at a time. Repairing the marker enters
"intact" in its status history, through the registry's service."""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import Marker, MarkerStatus, MarkerStatusKind
from biengioi.registry.selectors import latest_status
from biengioi.registry.services import marker_status_record

from ..models import (
    PROBLEMS,
    MarkerInspection,
    MarkerRepair,
    MarkerRepairStep,
    RepairOutcome,
    RepairStage,
)

PROBLEM_VALUES = {p.value for p in PROBLEMS}
_FIELDS = [
    "uuid",
    "version",
    "marker",
    "unit",
    "problem",
    "description",
    "inspection",
    "detected_on",
    "stage",
    "stage_on",
    "outcome",
    "closed_on",
]


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def current_status(marker: Marker) -> str | None:
    return (
        Marker.objects.filter(pk=marker.pk)
        .annotate(current=latest_status(MarkerStatus, "marker"))
        .values_list("current", flat=True)
        .first()
    )


def _snapshot(repair: MarkerRepair) -> dict[str, Any]:
    return audit.snapshot(repair, _FIELDS) or {}


def _open(
    actor: Any,
    marker: Marker,
    problem: str,
    detected_on: date,
    description: str,
    inspection: MarkerInspection | None,
    client_id: uuid.UUID | None,
) -> MarkerRepair:
    """Write a repair and its first step; the caller holds the transaction."""
    if problem not in PROBLEM_VALUES:
        raise DomainError(Code.REQUIRED, field="problem")
    if MarkerRepair.objects.filter(marker=marker, closed_on__isnull=True).exists():
        raise DomainError(Code.REPAIR_ALREADY_OPEN, field="marker_id", identifier=marker.identifier)
    repair = MarkerRepair.objects.create(
        uuid=client_id or uuid.uuid4(),
        marker=marker,
        unit=marker.post,
        problem=problem,
        description=clean_text(description, field="description", multiline=True, max_length=8000),
        inspection=inspection,
        detected_on=detected_on,
        stage=RepairStage.DETECTED,
        stage_on=detected_on,
        created_by=actor,
    )
    MarkerRepairStep.objects.create(
        repair=repair,
        stage=RepairStage.DETECTED,
        on=detected_on,
        note=repair.description,
        recorded_by=actor,
    )
    audit.record(
        actor, "marker_repair.open", repair, scope_path=repair.unit.path, after=_snapshot(repair)
    )
    return repair


def marker_repair_open(
    *,
    actor: Any,
    marker_id: int,
    problem: str,
    detected_on: date,
    description: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[MarkerRepair, bool]:
    """Start following a marker of the actor's posts that is damaged, displaced, at risk or
    lost. A marker has one repair open at a time."""
    access.require(actor, "operations.record")
    if client_id is not None and (earlier := replay(MarkerRepair, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            marker = (
                scoped(actor, Marker.objects.select_related("post"), province_wide=True)
                .filter(pk=marker_id)
                .first()
            )
            if marker is None:
                raise DomainError(Code.REQUIRED, field="marker_id")
            if marker.post is None or not marker.post.path.startswith(actor.unit.path):
                raise DomainError(
                    Code.MARKER_NOT_IN_SCOPE, field="marker_id", identifier=marker.identifier
                )
            day = past_day(detected_on, "detected_on")
            repair = _open(actor, marker, problem, day, description, None, client_id)
            if current_status(marker) != problem:
                with translation.override("vi"):
                    source = _("Phát hiện ngày {day}").format(day=_day(day))
                marker_status_record(
                    actor=actor,
                    marker_id=marker.pk,
                    status=problem,
                    on=day,
                    source=source,
                    note=repair.description,
                    origin=repair,
                )
    except IntegrityError:
        if client_id is not None and (earlier := replay(MarkerRepair, actor, client_id)):
            return earlier, False
        raise
    return repair, True


def repair_from_inspection(actor: Any, inspection: MarkerInspection, day: date) -> None:
    """An inspection that finds a marker in trouble opens its repair, unless one is open."""
    if inspection.status == MarkerStatusKind.INTACT:
        return
    if MarkerRepair.objects.filter(marker=inspection.marker, closed_on__isnull=True).exists():
        return
    _open(
        actor,
        inspection.marker,
        inspection.status,
        day,
        inspection.note,
        inspection,
        None,
    )


def marker_repair_advance(
    *,
    actor: Any,
    repair_id: int,
    version: int,
    stage: str,
    on: date,
    note: str = "",
    outcome: str = "",
) -> MarkerRepair:
    """Record the next step of a repair: only the next rung of the ladder, dated no earlier than
    the step before it. The "repaired" step names the outcome and enters "intact" in the
    marker's history; the "closed" step ends the repair."""
    access.require(actor, "operations.record")
    with transaction.atomic():
        repair = get_scoped_or_404(
            actor,
            MarkerRepair.objects.select_for_update(of=("self",)).select_related("marker", "unit"),
            pk=repair_id,
        )
        if repair.version != version:
            raise Stale(repair, version)
        step = RepairStage(choice(stage, RepairStage, "stage"))
        expected = repair.next_stage
        if expected is None:
            raise DomainError(Code.REPAIR_CLOSED, field="stage", day=_day(repair.stage_on))
        if step != expected:
            raise DomainError(Code.REPAIR_STAGE_ORDER, field="stage", expected=expected.label)
        on = past_day(on, "on")
        if on < repair.stage_on:
            raise DomainError(
                Code.BEFORE_PREVIOUS_STEP,
                field="on",
                stage=RepairStage(repair.stage).label,
                day=_day(repair.stage_on),
            )
        before = _snapshot(repair)
        note = clean_text(note or "", field="note", multiline=True, max_length=8000)
        if step == RepairStage.REPAIRED:
            repair.outcome = choice(outcome, RepairOutcome, "outcome")
            with translation.override("vi"):  # the history keeps its sources in Vietnamese
                source = _("{outcome} ngày {day}").format(
                    outcome=repair.get_outcome_display(), day=_day(on)
                )
            marker_status_record(
                actor=actor,
                marker_id=repair.marker_id,
                status=MarkerStatusKind.INTACT,
                on=on,
                source=source,
                note=note,
                origin=repair,
            )
        if step == RepairStage.CLOSED:
            repair.closed_on = on
        MarkerRepairStep.objects.create(
            repair=repair, stage=step, on=on, note=note, recorded_by=actor
        )
        repair.stage, repair.stage_on = step, on
        repair.version += 1
        repair.save()
        audit.record(
            actor,
            "marker_repair.advance",
            repair,
            scope_path=repair.unit.path,
            before=before,
            after=_snapshot(repair),
        )
    return repair
