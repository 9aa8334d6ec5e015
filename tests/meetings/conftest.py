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


POLLS = [
    {
        "question": "Quale asse è più urgente per la tua zona?",
        "kind": "single",
        "value_label": "Voti",
        "total": 9,
        "bars": True,
        "rows": [
            {"label": "Asse 1", "count": 2, "share": 22, "rank": None},
            {"label": "Asse 3 – mobilità", "count": 5, "share": 56, "rank": None},
            {"label": "Asse 5", "count": 2, "share": 22, "rank": None},
        ],
        "shares": True,
        "entries": None,
    }
]


@pytest.fixture
def held_meeting(make_meeting, facilitator, staff, psm, user_factory):
    """A past meeting with two tables, outputs, attendance, contributions and (fake) poll results."""
    from consultazione.meetings.services import (
        attendance_check_in,
        attendance_record,
        registration_create,
        table_contribution_add,
        table_output_save,
        table_summary_save,
    )
    from consultazione.stakeholders.models import Category

    psm.set_phase("ascolto")
    meeting = make_meeting(
        days=-2,
        title="Tavolo territoriale di prova",
        kind=MeetingKind.TERRITORIAL_TABLE,
        is_institutional=True,
        next_steps="Sintesi in Cabina di regia a gennaio.",
        tables=[TableSpec("Tavolo A", axis=psm.axes[1], facilitator=facilitator), TableSpec("Tavolo B", axis=psm.axes[3])],
    )
    enti = Category.objects.get(code="enti_locali")
    for n in range(1, 5):
        registration = registration_create(
            meeting=meeting,
            first_name=f"Partecipante {n:02d}",
            last_name="Riservato",
            email=f"held{n}@example.org",
            consent=False,
            organisation_name="Comune di Prova" if n <= 2 else "",
            category=enti if n <= 2 else None,
            source="import",
        ).registration
        if n <= 3:
            attendance_check_in(actor=staff, registration=registration)
    online = user_factory()
    attendance_record(meeting=meeting, user=online, method="live")
    table_a, table_b = list(meeting.tables.order_by("position"))
    item = meeting.agenda.get(position=2)
    strategy = psm.axes[1].strategies.order_by("code").first()
    table_summary_save(actor=facilitator, table=table_a, summary="Il tavolo chiede più servizi nelle valli.")
    table_output_save(
        actor=facilitator,
        table=table_a,
        agenda_item=item,
        summary="Emersa la carenza di trasporto pubblico serale.",
        decisions="Proporre una linea a chiamata.",
        strategies=[strategy] if strategy else [],
    )
    table_contribution_add(
        actor=facilitator,
        table=table_a,
        agenda_item=item,
        kind="criticita",
        title="Trasporto serale assente nelle valli",
        body="Dopo le 20 non ci sono corse verso i comuni montani della zona.",
    )
    table_contribution_add(
        actor=staff,
        table=table_b,
        kind="idea",
        title="Rete di ciclabili tra i comuni",
        body="Collegare le stazioni con percorsi ciclabili.",
    )
    return meeting
