from django.contrib import admin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from biengioi.core.admin import ReadOnlyAdmin

from .models import ApiToken, User

# Roles are biengioi's own (core.access), not Django groups; second-factor devices are enrolled
# and confirmed on the sign-in pages, never edited by hand (that would bypass the audit trail).
admin.site.unregister(Group)
admin.site.unregister(TOTPDevice)


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "full_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    exclude = ["password"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["prefix", "name", "user", "created_at", "expires_at", "revoked_at"]
    exclude = ["digest"]
