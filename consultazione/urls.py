from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("allauth.urls")),
    path("profilo/", include("consultazione.accounts.urls")),
    path("api/", include("api.urls")),
    path("contributi/", include("consultazione.contributions.urls")),
    path("moderazione/", include("consultazione.moderation.urls")),
    path("priorita/", include("consultazione.voting.urls")),
    path("incontri/", include("consultazione.meetings.urls")),
    path("live/", include("consultazione.live.urls")),
    path("monitoraggio/", include("consultazione.monitoring.urls")),
    path("dati/", include("consultazione.reports.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [path("", include(wagtail_urls))]
