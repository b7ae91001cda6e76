from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import SchedulerRun


@admin.register(SchedulerRun)
class SchedulerRunAdmin(ReadOnlyAdmin):
    """The runs of the reminder scheduler that made notifications (a notification itself is
    its recipient's alone and is not shown here)."""

    list_display = ["started_at", "finished_at", "created", "emailed"]
