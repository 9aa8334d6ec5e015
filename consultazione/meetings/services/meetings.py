"""Creating and changing meetings, their agenda and their tables (staff)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consultazione.accounts.roles import Role
from consultazione.accounts.selectors import has_role
from consultazione.core.exceptions import Conflict, InvalidInput
from consultazione.core.permissions import check_perm

from ..emails import registration_email_send
from ..models import AgendaItem, Meeting, MeetingTable, RegistrationStatus
from .registrations import promote_waiting


@dataclass(frozen=True)
class AgendaSpec:
    title: str
    duration_minutes: int = 15
    description: str = ""
    in_tables: bool = False
    pk: int | None = None  # an existing item of the meeting (kept with what tables recorded on it) when editing


@dataclass(frozen=True)
class TableSpec:
    title: str
    axis: object = None
    macro_area: object = None
    facilitator: object = None
    pk: int | None = None  # an existing table of the meeting (kept with its outputs) when editing


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
    if any(spec.pk is not None for spec in (*agenda, *tables)):
        raise InvalidInput(_("Un incontro nuovo non ha ancora punti o tavoli da mantenere: togli gli id."), code="invalid")
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
    _agenda_store(meeting, agenda)
    for position, spec in enumerate(tables, start=1):
        table_add(actor=actor, meeting=meeting, spec=spec, position=position)
    return meeting


def _kept_rows(existing: dict, specs, unknown_message: str) -> set:
    """The pks of the rows the specs keep; a pk that is not one of the meeting's rows is refused."""
    kept = {spec.pk for spec in specs if spec.pk is not None}
    if unknown := kept - set(existing):
        raise InvalidInput(unknown_message % {"pk": min(unknown)})
    return kept


def _agenda_store(meeting: Meeting, agenda: Sequence[AgendaSpec]) -> None:
    """The agenda in the given order: rows with a pk update that item (what the tables recorded on
    it stays attached), the others are new; an item left out is removed, unless a table already
    recorded something on it."""
    existing = {item.pk: item for item in meeting.agenda.all()}
    kept = _kept_rows(existing, agenda, _("Il punto %(pk)s non appartiene a questo incontro."))
    for pk, item in existing.items():
        if pk in kept:
            continue
        if item.outputs.exists():
            raise InvalidInput(
                _("Sul punto «%(title)s» i tavoli hanno già registrato esiti: non si può togliere.") % {"title": item.title}
            )
        item.delete()  # contributions entered on it keep their text (SET_NULL)
    _move_out_of_the_way(AgendaItem, meeting, kept, len(existing) + len(agenda))
    for position, spec in enumerate(agenda, start=1):
        item = existing[spec.pk] if spec.pk is not None else AgendaItem(meeting=meeting)
        item.position = position
        item.title = spec.title
        item.description = spec.description
        item.duration_minutes = spec.duration_minutes
        item.in_tables = spec.in_tables
        item.full_clean()
        item.save()


def _move_out_of_the_way(model, meeting: Meeting, pks, count: int) -> None:
    """Positions are unique within the meeting: park the kept rows above any new position first."""
    model.objects.filter(meeting=meeting, pk__in=pks).update(position=models.F("position") + count + 1)


def _tables_store(meeting: Meeting, tables: Sequence[TableSpec]) -> None:
    """The tables in the given order: rows with a pk update that table, the others are new; a
    table left out is removed, unless something was already recorded at it."""
    existing = {table.pk: table for table in meeting.tables.all()}
    kept = _kept_rows(existing, tables, _("Il tavolo %(pk)s non appartiene a questo incontro."))
    for pk, table in existing.items():
        if pk in kept:
            continue
        if table.outputs.exists() or table.table_contributions.exists():
            raise InvalidInput(
                _("Il tavolo «%(title)s» ha già esiti o contributi registrati: non si può togliere.") % {"title": table.title}
            )
        table.delete()
    _move_out_of_the_way(MeetingTable, meeting, kept, len(existing) + len(tables))
    for position, spec in enumerate(tables, start=1):
        _check_facilitator(spec.facilitator)
        table = existing[spec.pk] if spec.pk is not None else MeetingTable(meeting=meeting)
        table.position = position
        table.title = spec.title
        table.axis = spec.axis
        table.macro_area = spec.macro_area
        table.facilitator = spec.facilitator
        table.full_clean()
        table.save()


_NOT_EDITABLE = {"confirmed_count", "process", "created_by", "cancelled_at", "cancellation_reason", "slug"}


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    axes: Iterable | None = None,
    zones: Iterable | None = None,
    agenda: Sequence[AgendaSpec] | None = None,
    tables: Sequence[TableSpec] | None = None,
    **fields,
) -> Meeting:
    """Change a meeting; `agenda` and `tables`, when given, replace the lists in that order.
    A cancelled meeting is no longer edited (the people told of the cancellation keep its page)."""
    check_perm(actor, "meetings.change_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise Conflict(_("L'incontro è stato annullato: non si può più modificare."), code="cancelled")
    for name, value in fields.items():
        if name in _NOT_EDITABLE:
            raise InvalidInput(_("Il campo %(f)s non si modifica da qui.") % {"f": name})
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    if axes is not None:
        meeting.axes.set(list(axes))
    if zones is not None:
        meeting.zones.set(list(zones))
    if agenda is not None:
        _agenda_store(meeting, agenda)
    if tables is not None:
        _tables_store(meeting, tables)
    if "capacity" in fields:
        promote_waiting(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting that has not ended: registration closes, the page says "Annullato" with
    the reason, and every person registered (confirmed or waiting) gets an email after commit."""
    check_perm(actor, "meetings.change_meeting", meeting)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Scrivi il motivo dell'annullamento: lo leggeranno gli iscritti."), code="reason_required")
    if len(reason) > 2000:
        raise InvalidInput(_("Il motivo è troppo lungo (al massimo 2000 caratteri)."), code="reason_too_long")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise Conflict(_("L'incontro è già stato annullato."), code="cancelled")
    now = timezone.now()
    if meeting.ends_at <= now:
        raise Conflict(_("L'incontro si è già concluso: non si può annullare."), code="ended")
    meeting.cancelled_at = now
    meeting.cancellation_reason = reason
    meeting.save(update_fields=["cancelled_at", "cancellation_reason", "updated_at"])
    recipients = list(
        meeting.registrations.filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING])
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    transaction.on_commit(lambda: [registration_email_send.enqueue(pk, "meeting_cancelled") for pk in recipients])
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
