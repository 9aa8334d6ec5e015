"""Every HTML page type of the site, as the five roles see it: the permission walker's table
(every GET, and every POST that answers with a page: forms with their errors), one live page of
each Wagtail page type, and the pages no row reaches (filters, errors, 429, 500, English)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views import defaults
from wagtail.models import Page

from consultazione.reports.models import ParticipationReport
from tests.security import table_api, table_data, table_meetings, table_participation, table_site
from tests.security.walker import request_as
from tests.security.world import ROLES, World

ROWS = table_site.ROWS + table_participation.ROWS + table_meetings.ROWS + table_data.ROWS + table_api.ROWS
# Django's and Wagtail's own admin sites are theirs, not pages of this site.
ADMIN_PATHS = ("/django-admin/", "/cms-admin/")
# An error page looks the same whichever URL or role produced it: one of each is enough.
ERROR_STATUSES = (403, 404, 405, 429, 500)


@dataclass(frozen=True)
class Html:
    label: str  # "contributions:list GET as citizen → 200"
    url: str
    content: bytes


def is_page(response) -> bool:
    return (
        not response.streaming
        and response.status_code not in (301, 302, 303, 307, 308)
        and response.get("Content-Type", "").startswith("text/html")
        and bool(response.content.strip())
    )


def pages(world: World) -> Iterator[Html]:
    seen_errors: set[tuple[int, str]] = set()

    def keep(label: str, url: str, response) -> Iterator[Html]:
        if not is_page(response):
            return
        if response.status_code in ERROR_STATUSES:
            template = next((t.name for t in getattr(response, "templates", []) or [] if t.name), "")
            if (response.status_code, template) in seen_errors:
                return
            seen_errors.add((response.status_code, template))
        yield Html(f"{label} → {response.status_code}", url, response.content)

    for row in ROWS:
        url = row.url(world)
        if url.startswith(ADMIN_PATHS):
            continue
        for method in ("get", "post"):
            if method not in row.expected:
                continue
            for role in ROLES:
                data = row.data(world) if row.data and method == "post" else None
                response = request_as(world, role, method, url, data=data, json=row.json)
                yield from keep(f"{row.id} {method.upper()} as {role}", url, response)
    for page in _wagtail_types():
        for role in ("anonymous", "staff"):
            yield from keep(f"Wagtail {type(page).__name__} GET as {role}", page.url, request_as(world, role, "get", page.url))
    for label, role, run in _extras(world):
        url, response = _in_savepoint(world, role, run)
        yield from keep(f"{label} as {role}", url, response)


def _wagtail_types() -> list[Page]:
    """One live page of each Wagtail page type (the walker names a few by URL)."""
    first: dict[int, Page] = {}
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        first.setdefault(page.content_type_id, page)
    return list(first.values())


def _in_savepoint(world: World, role: str, run: Callable[[Client], tuple[str, object]]):
    """Like the walker's request_as, for a sequence of requests: rolled back afterwards."""
    with transaction.atomic():
        cache.clear()
        client = Client(raise_request_exception=False)
        if world.users[role] is not None:
            client.force_login(world.users[role])
        url, response = run(client)
        transaction.set_rollback(True)
    return url, response


def _get(url: str, **cookies):
    def run(client):
        for name, value in cookies.items():
            client.cookies[name] = value
        return url, client.get(url)

    return run


def _post(url: str, data: dict):
    return lambda client: (url, client.post(url, data))


def _locked_out(client):
    """The 429 page of the login lockout (django-axes): the configured number of wrong passwords."""
    url = reverse("account_login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(url, {"login": "nessuno@example.org", "password": "sbagliata"}, REMOTE_ADDR="198.51.100.7")
    return url, response


def _join_too_fast(world: World):
    def run(client):
        url = reverse("live:join_session", kwargs={"code": world.session.code})
        with override_settings(LIVE_JOIN_RATE_PER_PARTICIPANT="1/60"):
            for _attempt in range(3):
                response = client.post(url)
        return url, response

    return run


def _final_report(world: World):
    """The public page of the final report, published by staff through the site (a Wagtail page
    made on publication, so the demo has none), as anonymous visitors see it."""

    def run(client):
        client.post(reverse("reports:report_publish", kwargs={"slug": world.process.slug}))
        url = ParticipationReport.objects.get(process=world.process).published_url
        assert url, "the final report was not published"
        client.logout()
        return url, client.get(url)

    return run


def _server_error(client):
    """The 500 page, as Django's handler renders it (no context, no request processors)."""
    return "/", defaults.server_error(RequestFactory().get("/"))


def _bad_request(client):
    return "/", defaults.bad_request(RequestFactory().get("/"), exception=Exception("walker"))


def _extras(world: World) -> list[tuple[str, str, Callable]]:
    contributions = reverse("contributions:list")
    axis = world.plan.axes.get(code=1)
    filters = f"{contributions}?q=corse&kind=idea&axis={axis.pk}&sort=recent&zona={world.zone.pk}"
    signup, login, reset = reverse("account_signup"), reverse("account_login"), reverse("account_reset_password")
    language = settings.LANGUAGE_COOKIE_NAME
    return [
        ("contributions:list with filters GET", "anonymous", _get(filters)),
        ("contributions:list with no results GET", "citizen", _get(f"{contributions}?q=nessun-risultato-possibile")),
        ("contributions:list page 2 GET", "anonymous", _get(f"{contributions}?page=2")),
        ("home in English GET", "anonymous", _get("/", **{language: "en"})),
        ("contributions:list in English GET", "citizen", _get(contributions, **{language: "en"})),
        (
            "account_signup with errors POST",
            "anonymous",
            _post(signup, {"email": "non-valida", "pseudonym": "", "password1": "corta", "password2": "altra"}),
        ),
        ("account_login wrong password POST", "anonymous", _post(login, {"login": "nessuno@example.org", "password": "x"})),
        ("account_reset_password unknown email POST", "anonymous", _post(reset, {"email": "nessuno@example.org"})),
        ("final report page (published by staff, then logged out) GET", "staff", _final_report(world)),
        ("login lockout (axes) POST", "anonymous", _locked_out),
        ("live join too fast POST", "anonymous", _join_too_fast(world)),
        ("500 page", "anonymous", _server_error),
        ("400 page", "anonymous", _bad_request),
    ]
