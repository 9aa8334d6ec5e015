"""Traceability both ways: the contributions and meetings that fed into an action, and, for a
contribution, the action it became with that action's progress ("you said, we did")."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from consultazione.contributions.models import Contribution, Outcome
from consultazione.meetings.models import Meeting, TableOutput
from consultazione.moderation.models import OutcomeRecord
from consultazione.plan.models import Action, Strategy

from ..models import ActionTracking, TrackingStatus
from .progress import plan_progress

# Outcomes by which a contribution shaped the plan (accepted in full or in part, or already there).
FED_OUTCOMES = (Outcome.ACCOLTO, Outcome.PARZIALE, Outcome.GIA_PREVISTO)


def _records_for_action(action: Action) -> QuerySet[OutcomeRecord]:
    return OutcomeRecord.objects.filter(
        Q(action=action) | Q(action__isnull=True, thematic_response__action=action), outcome__in=FED_OUTCOMES
    )


def contributions_for_action(action: Action) -> QuerySet[Contribution]:
    """Public contributions whose official outcome links them to this action (one query)."""
    return (
        Contribution.objects.public()
        .filter(outcome_record__in=_records_for_action(action))
        .select_related("author", "organisation", "outcome_record__thematic_response")
        .order_by("-support_count", "reference")
    )


@dataclass
class MeetingDiscussion:
    meeting: Meeting
    tables: list[str]


def meetings_for_action(action: Action) -> list[MeetingDiscussion]:
    """Meetings whose table outputs are linked to this action (one query)."""
    outputs = (
        TableOutput.objects.filter(actions=action)
        .select_related("table__meeting")
        .order_by("-table__meeting__starts_at", "table__position")
    )
    grouped: dict[int, MeetingDiscussion] = {}
    for output in outputs:
        meeting = output.table.meeting
        entry = grouped.setdefault(meeting.pk, MeetingDiscussion(meeting, []))
        if output.table.title not in entry.tables:
            entry.tables.append(output.table.title)
    return list(grouped.values())


@dataclass
class YouSaidWeDid:
    outcome: str
    outcome_label: str
    motivation: str
    action: Action | None
    strategy: Strategy | None
    status: str
    status_label: str
    progress: float | None

    @property
    def plan(self):
        node = self.action.strategy if self.action else self.strategy
        return node.axis.plan if node else None


def action_progress_for_contribution(contribution: Contribution) -> YouSaidWeDid | None:
    """What became of a contribution: its outcome, the action (or strategy) it fed and its progress.

    None when no outcome has been recorded yet. 1 query for an action, 3 for a strategy-only link.
    """
    record = (
        OutcomeRecord.objects.filter(contribution=contribution)
        .select_related(
            "action__strategy__axis__plan",
            "action__tracking",
            "strategy__axis__plan",
            "thematic_response__action__strategy__axis__plan",
            "thematic_response__action__tracking",
            "thematic_response__strategy__axis__plan",
        )
        .first()
    )
    if record is None:
        return None
    response = record.thematic_response
    action = record.action or (response.action if response else None)
    strategy = record.strategy or (response.strategy if response else None)
    status, progress = "", None
    if action is not None:
        try:
            tracking = action.tracking
        except ActionTracking.DoesNotExist:
            tracking = None
        status = tracking.status if tracking else TrackingStatus.NOT_STARTED
        progress = float(tracking.progress) if tracking else 0.0
    elif strategy is not None:
        rollup = plan_progress(plan=strategy.axis.plan, axis=strategy.axis)
        axis_progress = rollup.axes[0] if rollup.axes else None
        match = next((s for s in axis_progress.strategies if s.strategy.pk == strategy.pk), None) if axis_progress else None
        progress = match.progress if match else None
    return YouSaidWeDid(
        outcome=record.outcome,
        outcome_label=record.get_outcome_display(),
        motivation=record.public_text,
        action=action,
        strategy=strategy if action is None else action.strategy,
        status=status,
        status_label=TrackingStatus(status).label if status else "",
        progress=progress,
    )
