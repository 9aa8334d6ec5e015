import pytest
from django.core import mail

from consultazione.core.exceptions import Conflict, InvalidInput, PermissionDenied
from consultazione.meetings.models import Meeting, Registration, RegistrationMode, RegistrationStatus
from consultazione.meetings.services import registration_cancel, registration_create
from consultazione.meetings.tokens import cancel_token

from .conftest import register

pytestmark = pytest.mark.django_db


def test_capacity_then_waiting_list(meeting):
    statuses = [register(meeting, n).registration.status for n in range(1, 6)]
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 2
    meeting.refresh_from_db()
    assert meeting.confirmed_count == 3
    assert Registration.objects.filter(meeting=meeting).count() == 5


def test_duplicate_email_returns_existing(meeting):
    first = register(meeting, 1)
    again = registration_create(meeting=meeting, first_name="Altro", last_name="Nome", email=" P01@Example.org ", consent=True)
    assert first.created and not again.created
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_confirmation_email_has_ics_and_cancel_link(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(meeting, 1).registration
    message = mail.outbox[-1]
    assert message.to == ["p01@example.org"]
    assert registration.checkin_code in message.body
    assert "/incontri/annulla/" in message.body
    calendars = [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    part = calendars[0]
    assert part.get_filename().endswith(".ics")
    text = part.get_payload(decode=True).decode(part.get_content_charset())
    assert "BEGIN:VEVENT" in text and "DTSTART:" in text and meeting.title in text


def test_invite_has_one_charset_and_no_personal_link(meeting, django_capture_on_commit_callbacks):
    """RFC 6838: a parameter appears once; a forwarded invite must not let anyone cancel the seat."""
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, 1)
    raw = mail.outbox[-1].message().as_bytes().decode("utf-8")
    calendar_header = next(line for line in raw.splitlines() if line.lower().startswith("content-type: text/calendar"))
    assert calendar_header.lower().count("charset") == 1, calendar_header
    assert "method=" in calendar_header.lower()
    part = next(p for p in mail.outbox[-1].message().walk() if p.get_content_type() == "text/calendar")
    ics = part.get_payload(decode=True).decode("utf-8")
    assert "annulla" not in ics.replace("\r\n ", "")
    assert "/incontri/annulla/" in mail.outbox[-1].body


def test_cancel_with_token_promotes_first_waiting(meeting, django_capture_on_commit_callbacks):
    regs = [register(meeting, n).registration for n in range(1, 5)]
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=regs[0], token=cancel_token(regs[0]))
    regs[3].refresh_from_db()
    regs[0].refresh_from_db()
    assert regs[0].status == RegistrationStatus.CANCELLED
    assert regs[3].status == RegistrationStatus.CONFIRMED
    assert Meeting.objects.get(pk=meeting.pk).confirmed_count == 3
    assert any("Si è liberato un posto" in m.subject for m in mail.outbox)


def test_cancel_with_token_of_other_registration_is_refused(meeting):
    a, b = register(meeting, 1).registration, register(meeting, 2).registration
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=a, token=cancel_token(b))
    with pytest.raises(InvalidInput):
        registration_cancel(registration=a, token="tampered")


def test_cancel_by_owner_or_staff_only(meeting, citizen, staff, user_factory):
    mine = registration_create(meeting=meeting, first_name="A", last_name="B", email="", consent=True, user=citizen).registration
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=mine, actor=user_factory())
    assert registration_cancel(registration=mine, actor=citizen).status == RegistrationStatus.CANCELLED
    other = register(meeting, 2).registration
    assert registration_cancel(registration=other, actor=staff).status == RegistrationStatus.CANCELLED


def test_form_needs_consent_and_open_registrations(make_meeting):
    meeting = make_meeting()
    with pytest.raises(InvalidInput):
        registration_create(meeting=meeting, first_name="A", last_name="B", email="a@example.org", consent=False)
    closed = make_meeting(registration_mode=RegistrationMode.CLOSED)
    with pytest.raises(Conflict):
        register(closed, 1)
    assert not Registration.objects.exists()


def test_registering_again_after_cancelling_goes_to_end_of_queue(meeting):
    first = register(meeting, 1).registration
    registration_cancel(registration=first, token=cancel_token(first))
    again = register(meeting, 1)
    assert again.created and again.registration.status == RegistrationStatus.CONFIRMED
