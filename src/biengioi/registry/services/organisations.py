"""Organisations around the border: steering committee seats, counterpart units across the
border, and the land-border-area communes of each section with their border-belt width."""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import require
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404, province_path, root_id, scoped
from biengioi.core.search import kept_text
from biengioi.core.text import clean_text

from ..models import (
    BorderSection,
    CommitteeMember,
    CommitteeRole,
    CounterpartUnit,
    Country,
    ForeignSubdivision,
    OrgUnit,
    SectionCommune,
    UnitKind,
)
from ..selectors import (
    admin_unit_provinces,
    country_provinces,
    subdivision_for_write,
    subdivision_writable,
)
from ..selectors import commune as commune_of
from .admin_units import admin_unit_border_area_mark
from .borders import border_post_for_write

_MEMBER_FIELDS = ["committee", "role", "person", "position", "agency", "term_from", "term_to"]
_COUNTERPART_FIELDS = ["province", "country", "subdivision", "name", "kind", "note"]


# --- steering committee -----------------------------------------------------------------------


def _period(start: date | None, end: date | None) -> str:
    return " – ".join(date_format(d, "SHORT_DATE_FORMAT") if d else "…" for d in (start, end))


def _check_member(member: CommitteeMember) -> None:
    if member.role not in CommitteeRole.values:
        raise DomainError(Code.REQUIRED, field="role")
    if member.role == CommitteeRole.STANDING_AGENCY:
        if member.agency is None:
            raise DomainError(Code.REQUIRED, field="agency_id")
    elif not member.person:
        raise DomainError(Code.REQUIRED, field="person")
    if member.term_to and member.term_to < member.term_from:
        raise DomainError(Code.VALID_TO_BEFORE_FROM, field="term_to")
    committee = member.committee
    period = _period(committee.valid_from, committee.valid_to)
    if committee.valid_from and member.term_from < committee.valid_from:
        raise DomainError(Code.TERM_OUTSIDE_COMMITTEE, field="term_from", period=period)
    if committee.valid_to and member.term_from > committee.valid_to:
        raise DomainError(Code.TERM_OUTSIDE_COMMITTEE, field="term_from", period=period)
    if committee.valid_to and (member.term_to is None or member.term_to > committee.valid_to):
        raise DomainError(Code.TERM_OUTSIDE_COMMITTEE, field="term_to", period=period)
    if member.role == CommitteeRole.HEAD:
        heads = CommitteeMember.objects.filter(
            committee=member.committee, role=CommitteeRole.HEAD
        ).exclude(pk=member.pk)
        heads = heads.filter(Q(term_to__isnull=True) | Q(term_to__gte=member.term_from))
        if member.term_to:
            heads = heads.filter(term_from__lte=member.term_to)
        if (other := heads.first()) is not None:
            raise DomainError(Code.ONE_HEAD, field="role", person=other.person)


def _agency(committee: OrgUnit, agency_id: int | None) -> OrgUnit | None:
    """The agency a seat represents: a unit of the committee's province."""
    if agency_id is None:
        return None
    province = "/" + committee.path.split("/")[1] + "/"
    agency = OrgUnit.objects.filter(pk=agency_id, path__startswith=province).first()
    if agency is None:
        raise DomainError(Code.NOT_IN_PROVINCE, field="agency_id")
    return agency


def committee_member_add(
    *,
    actor: Any,
    committee_id: int,
    role: str,
    term_from: date,
    person: str = "",
    position: str = "",
    agency_id: int | None = None,
    term_to: date | None = None,
) -> CommitteeMember:
    """Give a seat on a steering committee (or name its standing agency) for a term."""
    if actor is not None:
        access.require(actor, "committee.manage")
    with transaction.atomic():
        committees = OrgUnit.objects.filter(kind=UnitKind.STEERING_COMMITTEE)
        committee = (
            committees.filter(pk=committee_id).first()
            if actor is None
            else scoped(actor, committees).filter(pk=committee_id).first()
        )
        if committee is None:
            raise DomainError(Code.NOT_A_COMMITTEE, field="committee_id")
        member = CommitteeMember(
            committee=committee,
            role=role,
            agency=_agency(committee, agency_id),
            term_from=term_from,
            term_to=term_to,
            person=clean_text(person or "", field="person", max_length=150),
            position=clean_text(position or "", field="position", max_length=200),
        )
        _check_member(member)
        member.person_search = kept_text([member.person])
        member.save()
        audit.record(
            actor,
            "committee_member.add",
            member,
            scope_path=committee.path,
            after=audit.snapshot(member, _MEMBER_FIELDS),
        )
    return member


