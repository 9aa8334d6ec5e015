from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (label, URL name or absolute path). Every URL name must exist: a typo fails every page (and the
# suite) instead of silently dropping an entry from the menu.
NAVIGATION = [
    (_("Il Piano"), "/piano/"),
    (_("Contributi"), "contributions:list"),
    (_("Priorità"), "voting:exercise_list"),
    (_("Incontri"), "meetings:list"),
    (_("Sondaggi live"), "live:join"),
    (_("Monitoraggio"), "monitoring:index"),
    (_("Dati e risultati"), "reports:dashboard"),
]


STAFF_NAVIGATION = [
    (_("Moderazione"), "moderation:queue", "moderation.view_queue"),
]


def _resolve(target: str) -> str:
    return target if target.startswith("/") else reverse(target)


def _navigation(request) -> list[dict]:
    path = getattr(request, "path", "")
    nav = []
    for label, target in NAVIGATION:
        url = _resolve(target)
        nav.append({"label": label, "url": url, "active": path.startswith(url) and url != "/"})
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Work areas appear only for those who may use them.
        for label, target, perm in STAFF_NAVIGATION:
            url = _resolve(target)
            if user.has_perm(perm):
                nav.append({"label": label, "url": url, "active": path.startswith(url)})
    return nav


def site(request):
    return {
        "body_name": settings.BODY_NAME,
        "body_url": settings.BODY_URL,
        "platform_name": settings.PLATFORM_NAME,
        "platform_tagline": settings.PLATFORM_TAGLINE,
        # A callable: templates call it only when they render the header, so fragments rendered
        # with a RequestContext (slots, JSON partials) cost no permission query.
        "site_nav": partial(_navigation, request),
    }
