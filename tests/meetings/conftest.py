"""Fixtures for the meetings tests: meetings built through the real services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultazione.meetings.models import MeetingFormat, MeetingKind, RegistrationMode
from consultazione.meetings.services import AgendaSpec, TableSpec, meeting_create


@pytest.fixture
def make_meeting(psm, staff):
    def make(*, days: int = 10, capacity=None, title="Tavolo di prova", kind=MeetingKind.PUBLIC_EVENT, tables=(), **fields):
        starts = timezone.now() + timedelta(days=days)
        defaults = {
            "format": MeetingFormat.IN_PERSON,
            "venue_comune": psm.comune("Pinerolo"),
            "venue_name": "Sala consiliare",
            "registration_mode": RegistrationMode.OPEN,
            "objectives": "Raccogliere criticità e proposte.",
        }
        defaults.update(fields)
        return meeting_create(
            actor=staff,
            process=psm.process,
            title=title,
            kind=kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            capacity=capacity,
            agenda=[
                AgendaSpec("Saluti e introduzione", 15),
                AgendaSpec("Lavoro ai tavoli", 90, in_tables=True),
                AgendaSpec("Plenaria di sintesi", 30),
            ],
            tables=list(tables),
            **defaults,
        )

    return make


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(capacity=3)


@pytest.fixture
def table_meeting(make_meeting, facilitator, psm):
    return make_meeting(
        title="Lancio pubblico",
        tables=[
            TableSpec("Tavolo asse 1", axis=psm.axes[1], facilitator=facilitator),
            TableSpec("Tavolo asse 2", axis=psm.axes[2]),
        ],
    )


def register(meeting, n: int, **extra):
    from consultazione.meetings.services import registration_create

    return registration_create(
        meeting=meeting,
        first_name=f"Partecipante {n:02d}",
        last_name="Prova",
        email=f"p{n:02d}@example.org",
        consent=True,
        **extra,
    )
