"""Exports (jobs and their audit log) and the final participation report of a process."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped

from .conf import private_storage


class ExportKind(models.TextChoices):
    WORKBOOK = "workbook", _("Cartella di lavoro (XLSX, un foglio per tipo)")
    CSV = "csv", _("CSV di un tipo di dati")
    JSON = "json", _("JSON di un tipo di dati")
    OPEN_DATA = "opendata", _("Pacchetto open data (ZIP)")
    REPORT_PDF = "report_pdf", _("Rapporto finale (PDF)")


class JobStatus(models.TextChoices):
    PENDING = "pending", _("In coda")
    RUNNING = "running", _("In preparazione")
    READY = "ready", _("Pronto")
    FAILED = "failed", _("Non riuscito")


def export_upload_path(instance, filename: str) -> str:
    return f"exports/{instance.process_id}/{instance.kind}/{filename}"


class ExportJob(TimeStamped):
    """A file built in the background: staff exports, the open-data package, the report PDF."""

    process = models.ForeignKey("process.Process", verbose_name=_("processo"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("tipo"), max_length=12, choices=ExportKind.choices)
    dataset = models.CharField(_("dati"), max_length=30, blank=True, help_text=_("Per CSV e JSON: il tipo di dati esportato."))
    personal_data = models.BooleanField(_("con dati personali"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("richiesto da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("stato"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING, db_index=True)
    progress = models.PositiveSmallIntegerField(_("avanzamento (%)"), default=0)
    file = models.FileField(_("file"), upload_to=export_upload_path, storage=private_storage, blank=True, max_length=300)
    row_counts = models.JSONField(_("righe per tipo"), default=dict, blank=True)
    data_fingerprint = models.CharField(
        _("impronta dei dati"),
        max_length=64,
        blank=True,
        help_text=_("Open data: l'impronta dei dati da cui il pacchetto è costruito (se cambia, il pacchetto è superato)."),
    )
    error = models.TextField(_("errore"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentativi"), default=0)
    started_at = models.DateTimeField(_("iniziato il"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminato il"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("esportazione")
        verbose_name_plural = _("esportazioni")
        indexes = [models.Index(fields=["process", "kind", "status", "-finished_at"], name="reports_job_lookup")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ExportKind.values), name="reports_job_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="reports_job_status_valid"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="reports_job_progress_range"),
            models.CheckConstraint(condition=~Q(status=JobStatus.READY) | ~Q(file=""), name="reports_job_ready_has_file"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.READY, JobStatus.FAILED)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class ExportLog(models.Model):
    """Who exported what, when, with or without personal data — including refused attempts."""

    created_at = models.DateTimeField(_("data"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chi"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    process = models.ForeignKey(
        "process.Process", verbose_name=_("processo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=ExportKind.choices)
    dataset = models.CharField(_("dati"), max_length=30, blank=True)
    personal_data = models.BooleanField(_("con dati personali"), default=False)
    allowed = models.BooleanField(_("consentita"), default=True)
    channel = models.CharField(_("canale"), max_length=10, default="web", help_text=_("web o api"))
    row_counts = models.JSONField(_("righe per tipo"), default=dict, blank=True)
    job = models.ForeignKey(ExportJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="logs")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("registro delle esportazioni")
        verbose_name_plural = _("registro delle esportazioni")
        permissions = [("export_personal_data", _("Può esportare i dati personali (email degli autori, iscrizioni)"))]
        constraints = [models.CheckConstraint(condition=Q(kind__in=ExportKind.values), name="reports_log_kind_valid")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.dataset}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    PUBLISHED = "published", _("Pubblicato")


def report_upload_path(instance, filename: str) -> str:
    return f"rapporti/{instance.process.slug}/{filename}"


class ParticipationReport(TimeStamped):
    """The final participation report of a process: figures are computed, the synthesis is written by staff."""

    process = models.OneToOneField(
        "process.Process", verbose_name=_("processo"), on_delete=models.CASCADE, related_name="participation_report"
    )
    status = models.CharField(_("stato"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    introduction = models.TextField(
        _("obiettivi e che cosa si poteva cambiare"),
        blank=True,
        help_text=_("Testo semplice; una riga vuota separa i paragrafi."),
    )
    channels_note = models.TextField(_("canali e incontri: commento"), blank=True)
    plan_changes = models.TextField(_("come i contributi hanno cambiato il piano"), blank=True)
    next_steps = models.TextField(_("prossimi passi"), blank=True)
    edited_at = models.DateTimeField(_("modificato il"), null=True, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_html = models.TextField(_("testo pubblicato"), blank=True, editable=False)
    published_pdf = models.FileField(_("PDF pubblicato"), upload_to=report_upload_path, blank=True, max_length=300)
    published_at = models.DateTimeField(_("pubblicato il"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_url = models.CharField(_("indirizzo della pagina pubblicata"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("rapporto finale sulla partecipazione")
        verbose_name_plural = _("rapporti finali sulla partecipazione")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="reports_report_status_valid"),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(published_at__isnull=False), name="reports_report_published_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Rapporto finale')} · {self.process}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class AxisSynthesis(models.Model):
    """Staff's synthesis of one axis in the final report."""

    report = models.ForeignKey(ParticipationReport, on_delete=models.CASCADE, related_name="axis_syntheses")
    axis = models.ForeignKey("plan.Axis", verbose_name=_("asse"), on_delete=models.PROTECT, related_name="+")
    criticita = models.TextField(_("principali criticità emerse"), blank=True)
    proposals = models.TextField(_("idee e bisogni"), blank=True)
    outcomes = models.TextField(_("esiti e risposte"), blank=True)
    territorial = models.TextField(_("priorità per territorio"), blank=True)

    class Meta:
        ordering = ["report", "axis__code"]
        verbose_name = _("sintesi di un asse")
        verbose_name_plural = _("sintesi per asse")
        constraints = [models.UniqueConstraint(fields=["report", "axis"], name="reports_synthesis_axis_once")]

    def __str__(self) -> str:
        return f"{self.report_id} · {self.axis}"
