from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, Model, OuterRef, Q, QuerySet, Subquery, When
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biengioi.core import access, geo
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import (
    get_scoped_or_404,
    in_scope,
    province_path,
    readable,
    scoped,
    within,
)
from biengioi.core.search import kept_text, matching, matching_column, search_text
from biengioi.core.sheets import CellError

from . import identifiers
from .models import (
    AdminLevel,
    AdminUnit,
    BorderLine,
    BorderSection,
    CommitteeMember,
    CommitteeRole,
    CounterpartUnit,
    Country,
    ForeignSubdivision,
    Gate,
    GateStatus,
    Marker,
    MarkerStatus,
    MarkerStatusKind,
    OrgUnit,
    SectionCommune,
    Sign,
    SignStatus,
    UnitKind,
)

NOT_INTACT = "not_intact"  # a marker list's status filter: any recorded status but intact


def _kept(rows: QuerySet[Any], q: str, column: str = "name_search") -> QuerySet[Any]:
    """The rows whose kept copy (`name_search`, written with core.search.kept_text) holds the
    words of the search by core.search's word rule."""
    return matching_column(rows, q, column)


def units_named(rows: QuerySet[Any], q: str) -> QuerySet[Any]:
    """The units of `rows` whose name holds the words of `q`, or whose code it is (the unit
    list's text condition, and the header search's)."""
    return _kept(rows, q) | rows.filter(code__iexact=q)


def sections_named(rows: QuerySet[Any], q: str) -> QuerySet[Any]:
    """The sections of `rows` whose code or name holds the words of `q`."""
    return _kept(rows, q)


def admin_units_named(rows: QuerySet[Any], q: str) -> QuerySet[Any]:
    """The administrative units of `rows` named by `q`, or of that statistical code."""
    return _kept(rows, q) | rows.filter(code=q)


def unit_list(
    *, actor: Any, q: str = "", kind: str = "", on: date | None = None
) -> QuerySet[OrgUnit]:
    """Units in the actor's scope; `q` matches names without regard to diacritics or case;
    `on` keeps the units working that day (undated units always are)."""
    access.require(actor, "unit.view")
    units = scoped(actor, OrgUnit.objects.select_related("parent", "admin_unit"))
    if q:
        units = units_named(units, search_text(q))
    if kind:
        units = units.filter(kind=kind)
    if on:
        units = units.filter(valid_on(on))
    return units.order_by("path")


def unit_get(*, actor: Any, unit_id: int) -> OrgUnit:
    access.require(actor, "unit.view")
    return get_scoped_or_404(
        actor, OrgUnit.objects.select_related("parent", "admin_unit"), pk=unit_id
    )


def unit_for_write(*, actor: Any, unit_id: int) -> OrgUnit:
    access.require(actor, "unit.manage")
    return get_scoped_or_404(actor, OrgUnit.objects.select_for_update(), pk=unit_id)


