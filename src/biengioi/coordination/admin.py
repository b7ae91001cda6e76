from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import BudgetItem, Conclusion, Conference, Task, TaskProgress


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


@admin.register(BudgetItem)
class BudgetItemAdmin(ReadOnlyAdmin):
    list_display = ["year", "unit", "title", "category", "estimated", "approved", "spent"]
    list_filter = ["year", "category"]
