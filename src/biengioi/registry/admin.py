from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import (
    AdminUnit,
    BorderLine,
    BorderSection,
    CommitteeMember,
    CounterpartUnit,
    Country,
    ForeignSubdivision,
    Gate,
    Marker,
    MarkerStatus,
    OrgUnit,
    SectionCommune,
    Sign,
)


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "parent", "admin_unit", "valid_from", "valid_to"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["code", "name_search"]


@admin.register(BorderLine)
class BorderLineAdmin(ReadOnlyAdmin):
    list_display = ["name", "country", "province"]


@admin.register(BorderSection)
class BorderSectionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "line", "post", "length_km"]
    list_filter = ["line"]


@admin.register(Marker)
class MarkerAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "kind", "multiplicity", "line", "post", "distance_to_line_m"]
    list_filter = ["line", "kind", "post"]
    search_fields = ["identifier"]
    ordering = ["line", "sort_key"]


@admin.register(MarkerStatus)
class MarkerStatusAdmin(ReadOnlyAdmin):
    list_display = ["marker", "status", "on", "source", "recorded_by"]
    list_filter = ["status"]


@admin.register(Sign)
class SignAdmin(ReadOnlyAdmin):
    list_display = ["code", "kind", "line", "post"]
    list_filter = ["kind"]


@admin.register(Gate)
class GateAdmin(ReadOnlyAdmin):
    list_display = ["name", "side", "kind", "paired_with", "post"]
    list_filter = ["kind", "side"]


@admin.register(AdminUnit)
class AdminUnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_to", "is_border_area"]
    list_filter = ["level", "is_border_area"]
    search_fields = ["code", "name_search"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ReadOnlyAdmin):
    list_display = ["committee", "role", "person", "position", "agency", "term_from", "term_to"]
    list_filter = ["role"]
    search_fields = ["person_search"]


@admin.register(CounterpartUnit)
class CounterpartUnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "country", "subdivision", "province"]
    list_filter = ["country"]
    search_fields = ["name_search"]


@admin.register(Country)
class CountryAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "name_en"]


@admin.register(ForeignSubdivision)
class ForeignSubdivisionAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["country"]
    search_fields = ["name"]


@admin.register(SectionCommune)
class SectionCommuneAdmin(ReadOnlyAdmin):
    list_display = ["section", "commune", "belt_width_m"]
