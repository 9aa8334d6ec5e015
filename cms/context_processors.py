from functools import partial

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from consultazione.core import pagecache

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


_resolved: dict = {}


def _resolve(target: str) -> str:
    """The menu's URL for `target`, reversed once per URL configuration and script prefix (no
    i18n_patterns: the paths do not depend on the language)."""
    if target.startswith("/"):
        return target
    key = (target, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _resolved:
        _resolved[key] = reverse(target)
    return _resolved[key]


def _navigation(request) -> list[dict]:
    path = getattr(request, "path", "")
    nav = []
    for label, target in NAVIGATION:
        url = _resolve(target)
        nav.append({"label": label, "url": url, "active": path.startswith(url) and url != "/"})
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Work areas appear only for those who may use them (permissions that depend on who the
        # person is — roles, permissions, flags of the account — so asked once per change of AUTH).
        allowed = pagecache.memo(
            "menu-staff",
            [pagecache.AUTH],
            lambda: [perm for _, _, perm in STAFF_NAVIGATION if user.has_perm(perm)],
            user.pk,
            user.is_active,
            user.is_superuser,
            user.blocked_at,
        )
        for label, target, perm in STAFF_NAVIGATION:
            if perm in allowed:
                url = _resolve(target)
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
