"""Content-Security-Policy of the public site (django-csp)."""

from csp.constants import NONE, SELF

# Content-Security-Policy for the public site: no inline script or style anywhere (JS islands are
# static files, data travels in data-* attributes or json_script). The two admin UIs are excluded
# because Wagtail's and Django's admin still rely on inline code.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/cms-admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
