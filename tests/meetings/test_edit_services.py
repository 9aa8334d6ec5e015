"""Creating, editing and cancelling meetings through the services (issue 16 item 2)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingFormat,
    MeetingKind,
    MeetingTable,
    RegistrationStatus,
)
from consultazione.meetings.services import (
    AgendaSpec,
    TableSpec,
    meeting_cancel,
    meeting_create,
    meeting_update,
    registration_cancel,
    registration_create,
    registration_window_error,
    table_output_save,
)

from .conftest import register

pytestmark = pytest.mark.django_db


def _create(psm, actor, **fields):
    starts = timezone.now() + timedelta(days=7)
    args = {
        "actor": actor,
        "process": psm.process,
        "title": "Tavolo territoriale Pinerolese",
        "kind": MeetingKind.TERRITORIAL_TABLE,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "format": MeetingFormat.IN_PERSON,
        "venue_comune": psm.comune("Pinerolo"),
        "venue_name": "Sala consiliare",
    }
    args.update(fields)
    return meeting_create(**args)


def test_end_before_start_is_refused_and_nothing_saved(psm, staff):
    starts = timezone.now() + timedelta(days=7)
    with pytest.raises(ValidationError) as exc:
        _create(psm, staff, starts_at=starts, ends_at=starts - timedelta(hours=1), agenda=[AgendaSpec("Saluti")])
    assert "ends_at" in exc.value.message_dict
    assert not Meeting.objects.filter(title="Tavolo territoriale Pinerolese").exists()
    assert not AgendaItem.objects.filter(title="Saluti").exists()


def test_online_without_link_and_in_person_without_venue_are_refused(psm, staff):
    with pytest.raises(ValidationError) as exc:
        _create(psm, staff, format=MeetingFormat.ONLINE, venue_comune=None, online_url="")
    assert "online_url" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _create(psm, staff, venue_comune=None)
    assert "venue_comune" in exc.value.message_dict
    assert not Meeting.objects.filter(title="Tavolo territoriale Pinerolese").exists()


def test_bad_table_row_leaves_no_meeting(psm, staff, citizen):
    with pytest.raises(InvalidInput):
        _create(psm, staff, tables=[TableSpec("Tavolo 1", facilitator=citizen)])
    assert not Meeting.objects.filter(title="Tavolo territoriale Pinerolese").exists()


def test_citizen_may_not_create_edit_or_cancel(psm, staff, citizen):
    with pytest.raises(PermissionDenied):
        _create(psm, citizen)
    meeting = _create(psm, staff)
    with pytest.raises(PermissionDenied):
        meeting_update(actor=citizen, meeting=meeting, title="Altro")
    with pytest.raises(PermissionDenied):
        meeting_cancel(actor=citizen, meeting=meeting, reason="No")
    meeting.refresh_from_db()
    assert meeting.title == "Tavolo territoriale Pinerolese" and not meeting.is_cancelled


def test_capacity_below_confirmed_is_refused(make_meeting, staff):
    meeting = make_meeting(capacity=5)
    for n in range(3):
        register(meeting, n)
    with pytest.raises(ValidationError) as exc:
        meeting_update(actor=staff, meeting=meeting, capacity=2, agenda=[AgendaSpec("Solo questo")])
    assert "capacity" in exc.value.message_dict
    meeting.refresh_from_db()
    assert meeting.capacity == 5
    assert list(meeting.agenda.values_list("title", flat=True)) == [
        "Saluti e introduzione",
        "Lavoro ai tavoli",
        "Plenaria di sintesi",
    ]


def test_update_replaces_agenda_in_order_and_keeps_tables_with_outputs(make_meeting, staff, facilitator, psm):
    meeting = make_meeting(tables=[TableSpec("Tavolo A", axis=psm.axes[1]), TableSpec("Tavolo B")])
    a, b = meeting.tables.order_by("position")
    meeting_update(
        actor=staff,
        meeting=meeting,
        agenda=[AgendaSpec("Plenaria", 30), AgendaSpec("Apertura", 10)],
        tables=[
            TableSpec("Tavolo B rinominato", pk=b.pk, facilitator=facilitator),
            TableSpec("Tavolo A", pk=a.pk),
            TableSpec("Nuovo"),
        ],
    )
    assert list(meeting.agenda.values_list("position", "title")) == [(1, "Plenaria"), (2, "Apertura")]
    assert list(meeting.tables.order_by("position").values_list("pk", "title")) == [
        (b.pk, "Tavolo B rinominato"),
        (a.pk, "Tavolo A"),
        (MeetingTable.objects.get(title="Nuovo").pk, "Nuovo"),
    ]
    assert MeetingTable.objects.get(pk=b.pk).facilitator == facilitator


def test_table_with_outputs_cannot_be_removed(table_meeting, staff):
    table = table_meeting.tables.order_by("position").first()
    table_output_save(actor=staff, table=table, summary="Strade dissestate")
    other = table_meeting.tables.order_by("position").last()
    with pytest.raises(InvalidInput):
        meeting_update(actor=staff, meeting=table_meeting, tables=[TableSpec(other.title, pk=other.pk)], title="Cambiato")
    table_meeting.refresh_from_db()
    assert table_meeting.title == "Lancio pubblico"
    assert table_meeting.tables.count() == 2


def test_agenda_edit_keeps_what_tables_recorded(table_meeting, staff):
    table = table_meeting.tables.order_by("position").first()
    first, second, third = table_meeting.agenda.order_by("position")
    output = table_output_save(actor=staff, table=table, agenda_item=second, summary="Servono più corse serali")
    with pytest.raises(InvalidInput):  # the item with an output cannot go
        meeting_update(actor=staff, meeting=table_meeting, agenda=[AgendaSpec(first.title, pk=first.pk)])
    assert table_meeting.agenda.count() == 3
    meeting_update(
        actor=staff,
        meeting=table_meeting,
        agenda=[AgendaSpec("Lavoro ai tavoli (90 minuti)", 90, pk=second.pk), AgendaSpec(first.title, pk=first.pk)],
    )
    assert list(table_meeting.agenda.values_list("position", "title")) == [
        (1, "Lavoro ai tavoli (90 minuti)"),
        (2, "Saluti e introduzione"),
    ]
    output.refresh_from_db()
    assert output.agenda_item_id == second.pk and output.summary == "Servono più corse serali"


def test_table_of_another_meeting_is_refused(make_meeting, table_meeting, staff):
    meeting = make_meeting()
    foreign = table_meeting.tables.first()
    with pytest.raises(InvalidInput):
        meeting_update(actor=staff, meeting=meeting, tables=[TableSpec("Rubato", pk=foreign.pk)])
    assert MeetingTable.objects.get(pk=foreign.pk).meeting == table_meeting


def test_cancel_notifies_registered_closes_registration(make_meeting, staff, django_capture_on_commit_callbacks):
    meeting = make_meeting(capacity=1)
    register(meeting, 1)
    register(meeting, 2)  # waiting list
    gone = register(meeting, 3).registration
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(actor=staff, meeting=meeting, reason="Allerta meteo: sala inagibile.")
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancellation_reason == "Allerta meteo: sala inagibile."
    assert sorted(m.to[0] for m in mail.outbox) == ["p01@example.org", "p02@example.org", "p03@example.org"]
    assert all("Incontro annullato" in m.subject and "Allerta meteo" in m.body for m in mail.outbox)
    assert registration_window_error(meeting) == "L'incontro è stato annullato: le iscrizioni sono chiuse."
    with pytest.raises(Conflict):
        registration_create(meeting=meeting, first_name="A", last_name="B", email="late@example.org", consent=True)
    # a confirmed person leaving does not promote anybody to a cancelled meeting
    mail.outbox.clear()
    first = meeting.registrations.get(email="p01@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first, actor=staff)
    assert meeting.registrations.get(pk=gone.pk).status == RegistrationStatus.WAITING
    assert not any("posto" in m.subject for m in mail.outbox)


def test_registration_that_loaded_the_meeting_before_the_cancellation_is_refused(meeting, staff):
    stale = Meeting.objects.get(pk=meeting.pk)  # a request read the meeting, then staff cancelled it
    meeting_cancel(actor=staff, meeting=meeting, reason="Rinviato")
    with pytest.raises(Conflict):
        registration_create(meeting=stale, first_name="A", last_name="B", email="late@example.org", consent=True)
    assert not meeting.registrations.exists()


def test_no_import_into_a_cancelled_meeting(meeting, staff):
    from consultazione.meetings.services import registrations_import

    meeting_cancel(actor=staff, meeting=meeting, reason="Rinviato")
    csv = b"nome;cognome;email\nAnna;Rossi;anna@example.org\n"
    report = registrations_import(actor=staff, meeting=meeting, data=csv)
    assert not report.ok and "annullato" in report.refused[0].reason
    assert not meeting.registrations.exists()


def test_cancel_needs_reason_and_happens_once(meeting, staff):
    with pytest.raises(InvalidInput):
        meeting_cancel(actor=staff, meeting=meeting, reason="   ")
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    meeting_cancel(actor=staff, meeting=meeting, reason="Rinviato")
    with pytest.raises(Conflict):
        meeting_cancel(actor=staff, meeting=meeting, reason="Di nuovo")
    meeting.refresh_from_db()
    assert meeting.cancellation_reason == "Rinviato"


def test_ended_meeting_cannot_be_cancelled(make_meeting, staff):
    meeting = make_meeting(days=-3)
    with pytest.raises(Conflict):
        meeting_cancel(actor=staff, meeting=meeting, reason="Troppo tardi")
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_cancelled_meeting_is_not_edited(meeting, staff):
    meeting_cancel(actor=staff, meeting=meeting, reason="Rinviato")
    with pytest.raises(Conflict):
        meeting_update(actor=staff, meeting=meeting, title="Riaperto")
    meeting.refresh_from_db()
    assert meeting.title == "Tavolo di prova"


def test_cancellation_fields_are_not_edited_through_update(meeting, staff):
    with pytest.raises(InvalidInput):
        meeting_update(actor=staff, meeting=meeting, cancelled_at=timezone.now())
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
