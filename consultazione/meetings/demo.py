"""Demo meetings of the PSM process, modelled on the real calendar, with fictional participants
("Partecipante 01"...: no real names). Idempotent: meetings that exist already are left alone."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.stakeholders.models import Category
from consultazione.territory.models import Comune, MacroArea

from .models import Meeting, MeetingFormat, MeetingKind, RegistrationMode, RegistrationSource
from .services import (
    AgendaSpec,
    TableSpec,
    attendance_check_in,
    meeting_create,
    registration_create,
    table_contribution_add,
    table_output_save,
    table_summary_save,
)

ROME = ZoneInfo("Europe/Rome")
CATEGORY_CYCLE = ["enti_locali", "sindacati", "datoriali", "universita_ricerca", "cooperazione", "altri", None]

AXIS_OUTPUTS = {
    1: ("Digitalizzazione dei servizi dei piccoli comuni", "Sportelli digitali condivisi tra comuni della stessa zona."),
    2: (
        "Transizione energetica delle aree montane",
        "Comunità energetiche nei comuni montani con il supporto della Città metropolitana.",
    ),
    3: ("Collegamenti serali tra le valli e Torino", "Servizi a chiamata nelle fasce serali e nei giorni festivi."),
    4: ("Orientamento scuola-lavoro nei territori", "Poli formativi diffusi legati alle filiere locali."),
    5: ("Servizi di prossimità per la popolazione anziana", "Case di comunità e trasporto sociale tra comuni vicini."),
    6: ("Qualità dell'aria nella prima cintura", "Monitoraggio condiviso e piano per la mobilità a basse emissioni."),
}


def _at(year, month, day, hour, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ROME)


def _staff_actor() -> User:
    user = User.objects.filter(groups__name=Role.STAFF).first() or User.objects.filter(is_superuser=True).first()
    if user is None:
        raise RuntimeError("Serve un utente staff per creare gli incontri dimostrativi.")
    return user


def _participants(meeting: Meeting, *, count: int, attended: int, actor, start: int = 1, source=RegistrationSource.IMPORT):
    categories = {c.code: c for c in Category.objects.all()}
    venue = meeting.venue_comune.name if meeting.venue_comune_id else "Torino"
    for n in range(start, start + count):
        code = CATEGORY_CYCLE[n % len(CATEGORY_CYCLE)]
        registration = registration_create(
            meeting=meeting,
            first_name=f"Partecipante {n:02d}",
            last_name="Esempio",
            email=f"partecipante{n:02d}.{meeting.pk}@example.org",
            consent=source == RegistrationSource.FORM,
            organisation_name=f"Comune di {venue}"
            if code == "enti_locali"
            else ("" if code is None else f"Organizzazione di esempio {n:02d}"),
            category=categories.get(code) if code else None,
            source=source,
            notify=False,
            now=meeting.starts_at - timedelta(days=7),
        ).registration
        if n - start < attended:
            attendance_check_in(actor=actor, registration=registration)


def _outputs(meeting: Meeting, *, actor, item_position: int = 2) -> None:
    item = meeting.agenda.filter(position=item_position).first()
    for table in meeting.tables.select_related("axis", "macro_area"):
        axis_code = table.axis.code if table.axis_id else (table.position % 6) + 1
        title, idea = AXIS_OUTPUTS[axis_code]
        table_summary_save(actor=actor, table=table, summary=f"Il tavolo ha discusso soprattutto di: {title.lower()}.")
        strategy = table.axis.strategies.order_by("code").first() if table.axis_id else None
        table_output_save(
            actor=actor,
            table=table,
            agenda_item=item,
            summary=f"Criticità principale emersa: {title.lower()}.",
            positions="Ampio consenso sulla necessità di intervenire; alcune riserve sui costi di gestione.",
            decisions=f"Proposta da approfondire nella co-pianificazione: {idea}",
            strategies=[strategy] if strategy else [],
        )
        axis = table.axis or meeting.process.working_plan.axes.get(code=axis_code)
        table_contribution_add(
            actor=actor,
            table=table,
            agenda_item=item,
            kind="criticita",
            title=title,
            body=f"Emerso al tavolo: {title.lower()}.",
            axis=axis,
        )
        table_contribution_add(
            actor=actor,
            table=table,
            agenda_item=item,
            kind="idea",
            title=idea[:150],
            body=f"Proposta del tavolo: {idea}",
            axis=axis,
        )


def _cabina(process, actor) -> Meeting:
    meeting = meeting_create(
        actor=actor,
        process=process,
        slug="cabina-di-regia-2023-07",
        phase=process.phases.filter(kind="analisi").first(),
        title="Cabina di regia del Piano Strategico Metropolitano",
        kind=MeetingKind.CABINA_REGIA,
        starts_at=_at(2023, 7, 12, 10),
        ends_at=_at(2023, 7, 12, 12, 30),
        format=MeetingFormat.IN_PERSON,
        venue_comune=Comune.objects.get(name="Torino"),
        venue_name="Sala del Consiglio metropolitano",
        registration_mode=RegistrationMode.CLOSED,
        is_institutional=True,
        objectives="Condividere il percorso di revisione del Piano e il calendario degli incontri sul territorio.",
        next_steps="Lancio pubblico del percorso il 27 settembre 2023.",
        agenda=[
            AgendaSpec("Apertura dei lavori", 15),
            AgendaSpec("Percorso e calendario", 60, in_tables=True),
            AgendaSpec("Varie", 15),
        ],
        tables=[TableSpec("Seduta della Cabina di regia", facilitator=actor)],
    )
    _participants(meeting, count=12, attended=11, actor=actor)
    return meeting


def _launch(process, actor, facilitator) -> Meeting:
    axes = list(process.working_plan.axes.order_by("code"))
    meeting = meeting_create(
        actor=actor,
        process=process,
        slug="lancio-pubblico-2023-09-27",
        phase=process.phases.filter(kind="ascolto").first(),
        title="Lancio pubblico del percorso: verso il PSM 2024-2026",
        kind=MeetingKind.PUBLIC_EVENT,
        starts_at=_at(2023, 9, 27, 9, 30),
        ends_at=_at(2023, 9, 27, 13, 30),
        format=MeetingFormat.HYBRID,
        venue_comune=Comune.objects.get(name="Torino"),
        venue_name="Centro congressi (sede di esempio)",
        online_url="https://meet.example.org/psm-lancio",
        capacity=150,
        axes=axes,
        objectives="Presentare il percorso e raccogliere, asse per asse, criticità e proposte sul Piano in vigore.",
        next_steps="Tavoli territoriali per macro-area dal 5 dicembre 2023.",
        agenda=[
            AgendaSpec("Apertura e saluti istituzionali", 20),
            AgendaSpec("Tavoli paralleli per asse", 120, in_tables=True),
            AgendaSpec("Plenaria: restituzione dei tavoli", 60),
        ],
        tables=[TableSpec(f"Tavolo asse {axis.code} – {axis.title}"[:200], axis=axis, facilitator=facilitator) for axis in axes],
    )
    _participants(meeting, count=42, attended=34, actor=actor, source=RegistrationSource.FORM)
    _outputs(meeting, actor=actor)
    return meeting


def _territorial(process, actor, facilitator) -> list[Meeting]:
    meetings = []
    for area in MacroArea.objects.select_related("venue_comune").prefetch_related("zones"):
        meeting = meeting_create(
            actor=actor,
            process=process,
            slug=f"tavolo-territoriale-2023-12-05-{area.code.lower()}",
            phase=process.phases.filter(kind="co_pianificazione").first(),
            title=f"Tavolo territoriale {area.code} – {area.name}"[:200],
            kind=MeetingKind.TERRITORIAL_TABLE,
            starts_at=_at(2023, 12, 5, 14, 30),
            ends_at=_at(2023, 12, 5, 17, 30),
            format=MeetingFormat.IN_PERSON,
            venue_comune=area.venue_comune or Comune.objects.get(name="Torino"),
            venue_name="Sala consiliare",
            macro_area=area,
            zones=list(area.zones.all()),
            capacity=40,
            objectives="Individuare le priorità della macro-area per ciascun asse del Piano.",
            agenda=[
                AgendaSpec("Quadro delle criticità emerse nell'ascolto", 30),
                AgendaSpec("Lavoro al tavolo sulle priorità", 100, in_tables=True),
                AgendaSpec("Sintesi e prossimi passi", 20),
            ],
            tables=[TableSpec(f"Tavolo {area.name}"[:200], macro_area=area, facilitator=facilitator)],
        )
        _participants(meeting, count=14, attended=11, actor=actor, source=RegistrationSource.FORM)
        _outputs(meeting, actor=actor)
        meetings.append(meeting)
    return meetings


def _online(process, actor) -> Meeting:
    starts = timezone.localtime(timezone.now() + timedelta(days=14)).replace(hour=18, minute=0, second=0, microsecond=0)
    return meeting_create(
        actor=actor,
        process=process,
        slug="incontro-online-priorita",
        phase=process.phases.filter(kind="co_pianificazione").first(),
        title="Incontro online: le priorità del Piano",
        kind=MeetingKind.ONLINE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1, minutes=30),
        format=MeetingFormat.ONLINE,
        online_url="https://meet.example.org/psm-priorita",
        capacity=100,
        registration_opens_at=timezone.now() - timedelta(days=1),
        registration_closes_at=starts - timedelta(hours=2),
        objectives="Presentare la sintesi dei tavoli e raccogliere le priorità con sondaggi in diretta.",
        agenda=[AgendaSpec("Sintesi dei tavoli", 30), AgendaSpec("Sondaggi in diretta", 45), AgendaSpec("Domande", 15)],
    )


@transaction.atomic
def demo_load(*, process, users) -> int:
    """Create the demo meetings; returns how many were created (0 when they exist already)."""
    if Meeting.objects.filter(process=process, slug="lancio-pubblico-2023-09-27").exists():
        return 0
    actor = _staff_actor()
    facilitator = users.get("facilitator") or actor
    created = [_cabina(process, actor), _launch(process, actor, facilitator), *_territorial(process, actor, facilitator)]
    created.append(_online(process, actor))
    return len(created)
