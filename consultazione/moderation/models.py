from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultazione.contributions.models import Outcome
from consultazione.core.audit import AppendOnlyModel, AppendOnlyQuerySet
from consultazione.core.models import TimeStamped
from consultazione.core.names import NameKind, clean_model_names

from .reasons import ReasonCode


class DecisionQuerySet(AppendOnlyQuerySet):
    def for_contribution(self, contribution):
        return self.filter(contribution=contribution)

    def applied(self):
        return self.filter(result=DecisionResult.APPLIED)


def _exactly_one(*fields: str) -> Q:
    """A condition true when exactly one of the nullable foreign keys is set."""
    condition = Q()
    for chosen in fields:
        term = Q(**{f"{chosen}__isnull": False})
        for other in fields:
            if other != chosen:
                term &= Q(**{f"{other}__isnull": True})
        condition |= term
    return condition


class DecisionAction(models.TextChoices):
    APPROVE = "approve", _("Approvazione")
    REJECT = "reject", _("Rifiuto")
    HIDE = "hide", _("Oscuramento")
    RESTORE = "restore", _("Ripristino")
    APPROVE_EDIT = "approve_edit", _("Approvazione di una modifica")
    REJECT_EDIT = "reject_edit", _("Rifiuto di una modifica")
    AUTO_HIDE = "auto_hide", _("Oscuramento automatico per segnalazioni")
    DISMISS_REPORTS = "dismiss_reports", _("Archiviazione delle segnalazioni")
    RETAG = "retag", _("Riclassificazione")
    MERGE = "merge", _("Unione in altro contributo")
    NETIQUETTE_EDIT = "netiquette_edit", _("Modifica per la netiquette")
    OUTCOME = "outcome", _("Esito")
    BLOCK = "block", _("Blocco dell'utente")
    UNBLOCK = "unblock", _("Sblocco dell'utente")


class DecisionResult(models.TextChoices):
    APPLIED = "applied", _("Applicata")
    CONFLICT = "conflict", _("Non applicata: già decisa da altri")