_SEAT_CHANGES = {"role", "person", "position", "agency_id", "term_from", "term_to"}


def committee_member_update(*, actor: Any, member_id: int, **changes: Any) -> CommitteeMember:
    """Correct a seat or end its term (a member leaves, the committee is re-formed). A keyword
    left out is left alone; `term_to=None` reopens the term, `agency_id=None` clears the agency."""
    unknown = set(changes) - _SEAT_CHANGES
    if unknown:
        raise TypeError(f"committee_member_update: unknown fields {sorted(unknown)}")
    access.require(actor, "committee.manage")
    with transaction.atomic():
        member = get_scoped_or_404(
            actor,
            CommitteeMember.objects.select_for_update().select_related("committee"),
            pk=member_id,
        )
        before = audit.snapshot(member, _MEMBER_FIELDS)
        for key in ("person", "position"):
            if changes.get(key) is not None:
                limit = 150 if key == "person" else 200
                setattr(member, key, clean_text(changes[key], field=key, max_length=limit))
        for key in ("role", "term_from"):
            if changes.get(key) is not None:
                setattr(member, key, changes[key])
        if "term_to" in changes:
            member.term_to = changes["term_to"]
        if "agency_id" in changes:
            member.agency = _agency(member.committee, changes["agency_id"])
        _check_member(member)
        member.person_search = kept_text([member.person])
        member.save()
        audit.record(
            actor,
            "committee_member.update",
            member,
            scope_path=member.committee.path,
            before=before,
            after=audit.snapshot(member, _MEMBER_FIELDS),
        )
    return member


# --- counterpart units ------------------------------------------------------------------------


def _apply_counterpart(actor: Any, unit: CounterpartUnit, data: dict[str, Any]) -> list | None:
    if "name" in data:
        unit.name = clean_text(data["name"], field="name", max_length=200, required=True)
        unit.name_search = kept_text([unit.name])
    if "kind" in data:
        unit.kind = clean_text(data["kind"] or "", field="kind", max_length=100)
    if "note" in data:
        unit.note = clean_text(data["note"] or "", field="note", multiline=True, max_length=4000)
    if "country_code" in data:
        country = Country.objects.filter(code=(data["country_code"] or "").upper()).first()
        if country is None:
            raise DomainError(Code.REQUIRED, field="country_code")
        unit.country = country
    if "subdivision" in data:
        name = clean_text(data["subdivision"] or "", field="subdivision", max_length=200)
        unit.subdivision = _subdivision(actor, unit.country, name) if name else None
    posts = data.get("facing_post_ids")
    if posts is None:
        return None
    return [border_post_for_write(actor, pk, field="facing_post_ids") for pk in posts]


def _subdivision(actor: Any, country: Country, name: str) -> ForeignSubdivision:
    """The named subdivision of the counterpart's country; a new one is added to the shared list
    as `subdivision_create` would (a country the actor's province borders; audited)."""
    found = ForeignSubdivision.objects.filter(country=country, name__iexact=name).first()
    if found is not None:
        return found
    if actor is not None and not subdivision_writable(actor=actor, country_id=country.pk):
        raise DomainError(Code.COUNTRY_NOT_BORDERED, field="subdivision")
    unit = ForeignSubdivision.objects.create(country=country, name=name)
    _record_subdivision(
        actor, "subdivision.create", unit, after={"country": country.code, "name": name, "kind": ""}
    )
    return unit


def counterpart_create(
    *, actor: Any, province_id: int | None = None, **data: Any
) -> CounterpartUnit:
    """Record a unit across the border and the posts of ours that face it."""
    if actor is not None:
        access.require(actor, "registry.manage")
    require(data, "name", "country_code")
    with transaction.atomic():
        province = OrgUnit.objects.get(
            **({"pk": province_id} if actor is None else {"path": province_path(actor)})
        )
        unit = CounterpartUnit(province=province)
        posts = _apply_counterpart(actor, unit, data)
        unit.save()
        if posts is not None:
            unit.facing_posts.set(posts)
        audit.record(
            actor,
            "counterpart.create",
            unit,
            scope_path=province.path,
            after={
                **(audit.snapshot(unit, _COUNTERPART_FIELDS) or {}),
                "facing_posts": sorted(p.pk for p in posts or []),
            },
        )
    return unit


