from django.urls import path

from . import attachment_views as attachments
from . import gate_views as gates
from . import incident_views as incidents
from . import views

app_name = "operations"
urlpatterns = [
    path("patrols/", views.patrols, name="patrols"),
    path("patrols/new/", views.patrol_create, name="patrol_create"),
    path("patrols/export.<str:fmt>", views.patrols_export, name="patrols_export"),
    path("patrols/<int:patrol_id>/", views.patrol_detail, name="patrol"),
    path("patrols/<int:patrol_id>/edit/", views.patrol_edit, name="patrol_edit"),
    path("patrols/<int:patrol_id>/attachments/", views.patrol_upload, name="patrol_attachments"),
    path(
        "incidents/<int:incident_id>/attachments/",
        incidents.incident_upload,
        name="incident_attachments",
    ),
    path("attachments/<int:attachment_id>/", attachments.download, name="attachment"),
    path("incidents/", incidents.incidents, name="incidents"),
    path("incidents/overdue/", incidents.incidents_overdue, name="incidents_overdue"),
    path("incidents/deadlines/", incidents.incident_deadlines, name="incident_deadlines"),
    path("incidents/new/", incidents.incident_create, name="incident_create"),
    path("incidents/export.<str:fmt>", incidents.incidents_export, name="incidents_export"),
    path("incidents/<int:incident_id>/", incidents.incident_detail, name="incident"),
    path("incidents/<int:incident_id>/edit/", incidents.incident_edit, name="incident_edit"),
    path("incidents/<int:incident_id>/steps/", incidents.incident_step_add, name="incident_step"),
    path("incidents/<int:incident_id>/close/", incidents.incident_close, name="incident_close"),
    path("gate-traffic/", gates.gate_traffic, name="gate_traffic"),
    path("gate-traffic/new/", gates.gate_traffic_create, name="gate_traffic_create"),
    path("gate-traffic/import/", gates.gate_traffic_import, name="gate_traffic_import"),
    path("gate-traffic/template.xlsx", gates.gate_traffic_template, name="gate_traffic_template"),
    path("gate-traffic/export.<str:fmt>", gates.gate_traffic_export, name="gate_traffic_export"),
    path("gate-traffic/<int:traffic_id>/", gates.gate_traffic_detail, name="gate_traffic_detail"),
    path("gate-traffic/<int:traffic_id>/edit/", gates.gate_traffic_edit, name="gate_traffic_edit"),
]
