"""Twinning across the border (kết nghĩa): record a pair twinned by a unit of the actor's scope,
correct it (or record the day it ended), and log what the pair did together: the twinning
meetings (giao ban kết nghĩa) and the joint activities.

The two members stand on the two sides of the border: a member's side comes from what it links
to (an administrative or organisational unit of ours: Vietnam; a counterpart unit or a
subdivision of the neighbour: that country), else from the country it declares. Two members on
the same side are refused, naming the second member's field. A foreign member's country borders
the province of the unit that follows the pair. A link suits the kind of pair (a village–village
pair does not link a commune; only a post–post pair links posts and counterpart units), and the
Vietnamese member of a post–post pair is one of the province's border posts.

A twinning is signed on a day that has come, ends (if it ends) no earlier; what the pair did
happens between the two, and a correction of the days keeps it so.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry import selectors as registry
from biengioi.registry.models import (
    AdminLevel,
    AdminUnit,
    BorderLine,
    CounterpartUnit,
    Country,
    ForeignSubdivision,
    OrgUnit,
    UnitKind,
)

from ..models import (
    Twinning,
    TwinningActivity,
    TwinningActivityKind,
    TwinningHostSide,
    TwinningKind,
)

MAX_PEOPLE = 100_000
VIETNAM = "VN"
LINKS = ("admin_unit_id", "org_unit_id", "counterpart_id", "subdivision_id")
MEMBER_KEYS = ("name", *LINKS, "country", "includes")
# the administrative levels a member of each kind may link to (none: it links no such unit)
_ADMIN_LEVELS = {
    TwinningKind.VILLAGE_VILLAGE: {AdminLevel.VILLAGE},
    TwinningKind.CLUSTER_CLUSTER: {AdminLevel.VILLAGE, AdminLevel.COMMUNE},
    TwinningKind.COMMUNE_TOWNSHIP: {AdminLevel.COMMUNE},
}
_MEMBER_FIELDS = [
    f"{side}_{key}"
    for side in Twinning.MEMBERS
    for key in (
        "name",
        "admin_unit",
        "org_unit",
        "counterpart",
        "subdivision",
        "country",
        "includes",
    )
]
_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    *_MEMBER_FIELDS,
    "signed_on",
    "regulation_title",
    "regulation_points",
    "ended_on",
    "note",
]
_EDITABLE = {
    "kind",
    "signed_on",
    "regulation_title",
    "regulation_points",
    "ended_on",
    "note",
    *(f"{side}_{key}" for side in Twinning.MEMBERS for key in MEMBER_KEYS),
}
_ACTIVITY_FIELDS = [
    "uuid",
    "twinning",
    "kind",
    "on",
    "place",
    "host_side",
    "content",
    "participants_vn",
    "participants_foreign",
]


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


@dataclass
class _Member:
    """One member as resolved: its columns, its side (a country code) and the field that
    decided the side (named by a same-side refusal)."""

    name: str
    admin_unit: AdminUnit | None
    org_unit: OrgUnit | None
    counterpart: CounterpartUnit | None
    subdivision: ForeignSubdivision | None
    country: Country | None
    includes: str
    side_field: str

    @property
    def side(self) -> str:
        return self.country.code if self.country else VIETNAM

    @property
    def side_name(self) -> str:
        return self.country.name if self.country else _("Việt Nam")


def _link_names() -> dict[str, str]:
    return {
        "admin_unit_id": _("đơn vị hành chính"),
        "org_unit_id": _("đơn vị phía Việt Nam"),
        "counterpart_id": _("đơn vị đối đẳng"),
        "subdivision_id": _("địa phương nước bạn"),
    }


def _link(actor: Any, kind: str, key: str, value: Any, field: str) -> Model:
    """The registry entry a member links to, if it suits the kind of pair."""
    label = _link_names()[key]
    number = value if isinstance(value, int) and not isinstance(value, bool) else 0  # no row
    found: Model | None
    if key == "admin_unit_id":
        found = AdminUnit.objects.filter(
            pk=number, level__in=[AdminLevel.COMMUNE, AdminLevel.VILLAGE]
        ).first()
    elif key == "org_unit_id":
        found = scoped(actor, OrgUnit.objects.all(), province_wide=True).filter(pk=number).first()
    elif key == "counterpart_id":
        found = (
            scoped(actor, CounterpartUnit.objects.select_related("country"), province_wide=True)
            .filter(pk=number)
            .first()
        )
    else:
        found = ForeignSubdivision.objects.select_related("country").filter(pk=number).first()
    if found is None:
        if key == "org_unit_id":
            raise DomainError(Code.TWIN_NOT_POST, field=field)
        raise DomainError(Code.TWIN_LINK_UNKNOWN, field=field, link=label, id=value)
    fits = {
        "admin_unit_id": kind in _ADMIN_LEVELS
        and getattr(found, "level", None) in _ADMIN_LEVELS[TwinningKind(kind)],
        "org_unit_id": kind == TwinningKind.POST_POST,
        "counterpart_id": kind == TwinningKind.POST_POST,
        "subdivision_id": kind != TwinningKind.POST_POST,
    }[key]
    if not fits:
        what = found.get_level_display() if isinstance(found, AdminUnit) else label
        raise DomainError(
            Code.TWIN_LINK_KIND,
            field=field,
            link=f"{what} “{found}”",
            kind=TwinningKind(kind).label,
        )
    if isinstance(found, OrgUnit) and found.kind != UnitKind.BORDER_POST:
        raise DomainError(Code.TWIN_NOT_POST, field=field)
    return found


def _member(actor: Any, province: OrgUnit, kind: str, prefix: str, data: dict[str, Any]) -> _Member:
    """Resolve the member `prefix` ("first", "second") from `data`, refusing what is wrong
    with it alone."""
    name = clean_text(data.get(f"{prefix}_name") or "", field=f"{prefix}_name", max_length=200)
    includes = clean_text(
        data.get(f"{prefix}_includes") or "",
        field=f"{prefix}_includes",
        max_length=2000,
        multiline=True,
    )
    links = [key for key in LINKS if data.get(f"{prefix}_{key}") not in (None, "")]
    if len(links) > 1:
        raise DomainError(Code.TWIN_ONE_LINK, field=f"{prefix}_{links[1]}")
    code = str(data.get(f"{prefix}_country") or "").strip().upper()
    member = _Member(name, None, None, None, None, None, includes, f"{prefix}_country")
    if links:
        key = links[0]
        member.side_field = f"{prefix}_{key}"
        found = _link(actor, kind, key, data[member.side_field], member.side_field)
        setattr(member, key.removesuffix("_id"), found)
        member.country = getattr(found, "country", None)
        member.name = member.name or str(found)
        if code and code != member.side:
            raise DomainError(
                Code.TWIN_COUNTRY_OF_LINK,
                field=f"{prefix}_country",
                name=str(found),
                country=member.side_name,
            )
    elif code and code != VIETNAM:
        member.country = Country.objects.filter(code=code[:2]).first()
        if member.country is None:
            raise DomainError(
                Code.TWIN_NOT_NEIGHBOUR,
                field=member.side_field,
                country=code,
                province=province.name,
            )
    if (
        member.country
        and not BorderLine.objects.filter(province=province, country=member.country).exists()
    ):
        raise DomainError(
            Code.TWIN_NOT_NEIGHBOUR,
            field=member.side_field,
            country=member.country.name,
            province=province.name,
        )
    if not member.name:
        raise DomainError(Code.REQUIRED, field=f"{prefix}_name")
    return member


def _members(actor: Any, twinning: Twinning, data: dict[str, Any]) -> None:
    """Resolve both members from `data` and put them on the twinning: one on each side of the
    border; the Vietnamese member of a post–post pair is a border post."""
    province = OrgUnit.objects.get(path=twinning.unit.path[: twinning.unit.path.index("/", 1) + 1])
    first = _member(actor, province, twinning.kind, "first", data)
    second = _member(actor, province, twinning.kind, "second", data)
    if first.side == second.side:
        raise DomainError(
            Code.TWIN_SAME_SIDE,
            field=second.side_field,
            first=first.name,
            second=second.name,
            side=first.side_name,
        )
    for member in (first, second):  # a commune in force on the day the pair signed
        if member.admin_unit is not None and member.admin_unit.level == AdminLevel.COMMUNE:
            registry.commune(member.admin_unit.pk, on=twinning.signed_on, field=member.side_field)
    if twinning.kind == TwinningKind.POST_POST:
        ours, prefix = (first, "first") if first.side == VIETNAM else (second, "second")
        if ours.org_unit is None:
            raise DomainError(Code.TWIN_NOT_POST, field=f"{prefix}_org_unit_id")
    for prefix, member in (("first", first), ("second", second)):
        for key in ("name", "admin_unit", "org_unit", "counterpart", "subdivision", "country"):
            setattr(twinning, f"{prefix}_{key}", getattr(member, key))
        setattr(twinning, f"{prefix}_includes", member.includes)


def _current_members(twinning: Twinning) -> dict[str, Any]:
    """The members as they stand, in the shape the services take (a linked member's country
    comes from its link, so it is left out)."""
    out: dict[str, Any] = {}
    for prefix in Twinning.MEMBERS:
        linked = False
        for key in (*LINKS, "name", "includes"):
            value = getattr(twinning, f"{prefix}_{key}")
            out[f"{prefix}_{key}"] = value
            linked = linked or (key in LINKS and value is not None)
        country = getattr(twinning, f"{prefix}_country")
        out[f"{prefix}_country"] = "" if linked or country is None else country.code
    return out


def _apply(actor: Any, twinning: Twinning, data: dict[str, Any]) -> None:
    if "kind" in data:
        twinning.kind = choice(data["kind"], TwinningKind, "kind")
    if "signed_on" in data:
        twinning.signed_on = past_day(data["signed_on"], "signed_on")
    if "regulation_title" in data:
        twinning.regulation_title = clean_text(
            data["regulation_title"] or "", field="regulation_title", max_length=200
        )
    for key, length in (("regulation_points", 8000), ("note", 4000)):
        if key in data:
            text = clean_text(data[key] or "", field=key, max_length=length, multiline=True)
            setattr(twinning, key, text)
    if "ended_on" in data:
        ended = data["ended_on"]
        twinning.ended_on = None if ended in (None, "") else past_day(ended, "ended_on")
    if twinning.ended_on is not None and twinning.ended_on < twinning.signed_on:
        raise DomainError(Code.ENDED_BEFORE_START, field="ended_on", day=_day(twinning.signed_on))
    _members(actor, twinning, data)


def _check_activities(twinning: Twinning) -> None:
    """What the pair did stays between signing and the end, whatever was corrected."""
    if twinning.pk is None:
        return
    days = twinning.activities.order_by("on").values_list("on", flat=True)
    first = days.first()
    if first is not None and first < twinning.signed_on:
        raise DomainError(Code.TWIN_ACTIVITY_OUTSIDE, field="signed_on", day=_day(first))
    last = days.last()
    if last is not None and twinning.ended_on is not None and last > twinning.ended_on:
        raise DomainError(Code.TWIN_ACTIVITY_OUTSIDE, field="ended_on", day=_day(last))


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first() if unit_id else None
    if unit is None or unit.kind == UnitKind.COMMUNE:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def twinning_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    signed_on: date,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[Twinning, bool]:
    """Record a pair twinned across the border, followed by a unit of the actor's scope.

    Members come as `first_…` and `second_…` keywords (name, admin_unit_id, org_unit_id,
    counterpart_id, subdivision_id, country, includes). Returns the twinning and whether it was
    made now (a `client_id` sent again returns the first).
    """
    access.require(actor, "community.record")
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"twinning_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Twinning, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            twinning = Twinning(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            twinning.kind = choice(kind, TwinningKind, "kind")
            twinning.signed_on = past_day(signed_on, "signed_on")
            in_force(twinning.unit, twinning.signed_on, field="unit_id")
            _apply(actor, twinning, data)
            twinning.save()
            audit.record(
                actor,
                "twinning.create",
                twinning,
                scope_path=twinning.unit.path,
                after=audit.snapshot(twinning, _FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Twinning, actor, client_id)):
            return earlier, False
        raise
    return twinning, True


def twinning_update(*, actor: Any, twinning_id: int, version: int, **changes: Any) -> Twinning:
    """Correct a twinning, or record the day it ended (`ended_on`; None: it goes on). Member
    keywords left out keep the member as it is."""
    access.require(actor, "community.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"twinning_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        twinning = get_scoped_or_404(
            actor,
            Twinning.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=twinning_id,
        )
        if twinning.version != version:
            raise Stale(twinning, version)
        before = audit.snapshot(twinning, _FIELDS)
        current = _current_members(twinning)
        for prefix in Twinning.MEMBERS:
            if any(f"{prefix}_{key}" in changes for key in LINKS):
                current[f"{prefix}_country"] = ""  # a new link brings its own country
        _apply(actor, twinning, {**current, **changes})
        _check_activities(twinning)
        twinning.version += 1
        twinning.save()
        audit.record(
            actor,
            "twinning.update",
            twinning,
            scope_path=twinning.unit.path,
            before=before,
            after=audit.snapshot(twinning, _FIELDS),
        )
    return twinning


def _people(value: Any, field: str) -> int | None:
    return None if value in (None, "") else count(value, field, MAX_PEOPLE)


def twinning_activity_add(
    *,
    actor: Any,
    twinning_id: int,
    kind: str,
    on: date,
    content: str,
    place: str = "",
    host_side: str | None = "",
    participants_vn: int | None = None,
    participants_foreign: int | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[TwinningActivity, bool]:
    """Log what a twinned pair did on a day: a twinning meeting (kind "meeting", with where it
    was held and which side hosted) or a joint activity; not before the pair was signed, nor
    after it ended."""
    access.require(actor, "community.record")
    if client_id is not None and (earlier := replay(TwinningActivity, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            twinning = get_scoped_or_404(
                actor, Twinning.objects.select_related("unit"), pk=twinning_id
            )
            activity = TwinningActivity(
                uuid=client_id or uuid.uuid4(),
                twinning=twinning,
                kind=choice(kind, TwinningActivityKind, "kind"),
                on=past_day(on, "on"),
                created_by=actor,
            )
            if activity.on < twinning.signed_on:
                raise DomainError(Code.TWIN_BEFORE_SIGNED, field="on", day=_day(twinning.signed_on))
            if twinning.ended_on is not None and activity.on > twinning.ended_on:
                raise DomainError(Code.TWIN_AFTER_END, field="on", day=_day(twinning.ended_on))
            activity.place = clean_text(place or "", field="place", max_length=200)
            activity.host_side = (
                choice(host_side, TwinningHostSide, "host_side") if host_side else ""
            )
            activity.content = clean_text(
                content or "", field="content", max_length=4000, required=True, multiline=True
            )
            activity.participants_vn = _people(participants_vn, "participants_vn")
            activity.participants_foreign = _people(participants_foreign, "participants_foreign")
            activity.save()
            audit.record(
                actor,
                "twinning_activity.create",
                activity,
                scope_path=twinning.unit.path,
                after=audit.snapshot(activity, _ACTIVITY_FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(TwinningActivity, actor, client_id)):
            return earlier, False
        raise
    return activity, True
