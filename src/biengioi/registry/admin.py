from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "parent", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["code", "name_search"]
