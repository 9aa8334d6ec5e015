"""The invitation is iCalendar that a validator nobody here wrote accepts (icalendar, RFC 5545):
the download, the attachment of the confirmation email and a cancelled meeting's update."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from .conftest import register

pytestmark = pytest.mark.django_db


def parsed(data: bytes):
    calendar = Calendar.from_ical(data)  # raises on a malformed line or property
    assert not calendar.errors, calendar.errors
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID")
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert not event.errors, event.errors
    for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):  # RFC 5545 §3.6.1 (+ the title a calendar shows)
        assert event.get(required), required
    assert event.decoded("DTEND") > event.decoded("DTSTART")
    return event


def test_download_is_valid_icalendar_in_utc(client, meeting):
    event = parsed(client.get(reverse("meetings:calendar", args=[meeting.slug])).content)
    assert str(event["SUMMARY"]) == meeting.title
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)  # iCalendar has whole seconds
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=3)
    assert meeting.slug in str(event.get("URL", "")) or meeting.slug in str(event.get("DESCRIPTION", ""))


def test_confirmation_attachment_is_valid_icalendar(meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, 1)
    attachments = [part for message in mail.outbox for part in message.message().walk() if part.get_filename()]
    ics = [part for part in attachments if part.get_filename().endswith(".ics")]
    assert ics, "the confirmation carries the invitation"
    event = parsed(ics[0].get_payload(decode=True))
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)  # iCalendar has whole seconds
