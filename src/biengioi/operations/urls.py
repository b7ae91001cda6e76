from django.urls import path

from . import attachment_views as attachments
from . import crime_views as crime
from . import gate_views as gates
from . import handover_views as handovers
from . import incident_views as incidents
from . import repair_views as repairs
from . import rescue_views as rescues
from . import views

app_name = "operations"
urlpatterns = [
    path("patrols/", views.patrols, name="patrols"),
    path("patrols/new/", views.patrol_create, name="patrol_create"),
    path("patrols/plans/", views.patrol_plans, name="patrol_plans"),
    path("patrols/plans/export.<str:fmt>", views.patrol_plans_export, name="patrol_plans_export"),
    path(
        "patrols/plans/<int:unit_id>/<int:year>/",
        views.patrol_plan_edit,
        name="patrol_plan_edit",
    ),
    path("patrols/export.<str:fmt>", views.patrols_export, name="patrols_export"),
    path("patrols/<int:patrol_id>/", views.patrol_detail, name="patrol"),
    path("patrols/<int:patrol_id>/edit/", views.patrol_edit, name="patrol_edit"),
    path(
        "patrols/<int:patrol_id>/inspections/new/",
        views.patrol_inspections_add,
        name="patrol_inspections_add",
    ),
    path("patrols/<int:patrol_id>/attachments/", views.patrol_upload, name="patrol_attachments"),
    path(
        "incidents/<int:incident_id>/attachments/",
        incidents.incident_upload,
        name="incident_attachments",
    ),
    path("attachments/<int:attachment_id>/", attachments.download, name="attachment"),
    path(
        "attachments/<int:attachment_id>/manage/",
        attachments.manage,
        name="attachment_manage",
    ),
    path(
        "attachments/<int:attachment_id>/refile/",
        attachments.refile,
        name="attachment_refile",
    ),
    path(
        "attachments/<int:attachment_id>/remove/",
        attachments.remove,
        name="attachment_remove",
    ),
    path("incidents/", incidents.incidents, name="incidents"),
    path("incidents/overdue/", incidents.incidents_overdue, name="incidents_overdue"),
    path("incidents/deadlines/", incidents.incident_deadlines, name="incident_deadlines"),
    path("incidents/new/", incidents.incident_create, name="incident_create"),
    path("incidents/export.<str:fmt>", incidents.incidents_export, name="incidents_export"),
    path("incidents/<int:incident_id>/", incidents.incident_detail, name="incident"),
    path("incidents/<int:incident_id>/edit/", incidents.incident_edit, name="incident_edit"),
    path("incidents/<int:incident_id>/steps/", incidents.incident_step_add, name="incident_step"),
    path("incidents/<int:incident_id>/close/", incidents.incident_close, name="incident_close"),
    path("repairs/", repairs.repairs, name="repairs"),
    path("repairs/new/", repairs.repair_open, name="repair_open"),
    path("repairs/export.<str:fmt>", repairs.repairs_export, name="repairs_export"),
    path("repairs/<int:repair_id>/", repairs.repair_detail, name="repair"),
    path("repairs/<int:repair_id>/steps/", repairs.repair_step, name="repair_step"),
    path("crime/", crime.cases, name="crime_cases"),
    path("crime/new/", crime.case_create, name="crime_case_create"),
    path("crime/export.<str:fmt>", crime.cases_export, name="crime_cases_export"),
    path("crime/<int:case_id>/", crime.case_detail, name="crime_case"),
    path("crime/<int:case_id>/edit/", crime.case_edit, name="crime_case_edit"),
    path("crime/operations/", crime.operations, name="crime_operations"),
    path("crime/operations/new/", crime.operation_create, name="crime_operation_create"),
    path(
        "crime/operations/export.<str:fmt>",
        crime.operations_export,
        name="crime_operations_export",
    ),
    path("crime/operations/<int:operation_id>/", crime.operation_detail, name="crime_operation"),
    path(
        "crime/operations/<int:operation_id>/edit/",
        crime.operation_edit,
        name="crime_operation_edit",
    ),
    path("handovers/", handovers.handovers, name="handovers"),
    path("handovers/new/", handovers.handover_create, name="handover_create"),
    path("handovers/export.<str:fmt>", handovers.handovers_export, name="handovers_export"),
    path("handovers/<int:handover_id>/", handovers.handover_detail, name="handover"),
    path("handovers/<int:handover_id>/edit/", handovers.handover_edit, name="handover_edit"),
    path("rescues/", rescues.rescues, name="rescues"),
    path("rescues/new/", rescues.rescue_create, name="rescue_create"),
    path("rescues/export.<str:fmt>", rescues.rescues_export, name="rescues_export"),
    path("rescues/<int:rescue_id>/", rescues.rescue_detail, name="rescue"),
    path("rescues/<int:rescue_id>/edit/", rescues.rescue_edit, name="rescue_edit"),
    path("gate-traffic/", gates.gate_traffic, name="gate_traffic"),
    path("gate-traffic/new/", gates.gate_traffic_create, name="gate_traffic_create"),
    path("gate-traffic/import/", gates.gate_traffic_import, name="gate_traffic_import"),
    path("gate-traffic/template.xlsx", gates.gate_traffic_template, name="gate_traffic_template"),
    path("gate-traffic/export.<str:fmt>", gates.gate_traffic_export, name="gate_traffic_export"),
    path("gate-traffic/<int:traffic_id>/", gates.gate_traffic_detail, name="gate_traffic_detail"),
    path("gate-traffic/<int:traffic_id>/edit/", gates.gate_traffic_edit, name="gate_traffic_edit"),
]
