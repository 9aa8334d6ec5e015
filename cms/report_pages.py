"""Wagtail page of a published final participation report. The domain owns the report
(reports.ParticipationReport); the page carries the frozen HTML and links the PDF.

This module registers the publisher used by consultazione.reports (which cannot import the
CMS, being below it in the layers)."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from consultazione.reports.final_report.publishing import register_publisher


class ParticipationReportPage(Page):
    report = models.OneToOneField(
        "reports.ParticipationReport", verbose_name=_("rapporto"), on_delete=models.PROTECT, related_name="page"
    )
    intro = models.TextField(_("introduzione"), blank=True, help_text=_("Testo facoltativo sopra il rapporto."))
    body_html = models.TextField(_("rapporto"), blank=True, editable=False)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    template = "reports/report_page.html"

    class Meta:
        verbose_name = _("rapporto finale sulla partecipazione")


@register_publisher
def participation_report_page_publish(*, report, actor) -> str:
    """Create or update the public page of the final report; returns its URL."""
    title = f"Rapporto finale sulla partecipazione – {report.process.title}"[:255]
    page = ParticipationReportPage.objects.filter(report=report).first()
    if page is None:
        home = apps.get_model("cms", "HomePage").objects.first()
        if home is None:
            raise RuntimeError("La pagina iniziale del sito non esiste: esegui il comando seed.")
        page = ParticipationReportPage(
            title=title, slug=f"rapporto-{report.process.slug}"[:255], report=report, body_html=report.published_html
        )
        home.add_child(instance=page)
    else:
        page.title = title
        page.body_html = report.published_html
    # reports.publish_report (checked by the caller) is the rule here, not Wagtail page permissions.
    page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    page.refresh_from_db()
    return page.get_url() or page.url_path
