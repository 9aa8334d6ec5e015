"""A small process whose figures are computed by hand (see EXPECTED in test_dashboard.py).

Data come straight through the ORM: these tests exercise the reports, which only read them.
Every person has a distinctive email, real name and pseudonym so that the anonymisation tests
can scan the open-data package for them.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.contributions.models import Comment, CommentStatus, Contribution
from consultazione.live.codes import random_code
from consultazione.live.models import LiveSession, Question
from consultazione.meetings.models import Attendance, Meeting, Registration
from consultazione.moderation.models import OutcomeRecord
from consultazione.plan.models import Strategy
from consultazione.process.models import Phase
from consultazione.stakeholders.models import Category, Organisation
from consultazione.voting.models import Allocation, Ballot, ExerciseItem, PriorityExercise, Support
from tests.conftest import make_user

PERSONAL_TEXT = "Chiamatemi al 333 1234567, abito in via Segreta 12"


@dataclass
class World:
    psm: object
    people: dict[str, User]
    contributions: dict[str, Contribution]
    organisations: dict[str, Organisation]
    meetings: dict[str, Meeting]
    exercise: PriorityExercise
    strategies: list[Strategy]
    secrets: list[str] = field(default_factory=list)


def _person(key: str, suffix: str) -> User:
    user = make_user(email=f"{key}{suffix}.secret@example.org", pseudonym=f"pseudo-{key}{suffix}-x9")
    user.first_name, user.last_name = f"Nome{key.title()}", f"Cognome{key.title()}"
    user.save(update_fields=["first_name", "last_name"])
    return user


def build_world(psm, suffix: str = "") -> World:
    """`suffix` builds a second, disjoint copy (to check that query counts do not grow)."""
    people = {
        key: _person(key, suffix) for key in ["alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivan", "judy"]
    }
    staff = make_user(roles=[Role.STAFF], email=f"staff{suffix}.secret@example.org", pseudonym=f"pseudo-staff{suffix}-x9")
    people["staff"] = staff
    zone_a = psm.comune("Pinerolo").zona
    zone_b = next(zone for zone in psm.zones.values() if zone.pk != zone_a.pk)
    ascolto = Phase.objects.get(process=psm.process, kind="ascolto")
    coop = Organisation.objects.create(
        name=f"Cooperativa Riservata Esempio{suffix}", category=Category.objects.get(code="cooperazione")
    )
    comune = Organisation.objects.create(
        name=f"Comune Riservato Esempio{suffix}", category=Category.objects.get(code="enti_locali")
    )
    union = Organisation.objects.create(
        name=f"Sindacato Riservato Esempio{suffix}", category=Category.objects.get(code="sindacati")
    )
    now = timezone.now()

    def contribution(ref, author, kind, axis, *, status="published", zona=None, channel="online", **fields):
        return Contribution.objects.create(
            reference=f"PSM-R{suffix}-{ref}",
            process=psm.process,
            phase=ascolto,
            kind=kind,
            title=f"Titolo {ref}",
            body=fields.pop("body", f"Testo pubblico del contributo {ref}."),
            axis=psm.axes[axis],
            zona=zona,
            author=author,
            channel=channel,
            status=status,
            published_at=now if status == "published" else None,
            **fields,
        )

    c = {
        "c1": contribution(
            1,
            people["alice"],
            "idea",
            1,
            zona=zone_a,
            outcome="accolto",
            outcome_at=now,
            support_count=2,
            comune=psm.comune("Pinerolo"),
        ),
        "c2": contribution(
            2,
            people["bob"],
            "criticita",
            1,
            outcome="non_accolto",
            outcome_at=now,
            contains_personal_data=True,
            body=PERSONAL_TEXT,
        ),
        "c3": contribution(3, people["erin"], "bisogno", 2, zona=zone_a, organisation=coop, support_count=1),
        "c4": contribution(4, people["frank"], "idea", 2, zona=zone_b, organisation=comune, channel="email"),
        "c5": contribution(5, people["carol"], "idea", 1, status="pending"),
        "c6": contribution(6, people["dave"], "idea", 2, support_count=1),
        "c7": contribution(7, people["alice"], "idea", 1, status="rejected"),
        "c8": contribution(8, people["alice"], "criticita", 2, status="withdrawn"),
        "c9": contribution(9, None, "idea", 1, zona=zone_a, channel="tavolo", entered_by=staff),
        "c10": contribution(10, people["bob"], "idea", 1, is_private=True),
    }
    people["dave"].blocked_at = now
    people["dave"].save(update_fields=["blocked_at"])
    Comment.objects.create(
        contribution=c["c1"], author=people["carol"], body="Commento di sostegno.", status=CommentStatus.PUBLISHED
    )
    Comment.objects.create(
        contribution=c["c5"], author=people["gina"], body="Commento su un contributo in attesa.", status="published"
    )
    Comment.objects.create(contribution=c["c1"], author=people["hank"], body="Commento in attesa.", status=CommentStatus.PENDING)
    Comment.objects.create(
        contribution=c["c1"],
        author=people["carol"],
        body=PERSONAL_TEXT,
        status=CommentStatus.PUBLISHED,
        contains_personal_data=True,
    )
    for person, key in [("bob", "c1"), ("carol", "c1"), ("alice", "c3"), ("ivan", "c6")]:
        Support.objects.create(user=people[person], contribution=c[key])

    strategies = list(Strategy.objects.filter(axis__plan=psm.plan).order_by("axis__code", "code")[:2])
    exercise = PriorityExercise.objects.create(
        process=psm.process,
        title="Priorità del piano",
        method="dots",
        scope="plan",
        status="closed",
        closed_at=now,
        points_total=5,
        points_per_item_max=4,
    )
    items = [ExerciseItem.objects.create(exercise=exercise, strategy=s, position=i) for i, s in enumerate(strategies)]
    judy_ballot = Ballot.objects.create(exercise=exercise, user=people["judy"], zona=zone_a)
    Allocation.objects.create(ballot=judy_ballot, item=items[0], points=3, exercise=exercise, zona=zone_a)
    Allocation.objects.create(ballot=judy_ballot, item=items[1], points=2, exercise=exercise, zona=zone_a)
    frank_ballot = Ballot.objects.create(
        exercise=exercise, user=people["frank"], zona=zone_b, organisation=comune, category=comune.category
    )
    Allocation.objects.create(
        ballot=frank_ballot, item=items[1], points=4, exercise=exercise, zona=zone_b, category=comune.category
    )

    held = Meeting.objects.create(
        process=psm.process,
        slug=f"incontro-svolto{suffix}",
        title="Incontro svolto",
        kind="evento_pubblico",
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2, hours=-2),
        venue_comune=psm.comune("Pinerolo"),
    )
    held.axes.add(psm.axes[1])
    held.zones.add(zone_a)
    upcoming = Meeting.objects.create(
        process=psm.process,
        slug=f"incontro-futuro{suffix}",
        title="Incontro futuro",
        kind="tavolo_asse",
        starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=2),
        venue_comune=psm.comune("Pinerolo"),
    )
    upcoming.axes.add(psm.axes[2])
    registration = Registration.objects.create(
        meeting=held,
        first_name="NomeIscritta",
        last_name="CognomeIscritta",
        email=f"iscritta{suffix}.secret@example.org",
        consent=True,
        status="confirmed",
        source="form",
        category=union.category,
        organisation_name=union.name,
    )
    Attendance.objects.create(
        meeting=held, registration=registration, method="lista", category=union.category, organisation=union
    )
    Attendance.objects.create(meeting=held, method="sul_posto")
    Attendance.objects.create(meeting=held, user=people["gina"], method="codice")

    session = LiveSession.objects.create(code=random_code(), title="Plenaria di prova", meeting=held, created_by=staff)
    Question.objects.create(
        session=session,
        position=1,
        kind="single",
        text="Quale tema prima?",
        state="closed",
        results={"total": 3, "options": [{"id": 1, "label": "Mobilità", "count": 2}, {"id": 2, "label": "Lavoro", "count": 1}]},
    )
    Question.objects.create(session=session, position=2, kind="single", text="Domanda ancora aperta?", state="open")
    OutcomeRecord.objects.create(
        contribution=c["c1"],
        outcome="accolto",
        motivation="Integrato nella strategia.",
        strategy=strategies[0],
        recorded_by=staff,
        recorded_at=now,
    )
    OutcomeRecord.objects.create(
        contribution=c["c2"], outcome="non_accolto", motivation="Fuori dalle competenze.", recorded_by=staff, recorded_at=now
    )

    secrets = [PERSONAL_TEXT, f"iscritta{suffix}.secret@example.org", "NomeIscritta", "CognomeIscritta"]
    for person in people.values():
        secrets += [person.email, person.pseudonym, person.first_name, person.last_name]
    secrets += [coop.name, comune.name, union.name]
    return World(
        psm=psm,
        people=people,
        contributions=c,
        organisations={"coop": coop, "comune": comune, "union": union},
        meetings={"held": held, "upcoming": upcoming},
        exercise=exercise,
        strategies=strategies,
        secrets=[s for s in secrets if s],
    )


@pytest.fixture
def world(psm) -> World:
    return build_world(psm)
