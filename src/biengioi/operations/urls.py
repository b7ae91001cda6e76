from django.urls import path

from . import views

app_name = "operations"
urlpatterns = [
    path("patrols/", views.patrols, name="patrols"),
    path("patrols/new/", views.patrol_create, name="patrol_create"),
    path("patrols/export.<str:fmt>", views.patrols_export, name="patrols_export"),
    path("patrols/<int:patrol_id>/", views.patrol_detail, name="patrol"),
    path("patrols/<int:patrol_id>/edit/", views.patrol_edit, name="patrol_edit"),
]
