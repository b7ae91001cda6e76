from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import Conclusion, Conference, Duty, Regulation, Submission, Task, TaskProgress


@admin.register(Conference)
class ConferenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "unit", "held_on", "plan_number"]
    list_filter = ["kind"]


@admin.register(Conclusion)
class ConclusionAdmin(ReadOnlyAdmin):
    list_display = ["number", "issued_on", "conference"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "deadline", "status", "conclusion"]
    list_filter = ["status"]


@admin.register(TaskProgress)
class TaskProgressAdmin(ReadOnlyAdmin):
    list_display = ["task", "on", "status", "evidence"]


@admin.register(Regulation)
class RegulationAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "signed_on", "valid_from", "valid_to", "province"]


@admin.register(Duty)
class DutyAdmin(ReadOnlyAdmin):
    list_display = ["title", "regulation", "kind", "rhythm", "due_day", "due_month", "owner"]
    list_filter = ["kind", "rhythm"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["duty", "period_start", "period_end", "submitted_on", "reference"]
