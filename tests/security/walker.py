"""Rows of the expectation table and the client that walks them.

A row names a URL pattern, says how to fill its arguments from the world, and gives the expected
outcome per role for each method, as five tokens in the order of ROLES:

    row("moderation:queue", get="login 403 200 403 200")
         anonymous ─┘ citizen ─┘  moderator ┘  facilitator ┘  staff ┘

A token is an HTTP status ("200", "403", "404", "405", "302"…) or "login": a redirect to a
login page (the site's, Django admin's or Wagtail's). "302" is any other redirect.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .world import ROLES, World

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Row:
    name: str
    kwargs: Callable[[World], dict | tuple] | None = None  # a tuple for unnamed groups
    expected: dict[str, tuple[str, ...]] = field(default_factory=dict)  # method → token per role
    variant: str = ""  # a second row for the same route ("own", "pending"…)
    query: str = ""
    data: Callable[[World], dict] | None = None  # body of POST/PUT/PATCH (default: empty)
    json: bool = False  # API rows send JSON bodies
    path: Callable[[World], str] | None = None  # a literal path (Wagtail's catch-all route)

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name

    def url(self, world: World) -> str:
        if self.path is not None:
            return self.path(world)
        values = self.kwargs(world) if self.kwargs else {}
        # A tuple fills a regex route's unnamed groups.
        url = reverse(self.name, args=values) if isinstance(values, tuple) else reverse(self.name, kwargs=values or None)
        return f"{url}?{self.query}" if self.query else url


def _tokens(spec: str) -> tuple[str, ...]:
    tokens = tuple(spec.split())
    assert len(tokens) == len(ROLES), f"{spec!r}: one token per role {ROLES}"
    return tokens


def row(name: str, kwargs=None, *, query="", data=None, json=False, path=None, **methods: str) -> Row:
    """`name` is the URL name, with "[variant]" when the route has several rows ("contributions:edit[own]")."""
    name, _bracket, variant = name.partition("[")
    variant = variant.removesuffix("]")
    unknown = set(methods) - set(METHODS)
    assert not unknown, f"{name}: unknown methods {unknown}"
    expected = {method: _tokens(spec) for method, spec in methods.items()}
    return Row(name, kwargs, expected, variant, query, data, json, path)


def api(name: str, kwargs=None, **options) -> Row:
    options.setdefault("json", True)
    return row(name, kwargs, **options)


def pk(attr: str):
    """The arguments {"pk": world.<attr>.pk}."""
    return lambda w: {"pk": getattr(w, attr).pk}


def outcome(response) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307):
        location = urlsplit(response["Location"]).path
        return "login" if location.endswith("/login/") else str(status)
    return str(status)


def failure_detail(response) -> str:
    if response.status_code >= 500 and getattr(response, "exc_info", None):
        exc = response.exc_info[1]
        return f"{type(exc).__name__}: {exc}"
    return ""


def request_as(world: World, role: str, method: str, url: str, *, data=None, json: bool = False, after=None):
    """One request by one role, in a savepoint rolled back afterwards (also the login session);
    the media files a POST may have replaced are put back too. `after()` runs before the rollback
    (to read what the request changed)."""
    with transaction.atomic():
        cache.clear()  # rate limits of the previous role never count
        client = Client(raise_request_exception=False)
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        if method == "get":
            response = client.get(url)
        elif json:
            response = getattr(client, method)(url, data=data or {}, content_type="application/json")
        elif method == "post":
            response = client.post(url, data=data or {"walker": "1"})  # a bound form, even when empty
        else:
            response = getattr(client, method)(url, data="", content_type="application/x-www-form-urlencoded")
        if response.streaming:  # read to the end: the client then closes the file, keeping the DB connection
            b"".join(response.streaming_content)
        if after is not None:
            response.after = after()
        transaction.set_rollback(True)
    if method != "get":
        world.restore_media()
    return response
