"""Wagtail pages of the meetings section: the "Incontri" index and one page per published
restituzione. The domain owns the meeting (meetings.Meeting); the page adds the public text.

This module registers the publisher used by consultazione.reports.restituzione (which cannot
import the CMS, being below it in the layers)."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from consultazione.core import pagecache
from consultazione.meetings.selectors import meetings_public
from consultazione.reports.restituzione.publishing import register_publisher

INDEX_SLUG = "restituzioni"


class MeetingIndexPage(Page):
    intro = models.TextField(_("introduzione"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.MeetingReportPage"]
    max_count = 1

    class Meta:
        verbose_name = _("indice degli incontri")

    def page_cache_scopes(self) -> tuple[str, ...]:
        return (pagecache.MEETINGS,)  # the next meetings are listed

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            MeetingReportPage.objects.live().child_of(self).select_related("meeting").order_by("-meeting__starts_at")
        )
        context["upcoming"] = list(meetings_public(when="upcoming")[:3])
        return context


class MeetingReportPage(Page):
    meeting = models.OneToOneField(
        "meetings.Meeting", verbose_name=_("incontro"), on_delete=models.PROTECT, related_name="report_page"
    )
    intro = models.TextField(_("introduzione"), blank=True, help_text=_("Testo facoltativo sopra la restituzione."))
    body_html = models.TextField(_("restituzione"), blank=True, editable=False)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.MeetingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("restituzione di un incontro")


def _index(actor) -> MeetingIndexPage:
    index = MeetingIndexPage.objects.first()
    if index is not None:
        return index
    home = apps.get_model("cms", "HomePage").objects.first()
    if home is None:
        raise RuntimeError("La pagina iniziale del sito non esiste: esegui il comando seed.")
    index = MeetingIndexPage(
        title="Incontri",
        slug=INDEX_SLUG,
        intro="Le restituzioni degli incontri del processo: chi ha partecipato, che cosa è emerso, che cosa si è deciso.",
    )
    home.add_child(instance=index)
    index.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    return index


@register_publisher
def meeting_report_publish(*, report, actor) -> str:
    """Create or update the public page of a restituzione; returns its URL."""
    meeting = report.meeting
    page = MeetingReportPage.objects.filter(meeting=meeting).first()
    title = f"Restituzione – {meeting.title}"[:255]
    if page is None:
        page = MeetingReportPage(title=title, slug=meeting.slug[:255], meeting=meeting, body_html=report.published_html)
        _index(actor).add_child(instance=page)
    else:
        page.title = title
        page.body_html = report.published_html
    # meetings.publish_report (checked by the caller) is the rule here, not Wagtail page permissions.
    page.save_revision(user=actor).publish(user=actor, skip_permission_checks=True)
    page.refresh_from_db()
    return page.get_url() or page.url_path
