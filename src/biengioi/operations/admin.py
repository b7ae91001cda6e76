from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import (
    CrimeCase,
    CrimeOperation,
    GateTraffic,
    GateTrafficImport,
    Handover,
    HandoverOrigin,
    Incident,
    IncidentDeadline,
    IncidentStep,
    MarkerInspection,
    Patrol,
    RescueOperation,
)


@admin.register(Patrol)
class PatrolAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "unit", "kind", "host_side", "line", "distance_km", "version"]
    list_filter = ["kind"]
    date_hierarchy = "started_at"


@admin.register(MarkerInspection)
class MarkerInspectionAdmin(ReadOnlyAdmin):
    list_display = ["patrol", "marker", "status", "vegetation_cleared", "status_changed"]
    list_filter = ["status", "status_changed"]


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ["detected_on", "title", "unit", "kind", "level", "due_on", "closed_on"]
    list_filter = ["kind", "level"]
    date_hierarchy = "detected_on"


@admin.register(IncidentStep)
class IncidentStepAdmin(ReadOnlyAdmin):
    list_display = ["incident", "level", "on", "channel", "handled_by"]
    list_filter = ["level", "channel"]


@admin.register(IncidentDeadline)
class IncidentDeadlineAdmin(ReadOnlyAdmin):
    list_display = ["province", "kind", "level", "days"]


@admin.register(CrimeCase)
class CrimeCaseAdmin(ReadOnlyAdmin):
    list_display = ["detected_on", "title", "unit", "category", "handling", "fine_vnd", "version"]
    list_filter = ["category", "handling"]
    date_hierarchy = "detected_on"


@admin.register(CrimeOperation)
class CrimeOperationAdmin(ReadOnlyAdmin):
    list_display = ["started_on", "ended_on", "kind", "name", "unit", "version"]
    list_filter = ["kind"]


@admin.register(Handover)
class HandoverAdmin(ReadOnlyAdmin):
    list_display = ["on", "unit", "kind", "gate", "marker", "counterpart", "persons", "wanted"]
    list_filter = ["kind", "nationality"]
    date_hierarchy = "on"


@admin.register(HandoverOrigin)
class HandoverOriginAdmin(ReadOnlyAdmin):
    list_display = ["handover", "province", "persons"]


@admin.register(RescueOperation)
class RescueOperationAdmin(ReadOnlyAdmin):
    list_display = ["started_on", "title", "unit", "kind", "rescued", "evacuated", "ended_on"]
    list_filter = ["kind"]
    date_hierarchy = "started_on"


@admin.register(GateTraffic)
class GateTrafficAdmin(ReadOnlyAdmin):
    list_display = ["on", "period", "gate", "unit", "persons_out", "persons_in", "version"]
    list_filter = ["period"]
    date_hierarchy = "on"


@admin.register(GateTrafficImport)
class GateTrafficImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "filename", "unit", "rows", "created_by"]
