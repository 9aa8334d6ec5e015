from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

# Each module registers its viewsets on the shared router when imported.
from . import (  # noqa: F401
    contributions,
    live,
    live_entries,
    live_manage,
    meetings,
    moderation,
    moderation_answers,
    monitoring,
    notifications,
    reference,
    reports,
    stakeholders,
    voting,
)
from .fallback import not_found
from .routers import router
from .schema import SchemaGenerator

urlpatterns = [
    path(
        "v1/notification-preferences/",
        notifications.NotificationPreferencesView.as_view(),
        name="notification-preferences",
    ),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(generator_class=SchemaGenerator), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Last: any other /api/…/ URL. Paths without the final slash still get APPEND_SLASH's redirect first.
    re_path(r"^(?P<path>[\s\S]*/)$", not_found, name="api-not-found"),
]
