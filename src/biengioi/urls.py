from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from biengioi.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("biengioi.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # One sign-in page for everyone, with its throttling and second factor.
    path("admin/login/", RedirectView.as_view(url="/accounts/login/", query_string=True)),
    path("admin/", admin.site.urls),
    path("", include("biengioi.community.urls")),
    path("", include("biengioi.coordination.urls")),
    path("", include("biengioi.notifications.urls")),
    path("", include("biengioi.geo.urls")),
    path("", include("biengioi.operations.urls")),  # before the registry's "<table>/export"
    path("", include("biengioi.reports.urls")),
    path("", include("biengioi.registry.urls")),
    path("", include("biengioi.web.urls")),
]

# Under /api/ the JSON error shape, elsewhere the pages (core.api).
handler404 = "biengioi.core.api.not_found"
handler500 = "biengioi.core.api.server_error"
