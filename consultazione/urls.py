from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.health import healthz
from cms import serve as cms_serve
from consultazione.core.media import media_serve


class FaviconRedirect(RedirectView):
    """The static URL is resolved per request: with the manifest storage of production it only
    exists after collectstatic, not when the URLconf is imported (`manage.py check`)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Pages link the SVG icon; crawlers and old browsers still ask for /favicon.ico.
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Exempt from CSRF so that the header's language form needs no token: a token would set the
    # csrftoken cookie on every anonymous page and make it uncacheable (nginx micro-cache, CDN).
    # The worst a forged request can do is switch someone's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("account/", include("allauth.urls")),
    path("profilo/", include("consultazione.accounts.urls")),
    # SPID and CIE sign-in (off unless SPID_ENABLED / CIE_ENABLED: every URL answers 404).
    path("accesso/", include("consultazione.accounts.saml.urls")),
    path("organizzazioni/", include("consultazione.stakeholders.urls")),
    path("api/", include("api.urls")),
    path("contributi/", include("consultazione.contributions.urls")),
    path("notifiche/", include("consultazione.notifications.urls")),
    path("moderazione/", include("consultazione.moderation.urls")),
    path("priorita/", include("consultazione.voting.urls")),
    path("incontri/", include("consultazione.meetings.urls")),
    path("live/", include("consultazione.live.urls")),
    path("monitoraggio/", include("consultazione.monitoring.urls")),
    path("dati/", include("consultazione.reports.urls")),
    path("processi/", include("consultazione.process.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Normally nginx serves /media/ (deploy/nginx); when the app does, it sends the same headers.
    urlpatterns += [path("media/<path:path>", media_serve, name="media")]

# Wagtail's URLs, its page view with the routing kept per version of the site (cms/serve.py).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, cms_serve.serve, name="wagtail_serve"),
]
