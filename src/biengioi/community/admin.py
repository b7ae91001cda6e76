from typing import Any

from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse

from biengioi.core.admin import ReadOnlyAdmin

from .models import (
    Award,
    EmulationMovement,
    EmulationReview,
    Programme,
    ProgrammeActivity,
    ProgrammeBeneficiary,
    PropagandaImport,
    PropagandaSession,
    PropagandaTopic,
    SelfManagementTeam,
    TeamActivity,
    TeamMember,
    TeamReview,
    TrainingCourse,
    Twinning,
    TwinningActivity,
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


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "province", "active"]
    list_filter = ["kind", "active"]


@admin.register(ProgrammeBeneficiary)
class ProgrammeBeneficiaryAdmin(ReadOnlyAdmin):
    """Beneficiaries are children and pupils: the admin (for IT staff) is cut to the viewer's
    unit scope like every ReadOnlyAdmin, and on top of that shows no personal data at all (no
    name, birth year or place, not even in the page title), only the programme, the supporting
    unit, the period and the sum. Those who do the work read the rest on the app's pages."""

    list_display = ["pk", "programme", "unit", "since", "until", "monthly_vnd"]
    list_display_links = ["pk"]
    fields = ["programme", "unit", "monthly_vnd", "since", "until", "end_reason", "version"]

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        obj = kwargs.get("obj")
        if obj is not None:  # the title and breadcrumbs would name the person
            context.update(subtitle=f"#{obj.pk}", original=_Unnamed(obj.pk))
        return super().render_change_form(request, context, *args, **kwargs)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        raise Http404  # its title would name the person; the audit trail keeps the history


class _Unnamed:
    """A beneficiary as the admin's templates show it: by number only."""

    def __init__(self, pk: int) -> None:
        self.pk = pk

    def __str__(self) -> str:
        return f"#{self.pk}"


@admin.register(ProgrammeActivity)
class ProgrammeActivityAdmin(ReadOnlyAdmin):
    list_display = ["on", "programme", "unit", "commune", "people_served", "spent_vnd"]
    date_hierarchy = "on"


@admin.register(Twinning)
class TwinningAdmin(ReadOnlyAdmin):
    list_display = ["first_name", "second_name", "kind", "unit", "signed_on", "ended_on"]
    list_filter = ["kind"]
    date_hierarchy = "signed_on"


@admin.register(TwinningActivity)
class TwinningActivityAdmin(ReadOnlyAdmin):
    list_display = ["on", "kind", "twinning", "place", "host_side"]
    list_filter = ["kind"]


@admin.register(EmulationMovement)
class EmulationMovementAdmin(ReadOnlyAdmin):
    list_display = ["name", "unit", "decision_number", "decision_date", "starts_on", "ends_on"]
    date_hierarchy = "starts_on"


@admin.register(EmulationReview)
class EmulationReviewAdmin(ReadOnlyAdmin):
    list_display = ["movement", "year", "held_on"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = [
        "decision_date",
        "kind",
        "recipient_kind",
        "recipient_name",
        "conferred_by",
        "movement",
        "unit",
    ]
    list_filter = ["kind", "recipient_kind"]
    date_hierarchy = "decision_date"
