from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .scope import scoped


class ReadOnlyAdmin(admin.ModelAdmin):
    """Django's admin as a viewer only: every write goes through the audited services.

    Administrators (staff) may look; what they see is cut to their unit scope like everywhere
    else (a model without `SCOPE_PATH` is national reference data, seen whole)."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if getattr(self.model, "SCOPE_PATH", None) is None:
            return queryset
        return scoped(request.user, queryset)
