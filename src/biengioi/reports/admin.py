from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import Report, ReportFile


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["summary", "scope_unit", "period_code", "status", "number", "issued_on"]
    list_filter = ["status"]
    exclude = ["statistics", "drafted"]


@admin.register(ReportFile)
class ReportFileAdmin(ReadOnlyAdmin):
    list_display = ["report", "format", "size", "sha256", "created_at"]
    exclude = ["content"]
