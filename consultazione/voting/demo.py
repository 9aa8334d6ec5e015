"""Demo priorities and supports, written through the real services (development only).

The seeded plan holds 5 of the 25 official strategies (one per axis, see data/seed/README.md),
so the ranking exercise ranks the strategies of the axis that has the most, or of the whole
plan while every axis has fewer than three.
"""

import random

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from consultazione.accounts.models import User
from consultazione.accounts.roles import Role
from consultazione.accounts.services import user_create
from consultazione.contributions.models import Contribution
from consultazione.plan.models import Axis
from consultazione.stakeholders.models import Category, Membership, Organisation
from consultazione.territory.models import Comune, MacroArea, ZonaOmogenea

from .models import Method, PriorityExercise, ResultsVisibility, Scope
from .services import ballot_cast, exercise_close, exercise_create, support_add

DEMO_PASSWORD = "demo-password"  # noqa: S105 - documented demo credential, dev only
VOTERS_PER_ZONE = 3
# fictional organisations, so that results show several stakeholder categories
ORGANISATIONS = [
    ("Camera del lavoro metropolitana (demo)", "sindacati"),
    ("Unione imprese del Canavese (demo)", "datoriali"),
    ("Consorzio agricolo Valli di Lanzo (demo)", "agricoltura"),
    ("Unione montana Valle Susa (demo)", "enti_locali"),
    ("Confartigiani Chieri (demo)", "artigianato"),
    ("Politecnico di quartiere (demo)", "universita_ricerca"),
]


def _voters() -> list[tuple[User, ZonaOmogenea, Comune | None]]:
    """Three demo participants per zone, each with a comune of that zone; a few represent organisations."""
    voters = []
    organisations = [
        Organisation.objects.get_or_create(name=name, defaults={"category": Category.objects.get(code=code), "verified": True})[0]
        for name, code in ORGANISATIONS
    ]
    for zone in ZonaOmogenea.objects.order_by("number"):
        comuni = list(Comune.objects.filter(zona=zone).order_by("name")[:VOTERS_PER_ZONE])
        for n in range(VOTERS_PER_ZONE):
            email = f"votante-demo-{zone.number}-{n}@example.org"
            user = User.objects.filter(email=email).first() or user_create(
                email=email, password=DEMO_PASSWORD, pseudonym=f"votante-zo{zone.number}-{n}", verified=True
            )
            voters.append((user, zone, comuni[n % len(comuni)] if comuni else None))
    for (user, _zone, _comune), organisation in zip(voters[::5], organisations, strict=False):
        Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            defaults={"status": Membership.Status.VERIFIED, "verified_at": timezone.now(), "role_title": "Delegata"},
        )
    return voters


def _dots(rng: random.Random, items: list[int], total: int, per_item: int) -> dict[int, int]:
    points: dict[int, int] = {}
    left = total
    for item in rng.sample(items, len(items)):
        if left == 0:
            break
        give = rng.randint(0, min(per_item, left))
        if give:
            points[item] = give
            left -= give
    return points or {items[0]: 1}


def _ranking_scope(process) -> dict:
    plan = process.working_plan
    axis = Axis.objects.filter(plan=plan).annotate(n=Count("strategies")).order_by("-n", "code").first()
    if axis is not None and axis.n >= 3:
        return {"scope": Scope.AXIS, "axis": axis, "title": f"Classifica delle strategie dell'asse {axis.code}"}
    return {"scope": Scope.PLAN, "title": "Classifica delle strategie del Piano"}


@transaction.atomic
def demo_load(*, process, users: dict) -> int:
    """Returns how many exercises, ballots and supports it created (0 if already loaded)."""
    if PriorityExercise.objects.filter(process=process).exists():
        return 0
    staff = User.objects.filter(groups__name=Role.STAFF).order_by("pk").first()
    rng = random.Random(2023)  # reproducible demo data
    voters = _voters()
    created = 0

    for area in MacroArea.objects.order_by("code"):
        exercise = exercise_create(
            actor=staff,
            process=process,
            title=f"Le priorità per {area.name}",
            description="Distribuisci i tuoi punti tra le strategie del Piano che contano di più per la tua zona.",
            method=Method.DOTS,
            scope=Scope.PLAN,
            macro_area=area,
            points_total=10,
            points_per_item_max=4,
            results_visibility=ResultsVisibility.LIVE,
            open_now=True,
        )
        items = list(exercise.items.values_list("pk", flat=True))
        for user, zone, comune in voters:
            if zone.macro_area_id == area.pk:
                ballot_cast(user=user, exercise=exercise, points=_dots(rng, items, 10, 4), zona=zone, comune=comune)
                created += 1
        created += 1

    ranking = exercise_create(
        actor=staff,
        process=process,
        description="Esercizio dei tavoli territoriali: ciascuno ha messo in ordine le strategie più importanti.",
        method=Method.RANKING,
        top_k=3,
        results_visibility=ResultsVisibility.AFTER_CLOSE,
        open_now=True,
        **_ranking_scope(process),
    )
    items = list(ranking.items.values_list("pk", flat=True))
    for user, zone, comune in voters:
        ballot_cast(user=user, exercise=ranking, ranking=rng.sample(items, min(3, len(items))), zona=zone, comune=comune)
        created += 1
    exercise_close(actor=staff, exercise=ranking)
    created += 1

    ideas = list(Contribution.objects.public().filter(process=process).order_by("pk")[:20])
    # the demo citizen is left without supports and ballots, to try them first-hand
    supporters = [user for user, _zone, _comune in voters] + [user for key, user in users.items() if key != "citizen"]
    for user in supporters:
        for idea in rng.sample(ideas, rng.randint(0, min(4, len(ideas)))):
            support_add(user=user, contribution=idea)
            created += 1
    return created
