"""Reads of propaganda and legal education, cut to the actor's scope: the sessions with their
filters and totals (sessions, listeners, materials handed out), a session, and the topics of the
actor's province."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import AdminUnit, OrgUnit, UnitKind
from biengioi.registry.selectors import border_communes

from .models import PropagandaSession, PropagandaTopic


def propaganda_session_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    commune_id: int | None = None,
    form: str = "",
    topic_id: int | None = None,
    q: str = "",
) -> QuerySet[PropagandaSession]:
    """Sessions of the actor's scope held between `start` and `end` (both included), by one
    unit and those under it, in one commune, of one form, or on one topic."""
    access.require(actor, "community.view")
    sessions = scoped(actor, PropagandaSession.objects.select_related("unit", "commune"))
    if start:
        sessions = sessions.filter(on__gte=start)
    if end:
        sessions = sessions.filter(on__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        sessions = sessions.filter(unit__path__startswith=unit.path) if unit else sessions.none()
    if commune_id:
        sessions = sessions.filter(commune_id=commune_id)
    if form:
        sessions = sessions.filter(form=form)
    if topic_id:
        sessions = sessions.filter(topics__pk=topic_id)
    if q:
        sessions = matching(
            sessions, search_text(q), "village", "commune__name", "other_materials", "note", "form"
        )
    return sessions.order_by("-on", "-pk")


def propaganda_totals(sessions: QuerySet[PropagandaSession]) -> dict[str, int]:
    """Sessions, listeners, and each kind of material handed out, over `sessions`."""
    ids = sessions.order_by().values("pk")  # a topic filter joins; count each session once
    totals = PropagandaSession.objects.filter(pk__in=ids).aggregate(
        sessions=Count("pk"),
        listeners=Coalesce(Sum("listeners"), 0),
        leaflets=Coalesce(Sum("leaflets"), 0),
        calendars=Coalesce(Sum("calendars"), 0),
        handbooks=Coalesce(Sum("handbooks"), 0),
    )
    totals["materials"] = totals["leaflets"] + totals["calendars"] + totals["handbooks"]
    return totals


def propaganda_session_get(*, actor: Any, session_id: int) -> PropagandaSession:
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        PropagandaSession.objects.select_related("unit", "commune", "source").prefetch_related(
            "topics"
        ),
        pk=session_id,
    )


def propaganda_topics(*, actor: Any, active_only: bool = False) -> QuerySet[PropagandaTopic]:
    """The topics of the actor's province (every unit of it reads the same list)."""
    access.require(actor, "community.view")
    topics = scoped(actor, PropagandaTopic.objects.all(), province_wide=True)
    if active_only:
        topics = topics.filter(active=True)
    return topics.order_by("name")


def propaganda_topic_get(*, actor: Any, topic_id: int) -> PropagandaTopic:
    access.require(actor, "community.view")
    return get_scoped_or_404(actor, PropagandaTopic.objects.all(), province_wide=True, pk=topic_id)


def propaganda_units(*, actor: Any, for_write: bool = False) -> QuerySet[OrgUnit]:
    """Units that hold sessions (not the communes' own units): to filter by, the actor's
    scope; to record for, the same (writes never leave the subtree)."""
    access.require(actor, "community.record" if for_write else "community.view")
    units = OrgUnit.objects.exclude(kind=UnitKind.COMMUNE).order_by("path")
    return scoped(actor, units)


def propaganda_communes(*, actor: Any) -> QuerySet[AdminUnit]:
    """The communes of the province's border area, and any commune the scope's sessions name."""
    named = scoped(actor, PropagandaSession.objects.all()).values("commune_id")
    border = border_communes(actor=actor).order_by().values("pk")
    return AdminUnit.objects.filter(Q(pk__in=named) | Q(pk__in=border)).order_by("name")