def counterpart_update(*, actor: Any, counterpart_id: int, **data: Any) -> CounterpartUnit:
    access.require(actor, "registry.manage")
    with transaction.atomic():
        unit = get_scoped_or_404(
            actor,
            CounterpartUnit.objects.select_for_update(),
            province_wide=True,
            pk=counterpart_id,
        )
        before = audit.snapshot(unit, _COUNTERPART_FIELDS)
        posts = _apply_counterpart(actor, unit, data)
        unit.save()
        if posts is not None:
            unit.facing_posts.set(posts)
        audit.record(
            actor,
            "counterpart.update",
            unit,
            scope_path=unit.province.path,
            before=before,
            after=audit.snapshot(unit, _COUNTERPART_FIELDS),
        )
    return unit


# --- communes of the land border area along a section ----------------------------------------


def section_commune_set(
    *, actor: Any, section_id: int, commune_id: int, belt_width_m: int
) -> SectionCommune:
    """Add a commune to a section's land border area, or change its border-belt width."""
    if not 100 <= int(belt_width_m) <= 1000:
        raise DomainError(Code.BELT_WIDTH, field="belt_width_m")
    if actor is not None:
        access.require(actor, "registry.manage")
    # a section's land border area is today's: a commune in force today (the one rule of every
    # path that takes a commune)
    commune = commune_of(commune_id, on=timezone.localdate())
    with transaction.atomic():
        sections = BorderSection.objects.select_related("post")
        section = (
            sections.get(pk=section_id)
            if actor is None
            else get_scoped_or_404(actor, sections, pk=section_id)
        )
        keepers = admin_unit_provinces(commune)
        if keepers and f"/{root_id(section.post.path)}/" not in keepers:
            raise DomainError(Code.ADMIN_UNIT_OTHER_PROVINCE, field="commune_id", name=commune.name)
        link, created = SectionCommune.objects.get_or_create(
            section=section, commune=commune, defaults={"belt_width_m": belt_width_m}
        )
        before = None if created else {"belt_width_m": link.belt_width_m}
        link.belt_width_m = belt_width_m
        link.save()
        audit.record(
            actor,
            "section.commune_set",
            link,
            scope_path=section.post.path,
            before=before,
            after={"section": section.pk, "commune": commune.pk, "belt_width_m": belt_width_m},
        )
        admin_unit_border_area_mark(actor=actor, unit=commune, elsewhere=section.post.path)
    return link


def _record_subdivision(actor: Any, action: str, unit: ForeignSubdivision, **change: Any) -> None:
    """A subdivision is shared by the provinces bordering its country: each one's audit list
    shows the change (the command line's, when none does yet, is filed at the root)."""
    for path in country_provinces(unit.country_id) or ["/"]:
        audit.record(actor, action, unit, scope_path=path, **change)


def subdivision_create(
    *, actor: Any, country_code: str, name: str, kind: str = ""
) -> ForeignSubdivision:
    """Add a province or region of a country the actor's province borders (shared with the
    other provinces bordering it)."""
    access.require(actor, "registry.manage")
    country = Country.objects.filter(code=(country_code or "").upper()).first()
    if country is None:
        raise DomainError(Code.REQUIRED, field="country_code")
    if not subdivision_writable(actor=actor, country_id=country.pk):
        raise DomainError(Code.COUNTRY_NOT_BORDERED, field="country_code")
    name = clean_text(name, field="name", max_length=200, required=True)
    with transaction.atomic():
        if ForeignSubdivision.objects.filter(country=country, name__iexact=name).exists():
            raise DomainError(Code.SUBDIVISION_TAKEN, field="name", name=name)
        unit = ForeignSubdivision.objects.create(
            country=country, name=name, kind=clean_text(kind or "", field="kind", max_length=60)
        )
        _record_subdivision(
            actor,
            "subdivision.create",
            unit,
            after={"country": country.code, "name": name, "kind": unit.kind},
        )
    return unit


def subdivision_update(
    *, actor: Any, subdivision_id: int, name: str | None = None, kind: str | None = None
) -> ForeignSubdivision:
    """Correct the name or kind of a subdivision of a country the actor's province borders."""
    with transaction.atomic():
        unit = subdivision_for_write(actor=actor, subdivision_id=subdivision_id, lock=True)
        before = {"country": unit.country.code, "name": unit.name, "kind": unit.kind}
        if name is not None:
            unit.name = clean_text(name, field="name", max_length=200, required=True)
            taken = ForeignSubdivision.objects.filter(country=unit.country, name__iexact=unit.name)
            if taken.exclude(pk=unit.pk).exists():
                raise DomainError(Code.SUBDIVISION_TAKEN, field="name", name=unit.name)
        if kind is not None:
            unit.kind = clean_text(kind, field="kind", max_length=60)
        unit.save()
        _record_subdivision(
            actor,
            "subdivision.update",
            unit,
            before=before,
            after={"country": unit.country.code, "name": unit.name, "kind": unit.kind},
        )
    return unit
