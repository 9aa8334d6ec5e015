"""OpenAPI generation hooks."""


def only_public_api(endpoints):
    """Document our API only (Wagtail's admin API under /cms-admin/ is internal)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