class Decision(AppendOnlyModel):
    """One moderation or curation act (or a refused attempt): the append-only audit log."""

    Action = DecisionAction
    Result = DecisionResult

    created_at = models.DateTimeField(_("data"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moderation_decisions",
        help_text=_("Vuoto: decisione automatica del sistema."),
    )
    action = models.CharField(_("azione"), max_length=20, choices=DecisionAction.choices)
    result = models.CharField(_("risultato"), max_length=10, choices=DecisionResult.choices, default=DecisionResult.APPLIED)
    contribution = models.ForeignKey(
        "contributions.Contribution", null=True, blank=True, on_delete=models.PROTECT, related_name="moderation_decisions"
    )
    comment = models.ForeignKey(
        "contributions.Comment", null=True, blank=True, on_delete=models.PROTECT, related_name="moderation_decisions"
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="moderation_subject_decisions"
    )
    from_state = models.CharField(_("stato precedente"), max_length=20, blank=True)
    to_state = models.CharField(_("stato richiesto"), max_length=20, blank=True)
    expected_state = models.CharField(_("stato visto dal moderatore"), max_length=20, blank=True)
    reason_code = models.CharField(_("motivo"), max_length=20, choices=ReasonCode.choices, blank=True)
    reason_text = models.TextField(_("spiegazione"), blank=True)
    changes = models.JSONField(_("modifiche"), default=dict, blank=True)
    related_contribution = models.ForeignKey(
        "contributions.Contribution",
        verbose_name=_("contributo collegato"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("decisione di moderazione")
        verbose_name_plural = _("registro della moderazione")
        indexes = [
            models.Index(fields=["contribution", "-created_at"], name="moddec_contrib_created"),
            models.Index(fields=["comment", "-created_at"], name="moddec_comment_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=_exactly_one("contribution", "comment", "subject_user"), name="moddec_one_target"),
            models.CheckConstraint(condition=Q(action__in=DecisionAction.values), name="moddec_action_valid"),
            models.CheckConstraint(condition=Q(result__in=DecisionResult.values), name="moddec_result_valid"),
            models.CheckConstraint(
                condition=Q(reason_code="") | Q(reason_code__in=ReasonCode.values), name="moddec_reason_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.from_state}→{self.to_state}"

    @property
    def target(self):
        return self.contribution or self.comment or self.subject_user


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A person's report (segnalazione) of a contribution or a comment; one per person and item."""

    class Resolution(models.TextChoices):
        UPHELD = "upheld", _("Accolta")
        DISMISSED = "dismissed", _("Archiviata")

    created_at = models.DateTimeField(_("data"), auto_now_add=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("segnalato da"), on_delete=models.PROTECT, related_name="moderation_reports"
    )
    contribution = models.ForeignKey(
        "contributions.Contribution", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey("contributions.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reason_code = models.CharField(_("motivo"), max_length=20, choices=ReasonCode.choices)
    text = models.TextField(_("dettagli"), max_length=1000, blank=True)
    resolved_at = models.DateTimeField(_("esaminata il"), null=True, blank=True)
    resolution = models.CharField(_("esito della segnalazione"), max_length=10, choices=Resolution.choices, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("segnalazione")
        verbose_name_plural = _("segnalazioni")
        constraints = [
            models.CheckConstraint(condition=_exactly_one("contribution", "comment"), name="modreport_one_target"),
            models.UniqueConstraint(
                fields=["reporter", "contribution"],
                condition=Q(contribution__isnull=False),
                name="modreport_once_per_contribution",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"], condition=Q(comment__isnull=False), name="modreport_once_per_comment"
            ),
            models.CheckConstraint(condition=Q(reason_code__in=ReasonCode.values), name="modreport_reason_valid"),
            models.CheckConstraint(
                condition=Q(resolution="", resolved_at__isnull=True) | (~Q(resolution="") & Q(resolved_at__isnull=False)),
                name="modreport_resolution_coherent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_code_display()} ({self.reporter_id})"


class ModeratorScope(models.Model):
    """Limits a moderator to some axes and/or zones. A moderator without scopes moderates everything.

    Within a dimension the scopes add up (axis 1 or axis 2); across dimensions they all apply
    (axis 1 and zone 3): an item without a zone is outside a zone-limited moderator's scope.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_scopes")
    axis = models.ForeignKey(
        "plan.Axis", verbose_name=_("asse"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    zona = models.ForeignKey(
        "territory.ZonaOmogenea",
        verbose_name=_("zona omogenea"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ambito di un moderatore")
        verbose_name_plural = _("ambiti dei moderatori")
        constraints = [
            models.CheckConstraint(condition=_exactly_one("axis", "zona"), name="modscope_axis_or_zone"),
            models.UniqueConstraint(fields=["user", "axis"], condition=Q(axis__isnull=False), name="modscope_axis_unique"),
            models.UniqueConstraint(fields=["user", "zona"], condition=Q(zona__isnull=False), name="modscope_zone_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.axis or self.zona}"


class ThematicResponse(TimeStamped):
    """One institutional answer applied to many contributions at once (risposta tematica)."""

    process = models.ForeignKey(
        "process.Process", verbose_name=_("processo"), on_delete=models.PROTECT, related_name="thematic_responses"
    )
    title = models.CharField(_("titolo"), max_length=200)
    text = models.TextField(_("risposta"))
    outcome = models.CharField(_("esito"), max_length=12, choices=Outcome.choices)
    strategy = models.ForeignKey(
        "plan.Strategy", verbose_name=_("strategia"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.ForeignKey(
        "plan.Action", verbose_name=_("azione"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("risposta tematica")
        verbose_name_plural = _("risposte tematiche")
        constraints = [models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="modtheme_outcome_valid")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        clean_model_names(self, title=NameKind.TITLE)


class OutcomeRecord(models.Model):
    """The current official outcome (esito) of a contribution; its history is in the Decision log.

    Contribution.outcome / outcome_at mirror `outcome` / `recorded_at` for lists and filters.
    """

    contribution = models.OneToOneField(
        "contributions.Contribution", on_delete=models.PROTECT, related_name="outcome_record", verbose_name=_("contributo")
    )
    outcome = models.CharField(_("esito"), max_length=12, choices=Outcome.choices)
    motivation = models.TextField(_("motivazione pubblica"), blank=True)
    strategy = models.ForeignKey(
        "plan.Strategy",
        verbose_name=_("strategia del piano"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcome_records",
    )
    action = models.ForeignKey(
        "plan.Action",
        verbose_name=_("azione del piano"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcome_records",
    )
    thematic_response = models.ForeignKey(
        ThematicResponse,
        verbose_name=_("risposta tematica"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("registrato il"))

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("esito")
        verbose_name_plural = _("esiti")
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="modoutcome_outcome_valid"),
            models.CheckConstraint(
                condition=~Q(motivation="") | Q(thematic_response__isnull=False), name="modoutcome_has_motivation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id}: {self.get_outcome_display()}"

    @property
    def public_text(self) -> str:
        return self.motivation or (self.thematic_response.text if self.thematic_response_id else "")

    def clean(self):
        if not self.motivation and not self.thematic_response_id:
            raise ValidationError({"motivation": _("Scrivi la motivazione pubblica dell'esito.")})
        if self.action_id and self.strategy_id and self.action.strategy_id != self.strategy_id:
            raise ValidationError({"action": _("L'azione scelta non appartiene alla strategia indicata.")})
