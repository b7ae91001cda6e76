from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import (
    AgreedPoint,
    BudgetItem,
    Conclusion,
    Conference,
    Document,
    Duty,
    InfoExchange,
    PlannedTalks,
    Regulation,
    Submission,
    Talks,
    Task,
    TaskProgress,
)


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


@admin.register(PlannedTalks)
class PlannedTalksAdmin(ReadOnlyAdmin):
    list_display = ["year", "level", "unit", "counterpart", "month", "quarter", "topic"]
    list_filter = ["year", "level"]


@admin.register(Talks)
class TalksAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "level", "unit", "counterpart", "host_side", "place"]
    list_filter = ["level", "host_side"]


@admin.register(AgreedPoint)
class AgreedPointAdmin(ReadOnlyAdmin):
    list_display = ["talks", "position", "text"]


@admin.register(InfoExchange)
class InfoExchangeAdmin(ReadOnlyAdmin):
    list_display = ["on", "channel", "direction", "unit", "subject", "reply_by", "replied_on"]
    list_filter = ["channel", "direction"]


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


@admin.register(BudgetItem)
class BudgetItemAdmin(ReadOnlyAdmin):
    list_display = ["year", "unit", "title", "category", "estimated", "approved", "spent"]
    list_filter = ["year", "category"]


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "unit", "size", "created_at", "uploaded_by"]
    list_filter = ["kind"]
