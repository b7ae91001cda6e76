from django.urls import path

from . import organisation_views as org
from . import views

app_name = "registry"
urlpatterns = [
    path("markers/", views.markers, name="markers"),
    path("markers/new/", views.marker_create, name="marker_create"),
    path("markers/export.<str:fmt>", views.markers_export, name="markers_export"),
    path("markers/import/", views.marker_import, name="marker_import"),
    path(
        "markers/import/template.csv", views.marker_import_template, name="marker_import_template"
    ),
    path("markers/<int:marker_id>/", views.marker_detail, name="marker"),
    path("markers/<int:marker_id>/edit/", views.marker_edit, name="marker_edit"),
    path("markers/<int:marker_id>/status/", views.marker_status, name="marker_status"),
    path("<str:table>/export.<str:fmt>", views.table_export, name="table_export"),
    path("sections/", views.sections, name="sections"),
    path("sections/new/", views.section_form, name="section_create"),
    path("sections/<int:section_id>/", views.section_detail, name="section"),
    path("sections/<int:section_id>/edit/", views.section_form, name="section_edit"),
    path("organisations/", org.organisations, name="organisations"),
    path("organisations/members/", org.members, name="members"),
    path("organisations/members/<int:member_id>/edit/", org.member_edit, name="member_edit"),
    path("organisations/counterparts/", org.counterparts, name="counterparts"),
    path("organisations/counterparts/new/", org.counterpart_form, name="counterpart_create"),
    path(
        "organisations/counterparts/<int:counterpart_id>/",
        org.counterpart_detail,
        name="counterpart",
    ),
    path(
        "organisations/counterparts/<int:counterpart_id>/edit/",
        org.counterpart_form,
        name="counterpart_edit",
    ),
    path("organisations/subdivisions/", org.subdivision_add, name="subdivision_add"),
    path(
        "organisations/subdivisions/<int:subdivision_id>/edit/",
        org.subdivision_edit,
        name="subdivision_edit",
    ),
    path("signs/", views.signs, name="signs"),
    path("signs/new/", views.sign_form, name="sign_create"),
    path("signs/<int:sign_id>/", views.sign_detail, name="sign"),
    path("signs/<int:sign_id>/edit/", views.sign_form, name="sign_edit"),
    path("admin-units/", views.admin_units, name="admin_units"),
    path("admin-units/new/", views.admin_unit_form, name="admin_unit_create"),
    path("admin-units/<int:admin_unit_id>/", views.admin_unit_detail, name="admin_unit"),
    path("admin-units/<int:admin_unit_id>/edit/", views.admin_unit_form, name="admin_unit_edit"),
    path("gates/", views.gates, name="gates"),
    path("gates/new/", views.gate_form, name="gate_create"),
    path("gates/<int:gate_id>/", views.gate_detail, name="gate"),
    path("gates/<int:gate_id>/edit/", views.gate_form, name="gate_edit"),
]
