from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultazione.core.models import TimeStamped


class LineageRelation(models.TextChoices):
    CARRIED_OVER = "carried_over", _("Confermata (anche riformulata)")
    MERGED = "merged", _("Unita con altre")
    SPLIT = "split", _("Divisa in più strategie")
    NEW = "new", _("Nuova")
    DROPPED = "dropped", _("Non riproposta")


# Relations that link two strategies; NEW has only the next one, DROPPED only the previous one.
LINKING = (LineageRelation.CARRIED_OVER, LineageRelation.MERGED, LineageRelation.SPLIT)


class StrategyLineage(TimeStamped):
    """Staff's decision on how a strategy of one plan relates to the next plan's strategies.

    It overrides the automatic match by code and title similarity in the comparison view.
    """

    previous_strategy = models.ForeignKey(
        "plan.Strategy",
        verbose_name=_("strategia del piano precedente"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lineage_forward",
    )
    next_strategy = models.ForeignKey(
        "plan.Strategy",
        verbose_name=_("strategia del piano successivo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lineage_backward",
    )
    relation = models.CharField(_("relazione"), max_length=12, choices=LineageRelation.choices)
    note = models.TextField(_("nota"), blank=True, help_text=_("Perché la strategia è cambiata (pubblica)."))

    class Meta:
        ordering = ["previous_strategy__code", "next_strategy__code"]
        verbose_name = _("continuità tra strategie")
        verbose_name_plural = _("continuità tra strategie (confronto dei piani)")
        constraints = [
            models.CheckConstraint(condition=Q(relation__in=LineageRelation.values), name="monitoring_lineage_relation_valid"),
            models.CheckConstraint(
                condition=(
                    Q(relation=LineageRelation.NEW, previous_strategy__isnull=True, next_strategy__isnull=False)
                    | Q(relation=LineageRelation.DROPPED, previous_strategy__isnull=False, next_strategy__isnull=True)
                    | Q(relation__in=LINKING, previous_strategy__isnull=False, next_strategy__isnull=False)
                ),
                name="monitoring_lineage_ends_match_relation",
            ),
            models.UniqueConstraint(fields=["previous_strategy", "next_strategy"], name="monitoring_lineage_pair_unique"),
            models.UniqueConstraint(
                fields=["previous_strategy"], condition=Q(next_strategy__isnull=True), name="monitoring_lineage_one_dropped"
            ),
            models.UniqueConstraint(
                fields=["next_strategy"], condition=Q(previous_strategy__isnull=True), name="monitoring_lineage_one_new"
            ),
        ]

    def __str__(self) -> str:
        previous = self.previous_strategy.code if self.previous_strategy_id else "—"
        following = self.next_strategy.code if self.next_strategy_id else "—"
        return f"{previous} → {following} ({self.get_relation_display()})"

    def clean(self):
        errors: dict[str, str] = {}
        if self.relation == LineageRelation.NEW:
            if self.previous_strategy_id:
                errors["previous_strategy"] = _("Una strategia nuova non ha una strategia precedente.")
            if not self.next_strategy_id:
                errors["next_strategy"] = _("Indica la strategia nuova.")
        elif self.relation == LineageRelation.DROPPED:
            if self.next_strategy_id:
                errors["next_strategy"] = _("Una strategia non riproposta non ha una strategia successiva.")
            if not self.previous_strategy_id:
                errors["previous_strategy"] = _("Indica la strategia non riproposta.")
        elif self.relation:
            if not self.previous_strategy_id:
                errors["previous_strategy"] = _("Indica la strategia del piano precedente.")
            if not self.next_strategy_id:
                errors["next_strategy"] = _("Indica la strategia del piano successivo.")
        if not errors and self.previous_strategy_id and self.next_strategy_id:
            previous_plan = self.previous_strategy.axis.plan
            next_plan = self.next_strategy.axis.plan
            if previous_plan.pk == next_plan.pk:
                errors["next_strategy"] = _("Le due strategie devono appartenere a piani diversi.")
            elif previous_plan.period_start >= next_plan.period_start:
                errors["next_strategy"] = _("Il piano della strategia successiva deve essere più recente dell'altro.")
        if errors:
            raise ValidationError(errors)
