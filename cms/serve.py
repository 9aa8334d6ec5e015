"""Wagtail's page view with its routing read once per version of the site.

Wagtail finds a page by asking the database for the site of the host, then for each segment of
the path a child and its specific row: six queries for `/piano/asse-3/` before the page reads
anything of its own. Which page a path leads to changes only when a page is published,
unpublished, moved or deleted, or a site is edited — each moves `pagecache.SITE` (cms/apps.py) —
so the route (the site, the page's model and key, the arguments of a routable page) is a memo per
version of the site, host and path, and only the page itself is read again (one query). Wagtail's
own `serve` then runs unchanged from there: its `before_serve_page` hooks (view restrictions, the
page cache's dependencies) and the page's `serve`. It reads the route Wagtail keeps on the
request (`Page.route_for_request`), which this view fills in.
"""

from django.apps import apps
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from consultazione.core import pagecache


def _route(request, path: str):
    route = Page.route_for_request(request, path)  # Wagtail's routing, kept on the request too
    if route is None:
        return None
    page, args, kwargs = route
    return Site.find_for_request(request), page._meta.label, page.pk, tuple(args), dict(kwargs)


def serve(request, path: str):
    host, port = request._get_raw_host(), request.get_port()
    route = pagecache.memo(
        "cms-route", [pagecache.SITE], lambda: _route(request, path), host, port, translation.get_language(), path
    )
    if route is not None and not hasattr(request, "_wagtail_route_for_request"):
        site, label, pk, args, kwargs = route
        page = apps.get_model(label)._default_manager.filter(pk=pk, live=True).first()
        if page is not None:  # else (gone since the route was kept) Wagtail routes it again
            request._wagtail_site = site
            request._wagtail_route_for_request = RouteResult(page, args=list(args), kwargs=kwargs)
    return wagtail_views.serve(request, path)


serve.page_cache = True  # the page cache looks its pages up; each page says what it depends on (wagtail_hooks.py)
