"""Joining the live session of an online meeting with an account records the attendance."""

from datetime import timedelta

from django.utils import timezone

from consultazione.live.services import participant_join, session_create
from consultazione.meetings.models import Attendance, MeetingFormat, MeetingKind
from consultazione.meetings.services import meeting_create


def _meeting(psm, staff, fmt):
    starts = timezone.now() + timedelta(hours=1)
    venue = {} if fmt == MeetingFormat.ONLINE else {"venue_comune": psm.comune("Pinerolo"), "venue_name": "Sala"}
    return meeting_create(
        actor=staff,
        process=psm.process,
        title="Incontro online di prova",
        kind=MeetingKind.ONLINE if fmt == MeetingFormat.ONLINE else MeetingKind.PUBLIC_EVENT,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=None,
        agenda=[],
        tables=[],
        format=fmt,
        online_url="https://meet.example.org/psm",
        objectives="Prova.",
        **venue,
    )


def test_logged_in_participant_of_online_meeting_is_marked_present(psm, staff, facilitator, citizen):
    meeting = _meeting(psm, staff, MeetingFormat.ONLINE)
    session = session_create(user=facilitator, title="Plenaria online", meeting=meeting)
    participant_join(session=session, user=citizen)
    participant_join(session=session, user=citizen)  # a reconnection is not a second attendance
    attendance = Attendance.objects.get(meeting=meeting)
    assert attendance.user == citizen and attendance.method == "live"


def test_anonymous_phone_and_in_person_meeting_record_nothing(psm, staff, facilitator, citizen):
    online = session_create(user=facilitator, title="Online", meeting=_meeting(psm, staff, MeetingFormat.ONLINE))
    participant_join(session=online, user=None)
    in_person = session_create(user=facilitator, title="In sala", meeting=_meeting(psm, staff, MeetingFormat.IN_PERSON))
    participant_join(session=in_person, user=citizen)
    assert Attendance.objects.count() == 0
