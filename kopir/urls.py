from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kopir.api.urls import api
from kopir.core import views as core_views

handler403 = "kopir.core.views.permission_denied"
handler404 = "kopir.core.views.not_found"

urlpatterns = [
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("", include("kopir.core.urls")),
    path("directory/", include("kopir.directory.urls")),
    path("accounts/", include("kopir.accounts.urls")),
    path("needs/", include("kopir.needs.urls")),
    path("matching/", include("kopir.matching.urls")),
    path("events/", include("kopir.events.urls")),
    path("news/", include("kopir.newsroom.urls")),
    path("collaborations/", include("kopir.collaborations.urls")),
    path("insights/", include("kopir.insights.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
