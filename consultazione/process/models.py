from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped

from .features import PHASE_FEATURES, PhaseKind


class PlanRole(models.TextChoices):
    """The part a plan plays in a process. Which roles a contribution kind may point at is data
    beside the kind (contributions.models.KIND_RULES); see docs/contributions.md.

    Not to be confused with the plan's own status (`Plan.Status.IN_FORCE`): the plan a process
    revises is "in force" while the process runs, but the monitoring pages follow the plan whose
    status is in force today, which after approval is the one the process produced."""

    WORKING = "working", _("Piano in costruzione")
    REVISED = "revised", _("Piano in vigore")


class Process(TimeStamped):
    class Moderation(models.TextChoices):
        PRE = "pre", _("Pre-moderazione (pubblicato dopo l'approvazione)")
        POST = "post", _("Post-moderazione (pubblicato subito, revisionato dopo)")

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("titolo"), max_length=200)
    objective = models.TextField(_("obiettivo"), blank=True)
    open_to_change = models.TextField(_("che cosa si può cambiare"), blank=True)
    responsible_office = models.CharField(_("ufficio responsabile"), max_length=200, blank=True)
    reference_prefix = models.CharField(_("prefisso dei codici"), max_length=10, default="PSM")
    privacy_notice = models.TextField(_("informativa privacy del processo"), blank=True)
    plan_revised = models.ForeignKey(
        "plan.Plan",
        verbose_name=_("piano in vigore che revisiona"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    plan_produced = models.ForeignKey(
        "plan.Plan",
        verbose_name=_("piano che produce"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    contribution_moderation = models.CharField(
        _("moderazione dei contributi"), max_length=4, choices=Moderation.choices, default=Moderation.POST
    )
    comment_moderation = models.CharField(
        _("moderazione dei commenti"), max_length=4, choices=Moderation.choices, default=Moderation.POST
    )
    supports_per_user = models.PositiveIntegerField(
        _("sostegni massimi per persona"), null=True, blank=True, help_text=_("Vuoto: nessun limite.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("processo")
        verbose_name_plural = _("processi")

    def __str__(self) -> str:
        return self.title

    @property
    def working_plan_id(self) -> int | None:
        """The plan being built: the one the process produces, else the one it revises."""
        return self.plan_produced_id or self.plan_revised_id

    @property
    def working_plan(self):
        return self.plan_produced if self.plan_produced_id else self.plan_revised

    @property
    def revised_plan_id(self) -> int | None:
        """The plan in force that the process revises, when distinct from the working plan."""
        if self.plan_revised_id and self.plan_revised_id != self.working_plan_id:
            return self.plan_revised_id
        return None

    def plan_id_for(self, role: str) -> int | None:
        """The id of the plan playing `role` in this process (None: no such plan)."""
        return self.working_plan_id if role == PlanRole.WORKING else self.revised_plan_id

    def plan_role(self, plan_id: int | None) -> PlanRole | None:
        """The part the plan `plan_id` plays in this process ("in costruzione" / "in vigore"),
        None for a plan it neither builds nor revises: the one labelling every page and file uses."""
        if plan_id is None:
            return None
        if plan_id == self.working_plan_id:
            return PlanRole.WORKING
        return PlanRole.REVISED if plan_id == self.revised_plan_id else None

    def plan_for(self, role: str):
        if self.plan_id_for(role) is None:
            return None
        return self.working_plan if role == PlanRole.WORKING else self.plan_revised


class Phase(models.Model):
    process = models.ForeignKey(Process, verbose_name=_("processo"), on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("tipo"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(_("titolo"), max_length=200, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    position = models.PositiveSmallIntegerField(_("posizione"), default=0)
    planned_start = models.DateField(_("inizio previsto"))
    planned_end = models.DateField(_("fine prevista"))
    actual_start = models.DateField(_("inizio effettivo"), null=True, blank=True)
    actual_end = models.DateField(_("fine effettiva"), null=True, blank=True)
    force_active = models.BooleanField(
        _("attiva d'ufficio"),
        default=False,
        help_text=_("Rende attiva questa fase indipendentemente dalle date (una sola per processo)."),
    )

    class Meta:
        ordering = ["process", "position"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasi")
        constraints = [
            models.UniqueConstraint(fields=["process", "kind"], name="process_phase_kind_unique"),
            models.UniqueConstraint(fields=["process"], condition=models.Q(force_active=True), name="process_one_forced_phase"),
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")), name="process_phase_planned_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(actual_end__isnull=True)
                | models.Q(actual_start__isnull=True)
                | models.Q(actual_end__gte=models.F("actual_start")),
                name="process_phase_actual_ordered",
            ),
            models.CheckConstraint(condition=models.Q(kind__in=[k.value for k in PhaseKind]), name="process_phase_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end

    @property
    def features(self) -> frozenset[str]:
        return PHASE_FEATURES.get(self.kind, frozenset())

    def clean(self):
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("La fine prevista precede l'inizio previsto.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("La fine effettiva precede l'inizio effettivo.")
        if self.kind and self.kind not in PhaseKind.values:
            errors["kind"] = _("Tipo di fase sconosciuto: %(k)s.") % {"k": self.kind}
        if errors:
            raise ValidationError(errors)
