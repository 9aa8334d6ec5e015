"""Creating and changing meetings, their agenda and their tables (staff)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consultazione.accounts.roles import Role
from consultazione.accounts.selectors import has_role
from consultazione.core.exceptions import InvalidInput
from consultazione.core.permissions import check_perm

from ..models import AgendaItem, Meeting, MeetingTable
from .registrations import promote_waiting


@dataclass(frozen=True)
class AgendaSpec:
    title: str
    duration_minutes: int = 15
    description: str = ""
    in_tables: bool = False


@dataclass(frozen=True)
class TableSpec:
    title: str
    axis: object = None
    macro_area: object = None
    facilitator: object = None


def _unique_slug(title: str, starts_at) -> str:
    base = slugify(f"{starts_at:%Y-%m-%d} {title}")[:110] or "incontro"
    slug, n = base, 2
    while Meeting.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def meeting_create(
    *,
    actor,
    process,
    title: str,
    kind: str,
    starts_at,
    ends_at,
    axes: Iterable = (),
    zones: Iterable = (),
    agenda: Sequence[AgendaSpec] = (),
    tables: Sequence[TableSpec] = (),
    slug: str = "",
    **fields,
) -> Meeting:
    """A meeting with its ordered agenda and its parallel tables, validated as a whole."""
    check_perm(actor, "meetings.add_meeting", process)
    meeting = Meeting(
        process=process,
        title=title,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        slug=slug or _unique_slug(title, starts_at),
        created_by=actor,
        **fields,
    )
    meeting.full_clean()
    meeting.save()
    meeting.axes.set(list(axes))
    meeting.zones.set(list(zones))
    for position, spec in enumerate(agenda, start=1):
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=spec.title,
            description=spec.description,
            duration_minutes=spec.duration_minutes,
            in_tables=spec.in_tables,
        )
        item.full_clean()
        item.save()
    for position, spec in enumerate(tables, start=1):
        table_add(actor=actor, meeting=meeting, spec=spec, position=position)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, axes: Iterable | None = None, zones: Iterable | None = None, **fields) -> Meeting:
    check_perm(actor, "meetings.change_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for name, value in fields.items():
        if name in {"confirmed_count", "process", "created_by"}:
            raise InvalidInput(_("Il campo %(f)s non si modifica da qui.") % {"f": name})
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    if axes is not None:
        meeting.axes.set(list(axes))
    if zones is not None:
        meeting.zones.set(list(zones))
    if "capacity" in fields:
        promote_waiting(meeting)
    return meeting


def _check_facilitator(user) -> None:
    if user is not None and not (has_role(user, Role.FACILITATOR) or has_role(user, Role.STAFF)):
        raise InvalidInput(_("La persona scelta non ha il ruolo di facilitatore."))


@transaction.atomic
def table_add(*, actor, meeting: Meeting, spec: TableSpec, position: int | None = None) -> MeetingTable:
    check_perm(actor, "meetings.change_meeting", meeting)
    if position is None:
        position = (meeting.tables.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    _check_facilitator(spec.facilitator)
    table = MeetingTable(
        meeting=meeting,
        position=position,
        title=spec.title,
        axis=spec.axis,
        macro_area=spec.macro_area,
        facilitator=spec.facilitator,
    )
    table.full_clean()
    table.save()
    return table


@transaction.atomic
def table_assign_facilitator(*, actor, table: MeetingTable, facilitator) -> MeetingTable:
    check_perm(actor, "meetings.change_meeting", table.meeting)
    _check_facilitator(facilitator)
    table.facilitator = facilitator
    table.save(update_fields=["facilitator"])
    return table
