from django.contrib import admin
from django.urls import include, path

from biengioi.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("accounts/", include("biengioi.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("biengioi.web.urls")),
]
