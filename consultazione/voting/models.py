"""Supports on contributions and priority exercises (dot-voting, ranking) over plan strategies or
chosen contributions. Every count is either a database aggregate or an F() update made in the
same transaction as the row it counts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped


class Support(models.Model):
    """One person supports one contribution once. The user stays linked after account deletion
    (the account is anonymised, not removed), so counts never drift."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persona"), null=True, on_delete=models.SET_NULL, related_name="supports"
    )
    contribution = models.ForeignKey(
        "contributions.Contribution", verbose_name=_("contributo"), on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(_("dato il"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sostegno")
        verbose_name_plural = _("sostegni")
        constraints = [models.UniqueConstraint(fields=["user", "contribution"], name="voting_support_once")]
        # The supports of the last minutes, for the dashboard's people count (reports/selectors/participation.py).
        indexes = [models.Index(fields=["created_at"], name="support_created")]

    def __str__(self) -> str:
        return f"{self.user} → {self.contribution_id}"


class Method(models.TextChoices):
    DOTS = "dots", _("Punti da distribuire")
    RANKING = "ranking", _("Classifica")


class Scope(models.TextChoices):
    PLAN = "plan", _("Le strategie di tutto il piano")
    AXIS = "axis", _("Le strategie di un asse")
    CONTRIBUTIONS = "contributions", _("Un elenco di contributi")


class ExerciseStatus(models.TextChoices):
    DRAFT = "draft", _("In preparazione")
    OPEN = "open", _("Aperto")
    CLOSED = "closed", _("Chiuso")


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("Sempre visibili, aggiornati in tempo reale")
    AFTER_CLOSE = "after_close", _("Visibili solo dopo la chiusura")


class PriorityExercise(TimeStamped):
    process = models.ForeignKey(
        "process.Process", verbose_name=_("processo"), on_delete=models.PROTECT, related_name="priority_exercises"
    )
    phase = models.ForeignKey(
        "process.Phase",
        verbose_name=_("fase"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priority_exercises",
        help_text=_("Se indicata, si partecipa solo mentre questa fase è attiva."),
    )
    title = models.CharField(_("titolo"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    method = models.CharField(_("metodo"), max_length=10, choices=Method.choices)
    scope = models.CharField(_("voci"), max_length=15, choices=Scope.choices)
    axis = models.ForeignKey(
        "plan.Axis", verbose_name=_("asse"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    zona = models.ForeignKey(
        "territory.ZonaOmogenea",
        verbose_name=_("riservato alla zona omogenea"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    macro_area = models.ForeignKey(
        "territory.MacroArea",
        verbose_name=_("riservato alla macro-area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    points_total = models.PositiveSmallIntegerField(_("punti per persona"), default=10)
    points_per_item_max = models.PositiveSmallIntegerField(_("punti massimi per voce"), default=3)
    top_k = models.PositiveSmallIntegerField(_("voci da mettere in classifica"), default=3)
    status = models.CharField(
        _("stato"), max_length=10, choices=ExerciseStatus.choices, default=ExerciseStatus.DRAFT, db_index=True
    )
    closes_at = models.DateTimeField(_("chiusura automatica"), null=True, blank=True)
    closed_at = models.DateTimeField(_("chiuso il"), null=True, blank=True)
    results_visibility = models.CharField(
        _("risultati"), max_length=12, choices=ResultsVisibility.choices, default=ResultsVisibility.AFTER_CLOSE
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("esercizio di priorità")
        verbose_name_plural = _("esercizi di priorità")
        constraints = [
            models.CheckConstraint(condition=Q(method__in=Method.values), name="voting_exercise_method_valid"),
            models.CheckConstraint(condition=Q(scope__in=Scope.values), name="voting_exercise_scope_valid"),
            models.CheckConstraint(condition=Q(status__in=ExerciseStatus.values), name="voting_exercise_status_valid"),
            models.CheckConstraint(
                condition=Q(results_visibility__in=ResultsVisibility.values), name="voting_exercise_visibility_valid"
            ),
            models.CheckConstraint(condition=Q(zona__isnull=True) | Q(macro_area__isnull=True), name="voting_exercise_one_area"),
            models.CheckConstraint(condition=~Q(scope="axis") | Q(axis__isnull=False), name="voting_exercise_axis_scope"),
            models.CheckConstraint(
                condition=Q(points_total__gte=1)
                & Q(points_per_item_max__gte=1)
                & Q(points_per_item_max__lte=F("points_total"))
                & Q(top_k__gte=1),
                name="voting_exercise_settings_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.scope == Scope.AXIS and not self.axis_id:
            errors["axis"] = _("Scegli l'asse di cui mettere in priorità le strategie.")
        if self.zona_id and self.macro_area_id:
            errors["macro_area"] = _("Indica una zona omogenea oppure una macro-area, non entrambe.")
        if self.method == Method.DOTS:
            if self.points_total < 1:
                errors["points_total"] = _("Servono almeno 1 punto per persona.")
            elif self.points_per_item_max < 1 or self.points_per_item_max > self.points_total:
                errors["points_per_item_max"] = _("Il massimo per voce va da 1 ai punti per persona (%(n)s).") % {
                    "n": self.points_total
                }
        if self.method == Method.RANKING and self.top_k < 1:
            errors["top_k"] = _("La classifica deve avere almeno una voce.")
        if self.phase_id and self.process_id and self.phase.process_id != self.process_id:
            errors["phase"] = _("La fase non appartiene al processo.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.status == ExerciseStatus.CLOSED or (self.closes_at is not None and self.closes_at <= timezone.now())

    @property
    def is_open(self) -> bool:
        return self.status == ExerciseStatus.OPEN and not self.is_closed

    @property
    def territory(self):
        return self.zona or self.macro_area

    def borda_points(self, rank: int) -> int:
        """Ranking score: the first of K gets K points, the K-th gets 1."""
        return self.top_k - rank + 1


class ExerciseItem(models.Model):
    """One thing to prioritise: a plan strategy or a contribution (exactly one)."""

    exercise = models.ForeignKey(PriorityExercise, on_delete=models.CASCADE, related_name="items")
    strategy = models.ForeignKey(
        "plan.Strategy", verbose_name=_("strategia"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contribution = models.ForeignKey(
        "contributions.Contribution",
        verbose_name=_("contributo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("posizione"), default=0)

    class Meta:
        ordering = ["exercise", "position", "id"]
        verbose_name = _("voce")
        verbose_name_plural = _("voci")
        constraints = [
            models.CheckConstraint(
                condition=Q(strategy__isnull=False, contribution__isnull=True)
                | Q(strategy__isnull=True, contribution__isnull=False),
                name="voting_item_one_target",
            ),
            models.UniqueConstraint(fields=["exercise", "strategy"], name="voting_item_strategy_once"),
            models.UniqueConstraint(fields=["exercise", "contribution"], name="voting_item_contribution_once"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def code(self) -> str:
        if self.strategy_id:
            return self.strategy.code
        return self.contribution.reference or f"#{self.contribution_id}"

    @property
    def title(self) -> str:
        return self.strategy.title if self.strategy_id else self.contribution.title

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


class Ballot(TimeStamped):
    """A person's current choices in one exercise; recast replaces its allocations atomically."""

    exercise = models.ForeignKey(PriorityExercise, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="ballots")
    zona = models.ForeignKey(
        "territory.ZonaOmogenea", verbose_name=_("zona omogenea dichiarata"), on_delete=models.PROTECT, related_name="+"
    )
    comune = models.ForeignKey(
        "territory.Comune",
        verbose_name=_("comune dichiarato"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "stakeholders.Organisation",
        verbose_name=_("a nome di"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Snapshot of the organisation's category when the ballot was cast: results group on it
    # without joins, and a later change of the organisation does not rewrite past results.
    category = models.ForeignKey(
        "stakeholders.Category", verbose_name=_("categoria"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("scheda")
        verbose_name_plural = _("schede")
        constraints = [models.UniqueConstraint(fields=["exercise", "user"], name="voting_ballot_once")]
        indexes = [models.Index(fields=["exercise", "zona", "category"], name="voting_ballot_segments")]

    def __str__(self) -> str:
        return f"{self.exercise_id}/{self.user_id}"


class Allocation(models.Model):
    """Points given to one item (dot-voting) or its Borda score and rank (ranking).

    `exercise`, `zona` and `category` repeat the ballot's: results aggregate this table alone
    through one covering index, without joining 20,000 ballots. They are written only by
    `ballot_cast`, in the same transaction that writes the ballot, so they cannot disagree.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="allocations")
    item = models.ForeignKey(ExerciseItem, on_delete=models.CASCADE, related_name="allocations")
    points = models.PositiveSmallIntegerField(_("punti"))
    rank = models.PositiveSmallIntegerField(_("posizione in classifica"), null=True, blank=True)
    exercise = models.ForeignKey(PriorityExercise, on_delete=models.CASCADE, related_name="+", db_index=False)
    zona = models.ForeignKey("territory.ZonaOmogenea", on_delete=models.PROTECT, related_name="+", db_index=False)
    category = models.ForeignKey("stakeholders.Category", null=True, on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("assegnazione")
        verbose_name_plural = _("assegnazioni")
        indexes = [models.Index(fields=["exercise", "item", "zona", "category", "points"], name="voting_allocation_results")]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "item"], name="voting_allocation_item_once"),
            models.UniqueConstraint(
                fields=["ballot", "rank"], condition=Q(rank__isnull=False), name="voting_allocation_rank_once"
            ),
            models.CheckConstraint(condition=Q(points__gte=1), name="voting_allocation_points_positive"),
            models.CheckConstraint(condition=Q(rank__isnull=True) | Q(rank__gte=1), name="voting_allocation_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.points}"


class BallotRevision(models.Model):
    """Append-only history: every cast of a ballot, as submitted."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now)
    choices = models.JSONField(_("scelte"))

    class Meta:
        ordering = ["ballot", "created_at", "id"]
        verbose_name = _("versione della scheda")
        verbose_name_plural = _("versioni delle schede")

    def __str__(self) -> str:
        return f"{self.ballot_id} @ {self.created_at:%Y-%m-%d %H:%M}"
