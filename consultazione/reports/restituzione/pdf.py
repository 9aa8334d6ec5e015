"""PDF of the restituzione and of the final report: the print template around the report body,
written by the platform's one PDF writer (PDF/UA-1, tagged, local fonts only)."""

from django.template.loader import render_to_string

from consultazione.core import pdf as core_pdf


def render_pdf(*, title: str, subtitle: str, body_html: str) -> bytes:
    document = render_to_string(
        "reports/restituzione/print.html",
        {"title": title, "subtitle": subtitle, "body_html": body_html, "body_font": core_pdf.BODY_FONT},
    )
    return core_pdf.render_pdf(document)
