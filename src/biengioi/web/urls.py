from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("map/", views.situation_map, name="map"),
    path("markers/due/", views.markers_due, name="markers_due"),
    path("map/basemap/<int:z>/<int:x>/<int:y>", views.basemap_tile, name="basemap_tile"),
    path("map/basemap.pmtiles", views.basemap_file, name="basemap_file"),
    path("units/", views.units, name="units"),
    path("units/new/", views.unit_form, name="unit_create"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit"),
    path("units/<int:unit_id>/edit/", views.unit_form, name="unit_edit"),
    path("users/", views.users, name="users"),
    path("audit/", views.audit, name="audit"),
    path("search/", views.search, name="search"),
]
