"""PDF of the restituzione with WeasyPrint. Nothing is fetched from the network: the fetcher
only serves the self-hosted fonts of the frontend build (else the system sans-serif is used)."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONT_FILES = {
    (400, "normal"): "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.ttf",
    (700, "normal"): "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.ttf",
    (400, "italic"): "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-italic.ttf",
}


def local_fonts() -> list[dict]:
    fonts = []
    for (weight, style), name in FONT_FILES.items():
        path = finders.find(name)
        if path:
            fonts.append({"weight": weight, "style": style, "url": Path(path).resolve().as_uri()})
    return fonts


def local_only_fetcher(allowed: set[str]):
    """A fetcher serving data: URIs and the listed file:// URLs (the fonts); anything else is refused.

    WeasyPrint is imported here, not at module level: it is slow to import and only PDFs need it."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:") and url.split("?")[0] not in allowed:
                raise ValueError(f"Risorsa non consentita nel PDF: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=2)


def render_pdf(*, title: str, subtitle: str, body_html: str) -> bytes:
    fonts = local_fonts()
    document = render_to_string(
        "reports/restituzione/print.html", {"title": title, "subtitle": subtitle, "body_html": body_html, "fonts": fonts}
    )
    from weasyprint import HTML

    fetcher = local_only_fetcher({font["url"] for font in fonts})
    return HTML(string=document, base_url="file:///nonexistent/", url_fetcher=fetcher).write_pdf()
