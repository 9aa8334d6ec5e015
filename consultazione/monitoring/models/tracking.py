from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped


class TrackingStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Non avviata")
    IN_PROGRESS = "in_progress", _("In corso")
    COMPLETED = "completed", _("Completata")
    SUSPENDED = "suspended", _("Sospesa")
    MERGED = "merged", _("Confluita in un'altra azione")


class ActionTracking(TimeStamped):
    """How one action of an approved plan is being implemented.

    An action without a row here is "not started, 0%": rows are created by the services on the
    first change, so a newly approved plan needs no bulk initialisation.
    """

    action = models.OneToOneField("plan.Action", verbose_name=_("azione"), on_delete=models.PROTECT, related_name="tracking")
    status = models.CharField(
        _("stato di attuazione"), max_length=12, choices=TrackingStatus.choices, default=TrackingStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("avanzamento (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    merged_into = models.ForeignKey(
        "plan.Action",
        verbose_name=_("confluita nell'azione"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="absorbed_trackings",
        help_text=_("Solo per lo stato «confluita»: l'azione dello stesso piano che ne prosegue il lavoro."),
    )
    responsible_office = models.CharField(_("ufficio responsabile"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        "stakeholders.Organisation", verbose_name=_("partner"), blank=True, related_name="tracked_actions"
    )
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    funding_source = models.CharField(
        _("fonte di finanziamento"), max_length=200, blank=True, help_text=_("Es. PNRR M2C4, FESR 2021-2027, fondi propri.")
    )
    start_date = models.DateField(_("data di avvio"), null=True, blank=True)
    end_date = models.DateField(_("data di conclusione (prevista o effettiva)"), null=True, blank=True)

    class Meta:
        ordering = ["action_id"]  # no join: lookups and FOR UPDATE stay on this table
        verbose_name = _("monitoraggio di un'azione")
        verbose_name_plural = _("monitoraggio delle azioni")
        constraints = [
            models.CheckConstraint(condition=Q(progress__gte=0, progress__lte=100), name="monitoring_progress_0_100"),
            models.CheckConstraint(condition=Q(status__in=TrackingStatus.values), name="monitoring_status_valid"),
            models.CheckConstraint(
                condition=Q(status=TrackingStatus.MERGED, merged_into__isnull=False)
                | (~Q(status=TrackingStatus.MERGED) & Q(merged_into__isnull=True)),
                name="monitoring_merged_into_iff_merged",
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("action")), name="monitoring_not_merged_into_self"),
            models.CheckConstraint(
                condition=~Q(status=TrackingStatus.COMPLETED) | Q(progress=100), name="monitoring_completed_is_100"
            ),
            models.CheckConstraint(
                condition=~Q(status=TrackingStatus.NOT_STARTED) | Q(progress=0), name="monitoring_not_started_is_0"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="monitoring_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.action)

    def clean(self):
        errors: dict[str, str] = {}
        if self.progress is not None and not 0 <= self.progress <= 100:
            errors["progress"] = _("L'avanzamento è una percentuale tra 0 e 100.")
        elif self.status == TrackingStatus.COMPLETED and self.progress != 100:
            errors["progress"] = _("Un'azione completata ha avanzamento 100%.")
        elif self.status == TrackingStatus.NOT_STARTED and self.progress != 0:
            errors["progress"] = _("Un'azione non avviata ha avanzamento 0%: scegli «in corso».")
        if self.status == TrackingStatus.MERGED:
            if not self.merged_into_id:
                errors["merged_into"] = _("Indica l'azione in cui è confluita.")
            elif self.merged_into_id == self.action_id:
                errors["merged_into"] = _("Un'azione non può confluire in sé stessa.")
            elif self.action_id and self.merged_into.strategy.axis.plan_id != self.action.strategy.axis.plan_id:
                errors["merged_into"] = _("L'azione in cui confluisce deve appartenere allo stesso piano.")
        elif self.merged_into_id:
            errors["merged_into"] = _("Solo un'azione «confluita» indica l'azione in cui è confluita.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La data di conclusione precede quella di avvio.")
        if errors:
            raise ValidationError(errors)
