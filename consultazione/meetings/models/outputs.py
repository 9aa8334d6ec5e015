"""What a meeting produced: table outputs per agenda item, contributions collected at the
tables and the restituzione draft (built by consultazione.reports.restituzione)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped


class TableOutput(TimeStamped):
    """What emerged at one table on one agenda item (or on the whole table when no item)."""

    table = models.ForeignKey("meetings.MeetingTable", on_delete=models.CASCADE, related_name="outputs")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("punto dell'ordine del giorno"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outputs",
    )
    summary = models.TextField(_("sintesi di quanto emerso"))
    positions = models.TextField(_("posizioni espresse"), blank=True)
    decisions = models.TextField(_("decisioni e indicazioni"), blank=True)
    strategies = models.ManyToManyField("plan.Strategy", verbose_name=_("strategie collegate"), blank=True, related_name="+")
    actions = models.ManyToManyField("plan.Action", verbose_name=_("azioni collegate"), blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["table", "agenda_item__position", "id"]
        verbose_name = _("esito del tavolo")
        verbose_name_plural = _("esiti dei tavoli")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "agenda_item"], condition=Q(agenda_item__isnull=False), name="meetings_output_item_unique"
            ),
            models.UniqueConstraint(fields=["table"], condition=Q(agenda_item__isnull=True), name="meetings_output_table_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.table} · {self.agenda_item or _('intero tavolo')}"


class TableContribution(models.Model):
    """A contribution (channel "tavolo") collected at a table, with the agenda item it answers."""

    table = models.ForeignKey("meetings.MeetingTable", on_delete=models.CASCADE, related_name="table_contributions")
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="table_contributions"
    )
    contribution = models.OneToOneField("contributions.Contribution", on_delete=models.CASCADE, related_name="meeting_table_link")

    class Meta:
        ordering = ["table", "contribution_id"]
        verbose_name = _("contributo raccolto al tavolo")
        verbose_name_plural = _("contributi raccolti ai tavoli")

    def __str__(self) -> str:
        return f"{self.table} → {self.contribution_id}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    PUBLISHED = "published", _("Pubblicata")


def report_upload_path(instance, filename: str) -> str:
    return f"restituzioni/{instance.meeting.slug}/{filename}"


class MeetingReport(TimeStamped):
    """The restituzione of a meeting: generated HTML editable by staff, plus PDF and DOCX files."""

    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.CASCADE, related_name="report")
    status = models.CharField(_("stato"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    show_organisation_names = models.BooleanField(
        _("mostra i nomi degli enti presenti"),
        default=False,
        help_text=_("Solo per gli incontri istituzionali: altrimenti si pubblicano soltanto i conteggi per categoria."),
    )
    html = models.TextField(_("testo della restituzione (HTML)"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to=report_upload_path, blank=True)
    docx = models.FileField(_("DOCX"), upload_to=report_upload_path, blank=True)
    build_error = models.TextField(_("errore dell'ultima generazione"), blank=True)
    built_at = models.DateTimeField(_("generata il"), null=True, blank=True)
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    edited_at = models.DateTimeField(_("modificata il"), null=True, blank=True)
    published_at = models.DateTimeField(_("pubblicata il"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_url = models.CharField(_("indirizzo della pagina pubblicata"), max_length=300, blank=True)
    published_html = models.TextField(_("testo pubblicato"), blank=True, editable=False)
    published_pdf = models.FileField(_("PDF pubblicato"), upload_to=report_upload_path, blank=True, editable=False)
    published_docx = models.FileField(_("DOCX pubblicato"), upload_to=report_upload_path, blank=True, editable=False)

    class Meta:
        verbose_name = _("restituzione")
        verbose_name_plural = _("restituzioni")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="meetings_report_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(published_at__isnull=False), name="meetings_report_published_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Restituzione')} · {self.meeting}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def has_unpublished_changes(self) -> bool:
        return bool(self.published_html) and self.html != self.published_html
