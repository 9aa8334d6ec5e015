"""Capacity under concurrency: many people register for the last seats at the same moment."""

import threading

import pytest
from django.db import connection, connections

from consultazione.meetings.models import Attendance, Meeting, Registration, RegistrationStatus
from consultazione.meetings.services import attendance_record, registration_create

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite serialises every write transaction (IMMEDIATE), so threads cannot race there.",
)

THREADS = 16
CAPACITY = 5


def _run_in_threads(target, count: int) -> list[Exception]:
    barrier = threading.Barrier(count)
    errors: list[Exception] = []

    def worker(n: int) -> None:
        try:
            barrier.wait()
            target(n)
        except Exception as exc:  # collected and asserted by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_capacity_is_never_exceeded(make_meeting):
    meeting = make_meeting(capacity=CAPACITY)

    def register(n: int) -> None:
        registration_create(
            meeting=meeting, first_name="Partecipante", last_name=f"{n:02d}", email=f"race{n}@example.org", consent=True
        )

    assert _run_in_threads(register, THREADS) == []
    statuses = list(Registration.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert len(statuses) == THREADS
    assert statuses.count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITING) == THREADS - CAPACITY
    assert Meeting.objects.get(pk=meeting.pk).confirmed_count == CAPACITY


@pytest.mark.django_db(transaction=True)
def test_same_email_at_the_same_time_registers_once(make_meeting):
    meeting = make_meeting(capacity=CAPACITY)

    def register(_n: int) -> None:
        registration_create(
            meeting=meeting, first_name="Partecipante", last_name="Doppio", email="same@example.org", consent=True
        )

    assert _run_in_threads(register, 8) == []
    assert Registration.objects.filter(meeting=meeting).count() == 1


@pytest.mark.django_db(transaction=True)
def test_door_and_live_join_at_the_same_time_give_one_attendance(make_meeting, citizen):
    meeting = make_meeting()
    registration = registration_create(
        meeting=meeting, first_name="Partecipante", last_name="Ibrido", email=citizen.email, consent=True, user=citizen
    ).registration

    def check_in(n: int) -> None:
        if n % 2:
            attendance_record(meeting=meeting, registration=registration, method="lista")
        else:
            attendance_record(meeting=meeting, user=citizen, method="live")

    assert _run_in_threads(check_in, 8) == []
    assert Attendance.objects.filter(meeting=meeting).count() == 1
