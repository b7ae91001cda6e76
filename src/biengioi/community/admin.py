from django.contrib import admin

from biengioi.core.admin import ReadOnlyAdmin

from .models import (
    PropagandaImport,
    PropagandaSession,
    PropagandaTopic,
    SelfManagementTeam,
    TeamActivity,
    TeamMember,
    TeamReview,
    TrainingCourse,
)


@admin.register(SelfManagementTeam)
class SelfManagementTeamAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "commune", "village", "unit", "founded_on", "km_managed"]
    list_filter = ["kind"]


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "team", "registered_on", "left_on"]
    list_filter = ["kind"]


@admin.register(TeamActivity)
class TeamActivityAdmin(ReadOnlyAdmin):
    list_display = ["on", "team", "summary"]


@admin.register(TeamReview)
class TeamReviewAdmin(ReadOnlyAdmin):
    list_display = ["year", "team", "held_on", "grade"]


@admin.register(TrainingCourse)
class TrainingCourseAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "starts_on", "ends_on", "participants", "people_trained"]
    date_hierarchy = "starts_on"


@admin.register(PropagandaTopic)
class PropagandaTopicAdmin(ReadOnlyAdmin):
    list_display = ["name", "province", "active"]
    list_filter = ["active"]


@admin.register(PropagandaImport)
class PropagandaImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "unit", "rows", "created_by", "created_at"]


@admin.register(PropagandaSession)
class PropagandaSessionAdmin(ReadOnlyAdmin):
    list_display = ["on", "unit", "commune", "village", "form", "listeners", "source"]
    list_filter = ["form"]
