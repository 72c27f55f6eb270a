from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from fazhi.web.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("fazhi.accounts.urls")),
    path("orgs/", include("fazhi.orgs.urls")),
    path("personnel/", include("fazhi.personnel.urls")),
    path("powers/", include("fazhi.powers.urls")),
    path("imports/", include("fazhi.core.urls")),
    path("calendar/", include("fazhi.core.calendar_urls")),
    path("records/", include("fazhi.records.urls")),
    path("cases/", include("fazhi.enforcement.urls")),
    path("inspections/", include("fazhi.inspections.urls")),
    path("public/", include("fazhi.disclosure.urls")),
    path("supervision/", include("fazhi.supervision.urls")),
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
    path("", include("fazhi.web.urls")),
]
