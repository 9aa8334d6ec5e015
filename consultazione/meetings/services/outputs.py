"""What facilitators record at their table: outputs per agenda item and the table summary."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from consultazione.contributions.models import Channel, Contribution
from consultazione.contributions.services import contribution_submit
from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm

from ..models import AgendaItem, MeetingTable, TableContribution, TableOutput


def _check_plan_links(table: MeetingTable, strategies: list, actions: list) -> None:
    plan_id = table.meeting.process.working_plan_id
    if plan_id is None:
        return
    if any(strategy.axis.plan_id != plan_id for strategy in strategies) or any(
        action.strategy.axis.plan_id != plan_id for action in actions
    ):
        raise InvalidInput(_("Strategie e azioni devono appartenere al piano in elaborazione."), code="plan")


@transaction.atomic
def table_output_save(
    *,
    actor,
    table: MeetingTable,
    summary: str,
    agenda_item: AgendaItem | None = None,
    positions: str = "",
    decisions: str = "",
    strategies: Iterable = (),
    actions: Iterable = (),
) -> TableOutput:
    """Create or replace what emerged at `table` on `agenda_item` (None: the whole table)."""
    check_perm(actor, "meetings.record_table_output", table)
    if agenda_item is not None and agenda_item.meeting_id != table.meeting_id:
        raise InvalidInput(_("Il punto dell'ordine del giorno è di un altro incontro."), code="agenda_item")
    strategies, actions = list(strategies), list(actions)
    _check_plan_links(table, strategies, actions)
    output = TableOutput.objects.select_for_update().filter(table=table, agenda_item=agenda_item).order_by("pk").first()
    output = output or TableOutput(table=table, agenda_item=agenda_item)
    output.summary = summary.strip()
    output.positions = positions.strip()
    output.decisions = decisions.strip()
    output.recorded_by = actor
    output.full_clean(exclude=["table", "agenda_item"])
    output.save()
    output.strategies.set(strategies)
    output.actions.set(actions)
    return output


@transaction.atomic
def table_summary_save(*, actor, table: MeetingTable, summary: str) -> MeetingTable:
    check_perm(actor, "meetings.record_table_output", table)
    if len(summary) > 5000:
        raise InvalidInput(_("La sintesi non può superare 5000 caratteri."), code="summary")
    table.summary = summary.strip()
    table.save(update_fields=["summary"])
    return table


@transaction.atomic
def table_contribution_add(
    *,
    actor,
    table: MeetingTable,
    kind: str,
    title: str,
    body: str,
    axis=None,
    agenda_item: AgendaItem | None = None,
    strategy=None,
    action=None,
    zona=None,
    comune=None,
) -> Contribution:
    """A criticità, idea or need collected at the table: a contribution with channel "tavolo",
    entered by the facilitator (no author account), linked to the table and agenda item."""
    check_perm(actor, "meetings.record_table_output", table)
    if agenda_item is not None and agenda_item.meeting_id != table.meeting_id:
        raise InvalidInput(_("Il punto dell'ordine del giorno è di un altro incontro."), code="agenda_item")
    contribution = contribution_submit(
        author=None,
        process=table.meeting.process,
        kind=kind,
        title=title,
        body=body,
        axis=axis or table.axis,
        strategy=strategy,
        action=action,
        zona=zona,
        comune=comune,
        channel=Channel.TAVOLO,
        entered_by=actor,
        source=table.source_label,
    )
    TableContribution.objects.create(table=table, agenda_item=agenda_item, contribution=contribution)
    return contribution
