"""Every URL pattern of the project, found by walking the root resolver, and the ones the
permission walker must have a row for."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Django's and Wagtail's own admin sites: a handful of representative URLs is walked (the admin
# rows of table_site.py); a view that the project adds to one of them is owned by the project and
# needs its own row like any other.
ADMIN_PREFIXES = ("django-admin/", "cms-admin/")
PROJECT_MODULES = ("consultazione.", "api.", "cms.")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" as reverse() takes it
    route: str  # the full pattern, for messages
    module: str  # the module of the view

    @property
    def is_project_view(self) -> bool:
        return self.module.startswith(PROJECT_MODULES)

    @property
    def needs_row(self) -> bool:
        return self.is_project_view or not self.route.startswith(ADMIN_PREFIXES)


def _walk(resolver: URLResolver, prefix: str = "", namespaces: tuple[str, ...] = ()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            module = getattr(callback, "__module__", "") or ""
            if hasattr(callback, "view_class"):
                module = callback.view_class.__module__
            name = ":".join((*namespaces, pattern.name)) if pattern.name else ""
            yield Route(name=name, route=prefix + str(pattern.pattern), module=module)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver()))


def routes_needing_a_row() -> list[Route]:
    return [route for route in all_routes() if route.needs_row]
