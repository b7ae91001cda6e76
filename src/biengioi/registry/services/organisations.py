"""Organisations around the border: steering committee seats, counterpart units across the
border, and the land-border-area communes of each section with their border-belt width."""

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404, province_path, scoped
from biengioi.core.text import clean_text

from ..models import (
    AdminLevel,
    AdminUnit,
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
from .borders import border_post_for_write
from .checks import require

_MEMBER_FIELDS = ["committee", "role", "person", "position", "agency", "term_from", "term_to"]
_COUNTERPART_FIELDS = ["province", "country", "subdivision", "name", "kind", "note"]


# --- steering committee -----------------------------------------------------------------------


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
    if member.role == CommitteeRole.HEAD:
        heads = CommitteeMember.objects.filter(
            committee=member.committee, role=CommitteeRole.HEAD
        ).exclude(pk=member.pk)
        heads = heads.filter(Q(term_to__isnull=True) | Q(term_to__gte=member.term_from))
        if member.term_to:
            heads = heads.filter(term_from__lte=member.term_to)
        if (other := heads.first()) is not None:
            raise DomainError(Code.ONE_HEAD, field="role", person=other.person)


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
        agency = None
        if agency_id is not None:
            province = "/" + committee.path.split("/")[1] + "/"
            agency = OrgUnit.objects.filter(pk=agency_id, path__startswith=province).first()
            if agency is None:
                raise DomainError(Code.NOT_IN_PROVINCE, field="agency_id")
        member = CommitteeMember(
            committee=committee,
            role=role,
            agency=agency,
            term_from=term_from,
            term_to=term_to,
            person=clean_text(person or "", field="person", max_length=150),
            position=clean_text(position or "", field="position", max_length=200),
        )
        _check_member(member)
        member.save()
        audit.record(
            actor,
            "committee_member.add",
            member,
            scope_path=committee.path,
            after=audit.snapshot(member, _MEMBER_FIELDS),
        )
    return member


def committee_member_end(*, actor: Any, member_id: int, term_to: date) -> CommitteeMember:
    """End a seat's term (a member leaves, the committee is re-formed)."""
    access.require(actor, "committee.manage")
    with transaction.atomic():
        member = get_scoped_or_404(
            actor,
            CommitteeMember.objects.select_for_update().select_related("committee"),
            pk=member_id,
        )
        before = audit.snapshot(member, _MEMBER_FIELDS)
        member.term_to = term_to
        _check_member(member)
        member.save(update_fields=["term_to"])
        audit.record(
            actor,
            "committee_member.end",
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
        unit.subdivision = (
            ForeignSubdivision.objects.get_or_create(country=unit.country, name=name)[0]
            if name
            else None
        )
    posts = data.get("facing_post_ids")
    if posts is None:
        return None
    return [border_post_for_write(actor, pk, field="facing_post_ids") for pk in posts]


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
    today = timezone.localdate()
    commune = AdminUnit.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today), pk=commune_id, level=AdminLevel.COMMUNE
    ).first()
    if commune is None:
        raise DomainError(Code.NOT_A_COMMUNE, field="commune_id")
    with transaction.atomic():
        sections = BorderSection.objects.select_related("post")
        section = (
            sections.get(pk=section_id)
            if actor is None
            else get_scoped_or_404(actor, sections, pk=section_id)
        )
        link, created = SectionCommune.objects.get_or_create(
            section=section, commune=commune, defaults={"belt_width_m": belt_width_m}
        )
        before = None if created else {"belt_width_m": link.belt_width_m}
        link.belt_width_m = belt_width_m
        link.save()
        if not commune.is_border_area:
            AdminUnit.objects.filter(pk=commune.pk).update(is_border_area=True)
        audit.record(
            actor,
            "section.commune_set",
            link,
            scope_path=section.post.path,
            before=before,
            after={"section": section.pk, "commune": commune.pk, "belt_width_m": belt_width_m},
        )
    return link


def subdivision_create(
    *, actor: Any, country_code: str, name: str, kind: str = ""
) -> ForeignSubdivision:
    """Add a province or region of a neighbouring country (shared reference data)."""
    access.require(actor, "registry.manage")
    country = Country.objects.filter(code=(country_code or "").upper()).first()
    if country is None:
        raise DomainError(Code.REQUIRED, field="country_code")
    name = clean_text(name, field="name", max_length=200, required=True)
    with transaction.atomic():
        if ForeignSubdivision.objects.filter(country=country, name__iexact=name).exists():
            raise DomainError(Code.SUBDIVISION_TAKEN, field="name", name=name)
        unit = ForeignSubdivision.objects.create(
            country=country, name=name, kind=clean_text(kind or "", field="kind", max_length=60)
        )
        audit.record(
            actor,
            "subdivision.create",
            unit,
            scope_path=actor.unit.path,
            after={"country": country.code, "name": name, "kind": unit.kind},
        )
    return unit
