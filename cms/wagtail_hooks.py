"""Wagtail hooks of the public site."""

from wagtail import hooks

from consultazione.core import pagecache


@hooks.register("before_serve_page")
def page_cache_dependencies(page, request, serve_args, serve_kwargs):
    """Every CMS page depends on the site (menus, phases, the plan tree); pages that show data of
    an app declare it (`page_cache_scopes`). Read before the page reads its data."""
    scopes = getattr(page, "page_cache_scopes", None)
    pagecache.depends_on(request, pagecache.SITE, *(scopes() if scopes else ()))
    if getattr(page, "shared_with_signed_in", False):  # its template puts what is personal in {% personal %}
        pagecache.share_with_signed_in(request)
