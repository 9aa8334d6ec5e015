"""Staff's manual table of how the strategies of one plan continue in the next one."""

from django.db import transaction

from consultazione.core.permissions import check_perm
from consultazione.plan.models import Strategy

from ..models import StrategyLineage


@transaction.atomic
def lineage_save(*, actor, lineage: StrategyLineage) -> StrategyLineage:
    check_perm(actor, "monitoring.change_tracking", lineage)
    lineage.full_clean()
    lineage.save()
    return lineage


@transaction.atomic
def lineage_delete(*, actor, lineage: StrategyLineage) -> None:
    check_perm(actor, "monitoring.change_tracking", lineage)
    lineage.delete()


@transaction.atomic
def lineage_set(
    *, actor, previous_strategy: Strategy | None, next_strategy: Strategy | None, relation: str, note: str = ""
) -> StrategyLineage:
    """Create or replace the row for this pair of strategies (idempotent)."""
    lineage = StrategyLineage.objects.filter(
        previous_strategy=previous_strategy, next_strategy=next_strategy
    ).first() or StrategyLineage(previous_strategy=previous_strategy, next_strategy=next_strategy)
    lineage.relation, lineage.note = relation, note
    return lineage_save(actor=actor, lineage=lineage)
