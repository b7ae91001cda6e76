from django.urls import path

from . import views

app_name = "reports"
urlpatterns: list = [
    path("reports/", views.reports, name="reports"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/export.<str:fmt>", views.reports_export, name="reports_export"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/refresh/", views.report_refresh, name="report_refresh"),
    path("reports/<int:report_id>/issue/", views.report_issue, name="report_issue"),
    path("reports/<int:report_id>/correct/", views.report_correct, name="report_correct"),
    path("reports/<int:report_id>/file.<str:fmt>", views.report_file, name="report_file"),
]
