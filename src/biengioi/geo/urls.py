from django.urls import path

from . import views

app_name = "geo"

urlpatterns = [
    path("coverage/", views.coverage_page, name="coverage"),
    path("patrols/<int:patrol_id>/tracks/new/", views.track_upload, name="track_upload"),
    path("tracks/<int:track_id>/remove/", views.track_remove, name="track_remove"),
]
