from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import MarkerInspection, Patrol


@admin.register(Patrol)
class PatrolAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "unit", "kind", "host_side", "line", "distance_km", "version"]
    list_filter = ["kind"]
    date_hierarchy = "started_at"


@admin.register(MarkerInspection)
class MarkerInspectionAdmin(ReadOnlyAdmin):
    list_display = ["patrol", "marker", "status", "vegetation_cleared", "status_changed"]
    list_filter = ["status", "status_changed"]