def units_ended(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's scope that have ended: those a new unit may take over from."""
    access.require(actor, "unit.manage")
    return scoped(actor, OrgUnit.objects.filter(valid_to__isnull=False)).order_by("path")


def unit_lineage(
    *, actor: Any, unit: OrgUnit
) -> tuple[list[tuple[OrgUnit, bool]], list[tuple[OrgUnit, bool]]]:
    """The units `unit` took over from and those that took over from it, each with whether
    the actor sees it (a unit of another branch is named but not linked). Two queries."""
    access.require(actor, "unit.view")

    def marked(units: QuerySet[OrgUnit]) -> list[tuple[OrgUnit, bool]]:
        return [(u, in_scope(actor, u.path)) for u in units.order_by("path")]

    return marked(unit.predecessors.all()), marked(unit.successors.all())


def unit_choices(
    units: QuerySet[OrgUnit], *, on: date | None = None, keep: Iterable[int | None] = ()
) -> list[tuple[int, str]]:
    """A unit picker's choices: `units` (already scoped by the caller's selector) in the order of
    the unit tree, each child under its parent, siblings by name, a "— " for each ancestor that
    is also offered.

    With `on` (a new record's day, an edited record's date) only the units working that day are
    offered, so a unit dissolved on 27/06/2025 is not offered for a patrol of today but is for
    one of 2024; the units in `keep` (the record's own unit) always are, so an old record stays
    editable. Without `on` (a list's filter, which reaches back over history) every unit is
    offered and an ended one says until when. One query, two when an ancestor is not offered.
    """

    def lineage(unit: OrgUnit) -> list[int]:
        return [int(pk) for pk in unit.path.strip("/").split("/") if pk]

    if on is not None:
        units = units.filter(valid_on(on) | Q(pk__in=[pk for pk in keep if pk is not None]))
    fields = ("pk", "name", "name_search", "path", "valid_from", "valid_to")
    rows = list(units.select_related(None).only(*fields))
    offered = {u.pk for u in rows}
    names = {u.pk: (u.name_search, u.pk) for u in rows}
    missing = {pk for u in rows for pk in lineage(u)} - names.keys()
    if missing:
        found = OrgUnit.objects.filter(pk__in=missing).values_list("pk", "name_search")
        names.update({pk: (name, pk) for pk, name in found})

    def label(unit: OrgUnit) -> str:
        depth = sum(1 for pk in lineage(unit)[:-1] if pk in offered)
        name = "— " * depth + unit.name
        if unit.valid_to is not None and (on is None or unit.valid_to < on):
            until = date_format(unit.valid_to, "SHORT_DATE_FORMAT")
            name = _("{name} (hoạt động đến {day})").format(name=name, day=until)
        return name

    rows.sort(key=lambda u: [names.get(pk, ("", pk)) for pk in lineage(u)])
    return [(u.pk, label(u)) for u in rows]


# --- the border registry: read province-wide ---------------------------------------------


def latest_status(entries: type[Model], owner_field: str) -> Subquery:
    """Annotation: the status of the latest entry of each owner's history."""
    latest = entries._default_manager.filter(**{owner_field: OuterRef("pk")})
    return Subquery(latest.order_by("-on", "-id").values("status")[:1])


def _latest_status() -> Subquery:
    return latest_status(MarkerStatus, "marker")


def line_list(*, actor: Any) -> QuerySet[BorderLine]:
    access.require(actor, "registry.view")
    return scoped(
        actor, BorderLine.objects.select_related("country", "province"), province_wide=True
    ).order_by("country__code")


def section_list(
    *, actor: Any, line_id: int | None = None, post_id: int | None = None, q: str = ""
) -> QuerySet[BorderSection]:
    """The province's sections; `q` matches the code or the name, ignoring diacritics."""
    access.require(actor, "registry.view")
    sections = scoped(
        actor, BorderSection.objects.select_related("line__country", "post"), province_wide=True
    )
    if line_id:
        sections = sections.filter(line_id=line_id)
    if post_id:
        sections = sections.filter(post_id=post_id)
    if q:
        sections = sections_named(sections, search_text(q))
    return sections.annotate(marker_count=Count("markers")).order_by("line_id", "code")


def section_get(*, actor: Any, section_id: int) -> BorderSection:
    access.require(actor, "registry.view")
    return get_scoped_or_404(
        actor,
        BorderSection.objects.select_related("line__country", "post"),
        province_wide=True,
        pk=section_id,
    )


def marker_list(
    *,
    actor: Any,
    q: str = "",
    line_id: int | None = None,
    kind: str = "",
    status: str = "",
    post_id: int | None = None,
    section_id: int | None = None,
) -> QuerySet[Marker]:
    """Markers of the province in natural order, each with its current status.

    `q` is an identifier or its beginning, with or without "mốc": "24" finds 24, 24(1), 24/1,
    240(1), 241 ... (in natural order, so the marker of that very number comes first), "232/5"
    finds 232/5 and 232/5(1).
    `status` is a status, "none" (never recorded) or `NOT_INTACT` (any recorded status but
    intact: the markers the overview counts as needing repair).
    """
    access.require(actor, "registry.view")
    markers = scoped(
        actor,
        Marker.objects.select_related("line__country", "post", "section", "commune"),
        province_wide=True,
    ).annotate(current_status=_latest_status())
    q = identifiers.searched(search_text(q)) if q else ""
    if q:
        prefix = identifiers.prefix_key(q)
        number = "".join(q.split())
        if number.isdigit():
            markers = markers.filter(identifier__startswith=number.lstrip("0") or "0")
        elif prefix is not None:
            markers = markers.filter(sort_key__startswith=prefix)
        else:
            try:
                markers = markers.filter(sort_key=identifiers.parse(q).sort_key)
            except DomainError:
                markers = markers.none()
    if line_id:
        markers = markers.filter(line_id=line_id)
    if kind:
        markers = markers.filter(kind=kind)
    if status == "none":
        markers = markers.filter(current_status__isnull=True)
    elif status == NOT_INTACT:
        markers = markers.filter(current_status__isnull=False).exclude(
            current_status=MarkerStatusKind.INTACT
        )
    elif status:
        markers = markers.filter(current_status=status)
    if post_id:
        markers = markers.filter(post_id=post_id)
    if section_id:
        markers = markers.filter(section_id=section_id)
    return markers.order_by("line__country__code", "sort_key")


def marker_get(*, actor: Any, marker_id: int) -> Marker:
    access.require(actor, "registry.view")
    return get_scoped_or_404(
        actor,
        Marker.objects.select_related("line__country", "post", "section", "commune").annotate(
            current_status=_latest_status()
        ),
        province_wide=True,
        pk=marker_id,
    )


def marker_by_identifier(*, actor: Any, line_id: int | None, identifier: str, field: str) -> Marker:
    """The marker of a border known by its identifier ("222(2)", "mốc 222(2)"); an error naming
    `field` when the text does not parse or no such marker stands on that border in the actor's
    province (on any of its borders when `line_id` is None). A number typed without its member
    ("240") is the marker of that number, or the only member of a double or triple marker of
    it; with several members the error names them all (240(1), 240(2), 240(3)), for the user to
    choose one."""
    access.require(actor, "registry.view")
    wanted = identifiers.parse(identifiers.searched(identifier), field=field)
    markers = scoped(actor, Marker.objects.all(), province_wide=True)
    if line_id is not None:
        markers = markers.filter(line_id=line_id)
    marker = markers.filter(identifier=str(wanted)).first()
    if marker is None and not wanted.part:
        members = list(markers.filter(sort_key__startswith=wanted.members_key).order_by("sort_key"))
        if len(members) > 1:
            raise DomainError(
                Code.MARKER_AMBIGUOUS,
                field=field,
                identifier=str(wanted),
                candidates=", ".join(m.identifier for m in members),
            )
        marker = members[0] if members else None
    if marker is None:
        raise DomainError(Code.MARKER_UNKNOWN, field=field, identifier=str(wanted))
    return marker


SUGGEST_MAX = 50  # suggestions in one answer
SUGGEST_CANDIDATES = 2000  # markers read to order them: more than a province holds of a prefix
NEAR_BOX = 0.1  # degrees (about 11 km) around a place: the markers suggested with no number


def parse_near(text: str) -> tuple[float, float] | None:
    """A place given as "lon,lat" (longitude first, as everywhere in biengioi), or None when
    empty; anything else, or a place outside Vietnam's box, is refused naming `near`."""
    if not (text or "").strip():
        return None
    try:
        lon, lat = (float(part) for part in text.split(","))
        geo.check_lon_lat(lon, lat, field_lon="near", field_lat="near")
    except (ValueError, DomainError) as exc:
        raise DomainError(Code.NEAR_INVALID, field="near") from exc
    return lon, lat


def marker_suggest(
    *,
    actor: Any,
    q: str = "",
    near: tuple[float, float] | None = None,
    line_id: int | None = None,
    own_only: bool = False,
    limit: int = 10,
) -> list[Marker]:
    """Markers to offer while a user types a number into a form: those whose identifier starts
    with `q` (the rules of `marker_list`: "24" offers 24, 240(1), 241 ...), the markers of the
    actor's own post area first, then the nearest to `near` (lon, lat) when a place is known,
    else in natural order. With no number, the markers around `near`. Each carries `own` and
    `distance_m` (None without a place). `own_only` keeps the markers of the actor's own area:
    those a patrol of theirs may inspect. The few candidates are ordered here, not in SQL."""
    markers = marker_list(actor=actor, q=q, line_id=line_id)
    if own_only:
        markers = markers.filter(within(actor, Marker.SCOPE_PATH))
    if not identifiers.searched(q) and near is not None:
        lon, lat = near
        markers = markers.filter(
            lon__range=(lon - NEAR_BOX, lon + NEAR_BOX), lat__range=(lat - NEAR_BOX, lat + NEAR_BOX)
        )
    found = list(markers[:SUGGEST_CANDIDATES])
    distances: list[float | None] = [None] * len(found)
    if near is not None and found:
        _az, _back, metres = geo.GEOD.inv(
            [near[0]] * len(found),
            [near[1]] * len(found),
            [float(m.lon) for m in found],
            [float(m.lat) for m in found],
        )
        distances = [float(d) for d in metres]
    for marker, distance in zip(found, distances, strict=True):
        marker.own = in_scope(actor, marker.post.path)  # type: ignore[attr-defined]
        marker.distance_m = distance  # type: ignore[attr-defined]
    found.sort(
        key=lambda m: (not m.own, m.distance_m if m.distance_m is not None else 0)  # type: ignore[attr-defined]
    )  # stable: the natural order stays among equals
    return found[: max(1, min(limit, SUGGEST_MAX))]


def sign_list(
    *, actor: Any, kind: str = "", line_id: int | None = None, q: str = ""
) -> QuerySet[Sign]:
    access.require(actor, "registry.view")
    signs = scoped(
        actor, Sign.objects.select_related("line__country", "post"), province_wide=True
    ).annotate(current_status=latest_status(SignStatus, "sign"))
    if kind:
        signs = signs.filter(kind=kind)
    if line_id:
        signs = signs.filter(line_id=line_id)
    if q:
        signs = matching(signs, search_text(q))
    return signs.order_by("line_id", "code")


def sign_get(*, actor: Any, sign_id: int) -> Sign:
    access.require(actor, "registry.view")
    return get_scoped_or_404(
        actor,
        Sign.objects.select_related("line__country", "post").annotate(
            current_status=latest_status(SignStatus, "sign")
        ),
        province_wide=True,
        pk=sign_id,
    )


def gate_list(*, actor: Any, kind: str = "", side: str = "", q: str = "") -> QuerySet[Gate]:
    """Gates of the province, both sides, with their counterpart and current state."""
    access.require(actor, "registry.view")
    gates = scoped(
        actor,
        Gate.objects.select_related("line__country", "post", "paired_with"),
        province_wide=True,
    ).annotate(current_status=latest_status(GateStatus, "gate"))
    if kind:
        gates = gates.filter(kind=kind)
    if side:
        gates = gates.filter(side=side)
    if q:
        gates = matching(gates, search_text(q))
    return gates.order_by("line_id", "side", "name")


def gate_get(*, actor: Any, gate_id: int) -> Gate:
    access.require(actor, "registry.view")
    return get_scoped_or_404(
        actor,
        Gate.objects.select_related("line__country", "post", "paired_with").annotate(
            current_status=latest_status(GateStatus, "gate")
        ),
        province_wide=True,
        pk=gate_id,
    )


def history(*, actor: Any, owner: Any) -> list[Any]:
    """The status history of a marker, sign or gate the actor may see, newest first.

    Every entry's status and date are registry fact, read across the province. An entry written
    by an operational record (another post's patrol or repair) carries that record's text: its
    source, note and recorder are withheld (blank, `withheld` set) from a reader who may not
    read the record itself, decided by the record's own scope; to one who may, `source_url` is
    the record's page. One query for the entries and one per kind of record, however long the
    history. Every path that shows a history reads it here.
    """
    access.require(actor, "registry.view")
    entries = list(owner.statuses.select_related("recorded_by").order_by("-on", "-id"))
    refs = [(e.origin, e.origin_id) for e in entries if e.origin]
    shown = readable(actor, refs) if refs else {}
    for entry in entries:
        record = shown.get((entry.origin, entry.origin_id))
        entry.withheld = bool(entry.origin) and record is None
        url = getattr(record, "get_absolute_url", None)
        entry.source_url = url() if url is not None else ""
        if entry.withheld:
            entry.source, entry.note, entry.recorded_by = "", "", None
            entry.origin, entry.origin_id = "", None
    return entries


# --- administrative units: national reference data, seen by every user --------------------


def admin_unit_list(
    *,
    actor: Any,
    q: str = "",
    level: str = "",
    parent_id: int | None = None,
    on: date | None = None,
) -> QuerySet[AdminUnit]:
    """Units, optionally only those valid on a day (`on`): the map of that day."""
    access.require(actor, "registry.view")
    units = AdminUnit.objects.select_related("parent")
    if q:
        units = admin_units_named(units, search_text(q))
    if level:
        units = units.filter(level=level)
    if parent_id:
        units = units.filter(parent_id=parent_id)
    if on:
        units = units.filter(valid_on(on))
    return units.order_by("level", "name_search", "valid_from")


def valid_on(day: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def admin_unit_get(*, actor: Any, admin_unit_id: int) -> AdminUnit:
    access.require(actor, "registry.view")
    unit = AdminUnit.objects.select_related("parent").filter(pk=admin_unit_id).first()
    if unit is None:
        raise Http404("AdminUnit")
    return unit


# --- who keeps shared reference data (ADR 0008) ------------------------------------------------


def admin_unit_provinces(unit: AdminUnit) -> list[str]:
    """The paths of the province units whose area `unit` lies in: the province at the top of its
    parent chain (the parents it had while it existed) or a province that one merged into
    (2025), as served by a province unit here. Empty: a province no unit here serves."""
    top, seen = unit, set()
    while top.parent_id is not None and top.pk not in seen:  # at most village → commune → ...
        seen.add(top.pk)
        top = top.parent  # type: ignore[assignment]
    lineage = {top.pk} if top.pk else set()
    frontier = set(lineage)
    while frontier:  # the provinces it became, and theirs in turn
        frontier = (
            set(AdminUnit.objects.filter(predecessors__in=frontier).values_list("pk", flat=True))
            - lineage
        )
        lineage |= frontier
    return sorted(
        OrgUnit.objects.filter(kind=UnitKind.PROVINCE, admin_unit__in=lineage).values_list(
            "path", flat=True
        )
    )


def admin_unit_writable(*, actor: Any, unit: AdminUnit) -> bool:
    """True when the actor may change `unit`: an administrator of a province it lies in, or
    any administrator for a unit of no province here; always the command line (no actor)."""
    if actor is None:
        return True
    if not access.can(actor, "admin_unit.manage"):
        return False
    keepers = admin_unit_provinces(unit)
    return not keepers or province_path(actor) in keepers


def admin_unit_for_write(*, actor: Any, admin_unit_id: int, lock: bool = False) -> AdminUnit:
    """The one way to an administrative unit that is to be changed: 404 when it does not exist,
    403 when the actor may read it (everyone may) but not change it."""
    access.require(actor, "admin_unit.manage")
    units = AdminUnit.objects.select_for_update() if lock else AdminUnit.objects.all()
    unit = units.filter(pk=admin_unit_id).first()
    if unit is None:
        raise Http404("AdminUnit")
    if not admin_unit_writable(actor=actor, unit=unit):
        raise PermissionDenied("admin_unit.manage")
    return unit


def country_provinces(country_id: int) -> list[str]:
    """The paths of the provinces with a border line on that country: the keepers of its
    subdivisions."""
    return sorted(
        set(
            BorderLine.objects.filter(country_id=country_id).values_list(
                "province__path", flat=True
            )
        )
    )


def countries_kept(*, actor: Any) -> set[int]:
    """The countries whose subdivisions the actor may change (their province borders them)."""
    if not access.can(actor, "registry.manage"):
        return set()
    path = province_path(actor)
    lines = BorderLine.objects.filter(province__path=path) if path else BorderLine.objects.none()
    return set(lines.values_list("country_id", flat=True))


def subdivision_writable(*, actor: Any, country_id: int) -> bool:
    """True when the actor keeps the registry of a province that borders the country."""
    return country_id in countries_kept(actor=actor)


def subdivision_for_write(
    *, actor: Any, subdivision_id: int, lock: bool = False
) -> ForeignSubdivision:
    """The one way to a subdivision that is to be changed: 404 when it does not exist, 403 when
    the actor's province does not border its country."""
    access.require(actor, "registry.manage")
    units = ForeignSubdivision.objects.select_related("country")
    if lock:
        units = units.select_for_update(of=("self",))
    unit = units.filter(pk=subdivision_id).first()
    if unit is None:
        raise Http404("subdivision")
    if not subdivision_writable(actor=actor, country_id=unit.country_id):
        raise PermissionDenied("registry.manage")
    return unit


def admin_unit_on(*, code: str, day: date) -> AdminUnit | None:
    """The version of unit `code` in force on `day`: what a record of that day refers to."""
    return AdminUnit.objects.filter(valid_on(day), code=code).first()


def admin_unit_rollup(unit: AdminUnit, day: date) -> list[AdminUnit]:
    """The units in force on `day` that `unit` became, following successor links (a unit
    merged into another rolls up into it; one split in two rolls up into both)."""
    result: list[AdminUnit] = []
    frontier, seen = [unit], set()
    while frontier:
        current = frontier.pop()
        if current.pk in seen:
            continue
        seen.add(current.pk)
        if (current.valid_from is None or current.valid_from <= day) and (
            current.valid_to is None or current.valid_to >= day
        ):
            result.append(current)
        else:
            frontier.extend(current.successors.all())
    return sorted(result, key=lambda u: u.code)


# --- organisations ----------------------------------------------------------------------------


def committee_list(*, actor: Any) -> QuerySet[OrgUnit]:
    """The steering committees of the actor's province (the provincial one, district ones), the
    undated and latest-ending first."""
    access.require(actor, "registry.view")
    return scoped(
        actor, OrgUnit.objects.filter(kind=UnitKind.STEERING_COMMITTEE), province_wide=True
    ).order_by(F("valid_to").desc(nulls_first=True), "depth", "name")


def committee_members(
    *, actor: Any, committee_id: int | None = None, on: date | None = None, q: str = ""
) -> QuerySet[CommitteeMember]:
    """Seats of the province's committees; with `on`, those held that day; `q` searches the
    person, ignoring diacritics."""
    access.require(actor, "registry.view")
    members = scoped(
        actor, CommitteeMember.objects.select_related("committee", "agency"), province_wide=True
    )
    if committee_id:
        members = members.filter(committee_id=committee_id)
    if q:
        members = _kept(members, search_text(q), "person_search")
    if on:
        members = members.filter(Q(term_to__isnull=True) | Q(term_to__gte=on), term_from__lte=on)
    order = Case(*[When(role=r, then=i) for i, r in enumerate(CommitteeRole.values)])
    return members.order_by("committee__path", order, "person")


def committee_member_get(*, actor: Any, member_id: int) -> CommitteeMember:
    access.require(actor, "registry.view")
    return get_scoped_or_404(
        actor,
        CommitteeMember.objects.select_related("committee", "agency"),
        province_wide=True,
        pk=member_id,
    )


def counterpart_list(
    *, actor: Any, country: str = "", q: str = "", post_id: int | None = None
) -> QuerySet[CounterpartUnit]:
    """The units across the border; `q` searches the name ignoring diacritics, `post_id` keeps
    those facing one of our posts."""
    access.require(actor, "registry.view")
    units = scoped(
        actor,
        CounterpartUnit.objects.select_related("country", "subdivision").prefetch_related(
            "facing_posts"
        ),
        province_wide=True,
    )
    if country:
        units = units.filter(country__code=country.upper())
    if q:
        units = _kept(units, search_text(q))
    if post_id:
        units = units.filter(facing_posts=post_id)
    return units.order_by("country__code", "name")


def counterpart_get(*, actor: Any, counterpart_id: int) -> CounterpartUnit:
    access.require(actor, "registry.view")
    return get_scoped_or_404(
        actor,
        CounterpartUnit.objects.select_related("country", "subdivision").prefetch_related(
            "facing_posts"
        ),
        province_wide=True,
        pk=counterpart_id,
    )


def section_communes(*, actor: Any, section: BorderSection) -> QuerySet[SectionCommune]:
    access.require(actor, "registry.view")
    return section.communes.select_related("commune").order_by("commune__name")


def commune(commune_id: Any, *, on: date | None = None, field: str = "commune_id") -> AdminUnit:
    """The commune a record names, in force on the record's day `on` when it has one: the one
    rule of every form, route and import that takes a commune (an error naming `field`
    otherwise: not a commune; or, before the 2025 reform, the merged commune of today named for
    a day when it did not exist yet, naming the days it stands for)."""
    try:
        pk = int(commune_id)
    except (TypeError, ValueError):  # nothing, or not an id: no commune (never a 500)
        raise DomainError(Code.NOT_A_COMMUNE, field=field) from None
    found = AdminUnit.objects.filter(pk=pk, level=AdminLevel.COMMUNE).first()
    if found is None:
        raise DomainError(Code.NOT_A_COMMUNE, field=field)
    if on is not None and not found.in_force(on):
        raise DomainError(
            Code.COMMUNE_NOT_IN_FORCE,
            field=field,
            name=found.name,
            day=date_format(on, "SHORT_DATE_FORMAT"),
            span=f"{_day(found.valid_from)} – {_day(found.valid_to)}",
        )
    return found


def _day(value: date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "…"


class CommuneFinder:
    """The commune a cell of an imported file names, by code or by name, among the versions in
    force on the row's day: the rule `commune` holds a single record to, so an import and a
    form given the same commune and day agree. Every commune (each version, with its dates) is
    read once per import, so a row costs no query."""

    def __init__(self, column: str = "commune") -> None:
        self.column = column
        self.by_code: dict[str, list[AdminUnit]] = defaultdict(list)
        self.by_name: dict[str, list[AdminUnit]] = defaultdict(list)
        for unit in AdminUnit.objects.filter(level=AdminLevel.COMMUNE).order_by("code", "pk"):
            self.by_code[unit.code].append(unit)
            self.by_name[unit.name_search].append(unit)

    def find(self, raw: str, on: date) -> AdminUnit:
        """The commune `raw` names on day `on`; a CellError of the column otherwise."""
        by_code = [u for u in self.by_code.get(raw, ()) if u.in_force(on)]
        if len(by_code) == 1:
            return by_code[0]
        name = kept_text([raw])
        found = [u for u in self.by_name.get(name, ()) if u.in_force(on)]
        if len(found) == 1:
            return found[0]
        if found:
            raise CellError(
                self.column,
                _("Có nhiều xã, phường tên “{name}”; hãy ghi mã xã.").format(name=raw),
            )
        other_days = self.by_code.get(raw) or self.by_name.get(name)
        if other_days:  # a commune of other days: said as a form says it (`commune`)
            try:
                commune(other_days[-1].pk, on=on, field=self.column)
            except DomainError as exc:
                raise CellError(self.column, exc.message) from exc
        raise CellError(
            self.column,
            _("Không có xã, phường “{name}” có hiệu lực vào ngày đó.").format(name=raw),
        )


def border_communes(*, actor: Any) -> QuerySet[AdminUnit]:
    """The communes linked to the sections of the actor's province (its land border area)."""
    access.require(actor, "registry.view")
    sections = scoped(actor, BorderSection.objects.all(), province_wide=True)
    return (
        AdminUnit.objects.filter(border_sections__section__in=sections).distinct().order_by("name")
    )


def country_list(*, actor: Any) -> QuerySet[Country]:
    """The neighbouring countries with their subdivisions (reference data)."""
    access.require(actor, "registry.view")
    return Country.objects.prefetch_related("subdivisions").order_by("code")


def committee_seats(*, actor: Any, on: date) -> list[dict[str, Any]]:
    """Each committee of the province (active on `on` or not: district committees ended with the
    districts) with the seats held on `on` and those of other terms."""
    members = list(committee_members(actor=actor))

    def held(m: CommitteeMember) -> bool:
        return m.term_from <= on and (m.term_to is None or m.term_to >= on)

    def active(c: OrgUnit) -> bool:
        return (c.valid_from is None or c.valid_from <= on) and (
            c.valid_to is None or c.valid_to >= on
        )

    return [
        {
            "unit": c,
            "active": active(c),
            "current": [m for m in members if m.committee_id == c.pk and held(m)],
            "past": [m for m in members if m.committee_id == c.pk and not held(m)],
        }
        for c in committee_list(actor=actor)
    ]


def subdivision_get(*, actor: Any, subdivision_id: int) -> ForeignSubdivision:
    """A neighbouring country's subdivision (reference data every user reads)."""
    access.require(actor, "registry.view")
    unit = ForeignSubdivision.objects.select_related("country").filter(pk=subdivision_id).first()
    if unit is None:
        raise Http404("subdivision")
    return unit


def border_posts(*, actor: Any, for_write: bool = False) -> QuerySet[OrgUnit]:
    """The province's border posts (to read); with `for_write`, those the actor may write for."""
    access.require(actor, "registry.view")
    posts = OrgUnit.objects.filter(kind=UnitKind.BORDER_POST).order_by("name")
    return scoped(actor, posts, province_wide=not for_write)


def committee_agencies(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the province that can hold a committee seat (not posts or communes)."""
    access.require(actor, "registry.view")
    units = OrgUnit.objects.exclude(kind__in=[UnitKind.BORDER_POST, UnitKind.COMMUNE])
    return scoped(actor, units, province_wide=True).order_by("path")
