from decimal import Decimal
from typing import Any

from django.db import transaction
from shapely import LineString

from biengioi.audit import services as audit
from biengioi.core import access, geo
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404, province_path, scoped
from biengioi.core.search import kept_text
from biengioi.core.text import clean_text

from ..models import BorderLine, BorderSection, Country, Marker, OrgUnit, UnitKind

_SECTION_FIELDS = ["line", "code", "name", "post", "geometry", "length_km"]


def border_post_for_write(actor: Any, post_id: Any, *, field: str = "post_id") -> OrgUnit:
    """A border post the actor may assign work to (in their subtree)."""
    posts = OrgUnit.objects.filter(kind=UnitKind.BORDER_POST)
    if actor is None:
        post = posts.filter(pk=post_id).first()
    else:
        post = scoped(actor, posts).filter(pk=post_id).first()
    if post is None:
        raise DomainError(Code.NOT_A_BORDER_POST, field=field)
    return post


def line_geometries(line: BorderLine) -> list[LineString]:
    return [geo.line_from_geojson(g) for g in line.sections.values_list("geometry", flat=True)]


def border_line_create(
    *, actor: Any, country_code: str, name: str, province_id: int | None = None
) -> BorderLine:
    """The province's border with a neighbour; `province_id` only from the command line."""
    name = clean_text(name, field="name", max_length=200, required=True)
    country = Country.objects.filter(code=(country_code or "").upper()).first()
    if country is None:
        raise DomainError(Code.REQUIRED, field="country_code")
    with transaction.atomic():
        if actor is None:
            province = OrgUnit.objects.get(pk=province_id or 0, kind=UnitKind.PROVINCE)
        else:
            access.require(actor, "registry.manage")
            province = OrgUnit.objects.get(path=province_path(actor))
        line, _ = BorderLine.objects.get_or_create(
            province=province, country=country, defaults={"name": name}
        )
        audit.record(
            actor,
            "border_line.create",
            line,
            scope_path=province.path,
            after={"country": country.code, "name": line.name},
        )
    return line


def _refresh_distances(line: BorderLine) -> None:
    """Distances of the line's markers follow any change of its sections."""
    lines = line_geometries(line)
    for marker in Marker.objects.filter(line=line).only("pk", "lon", "lat"):
        d = geo.distance_m(float(marker.lon), float(marker.lat), lines)
        Marker.objects.filter(pk=marker.pk).update(
            distance_to_line_m=None if d is None else Decimal(f"{d:.1f}")
        )


def section_create(
    *, actor: Any, line_id: int, code: str, name: str, post_id: int, geometry: Any
) -> BorderSection:
    if actor is not None:
        access.require(actor, "registry.manage")
    code = clean_text(code, field="code", max_length=40, required=True).upper()
    name = clean_text(name, field="name", max_length=200, required=True)
    shape = geo.line_from_geojson(geometry)
    with transaction.atomic():
        lines = BorderLine.objects.select_for_update()
        line = (
            lines.get(pk=line_id)
            if actor is None
            else get_scoped_or_404(actor, lines, province_wide=True, pk=line_id)
        )
        post = border_post_for_write(actor, post_id)
        if BorderSection.objects.filter(line=line, code=code).exists():
            raise DomainError(Code.SECTION_CODE_TAKEN, field="code", code=code)
        section = BorderSection.objects.create(
            line=line,
            code=code,
            name=name,
            name_search=kept_text([code, name]),
            post=post,
            geometry=geo.to_geojson(shape),
            length_km=Decimal(f"{geo.length_km(shape):.3f}"),
        )
        _refresh_distances(line)
        audit.record(
            actor,
            "section.create",
            section,
            scope_path=post.path,
            after=audit.snapshot(section, _SECTION_FIELDS),
        )
    return section


def section_update(
    *,
    actor: Any,
    section_id: int,
    name: str | None = None,
    post_id: int | None = None,
    geometry: Any = None,
) -> BorderSection:
    access.require(actor, "registry.manage")
    with transaction.atomic():
        section = get_scoped_or_404(
            actor, BorderSection.objects.select_for_update().select_related("line"), pk=section_id
        )
        before = audit.snapshot(section, _SECTION_FIELDS)
        if name is not None:
            section.name = clean_text(name, field="name", max_length=200, required=True)
            section.name_search = kept_text([section.code, section.name])
        if post_id is not None:
            section.post = border_post_for_write(actor, post_id)
        if geometry is not None:
            shape = geo.line_from_geojson(geometry)
            section.geometry = geo.to_geojson(shape)
            section.length_km = Decimal(f"{geo.length_km(shape):.3f}")
        section.save()
        if geometry is not None:
            _refresh_distances(section.line)
        audit.record(
            actor,
            "section.update",
            section,
            scope_path=section.post.path,
            before=before,
            after=audit.snapshot(section, _SECTION_FIELDS),
        )
    return section
