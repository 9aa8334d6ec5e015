"""The one way the platform writes a PDF: WeasyPrint, PDF/UA-1, local resources only.

PDF/UA-1 makes WeasyPrint tag the document (a structure tree from the HTML: headings, lists,
tables with their header cells, figures with the SVG <title> or <img alt> as alternative text),
set /Lang from <html lang>, show the <title> as the window title (DisplayDocTitle) and declare
the PDF/UA identifier in the XMP metadata. A document without a title or a language is refused:
a screen reader would announce neither.

Nothing is fetched from the network: the fetcher serves data: URIs and the self-hosted fonts of
the frontend build (else the system sans-serif is used). WeasyPrint is imported inside the
functions: it is slow to import and only PDFs need it."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

PDF_VARIANT = "pdf/ua-1"
BODY_FONT = "Titillium Web"
FALLBACK_FONTS = '"DejaVu Sans", "Liberation Sans", sans-serif'
FONT_FILES = {
    (400, "normal"): "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.ttf",
    (700, "normal"): "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-700.ttf",
    (400, "italic"): "bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-italic.ttf",
}


class InaccessiblePdf(ValueError):
    """The HTML lacks what PDF/UA requires of every document (a title, a language)."""


def local_fonts() -> list[dict]:
    fonts = []
    for (weight, style), name in FONT_FILES.items():
        path = finders.find(name)
        if path:
            fonts.append({"weight": weight, "style": style, "url": Path(path).resolve().as_uri()})
    return fonts


def font_face_css(fonts: list[dict]) -> str:
    return "".join(
        f'@font-face {{ font-family: "{BODY_FONT}"; font-weight: {font["weight"]}; font-style: {font["style"]}; '
        f'src: url("{font["url"]}"); }}\n'
        for font in fonts
    )


def local_only_fetcher(allowed: set[str]):
    """A fetcher serving data: URIs and the listed file:// URLs (the fonts); anything else is refused."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:") and url.split("?")[0] not in allowed:
                raise ValueError(f"Risorsa non consentita nel PDF: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=2)


def render_pdf(html: str, *, base_url: str = "file:///nonexistent/") -> bytes:
    """A tagged PDF/UA-1 of a complete HTML document (<html lang>, <title>).

    The body font (Titillium Web, self-hosted) is declared here as @font-face, so the document's
    CSS and its inline SVG charts only name it."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = local_fonts()
    font_config = FontConfiguration()
    fetcher = local_only_fetcher({font["url"] for font in fonts})
    stylesheet = CSS(string=font_face_css(fonts), font_config=font_config, url_fetcher=fetcher)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[stylesheet], font_config=font_config, pdf_variant=PDF_VARIANT
    )
    if not (document.metadata.title or "").strip():
        raise InaccessiblePdf(_("PDF/UA: il documento non ha un titolo (<title>)."))
    if not (document.metadata.lang or "").strip():
        raise InaccessiblePdf(_("PDF/UA: il documento non dichiara la lingua (<html lang>)."))
    return document.write_pdf(pdf_variant=PDF_VARIANT)
