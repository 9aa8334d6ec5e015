from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from consultazione.core import pagecache
from consultazione.plan.selectors import axes_with_tree
from consultazione.process.features import Feature
from consultazione.process.selectors import active_phase, processes_with_phases

from .axis_context import AxisData
from .blocks import BodyBlock
from .meeting_pages import MeetingIndexPage, MeetingReportPage  # noqa: F401
from .report_pages import ParticipationReportPage  # noqa: F401


class HomePage(Page):
    hero_title = models.CharField(_("titolo in evidenza"), max_length=200)
    hero_text = models.TextField(_("testo in evidenza"), blank=True)
    process = models.ForeignKey(
        "process.Process",
        verbose_name=_("processo in evidenza"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenuto"))

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("process"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    shared_with_signed_in = True  # what is personal is in {% personal %} parts (core/personal.py)

    class Meta:
        verbose_name = _("pagina iniziale")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        process = processes_with_phases().filter(pk=self.process_id).first() if self.process_id else None
        context["process"] = process
        context["phases"] = list(process.phases.all()) if process else []
        phase = active_phase(process) if process else None
        context["active_phase"] = phase
        context["active_phase_features"] = [Feature(f).label for f in sorted(phase.features)] if phase else []
        plan = process.working_plan if process else None
        context["plan"] = plan
        # The axis cards are a fragment shared by every visitor until the site changes: their
        # queries run only when the fragment is rendered (PlanTree's properties are lazy).
        context["plan_tree"] = PlanTree(plan)
        context["fragment_key"] = f"{plan.pk if plan else '-'}:{pagecache.versions_of([pagecache.SITE])[pagecache.SITE]}"
        return context


class PlanTree:
    """The plan's axes with their strategies and actions, and the axis pages, read on first use."""

    def __init__(self, plan):
        self.plan = plan

    @cached_property
    def axes(self) -> list:
        return list(axes_with_tree(plan=self.plan)) if self.plan else []

    @cached_property
    def axis_pages(self) -> dict:
        return {page.axis_id: page for page in AxisPage.objects.live().filter(axis__plan=self.plan)} if self.plan else {}


class PlanPage(Page):
    plan = models.ForeignKey("plan.Plan", verbose_name=_("piano"), on_delete=models.PROTECT, related_name="+")
    intro = models.TextField(_("introduzione"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenuto"))

    content_panels = Page.content_panels + [FieldPanel("plan"), FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AxisPage", "cms.StandardPage"]
    shared_with_signed_in = True  # nothing personal but the base template's parts

    class Meta:
        verbose_name = _("pagina del piano")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["axes"] = list(axes_with_tree(plan=self.plan))
        context["axis_pages"] = {page.axis_id: page for page in AxisPage.objects.live().child_of(self)}
        return context


class AxisPage(Page):
    axis = models.OneToOneField("plan.Axis", verbose_name=_("asse"), on_delete=models.PROTECT, related_name="page")
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenuto"))

    content_panels = Page.content_panels + [FieldPanel("axis"), FieldPanel("body")]
    parent_page_types = ["cms.PlanPage"]
    subpage_types: list[str] = []
    shared_with_signed_in = True  # what is personal is in {% personal %} parts (core/personal.py)

    class Meta:
        verbose_name = _("pagina di asse")

    def page_cache_scopes(self) -> tuple[str, ...]:
        """The axis's contributions and the progress of its actions are on the page."""
        return (pagecache.axis(self.axis_id), pagecache.MONITORING)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["axis_data"] = AxisData(self.axis)
        versions = pagecache.versions_of([pagecache.SITE, *self.page_cache_scopes()])
        context["fragment_key"] = f"{self.axis_id}:" + ":".join(versions[scope] for scope in sorted(versions))
        # the strategies and actions are the plan's: a contribution or a monitoring change leaves them
        context["strategies_key"] = f"{self.axis_id}:{versions[pagecache.SITE]}"
        return context


class StandardPage(Page):
    intro = models.TextField(_("introduzione"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenuto"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.PlanPage", "cms.StandardPage"]
    shared_with_signed_in = True  # nothing personal but the base template's parts

    class Meta:
        verbose_name = _("pagina semplice")
