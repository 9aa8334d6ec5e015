"""Uploaded files served by the application itself (development, or SERVE_MEDIA=True where no
nginx sits in front): the same headers as deploy/nginx/consultazione.conf's `location /media/`.

Nothing under MEDIA_ROOT is ever rendered as a page: every response is `nosniff` with a
sandboxing Content-Security-Policy, and anything but the images the platform re-encoded itself
(JPEG, PNG, WebP) is a download (`Content-Disposition: attachment`), PDFs included."""

from django.conf import settings
from django.views.static import serve

INLINE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
SANDBOX = "default-src 'none'; sandbox"


def protect(response, *, filename: str):
    """Headers for any uploaded file, whoever serves it."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    if not filename.lower().endswith(INLINE_EXTENSIONS):
        response["Content-Disposition"] = "attachment"
        response["Content-Type"] = "application/pdf" if filename.lower().endswith(".pdf") else "application/octet-stream"
    return response


def media_serve(request, path: str):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    return protect(response, filename=path)
